import torch

print(torch.tensor([]))
print(torch.zeros(0))
print(torch.zeros(0, 3))
print(torch.zeros(2, 0))
print(torch.tensor([], dtype=torch.int64))
print(torch.ones(0, dtype=torch.float64))
