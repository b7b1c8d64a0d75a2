import torch

a = torch.tensor([2., 3.], requires_grad=True)
b = torch.tensor([6., 4.], requires_grad=True)
Q = 3 * a ** 3 - b ** 2
# 미분값이 두 개가 나와야하기 때문에,
# gradient 값의 크기를 잡아준다.
external_grad = torch.tensor([1., 1.])
Q.backward(gradient=external_grad)

print(a.grad)
print(b.grad)
# output: tensor([36.,81.])
# output: tensor([-12.,-8.])
