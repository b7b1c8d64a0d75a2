# One value for many places: the value's gradient is the sum over the places.
import torch

x = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
s = torch.tensor(5.0, requires_grad=True)
z = x * 1
z[1:] = s
print(z, z.grad_fn)
z.sum().backward()
print(x.grad, s.grad)
m = torch.zeros(2, 3)
r = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
m[:] = r
print(m, m.grad_fn, m.requires_grad)
(m * torch.tensor([[1.0], [10.0]])).sum().backward()
print(r.grad)
