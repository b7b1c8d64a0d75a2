# Copy-paste fix: the tutorial's f(a) mixes tabs and spaces in its indentation
# (a TabError as printed); re-indented with spaces, code unchanged.
# The input is random (torch.randn) and our RNG cannot match torch's, so this
# snippet prints only seed-independent things. The tutorial's own check
# `a.grad == d / a` is rounding-dependent for negative draws (c = 100 * b: about
# 6% of seeds print tensor(False) in PyTorch); `a.grad * a == d` is the same
# identity (d = k * a with k = a.grad) and holds exactly for every draw.
# seed001_12 runs the tutorial's `a.grad == d / a` on fixed inputs.
import torch


def f(a):
    b = a * 2
    while b.norm() < 1000:
        b = b * 2
    if b.sum() > 0:
        c = b
    else:
        c = 100 * b
    return c


a = torch.randn(size=(), requires_grad=True)
d = f(a)
d.backward()

print(a.grad * a == d)
print(a.grad.shape, d.shape, d.grad_fn is not None)
