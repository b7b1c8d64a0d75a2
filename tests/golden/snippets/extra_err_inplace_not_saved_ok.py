# add does not save its inputs, so modifying y afterwards is fine.
import torch

x = torch.ones(3, requires_grad=True)
y = x * 2
z = y + 1
y.add_(1)
z.sum().backward()
print(x.grad, y, z)
