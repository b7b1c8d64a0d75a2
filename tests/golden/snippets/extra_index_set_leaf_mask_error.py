# On a leaf that requires grad, x[x < 0] = 0 is index_put_ on the leaf itself.
import torch

x = torch.tensor([-1.0, 2.0], requires_grad=True)
x[x < 0] = 0
