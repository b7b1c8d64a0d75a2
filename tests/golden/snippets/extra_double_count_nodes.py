import torch

def count(node, seen):
    if node is None or node in seen:
        return 0
    seen.add(node)
    return 1 + sum(count(child, seen) for child, _ in node.next_functions)

x = torch.tensor([0.3, -1.2], requires_grad=True)
for name, f in [("x**3", lambda t: t ** 3), ("tanh", torch.tanh), ("sigmoid", torch.sigmoid),
                ("relu", torch.relu), ("x*x", lambda t: t * t), ("tanh(x**2)", lambda t: torch.tanh(t ** 2))]:
    g, = torch.autograd.grad(f(x).sum(), x, create_graph=True)
    print(name, g.grad_fn.name(), count(g.grad_fn, set()))
