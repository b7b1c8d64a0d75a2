# torch.relu_(x), torch.sigmoid_(x), ...: the functional spellings PyTorch has.
import torch

ops = {
    "relu_": torch.relu_, "sigmoid_": torch.sigmoid_, "tanh_": torch.tanh_, "exp_": torch.exp_,
    "abs_": torch.abs_, "neg_": torch.neg_, "negative_": torch.negative_, "sin_": torch.sin_, "cos_": torch.cos_,
    "reciprocal_": torch.reciprocal_, "zero_": torch.zero_,
    "clamp_": lambda t: torch.clamp_(t, 0, 1), "clip_": lambda t: torch.clip_(t, -1, 1),
    "clamp_min_": lambda t: torch.clamp_min_(t, 0), "clamp_max_": lambda t: torch.clamp_max_(t, 0),
    "fill_": lambda t: torch.fill_(t, 1.0), "sqrt_": lambda t: torch.sqrt_(t.abs_()), "log_": lambda t: torch.log_(t.abs_()),
}

x = torch.tensor([0.5, -1.5, 2.0], requires_grad=True)
for name, op in ops.items():
    y = x * 1
    out = op(y)
    x.grad = None
    y.sum().backward()
    print(f"{name:12s} {out is y} {y.grad_fn.name():18s} v{y._version} {[round(v, 4) for v in y.tolist()]} {[round(g, 4) for g in x.grad.tolist()]}")
