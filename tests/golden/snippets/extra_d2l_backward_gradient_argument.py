import torch

x = torch.arange(4.0, requires_grad=True)
y = x * x
y.backward(gradient=torch.ones(len(y)))
print(x.grad)
x.grad.zero_()
y = x * x
y.backward(gradient=torch.tensor([1.0, 0.0, 0.5, 2.0]))
print(x.grad)
