import torch

class Square(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * x

    @staticmethod
    def backward(ctx, grad):
        x, = ctx.saved_tensors
        return grad * x        # forgot the 2

x = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
print(torch.autograd.gradcheck(lambda t, k: t * k, (x, 3)))
print(torch.autograd.gradcheck(lambda t: (t * 2, t.sum()), (x,)))
torch.autograd.gradcheck(lambda t: (t * 2, Square.apply(t).sum()), (x,))
