import torch

f32 = torch.tensor([1.0, 2.0])
f64 = torch.tensor([1.0, 2.0], dtype=torch.float64)
print(f32.dtype, f64.dtype)
print(f32 + f64)
print((f32 * f64).dtype)
print(torch.tensor([1, 2]) + f64)
print(torch.get_default_dtype())
