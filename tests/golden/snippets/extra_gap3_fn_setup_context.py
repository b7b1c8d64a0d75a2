import torch
from torch.autograd import Function


VERBOSE = True


class LinearFunction(Function):
    @staticmethod
    def forward(input, weight, bias):
        output = input.mm(weight.t())
        if bias is not None:
            output += bias.unsqueeze(0).expand_as(output)
        return output

    @staticmethod
    def setup_context(ctx, inputs, output):
        input, weight, bias = inputs
        ctx.save_for_backward(input, weight, bias)

    @staticmethod
    def backward(ctx, grad_output):
        input, weight, bias = ctx.saved_tensors
        grad_input = grad_weight = grad_bias = None
        if VERBOSE:
            print("needs", ctx.needs_input_grad)
        if ctx.needs_input_grad[0]:
            grad_input = grad_output.mm(weight)
        if ctx.needs_input_grad[1]:
            grad_weight = grad_output.t().mm(input)
        if bias is not None and ctx.needs_input_grad[2]:
            grad_bias = grad_output.sum(0)
        return grad_input, grad_weight, grad_bias


x = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
w = torch.tensor([[0.5, -1.0], [2.0, 1.0], [0.0, 1.0]], requires_grad=True)
b = torch.tensor([0.1, 0.2, 0.3], requires_grad=True)
out = LinearFunction.apply(x, w, b)
print(out)
out.sum().backward()
print(w.grad, b.grad)
VERBOSE = False           # (gradcheck calls backward many times)
print(torch.autograd.gradcheck(LinearFunction.apply, (x.double().requires_grad_(), w.detach().double().requires_grad_(), b.detach().double().requires_grad_())))


class MulConstant(Function):
    @staticmethod
    def forward(tensor, constant):
        return tensor * constant

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.constant = inputs[1]

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output * ctx.constant, None


y = torch.tensor([1.0, 2.0], requires_grad=True)
z = MulConstant.apply(y, 5.5)
print(z, z.grad_fn)
z.sum().backward()
print(y.grad)


class MyCube(Function):
    @staticmethod
    def forward(x):
        result = x ** 3
        dx = 3 * x ** 2
        return result, dx

    @staticmethod
    def setup_context(ctx, inputs, output):
        x, = inputs
        result, dx = output
        ctx.save_for_backward(x, dx)

    @staticmethod
    def backward(ctx, grad_output, grad_dx):
        x, dx = ctx.saved_tensors
        result = grad_output * dx + grad_dx * 6 * x
        return result


def my_cube(x):
    result, dx = MyCube.apply(x)
    return result


c = torch.tensor([1.0, 2.0], requires_grad=True)
r = my_cube(c)
g, = torch.autograd.grad(r.sum(), c, create_graph=True)
print(r, g)
gg, = torch.autograd.grad(g.sum(), c)
print(gg)
print(MulConstant.apply(y, constant=2.0), MulConstant.apply(constant=3.0, tensor=y))


class Scale(Function):
    @staticmethod
    def forward(ctx, x, factor=2.0):
        return x * factor

    @staticmethod
    def backward(ctx, grad):
        return grad * 2.0, None


print(Scale.apply(y), Scale.apply(y, factor=4.0))
try:
    Scale.apply(y, scale=3.0)
except TypeError as e:
    print("TypeError", e)
