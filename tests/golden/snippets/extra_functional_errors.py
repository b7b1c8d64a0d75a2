import torch
from torch.autograd.functional import hessian, jacobian

x = torch.tensor([1.0, 2.0])
y = torch.tensor([3.0])
attempts = [
    lambda: jacobian(lambda t: t * 2, [1.0, 2.0]),
    lambda: jacobian(lambda t, u: t * 2, (x, 3.0)),
    lambda: jacobian(lambda t: 3.0, x),
    lambda: jacobian(lambda t: (t, 1), x),
    lambda: jacobian(lambda t, u: t * 2, (x, y), strict=True),
    lambda: jacobian(lambda t: torch.ones(2), x, strict=True),
    lambda: jacobian(lambda t: t * 2, x, strict=True, create_graph=True),
    lambda: jacobian(lambda t: t * 2, x, strategy="forward"),
    lambda: jacobian(lambda t: t * 2, x, strategy="forward-mode"),
    lambda: jacobian(lambda t: t * 2, x, strategy="forward-mode", create_graph=True),
    lambda: jacobian(lambda t: t * 2, x, strict=True, vectorize=True),
    lambda: hessian(lambda t: t * 2, x),
    lambda: hessian(lambda t: (t.sum(), t.sum()), x),
    lambda: hessian(lambda t: t.sum() * 2, x, strict=True),
    lambda: hessian(lambda t: t.sum(), x, outer_jacobian_strategy="x"),
    lambda: hessian(lambda t: t.sum(), "x"),
]
for attempt in attempts:
    try:
        print(attempt())
    except Exception as e:
        print(f"{type(e).__name__}: {e}")
print(jacobian(lambda t: torch.ones(2), x))
print(jacobian(lambda t: t * 2, x, vectorize=True))
print(hessian(lambda t: t.sum() * 2, x))
