import torch

w = torch.tensor([1.0, 2.0], requires_grad=True)
print(w.data)
print(w.data.requires_grad)
w.data = w.data * 3
print(w, w.is_leaf)
(w * w).sum().backward()
print(w.grad)
print(w.grad.data)
