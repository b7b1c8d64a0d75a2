# Exercise 3 with a random matrix a (fixed values, so the output is deterministic).
# Copy-paste fix: f(a) re-indented with spaces (tabs and spaces were mixed).
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


a = torch.tensor([[0.5, -1.0], [2.0, 0.25]], requires_grad=True)
d = f(a)
print(d)
d.backward(torch.ones_like(d))
print(a.grad)
print(a.grad * a == d)
