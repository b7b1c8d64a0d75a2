import torch

s = torch.tensor(3.0)
print(s[...], s[None], s[()])
print(s.item())
