import torch

print(torch.linspace(0, 1, 5))
print(torch.linspace(-1, 1, steps=3))
print(torch.linspace(0, 10, 4))
print(torch.eye(3))
print(torch.eye(2, 3))
print(torch.eye(2, dtype=torch.int64))
