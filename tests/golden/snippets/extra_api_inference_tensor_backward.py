import torch

x = torch.ones(2, requires_grad=True)
with torch.inference_mode():
    t = torch.ones(2)
print(t.is_inference())
print((x + t).is_inference())
(x * t).sum().backward()
