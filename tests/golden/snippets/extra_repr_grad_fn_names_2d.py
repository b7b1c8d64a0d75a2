import torch

m = torch.ones(2, 2, requires_grad=True)
v = torch.ones(2, requires_grad=True)
print((m @ m).grad_fn, (m @ v).grad_fn, (v @ v).grad_fn, (v @ m).grad_fn)
print(m.mm(m).grad_fn, m.mv(v).grad_fn, v.dot(v).grad_fn)
print(m.T.grad_fn, m.t().grad_fn, m.transpose(0, 1).grad_fn, m.permute(1, 0).grad_fn)
print(m.max(dim=0).values.grad_fn, m.min(dim=0).values.grad_fn, m.min().grad_fn)
print(m.flatten().grad_fn, m.squeeze().grad_fn, m.unsqueeze(1).squeeze(1).grad_fn)
print(m.expand(3, 2, 2).grad_fn, torch.cat([m, m]).grad_fn, torch.stack([m, m]).grad_fn)
print(torch.maximum(m, m).grad_fn, torch.where(m > 0, m, m).grad_fn)
print(m.sum(dim=1, keepdim=True).grad_fn, m.mean(dim=0).grad_fn, m.double().grad_fn)
