import torch

x = torch.tensor([3.0, 0.0, -4.0], requires_grad=True)
for p in [0, 1, 2, 3, 0.5, float("inf"), -float("inf"), -1]:
    n = x.norm(p=p)
    print(p, n)
    if n.grad_fn is not None and p != 0:
        g, = torch.autograd.grad(n, x)
        print("  grad", g)
