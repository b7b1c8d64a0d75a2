import torch

w = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
g = w[w > 2].grad_fn
print(type(g).__name__, g._saved_indices, g._saved_self_sym_sizes)
print(w[[0, 1]].grad_fn._saved_indices)
print(w[:, [1]].grad_fn._saved_indices)
print(torch.where(w > 2, w, 0.0).grad_fn._saved_condition)
