import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = (x ** 2).sum()
g = torch.autograd.grad(y, x)
print(g)
print(type(g).__name__, len(g))
print(x.grad)
