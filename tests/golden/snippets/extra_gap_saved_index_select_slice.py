import torch

w = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
g = w[0].grad_fn
print(type(g).__name__, g._saved_dim, g._saved_index, g._saved_self_sym_sizes)
g = w[..., 1].grad_fn
print(g._saved_dim, g._saved_index)
for s in [w[:, 1:], w[0:1], w[-1:], w[:, :-1], w[:], w[0:5:2]]:
    g = s.grad_fn
    print(type(g).__name__, g._saved_dim, g._saved_start, g._saved_end, g._saved_step, g._saved_self_sym_sizes)
