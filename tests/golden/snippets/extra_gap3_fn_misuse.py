import torch
from torch.autograd import Function


def run(name, f):
    print("##", name)
    try:
        f()
    except Exception as e:
        print(type(e).__name__, str(e)[:300])


class SaveIntermediate(Function):
    @staticmethod
    def forward(ctx, x):
        y = x.exp()
        ctx.save_for_backward(y)
        return y * 2

    @staticmethod
    def backward(ctx, g):
        y, = ctx.saved_tensors
        return g * 2 * y


x = torch.tensor([0.0, 1.0], requires_grad=True)
run("intermediate", lambda: (SaveIntermediate.apply(x).sum().backward(), print(x.grad)))


class SaveTwice(Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        ctx.save_for_backward(x, x)
        return x * 1

    @staticmethod
    def backward(ctx, g):
        print(len(ctx.saved_tensors))
        return g


run("save twice", lambda: SaveTwice.apply(x).sum().backward())


class NeedsGrad(Function):
    @staticmethod
    def forward(ctx, x, k, y):
        print("needs", ctx.needs_input_grad)
        return x * k + y

    @staticmethod
    def backward(ctx, g):
        print("needs in backward", ctx.needs_input_grad)
        return g * 2, None, g


run("needs", lambda: NeedsGrad.apply(x, 2, torch.ones(2)).sum().backward())


class DirtyNotReturned(Function):
    @staticmethod
    def forward(ctx, x):
        x.mul_(2)
        ctx.mark_dirty(x)
        return x * 1

    @staticmethod
    def backward(ctx, g):
        return g


run("dirty not returned", lambda: print(DirtyNotReturned.apply(x.clone())))


class ReturnsNone(Function):
    @staticmethod
    def forward(ctx, x):
        return None

    @staticmethod
    def backward(ctx, g):
        return g


run("returns none", lambda: print(ReturnsNone.apply(x)))


class WrongDtype(Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, g):
        return g.double()


run("wrong dtype", lambda: (WrongDtype.apply(x).sum().backward(), print(x.grad, x.grad.dtype)))


class BroadcastGrad(Function):
    @staticmethod
    def forward(ctx, x):
        return x.sum()

    @staticmethod
    def backward(ctx, g):
        return g


x.grad = None
run("scalar grad broadcast", lambda: (BroadcastGrad.apply(x).backward(), print(x.grad)))


class InForwardSaved(Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        print(ctx.saved_tensors)
        return x * 1

    @staticmethod
    def backward(ctx, g):
        return g


run("saved in forward", lambda: InForwardSaved.apply(x))
