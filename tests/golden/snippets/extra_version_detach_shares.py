import torch

b = torch.tensor([1.0, 2.0], requires_grad=True)
b.detach().add_(1)
print(b, b._version)
d = b.detach()
d.mul_(2)
print(b._version, d._version)
b.data.add_(1)          # .data: the same memory, a counter of its own
print(b, b._version)
y = b * 2
z = y * y
y.detach().add_(1)
z.sum().backward()
