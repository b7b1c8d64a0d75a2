import torch

x = torch.ones(2, requires_grad=True)
with torch.no_grad():
    y = x * 2
print(y.is_inference(), y.requires_grad)
print((x * y).sum())
