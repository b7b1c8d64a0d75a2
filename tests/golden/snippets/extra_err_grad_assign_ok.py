import torch

x = torch.ones(3, requires_grad=True)
x.grad = torch.full((3,), 2.0)
print(x.grad)
(x * 3).sum().backward()
print(x.grad)
x.grad = None
print(x.grad)
