import torch


def walk(node, depth=0, seen=None):
    seen = set() if seen is None else seen
    if node is None or depth > 6:
        return
    print("  " * depth + node.name())
    for child, _ in node.next_functions:
        walk(child, depth + 1, seen)


x = torch.tensor([1.0, 4.0], requires_grad=True)
e = torch.tensor([2.0, 3.0], requires_grad=True)
for name, f in [("sqrt", lambda: x.sqrt()), ("reciprocal", lambda: x.reciprocal()), ("x ** tensor", lambda: x ** e),
                ("rsqrt", lambda: x.rsqrt()), ("2 ** x", lambda: 2 ** x), ("tensor ** tensor, e only", lambda: x.detach() ** e)]:
    y = f()
    inputs = [t for t in (x, e) if y.grad_fn is not None and any(
        n[0] is not None and getattr(n[0], "variable", None) is t for n in y.grad_fn.next_functions)]
    gs = torch.autograd.grad(y.sum(), inputs, create_graph=True)
    print("==", name, [g for g in gs])
    for g in gs:
        walk(g.grad_fn)
    second = torch.autograd.grad(gs[0].sum(), inputs, allow_unused=True)
    print(second)
