import torch

x = torch.tensor([1.0, 2.0, 4.0], requires_grad=True)
print(x * 2)
print(2 * x)
print(x / 2)
print(2 / x)
y = x * 3 + 6 / x - x / 4
print(y)
y.sum().backward()
print(x.grad)
