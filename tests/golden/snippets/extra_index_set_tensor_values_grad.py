# Values that require grad get their own gradient, through index_put_ or CopySlices.
import torch

x = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
v = torch.tensor([10.0, 20.0], requires_grad=True)
z = x * 2
z[[0, 2]] = v
print(z, z.grad_fn)
print([(type(f).__name__ if f else None, i) for f, i in z.grad_fn.next_functions])
(z * torch.tensor([1.0, 2.0, 3.0, 4.0])).sum().backward()
print(x.grad, v.grad)
x.grad = None
v.grad = None
z = x * 2
z[1:3] = v
print(z, z.grad_fn)
print([(type(f).__name__ if f else None, i) for f, i in z.grad_fn.next_functions])
(z * torch.tensor([1.0, 2.0, 3.0, 4.0])).sum().backward()
print(x.grad, v.grad)
