import torch

class Show(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        y = x * 2
        print("forward:", torch.is_grad_enabled(), x.requires_grad, y.requires_grad, y.grad_fn)
        return y

    @staticmethod
    def backward(ctx, grad):
        print("backward:", torch.is_grad_enabled(), grad.requires_grad)
        return grad * 2

x = torch.ones(2, requires_grad=True)
Show.apply(x).sum().backward()
print(x.grad)
