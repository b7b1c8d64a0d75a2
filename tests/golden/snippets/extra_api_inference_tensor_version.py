import torch

with torch.inference_mode():
    t = torch.zeros(2)
print(t.clone().is_inference(), (t * 2).is_inference())
t._version
