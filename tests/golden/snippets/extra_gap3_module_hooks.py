import torch
import torch.nn as nn

lin = nn.Linear(2, 2)
with torch.no_grad():
    lin.weight.copy_(torch.tensor([[1.0, 2.0], [3.0, -1.0]]))
    lin.bias.zero_()
x = torch.tensor([[1.0, 1.0]])
h1 = lin.register_forward_pre_hook(lambda m, inp: print("pre", type(m).__name__, inp))
h2 = lin.register_forward_hook(lambda m, inp, out: print("fwd", inp, out))
y = lin(x)
print(y)
h1.remove(); h2.remove()
lin.register_forward_hook(lambda m, inp, out: out * 10)
print(lin(x))
lin2 = nn.Linear(2, 2)
with torch.no_grad():
    lin2.weight.copy_(torch.tensor([[1.0, 0.0], [0.0, 1.0]]))
    lin2.bias.zero_()
lin2.register_forward_pre_hook(lambda m, inp: (inp[0] * 2,))
print(lin2(x))


def bhook(module, grad_input, grad_output):
    print("backward hook", type(module).__name__, grad_input, grad_output)


m = nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 1))
with torch.no_grad():
    m[0].weight.copy_(torch.tensor([[1.0, -1.0], [0.5, 0.5]]))
    m[0].bias.zero_()
    m[2].weight.copy_(torch.tensor([[2.0, 3.0]]))
    m[2].bias.zero_()
hs = [layer.register_full_backward_hook(bhook) for layer in m]
xi = torch.tensor([[2.0, 1.0]], requires_grad=True)
out = m(xi)
print(out, out.grad_fn)
out.sum().backward()
print(xi.grad)
for h in hs:
    h.remove()
m[2].register_full_backward_hook(lambda mod, gi, go: (gi[0] * 0,))
m(xi).sum().backward()
print(xi.grad)
r = nn.ReLU()
r.register_full_backward_hook(bhook)
z = torch.tensor([-1.0, 2.0])
print(r(z).requires_grad)
first = nn.Linear(2, 1)
with torch.no_grad():
    first.weight.fill_(1.0)
    first.bias.zero_()
first.register_full_backward_hook(bhook)
first(torch.tensor([[1.0, 2.0]])).sum().backward()
print(first.weight.grad)
activations = {}
net = nn.Sequential(nn.Linear(2, 2), nn.ReLU())
with torch.no_grad():
    net[0].weight.copy_(torch.tensor([[1.0, -1.0], [-1.0, 1.0]]))
    net[0].bias.zero_()
net[1].register_forward_hook(lambda mod, inp, out: activations.update(relu=out.detach()))
handle = net[0].register_forward_hook(lambda mod, inp, out: print("linear out", out))
net(torch.tensor([[3.0, 1.0]]))
handle.remove()
net(torch.tensor([[0.0, 1.0]]))
print(activations)
