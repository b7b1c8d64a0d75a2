import torch

def walk(node, depth=0):
    if node is None:
        return
    print("  " * depth + node.name())
    for child, _ in node.next_functions:
        walk(child, depth + 1)
x = torch.tensor([-0.5, 0.5, 1.5], requires_grad=True)
y = torch.sigmoid(x)
g, = torch.autograd.grad(y.sum(), x, create_graph=True)
print(g)
walk(g.grad_fn)
g2, = torch.autograd.grad(g.sum(), x, create_graph=True)
print(g2)
walk(g2.grad_fn)
g3, = torch.autograd.grad(g2.sum(), x)
print(g3)
