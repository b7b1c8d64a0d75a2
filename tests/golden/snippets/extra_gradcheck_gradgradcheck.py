import torch

x = torch.tensor([0.5, 1.0, 2.0], dtype=torch.float64, requires_grad=True)
for f in (torch.sin, torch.tanh, torch.sigmoid, torch.exp, torch.log, torch.sqrt, lambda t: t ** 3, lambda t: t * t / (1 + t)):
    print(torch.autograd.gradgradcheck(f, (x,)))

class Cube(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 3

    @staticmethod
    def backward(ctx, grad):
        x, = ctx.saved_tensors
        return grad * 3 * x.detach() ** 2   # detach: no second derivative

print(torch.autograd.gradcheck(Cube.apply, (x,)))
print(torch.autograd.gradgradcheck(Cube.apply, (x,), raise_exception=False))
