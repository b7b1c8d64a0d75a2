import torch


class MyRelu(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.clamp(min=0)

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output * (x > 0).float()


x = torch.tensor([-1.0, 2.0], requires_grad=True)
y = MyRelu.apply(x)
print(y.grad_fn)
print(type(y.grad_fn).__name__)
z = y * 2
print(z.grad_fn.next_functions)
