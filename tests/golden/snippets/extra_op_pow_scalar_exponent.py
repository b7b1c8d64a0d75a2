import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x ** 2
print(y)
y.sum().backward()
print(x.grad)
x.grad = None
z = x ** 0.5
print(z)
z.sum().backward()
print(x.grad)
