# Every way to read part of a tensor, with the node each one records and the gradient.
import torch

w = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
picks = {
    "int": lambda t: t[1],
    "negative": lambda t: t[-1, -2],
    "slice": lambda t: t[:, 1:],
    "step": lambda t: t[:, ::2],
    "ellipsis": lambda t: t[..., 0],
    "none": lambda t: t[None, 0],
    "list": lambda t: t[[0, 1, 1]],
    "long tensor": lambda t: t[torch.tensor([1, 0])],
    "mask": lambda t: t[t > 2],
    "tuple of lists": lambda t: t[[0, 1], [2, 0]],
    "int and list": lambda t: t[1, [0, 0, 2]],
}
for name, pick in picks.items():
    w.grad = None
    part = pick(w)
    part.sum().backward()
    print(f"{name:15s} {type(part.grad_fn).__name__:18s} {list(part.shape)} {w.grad.tolist()}")
