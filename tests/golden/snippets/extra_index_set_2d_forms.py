# Every index form on a matrix, one after the other; each write bumps the version.
import torch

w = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
m = w * 1
m[0, 1] = 50
print(m.grad_fn, m._version)
m[:, 2] = -1
print(m.grad_fn, m._version)
m[1, [0, 2]] = 7
print(m.grad_fn, m._version)
m[m > 6] = 0
print(m.grad_fn, m._version)
m[..., 0] = 8
print(m.grad_fn, m._version)
m[-1] = torch.tensor([1.0, 1.0, 1.0])
print(m.grad_fn, m._version)
print(m)
m.sum().backward()
print(w.grad)
