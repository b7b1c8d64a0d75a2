import torch

x = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
print(len(x))
for row in x:
    print(row)
for v in torch.tensor([1, 2]):
    print(v, v.shape)
a, b = torch.tensor([7.0, 8.0])
print(a, b)
print(list(torch.tensor([1.0, 2.0])))
