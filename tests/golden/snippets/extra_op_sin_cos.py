import torch

x = torch.tensor([0.0, 1.0, 2.0], requires_grad=True)
y = torch.sin(x)
z = torch.cos(x)
print(y)
print(z)
(y * z).sum().backward()
print(x.grad)
