import torch

w = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
for make in [lambda: w.gather(1, torch.tensor([[0.0, 1.0]])), lambda: w.gather(1, torch.tensor([[3]])),
             lambda: w.gather(1, torch.tensor([[-1]])), lambda: w.gather(1, torch.tensor([0, 1])),
             lambda: w.gather(2, torch.tensor([[0]])), lambda: w.gather(1, torch.tensor([[0], [1], [0]])),
             lambda: w.gather(1, [[0]]), lambda: torch.take_along_dim(w, torch.tensor([0]), dim=1),
             lambda: torch.take_along_dim(w, torch.tensor([[0.0]]), dim=1)]:
    try:
        make()
    except Exception as e:
        print(type(e).__name__, e)
