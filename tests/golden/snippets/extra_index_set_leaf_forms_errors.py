import torch

x = torch.tensor([-1.0, 2.0, 3.0], requires_grad=True)
for index in ([0, 1], torch.tensor([1]), Ellipsis, slice(0, 2), -1, (None, 0)):
    try:
        x[index] = 0
    except RuntimeError as e:
        print(type(index).__name__, e)
print(x, x._version)
