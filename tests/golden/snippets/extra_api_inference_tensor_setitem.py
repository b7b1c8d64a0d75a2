import torch

with torch.inference_mode():
    t = torch.ones(3)
    t[0] = 5.0
print(t)
try:
    t[1] = 7.0
except RuntimeError as e:
    print(e)
print(t)
t.mul_(2)
