import torch

def f(x, y):
    return (2 * x.pow(2) + 3 * y.pow(2) + x[0] * y[1]).sum()

x = torch.tensor([1.0, 2.0])
y = torch.tensor([-1.0, 0.5])
H = torch.autograd.functional.hessian(f, (x, y))
print(H)
H = torch.autograd.functional.hessian(lambda t: (t[0] * t[1] ** 2 + t.sin().sum()), torch.tensor([1.0, 2.0]))
print(H, H.requires_grad)
print(torch.autograd.functional.hessian(lambda m: (m ** 3).sum(), torch.ones(2, 2)).shape)
