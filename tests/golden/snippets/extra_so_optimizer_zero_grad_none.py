import torch
from torch import nn, optim

model = nn.Linear(2, 1)
opt = optim.SGD(model.parameters(), lr=0.1)
model(torch.ones(4, 2)).sum().backward()
print([p.grad is None for p in model.parameters()])
opt.zero_grad()
print([p.grad is None for p in model.parameters()])
