import torch

class Scale(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, k):
        ctx.k = k
        print(ctx.needs_input_grad)
        return x * k

    @staticmethod
    def backward(ctx, grad):
        print(ctx.needs_input_grad)
        return grad * ctx.k, None

x = torch.ones(3, requires_grad=True)
y = Scale.apply(x, 3)
print(y)
y.sum().backward()
print(x.grad)
c = torch.ones(3)
class Mul(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a, b):
        print(ctx.needs_input_grad)
        return a * b

    @staticmethod
    def backward(ctx, grad):
        return grad * 2, grad * 5   # a gradient for c (no requires_grad) is dropped
x.grad = None
Mul.apply(x, c).sum().backward()
print(x.grad, c.grad)
