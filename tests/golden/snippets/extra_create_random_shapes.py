import torch

a = torch.rand(2, 3)
b = torch.randn(4)
c = torch.randint(0, 10, (3, 2))
d = torch.randn(2, 2, requires_grad=True)
print(a.shape, a.dtype, bool(((a >= 0) & (a < 1)).all()))
print(b.shape, b.dtype)
print(c.shape, c.dtype, bool(((c >= 0) & (c < 10)).all()))
print(d.shape, d.requires_grad, d.is_leaf)
print(torch.rand(()).shape, torch.randn(size=(2,)).shape)
print(torch.rand_like(a).shape, torch.randn_like(a).dtype)
