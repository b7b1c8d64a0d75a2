import torch

# a wrong backward for q; p does not require grad, so q is "input 0"
class Mul(torch.autograd.Function):
    @staticmethod
    def forward(ctx, p, q):
        ctx.save_for_backward(p, q)
        return p * q

    @staticmethod
    def backward(ctx, grad):
        p, q = ctx.saved_tensors
        return grad * q, grad * 2

p = torch.tensor([1.0, 2.0], dtype=torch.float64)
q = torch.tensor([3.0, 4.0], dtype=torch.float64, requires_grad=True)
try:
    torch.autograd.gradcheck(Mul.apply, (p, q))
except RuntimeError as e:   # torch.autograd has no GradcheckError attribute
    print(type(e).__name__, isinstance(e, RuntimeError))
    print(e)
p.requires_grad_()
print(torch.autograd.gradcheck(Mul.apply, (p, q), raise_exception=False))
torch.autograd.gradcheck(Mul.apply, (p, q))
