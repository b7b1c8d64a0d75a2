import torch

x = torch.tensor([[1.0, 2.0]], requires_grad=True)
print(str(x) == repr(x))
print(repr(x * 2))
print(f"{x.sum()}")
print([torch.tensor(1.0), torch.tensor([2, 3])])
print((torch.tensor(1.0), None))
print({"a": torch.tensor([0.5])})
