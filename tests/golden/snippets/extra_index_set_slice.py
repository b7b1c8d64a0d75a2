import torch

x = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
z = x * 3
z[1:3] = 7.
print(z, z._version)
z.sum().backward()
print(x.grad)
z = x * 3
z[::2] = 0
print(z)
