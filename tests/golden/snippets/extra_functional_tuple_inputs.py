import torch

a = torch.tensor([1.0, 2.0])
b = torch.tensor([3.0, 4.0, 5.0])
J = torch.autograd.functional.jacobian(lambda a, b: (a[:, None] * b).sum(dim=1), (a, b))
print(type(J).__name__, len(J))
print(J[0])
print(J[1])
print(torch.autograd.functional.jacobian(lambda a: a * 2, (a,)))
