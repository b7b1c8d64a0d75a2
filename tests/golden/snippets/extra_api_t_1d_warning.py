import torch

v = torch.ones(3, requires_grad=True)
print(v.T)
print(v.T)
print(v.T.grad_fn.name())
m = torch.ones(2, 3)
print(m.T.shape)
