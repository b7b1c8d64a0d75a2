import torch

x = torch.tensor([1, 2, 3])
x.add_(1)
x *= 2
print(x)
x.add_(torch.tensor([1, 1, 1]), alpha=3)
print(x)
print(torch.add(x, x, alpha=2))
