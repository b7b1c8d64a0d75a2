"""``x[index]``.  Backward puts the gradient back where the values came from,
into zeros everywhere else; the two operations are each other's adjoint."""
import operator

import numpy as np

from ..function import Function, given, keep_given
from ..tensor import Tensor, _wrap_dim
from .shape import as_view


def _saved_int(n):
    # PyTorch keeps these as unsigned 64-bit numbers: -1 shows as 2⁶⁴ - 1.
    return n % 2 ** 64


def _saved_indices(ctx):
    """PyTorch's ``_saved_indices``: one tensor per indexed dimension, None for a full slice."""
    ctx.saved_tensors            # (freed by backward: PyTorch's error then)
    items = ctx.index if isinstance(ctx.index, tuple) else (ctx.index,)
    indices = [Tensor._wrap(np.asarray(i)) if not isinstance(i, slice) else None for i in items]
    while indices and indices[-1] is None:
        indices.pop()
    return tuple(indices)


def _saved_slice(ctx, part):
    if not ctx.index:                 # x[:] of a 0-d tensor
        return {"dim": 0, "start": 0, "end": 2 ** 63 - 1, "step": 1}[part]
    item = ctx.index[-1]
    value = {"dim": len(ctx.index) - 1, "start": item.start if item.start is not None else 0,
             "end": item.stop if item.stop is not None else 2 ** 63 - 1,
             "step": item.step if item.step is not None else 1}[part]
    return _saved_int(value)


class Index(Function):
    """Advanced indexing: lists, integer tensors, boolean masks."""
    node_name = "IndexBackward0"
    saved_values = {"indices": _saved_indices, "self_sym_sizes": "shape"}

    @staticmethod
    def forward(ctx, x, index):
        ctx.shape, ctx.index = x.array.shape, index
        if type(ctx) is Index._backward_cls:
            # PyTorch saves the index tensors (so backward frees them); Select and Slice save none.
            items = index if isinstance(index, tuple) else (index,)
            ctx.save_for_backward(*[Tensor._wrap(np.asarray(i)) for i in items if not isinstance(i, slice)])
        return x.array[index]

    @staticmethod
    def backward(ctx, grad):
        return IndexPut.apply(grad, ctx.shape, ctx.index), None


class Select(Index):
    """``x[i]`` along one dimension."""
    node_name = "SelectBackward0"
    # getitem passes (:, ..., :, i, ...): the index i stands at position dim.
    saved_values = {"dim": given("dim", lambda ctx: len(ctx.index) - 2), "index": lambda ctx: ctx.index[-2],
                    "self_sym_sizes": "shape"}


class Slice(Index):
    """``x[a:b]`` along one dimension."""
    node_name = "SliceBackward0"
    saved_values = {part: (lambda ctx, part=part: _saved_slice(ctx, part))
                    for part in ("dim", "start", "end", "step")}
    saved_values["self_sym_sizes"] = "shape"
    saved_values["dim"] = given("dim", saved_values["dim"])     # narrow(-1, ...) keeps -1


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
        _check_masks(_expand_ellipsis(items, input.ndim), input.array.shape)
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
    given_dim, dim = dim, _wrap_dim(dim, input.ndim)
    size = input.array.shape[dim]
    if not -size <= index < size:
        raise IndexError(f"select(): index {index} out of range for tensor of size "
                         f"{list(input.array.shape)} at dimension {dim}")
    return keep_given(getitem(input, (slice(None),) * dim + (index,)), dim=given_dim)


def _expand_ellipsis(items, ndim):
    """``...`` stands for as many full slices as the other items leave dimensions."""
    if not any(i is Ellipsis for i in items):
        return items
    at = next(n for n, i in enumerate(items) if i is Ellipsis)
    used = sum(np.ndim(i) if _is_advanced(i) and np.asarray(i).dtype == np.bool_ else 1
               for i in items if i is not None and i is not Ellipsis)
    return items[:at] + (slice(None),) * max(ndim - used, 0) + items[at + 1:]


def _check_masks(items, shape):
    """A boolean mask must have the shape of the dimensions it stands for (PyTorch names both whole)."""
    dim = 0
    for item in items:
        if item is None:
            continue
        mask = np.asarray(item) if isinstance(item, (list, np.ndarray, np.generic)) else None
        if mask is not None and mask.dtype == np.bool_ and mask.ndim:
            covered = shape[dim:dim + mask.ndim]
            for k, (m, n) in enumerate(zip(mask.shape, covered)):
                if m != n:
                    raise IndexError(
                        f"The shape of the mask {list(mask.shape)} at index {k} does not match the shape "
                        f"of the indexed tensor {list(shape)} at index {dim + k}")
            dim += mask.ndim
        else:
            dim += 1


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


# -- gather, index_select ------------------------------------------------------------------
# Both pick values by an index tensor; backward adds each gradient back at the place
# its value was picked from (IndexPut), so a position picked twice gets both.

class Gather(Function):
    """``out[i][j] = x[i][index[i][j]]`` (dim = 1): one index per output element."""
    node_name = "GatherBackward0"
    saved_names = ("self", "index")
    saved_values = {"dim": given("dim", "dim"), "sparse_grad": "sparse_grad"}
    sparse_grad = False

    @staticmethod
    def forward(ctx, x, dim, index):
        ctx.save_for_backward(x, Tensor._wrap(index))
        ctx.shape, ctx.dim, ctx.index = x.array.shape, dim, index
        ctx.places = _places_along(index, dim)
        return x.array[ctx.places]

    @staticmethod
    def backward(ctx, grad):
        return IndexPut.apply(grad, ctx.shape, ctx.places), None, None


class IndexSelect(Function):
    """``x.index_select(dim, index)``: whole slices along ``dim``, in the index's order."""
    node_name = "IndexSelectBackward0"
    saved_names = ("index",)
    saved_values = {"dim": given("dim", "dim"), "self_sym_sizes": "shape"}

    @staticmethod
    def forward(ctx, x, dim, index):
        ctx.save_for_backward(Tensor._wrap(index))     # (as PyTorch: freed by backward)
        ctx.shape, ctx.dim, ctx.index = x.array.shape, dim, index
        return np.take(x.array, index.reshape(-1), axis=dim)

    @staticmethod
    def backward(ctx, grad):
        places = (slice(None),) * ctx.dim + (ctx.index.reshape(-1),)
        return IndexPut.apply(grad, ctx.shape, places), None, None


def _places_along(index, dim):
    """The full NumPy index of gather: index's own position in every dimension but ``dim``."""
    if index.ndim == 0:          # a 0-d input is its own only element
        return ()
    places = list(np.indices(index.shape, sparse=True))
    places[dim] = index
    return tuple(places)


def _index_argument(index, op, position=2):
    if not isinstance(index, Tensor):
        raise TypeError(f"{op}(): argument 'index' (position {position}) must be Tensor, "
                        f"not {type(index).__name__}")
    return index.array


def gather(input, dim, index):
    array = _index_argument(index, "gather")
    given_dim, dim = dim, _wrap_dim(dim, input.ndim)
    if array.dtype.kind not in "iu":
        raise RuntimeError("gather(): Expected dtype int32/int64 for index")
    if array.ndim != input.ndim:
        raise RuntimeError("Index tensor must have the same number of dimensions as input tensor")
    for d, (n, size) in enumerate(zip(array.shape, input.array.shape)):
        if d != dim and n > size:
            raise RuntimeError(f"Size does not match at dimension {d} expected index {list(array.shape)} "
                               f"to be no larger than self {list(input.array.shape)} apart from dimension {dim}")
    size = input.array.shape[dim] if input.ndim else 1
    bad = array[(array < 0) | (array >= size)]
    if bad.size:
        raise RuntimeError(f"index {bad.flat[0]} is out of bounds for dimension {dim} with size {size}")
    if input.ndim == 0:
        return Gather.apply(input, 0, array.reshape(()))
    return keep_given(Gather.apply(input, dim, array), dim=given_dim)


def index_select(input, dim, index):
    array = _index_argument(index, "index_select")
    given_dim, dim = dim, _wrap_dim(dim, input.ndim)
    if array.dtype.kind not in "iu":
        raise RuntimeError("index_select(): Expected dtype int32 or int64 for index")
    if array.ndim > 1:
        raise IndexError("index_select(): Index is supposed to be a vector")
    size = input.array.shape[dim] if input.ndim else 1
    bad = array[(array < 0) | (array >= size)]
    if bad.size:
        raise RuntimeError(f"INDICES element is out of DATA bounds, id={bad.flat[0]} axis_dim={size}")
    return keep_given(IndexSelect.apply(input, dim, array), dim=given_dim)


def take_along_dim(input, indices, dim=None):
    """gather with broadcasting (PyTorch expands both to one shape first); no dim: of the flattened input."""
    _index_argument(indices, "take_along_dim")
    if indices.array.dtype != np.int64:
        from ..errors import dtype_name
        raise RuntimeError(f"torch.take_along_dim(): dtype of indices should be Long but got {dtype_name(indices)}")
    if dim is None:
        return gather(input.reshape(-1), 0, indices.reshape(-1))
    if input.ndim != indices.ndim:
        raise RuntimeError(
            "torch.take_along_dim(): input and indices should have the same number of dimensions, "
            f"but got {input.ndim} dimensions for input, and {indices.ndim} dimensions for indices")
    dim = _wrap_dim(dim, input.ndim)
    from .arithmetic import check_broadcast
    shape_in, shape_ix = list(input.shape), list(indices.shape)
    shape_in[dim] = shape_ix[dim] = 1
    check_broadcast(tuple(shape_in), tuple(shape_ix))
    common = [max(a, b) for a, b in zip(shape_in, shape_ix)]
    return gather(input.expand(*(common[:dim] + [input.shape[dim]] + common[dim + 1:])), dim,
                  indices.expand(*(common[:dim] + [indices.shape[dim]] + common[dim + 1:])))
