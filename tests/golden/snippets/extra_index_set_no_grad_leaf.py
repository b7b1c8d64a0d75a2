# Under no_grad a leaf may be changed (the optimizer's way); it stays a leaf.
import torch

x = torch.tensor([-1.0, 2.0, -3.0], requires_grad=True)
with torch.no_grad():
    x[x < 0] = 0
    x[1] = 5
    x[1:] *= 2
print(x, x._version, x.is_leaf, x.grad_fn)
(x * x).sum().backward()
print(x.grad)
