import torch

x = torch.tensor([1.0, -1.0, 0.0])
print(x / 0, x // 0, x % 0)
print(torch.tensor([1, 2]) / 0)
