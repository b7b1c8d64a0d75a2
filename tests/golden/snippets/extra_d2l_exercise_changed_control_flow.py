# d2l 2.5 exercise: change the control flow; the gradient is still d / a.
import torch


def f(a):
    b = a * 3
    while b.abs() < 100:
        b = b * 3
    return b if b > 0 else -b


for value in [0.1, -0.7]:
    a = torch.tensor(value, requires_grad=True)
    d = f(a)
    d.backward()
    print(d, a.grad, a.grad == d / a)
