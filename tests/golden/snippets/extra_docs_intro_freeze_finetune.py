# A Gentle Introduction: freeze the network, replace the classifier, train only it.
import torch
from torch import nn, optim

model = nn.Sequential(nn.Linear(8, 6), nn.ReLU(), nn.Linear(6, 4))
for param in model.parameters():
    param.requires_grad = False
model[2] = nn.Linear(6, 2)
print([p.requires_grad for p in model.parameters()])
optimizer = optim.SGD(model.parameters(), lr=1e-2, momentum=0.9)
model(torch.ones(3, 8)).sum().backward()
print([p.grad is None for p in model.parameters()])
optimizer.step()
