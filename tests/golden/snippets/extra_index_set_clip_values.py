# Clipping with two masks, then a loss.
import torch

x = torch.tensor([-2.0, -0.5, 0.5, 3.0], requires_grad=True)
y = x * 1
y[y > 1] = 1
y[y < -1] = -1
print(y, y._version)
(y ** 2).sum().backward()
print(x.grad)
