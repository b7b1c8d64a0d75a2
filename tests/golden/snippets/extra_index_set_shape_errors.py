import torch

x = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
z = x * 2
for index, value in [([0, 1], torch.ones(3)), (slice(0, 2), torch.ones(3)), (z > 2, torch.ones(5)),
                     (7, 1.0), ([7], 1.0)]:
    try:
        z[index] = value
    except (RuntimeError, IndexError) as e:
        print(type(e).__name__, e)
print(z, z._version)
