import torch


def names(node, depth=0, out=None):
    out = [] if out is None else out
    if node is None or depth > 3:
        return out
    out.append("  " * depth + node.name())
    for child, _ in node.next_functions:
        names(child, depth + 1, out)
    return out


x = torch.tensor([0.5, 1.5], requires_grad=True)
w = torch.tensor([2.0, -1.0], requires_grad=True)
for name, f in [("exp", lambda: x.exp()), ("log", lambda: x.log()), ("sin", lambda: x.sin()), ("cos", lambda: x.cos()),
                ("mul", lambda: x * w), ("div", lambda: x / w), ("div_num", lambda: x / 3), ("rdiv", lambda: 3 / x),
                ("pow3", lambda: x ** 3), ("sq", lambda: x * x), ("mean", lambda: x.mean() * x), ("sum", lambda: x.sum() * x),
                ("softmax", lambda: x.softmax(0)), ("log_softmax", lambda: x.log_softmax(0)), ("abs", lambda: x.abs()),
                ("clamp", lambda: x.clamp(0, 1)), ("maximum", lambda: torch.maximum(x, w)),
                ("where", lambda: torch.where(x > 1, x, w)), ("matmul", lambda: x @ w * x), ("neg", lambda: -x * x),
                ("sub", lambda: (x - w) ** 2), ("log1p", lambda: x.log1p()), ("logsumexp", lambda: x.logsumexp(0) * x), ("cumsum", lambda: x.cumsum(0) ** 2)]:
    try:
        y = f()
        g, = torch.autograd.grad(y.sum(), x, create_graph=True)
        print("==", name, g)
        print("\n".join(names(g.grad_fn)))
        gg, = torch.autograd.grad(g.sum(), x, allow_unused=True)
        print(gg)
    except Exception as e:
        print("==", name, "EXC", type(e).__name__, e)
