import torch

# Hessian-vector product of a tiny network, through TanhBackwardBackward0 and SigmoidBackwardBackward0
w = torch.tensor([[0.5, -1.0], [1.5, 0.25]], requires_grad=True)
x = torch.tensor([1.0, 2.0])
loss = torch.sigmoid(torch.tanh(w @ x)).sum()
g, = torch.autograd.grad(loss, w, create_graph=True)
print(g)
print(g.grad_fn)
v = torch.ones(2, 2)
hv, = torch.autograd.grad((g * v).sum(), w)
print(hv)
