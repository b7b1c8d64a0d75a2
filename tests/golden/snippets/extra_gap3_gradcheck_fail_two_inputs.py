import torch


def f(a, b):
    return a * b.detach() + b


a = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
b = torch.tensor([3.0, 4.0], dtype=torch.float64, requires_grad=True)
try:
    torch.autograd.gradcheck(f, (a, b))
except Exception as e:
    print(type(e).__name__)
    print(e)
try:
    torch.autograd.gradcheck(lambda t: t.detach() * 2, (a,))
except Exception as e:
    print(type(e).__name__)
    print(e)
