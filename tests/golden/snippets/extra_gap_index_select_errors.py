import torch

w = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
for make in [lambda: w.index_select(1, torch.tensor([3])), lambda: w.index_select(1, torch.tensor([-1])),
             lambda: w.index_select(1, torch.tensor([[0]])), lambda: w.index_select(1, torch.tensor([0.0])),
             lambda: w.index_select(3, torch.tensor([0])), lambda: w.index_select(1, [0])]:
    try:
        make()
    except Exception as e:
        print(type(e).__name__, e)
