import torch

w = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
for mask in [torch.tensor([[True, False]]), torch.tensor([True, False, True]),
             torch.tensor([[True, False, True]])]:
    try:
        w[mask]
    except IndexError as e:
        print(e)
torch.ones(2, 3, 4)[torch.ones(2, 4, dtype=torch.bool)]
