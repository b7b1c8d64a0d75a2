# z[0] = 100. on a non-leaf: a view of z gets the value, z's history becomes CopySlices.
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
z = x * 2
z[0] = 100.
print(z)
print(z.grad_fn)
print(z.grad_fn.name(), z._version)
print([(type(f).__name__ if f else None, i) for f, i in z.grad_fn.next_functions])
(z * z).sum().backward()
print(x.grad)
