import torch

x = torch.tensor([0.5, -1.5, 2.0], requires_grad=True)
for name in ["relu_", "sigmoid_", "tanh_", "exp_", "neg_", "abs_", "sin_", "zero_", "clamp_min_"]:
    try:
        getattr(x, name)(*([0] if name == "clamp_min_" else []))
    except RuntimeError as e:
        print(name, e)
for spelling, op in [("x **= 2", lambda: x.__ipow__(2)), ("x /= 2", lambda: x.__itruediv__(2))]:
    try:
        op()
    except RuntimeError as e:
        print(spelling, e)
print(x, x._version)
