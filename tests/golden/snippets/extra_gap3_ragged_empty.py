import torch

for data in ([[], [1]], [[1], []], [[], []], [[[]], [[1]]], [[1, 2], []], [[]], []):
    try:
        t = torch.tensor(data)
        print(t.shape, t.dtype)
    except Exception as e:
        print(type(e).__name__, e)
