import torch

w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
with torch.no_grad():
    w.add_(1)
    print(w)
    w.sub_(0.5)
    print(w)
    w.mul_(2)
    print(w)
    w += 1
    w *= 2
    w -= 3
    print(w)
    w.fill_(7)
    print(w)
    w.zero_()
print(w)
print(w.requires_grad, w.is_leaf)
