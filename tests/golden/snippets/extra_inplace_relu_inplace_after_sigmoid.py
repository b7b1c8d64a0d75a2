# A classic: nn.ReLU(inplace=True) right after a sigmoid overwrites the output sigmoid saved.
import torch
import torch.nn as nn

x = torch.tensor([[0.5, -1.0]], requires_grad=True)
model = nn.Sequential(nn.Sigmoid(), nn.ReLU(inplace=True))
out = model(x)
print(out, out.grad_fn)
out.sum().backward()
