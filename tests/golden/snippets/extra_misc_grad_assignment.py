import torch

w = torch.tensor([1.0, 2.0], requires_grad=True)
w.grad = torch.tensor([0.5, 0.5])
(w * 2).sum().backward()
print(w.grad)
w.grad = None
print(w.grad)
