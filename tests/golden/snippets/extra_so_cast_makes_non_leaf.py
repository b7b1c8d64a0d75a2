# A cast after requires_grad=True gives a non-leaf: its .grad stays None.
import torch

w = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True).float()
print(w.is_leaf, w.grad_fn, w.dtype)
(w * 3).sum().backward()
print(w.grad)
