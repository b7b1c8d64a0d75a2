import torch

x = torch.tensor([0.5, -1.5, 2.0], requires_grad=True)
with torch.no_grad():
    x.relu_()
    x.exp_()
    x.clamp_(max=2)
    x.sigmoid_()
    x.neg_()
print(x, x._version, x.is_leaf, x.grad_fn)
