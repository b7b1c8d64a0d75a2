# d2l 2.5 exercise: run f with a vector a; backward on a vector needs a gradient.
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


a = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
d = f(a)
print(d)
d.sum().backward()
print(a.grad)
print(a.grad == d / a)
d = f(a)
d.backward()
