# In place through a view of a non-leaf: the base becomes CopySlices, the view AsStridedBackward0.
import torch

x = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
b = x * 1
v = b[1:3]
v.mul_(2)
print(b, v)
print(b.grad_fn, v.grad_fn)
print([(type(f).__name__ if f else None, i) for f, i in b.grad_fn.next_functions])
print([(type(f).__name__ if f else None, i) for f, i in v.grad_fn.next_functions])
print(b._version, v._version)
b.sum().backward(retain_graph=True)
print(x.grad)
x.grad = None
v.sum().backward()
print(x.grad)
