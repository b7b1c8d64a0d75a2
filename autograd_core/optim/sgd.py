"""``SGD``: stochastic gradient descent, with momentum, Nesterov and weight decay.

For each parameter p with gradient g, PyTorch's rule (``torch.optim.SGD``):

    g ← g + weight_decay · p                      (weight decay: the gradient of ½·wd·|p|²)
    b ← g                       at the first step (b: the momentum buffer)
    b ← momentum · b + (1 − dampening) · g        afterwards
    g ← g + momentum · b        (nesterov)   or   g ← b   (plain momentum)
    p ← p − lr · g

With momentum = 0 (the default) only the first and last lines remain.
"""
from .optimizer import Optimizer


class SGD(Optimizer):
    def __init__(self, params, lr=1e-3, momentum=0, dampening=0, weight_decay=0, nesterov=False, *,
                 maximize=False, foreach=None, differentiable=False, fused=None):
        if lr < 0.0:
            raise ValueError(f"Invalid learning rate: {lr}")
        if momentum < 0.0:
            raise ValueError(f"Invalid momentum value: {momentum}")
        if weight_decay < 0.0:
            raise ValueError(f"Invalid weight_decay value: {weight_decay}")
        # foreach, differentiable and fused choose among PyTorch's kernels; they are kept
        # so that the same code runs and prints the same, but there is one kernel here.
        defaults = {"lr": lr, "momentum": momentum, "dampening": dampening,
                    "weight_decay": weight_decay, "nesterov": nesterov, "maximize": maximize,
                    "foreach": foreach, "differentiable": differentiable, "fused": fused}
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError("Nesterov momentum requires a momentum and zero dampening")
        if differentiable:
            # PyTorch can then differentiate through step() itself; here step() records nothing.
            raise NotImplementedError("autograd_core's optimizers do not support differentiable=True")
        super().__init__(params, defaults)

    def _update(self, p, group):
        lr, momentum = group["lr"], group["momentum"]
        grad = -p.grad if group["maximize"] else p.grad       # maximize: climb instead of descend

        if group["weight_decay"] != 0:
            grad = grad.add(p, alpha=group["weight_decay"])   # a new tensor: p.grad stays as it is

        if momentum != 0:
            # The buffer remembers past steps, so that a direction that keeps coming
            # back gathers speed and a zigzag averages out.
            state = self.state[p]
            buf = state.get("momentum_buffer")
            if buf is None:
                buf = grad.detach().clone()
                state["momentum_buffer"] = buf
            else:
                buf.mul_(momentum).add_(grad, alpha=1 - group["dampening"])
            if group["nesterov"]:
                grad = grad.add(buf, alpha=momentum)          # look one step ahead along b
            else:
                grad = buf

        p.add_(grad, alpha=-lr)                               # in place: the model holds p
