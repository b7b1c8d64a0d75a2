# .data is invisible to the version check (so it can silently give a wrong gradient).
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x.exp()
y.data.zero_()
print(y._version)
y.sum().backward()
print(x.grad)
