import torch

x = torch.tensor([1.5, 2.5], requires_grad=True)
y = x.double()
print(y)
(y * y).sum().backward()
print(x.grad)
print(x.grad.dtype)
