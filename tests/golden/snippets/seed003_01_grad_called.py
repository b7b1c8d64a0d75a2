# Kept as written: the tutorial calls w.grad() although .grad is a tensor
# attribute, not a method. PyTorch raises TypeError; that is what we reproduce.
import torch

w = torch.tensor(2.0, requires_grad=True)
y = w**2
z = 10*y + 25
z.backward()
w.grad()
# output : tensor(40.)
