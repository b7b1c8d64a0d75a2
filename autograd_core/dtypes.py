"""dtype objects and PyTorch's type-promotion rule.

A dtype is a small named wrapper around a NumPy dtype, so that
``x.dtype`` prints as ``autograd_core.float32`` the way PyTorch prints
``torch.float32``.
"""
import numpy as np


class dtype:
    __slots__ = ("name", "numpy", "is_floating_point", "_category")

    def __init__(self, name, numpy_dtype, category):
        self.name = name
        self.numpy = np.dtype(numpy_dtype)
        # 0 = bool, 1 = integer, 2 = floating point: PyTorch promotes by category first.
        self._category = category
        self.is_floating_point = category == 2

    def __repr__(self):
        return f"autograd_core.{self.name}"

    def __reduce__(self):
        # dtypes are singletons; unpickling must give back the same object.
        return self.name


float32 = dtype("float32", np.float32, 2)
float64 = dtype("float64", np.float64, 2)
int64 = dtype("int64", np.int64, 1)
int32 = dtype("int32", np.int32, 1)
bool = dtype("bool", np.bool_, 0)  # noqa: A001 - same name as torch.bool

# PyTorch's aliases.
float = float32  # noqa: A001
double = float64
long = int64
int = int32  # noqa: A001

_ALL = (float32, float64, int64, int32, bool)
_BY_NUMPY = {d.numpy: d for d in _ALL}
# NumPy types that have no twin here become the nearest PyTorch default.
_BY_NUMPY.update({
    np.dtype(np.float16): float32,
    np.dtype(np.int8): int64, np.dtype(np.int16): int64,
    np.dtype(np.uint8): int64, np.dtype(np.uint16): int64, np.dtype(np.uint32): int64,
})

_default_float = float32


def get_default_dtype():
    return _default_float


def from_numpy(numpy_dtype):
    """The dtype for a NumPy dtype, or a TypeError naming what is supported."""
    try:
        return _BY_NUMPY[np.dtype(numpy_dtype)]
    except KeyError:
        raise TypeError(
            f"can't convert np.ndarray of type numpy.{np.dtype(numpy_dtype).name}. "
            "The only supported types are: float64, float32, int64, int32 and bool."
        ) from None


def as_dtype(d):
    """Accept a dtype, a NumPy dtype, a Python type (float, int, bool) or a tensor type."""
    if d is None or isinstance(d, dtype):
        return d
    if isinstance(d, tensortype):
        return d.dtype
    import builtins
    if d is builtins.float:
        return float64
    if d is builtins.int:
        return int64
    if d is builtins.bool:
        return bool
    return from_numpy(d)


def _scalar_category(value):
    import builtins
    if isinstance(value, (builtins.bool, np.bool_)):
        return 0
    if isinstance(value, (builtins.int, np.integer)):
        return 1
    return 2


def result_type(*operands):
    """PyTorch's promotion rule for tensors and Python numbers.

    Three tiers, highest first: tensors with dimensions, zero-dimensional
    tensors, plain Python numbers.  A lower tier only matters when it brings a
    higher *category* (bool < integer < float); then it contributes its own dtype,
    or the default dtype for a Python number.  That is why
    ``float32 tensor * 0.5`` stays float32 and ``int64 tensor * 0.5`` is float32.
    """
    dims, zero_dims, numbers = [], [], []
    for op in operands:
        d = getattr(op, "dtype", None)
        if isinstance(d, dtype):
            (dims if op.ndim else zero_dims).append(d)
        else:
            numbers.append(_scalar_category(op))

    result = _widest(dims) if dims else None
    if zero_dims:
        best_zero_dim = _widest(zero_dims)
        if result is None or best_zero_dim._category > result._category:
            result = best_zero_dim
    for category in numbers:
        if result is None or category > result._category:
            result = (bool, int64, _default_float)[category]
    return result


def _widest(dtypes):
    best = dtypes[0]
    for d in dtypes[1:]:
        if d._category > best._category:
            best = d
        elif d._category == best._category and d.numpy.itemsize > best.numpy.itemsize:
            best = d
    return best


class tensortype(type):
    """``torch.FloatTensor``, ``torch.LongTensor`` ...: the old names of tensor types, still in
    many answers online.  ``x.type(torch.LongTensor)`` casts, ``isinstance(x, torch.FloatTensor)``
    checks the dtype, and ``torch.FloatTensor([1, 2])`` makes a tensor of that dtype."""

    def __repr__(cls):
        return f"<class 'autograd_core.{cls.__name__}'>"

    def __instancecheck__(cls, obj):
        from .tensor import Tensor
        return isinstance(obj, Tensor) and obj.dtype is cls.dtype

    def __call__(cls, *args):
        import builtins
        from . import creation
        if len(args) == 1 and not isinstance(args[0], builtins.int):
            return creation.tensor(args[0], dtype=cls.dtype)       # FloatTensor([1, 2]): the data
        return creation.zeros(*args, dtype=cls.dtype)               # FloatTensor(2, 3): a size


tensortype.__module__ = "autograd_core"
FloatTensor = tensortype("FloatTensor", (), {"dtype": float32, "is_cuda": False})
DoubleTensor = tensortype("DoubleTensor", (), {"dtype": float64, "is_cuda": False})
LongTensor = tensortype("LongTensor", (), {"dtype": int64, "is_cuda": False})
IntTensor = tensortype("IntTensor", (), {"dtype": int32, "is_cuda": False})
BoolTensor = tensortype("BoolTensor", (), {"dtype": bool, "is_cuda": False})
