import torch

calls = {"forward": 0, "backward": 0}


class Scale(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, w):
        calls["forward"] += 1
        ctx.save_for_backward(x, w)
        return x * w

    @staticmethod
    def backward(ctx, grad):
        calls["backward"] += 1
        x, w = ctx.saved_tensors
        return grad * w, grad * x


class Both(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        calls["forward"] += 1
        ctx.save_for_backward(x)
        return x * 2, x * x

    @staticmethod
    def backward(ctx, g1, g2):
        calls["backward"] += 1
        x, = ctx.saved_tensors
        return 2 * g1 + 2 * x * g2


x = torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64, requires_grad=True)
w = torch.tensor([0.5, -1.0, 2.0], dtype=torch.float64, requires_grad=True)
print(torch.autograd.gradcheck(Scale.apply, (x, w)), calls)
calls.update(forward=0, backward=0)
print(torch.autograd.gradcheck(Scale.apply, (x, w.detach())), calls)
calls.update(forward=0, backward=0)
print(torch.autograd.gradcheck(Both.apply, (x,)), calls)
calls.update(forward=0, backward=0)
print(torch.autograd.gradcheck(Both.apply, (x,), check_undefined_grad=False), calls)


class NotTimesGrad(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x.clone()

    @staticmethod
    def backward(ctx, grad):
        return grad + 0 * grad + (grad == 0).to(grad.dtype) * 0 + torch.ones_like(grad) * (grad.sum() == 0)


class Random(torch.autograd.Function):
    count = 0

    @staticmethod
    def forward(ctx, x):
        return x * 1

    @staticmethod
    def backward(ctx, grad):
        Random.count += 1
        return grad * (1 + 1e-3 * Random.count)


for f in [NotTimesGrad.apply, Random.apply]:
    try:
        torch.autograd.gradcheck(f, (x,), atol=1e-2)
    except Exception as e:
        print(type(e).__name__, str(e).splitlines()[0])
print(torch.autograd.gradcheck(Random.apply, (x,), atol=1e-2, nondet_tol=1.0))
print(torch.autograd.gradcheck(Random.apply, (x,), atol=1e-2, raise_exception=False))
