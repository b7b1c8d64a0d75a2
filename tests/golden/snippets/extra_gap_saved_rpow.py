import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = 2 ** x
g = y.grad_fn
print(type(g).__name__, g._saved_self, g._saved_exponent is x)
print(g._saved_exponent)
print(g._saved_result)
y.sum().backward()
print(x.grad)
print(g._saved_self)
g._saved_exponent
