import torch

# An inference tensor is an ordinary Tensor; its views and detach() aliases are inference tensors
# too, a view of a normal tensor taken in inference mode is not, and a clone made outside is not.
with torch.inference_mode():
    t = torch.ones(3)
    v = t[0:2]
a = torch.ones(3)
with torch.inference_mode():
    av = a.view(3)
    b = a * 2
print(type(t) is torch.Tensor, type(b) is torch.Tensor, isinstance(t, torch.Tensor))
print(t.is_inference(), v.is_inference(), t[1:].is_inference(), t.detach().is_inference())
print(av.is_inference(), b.is_inference(), a.is_inference(), t.clone().is_inference())
print(type(t).__name__, type(t.clone()).__name__)
