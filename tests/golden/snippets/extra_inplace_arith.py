# The arithmetic in-place methods on a non-leaf: node, version, values, gradient.
import torch

ops = {
    "add_": lambda t: t.add_(1), "add_ t": lambda t: t.add_(torch.ones(3)), "add_ alpha": lambda t: t.add_(torch.ones(3), alpha=2),
    "sub_": lambda t: t.sub_(1), "sub_ alpha": lambda t: t.sub_(torch.ones(3), alpha=2),
    "mul_": lambda t: t.mul_(2), "mul_ t": lambda t: t.mul_(torch.tensor([1.0, 2.0, 3.0])),
    "div_": lambda t: t.div_(2), "div_ t": lambda t: t.div_(torch.tensor([1.0, 2.0, 4.0])),
    "true_divide_": lambda t: t.true_divide_(2), "pow_": lambda t: t.pow_(2),
    "pow_ t": lambda t: t.pow_(torch.tensor([1.0, 2.0, 3.0])), "remainder_": lambda t: t.remainder_(2),
    "neg_": lambda t: t.neg_(), "negative_": lambda t: t.negative_(), "reciprocal_": lambda t: t.reciprocal_(),
}

x = torch.tensor([0.5, -1.5, 2.0], requires_grad=True)
for name, op in ops.items():
    y = x * 1
    out = op(y)
    x.grad = None
    y.sum().backward()
    print(f"{name:12s} {out is y} {y.grad_fn.name():18s} v{y._version} {[round(v, 4) for v in y.tolist()]} {[round(g, 4) for g in x.grad.tolist()]}")
