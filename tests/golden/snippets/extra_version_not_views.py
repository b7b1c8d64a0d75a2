# These copy (or detach): their own counters.
import torch

x = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
others = {
    "clone": lambda b: b.clone(), "mask": lambda b: b[b > 1], "list": lambda b: b[[0, 1]],
    "double": lambda b: b.double(), "long": lambda b: b.long(), "t().reshape": lambda b: b.t().reshape(4),
    "data": lambda b: b.data, "detach": lambda b: b.detach(), "b * 1": lambda b: b * 1,
}
for name, make in others.items():
    b = x.clone()
    o = make(b)
    o.add_(1)
    print(f"{name:12s} is_view={o._is_view()} base={o._base is b} versions={b._version},{o._version}")
