# A change under no_grad still counts; the view's history is rebuilt from its base.
import torch

x = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
b = x * 1
v = b.view(2, 2)
with torch.no_grad():
    v.add_(1)
print(b._version, v._version, b.grad_fn, v.grad_fn)
b.sum().backward()
print(x.grad)
