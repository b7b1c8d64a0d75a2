# The gradient of the norm at the zero vector is zero.
import torch

x = torch.zeros(3, requires_grad=True)
n = x.norm()
n.backward()
print(n, x.grad)
