import torch

x = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
print(torch.zeros_like(x))
print(torch.ones_like(x))
print(torch.full_like(x, 0.5))
print(torch.ones_like(torch.tensor([1, 2])))
print(torch.zeros_like(x, dtype=torch.float64))
