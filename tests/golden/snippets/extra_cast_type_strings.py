import torch

x = torch.tensor([0.5, -1.5])
print(x.type(), x.int().type(), x.long().type(), x.double().type(), x.bool().type())
print(x.type("torch.IntTensor"), x.type("torch.BoolTensor"))
x.type("torch.Foo")
