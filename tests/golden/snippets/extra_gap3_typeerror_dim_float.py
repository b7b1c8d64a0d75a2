import torch

x = torch.ones(2, 3, requires_grad=True)
cases = [
    lambda: x.sum(dim=1.5), lambda: x.mean(dim=1.5), lambda: x.sum(dim=(0, 1.5)), lambda: x.mean(dim=(0, 1.5)),
    lambda: x.sum(dim=[1.0]), lambda: x.sum(dim="a"), lambda: x.sum(dim=(True,)), lambda: x.sum(dim=(0, True)).shape,
    lambda: x.sum(dim=1.5, keepdim=True), lambda: x.max(dim=1.5), lambda: x.min(dim=1.5), lambda: x.softmax(dim=1.5),
    lambda: x.log_softmax(dim=1.5), lambda: x.argmax(dim=1.5), lambda: torch.cat([x, x], dim=1.5),
    lambda: x.sum(dim=None).shape, lambda: x.sum(dim=(0, 1)).shape, lambda: x.sum(dim=torch.tensor(1).item()).shape,
    lambda: x.sum(dim=True).shape,
]
for case in cases:
    try:
        print(case())
    except Exception as e:
        print(type(e).__name__, e)
