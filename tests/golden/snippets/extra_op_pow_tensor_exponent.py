import torch

a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
b = torch.tensor([2.0, 0.5, -1.0], requires_grad=True)
y = a ** b
print(y)
y.sum().backward()
print(a.grad)
print(b.grad)
print(torch.pow(a, 2))
