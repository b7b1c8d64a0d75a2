import torch

x = torch.tensor([[1.0, 5.0], [3.0, 2.0]], requires_grad=True)
y = torch.take_along_dim(x, torch.tensor([[1], [0]]), dim=1)
print(y.grad_fn, y.grad_fn.next_functions)
z = torch.take_along_dim(x, torch.tensor([[1, 0], [0, 0]]), dim=1)
print(z.grad_fn.next_functions)
a, b = torch.broadcast_tensors(x, torch.ones(2, 2))
print(a.grad_fn, b.grad_fn)
a, b = torch.broadcast_tensors(x, torch.ones(3, 2, 2))
print(a.grad_fn, b.grad_fn, a.shape)
w = torch.ones(2, 1, requires_grad=True)
g, = torch.autograd.grad((w * w).sum(1, keepdim=True).sum(), w, create_graph=True)
print(g.grad_fn, g.grad_fn.next_functions)
a, b = torch.broadcast_tensors(x, torch.ones(2, 2))
print(type(torch.broadcast_tensors(x, x)).__name__, a is x)
try:
    torch.broadcast_tensors(x, torch.ones(3))
except RuntimeError as e:
    print(e)
