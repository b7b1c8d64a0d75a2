import torch

print(torch.zeros(2, 3))
print(torch.ones(2))
print(torch.zeros((2, 2), dtype=torch.int64))
print(torch.ones(3, dtype=torch.bool))
print(torch.full((2, 2), 7.0))
print(torch.full((2,), 7))
print(torch.full((1, 2), True))
print(torch.zeros(()))
