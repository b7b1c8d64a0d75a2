import torch
from torch.autograd.functional import jacobian

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
J = jacobian(lambda t: torch.stack([t[0] * t[1], t[1] ** 2, t.sum()]), x)
print(J)
print(J.shape, J.requires_grad, J.grad_fn, x.grad)
print(jacobian(torch.sin, torch.tensor([0.0, 1.0])))
