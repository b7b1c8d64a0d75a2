import torch

x = torch.ones(2, 3)
for make in [lambda: x.expand(2.0, 3), lambda: x.expand((2, 3.0)), lambda: x.expand("a"),
             lambda: x.permute(0.0, 1), lambda: x.permute((0, 1.0)), lambda: x.flip(0.0), lambda: x.flip((0, "a"))]:
    try:
        make()
    except TypeError as e:
        print(e)
