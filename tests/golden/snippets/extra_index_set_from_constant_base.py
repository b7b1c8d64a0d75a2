# A tensor that needs no grad gets a history when a value that does is written into it.
import torch

w = torch.tensor([2.0, 3.0], requires_grad=True)
b = torch.zeros(4)
b[1:3] = w
print(b, b.grad_fn, b.requires_grad, b.is_leaf)
(b * torch.tensor([1.0, 2.0, 3.0, 4.0])).sum().backward()
print(w.grad)
c = torch.zeros(3)
c[torch.tensor([0, 2])] = w
print(c, c.grad_fn)
