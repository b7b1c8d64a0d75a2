import torch

v = torch.ones(3, requires_grad=True)
print(v.T)
print(v.T)
print(v.T.grad_fn.name())
m = torch.ones(2, 3)
print(m.T.shape)
# One warning for every tensor that is not 2-D: a 3-D .T does not warn again.
x = torch.ones(2, 3, 4)
print(x.T.shape, x.mT.shape)
