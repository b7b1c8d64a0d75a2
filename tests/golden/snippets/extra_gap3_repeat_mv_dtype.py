import torch

x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
y = x.repeat(2, 1)
print(y, y.grad_fn, y.grad_fn._saved_repeats, y.grad_fn._saved_self_sym_sizes)
print(x.repeat(2, 1, 2).shape, x.repeat([1, 3]).shape, torch.tensor(5.0).repeat(3))
(x.repeat(2, 2) * torch.arange(24.0).reshape(4, 6)).sum().backward()
print(x.grad)
x.grad = None
(x.repeat(3, 1, 2) ** 2).sum().backward()
print(x.grad)
for bad in [lambda: x.repeat(2), lambda: x.repeat(2.0, 1)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
m = torch.ones(2, 3)
for c in [lambda: m.mv(torch.ones(3, dtype=torch.long)), lambda: m.long().mv(torch.ones(3)),
          lambda: m.double().mv(torch.ones(3)), lambda: m @ torch.ones(3, dtype=torch.long),
          lambda: torch.ones(3, dtype=torch.long) @ m.t(), lambda: m.long() @ torch.ones(3)]:
    try:
        c()
    except RuntimeError as e:
        print(e)
