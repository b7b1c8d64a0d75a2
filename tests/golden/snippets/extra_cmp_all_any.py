import torch

a = torch.tensor([1.0, 2.0, 3.0])
print((a > 0).all(), (a > 2).all())
print((a > 2).any(), (a > 5).any())
print(torch.all(a > 0), torch.any(a < 0))
print(torch.tensor([[True, False], [True, True]]).all(dim=1))
print(bool((a > 0).all()))
print(torch.equal(a, a.clone()))
