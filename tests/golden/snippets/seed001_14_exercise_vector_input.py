# Exercise 3: f(a) with a random vector a: d is no longer a scalar.
# Copy-paste fix: f(a) re-indented with spaces (tabs and spaces were mixed).
# Only seed-independent things are printed (the input is random).
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


a = torch.randn(size=(3,), requires_grad=True)
d = f(a)
print(d.shape)
d.backward()
