import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x.sigmoid()
y.sum().backward()
y.grad_fn._saved_result
