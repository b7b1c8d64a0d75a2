import torch

ops = {
    "clamp_": lambda t: t.clamp_(-1, 1), "clamp_ min": lambda t: t.clamp_(min=0), "clamp_ max": lambda t: t.clamp_(max=0),
    "clip_": lambda t: t.clip_(-1, 1), "clamp_min_": lambda t: t.clamp_min_(0), "clamp_max_": lambda t: t.clamp_max_(0.5),
}

x = torch.tensor([0.5, -1.5, 2.0], requires_grad=True)
for name, op in ops.items():
    y = x * 1
    out = op(y)
    x.grad = None
    y.sum().backward()
    print(f"{name:12s} {out is y} {y.grad_fn.name():18s} v{y._version} {[round(v, 4) for v in y.tolist()]} {[round(g, 4) for g in x.grad.tolist()]}")
