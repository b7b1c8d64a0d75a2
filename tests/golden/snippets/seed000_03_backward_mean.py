import torch

x = torch.ones(2, 2, requires_grad=True)  # 최초 Tensor 객체
y = x + 2
z = y * y * 3
out = z.mean()  # 미분 대상
out.backward()  # out.backward(torch.tensor(1.)) 과 동일
print(x.grad)  # dout/dx
