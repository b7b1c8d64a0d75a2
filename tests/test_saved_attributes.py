"""grad_fn._saved_<name>: each op's declared names (Function.saved_names) must agree with
the names viz draws the saved tensors under, and each must reach the tensor the node saved.

(The values themselves are compared with PyTorch by the golden snippets extra_api_saved_*.)"""
import pytest

import autograd_core as torch
from autograd_core.function import FREED_MESSAGE
from autograd_core.viz.description import saved_roles

x = torch.tensor([[1.0, -2.0, 3.0], [0.5, 4.0, -1.0]], requires_grad=True)
w = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], requires_grad=True)
v = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
OPS = {
    "mul": lambda: x * x, "mul_number": lambda: x * 2, "div": lambda: x / (x + 5), "pow": lambda: x ** 2,
    "pow_tensor": lambda: (x + 5) ** x, "rpow": lambda: 2 ** x, "reciprocal": lambda: x.reciprocal(),
    "exp": lambda: x.exp(), "log": lambda: (x + 5).log(), "sqrt": lambda: (x + 5).sqrt(), "sin": lambda: x.sin(),
    "tanh": lambda: x.tanh(), "sigmoid": lambda: x.sigmoid(), "relu": lambda: x.relu(), "abs": lambda: x.abs(),
    "clamp": lambda: x.clamp(0, 1), "maximum": lambda: torch.maximum(x, x * 2), "max": lambda: x.max(),
    "norm": lambda: x.norm(), "norm_p1": lambda: x.norm(p=1), "mm": lambda: x @ w, "mv": lambda: x @ v,
    "dot": lambda: v @ v,
}


@pytest.mark.parametrize("name", sorted(OPS))
def test_saved_names_reach_the_saved_tensors(name):
    node = OPS[name]().grad_fn
    roles = saved_roles(node)
    declared = type(node)._forward_cls.saved_names
    assert list(declared) == [r if r is not None else d for r, d in zip(roles, declared)]
    for role, saved in zip(declared, node.saved_tensors):
        got = getattr(node, f"_saved_{role}")
        if saved is None:
            assert got is None
        else:
            assert got.array is saved.array or bool((got == saved).all())


def test_saved_attributes_after_backward():
    y = x.pow(3)
    y.sum().backward()
    assert y.grad_fn._saved_exponent == 3            # numbers stay
    with pytest.raises(RuntimeError) as info:
        y.grad_fn._saved_self                        # tensors are freed
    assert str(info.value) == FREED_MESSAGE
    with pytest.raises(AttributeError, match="'PowBackward0' object has no attribute '_saved_other'"):
        y.grad_fn._saved_other
