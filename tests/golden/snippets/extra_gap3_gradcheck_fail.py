import torch


class BadSquare(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 2

    @staticmethod
    def backward(ctx, grad):
        x, = ctx.saved_tensors
        return grad * x          # should be 2 * x


x = torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64, requires_grad=True)
try:
    torch.autograd.gradcheck(BadSquare.apply, (x,))
except Exception as e:
    print(type(e).__name__, type(e).__module__, isinstance(e, RuntimeError))
    print(e)
print(torch.autograd.gradcheck(BadSquare.apply, (x,), raise_exception=False))
from torch.autograd.gradcheck import GradcheckError
print(GradcheckError.__module__, GradcheckError.__mro__[1].__name__)
print(torch.autograd.gradcheck(torch.sin, (x,)), callable(torch.autograd.gradcheck))
