# With requires_grad=True, printing a result shows grad_fn=<...>.
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 2
z = y.sum()
print(x)
print(y)
print(z)
print(z.grad_fn)
