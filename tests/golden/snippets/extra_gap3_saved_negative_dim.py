import torch

x = torch.randn(2, 3, 4, requires_grad=True)
for name, y in [("sum", x.sum(-1)), ("sum2", x.sum((-1, 0))), ("mean", x.mean(-2)), ("softmax", x.softmax(-1)),
                ("log_softmax", x.log_softmax(-1)), ("cat", torch.cat([x, x], -1)), ("unsqueeze", x.unsqueeze(-1)),
                ("squeeze", x[:, :1].squeeze(-2)), ("transpose", x.transpose(-1, 0)), ("gather", x.gather(-1, torch.zeros(2, 3, 1, dtype=torch.long))),
                ("index_select", x.index_select(-1, torch.tensor([0]))), ("max", x.max(-1).values),
                ("stack", torch.stack([x, x], -1)), ("norm", x.norm(dim=-1)),
                ("flip", x.flip(-1)), ("select", x.select(-1, 0)), ("narrow", x.narrow(-1, 0, 2)), 
                ("flatten", x.flatten(-2)), ("slice", x[:, 1:]), ("ellipsis", x[..., 0])]:
    node = y.grad_fn
    names = [n for n in dir(node) if n.startswith("_saved_") and ("dim" in n or name.endswith("softmax"))]
    print(name, node.name(), {n: getattr(node, n) if "result" not in n else getattr(node, n).shape for n in names})
