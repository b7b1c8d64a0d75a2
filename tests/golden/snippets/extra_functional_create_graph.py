import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
J = torch.autograd.functional.jacobian(lambda t: t ** 3, x, create_graph=True)
print(J)
print(J.requires_grad, type(J.grad_fn).__name__)
J.sum().backward()
print(x.grad)
J = torch.autograd.functional.jacobian(lambda t: t * 2, x, create_graph=True)
print(J.requires_grad)
H = torch.autograd.functional.hessian(lambda t: (t ** 4).sum(), x, create_graph=True)
print(H)
