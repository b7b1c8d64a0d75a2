import torch

x = torch.ones(2, requires_grad=True)
print(torch.is_grad_enabled())
with torch.no_grad():
    print(torch.is_grad_enabled())
    y = x * 2
    with torch.enable_grad():
        print(torch.is_grad_enabled())
        z = x * 2
print(torch.is_grad_enabled())
print(y.requires_grad, y.grad_fn, z.requires_grad, z.grad_fn)
