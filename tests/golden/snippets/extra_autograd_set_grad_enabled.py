import torch

x = torch.ones(2, requires_grad=True)
with torch.set_grad_enabled(False):
    y = x * 2
    print(torch.is_grad_enabled())
print(torch.is_grad_enabled(), y.requires_grad)
torch.set_grad_enabled(False)
z = x * 2
print(torch.is_grad_enabled(), z.requires_grad)
torch.set_grad_enabled(True)
w = x * 2
print(torch.is_grad_enabled(), w.requires_grad)
with torch.set_grad_enabled(True):
    print((x * 2).requires_grad)
