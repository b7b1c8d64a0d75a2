# Autograd mechanics, "Backward hooks": a tensor hook may change the gradient.
import torch

a = torch.tensor(2.0, requires_grad=True)
b = a * 3

def double(grad):
    print("hook sees", grad)
    return grad * 2

b.register_hook(double)
b.backward()
print(a.grad)
