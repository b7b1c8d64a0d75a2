import torch

x = torch.tensor([0.001, 10.0])
torch.set_printoptions(sci_mode=False)
print(x)
torch.set_printoptions(sci_mode=True)
print(torch.tensor([1.0, 2.0]))
torch.set_printoptions(profile="default")
print(x)
