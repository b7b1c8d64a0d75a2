import torch


def pack_hook(x):
    print("Packing", x)
    return x


def unpack_hook(x):
    print("Unpacking", x)
    return x


a = torch.ones(5, requires_grad=True)
b = torch.ones(5, requires_grad=True) * 2
with torch.autograd.graph.saved_tensors_hooks(pack_hook, unpack_hook):
    y = a * b
y.sum().backward()
print(a.grad)

x = torch.tensor([0.5, 1.5], requires_grad=True)
with torch.autograd.graph.saved_tensors_hooks(lambda t: ("packed", t.clone()), lambda p: (print("unpack", p[0]), p[1])[1]):
    e = x.exp()
    s = (e * 3).sin()
print(e.grad_fn._saved_result)
s.sum().backward()
print(x.grad)


class Square(torch.autograd.Function):
    @staticmethod
    def forward(ctx, t):
        ctx.save_for_backward(t)
        return t * t

    @staticmethod
    def backward(ctx, g):
        t, = ctx.saved_tensors
        return 2 * t * g


with torch.autograd.graph.saved_tensors_hooks(pack_hook, unpack_hook):
    z = Square.apply(x)
print(z.grad_fn.saved_tensors)
z = x.pow(2)
z.grad_fn._raw_saved_self.register_hooks(pack_hook, unpack_hook)
print("registered")
print(z.grad_fn._saved_self)
try:
    z.grad_fn._raw_saved_self.register_hooks(pack_hook, unpack_hook)
except RuntimeError as err:
    print(err)
with torch.autograd.graph.saved_tensors_hooks(lambda t: t * 0, lambda t: t):
    w = x * x
w.sum().backward()
print(x.grad)
with torch.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: t[:1]):
    w = x * x
try:
    w.sum().backward()
except RuntimeError as err:
    print(err)
with torch.autograd.graph.saved_tensors_hooks(lambda t: 1, lambda t: 2):
    w = x * x
try:
    w.sum().backward()
except Exception as err:
    print(type(err).__name__, err)
with torch.autograd.graph.saved_tensors_hooks(pack_hook, unpack_hook):
    with torch.autograd.graph.saved_tensors_hooks(lambda t: (print("inner"), t)[1], lambda t: t):
        w = x.sin()
    with torch.no_grad():
        v = x.sin()
    q = x.detach().sin()
print(w.grad_fn._saved_self)
with torch.autograd.graph.disable_saved_tensors_hooks("no hooks here"):
    try:
        with torch.autograd.graph.saved_tensors_hooks(pack_hook, unpack_hook):
            pass
    except RuntimeError as err:
        print(err)
with torch.autograd.graph.save_on_cpu():
    w = x * x
w.sum().backward()
print(x.grad)
