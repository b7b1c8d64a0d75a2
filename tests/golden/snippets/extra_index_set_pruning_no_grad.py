# Pruning small weights by a mask under no_grad; training goes on with the leaf.
import torch

w = torch.tensor([0.1, -0.8, 0.05, 1.2], requires_grad=True)
with torch.no_grad():
    w[w.abs() < 0.2] = 0
print(w, w.is_leaf, w._version)
loss = (w * torch.tensor([1.0, 2.0, 3.0, 4.0])).sum()
loss.backward()
print(w.grad)
with torch.no_grad():
    w.grad[w == 0] = 0
print(w.grad)
