import torch

x = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
z = x * 2
z[[0, 2]] = 7.
print(z, z.grad_fn)
z.sum().backward()
print(x.grad)
