# Every cast between the five dtypes: values, dtype, whether the graph goes on.
import torch

names = ["float32", "float64", "int64", "int32", "bool"]
source = torch.tensor([0.0, -1.5, 2.7], requires_grad=True)
for a in names:
    start = source.to(getattr(torch, a))
    for b in names:
        out = start.to(getattr(torch, b))
        print(a, b, out.tolist(), out.requires_grad, type(out.grad_fn).__name__ if out.grad_fn else None)
