import torch

x = torch.tensor([1, 2, 3]).float().requires_grad_()
print(x)
(x ** 2).sum().backward()
print(x.grad)
