import torch

x = torch.ones(2, requires_grad=True)
y = x * 2
node = y.grad_fn.next_functions[0][0]
print(node.name())
print(type(node).__name__)
print(node.variable is x)
print(y.grad_fn.name())
