import torch

a = torch.tensor([1.0, 2.0], requires_grad=True)
a.register_hook(lambda g: print("grad arriving", g, "grad before", a.grad))
(a * a).sum().backward()
print(a.grad)
(a * a).sum().backward()
print(a.grad)
