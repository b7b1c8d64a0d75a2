import torch

x = torch.tensor(1.0, requires_grad=True)
(x * 2).backward()
(x * 3).backward()
print(x.grad)
x.grad.zero_()
print(x.grad)
x.grad = None
print(x.grad)
