import torch

print(torch.scalar_tensor(3))
print(torch.scalar_tensor(0.01))
print(torch.scalar_tensor(2, dtype=torch.int64))
print(torch.scalar_tensor(1).shape)
