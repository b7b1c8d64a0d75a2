import torch

a = torch.tensor([1.0, 1.0], requires_grad=True)
c = a * 2
c.grad_fn.register_prehook(lambda gO: (gO[0] * 10,))
c.sum().backward()
print(a.grad)
