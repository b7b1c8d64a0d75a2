# Elementwise functions in place: the same node as the out-of-place function.
import torch

ops = {
    "exp_": lambda t: t.exp_(), "log_": lambda t: t.abs_().log_(), "sqrt_": lambda t: t.abs_().sqrt_(),
    "abs_": lambda t: t.abs_(), "absolute_": lambda t: t.absolute_(), "sin_": lambda t: t.sin_(),
    "cos_": lambda t: t.cos_(), "tanh_": lambda t: t.tanh_(), "sigmoid_": lambda t: t.sigmoid_(),
    "relu_": lambda t: t.relu_(), "sign_": lambda t: t.sign_(),
}

x = torch.tensor([0.5, -1.5, 2.0], requires_grad=True)
for name, op in ops.items():
    y = x * 1
    out = op(y)
    x.grad = None
    y.sum().backward()
    print(f"{name:12s} {out is y} {y.grad_fn.name():18s} v{y._version} {[round(v, 4) for v in y.tolist()]} {[round(g, 4) for g in x.grad.tolist()]}")
