import torch

@torch.inference_mode()
def f(a):
    return a * 2

@torch.inference_mode
def g(a):
    return a * 3

x = torch.ones(2, requires_grad=True)
print(f(x), f(x).is_inference())
print(g(x), g(x).requires_grad)
print(torch.is_grad_enabled())
