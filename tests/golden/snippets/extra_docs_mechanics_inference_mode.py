import torch

x = torch.ones(3, requires_grad=True)
with torch.inference_mode():
    y = x * x
print(y.requires_grad, y.is_inference(), y.grad_fn)
with torch.inference_mode():
    z = y + 1
print(z)
