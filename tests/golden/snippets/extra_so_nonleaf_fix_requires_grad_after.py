import torch

w = (torch.ones(3) * 0.01).requires_grad_()
loss = (w * 2).sum()
loss.backward()
print(w.is_leaf, w.grad)
