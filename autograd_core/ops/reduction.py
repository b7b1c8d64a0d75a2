"""Reductions: sum, mean, max, min, norm.  Their backward spreads the gradient
back over the elements that were reduced."""
import builtins
from collections import namedtuple

import numpy as np

from .. import dtypes, errors
from ..function import Function, given, keep_given
from ..grad_mode import _State
from ..tensor import Tensor, _wrap_dim
from .elementwise import DivScalar, where


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
            return DivScalar.apply(grad.expand(ctx.shape), n)   # each element counts 1/n (DivBackward1)
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
        return DivScalar.apply(_unreduce(grad, ctx.shape, ctx.dims, ctx.keepdim).expand(ctx.shape), n), None, None


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
    if not shape:                    # to a 0-d tensor: PyTorch's sum_to calls sum() (SumBackward0)
        return Sum.apply(input)
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
    for d in sorted(dims):           # one unsqueeze per dimension, as PyTorch's unsqueeze_multiple
        grad = grad.unsqueeze(d)
    return grad


def _sum_dtype(array, x):
    # PyTorch sums bool and int tensors as int64.
    return array.astype(np.int64) if x.array.dtype.kind in "bi" and array.dtype != np.int64 else array


def _check_not_empty(x, name):
    if x.array.size == 0:
        raise RuntimeError(
            f"{name}(): Expected reduction dim to be specified for input.numel() == 0. "
            "Specify the reduction dim with the 'dim' argument.")


# -- var, std, logsumexp, amax, amin, cumsum ----------------------------------------------------
# Each backward is PyTorch's formula (derivatives.yaml), written with Tensor operations.

def _all_dims(dims, ndim):
    return tuple(range(ndim)) if dims is None else dims


def _count(shape, dims):
    return int(np.prod([shape[d] for d in dims])) if dims else 1


class Var(Function):
    node_name = "VarBackward0"
    saved_names = ("self",)
    saved_values = {"correction": "correction_shown", "dim": given("dim", "dims_shown"), "keepdim": "keepdim"}

    @staticmethod
    def forward(ctx, x, dims, correction, keepdim, shown):
        ctx.save_for_backward(x)
        ctx.dims, ctx.correction, ctx.keepdim = _all_dims(dims, x.ndim), correction, keepdim
        ctx.correction_shown, ctx.dims_shown = shown, dims
        return x.array.var(axis=ctx.dims, ddof=correction, keepdims=keepdim)

    @staticmethod
    def backward(ctx, grad):
        x, = ctx.saved_tensors
        n = _count(x.array.shape, ctx.dims)
        # d var / dx = 2 (x - mean) / (n - correction)
        return (_unreduce(grad, x.array.shape, ctx.dims, ctx.keepdim) * (x - x.mean(ctx.dims, keepdim=True))
                * (2.0 / (n - ctx.correction))), None, None, None, None


class Std(Var):
    node_name = "StdBackward0"
    saved_names = ("self", "result")

    @staticmethod
    def forward(ctx, x, dims, correction, keepdim, shown):
        ctx.dims, ctx.correction, ctx.keepdim = _all_dims(dims, x.ndim), correction, keepdim
        ctx.correction_shown, ctx.dims_shown = shown, dims
        result = Tensor._wrap(x.array.std(axis=ctx.dims, ddof=correction, keepdims=keepdim))
        ctx.save_for_backward(x, result)
        return result

    @staticmethod
    def backward(ctx, grad):
        x, result = ctx.saved_tensors
        n = _count(x.array.shape, ctx.dims)
        # d std / dx = (x - mean) / ((n - correction) std)
        shape, dims, keepdim = x.array.shape, ctx.dims, ctx.keepdim
        return (_unreduce(grad, shape, dims, keepdim) * (x - x.mean(dims, keepdim=True))
                / (_unreduce(result, shape, dims, keepdim) * (n - ctx.correction))), None, None, None, None


class Logsumexp(Function):
    node_name = "LogsumexpBackward0"
    saved_names = ("self", "result")
    saved_values = {"dim": given("dim", "dims"), "keepdim": "keepdim"}

    @staticmethod
    def forward(ctx, x, dims, keepdim):
        ctx.dims, ctx.keepdim = dims, keepdim
        top = x.array.max(axis=dims, keepdims=True) if x.array.size else np.zeros(())
        top = np.where(np.isfinite(top), top, 0)
        out = np.log(np.exp(x.array - top).sum(axis=dims, keepdims=True)) + top     # no overflow
        result = Tensor._wrap(out if keepdim else np.squeeze(out, axis=dims))
        ctx.save_for_backward(x, result)
        return result

    @staticmethod
    def backward(ctx, grad):
        x, result = ctx.saved_tensors
        shape = x.array.shape
        # d logsumexp / dx = softmax(x) = exp(x - result)
        return (_unreduce(grad, shape, ctx.dims, ctx.keepdim)
                * (x - _unreduce(result, shape, ctx.dims, ctx.keepdim)).exp()), None, None


class Amax(Function):
    node_name = "AmaxBackward0"
    saved_names = ("self", "result")
    saved_values = {"dim": given("dim", "dims_shown"), "keepdim": "keepdim"}
    numpy_function = staticmethod(np.max)

    @classmethod
    def forward(cls, ctx, x, dims, keepdim, shown):
        ctx.dims, ctx.keepdim, ctx.dims_shown = _all_dims(dims, x.ndim), keepdim, shown
        result = Tensor._wrap(cls.numpy_function(x.array, axis=ctx.dims, keepdims=keepdim))
        ctx.save_for_backward(x, result)
        return result

    @staticmethod
    def backward(ctx, grad):
        x, result = ctx.saved_tensors
        shape = x.array.shape
        # the gradient is shared evenly by the elements that reach the maximum
        hit = x == _unreduce(result, shape, ctx.dims, ctx.keepdim)
        return (_unreduce(grad, shape, ctx.dims, ctx.keepdim) * hit
                / hit.sum(ctx.dims, keepdim=True)), None, None, None


class Amin(Amax):
    node_name = "AminBackward0"
    numpy_function = staticmethod(np.min)


class Cumsum(Function):
    node_name = "CumsumBackward0"
    saved_values = {"dim": given("dim", "dim")}

    @staticmethod
    def forward(ctx, x, dim):
        ctx.dim = dim
        return _sum_dtype(np.cumsum(x.array, axis=dim), x)

    @staticmethod
    def backward(ctx, grad):
        # each input element appears in every later partial sum: a cumulative sum from the end
        return grad.flip(ctx.dim).cumsum(ctx.dim).flip(ctx.dim), None


def var(input, dim=None, unbiased=True, keepdim=False, *, correction=None):
    shown = correction if correction is not None else (None if dim is None and unbiased is True else int(unbiased))
    return _spread(Var, input, dim, unbiased, keepdim, correction, shown)


def std(input, dim=None, unbiased=True, keepdim=False, *, correction=None):
    shown = correction if correction is not None else (None if dim is None and unbiased is True else int(unbiased))
    return _spread(Std, input, dim, unbiased, keepdim, correction, shown)


def _spread(function, input, dim, unbiased, keepdim, correction, shown):
    if isinstance(dim, bool):              # x.var(False): the old (unbiased) overload
        dim, unbiased = None, dim
    correction = (1 if unbiased else 0) if correction is None else correction
    dims = None if dim is None else _dims(dim, input.ndim, function.node_name[:3].lower(), keepdim)
    out = function.apply(input, dims, correction, keepdim, shown)
    return out if dim is None else keep_given(out, dim=_as_given(dim))


def logsumexp(input, dim, keepdim=False):
    return keep_given(Logsumexp.apply(input, _dims(dim, input.ndim, "logsumexp", keepdim), keepdim),
                      dim=_as_given(dim))


def amax(input, dim=(), keepdim=False):
    dims = _dims(dim, input.ndim, "amax", keepdim)
    return keep_given(Amax.apply(input, dims, keepdim, _as_given(dim)), dim=_as_given(dim))


def amin(input, dim=(), keepdim=False):
    dims = _dims(dim, input.ndim, "amin", keepdim)
    return keep_given(Amin.apply(input, dims, keepdim, _as_given(dim)), dim=_as_given(dim))


def cumsum(input, dim, dtype=None):
    if dtype is not None:
        input = input.to(dtypes.as_dtype(dtype))
    return keep_given(Cumsum.apply(input, _wrap_dim(errors.int_dim("cumsum", dim), input.ndim)), dim=dim)


class Prod(Function):
    """``x.prod()``: the derivative by one element is the product of all the others."""
    node_name = "ProdBackward0"
    saved_names = ("self", "result")

    @staticmethod
    def forward(ctx, x, dim, keepdim):
        ctx.dim, ctx.keepdim = dim, keepdim
        result = Tensor._wrap(_sum_dtype(np.prod(x.array, axis=dim, keepdims=keepdim), x))
        ctx.save_for_backward(x, result)
        return result

    @staticmethod
    def backward(ctx, grad):
        x, result = ctx.saved_tensors
        dims = tuple(range(x.ndim)) if ctx.dim is None else (ctx.dim,)
        grad = _unreduce(grad, x.array.shape, dims, ctx.keepdim)
        if (x.array != 0).all():       # the product of the others is result / x
            return grad * (_unreduce(result, x.array.shape, dims, ctx.keepdim) / x), None, None
        # a zero among them: the products of the others, without dividing (left and right of each)
        return grad * Tensor._wrap(_others_product(x.array, ctx.dim)), None, None


class ProdDim(Prod):
    node_name = "ProdBackward1"
    saved_values = {"dim": given("dim", "dim"), "keepdim": "keepdim"}


def _others_product(a, dim):
    if dim is None:
        return _others_product(a.reshape(-1), 0).reshape(a.shape)
    ones = np.ones_like(np.take(a, [0], axis=dim))
    left = np.cumprod(np.concatenate([ones, np.take(a, range(a.shape[dim] - 1), axis=dim)], axis=dim), axis=dim)
    flipped = np.flip(a, dim)
    right = np.cumprod(np.concatenate([ones, np.take(flipped, range(a.shape[dim] - 1), axis=dim)], axis=dim), axis=dim)
    return left * np.flip(right, dim)


def prod(input, dim=None, keepdim=False, dtype=None):
    if dtype is not None:
        input = input.to(dtypes.as_dtype(dtype))
    if dim is None:
        return Prod.apply(input, None, False)
    return keep_given(ProdDim.apply(input, _wrap_dim(errors.int_dim("prod", dim), input.ndim), keepdim), dim=dim)
