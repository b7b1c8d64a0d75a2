import torch

s = torch.tensor(2.0)
print(s.squeeze(0), s.squeeze(-1), s.unsqueeze(0))
s.squeeze(1)
