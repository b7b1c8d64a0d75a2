import torch

with torch.inference_mode():
    t = torch.ones(2)
    t.add_(1)
print(t)
t.add_(1)
