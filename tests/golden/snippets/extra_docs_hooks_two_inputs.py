import torch

x = torch.tensor(2.0, requires_grad=True)
y = torch.tensor(3.0, requires_grad=True)
m = x * y
m.grad_fn.register_hook(lambda gI, gO: print("mul", gI, gO))
m.backward()
print(x.grad, y.grad)
