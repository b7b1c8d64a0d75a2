import torch

w = torch.tensor([1.0, 2.0], requires_grad=True)
with torch.no_grad():
    w.copy_(torch.tensor([5.0, 6.0]))
print(w, w._version, w.is_leaf, w.grad_fn)
try:
    w.copy_(torch.tensor([0.0, 0.0]))
except RuntimeError as e:
    print(e)
