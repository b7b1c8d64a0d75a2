import torch

x = torch.tensor([[0.0, 1.0], [2.0, 3.0], [4.0, 5.0], [6.0, 7.0], [8.0, 9.0]], requires_grad=True)
a = x.split(2)
print(a, type(a).__name__)
print([t.grad_fn for t in x.split([1, 4])])
print([t.grad_fn for t in x.chunk(3)], [t.shape for t in x.chunk(3)])
print(x.chunk(2, 1)[0].grad_fn._saved_split_size, x.split([1, 4])[0].grad_fn._saved_split_sizes,
      x.split([1, 4])[0].grad_fn._saved_self_sym_sizes, x.split(2, -1)[0].grad_fn._saved_dim)
print([n for n in dir(x.unbind(1)[0].grad_fn) if n.startswith("_saved_")], x.unbind(-1)[0].grad_fn._saved_dim)
first, second = x.chunk(2, dim=1)
print(first.grad_fn is second.grad_fn, (first * second).grad_fn.next_functions)
y = x * 1
p, q = y.split([2, 3])
(p.sum() * 2).backward()
print(x.grad)
x.grad = None
rows = x.unbind()
(rows[0] * rows[4]).sum().backward()
print(x.grad)
x.grad = None
mean, logvar = x.chunk(2, dim=1)
(mean ** 2 + logvar.exp()).sum().backward()
print(x.grad)
for change in [lambda: p.add_(1), lambda: x.unbind()[0].add_(1), lambda: x.chunk(2)[1].mul_(2), lambda: y.unbind(1)[1].zero_()]:
    try:
        change()
    except RuntimeError as e:
        print(e)
with torch.no_grad():
    pieces = x.split(2)
print(pieces[0].grad_fn, x.detach().split(2)[0].add_(0).shape)
for c in [lambda: x.split(0), lambda: x.split([1, 2]), lambda: x.chunk(0), lambda: x.split(2, dim=2), lambda: x.unbind(3),
          lambda: torch.split(x, [5], 0)[0].shape, lambda: x.split(7), lambda: len(x.chunk(7)), lambda: x.chunk(2.0),
          lambda: x.split(2.5), lambda: torch.chunk(x, 2, 1)[1], lambda: [t.shape for t in torch.unbind(x, 1)]]:
    try:
        print(c())
    except Exception as e:
        print(type(e).__name__, e)
g, = torch.autograd.grad(sum(t.sum() for t in x.split(2)), x, create_graph=True)
print(g.grad_fn)
