import torch

a = torch.ones(2)
b = torch.ones(2, requires_grad=True)
c = b * 2
d = a * 2
print(a.is_leaf, b.is_leaf, c.is_leaf, d.is_leaf)
print(a.requires_grad, b.requires_grad, c.requires_grad, d.requires_grad)
print(c.detach().is_leaf, b.detach().requires_grad)
print(a.requires_grad_().is_leaf)
