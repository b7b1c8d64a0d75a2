import torch

x = torch.tensor([[1.0, -2.0], [3.0, -4.0]], requires_grad=True)
w = torch.where(x > 0, x, torch.zeros(2, 2))
print(w.grad_fn, w.grad_fn._saved_condition)
idx = torch.tensor([[0, 0], [1, 0]])
g = x.gather(1, idx)
print(g.grad_fn, g.grad_fn._saved_index, g.grad_fn._saved_dim, g.grad_fn._saved_sparse_grad)
s = x[torch.tensor([1, 0])]
print(s.grad_fn, s.grad_fn._saved_indices)
i = x.index_select(0, torch.tensor([1]))
print(i.grad_fn, i.grad_fn._saved_index, i.grad_fn._saved_dim)
(w.sum() + g.sum() + s.sum() + i.sum()).backward()
print(x.grad)
for get in [lambda: w.grad_fn._saved_condition, lambda: g.grad_fn._saved_index, lambda: s.grad_fn._saved_indices,
            lambda: i.grad_fn._saved_index, lambda: g.grad_fn._saved_dim, lambda: i.grad_fn._saved_dim]:
    try:
        print(get())
    except RuntimeError as e:
        print("RuntimeError", e[:60] if isinstance(e, str) else str(e)[:60])
