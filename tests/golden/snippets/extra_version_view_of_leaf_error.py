import torch

x = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
for name, make in [("view", lambda: x.view(2, 2)), ("slice", lambda: x[1:3]), ("t", lambda: x.view(2, 2).t())]:
    try:
        make().add_(1)
    except RuntimeError as e:
        print(name, e)
x.detach().add_(1)
print(x, x._version)
with torch.no_grad():
    x.view(2, 2)[0].mul_(10)
print(x, x._version, x.is_leaf)
