# Changing a saved leaf in place under no_grad is also detected.
import torch

x = torch.ones(3, requires_grad=True)
z = (x * x).sum()
with torch.no_grad():
    x.mul_(2)
z.backward()
