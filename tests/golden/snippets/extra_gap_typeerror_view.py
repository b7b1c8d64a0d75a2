import torch

x = torch.ones(2, 3)
for make in [lambda: x.view(2.5, 3), lambda: x.view((2.5, 3)), lambda: x.view([2.5, 3]), lambda: x.view(2.5),
             lambda: x.view(2, 3.0), lambda: x.view("a"), lambda: x.view(None)]:
    try:
        make()
    except TypeError as e:
        print(e)
print(x.view(torch.tensor(3).item(), 2).shape)
