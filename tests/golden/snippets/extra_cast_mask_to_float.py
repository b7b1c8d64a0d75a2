# (x > 0).float() is a constant: it carries no gradient; multiplying by it does.
import torch

x = torch.tensor([0.5, -1.5, 2.0], requires_grad=True)
mask = (x > 0).float()
print(mask, mask.requires_grad, mask.grad_fn)
y = x * mask
y.sum().backward()
print(x.grad)
print(x.long().float(), x.long().float().requires_grad)
