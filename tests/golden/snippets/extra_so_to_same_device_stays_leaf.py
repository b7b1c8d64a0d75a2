import torch

w = torch.tensor([1.0, 2.0], requires_grad=True).to("cpu")
print(w.is_leaf, w.requires_grad)
v = torch.tensor([1.0, 2.0], requires_grad=True).to(torch.float64)
print(v.is_leaf, v.grad_fn)
