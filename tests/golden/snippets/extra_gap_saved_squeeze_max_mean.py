import torch

w = torch.tensor([[1.0, 5.0], [3.0, 4.0]], requires_grad=True)
g = w.unsqueeze(0).squeeze(0).grad_fn
print(type(g).__name__, g._saved_dim, g._saved_self_sym_sizes)
g = w.max(dim=0).values.grad_fn
print(type(g).__name__, g._saved_dim, g._saved_keepdim, g._saved_indices)
g = w.min(1, keepdim=True).values.grad_fn
print(type(g).__name__, g._saved_indices)
print(w.mean().grad_fn._saved_self_sym_numel, w.mean(0).grad_fn._saved_self_sym_numel)
