import torch
x = torch.tensor([0.0, 1.0, 2.0], requires_grad=True)
e = torch.tensor([0.0, 0.0, 2.0], requires_grad=True)
y = x ** e
print(torch.autograd.grad(y.sum(), (x, e)))
z = 0 ** x
print(torch.autograd.grad(z.sum(), x))
z = 0.0 ** (x - 1)
print(torch.autograd.grad(z.sum(), x))
print(torch.autograd.grad(x.rsqrt().sum(), x))
print(torch.rsqrt(torch.tensor([4.0, 0.0])), torch.tensor([4]).rsqrt())
g, = torch.autograd.grad((2 ** x).sum(), x, create_graph=True)
print(g.grad_fn.next_functions[1][0]._saved_other)
