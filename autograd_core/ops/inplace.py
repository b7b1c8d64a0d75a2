"""In-place operations (``add_``, ``x += 1``, ``relu_``, ``x[mask] = 0`` ...).

Each one runs the ordinary operation and writes the result into the tensor's
memory: ``x.relu_()`` is ``x = relu(x)`` without a new tensor, so the graph gets
the same node (ReluBackward0) and ``x.grad_fn`` becomes it.  Three rules from
PyTorch protect the gradients:

- a leaf that requires grad may not be changed in place while recording (its
  old value would be lost); change it under ``no_grad`` instead.  Neither may a
  *view* of such a leaf (``x[0] = 1``), which shares its memory;
- every change bumps the version counter, which a tensor shares with its views
  and ``detach()`` aliases, so that backward notices when a value it saved has
  been overwritten, through whichever name;
- a change made through a view changes the view's *base* too, so the base's
  history gets a ``CopySlices`` node (the base, with the view's part replaced by
  what the operation made of it) and every view of the base now starts from
  that history (``AsStridedBackward0``: "take my part of the base").
"""
import numpy as np

from .. import dtypes, errors
from ..function import Function, Node, _numbers
from ..grad_mode import _State
from ..tensor import _C_NAMES, Tensor, check_not_inference
from . import arithmetic as A
from . import elementwise as E
from . import reduction as R
from .indexing import IndexPut, _expand_ellipsis, _is_advanced, getitem
from .shape import expand

LEAF_MESSAGE = "a leaf Variable that requires grad is being used in an in-place operation."
VIEW_OF_LEAF_MESSAGE = "a view of a leaf Variable that requires grad is being used in an in-place operation."
NO_GRAD_VIEW_MESSAGE = (
    "A view was created in no_grad mode and is being modified inplace with grad mode enabled. "
    "Given that this use case is ambiguous and error-prone, it is forbidden. You can clarify your "
    "code by moving both the view and the inplace either both inside the no_grad block (if you "
    "don't want the inplace to be tracked) or both outside (if you want the inplace to be tracked).")
MULTI_OUTPUT_VIEW_MESSAGE = (
    "Output {1} of {0} is a view and is being modified inplace. This view is the output of a "
    "function that returns multiple views. Such functions do not allow the output views to be "
    "modified inplace. You should replace the inplace operation by an out-of-place one.")
_KIND = {"f": "Float", "i": "Long", "b": "Bool"}


def in_place(tensor, operation, *args, **kwargs):
    """``tensor = operation(tensor, *args)``, written into tensor's own memory."""
    recording = _State.enabled
    source = tensor
    if recording:
        _check_may_change(tensor)
        if tensor.requires_grad or any(isinstance(a, Tensor) and a.requires_grad for a in args):
            # The graph may need the old values (mul_ saves them): a copy stands in for them.
            source = Tensor._wrap(tensor.array.copy())
            source.grad_fn = tensor.grad_fn
    result = operation(source, *args, **kwargs)
    _write(tensor, result.array)
    node = result.grad_fn
    if node is not None:
        view = tensor._view
        if view is None:
            tensor.grad_fn = node          # the tensor's history now ends in this operation
        else:
            view.base.grad_fn = CopySlices(view.base, view, node)
    check_not_inference(tensor)        # (PyTorch too refuses only after writing the values)
    tensor._bump_version()
    if node is not None and node._output is not None:
        # The operation saved its own result (exp_, sigmoid_, relu_): that result is this
        # tensor now, at its new version, whatever name (or view) it is reached by later.
        node._outputs_saved[0].array = tensor.array
        node._follow_counter(tensor._shared_counter(), tensor._version)
    return tensor


def _check_may_change(tensor):
    view = tensor._view
    if view is None:
        if tensor.grad_fn is None and tensor._requires_grad:
            raise RuntimeError(LEAF_MESSAGE)
        return
    if view.made is not None and view.base.requires_grad:
        if view.made == "no_grad":
            raise RuntimeError(NO_GRAD_VIEW_MESSAGE)
        raise RuntimeError(MULTI_OUTPUT_VIEW_MESSAGE.format(*view.made))
    if view.base.grad_fn is None and view.base._requires_grad:
        raise RuntimeError(VIEW_OF_LEAF_MESSAGE)


def _write(tensor, values):
    target = tensor.array
    if not target.flags.writeable:     # an expanded view: one element stands in several places
        raise RuntimeError(
            "unsupported operation: more than one element of the written-to tensor refers to a single "
            "memory location. Please clone() the tensor before performing the operation.")
    if values.dtype != target.dtype and not np.can_cast(values.dtype, target.dtype, "same_kind"):
        raise RuntimeError(
            f"result type {_KIND[values.dtype.kind]} can't be cast to the desired output type "
            f"{_KIND[target.dtype.kind] if target.dtype != np.int32 else 'Int'}")
    if values.shape != target.shape and np.broadcast_shapes(values.shape, target.shape) != target.shape:
        raise RuntimeError(
            f"output with shape {list(target.shape)} doesn't match the broadcast shape {list(values.shape)}")
    np.copyto(target, values, casting="unsafe")


# -- the graph of a change made through a view -----------------------------------------------

def _positions(steps, shape):
    """Where each element of a view sits in its base of ``shape`` (flat indices into the
    base): the view's steps, replayed on the numbers 0, 1, 2 ... laid out like the base."""
    positions = np.arange(int(np.prod(shape))).reshape(shape)
    for function, args in steps:
        positions = function(positions, *args)
    return positions


class CopySlices(Node):
    """The base after an in-place change of one of its views (PyTorch's own node).

    Outside the view the base kept its values, so the gradient passes unchanged;
    inside, the values are what ``fn`` (the operation) made of the old ones, so
    that part of the gradient goes through ``fn``'s backward."""

    def __init__(self, base, info, fn):
        # The view's steps only, not the view info: it holds the base, whose grad_fn this
        # node becomes, and that cycle would wait for Python's cycle collector.
        self.fn, self.steps = fn, info.steps
        self.sequence_nr = next(_numbers)
        self.next_functions = (base._edge(),) + tuple(fn.next_functions[1:])
        self._output_meta = (base.array.shape, base.array.dtype)

    def name(self):
        return "torch::autograd::CopySlices"

    @property
    def _saved(self):              # what the engine frees after backward is fn's
        return self.fn._saved

    def _release(self):
        self.fn._release()

    def apply(self, grad):
        # Written with Tensor operations, so that create_graph=True records it too.
        shape, size = grad.array.shape, grad.array.size
        where = _positions(self.steps, shape).reshape(-1)        # the view's places in the base
        flat = grad.reshape(-1)
        grads = self.fn.apply(flat[where].reshape(self.fn._output_meta[0]))
        outside = np.ones(size, dtype=bool)
        outside[where] = False
        result = E.where(outside, flat, 0.0)                      # the unchanged part passes
        changed = grads[0]
        if changed is not None:                                  # the changed part, through fn
            changed = changed.expand(*self.fn._output_meta[0]).reshape(-1)
            result = result + IndexPut.apply(changed, (size,), where)
        return (result.reshape(shape), *grads[1:])


class AsStridedBackward0(Node):
    """A view's history after its base changed in place: its part of the base's gradient."""

    def __init__(self, view, base):
        self.steps = view._view.steps
        self.sequence_nr = next(_numbers)
        self.next_functions = (base._edge(),)
        self._output_meta = (view.array.shape, view.array.dtype)
        self._base_shape = base.array.shape

    def apply(self, grad):
        shape = self._base_shape
        where = _positions(self.steps, shape).reshape(-1)
        # Into zeros, adding up: an expanded view repeats elements of its base.
        return (IndexPut.apply(grad.reshape(-1), (int(np.prod(shape)),), where).reshape(shape),)


def refresh_views(counter):
    """An in-place change reached every view of the memory: from now on, each view's
    gradient goes to its base's current history (PyTorch regenerates a view's grad_fn
    the same way, whenever the version it was made at is out of date)."""
    for ref in list(counter.views):
        view = ref()
        if view is None:
            continue
        base = view._view.base
        if view.grad_fn is not None or base.requires_grad:
            view.grad_fn = AsStridedBackward0(view, base)


# -- operations with no out-of-place twin elsewhere ----------------------------------------------

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


class CopyFrom(Function):
    """``x.copy_(src)``: x's old values are gone; src's (broadcast, cast) took their place."""
    node_name = "CopyBackwards"

    @staticmethod
    def forward(ctx, x, src):
        return np.broadcast_to(src.array, x.array.shape).astype(x.array.dtype)

    @staticmethod
    def backward(ctx, grad):
        return grad * 0, grad            # the engine sums src's share back to its shape and dtype


CopyFrom._backward_cls.name = lambda self: "torch::autograd::CopyBackwards"   # as PyTorch names it


class IndexPutValues(Function):
    """``x[index] = values`` with an advanced index (mask, list, integer tensor)."""
    node_name = "IndexPutBackward0"

    @staticmethod
    def forward(ctx, x, index, values):
        ctx.index = index
        out = x.array.copy()
        out[index] = values.array
        return out

    @staticmethod
    def backward(ctx, grad):
        kept = np.ones(grad.array.shape, dtype=bool)
        kept[ctx.index] = False                               # overwritten: no gradient to the old values
        return E.where(kept, grad, 0.0), None, getitem(grad, ctx.index)   # the values get theirs


class MaskedFill(Function):
    """``x.masked_fill(mask, value)``: value where mask is True, x elsewhere."""
    node_name = "MaskedFillBackward0"

    @staticmethod
    def forward(ctx, x, mask, value):
        ctx.mask = mask
        return np.where(mask, np.asarray(value, dtype=x.array.dtype), x.array)

    @staticmethod
    def backward(ctx, grad):
        return E.where(ctx.mask, 0.0, grad), None, None       # x's gradient only where it was kept


class MaskedFillWithTensor(MaskedFill):
    """The same with a 0-dim tensor as the value: the value gets the gradient of every filled place."""
    node_name = "MaskedFillBackward1"

    @staticmethod
    def forward(ctx, x, mask, value):
        return MaskedFill.forward(ctx, x, mask, value.array)

    @staticmethod
    def backward(ctx, grad):
        return E.where(ctx.mask, 0.0, grad), None, E.where(ctx.mask, grad, 0.0).sum()


def masked_fill(input, mask, value):
    mask = mask.array if isinstance(mask, Tensor) else np.asarray(mask)
    if mask.dtype != np.bool_:
        raise RuntimeError(f"masked_fill_ only supports boolean masks, but got mask with dtype "
                           f"{_C_NAMES[dtypes.from_numpy(mask.dtype).name]}")
    if isinstance(value, Tensor):
        if value.ndim != 0:
            raise RuntimeError("masked_fill_ only supports a 0-dimensional value tensor, but got tensor "
                               f"with {value.ndim} dimension(s).")
        return MaskedFillWithTensor.apply(input, mask, value)
    return MaskedFill.apply(input, mask, value)


class ClampMin(E.Clamp):
    node_name = "ClampMinBackward0"


class ClampMax(E.Clamp):
    node_name = "ClampMaxBackward0"


def zero(input):
    return Zero.apply(input, 0)


def fill(input, value):
    return FillWithTensor.apply(input, value) if isinstance(value, Tensor) else Fill.apply(input, value)


def copy(input, src):
    if not isinstance(src, Tensor):
        src = Tensor._wrap(np.asarray(src))
    return CopyFrom.apply(input, src)


# -- the in-place methods: x.name_(...) is x = name(x, ...), in x's memory ------------------------

IN_PLACE = {
    "add_": A.add, "sub_": A.sub, "mul_": A.mul, "div_": A.div, "true_divide_": A.div,
    "pow_": A.pow, "remainder_": A.remainder, "neg_": A.neg, "negative_": A.neg,
    "reciprocal_": A.reciprocal,
    "exp_": E.exp, "log_": E.log, "sqrt_": E.sqrt, "abs_": E.abs, "absolute_": E.abs,
    "sin_": E.sin, "cos_": E.cos, "tanh_": E.tanh, "sigmoid_": E.sigmoid, "relu_": E.relu,
    "sign_": E.sign, "clamp_": E.clamp, "clip_": E.clamp,
    "clamp_min_": lambda x, min: ClampMin.apply(x, min, None),     # noqa: A006 - PyTorch's names
    "clamp_max_": lambda x, max: ClampMax.apply(x, None, max),     # noqa: A006
    "zero_": zero, "fill_": fill, "copy_": copy, "masked_fill_": masked_fill,
    "log1p_": E.log1p, "expm1_": E.expm1, "log2_": E.log2, "log10_": E.log10, "tan_": E.tan,
    "sinh_": E.sinh, "cosh_": E.cosh, "asin_": E.asin, "acos_": E.acos, "atan_": E.atan,
    "arcsin_": E.asin, "arccos_": E.acos, "arctan_": E.atan, "rsqrt_": E.rsqrt, "square_": E.square,
    "floor_": E.floor, "ceil_": E.ceil, "round_": E.round, "trunc_": E.trunc, "fix_": E.trunc,
    "cumsum_": R.cumsum,
}


def _method(name, function):
    def method(tensor, *args, **kwargs):
        return in_place(tensor, function, *args, **kwargs)
    method.__name__ = name
    return method


METHODS = {name: _method(name, function) for name, function in IN_PLACE.items()}
METHODS["masked_fill"] = masked_fill          # (its out-of-place twin lives here too)
globals().update(METHODS)     # add_, relu_, ...: also torch.relu_(x), as PyTorch has them


# -- x[index] = value ------------------------------------------------------------------------------

def setitem(tensor, index, value):
    """``x[index] = value``, as PyTorch does it.  The basic parts of the index (ints,
    slices, None) pick a view of x first; copying ``value`` into that view changes x
    (CopySlices).  Advanced parts (a mask, a list, an integer tensor) are then one
    ``index_put_`` (IndexPutBackward0), into the view or into x itself."""
    if not isinstance(value, Tensor):
        if not isinstance(value, (int, float, bool, np.number, np.bool_)):
            kind = type(value).__name__ if type(value).__module__ == "builtins" else (
                f"{type(value).__module__.split('.')[0]}.{type(value).__name__}")
            raise TypeError(f"can't assign a {kind} to a {tensor.type()}")
        value = Tensor._wrap(np.asarray(value, dtype=tensor.array.dtype))
    items = index if isinstance(index, tuple) else (index,)
    items = _expand_ellipsis(tuple(i.array if isinstance(i, Tensor) else i for i in items), tensor.ndim)
    target, dim, put = tensor, 0, []       # put: the advanced index, for the dims that are left
    for item in items:
        if _is_advanced(item):
            item = np.asarray(item)
            put.append(item)
            dim += item.ndim if item.dtype == np.bool_ else 1
            continue
        if item != slice(None):            # a full slice is x itself (PyTorch makes no view for it)
            target = getitem(target, (slice(None),) * dim + (item,))
        if item is None or isinstance(item, slice):
            put.append(slice(None))
            dim += 1
    if any(type(i) is not slice for i in put):
        put = tuple(put)
        try:
            chosen = target.array[put].shape
        except IndexError as exc:          # an index out of range: PyTorch's words for it
            raise errors.from_numpy(exc) from None
        _check_values(value, chosen)
        one_by_mask = value.array.size == 1 and any(i.dtype == np.bool_ for i in put if type(i) is not slice)
        if value.array.dtype != target.array.dtype and not one_by_mask:
            raise RuntimeError(   # (one value by a mask is a masked_fill_ in PyTorch, which casts)
                "Index put requires the source and destination dtypes match, got "
                f"{errors.dtype_name(target)} for the destination and {errors.dtype_name(value)} for the source.")
        in_place(target, IndexPutValues.apply, put, value)
    elif value.array.ndim == 0 and target.array.ndim != 0:
        in_place(target, FillWithTensor.apply, value)
    else:
        if value.array.shape != target.array.shape:
            expand(Tensor._wrap(value.array), *target.array.shape)   # PyTorch's message if it cannot
        in_place(target, copy, value)


def _check_values(value, shape):
    try:
        if np.broadcast_shapes(value.array.shape, shape) == shape:
            return
    except ValueError:
        pass
    raise RuntimeError(f"shape mismatch: value tensor of shape {list(value.array.shape)} cannot be "
                       f"broadcast to indexing result of shape {list(shape)}")
