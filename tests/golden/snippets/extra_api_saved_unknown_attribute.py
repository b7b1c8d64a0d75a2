import torch

x = torch.ones(2, requires_grad=True)
(x * x).grad_fn._saved_exponent
