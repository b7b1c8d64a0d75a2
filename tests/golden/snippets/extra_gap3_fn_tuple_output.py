import torch


class SinCos(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.sin(), x.cos()

    @staticmethod
    def backward(ctx, grad_sin, grad_cos):
        x, = ctx.saved_tensors
        print("grad_sin", grad_sin, "grad_cos", grad_cos)
        return grad_sin * x.cos() - grad_cos * x.sin()


x = torch.tensor([0.0, 1.0, 2.0], requires_grad=True)
s, c = SinCos.apply(x)
print(s)
print(c)
print(s.grad_fn is c.grad_fn, s.grad_fn.name(), type(SinCos.apply(x)).__name__)
y = s * c
print(y.grad_fn.next_functions[0][1], y.grad_fn.next_functions[1][1])
print(y.grad_fn.next_functions[0][0] is y.grad_fn.next_functions[1][0])
(s + 2 * c).sum().backward()
print(x.grad)

x.grad = None
s, c = SinCos.apply(x)
s.sum().backward()          # c is unused: its gradient arrives as zeros
print(x.grad)
