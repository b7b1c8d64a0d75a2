# A constant multiplied in place by a tensor that requires grad joins the graph.
import torch

w = torch.tensor([0.5, 1.0], requires_grad=True)
c = torch.ones(2)
c.mul_(w)
print(c, c.grad_fn, c.is_leaf, c.requires_grad)
c.add_(w).exp_()
c.sum().backward()
print(w.grad)
