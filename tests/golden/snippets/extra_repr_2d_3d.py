import torch

print(torch.tensor([[1.0, -2.5], [30.0, 4.0]]))
print(torch.arange(12.0).reshape(2, 2, 3))
print(torch.arange(8).reshape(2, 2, 2))
print(torch.ones(1, 1, 1, 2))
