import torch

# hooks and in-place changes (autograd mechanics: "Behavior of Tensor hooks when Tensor is modified in-place")
t = torch.tensor(1., requires_grad=True).sin()
t.register_hook(lambda g: print("before cos_", g))
t.cos_()
t.register_hook(lambda g: print("after cos_", g))
t.backward()

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 2
y.register_hook(lambda g: print("y hook", g))
z = y[0:1]
z.mul_(3)
y.sum().backward()
print(x.grad)

# whether a hook fires: inputs= limits the graph
a = torch.tensor(1.0, requires_grad=True)
b = torch.tensor(2.0, requires_grad=True)
c = a * b
a.register_hook(lambda g: print("a hook", g))
b.register_hook(lambda g: print("b hook", g))
c.register_hook(lambda g: print("c hook", g))
c.backward(inputs=[a])
print(a.grad, b.grad)
print(torch.autograd.grad(a * b, b))

# post hooks on a node and retain_grad ordering
p = torch.tensor([1.0, 2.0], requires_grad=True)
q = p.exp()
q.retain_grad()
q.register_hook(lambda g: g * 2)
q.grad_fn.register_hook(lambda gi, go: print("node", gi, go))
q.grad_fn.register_prehook(lambda go: print("pre", go))
q.sum().backward()
print(q.grad, p.grad)
r = p * 1
r.register_hook(lambda g: g * 10)
r.retain_grad()
r.sum().backward()
print(r.grad)
