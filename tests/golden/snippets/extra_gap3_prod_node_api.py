import torch
x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 0.0, 6.0]], requires_grad=True)
for make in [lambda: x.prod(), lambda: x.prod(1), lambda: x.prod(-1, keepdim=True), lambda: x.prod(0), lambda: x[0].prod(),
             lambda: torch.prod(x * x, 1)]:
    x.grad = None
    y = make()
    (y * torch.arange(1.0, y.numel() + 1).reshape(y.shape)).sum().backward()
    node = y.grad_fn
    print(y, node.name(), {k: getattr(node, k) for k in dir(node) if k.startswith("_saved_") and k not in ("_saved_self", "_saved_result")})
    print("  ", x.grad)
z = torch.tensor([0.0, 0.0, 2.0], requires_grad=True)
z.prod().backward()
print(z.grad, torch.tensor([2, 3]).prod(), torch.tensor([True, False]).prod().dtype)
print(torch.autograd.gradcheck(lambda t: t.prod(1), (torch.tensor([[1.0, 2.0], [3.0, 0.5]], dtype=torch.float64, requires_grad=True),)))
x = torch.ones(2, requires_grad=True); y = x * 2; a, b = y.split(1)
print(y.output_nr, a.output_nr, b.output_nr, x.output_nr)
e = x.exp()
e.grad_fn.metadata["note"] = "mine"
print(e.grad_fn.metadata, e.grad_fn.metadata is e.grad_fn.metadata)
print((x * 3).grad_fn(torch.ones(2)), (x + x).grad_fn(torch.ones(2)))
print(a.grad_fn(torch.ones(1), torch.ones(1) * 5))
print(x.new_zeros(3), x.new_ones(2, 2), x.new_tensor([1, 2]), x.new_full((2,), 7.0), x.new_zeros((2,)).dtype,
      torch.tensor([1, 2]).new_ones(2).dtype, x.new_tensor([1.5], requires_grad=True))
w = torch.tensor([-1.0, 0.0, 1.0], requires_grad=True)
torch.sqrt(w.clamp(min=0)).sum().backward()
print(w.grad)
print(x.exp().grad_fn(torch.ones(2)), (x * 2).sum().grad_fn(torch.tensor(1.0)))
