import torch
from torch.autograd import Variable

x = torch.tensor([1.0, 2.0])
v = Variable(x, requires_grad=True)
print(v, type(v).__name__, v.is_leaf, v is x, isinstance(x, Variable), isinstance(v, torch.Tensor))
v.data[0] = 5
print(x)
y = (v * v).sum()
y.backward()
print(v.grad, v.data, Variable(torch.ones(2)).requires_grad)
w = Variable(v * 2)
print(w, w.requires_grad)
for bad in [lambda: Variable([1.0, 2.0]), lambda: Variable(3.0), lambda: Variable(x, volatile=True)]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
print(Variable(torch.tensor([1, 2])))
try:
    Variable(torch.tensor([1, 2]), requires_grad=True)
except RuntimeError as e:
    print(e)

p = torch.tensor([1.0, 2.0], requires_grad=True)
h = p.register_post_accumulate_grad_hook(lambda t: print("accumulated", t.grad))
(p * 3).sum().backward()
(p * 3).sum().backward()
h.remove()
(p * 3).sum().backward()
print(p.grad)
q = p * 2
try:
    q.register_post_accumulate_grad_hook(lambda t: None)
except RuntimeError as e:
    print(e)
def sgd_step(t):
    with torch.no_grad():
        t -= 0.1 * t.grad
    t.grad = None
w = torch.tensor([1.0, 1.0], requires_grad=True)
w.register_post_accumulate_grad_hook(sgd_step)
(w ** 2).sum().backward()
print(w, w.grad)
try:
    torch.tensor([1.0]).register_post_accumulate_grad_hook(print)
except RuntimeError as e:
    print(e)
