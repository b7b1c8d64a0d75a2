# After the base changes in place, an older view's gradient goes through the change too.
import torch

x = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
b = x * 1
v = b[0:2]
print(v.grad_fn)
b.mul_(2)
print(v.grad_fn, v)
print([(type(f).__name__ if f else None, i) for f, i in v.grad_fn.next_functions])
v.sum().backward()
print(x.grad)
