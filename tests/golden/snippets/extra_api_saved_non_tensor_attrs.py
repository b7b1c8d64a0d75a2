import torch

x = torch.ones(2, 3, requires_grad=True)
print(x.sum(1).grad_fn._saved_dim, x.sum(1).grad_fn._saved_keepdim)
print(x.sum().grad_fn._saved_self_sym_sizes)
print(x.mean(1, keepdim=True).grad_fn._saved_dim, x.mean(1, keepdim=True).grad_fn._saved_keepdim)
print(x.transpose(0, 1).grad_fn._saved_dim0, x.permute(1, 0).grad_fn._saved_dims)
print(x.unsqueeze(1).grad_fn._saved_dim, x.view(6).grad_fn._saved_self_sym_sizes)
print(torch.cat([x, x]).grad_fn._saved_dim, x.clamp(0, 1).grad_fn._saved_min, x.clamp(0, 1).grad_fn._saved_max)
print(x.add(x).grad_fn._saved_alpha, x.norm().grad_fn._saved_ord)
