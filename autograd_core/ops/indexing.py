"""``x[index]``.  Backward puts the gradient back where the values came from,
into zeros everywhere else; the two operations are each other's adjoint."""
import operator

import numpy as np

from ..function import Function
from ..tensor import Tensor, _wrap_dim
from .shape import as_view


class Index(Function):
    """Advanced indexing: lists, integer tensors, boolean masks."""
    node_name = "IndexBackward0"

    @staticmethod
    def forward(ctx, x, index):
        ctx.shape, ctx.index = x.array.shape, index
        return x.array[index]

    @staticmethod
    def backward(ctx, grad):
        return IndexPut.apply(grad, ctx.shape, ctx.index), None


class Select(Index):
    """``x[i]`` along one dimension."""
    node_name = "SelectBackward0"


class Slice(Index):
    """``x[a:b]`` along one dimension."""
    node_name = "SliceBackward0"


class IndexPut(Function):
    """Scatter ``grad`` into zeros of the input's shape (an index used twice adds up)."""
    node_name = "IndexPutBackward0"

    @staticmethod
    def forward(ctx, grad, shape, index):
        ctx.index = index
        out = np.zeros(shape, dtype=grad.array.dtype)
        np.add.at(out, index, grad.array)
        return out

    @staticmethod
    def backward(ctx, grad):
        return Index.apply(grad, ctx.index), None, None


ZERO_DIM_INDEX = ("invalid index of a 0-dim tensor. Use `tensor.item()` in Python or "
                  "`tensor.item<T>()` in C++ to convert a 0-dim tensor to a number")
ZERO_DIM_SLICE = "slice() cannot be applied to a 0-dim tensor."


def getitem(input, index):
    """Basic indices become a chain of select/slice nodes, as in PyTorch; the rest is one Index."""
    items = index if isinstance(index, tuple) else (index,)
    items = tuple(i.array if isinstance(i, Tensor) else i for i in items)
    if any(_is_advanced(i) for i in items):
        return Index.apply(input, _numpy_index(items))

    items = _expand_ellipsis(items, input.ndim)
    if sum(1 for i in items if i is not None) > input.ndim:
        if input.ndim == 0:     # loss[0]: PyTorch points to .item()
            raise IndexError(ZERO_DIM_SLICE if isinstance(items[0], slice) else ZERO_DIM_INDEX)
        raise IndexError(f"too many indices for tensor of dimension {input.ndim}")

    result, dim = input, 0
    for item in items:
        if item is None:
            result = result.unsqueeze(dim)
            dim += 1
        elif isinstance(item, slice):
            if item.step is not None and item.step < 0:
                raise ValueError("step must be greater than zero")   # x.flip(0) reverses
            if item != slice(None):
                result = _view(Slice, result, (slice(None),) * dim + (item,))
            dim += 1
        else:
            if isinstance(item, (float, np.floating)):
                raise IndexError("only integers, slices (`:`), ellipsis (`...`), None and long or "
                                 f"byte Variables are valid indices (got {type(item).__name__})")
            size = result.array.shape[dim]
            i = int(item)
            if not -size <= i < size:
                raise IndexError(f"index {i} is out of bounds for dimension {dim} with size {size}")
            # The trailing ... keeps a 0-d result a NumPy view (a bare integer index gives a copy).
            result = _view(Select, result, (slice(None),) * dim + (i % size, Ellipsis))
    if result is input:
        result = _view(Slice, input, (slice(None),) if input.ndim else ())  # x[:] is a new tensor (a view)
    return result


def _view(function, input, index):
    """Basic indexing (ints, slices) picks values without copying them: the result is a view."""
    return as_view(function.apply(input, index), input, operator.getitem, index)


def select(input, dim, index):
    dim = _wrap_dim(dim, input.ndim)
    size = input.array.shape[dim]
    if not -size <= index < size:
        raise IndexError(f"select(): index {index} out of range for tensor of size "
                         f"{list(input.array.shape)} at dimension {dim}")
    return getitem(input, (slice(None),) * dim + (index,))


def _expand_ellipsis(items, ndim):
    """``...`` stands for as many full slices as the other items leave dimensions."""
    if not any(i is Ellipsis for i in items):
        return items
    at = next(n for n, i in enumerate(items) if i is Ellipsis)
    used = sum(np.ndim(i) if _is_advanced(i) and np.asarray(i).dtype == np.bool_ else 1
               for i in items if i is not None and i is not Ellipsis)
    return items[:at] + (slice(None),) * max(ndim - used, 0) + items[at + 1:]


def _is_advanced(item):
    return isinstance(item, (list, np.ndarray)) or (
        isinstance(item, np.generic) and item.dtype == np.bool_)


def _numpy_index(items):
    fixed = []
    for i in items:
        if isinstance(i, list):
            i = np.asarray(i)
        fixed.append(i)
    return tuple(fixed) if len(fixed) != 1 else fixed[0]
