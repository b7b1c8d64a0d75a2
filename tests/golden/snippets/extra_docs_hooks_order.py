# Backward hooks execution: tensor hooks, then the node's pre-hooks, then its hooks.
import torch

a = torch.tensor([0.0, 0.0, 0.0], requires_grad=True)
b = a.clone()
b.grad_fn.register_prehook(lambda gO: print("node pre-hook", gO))
b.register_hook(lambda g: print("tensor hook", g))
b.grad_fn.register_hook(lambda gI, gO: print("node hook", gI, gO))
b.sum().backward()
print(a.grad)
