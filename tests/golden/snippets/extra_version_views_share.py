# A view shares its base's version counter; so do views of views.
import torch

x = torch.tensor([1.0, 2.0, 3.0, 4.0])
views = {
    "view": lambda b: b.view(2, 2), "reshape": lambda b: b.reshape(2, 2), "slice": lambda b: b[1:3],
    "select": lambda b: b[0], "unsqueeze": lambda b: b.unsqueeze(0), "squeeze": lambda b: b.view(1, 4).squeeze(0),
    "t": lambda b: b.view(2, 2).t(), "transpose": lambda b: b.view(2, 2).transpose(0, 1),
    "permute": lambda b: b.view(2, 2).permute(1, 0), "T": lambda b: b.view(2, 2).T,
    "flatten": lambda b: b.view(2, 2).flatten(), "narrow": lambda b: b.narrow(0, 1, 2),
    "view_as": lambda b: b.view_as(b), "ellipsis": lambda b: b[...], "none": lambda b: b[None],
    "expand": lambda b: b[:1].expand(3),
}
for name, make in views.items():
    b = x.clone()
    v = make(b)
    b.add_(1)
    print(f"{name:10s} view={v._is_view()} base={v._base is b} versions={b._version},{v._version}")
