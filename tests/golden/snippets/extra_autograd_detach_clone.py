import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
d = x.detach()
c = x.clone()
print(d, c)
print(d.requires_grad, c.requires_grad, c.is_leaf)
(c * 3).sum().backward()
print(x.grad)
