"""Comparisons and logic.  They give bool tensors and are not differentiable:
a step function has no useful slope."""
import numpy as np

from .. import errors
from ..tensor import Tensor


def _compare(numpy_function, name):
    def compare(input, other):
        if isinstance(other, Tensor):
            other = other.array
        elif not isinstance(other, (int, float, np.number, np.ndarray)):  # x < "a": see methods.py's _operator
            raise errors.no_number_overload(name, (input, other))
        if isinstance(input, Tensor):
            if isinstance(other, np.ndarray) and input.array.shape != other.shape:
                from .arithmetic import check_broadcast
                check_broadcast(input.array.shape, other.shape)
            return Tensor._wrap(numpy_function(input.array, other))
        return Tensor._wrap(numpy_function(input, other))
    compare.__name__ = numpy_function.__name__
    return compare


eq = _compare(np.equal, "eq")
ne = _compare(np.not_equal, "ne")
lt = _compare(np.less, "lt")
le = _compare(np.less_equal, "le")
gt = _compare(np.greater, "gt")
ge = _compare(np.greater_equal, "ge")
logical_and = bitwise_and = _compare(np.bitwise_and, "logical_and")
logical_or = bitwise_or = _compare(np.bitwise_or, "logical_or")
bitwise_xor = _compare(np.bitwise_xor, "bitwise_xor")


def bitwise_not(input):
    return Tensor._wrap(np.invert(input.array))


def logical_not(input):
    return Tensor._wrap(np.logical_not(input.array))


def equal(input, other):
    """True when both tensors have the same shape and values (a Python bool)."""
    return input.array.shape == other.array.shape and bool(np.array_equal(input.array, other.array))


def allclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False):
    return bool(np.allclose(input.array, other.array, rtol=rtol, atol=atol, equal_nan=equal_nan))


def isclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False):
    other = other.array if isinstance(other, Tensor) else other
    return Tensor._wrap(np.isclose(input.array, other, rtol=rtol, atol=atol, equal_nan=equal_nan))
