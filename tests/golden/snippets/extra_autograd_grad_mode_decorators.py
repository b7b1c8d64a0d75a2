import torch

x = torch.ones(2, requires_grad=True)


@torch.no_grad()
def double_no_grad(t):
    return t * 2


@torch.enable_grad()
def double_enable_grad(t):
    return t * 2


print(double_no_grad(x))
with torch.no_grad():
    print(double_enable_grad(x))
print(torch.is_grad_enabled())
print(double_no_grad.__name__)
