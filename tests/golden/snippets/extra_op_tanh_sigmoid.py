import torch

x = torch.tensor([-2.0, 0.0, 0.5, 3.0], requires_grad=True)
t = torch.tanh(x)
s = torch.sigmoid(x)
print(t)
print(s)
(t + s).sum().backward()
print(x.grad)
print(x.tanh(), x.sigmoid())
