# The engine runs the node made last first (PyTorch's sequence numbers), so hooks fire in that order.
import torch
x = torch.tensor(1.0, requires_grad=True)
a = x * 2
b = x * 3
a.register_hook(lambda g: print("hook on a:", g))
b.register_hook(lambda g: print("hook on b:", g))
(a + b).backward()
print(x.grad)
c = x.exp()
d = x.sin()
e = c * d
e.register_hook(lambda g: print("hook on e:", g))
d.register_hook(lambda g: print("hook on d:", g))
c.register_hook(lambda g: print("hook on c:", g))
(e + c).backward()
print(x.grad)
