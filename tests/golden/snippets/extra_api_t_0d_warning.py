import torch

s = torch.tensor(2.0)
print(s.T)
print(s.T)
