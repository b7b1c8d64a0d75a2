# Autograd mechanics, "Setting requires_grad": freeze part of a model.
import torch
from torch import nn

model = nn.Sequential(nn.Linear(3, 4), nn.Linear(4, 1))
for param in model[0].parameters():
    param.requires_grad_(False)
out = model(torch.ones(2, 3)).sum()
out.backward()
print([p.grad is None for p in model.parameters()])
print([p.requires_grad for p in model.parameters()])
