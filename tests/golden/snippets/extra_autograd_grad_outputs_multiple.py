import torch

a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([3.0, 4.0], requires_grad=True)
y = (a * b).sum()
ga, gb = torch.autograd.grad(y, [a, b])
print(ga, gb)
v = a * b
print(torch.autograd.grad(v, a, grad_outputs=torch.tensor([1.0, 0.5])))
