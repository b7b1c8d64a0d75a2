import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
for y in [x * 2, x ** 2, 2 ** x, x.exp(), x.sum(), x.mean(), x[0], x[1:], x.unsqueeze(0).squeeze(0),
          x.max(dim=0).values, torch.where(x > 1, x, 0.0)]:
    g = y.grad_fn
    print(type(g).__name__, [name for name in dir(g) if name.startswith("_saved_")])
