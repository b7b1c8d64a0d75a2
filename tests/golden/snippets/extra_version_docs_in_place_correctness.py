# The in-place correctness check of the autograd mechanics docs, step by step.
import torch

a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
b = a.exp()
print(b._version)
c = b * 2
b.add_(1)
print(b._version)
c.sum().backward()
print(a.grad)
d = a.exp()
e = d.sin()
d.mul_(2)
e.sum().backward()
