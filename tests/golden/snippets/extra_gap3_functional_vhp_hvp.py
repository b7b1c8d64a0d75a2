import torch
from torch.autograd.functional import hessian, hvp, vhp


def f(x):
    return (x ** 3).sum() + x[0] * x[1]


x = torch.tensor([1.0, 2.0, 3.0])
v = torch.tensor([1.0, 0.0, 2.0])
print(vhp(f, x, v))
print(hvp(f, x, v))
print(hessian(f, x) @ v)
out, g = vhp(lambda a, b: (a * b).sum(), (x, x + 1), (v, v))
print(out, g)
out, g = hvp(lambda a, b: (a * a * b).sum(), (x, x + 1), (v, v))
print(out, g)
for call in [lambda: vhp(f, x), lambda: hvp(lambda a: a * 2, x, v), lambda: vhp(f, x, torch.ones(2)),
             lambda: hvp(lambda a: a.sum(), x, v, strict=True)]:
    try:
        print(call())
    except Exception as e:
        print(type(e).__name__, e)
