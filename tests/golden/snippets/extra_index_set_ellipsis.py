# z[...] = v writes into z itself: fill_ with a 0-dim tensor (FillBackward3).
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
z = x * 2
z[...] = 7.
print(z, z.grad_fn)
z.sum().backward()
print(x.grad)
