"""In-place operations (``add_``, ``x += 1``, ``zero_`` ...).

Each one runs the ordinary operation and writes the result into the tensor.
Two rules from PyTorch protect the gradients:
- a leaf that requires grad may not be changed in place while recording
  (its old value would be lost); change it under ``no_grad`` instead;
- every change bumps ``tensor._version``, so that backward notices when a
  value it saved has been overwritten.
"""
import numpy as np

from ..function import Function
from ..grad_mode import _State
from ..tensor import Tensor
from . import arithmetic

LEAF_MESSAGE = "a leaf Variable that requires grad is being used in an in-place operation."
_KIND = {"f": "Float", "i": "Long", "b": "Bool"}


def in_place(tensor, operation, *args):
    recording = _State.enabled
    if recording and tensor.grad_fn is None and tensor._requires_grad:
        raise RuntimeError(LEAF_MESSAGE)
    source = tensor
    if recording and tensor.grad_fn is not None:
        # The graph may need the old values: a copy stands in for them.
        source = Tensor._wrap(tensor.array.copy())
        source.grad_fn = tensor.grad_fn
    result = operation(source, *args)
    _write(tensor, result.array)
    if result.grad_fn is not None:
        tensor.grad_fn = result.grad_fn  # the tensor's history now ends in this operation
    return tensor


def _write(tensor, values):
    target = tensor.array
    if values.dtype != target.dtype and not np.can_cast(values.dtype, target.dtype, "same_kind"):
        raise RuntimeError(
            f"result type {_KIND[values.dtype.kind]} can't be cast to the desired output type "
            f"{_KIND[target.dtype.kind] if target.dtype != np.int32 else 'Int'}")
    if values.shape != target.shape and np.broadcast_shapes(values.shape, target.shape) != target.shape:
        raise RuntimeError(
            f"output with shape {list(target.shape)} doesn't match the broadcast shape {list(values.shape)}")
    np.copyto(target, values, casting="unsafe")
    tensor._bump_version()


def add_(tensor, other, alpha=1):
    return in_place(tensor, arithmetic.add, other, alpha)


def sub_(tensor, other, alpha=1):
    return in_place(tensor, arithmetic.sub, other, alpha)


def mul_(tensor, other):
    return in_place(tensor, arithmetic.mul, other)


def div_(tensor, other):
    return in_place(tensor, arithmetic.div, other)


def pow_(tensor, exponent):
    return in_place(tensor, arithmetic.pow, exponent)


def clamp_(tensor, min=None, max=None):  # noqa: A002
    from .elementwise import clamp
    return in_place(tensor, clamp, min, max)


class Fill(Function):
    """``x.fill_(value)``: the old values are gone, so no gradient flows back to them."""
    node_name = "FillBackward2"

    @staticmethod
    def forward(ctx, x, value):
        return np.full_like(x.array, value)

    @staticmethod
    def backward(ctx, grad):
        return grad * 0, None


class Zero(Fill):
    node_name = "ZeroBackward0"


class FillWithTensor(Function):
    """``x.fill_(v)`` with a 0-dim tensor v: every element is v, so v gets the sum."""
    node_name = "FillBackward3"

    @staticmethod
    def forward(ctx, x, value):
        return np.full_like(x.array, value.array)

    @staticmethod
    def backward(ctx, grad):
        return grad * 0, grad.sum()


def zero_(tensor):
    return in_place(tensor, Zero.apply, 0)


def fill_(tensor, value):
    return in_place(tensor, FillWithTensor.apply if isinstance(value, Tensor) else Fill.apply, value)


def copy_(tensor, source):
    return in_place(tensor, lambda _, s: s if isinstance(s, Tensor) else Tensor._wrap(np.asarray(s)), source)


def setitem(tensor, index, value):
    """``x[index] = value``: an in-place write into part of the tensor."""
    if _State.enabled and tensor.grad_fn is None and tensor._requires_grad:
        # PyTorch writes through a view of the tensor, so its message says so.
        raise RuntimeError("a view of a leaf Variable that requires grad is being used in an in-place operation.")
    if _State.enabled and (tensor.grad_fn is not None or (isinstance(value, Tensor) and value.requires_grad)):
        raise NotImplementedError(
            "autograd_core records no graph for x[index] = value; write it under "
            "autograd_core.no_grad(), or build the tensor with torch.where / torch.cat instead")
    if isinstance(index, Tensor):
        index = index.array
    tensor.array[index] = value.array if isinstance(value, Tensor) else value
    tensor._bump_version()
