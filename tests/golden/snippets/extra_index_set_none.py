import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
z = x * 2
z[None] = 5.
print(z, z.grad_fn)
z = x * 2
z[None, 1] = 5.
print(z, z.grad_fn)
z.sum().backward()
print(x.grad)
