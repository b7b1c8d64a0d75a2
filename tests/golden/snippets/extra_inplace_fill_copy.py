import torch

ops = {
    "zero_": lambda t: t.zero_(), "fill_": lambda t: t.fill_(2), "fill_ t": lambda t: t.fill_(torch.tensor(2.0)),
    "copy_": lambda t: t.copy_(torch.tensor([7.0, 8.0, 9.0])), "copy_ bcast": lambda t: t.copy_(torch.tensor([7.0])),
    "copy_ int": lambda t: t.copy_(torch.tensor([1, 2, 3])),
}

x = torch.tensor([0.5, -1.5, 2.0], requires_grad=True)
for name, op in ops.items():
    y = x * 1
    out = op(y)
    x.grad = None
    y.sum().backward()
    print(f"{name:12s} {out is y} {y.grad_fn.name():18s} v{y._version} {[round(v, 4) for v in y.tolist()]} {[round(g, 4) for g in x.grad.tolist()]}")
