import torch

def walk(node, depth=0):
    if node is None:
        return
    print("  " * depth + node.name())
    for child, _ in node.next_functions:
        walk(child, depth + 1)
x = torch.tensor([0.5, 2.0], requires_grad=True)
y = x ** 3
g, = torch.autograd.grad(y.sum(), x, create_graph=True)
print(g, g.grad_fn, g.grad_fn.next_functions[1][0]._saved_other)
walk(g.grad_fn)
g2, = torch.autograd.grad(g.sum(), x, create_graph=True)
print(g2)
walk(g2.grad_fn)
g2.sum().backward()
print(x.grad)
