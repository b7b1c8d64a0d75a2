import torch

x = torch.ones(2, requires_grad=True)
with torch.inference_mode():
    y = x * 2
    print(y, y.requires_grad, y.is_inference())
    print(torch.is_inference_mode_enabled(), torch.is_grad_enabled())
print(x.is_inference(), torch.is_inference_mode_enabled(), torch.is_grad_enabled())
