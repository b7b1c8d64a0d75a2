import torch

x = torch.tensor([[1.0, 5.0, 3.0], [4.0, 2.0, 6.0]])
print(x.argmax())
print(x.argmax(dim=0))
print(x.argmax(dim=1, keepdim=True))
print(torch.argmax(x, 1))
print(x.argmin(), x.argmin(dim=1))
print(torch.tensor([2.0, 7.0, 7.0]).argmax())
