import torch


class AddMul(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a, b)
        return a + b, a * b

    @staticmethod
    def backward(ctx, g_sum, g_prod):
        a, b = ctx.saved_tensors
        return g_sum + g_prod * b, g_sum + g_prod * a


a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([3.0, 4.0], requires_grad=True)
p, q = AddMul.apply(a, b)
print(p, q)
(p * q).sum().backward()
print(a.grad, b.grad)
ga, gb = torch.autograd.grad(AddMul.apply(a, b)[1].sum(), (a, b))
print(ga, gb)
# only the second output is used, with set_materialize_grads(False) the other is None


class Materialize(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.set_materialize_grads(False)
        return x * 2, x * 3

    @staticmethod
    def backward(ctx, g1, g2):
        print("g1", g1, "g2", g2)
        total = 0
        if g1 is not None:
            total = total + 2 * g1
        if g2 is not None:
            total = total + 3 * g2
        return total


u, v = Materialize.apply(a)
v.sum().backward()
print(a.grad)
# one output that does not require grad: a tuple of a tensor and a number
class WithNumber(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2, 7

    @staticmethod
    def backward(ctx, g, g_number):
        print("g_number", g_number)
        return g * 2


out, k = WithNumber.apply(a)
print(out, k)
out.sum().backward()
print(a.grad)
