import torch

y = torch.tensor([1.0, -2.0])
print(y.relu_() is y, y.add_(1) is y, y.clamp_(0, 1) is y, y.zero_() is y, y.copy_(torch.ones(2)) is y)
print(torch.relu_(y) is y, torch.sigmoid_(y) is y, y)
