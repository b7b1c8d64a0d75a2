import torch

x = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
y = x * 1
a, b = y.chunk(2)
a.register_hook(lambda g: print("a hook", g))
b.register_hook(lambda g: print("b hook", g))
a.retain_grad()
b.retain_grad()
print(a.retains_grad, b.retains_grad, y.retains_grad)
(a * 3).sum().backward()
print(a.grad, b.grad, x.grad)

x.grad = None
y = x * 1
a, b = y.chunk(2)
h = a.register_hook(lambda g: g * 10)
b.retain_grad()
(a.sum() + (b * 2).sum()).backward()
print(b.grad, x.grad)
x.grad = None
y = x * 1
a, b = y.chunk(2)
h = a.register_hook(lambda g: g * 10)
h.remove()
(a.sum() + b.sum()).backward()
print(x.grad)


class F2(torch.autograd.Function):
    @staticmethod
    def forward(ctx, t):
        return t * 2, t * 3

    @staticmethod
    def backward(ctx, g1, g2):
        return g1 * 2 + g2 * 3


x.grad = None
s, c = F2.apply(x)
c.register_hook(lambda g: print("c hook", g))
s.register_hook(lambda g: g * 0)
s.retain_grad()
(s + c).sum().backward()
print(s.grad, x.grad)
rows = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True).unbind()
rows[1].register_hook(lambda g: print("row 1", g))
try:
    rows[0].register_hook(lambda g: g[:1])
    (rows[0] + rows[1]).sum().backward()
except RuntimeError as e:
    print(e)
