import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
print((x + 1).grad_fn, (x - 1).grad_fn, (1 - x).grad_fn)
print((x * 2).grad_fn, (x / 2).grad_fn, (2 / x).grad_fn)
print((x ** 2).grad_fn, (2 ** x).grad_fn, (x ** x).grad_fn)
print((-x).grad_fn, x.sum().grad_fn, x.sum(0).grad_fn, x.mean().grad_fn)
print(x.exp().grad_fn, x.log().grad_fn, x.sqrt().grad_fn, x.abs().grad_fn)
print(x.sin().grad_fn, x.cos().grad_fn, x.tanh().grad_fn, x.sigmoid().grad_fn)
print(x.relu().grad_fn, x.clamp(0, 1).grad_fn, x.max().grad_fn, x.norm().grad_fn)
print(x.reshape(2, 1).grad_fn, x.view(2, 1).grad_fn, x.unsqueeze(0).grad_fn)
print(x[0].grad_fn, x[1:].grad_fn, x[[0]].grad_fn, x.clone().grad_fn)
