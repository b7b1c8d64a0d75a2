import warnings

import torch

from torch.func import grad, grad_and_value, hessian, jacrev, vjp


def f(x):
    return (x ** 3).sum()


x = torch.tensor([1.0, 2.0])
g = grad(f)(x)
print(g, g.requires_grad, g.grad_fn)
print(grad(grad(lambda t: t.sin().sum() if t.ndim else t.sin()))(torch.tensor(0.5)))
print(grad_and_value(f)(x))
print(grad(lambda a, b: (a * b).sum(), argnums=1)(x, torch.tensor([3.0, 4.0])))
print(grad(lambda a, b: (a * b).sum(), argnums=(0, 1))(x, torch.tensor([3.0, 4.0])))
print(grad(lambda a: ((a ** 2).sum(), a.mean()), has_aux=True)(x))
print(jacrev(lambda a: a ** 2)(x))
with warnings.catch_warnings():     # (PyTorch's hessian, jacfwd of jacrev, warns about torch.jit internals)
    warnings.simplefilter("ignore")
    print(hessian(f)(x))
out, fn = vjp(lambda a: a ** 2, x)
print(out, fn(torch.ones(2)))
xr = torch.tensor([1.0, 2.0], requires_grad=True)
print(grad(f)(xr))
print(grad(lambda a: torch.tensor(3.0))(x))
for bad in [lambda: grad(lambda a: a * 2)(x), lambda: grad(f, argnums=2)(x), lambda: grad(lambda a: a.sum().long())(x)]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
