import torch

class MyRelu(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.clamp(min=0)

    @staticmethod
    def backward(ctx, grad):
        x, = ctx.saved_tensors
        return grad * (x > 0)

x = torch.tensor([-1.0, 2.0], requires_grad=True)
y = MyRelu.apply(x)
print(y)
print(y.grad_fn)
print(y.grad_fn.name(), type(y.grad_fn).__name__)
print(y.grad_fn.next_functions)
print((y * 2).grad_fn.next_functions[0][0] is y.grad_fn)
print(MyRelu.apply(torch.tensor([1.0])).requires_grad)
