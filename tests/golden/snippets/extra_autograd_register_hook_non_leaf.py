import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 2


def show(grad):
    print("hook got", grad)


y.register_hook(show)
(y ** 2).sum().backward()
print(x.grad)
