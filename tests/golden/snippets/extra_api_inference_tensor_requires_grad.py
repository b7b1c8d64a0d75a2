import torch

with torch.inference_mode():
    t = torch.ones(2)
    w = torch.ones(2, requires_grad=True)
print(w)
t.requires_grad_()
