import torch

x = torch.tensor([[1.0, 4.0, 2.0], [3.0, 3.0, 0.5]], requires_grad=True)
cases = [("var", lambda: x.var()), ("var1", lambda: x.var(1)), ("var_unb", lambda: x.var(-1, unbiased=False, keepdim=True)),
         ("var_c", lambda: x.var(0, correction=0)), ("std", lambda: x.std()), ("std1", lambda: torch.std(x, dim=1)),
         ("lse", lambda: x.logsumexp(1)), ("lse2", lambda: torch.logsumexp(x, (0, 1))), ("amax", lambda: x.amax()),
         ("amax1", lambda: x.amax(1)), ("amin", lambda: x.amin(-1, keepdim=True)), ("cumsum", lambda: x.cumsum(1)),
         ("cumsum0", lambda: torch.cumsum(x, dim=-2)), ("square", lambda: x.square()),
         ("minimum", lambda: torch.minimum(x, x.flip(1))), ("log1p", lambda: x.log1p()), ("expm1", lambda: (x / 4).expm1()),
         ("log2", lambda: x.log2()), ("log10", lambda: torch.log10(x)), ("tan", lambda: (x / 4).tan()),
         ("sinh", lambda: x.sinh()), ("cosh", lambda: x.cosh()), ("asin", lambda: (x / 5).asin()),
         ("acos", lambda: torch.acos(x / 5)), ("atan", lambda: x.atan()), ("floor", lambda: (x * 1.5).floor()),
         ("ceil", lambda: (x * 1.5).ceil()), ("round", lambda: (x * 1.5).round()), ("trunc", lambda: (-x * 1.5).trunc())]
for name, make in cases:
    x.grad = None
    y = make()
    weights = torch.arange(1.0, y.numel() + 1).reshape(y.shape)
    (y * weights).sum().backward()
    node = y.grad_fn
    saved = {k: getattr(node, k) for k in dir(node) if k.startswith("_saved_") and "self" not in k and "result" not in k
             and "other" not in k}
    print(name, y, node.name(), saved)
    print("  grad", x.grad)
g, = torch.autograd.grad(x.var(), x, create_graph=True)
print(g.grad_fn)
print(torch.autograd.gradcheck(lambda t: t.std(0), (x.detach().double().requires_grad_(),)))
print(torch.autograd.gradcheck(lambda t: t.logsumexp(1), (x.detach().double().requires_grad_(),)))
print(torch.autograd.gradcheck(lambda t: t.cumsum(1), (x.detach().double().requires_grad_(),)))
print(torch.tensor([1, 2, 3]).cumsum(0), torch.tensor([True, True]).cumsum(0).dtype, torch.tensor([2, 7]).amax())
for bad in [lambda: x.cumsum(dim=1.5), lambda: x.var(dim=1.5), lambda: x.std(dim=1.5), lambda: x.amax(5),
            lambda: x.logsumexp(dim=1.5), lambda: x.amax(dim=1.5), lambda: x.var(dim=(0, 1.5))]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
