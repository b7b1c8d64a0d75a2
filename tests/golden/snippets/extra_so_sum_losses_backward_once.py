import torch

x = torch.tensor([1.0, 1.5], requires_grad=True)
h = x.exp()
(h.sum() + (h * h).sum()).backward()
print(x.grad)
x.grad = None
torch.autograd.backward([h.sum(), (h * h).sum()])
print(x.grad)
