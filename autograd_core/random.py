"""Random tensors.  The numbers come from NumPy, so they differ from PyTorch's for
the same seed; shapes, dtypes and distributions are the same."""
import numpy as np

from . import dtypes
from .creation import _finish, size_arg

_generator = np.random.default_rng()


def manual_seed(seed):
    """Make the following random tensors repeatable."""
    global _generator
    _generator = np.random.default_rng(int(seed))
    return _generator


seed = manual_seed


def rand(*sizes, size=None, dtype=None, device=None, requires_grad=False):
    dtype = dtypes.as_dtype(dtype) or dtypes.get_default_dtype()
    return _finish(_generator.random(size_arg(sizes, size, "rand")).astype(dtype.numpy), device, requires_grad)


def randn(*sizes, size=None, dtype=None, device=None, requires_grad=False):
    dtype = dtypes.as_dtype(dtype) or dtypes.get_default_dtype()
    return _finish(_generator.standard_normal(size_arg(sizes, size, "randn")).astype(dtype.numpy), device, requires_grad)


def randint(low=0, high=None, size=None, dtype=None, device=None, requires_grad=False):
    if high is None:
        low, high = 0, low
    dtype = dtypes.as_dtype(dtype) or dtypes.int64
    return _finish(_generator.integers(low, high, size=size_arg((), size)).astype(dtype.numpy),
                   device, requires_grad)


def rand_like(input, dtype=None):
    return rand(*input.shape, dtype=dtype or input.dtype)


def randn_like(input, dtype=None):
    return randn(*input.shape, dtype=dtype or input.dtype)


def randperm(n, dtype=None):
    dtype = dtypes.as_dtype(dtype) or dtypes.int64
    return _finish(_generator.permutation(n).astype(dtype.numpy), None, False)


def normal(mean, std, size):
    return _finish(_generator.normal(mean, std, size_arg((), size)).astype(np.float32), None, False)
