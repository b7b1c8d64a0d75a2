import torch

x = torch.tensor(2.0)
J = torch.autograd.functional.jacobian(lambda t: t ** 3, x)
print(J, J.shape)
print(torch.autograd.functional.jacobian(lambda t: t * torch.tensor([1.0, 2.0]), x))
print(torch.autograd.functional.jacobian(lambda t: (t ** 2).sum(), torch.tensor([1.0, 2.0])))
print(torch.autograd.functional.hessian(lambda t: t ** 3, x))
