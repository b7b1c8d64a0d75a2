import torch

x = torch.ones(2, requires_grad=True)
with torch.inference_mode(False):
    y = x * 2
    print(y, torch.is_inference_mode_enabled())
with torch.inference_mode():
    with torch.inference_mode(False):
        z = x * 2
        print(z.requires_grad, z.is_inference(), torch.is_grad_enabled())
