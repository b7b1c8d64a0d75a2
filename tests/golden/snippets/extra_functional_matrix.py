import torch

W = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, -6.0]])
J = torch.autograd.functional.jacobian(lambda m: m @ torch.tensor([1.0, -1.0]), W)
print(J.shape)
print(J)
J = torch.autograd.functional.jacobian(lambda m: m.exp(), torch.tensor([[0.0, 1.0], [2.0, 0.5]]))
print(J.shape)
print(J.sum(dim=(2, 3)))
