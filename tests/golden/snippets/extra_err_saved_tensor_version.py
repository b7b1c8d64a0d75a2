import torch

x = torch.ones(3, requires_grad=True)
y = x * 2
z = y * y
y.add_(1)
print(y)
z.sum().backward()
