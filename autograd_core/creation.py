"""Making tensors: ``tensor``, ``zeros``, ``arange`` ... with PyTorch's dtype rules
(Python floats become float32, ints int64, bools bool)."""
import warnings

import numpy as np

from . import dtypes
from .tensor import Tensor, _check_device, _check_requires_grad

COPY_WARNING = (
    "To copy construct from a tensor, it is recommended to use sourceTensor.detach().clone() "
    "or sourceTensor.detach().clone().requires_grad_(True), rather than torch.tensor(sourceTensor)."
)


def tensor(data, dtype=None, device=None, requires_grad=False, pin_memory=False):
    if device is not None:
        _check_device(device)
    dtype = dtypes.as_dtype(dtype)
    if isinstance(data, Tensor):
        warnings.warn(COPY_WARNING, UserWarning, stacklevel=2)
        array = data.array.copy()
    elif isinstance(data, (np.ndarray, np.generic)):
        array = np.array(data)
        dtypes.from_numpy(array.dtype)  # rejects types PyTorch cannot hold
    else:
        array = _array_from_python(data, dtype)
    if dtype is not None:
        array = array.astype(dtype.numpy, copy=False)
    elif array.dtype not in dtypes._BY_NUMPY or dtypes._BY_NUMPY[array.dtype].numpy != array.dtype:
        array = array.astype(dtypes.from_numpy(array.dtype).numpy)
    return _check_requires_grad(Tensor._wrap(array), requires_grad)


def as_tensor(data, dtype=None, device=None):
    """Like ``tensor``, but shares memory with a NumPy array (or returns a tensor as is)."""
    dtype = dtypes.as_dtype(dtype)
    if isinstance(data, Tensor):
        return data if dtype is None else data.to(dtype)
    if isinstance(data, np.ndarray):
        dtypes.from_numpy(data.dtype)
        return Tensor._wrap(data if dtype is None else data.astype(dtype.numpy, copy=False))
    return tensor(data, dtype=dtype, device=device)


def from_numpy(array):
    """A tensor that shares memory with ``array``: changing one changes the other."""
    if not isinstance(array, np.ndarray):
        raise TypeError(f"expected np.ndarray (got {type(array).__name__})")
    dtypes.from_numpy(array.dtype)
    return Tensor._wrap(array)


def zeros(*sizes, size=None, dtype=None, device=None, requires_grad=False):
    return _filled(size_arg(sizes, size), 0, dtype, device, requires_grad, default=dtypes.get_default_dtype())


def ones(*sizes, size=None, dtype=None, device=None, requires_grad=False):
    return _filled(size_arg(sizes, size, "ones"), 1, dtype, device, requires_grad, default=dtypes.get_default_dtype())


empty = zeros


def full(size, fill_value, dtype=None, device=None, requires_grad=False):
    if not isinstance(fill_value, (bool, int, float, np.number, np.bool_)) and not (
            isinstance(fill_value, Tensor) and fill_value.ndim == 0):
        raise TypeError(f"full(): argument 'fill_value' (position 2) must be Number, "
                        f"not {type(fill_value).__name__}")
    default = dtypes.result_type(fill_value)
    return _filled(size_arg((), size, "full"), fill_value, dtype, device, requires_grad, default=default)


def zeros_like(input, dtype=None, device=None, requires_grad=False):
    return zeros(*input.shape, dtype=dtype or input.dtype, device=device, requires_grad=requires_grad)


def ones_like(input, dtype=None, device=None, requires_grad=False):
    return ones(*input.shape, dtype=dtype or input.dtype, device=device, requires_grad=requires_grad)


empty_like = zeros_like


def full_like(input, fill_value, dtype=None, device=None, requires_grad=False):
    return full(tuple(input.shape), fill_value, dtype=dtype or input.dtype, device=device,
                requires_grad=requires_grad)


def arange(start, end=None, step=1, dtype=None, device=None, requires_grad=False):
    # arange(end) or arange(start, end[, step]): the names PyTorch's messages use
    names = ("end",) if end is None else ("start", "end", "step")
    if end is None:
        start, end = 0, start
    numbers = [start, end, step]
    numbers = [n.item() if isinstance(n, Tensor) else n for n in numbers]
    given = numbers[1:2] if len(names) == 1 else numbers
    for position, (name, n) in enumerate(zip(names, given), start=1):
        if not isinstance(n, (int, float, np.number)):
            raise TypeError(f"arange(): argument '{name}' (position {position}) must be Number, "
                            f"not {type(n).__name__}")
    if step == 0:
        raise RuntimeError("step must be nonzero")
    if not all(np.isfinite(numbers)):
        raise RuntimeError(f"unsupported range: {_number(numbers[0])} -> {_number(numbers[1])}")
    if (numbers[1] - numbers[0]) * numbers[2] < 0:
        raise RuntimeError("upper bound and lower bound inconsistent with step sign")
    default = dtypes.get_default_dtype() if any(isinstance(n, float) for n in numbers) else dtypes.int64
    dtype = dtypes.as_dtype(dtype) or default
    start, end, step = numbers
    count = max(int(np.ceil((end - start) / step)), 0)
    # PyTorch computes start + i·step in double precision, then casts.
    values = (start + np.arange(count, dtype=np.float64) * step).astype(dtype.numpy)
    return _finish(values, device, requires_grad)


def linspace(start, end, steps, dtype=None, device=None, requires_grad=False):
    if steps < 0:
        raise RuntimeError("number of steps must be non-negative")
    dtype = dtypes.as_dtype(dtype) or dtypes.get_default_dtype()
    kind = dtype.numpy if dtype.is_floating_point else np.float32
    start, end = kind.type(start), kind.type(end)
    index = np.arange(steps)
    if steps == 1:
        values = np.array([start], dtype=kind)
    else:
        # PyTorch's kernel: the first half counts up from start, the second half
        # counts down from end, so both ends are exact.
        step = (end - start) / kind.type(steps - 1)
        half = steps // 2
        values = np.where(index < half, start + step * index.astype(kind),
                          end - step * (steps - index - 1).astype(kind)).astype(kind)
    return _finish(values.astype(dtype.numpy), device, requires_grad)


def eye(n, m=None, dtype=None, device=None, requires_grad=False):
    if n < 0 or (m is not None and m < 0):
        which, value = ("n", n) if n < 0 else ("m", m)
        raise RuntimeError(f"{which} must be greater or equal to 0, got {value}")
    dtype = dtypes.as_dtype(dtype) or dtypes.get_default_dtype()
    return _finish(np.eye(n, m if m is not None else n, dtype=dtype.numpy), device, requires_grad)


def scalar_tensor(s, dtype=None, device=None, requires_grad=False):
    dtype = dtypes.as_dtype(dtype) or dtypes.get_default_dtype()
    return _finish(np.array(s.item() if isinstance(s, Tensor) else s, dtype=dtype.numpy), device, requires_grad)


# -- helpers -------------------------------------------------------------------------------

def size_arg(sizes, size=None, name="zeros"):
    """``zeros(2, 3)``, ``zeros((2, 3))``, ``zeros([2, 3])`` and ``zeros(size=(2, 3))``
    all mean shape (2, 3).  ``name`` is the function, for PyTorch's messages."""
    size = sizes if size is None else (size if isinstance(size, (tuple, list)) else (size,))
    as_one_argument = len(size) == 1 and isinstance(size[0], (tuple, list))
    if as_one_argument:
        size = tuple(size[0])
    for position, s in enumerate(size):
        if not isinstance(s, (int, np.integer)) or isinstance(s, bool):
            kind = type(s).__name__
            if position == 0 and as_one_argument:
                raise TypeError(f"{name}(): argument 'size' (position 1) must be tuple of ints, but "
                                f"found element of type {kind} at pos 0")
            if position == 0:
                raise TypeError(f"{name}(): argument 'size' (position 1) must be tuple of ints, not {kind}")
            raise TypeError(f"{name}(): argument 'size' failed to unpack the object at pos "
                            f"{position + 1} with error \"type must be tuple of ints,but got {kind}\"")
        if s < 0:
            if name == "zeros":
                raise RuntimeError("zeros: Dimension size must be non-negative.")
            raise RuntimeError(f"Trying to create tensor with negative dimension {s}: {list(size)}")
    return tuple(int(s) for s in size)


def _filled(size, value, dtype, device, requires_grad, default):
    dtype = dtypes.as_dtype(dtype) or default
    return _finish(np.full(size, value, dtype=dtype.numpy), device, requires_grad)


def _finish(array, device, requires_grad):
    if device is not None:
        _check_device(device)
    return _check_requires_grad(Tensor._wrap(array), requires_grad)


def _array_from_python(data, dtype=None):
    """Nested Python lists/numbers as a NumPy array with PyTorch's default dtypes."""
    flat = list(_flatten(data))
    if any(isinstance(v, Tensor) for v in flat):
        data = _items(data)
        flat = list(_flatten(data))
    for v in flat:                     # PyTorch infers the dtype first, from every value
        if not isinstance(v, (bool, int, float, np.number, np.bool_)):
            # PyTorch reads the shape from the first element: a string there looks like
            # one more dimension; anywhere else it is a value of the wrong type.
            raise _invalid_data(v, nested=isinstance(data, (list, tuple)) and flat[0] is v)
    floating = dtype.is_floating_point if dtype is not None else any(
        isinstance(v, (float, np.floating)) for v in flat)
    shape = _shape_from_first(data)
    if 0 in shape:
        # No values to copy ([[], [1]] is (2, 0) in PyTorch): nothing else is checked, and an
        # empty list counts as the default dtype when the dtypes are combined.
        return np.zeros(shape, dtype=(dtype or dtypes.get_default_dtype()).numpy)
    _check_rectangular(data, shape, 0, floating)
    if dtype is not None:  # straight to the asked-for dtype: 0.1 in float64 stays 0.1
        return np.array(data, dtype=dtype.numpy)
    if not flat:
        return np.array(data, dtype=dtypes.get_default_dtype().numpy)
    if all(isinstance(v, (bool, np.bool_)) for v in flat):
        return np.array(data, dtype=np.bool_)
    if all(isinstance(v, (bool, int, np.integer, np.bool_)) for v in flat):
        return np.array(data, dtype=np.int64)
    return np.array(data, dtype=dtypes.get_default_dtype().numpy)


def _invalid_data(value, nested):
    """PyTorch's words for data that is not a number."""
    if isinstance(value, str):
        return ValueError(f"too many dimensions '{type(value).__name__}'") if nested else \
            TypeError(f"new(): invalid data type '{type(value).__name__}'")
    return RuntimeError(f"Could not infer dtype of {type(value).__name__}")


def _number(n):
    return str(int(n)) if isinstance(n, (int, np.integer)) or float(n).is_integer() else str(n)


def _shape_from_first(data):
    """PyTorch reads the shape off the first element at each depth ([[1, 2], ...] is (n, 2))."""
    shape = []
    while isinstance(data, (list, tuple)):
        shape.append(len(data))
        if not data:
            break
        data = data[0]
    return shape


def _check_rectangular(data, shape, dim, floating):
    """Every element must fit that shape: a sequence down to the last dim, then a number."""
    if dim == len(shape):
        if isinstance(data, (list, tuple)):     # a sequence where a number belongs
            kind = type(data).__name__
            raise TypeError(f"must be real number, not {kind}" if floating
                            else f"'{kind}' object cannot be interpreted as an integer")
        return
    if not isinstance(data, (list, tuple)):
        raise TypeError("not a sequence")
    if len(data) != shape[dim]:
        raise ValueError(f"expected sequence of length {shape[dim]} at dim {dim} (got {len(data)})")
    for d in data:
        _check_rectangular(d, shape, dim + 1, floating)


def _flatten(data):
    if isinstance(data, (list, tuple)):
        for d in data:
            yield from _flatten(d)
    else:
        yield data


def _items(data):
    if isinstance(data, (list, tuple)):
        return [_items(d) for d in data]
    return data.item() if isinstance(data, Tensor) else data
