import torch

with torch.inference_mode():
    t = torch.ones(2)
try:
    t.add_(1)
except RuntimeError as e:
    print("refused")
print(t)
with torch.no_grad():
    t.zero_()
