# y was saved by y * y; writing into it afterwards is caught by backward.
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 1
z = y * y
y[0] = 5
print(y.grad_fn)
z.sum().backward()
