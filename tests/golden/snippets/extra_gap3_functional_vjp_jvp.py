import torch
from torch.autograd.functional import jvp, vjp


def f(x):
    return x ** 2 + x.sum()


x = torch.tensor([1.0, 2.0, 3.0])
v = torch.tensor([1.0, 0.0, 2.0])
print(vjp(f, x, v))
print(jvp(f, x, v))
out, g = vjp(lambda a, b: a * b, (x, x + 1), v)
print(out, g)
out, g = jvp(lambda a, b: (a * b, a + b), (x, x + 1), (v, v))
print(out, g)
print(vjp(lambda a: a.sum(), x))
print(jvp(lambda a: a.sum(), x, v))
out, g = vjp(f, x, v, create_graph=True)
print(out.requires_grad, g.requires_grad)
xr = x.clone().requires_grad_()
out, g = vjp(f, xr, v, create_graph=True)
print(out, g)
for call in [lambda: vjp(f, x), lambda: jvp(f, x), lambda: vjp(f, x, torch.ones(2)), lambda: vjp(f, [x], v),
             lambda: jvp(lambda a: a.detach(), x, v, strict=True), lambda: vjp(lambda a: 3, x)]:
    try:
        print(call())
    except Exception as e:
        print(type(e).__name__, e)
