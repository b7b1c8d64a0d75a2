"""Reductions: sum, mean, max, min, norm.  Their backward spreads the gradient
back over the elements that were reduced."""
import builtins
from collections import namedtuple

import numpy as np

from .. import dtypes, errors
from ..function import Function, given, keep_given
from ..grad_mode import _State
from ..tensor import Tensor, _wrap_dim
from .elementwise import where


class Sum(Function):
    node_name = "SumBackward0"
    saved_values = {"self_sym_sizes": "shape"}

    @staticmethod
    def forward(ctx, x):
        ctx.shape = x.array.shape
        return _sum_dtype(x.array.sum(), x)

    @staticmethod
    def backward(ctx, grad):
        return grad.expand(ctx.shape)                  # every element contributed once


class SumDim(Function):
    node_name = "SumBackward1"
    saved_values = {"dim": given("dim", "dims"), "keepdim": "keepdim", "self_sym_sizes": "shape"}

    @staticmethod
    def forward(ctx, x, dims, keepdim):
        ctx.shape, ctx.dims, ctx.keepdim = x.array.shape, dims, keepdim
        return _sum_dtype(x.array.sum(axis=dims, keepdims=keepdim), x)

    @staticmethod
    def backward(ctx, grad):
        return _unreduce(grad, ctx.shape, ctx.dims, ctx.keepdim).expand(ctx.shape), None, None


class SumToSize(Function):
    """Sum a broadcast gradient back to an input's shape (the engine's one use of it)."""
    node_name = "SumBackward1"

    @staticmethod
    def forward(ctx, x, shape):
        ctx.shape = x.array.shape
        return sum_to_shape(x.array, shape)

    @staticmethod
    def backward(ctx, grad):
        return grad.expand(ctx.shape), None


def sum_to_shape(array, shape):
    """Sum ``array`` over the dimensions that broadcasting added to ``shape``."""
    lead = array.ndim - len(shape)
    if array.shape[lead:] == shape:      # the usual case (a bias): only dimensions in front were added
        return array.sum(axis=tuple(range(lead)))
    dims = tuple(range(lead)) + tuple(
        lead + i for i, size in enumerate(shape) if size == 1 and array.shape[lead + i] != 1)
    return array.sum(axis=dims, keepdims=True).reshape(shape)


class Mean(Function):
    node_name = "MeanBackward0"
    saved_values = {"self_sym_sizes": "shape", "self_sym_numel": lambda ctx: int(np.prod(ctx.shape))}

    @staticmethod
    def forward(ctx, x):
        ctx.shape = x.array.shape
        # The same number as x.array.mean(), whose Python-level wrapper costs more
        # than the sum itself on small tensors.
        # (The mean of nothing is 0/0 = nan, without NumPy's warning.)
        return np.add.reduce(x.array, axis=None) / x.array.size

    @staticmethod
    def backward(ctx, grad):
        n = builtins.max(int(np.prod(ctx.shape)), 1)
        if _State.enabled:                             # create_graph=True: record this too
            return grad.expand(ctx.shape) / n          # each element counts 1/n
        # An ordinary backward needs only the numbers: the same 1/n everywhere, in NumPy.
        return Tensor._wrap(np.full(ctx.shape, grad.array / n, dtype=grad.array.dtype))


class MeanDim(Function):
    node_name = "MeanBackward1"
    saved_values = dict(SumDim.saved_values, self_sym_numel=Mean.saved_values["self_sym_numel"])

    @staticmethod
    def forward(ctx, x, dims, keepdim):
        ctx.shape, ctx.dims, ctx.keepdim = x.array.shape, dims, keepdim
        return x.array.mean(axis=dims, keepdims=keepdim)

    @staticmethod
    def backward(ctx, grad):
        n = int(np.prod([ctx.shape[d] for d in ctx.dims]))
        return _unreduce(grad, ctx.shape, ctx.dims, ctx.keepdim).expand(ctx.shape) / n, None, None


class Max(Function):
    """``x.max()`` over all elements: the gradient goes to the maximum (split among ties)."""
    node_name = "MaxBackward1"
    saved_names = ("self", "result")

    @staticmethod
    def forward(ctx, x):
        return _extreme(ctx, x, np.max, "max")

    @staticmethod
    def backward(ctx, grad):
        x, result = ctx.saved_tensors
        winners = Tensor._wrap(x.array == result.array)
        return grad * winners / winners.array.sum()


class Min(Max):
    node_name = "MinBackward1"

    @staticmethod
    def forward(ctx, x):
        return _extreme(ctx, x, np.min, "min")


def _extreme(ctx, x, numpy_function, name):
    _check_not_empty(x, name)
    result = Tensor._wrap(numpy_function(x.array))
    ctx.save_for_backward(x, result)
    return result


class MaxDim(Function):
    """``x.max(dim)``: values along ``dim``; the gradient goes back to each argmax."""
    node_name = "MaxBackward0"
    saved_values = {"dim": given("dim", "dim"), "keepdim": "keepdim", "self_sym_sizes": "shape",
                    "indices": lambda ctx: Tensor._wrap(  # the argmax, in the output's shape
                        ctx.indices if ctx.keepdim else ctx.indices.squeeze(ctx.dim))}

    @staticmethod
    def forward(ctx, x, dim, keepdim):
        return _extreme_along(ctx, x, dim, keepdim, np.argmax)

    @staticmethod
    def backward(ctx, grad):
        if ctx.dim is None:                              # a 0-d input was its own extreme
            return grad, None, None
        chosen = np.zeros(ctx.shape, dtype=bool)
        np.put_along_axis(chosen, ctx.indices, True, axis=ctx.dim)
        grad = _unreduce(grad, ctx.shape, (ctx.dim,), ctx.keepdim)
        return grad.expand(ctx.shape) * Tensor._wrap(chosen), None, None


class MinDim(MaxDim):
    node_name = "MinBackward0"

    @staticmethod
    def forward(ctx, x, dim, keepdim):
        return _extreme_along(ctx, x, dim, keepdim, np.argmin)


def _extreme_along(ctx, x, dim, keepdim, numpy_arg):
    if x.array.ndim == 0:                                # PyTorch accepts dim 0 / -1 here
        ctx.dim = None
        return x.array.copy()
    indices = np.expand_dims(numpy_arg(x.array, axis=dim), dim)
    ctx.shape, ctx.dim, ctx.keepdim, ctx.indices = x.array.shape, dim, keepdim, indices
    values = np.take_along_axis(x.array, indices, axis=dim)
    return values if keepdim else values.squeeze(dim)


class Norm(Function):
    """The vector p-norm ‖x‖ₚ = (Σ |x|ᵖ)^(1/p); p = 2 is the Euclidean length.

    p = ∞ is max |x|, p = -∞ is min |x|, and p = 0 counts the non-zero elements."""
    node_name = "LinalgVectorNormBackward0"
    saved_names = ("self", "result")
    saved_values = {"ord": "ord", "dim": given("dim", "dims"), "keepdim": "keepdim"}

    @staticmethod
    def forward(ctx, x, p, dims, keepdim):
        a, reduce = x.array, dict(axis=dims, keepdims=keepdim)
        if p == 2:
            values = np.sqrt((a * a).sum(**reduce))
        elif p == 1:
            values = np.abs(a).sum(**reduce)
        elif p == np.inf:
            values = np.abs(a).max(**reduce)
        elif p == -np.inf:
            values = np.abs(a).min(**reduce)
        elif p == 0:
            values = (a != 0).sum(**reduce).astype(a.dtype)
        else:
            values = (np.abs(a) ** p).sum(**reduce) ** (1 / p)
        result = Tensor._wrap(np.asarray(values, dtype=a.dtype))
        ctx.save_for_backward(x, result)
        ctx.ord, ctx.dims, ctx.keepdim = p, dims, keepdim
        return result

    @staticmethod
    def backward(ctx, grad):
        x, result = ctx.saved_tensors
        p = ctx.ord
        if p == 0:                                     # a count is flat: no gradient at all
            return None, None, None, None
        dims = ctx.dims if ctx.dims is not None else tuple(range(x.ndim))
        grad = _unreduce(grad, x.shape, dims, ctx.keepdim)
        result = _unreduce(result, x.shape, dims, ctx.keepdim)
        if p in (np.inf, -np.inf):
            # Only the extreme elements count; ties share the gradient equally.
            chosen = (x.abs() == result).to(x.dtype)
            count = chosen.sum(dims, keepdim=True)
            return x.sign() * chosen * (grad / count), None, None, None
        # ∂‖x‖ₚ/∂x = sign(x)·|x|ᵖ⁻¹ / ‖x‖ₚᵖ⁻¹  (for p = 2: x / ‖x‖).  Where x = 0 or
        # ‖x‖ₚ = 0 the formula is 0/0 or ∞·0: PyTorch's choice is 0.
        if p == 1:
            return grad * x.sign(), None, None, None
        if p == 2:
            scaled = x
        else:
            scaled = where(x == 0, 0.0, x.sign() * x.abs() ** (p - 1))
        zero = result == 0
        return scaled * where(zero, 0.0, grad / where(zero, 1.0, result ** (p - 1))), None, None, None


# -- functions --------------------------------------------------------------------------

def sum(input, dim=None, keepdim=False, dtype=None):  # noqa: A001 - PyTorch's name
    if dtype is not None:
        input = input.to(dtypes.as_dtype(dtype))
    if dim is None:
        return Sum.apply(input)
    return keep_given(SumDim.apply(input, _dims(dim, input.ndim, "sum", keepdim), keepdim), dim=_as_given(dim))


def sum_to_size(input, *size):
    shape = tuple(size[0]) if len(size) == 1 and isinstance(size[0], (tuple, list)) else size
    if tuple(input.array.shape) == tuple(shape):
        return input
    return SumToSize.apply(input, tuple(shape))


def mean(input, dim=None, keepdim=False, dtype=None):
    if dtype is not None:
        input = input.to(dtypes.as_dtype(dtype))
    if not input.dtype.is_floating_point:
        kind = {"int64": "Long", "int32": "Int", "bool": "Bool"}[input.dtype.name]
        raise RuntimeError(
            "mean(): could not infer output dtype. Input dtype must be either a floating "
            f"point or complex dtype. Got: {kind}")
    if dim is None:
        return Mean.apply(input)
    return keep_given(MeanDim.apply(input, _dims(dim, input.ndim, "mean", keepdim), keepdim), dim=_as_given(dim))


max_result = namedtuple("max", ["values", "indices"])
min_result = namedtuple("min", ["values", "indices"])


def _return_type_repr(self):
    # PyTorch prints these as ``torch.return_types.max(values=..., indices=...)``.
    return (f"autograd_core.return_types.{type(self).__name__}(\n"
            f"values={self.values!r},\nindices={self.indices!r})")


max_result.__repr__ = min_result.__repr__ = _return_type_repr


def max(input, dim=None, keepdim=False):  # noqa: A001
    if isinstance(dim, Tensor):
        from .elementwise import maximum
        return maximum(input, dim)
    if dim is None:
        return Max.apply(input)
    given_dim, dim = dim, _wrap_dim(errors.max_dim("max", dim), input.ndim)
    values = keep_given(MaxDim.apply(input, dim, keepdim), dim=given_dim)
    return max_result(values, argmax(input, dim, keepdim))


def min(input, dim=None, keepdim=False):  # noqa: A001
    if dim is None:
        return Min.apply(input)
    given_dim, dim = dim, _wrap_dim(errors.max_dim("min", dim), input.ndim)
    values = keep_given(MinDim.apply(input, dim, keepdim), dim=given_dim)
    return min_result(values, argmin(input, dim, keepdim))


def argmax(input, dim=None, keepdim=False):
    return _arg(np.argmax, input, dim if dim is None else errors.int_dim("argmax", dim), keepdim)


def argmin(input, dim=None, keepdim=False):
    return _arg(np.argmin, input, dim if dim is None else errors.int_dim("argmin", dim), keepdim)


def norm(input, p="fro", dim=None, keepdim=False, dtype=None):
    """``x.norm(p)``: for vectors (or all the elements at once), any p of vector_norm."""
    if p == "fro" or p is None:
        p = 2
    if isinstance(p, str):
        raise NotImplementedError(f"autograd_core has no matrix norm '{p}'; "
                                  "use p=1, 2, float('inf') ... (vector norms)")
    return vector_norm(input, p, dim, keepdim, dtype=dtype)


def vector_norm(x, ord=2, dim=None, keepdim=False, *, dtype=None):  # noqa: A002 - PyTorch's name
    """``torch.linalg.vector_norm``: ‖x‖ₚ over ``dim`` (all elements when None)."""
    if dtype is not None:
        x = x.to(dtypes.as_dtype(dtype))
    if not x.dtype.is_floating_point:
        from ..errors import dtype_name
        raise RuntimeError("linalg.vector_norm: Expected a floating point or complex tensor as "
                           f"input. Got {dtype_name(x)}")
    out = Norm.apply(x, ord, None if dim is None else _dims(dim, x.ndim), keepdim)
    return out if dim is None else keep_given(out, dim=_as_given(dim))


def all(input, dim=None):  # noqa: A001
    return Tensor._wrap(np.all(input.array, axis=dim))


def any(input, dim=None):  # noqa: A001
    return Tensor._wrap(np.any(input.array, axis=dim))


# -- helpers -------------------------------------------------------------------------------

def _arg(numpy_arg, input, dim, keepdim):
    if dim is None:
        return Tensor._wrap(np.asarray(numpy_arg(input.array), dtype=np.int64))
    dim = _wrap_dim(dim, input.ndim)
    if input.ndim == 0:
        return Tensor._wrap(np.zeros((), dtype=np.int64))
    index = numpy_arg(input.array, axis=dim)
    return Tensor._wrap((np.expand_dims(index, dim) if keepdim else index).astype(np.int64))


def _as_given(dim):
    return tuple(dim) if isinstance(dim, (tuple, list)) else (dim,)


def _dims(dim, ndim, op=None, keepdim=False):
    dims = dim if isinstance(dim, (tuple, list)) else (dim,)
    if op is not None and not builtins.all(type(d) is int for d in dims):   # (numpy ints too, below)
        errors.reduction_dims(op, dim, keepdim)
    if not dims:                                         # dim=() or []: every dimension
        dims = range(ndim)
    wrapped = tuple(sorted(_wrap_dim(d, ndim) for d in dims))
    for a, b in zip(wrapped, wrapped[1:]):
        if a == b:
            raise RuntimeError(f"dim {a} appears multiple times in the list of dims")
    return wrapped if ndim else ()                       # a 0-d tensor has no axis to reduce


def _unreduce(grad, shape, dims, keepdim):
    """Put back the reduced dimensions as size 1, so that the gradient can expand."""
    if keepdim:
        return grad
    kept = [1 if i in dims else size for i, size in enumerate(shape)]
    return grad.reshape(kept)


def _sum_dtype(array, x):
    # PyTorch sums bool and int tensors as int64.
    return array.astype(np.int64) if x.array.dtype.kind in "bi" and array.dtype != np.int64 else array


def _check_not_empty(x, name):
    if x.array.size == 0:
        raise RuntimeError(
            f"{name}(): Expected reduction dim to be specified for input.numel() == 0. "
            "Specify the reduction dim with the 'dim' argument.")
