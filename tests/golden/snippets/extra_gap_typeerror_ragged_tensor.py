import torch

for data in [[1, [2]], [1.0, [2]], [True, [2]], [[1], 2], [[1, 2], [3]], [[1, 2], 3], [[1], [[2]]],
             [[[1]], [2]], [1, (2,)], [[1], []], [[1], None], [1, "a"]]:
    try:
        torch.tensor(data)
    except (TypeError, ValueError, RuntimeError) as e:
        print(type(e).__name__, e)
torch.tensor([1, [2]], dtype=torch.float32)
