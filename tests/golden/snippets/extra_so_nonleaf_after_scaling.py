# "Why is my weight's grad None?": the multiplication made w a non-leaf.
import torch

w = torch.ones(3, requires_grad=True) * 0.01
loss = (w * 2).sum()
loss.backward()
print(w.is_leaf, w.grad_fn)
print(w.grad)
