import torch

w = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
y = w.gather(1, torch.tensor([[0, 0], [2, 1]]))
print(y)
g = y.grad_fn
print(g._saved_dim, g._saved_index, g._saved_sparse_grad, g._saved_self is w)
(y * torch.tensor([[1.0, 2.0], [3.0, 4.0]])).sum().backward()
print(w.grad)
print(torch.gather(w, 0, torch.tensor([[1, 0, 1]])))
print(w.gather(1, torch.tensor([[0, 1, 2, 0]])))
print(torch.take_along_dim(w, torch.tensor([5, 0])))
print(w.take_along_dim(torch.tensor([[1], [0]]), 1))
