import torch

w = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
y = w.index_select(1, torch.tensor([2, 0, 2]))
print(y)
g = y.grad_fn
print(type(g).__name__, g._saved_dim, g._saved_index, g._saved_self_sym_sizes)
y.sum().backward()
print(w.grad)
print(torch.index_select(w, 0, torch.tensor([1])))
print(w.index_select(1, torch.tensor(2)))
