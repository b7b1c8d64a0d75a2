# v was saved (v * v); changing its base changes v too.
import torch

b = torch.tensor([1.0, 2.0], requires_grad=True)
y = b * 2
v = y.view(2)
z = v * v
y.add_(1)
print(v._version, v.grad_fn)
z.sum().backward()
