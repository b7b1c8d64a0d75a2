import torch

x = torch.arange(12.0).reshape(3, 4)
print(x[[0, 2]])
print(x[torch.tensor([2, 0])])
print(x[[0, 1], [1, 3]])
print(x[:, [0, 0, 3]])
print(x[torch.tensor([[0, 1], [2, 0]])].shape)
