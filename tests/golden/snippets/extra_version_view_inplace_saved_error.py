# y was saved (y * y); changing it through a view changes y: backward refuses.
import torch

b = torch.tensor([1.0, 2.0], requires_grad=True)
y = b * 2
v = y.view(2)
z = y * y
v.add_(1)
print(y._version, y.grad_fn)
z.sum().backward()
