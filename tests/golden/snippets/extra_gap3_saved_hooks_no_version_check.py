import torch

# A tensor that went through a pack hook is not version-checked: what unpack_hook returns is used.
x = torch.tensor([1.0, 2.0], requires_grad=True)
with torch.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: t):
    y = x * 1
    z = y * y
y.add_(1)
z.sum().backward()
print(x.grad)
x.grad = None
with torch.autograd.graph.saved_tensors_hooks(lambda t: t.clone(), lambda t: t):
    y = x * 1
    z = y * y
y.add_(1)
z.sum().backward()
print(x.grad)
y = x * 1
z = y * y
y.add_(1)
try:
    z.sum().backward()
except RuntimeError as e:
    print(e)
