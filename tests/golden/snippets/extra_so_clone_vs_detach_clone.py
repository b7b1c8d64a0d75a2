import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
a = x.clone()
b = x.detach().clone()
print(a.grad_fn, a.requires_grad, a.is_leaf)
print(b.grad_fn, b.requires_grad, b.is_leaf)
