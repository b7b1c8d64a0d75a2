import torch

x = torch.tensor([0.5, 0.25], requires_grad=True)
print([hasattr(x, n) for n in ["minimum_", "maximum_", "square_", "fix_", "rsqrt_", "arcsin_", "cumsum_"]])
for n in ["log1p_", "expm1_", "log2_", "log10_", "tan_", "sinh_", "cosh_", "asin_", "acos_", "atan_", "arctan_",
          "floor_", "ceil_", "round_", "trunc_", "fix_", "square_", "rsqrt_"]:
    z = x * 1.5
    out = getattr(z, n)()
    print(n, out is z, z, z._version)
    z.sum().backward()
print(x.grad)
try:
    x.floor_()
except RuntimeError as e:
    print(e)
with torch.no_grad():
    w = x.detach().clone()
    w.log1p_()
print(w, torch.tensor([1.5, 2.5, -0.5]).round_())
c = x * 1
c.cumsum_(0)
print(c, c.grad_fn)
c.sum().backward()
print(x.grad)
