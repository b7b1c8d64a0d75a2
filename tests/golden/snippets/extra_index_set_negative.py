import torch

x = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
z = x * 2
z[-1] = 0.
z[-3:-1] = 9.
print(z, z.grad_fn, z._version)
z.sum().backward()
print(x.grad)
