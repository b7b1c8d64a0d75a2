# The tutorial's comment says out.backward() is the same as
# out.backward(torch.tensor(1.)); this snippet runs that spelling.
import torch

x = torch.ones(2, 2, requires_grad=True)
y = x + 2
z = y * y * 3
out = z.mean()
out.backward(torch.tensor(1.))
print(x.grad)
