"""``Adam``: a step size per parameter element, from running averages of g and g².

For each parameter p with gradient g, at step t = 1, 2, ... (``torch.optim.Adam``):

    g ← g + weight_decay · p                      (or, decoupled: p ← p · (1 − lr · weight_decay))
    m ← β₁ · m + (1 − β₁) · g                     (average gradient: the direction)
    v ← β₂ · v + (1 − β₂) · g²                    (average squared gradient: the scale)
    m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ)         (m and v start at 0: undo that bias)
    p ← p − lr · m̂ / (√v̂ + eps)

With amsgrad, √v̂ uses the largest v seen so far, so the step size never grows back.
The code below takes PyTorch's steps, in its order (its float32 results agree to rounding).
"""

from ..creation import tensor, zeros_like
from ..ops.elementwise import maximum
from .optimizer import Optimizer


class Adam(Optimizer):
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, amsgrad=False, *,
                 foreach=None, maximize=False, capturable=False, differentiable=False, fused=None,
                 decoupled_weight_decay=False):
        if not 0.0 <= lr:
            raise ValueError(f"Invalid learning rate: {lr}")
        if not 0.0 <= eps:
            raise ValueError(f"Invalid epsilon value: {eps}")
        if not 0.0 <= betas[0] < 1.0:
            raise ValueError(f"Invalid beta parameter at index 0: {betas[0]}")
        if not 0.0 <= betas[1] < 1.0:
            raise ValueError(f"Invalid beta parameter at index 1: {betas[1]}")
        if not 0.0 <= weight_decay:
            raise ValueError(f"Invalid weight_decay value: {weight_decay}")
        if not (isinstance(betas[0], float) and isinstance(betas[1], float)):
            # (PyTorch also takes two tensors here; autograd_core takes floats only.)
            raise ValueError("betas must be either both floats or both Tensors")
        defaults = {"lr": lr, "betas": tuple(betas), "eps": eps, "weight_decay": weight_decay,
                    "amsgrad": amsgrad, "maximize": maximize, "foreach": foreach,
                    "capturable": capturable, "differentiable": differentiable, "fused": fused,
                    "decoupled_weight_decay": decoupled_weight_decay}
        if differentiable:
            # PyTorch can then differentiate through step() itself; here step() records nothing.
            raise NotImplementedError("autograd_core's optimizers do not support differentiable=True")
        super().__init__(params, defaults)

    def _update(self, p, group):
        lr, (beta1, beta2), eps = group["lr"], group["betas"], group["eps"]
        weight_decay = group["weight_decay"]
        grad = -p.grad if group["maximize"] else p.grad

        state = self.state[p]
        if len(state) == 0:                                   # the first step of this parameter
            state["step"] = tensor(0.0)                       # a float32 tensor, as in PyTorch
            state["exp_avg"] = zeros_like(p)                  # m
            state["exp_avg_sq"] = zeros_like(p)               # v
            if group["amsgrad"]:
                state["max_exp_avg_sq"] = zeros_like(p)       # the largest v so far
        exp_avg, exp_avg_sq = state["exp_avg"], state["exp_avg_sq"]

        state["step"] += 1
        step = state["step"].item()

        if weight_decay != 0:
            if group["decoupled_weight_decay"]:
                p.mul_(1 - lr * weight_decay)                 # AdamW: shrink p itself
            else:
                grad = grad.add(p, alpha=weight_decay)

        # m ← m + (1 − β₁)(g − m), which is β₁ m + (1 − β₁) g (PyTorch: exp_avg.lerp_(grad, 1 − β₁))
        exp_avg.add_(grad - exp_avg, alpha=1 - beta1)
        # v ← β₂ v + (1 − β₂) g²   (PyTorch: exp_avg_sq.mul_(β₂).addcmul_(grad, grad, value=1 − β₂))
        exp_avg_sq.mul_(beta2).add_(grad * grad, alpha=1 - beta2)

        bias_correction1 = 1 - beta1 ** step
        bias_correction2 = 1 - beta2 ** step
        step_size = lr / bias_correction1

        if group["amsgrad"]:
            state["max_exp_avg_sq"].copy_(maximum(state["max_exp_avg_sq"], exp_avg_sq))
            exp_avg_sq = state["max_exp_avg_sq"]
        denom = (exp_avg_sq.sqrt() / bias_correction2 ** 0.5).add_(eps)

        # p ← p − step_size · m / denom   (PyTorch: p.addcdiv_(exp_avg, denom, value=-step_size))
        p.add_(exp_avg / denom, alpha=-step_size)
