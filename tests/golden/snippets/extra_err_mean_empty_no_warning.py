import torch

print(torch.ones(0).mean())
print(torch.ones(2, 0).sum(1))
