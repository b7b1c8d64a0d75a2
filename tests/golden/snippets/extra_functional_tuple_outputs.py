import torch

x = torch.tensor([1.0, 2.0])
y = torch.tensor([0.5, -1.0])
J = torch.autograd.functional.jacobian(lambda t: (t ** 2, t.sum()), x)
print(J)
J = torch.autograd.functional.jacobian(lambda s, t: (s * t, (s - t).sum(), t * 0), (x, y))
print(J)
print(torch.autograd.functional.jacobian(lambda s, t: (s * 3,), (x, y)))
