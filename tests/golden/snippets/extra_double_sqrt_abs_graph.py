import torch

def walk(node, depth=0):
    if node is None:
        return
    print("  " * depth + node.name())
    for child, _ in node.next_functions:
        walk(child, depth + 1)
x = torch.tensor([0.25, 4.0], requires_grad=True)
for f in (torch.sqrt, torch.abs, torch.exp, torch.log, torch.sin, torch.cos):
    g, = torch.autograd.grad(f(x).sum(), x, create_graph=True)
    print(g)
    walk(g.grad_fn)
    g2, = torch.autograd.grad(g.sum(), x, allow_unused=True)
    print(g2)
