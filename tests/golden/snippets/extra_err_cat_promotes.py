import torch

print(torch.cat([torch.ones(2), torch.ones(2, dtype=torch.int64)]))
print(torch.cat([torch.ones(2, dtype=torch.int64), torch.ones(2, dtype=torch.float64)]))
