import torch


class ReluWithMask(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        mask = x > 0
        ctx.mark_non_differentiable(mask)
        ctx.save_for_backward(mask)
        return x.clamp(min=0), mask

    @staticmethod
    def backward(ctx, grad_values, grad_mask):
        print("grad_mask", grad_mask)
        mask, = ctx.saved_tensors
        return grad_values * mask


x = torch.tensor([3.0, -1.0, 2.0], requires_grad=True)
values, mask = ReluWithMask.apply(x)
print(values, mask)
print(values.requires_grad, mask.requires_grad, mask.grad_fn)
(values * torch.tensor([1.0, 10.0, 100.0])).sum().backward()
print(x.grad)


class Double(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        out = x * 2
        ctx.mark_non_differentiable(out)
        return out

    @staticmethod
    def backward(ctx, grad):
        return grad * 2


y = Double.apply(x)
print(y, y.requires_grad, y.grad_fn, y.is_leaf)
try:
    y.sum().backward()
except RuntimeError as e:
    print(e)
