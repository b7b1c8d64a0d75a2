import torch

x = torch.ones(2, 3)
for make in [lambda: x.reshape("a"), lambda: x.reshape(2.5), lambda: x.reshape((2.5, 3)), lambda: x.reshape(2, 3.0),
             lambda: x.reshape(2.0, 3), lambda: x.reshape([2, "a"]), lambda: x.reshape([2, None]),
             lambda: x.reshape(True, 6)]:
    try:
        make()
    except TypeError as e:
        print(e)
