# A leaf's AccumulateGrad runs as soon as its gradient is complete; equal numbers leave the heap in PyTorch's order.
import torch
x = torch.tensor(1.0, requires_grad=True)
w = torch.tensor(3.0, requires_grad=True)
y = x * 2
z = y * w
x.register_hook(lambda g: print("hook on x:", g))
w.register_hook(lambda g: print("hook on w:", g))
y.register_hook(lambda g: print("hook on y:", g))
z.backward()
ts = [torch.tensor(float(i), requires_grad=True) for i in range(5)]
for i, t in enumerate(ts):
    t.register_hook(lambda g, i=i: print("leaf", i))
torch.stack(ts).sum().backward()
a, b, c = [torch.tensor(1.0, requires_grad=True) for _ in range(3)]
m1 = a * 2; m2 = b * 3; m3 = c * 4
for n, t in (("m1", m1), ("m2", m2), ("m3", m3)):
    t.register_hook(lambda g, n=n: print("hook", n))
a.register_hook(lambda g: print("leaf a")); b.register_hook(lambda g: print("leaf b")); c.register_hook(lambda g: print("leaf c"))
(m1 + m2 + m3).backward()
