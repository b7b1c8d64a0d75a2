import torch

x = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
views = {
    "view": lambda b: b.view(2, 2), "select": lambda b: b[0], "t": lambda b: b.view(2, 2).t(),
    "unsqueeze": lambda b: b.unsqueeze(0), "narrow": lambda b: b.narrow(0, 1, 2),
    "view of view": lambda b: b.view(2, 2)[1], "permute": lambda b: b.view(2, 2).permute(1, 0),
}
for name, make in views.items():
    b = x * 1
    v = make(b)
    v.mul_(3)
    x.grad = None
    (b * torch.tensor([1.0, 2.0, 3.0, 4.0])).sum().backward()
    print(f"{name:12s} {b.grad_fn.name()} {v.grad_fn.name()} {b.tolist()} {x.grad.tolist()}")
