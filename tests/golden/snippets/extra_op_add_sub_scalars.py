import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
print(x + 1)
print(1 + x)
print(x - 1)
print(1 - x)
y = (x + 1) + (1 - x) * 2 - (x - 1)
print(y)
y.sum().backward()
print(x.grad)
