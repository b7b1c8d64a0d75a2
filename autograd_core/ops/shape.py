"""Shape operations move values around without changing them, so each backward
moves the gradient back the same way: reshape back, transpose back, un-expand.

Most of them give a *view* (PyTorch's word): a tensor that shares its input's
memory, so an in-place change through either one changes both (see ``as_view``)."""
import weakref

import numpy as np

from .. import errors
from ..errors import int_tuple
from ..function import Function, SeveralOutputsFunction, given, keep_given
from ..grad_mode import _State
from ..tensor import Tensor, _VersionCounter, _ViewInfo, _wrap_dim


class View(Function):
    node_name = "ViewBackward0"
    saved_values = {"self_sym_sizes": "shape"}

    @staticmethod
    def forward(ctx, x, shape):
        ctx.shape = x.array.shape
        return x.array.reshape(shape)

    @staticmethod
    def backward(ctx, grad):
        return _back(grad, lambda g: g.reshape(ctx.shape)), None


class Squeeze(Function):
    node_name = "SqueezeBackward0"   # squeeze() of every size-1 dimension
    saved_values = {"self_sym_sizes": "shape"}

    @staticmethod
    def forward(ctx, x, dims):
        ctx.shape, ctx.dims = x.array.shape, dims
        return x.array.reshape([s for i, s in enumerate(x.array.shape) if not (i in dims and s == 1)])

    @staticmethod
    def backward(ctx, grad):
        return _back(grad, lambda g: g.reshape(ctx.shape)), None


class SqueezeDim(Squeeze):
    node_name = "SqueezeBackward1"   # squeeze(dim)
    saved_values = {"dim": given("dim", lambda ctx: ctx.dims[0]), "self_sym_sizes": "shape"}


class SqueezeDims(Squeeze):
    node_name = "SqueezeBackward4"   # squeeze over several dims (PyTorch's matmul uses it)


class Unsqueeze(Function):
    node_name = "UnsqueezeBackward0"
    saved_values = {"dim": given("dim", "dim")}

    @staticmethod
    def forward(ctx, x, dim):
        ctx.dim = dim
        return np.expand_dims(x.array, dim)

    @staticmethod
    def backward(ctx, grad):
        return _back(grad, lambda g: g.squeeze(ctx.dim)), None


class Transpose(Function):
    node_name = "TransposeBackward0"
    saved_values = {"dim0": given("dim0", "dim0"), "dim1": given("dim1", "dim1")}

    @staticmethod
    def forward(ctx, x, dim0, dim1):
        ctx.dim0, ctx.dim1 = dim0, dim1
        return np.swapaxes(x.array, dim0, dim1)

    @staticmethod
    def backward(ctx, grad):
        # swapping twice is the identity
        return _back(grad, lambda g: g.transpose(ctx.dim0, ctx.dim1), np.swapaxes, ctx.dim0, ctx.dim1), None, None


class T(Function):
    node_name = "TBackward0"

    @staticmethod
    def forward(ctx, x):
        return x.array.T                               # 0-d and 1-d tensors come back as they are

    @staticmethod
    def backward(ctx, grad):
        return _back(grad, lambda g: g.t(), np.transpose)


class Permute(Function):
    node_name = "PermuteBackward0"
    saved_values = {"dims": "dims"}

    @staticmethod
    def forward(ctx, x, dims):
        ctx.dims = dims
        return np.transpose(x.array, dims)

    @staticmethod
    def backward(ctx, grad):
        inverse = np.argsort(ctx.dims).tolist()                   # the inverse permutation
        return _back(grad, lambda g: g.permute(*inverse), np.transpose, inverse), None


class Repeat(Function):
    """``x.repeat(2, 3)``: copies side by side (np.tile); each copy's gradient adds up."""
    node_name = "RepeatBackward0"
    saved_values = {"repeats": "repeats", "self_sym_sizes": "shape"}

    @staticmethod
    def forward(ctx, x, repeats):
        ctx.shape, ctx.repeats = x.array.shape, repeats
        return np.tile(x.array, repeats)

    @staticmethod
    def backward(ctx, grad):
        # the copies along each dimension, as a dimension of their own: (r0, s0, r1, s1, ...)
        shape = (1,) * (len(ctx.repeats) - len(ctx.shape)) + ctx.shape
        split = [n for r, s in zip(ctx.repeats, shape) for n in (r, s)]
        return grad.reshape(split).sum(tuple(range(0, len(split), 2))).reshape(ctx.shape), None


class Expand(Function):
    node_name = "ExpandBackward0"
    saved_values = {"self_sym_sizes": "shape"}

    @staticmethod
    def forward(ctx, x, shape):
        ctx.shape = x.array.shape
        return np.broadcast_to(x.array, shape)

    @staticmethod
    def backward(ctx, grad):
        return grad.sum_to_size(ctx.shape), None       # a copied value collects every copy's gradient


class Flip(Function):
    node_name = "FlipBackward0"
    saved_values = {"dims": given("dims", "dims")}

    @staticmethod
    def forward(ctx, x, dims):
        ctx.dims = dims
        return np.flip(x.array, dims).copy()           # a copy, as in PyTorch (x[::-1] is refused)

    @staticmethod
    def backward(ctx, grad):
        return grad.flip(ctx.dims), None               # reversing twice is the identity


class Cat(Function):
    node_name = "CatBackward0"
    saved_values = {"dim": given("dim", "dim")}

    @staticmethod
    def forward(ctx, dim, *tensors):
        ctx.dim = dim
        ctx.sizes = [t.array.shape[dim] for t in tensors]
        return np.concatenate([t.array for t in tensors], axis=dim)

    @staticmethod
    def backward(ctx, grad):
        pieces, start = [], 0
        for size in ctx.sizes:                         # each input gets its own slice back
            pieces.append(grad.narrow(ctx.dim, start, size))
            start += size
        return (None, *pieces)


# -- several outputs: split, chunk, unbind -------------------------------------------------------
# One node for all the pieces (SplitBackward0); each piece is a view of the input.  Backward
# puts each piece's gradient back in its place (zeros for a piece that got none).

def _piece(array, dim, start, stop):
    return array[(slice(None),) * dim + (slice(start, stop),)]


class Split(SeveralOutputsFunction):
    node_name = "SplitBackward0"
    several_outputs = True
    saved_values = {"dim": given("dim", "dim"), "self_sym_sizes": "shape", "split_size": "split_size"}

    @staticmethod
    def forward(ctx, x, split_size, dim):
        ctx.shape, ctx.dim, ctx.split_size = x.array.shape, dim, split_size
        ctx.bounds = _bounds([min(split_size, x.array.shape[dim] - start)
                              for start in range(0, x.array.shape[dim], split_size)] or [0])
        return [_piece(x.array, dim, a, b) for a, b in ctx.bounds]

    @staticmethod
    def backward(ctx, *grads):
        return cat(grads, ctx.dim), None, None


class SplitWithSizes(Split):
    node_name = "SplitWithSizesBackward0"
    several_outputs = True
    saved_values = {"dim": given("dim", "dim"), "self_sym_sizes": "shape", "split_sizes": "split_sizes"}

    @staticmethod
    def forward(ctx, x, split_sizes, dim):
        ctx.shape, ctx.dim, ctx.split_sizes = x.array.shape, dim, tuple(split_sizes)
        ctx.bounds = _bounds(split_sizes)
        return [_piece(x.array, dim, a, b) for a, b in ctx.bounds]


class Unbind(SeveralOutputsFunction):
    node_name = "UnbindBackward0"
    several_outputs = True
    saved_values = {"dim": given("dim", "dim")}

    @staticmethod
    def forward(ctx, x, dim):
        ctx.dim = dim
        return [x.array[(slice(None),) * dim + (i,)] for i in range(x.array.shape[dim])]

    @staticmethod
    def backward(ctx, *grads):
        return stack(grads, ctx.dim), None


def _bounds(sizes):
    starts = np.cumsum([0] + list(sizes))
    return [(int(a), int(b)) for a, b in zip(starts[:-1], starts[1:])]


def _pieces_as_views(pieces, input, name, dim, bounds=None):
    """Each piece a view of input; PyTorch refuses in-place changes to them (see ops/inplace.py)."""
    for i, piece in enumerate(pieces):
        if bounds is None:
            as_view(piece, input, _select_along, dim, i)
        else:
            as_view(piece, input, _piece, dim, *bounds[i])
        if piece._view.made is None:
            piece._view.made = (name, i)
    return pieces


def _select_along(array, dim, i):
    return array[(slice(None),) * dim + (i,)]


def split(tensor, split_size_or_sections, dim=0):
    given_dim, dim = dim, _wrap_dim(dim, tensor.ndim)
    size = tensor.array.shape[dim]
    if isinstance(split_size_or_sections, (list, tuple)):
        sizes = errors.int_tuple((tuple(split_size_or_sections),), "split_with_sizes", "split_sizes")
        if sum(sizes) != size or any(s < 0 for s in sizes):
            raise RuntimeError(f"split_with_sizes expects split_sizes to sum exactly to {size} (input tensor's "
                               f"size at dimension {dim}), but got split_sizes={list(sizes)}")
        pieces = SplitWithSizes.apply(tensor, sizes, dim)
        name = "SplitWithSizes"
        bounds = _bounds(sizes)
    else:
        split_size = split_size_or_sections
        if not errors._is_int(split_size):
            raise TypeError(f"split_with_sizes(): argument 'split_sizes' (position 2) must be tuple of ints, "
                            f"not {type(split_size).__name__}")
        if split_size == 0 and size != 0:
            raise RuntimeError(f"split_size can only be 0 if dimension size is 0, but got dimension size of {size}")
        if split_size < 0:
            raise RuntimeError(f"split expects split_size be non-negative, but got split_size={split_size}")
        pieces = Split.apply(tensor, split_size, dim) if split_size else (tensor.view_as(tensor),)
        name = "Split"
        bounds = _bounds([min(split_size, size - s) for s in range(0, size, split_size)] or [0]) if split_size else [(0, size)]
    for piece in pieces:
        keep_given(piece, dim=given_dim)
    return _pieces_as_views(pieces, tensor, name, dim, bounds)


def chunk(input, chunks, dim=0):
    if not errors._is_int(chunks):
        raise TypeError(f"chunk(): argument 'chunks' (position 1) must be int, not {type(chunks).__name__}")
    if chunks <= 0:
        raise RuntimeError(f"chunk expects `chunks` to be greater than 0, got: {chunks}")
    size = input.array.shape[_wrap_dim(dim, input.ndim)]
    return split(input, max(-(-size // chunks), 1) if size else 1, dim)     # ⌈size / chunks⌉ each


class Stack(Function):
    node_name = "StackBackward0"
    saved_values = {"dim": given("dim", "dim")}

    @staticmethod
    def forward(ctx, dim, *tensors):
        ctx.dim = dim
        return np.stack([t.array for t in tensors], axis=dim)

    @staticmethod
    def backward(ctx, grad):
        return (None, *grad.unbind(ctx.dim))


class ToCopy(Function):
    node_name = "ToCopyBackward0"

    @staticmethod
    def forward(ctx, x, dtype):
        ctx.dtype = x.dtype
        return x.array.astype(dtype.numpy)

    @staticmethod
    def backward(ctx, grad):
        return grad.to(ctx.dtype), None                # the gradient goes back in the input's dtype


class Clone(Function):
    node_name = "CloneBackward0"

    @staticmethod
    def forward(ctx, x):
        return x.array.copy()

    @staticmethod
    def backward(ctx, grad):
        return grad


# -- functions --------------------------------------------------------------------------

class UnsafeView(View):
    node_name = "UnsafeViewBackward0"   # reshape of a copy (the input was not contiguous)


def view(input, *shape):
    shape = _infer_size(int_tuple(shape, "view", "size"), input.array.size)
    # A view must reuse the memory as it is laid out; NumPy refuses to set a
    # shape that would need a copy, which is exactly PyTorch's rule.
    try:
        np.ndarray.view(input.array).shape = shape
    except AttributeError:
        raise RuntimeError(
            "view size is not compatible with input tensor's size and stride (at least one "
            "dimension spans across two contiguous subspaces). Use .reshape(...) instead.") from None
    return as_view(View.apply(input, shape), input, np.reshape, shape)


def reshape(input, *shape):
    shape = _infer_size(int_tuple(shape, "reshape", "shape"), input.array.size)
    if input.array.flags.c_contiguous:
        return as_view(View.apply(input, shape), input, np.reshape, shape)
    return UnsafeView.apply(clone(input), shape)


def flatten(input, start_dim=0, end_dim=-1):
    if input.ndim == 0:
        return reshape(input, 1)
    start, end = _wrap_dim(start_dim, input.ndim), _wrap_dim(end_dim, input.ndim)
    if start > end:
        raise RuntimeError("flatten() has invalid args: start_dim cannot come after end_dim")
    shape = input.array.shape
    if start == end:
        return input
    return reshape(input, *shape[:start], -1, *shape[end + 1:])


def squeeze(input, dim=None):
    if dim is None:
        out = Squeeze.apply(input, tuple(range(input.ndim)))
    elif isinstance(dim, (tuple, list)):
        out = SqueezeDims.apply(input, tuple(_wrap_dim(d, input.ndim) for d in dim))
    else:
        out = keep_given(SqueezeDim.apply(input, (_wrap_dim(dim, input.ndim),)), dim=dim)
    return as_view(out, input, np.reshape, out.array.shape)


def unsqueeze(input, dim):
    wrapped = _wrap_dim(dim, input.ndim + 1)
    return keep_given(as_view(Unsqueeze.apply(input, wrapped), input, np.expand_dims, wrapped), dim=dim)


def transpose(input, dim0, dim1):
    given0, given1 = dim0, dim1
    dim0, dim1 = _wrap_dim(dim0, input.ndim), _wrap_dim(dim1, input.ndim)
    out = as_view(Transpose.apply(input, dim0, dim1), input, np.swapaxes, dim0, dim1)
    return keep_given(out, dim0=given0, dim1=given1)


swapaxes = transpose


def t(input):
    if input.ndim > 2:
        raise RuntimeError(f"t() expects a tensor with <= 2 dimensions, but self is {input.ndim}D")
    return as_view(T.apply(input), input, np.transpose)


def permute(input, *dims):
    dims = int_tuple(dims, "permute", "dims")
    if len(dims) != input.ndim:
        raise RuntimeError(
            "permute(sparse_coo): number of dimensions in the tensor input does not match the "
            "length of the desired ordering of dimensions i.e. input.dim() = "
            f"{input.ndim} is not equal to len(dims) = {len(dims)}")
    dims = tuple(_wrap_dim(d, input.ndim) for d in dims)
    return as_view(Permute.apply(input, dims), input, np.transpose, dims)


def expand(input, *sizes):
    sizes = int_tuple(sizes, "expand", "size")
    shape = input.array.shape
    if len(sizes) < len(shape):
        raise RuntimeError(
            f"expand(torch.FloatTensor{{[{', '.join(map(str, shape))}]}}, size=[{', '.join(map(str, sizes))}]): "
            "the number of sizes provided (" + str(len(sizes)) + ") must be greater or equal to the "
            "number of dimensions in the tensor (" + str(len(shape)) + ")")
    lead = len(sizes) - len(shape)
    target = list(sizes)
    for i in reversed(range(len(sizes))):           # PyTorch checks from the last dimension
        size, current = sizes[i], shape[i - lead] if i >= lead else 1
        if size == -1:
            if i < lead:
                raise RuntimeError(f"The expanded size of the tensor (-1) isn't allowed in a "
                                   f"leading, non-existing dimension {i}")
            size = current
        elif current != 1 and current != size:
            raise RuntimeError(
                f"The expanded size of the tensor ({size}) must match the existing size ({current}) "
                f"at non-singleton dimension {i}.  Target sizes: [{', '.join(map(str, sizes))}].  "
                f"Tensor sizes: [{', '.join(map(str, shape))}]")
        target[i] = size
    target = tuple(target)
    # Even to its own shape: PyTorch records an ExpandBackward0 (a view of the same values).
    return as_view(Expand.apply(input, target), input, np.broadcast_to, target)


def flip(input, *dims):
    dims = int_tuple(dims, "flip", "dims")
    return keep_given(Flip.apply(input, tuple(_wrap_dim(d, input.ndim) for d in dims)), dims=dims)


def repeat(input, *repeats):
    repeats = int_tuple(repeats, "repeat", "repeats")
    if len(repeats) < input.ndim:
        raise RuntimeError("Number of dimensions of repeat dims can not be smaller than number of "
                           "dimensions of tensor")
    return Repeat.apply(input, repeats)


def broadcast_tensors(*tensors):
    """Each tensor expanded to the shape they broadcast to; one that has it already is
    returned itself (PyTorch's expand_outplace: no ExpandBackward0 for it)."""
    from .arithmetic import check_broadcast
    shape = ()
    for t in tensors:
        check_broadcast(shape, t.array.shape)
        shape = np.broadcast_shapes(shape, t.array.shape)
    return tuple(t if t.array.shape == shape else expand(t, *shape) for t in tensors)


def expand_as(input, other):
    return expand(input, *other.shape)


def cat(tensors, dim=0):
    tensors = _tensor_list(tensors, "cat")
    if not tensors:
        raise ValueError("torch.cat(): expected a non-empty list of Tensors")
    given_dim, dim = dim, _wrap_dim(errors.int_dim("cat", dim), tensors[0].ndim)
    first = tensors[0].array.shape
    for number, t in enumerate(tensors[1:], start=1):
        for d, (a, b) in enumerate(zip(first, t.array.shape)):
            if d != dim and a != b:
                raise RuntimeError(
                    f"Sizes of tensors must match except in dimension {dim}. Expected size {a} "
                    f"but got size {b} for tensor number {number} in the list.")
    return keep_given(Cat.apply(dim, *_promoted(tensors)), dim=given_dim)


concat = concatenate = cat


def stack(tensors, dim=0):
    tensors = _tensor_list(tensors, "stack")
    if not tensors:
        raise RuntimeError("stack expects a non-empty TensorList")
    for number, t in enumerate(tensors[1:], start=1):
        if t.array.shape != tensors[0].array.shape:
            raise RuntimeError(
                f"stack expects each tensor to be equal size, but got {list(tensors[0].array.shape)} "
                f"at entry 0 and {list(t.array.shape)} at entry {number}")
    return keep_given(Stack.apply(_wrap_dim(dim, tensors[0].ndim + 1), *_promoted(tensors)), dim=dim)


def _tensor_list(tensors, name):
    if isinstance(tensors, Tensor):
        raise TypeError(f"{name}(): argument 'tensors' (position 1) must be tuple of Tensors, not Tensor")
    return list(tensors)


def _promoted(tensors):
    """Mixed dtypes meet in PyTorch's result type (float32 and int64 give float32)."""
    first = tensors[0].array.dtype
    if all(t.array.dtype == first for t in tensors):
        return tensors
    from .. import dtypes
    wanted = dtypes.result_type(*tensors)
    return [t.to(wanted) for t in tensors]


def narrow(input, dim, start, length):
    given_dim, dim = dim, _wrap_dim(dim, input.ndim)
    size = input.array.shape[dim]
    if not -size <= start <= size:
        raise IndexError(f"start out of range (expected to be in range of [{-size}, {size}], but got {start})")
    start = start % size if start < 0 else start
    if start + length > input.array.shape[dim]:
        raise RuntimeError(f"start ({start}) + length ({length}) exceeds dimension size "
                           f"({input.array.shape[dim]}).")
    index = [slice(None)] * input.ndim
    index[dim] = slice(start, start + length)
    return keep_given(input[tuple(index)], dim=given_dim)


def unbind(input, dim=0):
    given_dim, dim = dim, _wrap_dim(dim, input.ndim)
    pieces = Unbind.apply(input, dim)
    for piece in pieces:
        keep_given(piece, dim=given_dim)
    return _pieces_as_views(pieces, input, "Unbind", dim)


def to_dtype(input, dtype):
    if not dtype.is_floating_point:
        # Integers and bools have no gradient: the cast leaves the graph (x.long() has no grad_fn).
        return Tensor._wrap(input.array.astype(dtype.numpy))
    return ToCopy.apply(input, dtype)


def clone(input):
    return Clone.apply(input)


def _back(grad, tensor_step, numpy_step=None, *args):
    """Move the gradient back by a shape step.  With create_graph=True it is recorded
    (``tensor_step`` on the Tensor); otherwise only the numbers matter, so the same step
    runs on the array (``numpy_step(array, *args)``, or ``tensor_step`` when the NumPy
    method has the same meaning, as reshape and squeeze do)."""
    if _State.enabled:
        return tensor_step(grad)
    array = grad.array
    return Tensor._wrap(tensor_step(array) if numpy_step is None else numpy_step(array, *args))


# -- views -------------------------------------------------------------------------------

def as_view(out, input, function, *args):
    """Mark ``out``, which is ``function(input.array, *args)`` and shares input's memory, as a view.

    A view keeps its *base* (the tensor that owns the memory; a view of a view has
    the same base), the NumPy steps from the base's values to its own, and the
    base's version counter: an in-place change through any of them is one change
    of all of them.  The counter also lists the views, so that an in-place change
    can send each view's gradient through the base's new history (ops/inplace.py)."""
    info = input._view
    if info is None:
        base, steps = input, ((function, args),)
    else:
        base, steps = info.base, info.steps + ((function, args),)
    out._view = _ViewInfo(base, steps, None if _State.enabled or not base.requires_grad else "no_grad")
    counter = base._counter
    if counter is None:
        counter = base._counter = _VersionCounter()
    out._counter = counter
    node = input.grad_fn
    if node is not None and node._output is not None and node._output() is input:
        node._follow_counter(counter)       # exp(x).view(2): the view may outlive exp's output
    views = counter.views
    views.append(weakref.ref(out, views.remove))   # the entry goes when the view does
    return out


# -- helpers -------------------------------------------------------------------------------

def _infer_size(shape, numel):
    shape = tuple(int(s) for s in shape)
    for index, s in enumerate(shape):
        if s < -1:
            raise RuntimeError(f"invalid shape dimension {s} at index {index} of shape {list(shape)}")
    if shape.count(-1) > 1:
        raise RuntimeError("only one dimension can be inferred")
    known = 1
    for s in shape:
        if s != -1:
            known *= s
    if -1 in shape:
        if known == 0 or numel % known:
            raise RuntimeError(f"shape '{list(shape)}' is invalid for input of size {numel}")
        shape = tuple(numel // known if s == -1 else s for s in shape)
    elif known != numel:
        raise RuntimeError(f"shape '{list(shape)}' is invalid for input of size {numel}")
    return shape


def type_as(input, other):
    return input.to(other.dtype)
