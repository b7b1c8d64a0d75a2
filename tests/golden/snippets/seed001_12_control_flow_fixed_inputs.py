# Copy-paste fix: the tutorial's f(a) mixes tabs and spaces in its indentation;
# re-indented with spaces, code unchanged. Fixed inputs instead of torch.randn
# (exercise 4: "redesign an example of the gradient of control flow"), one for
# each branch of the `if`.
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


for value in [0.5, -0.3, 3.0, -7.25]:
    a = torch.tensor(value, requires_grad=True)
    d = f(a)
    d.backward()
    print(a, d)
    print(a.grad)
    print(a.grad == d / a)
