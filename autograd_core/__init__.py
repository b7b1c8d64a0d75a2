"""autograd_core: a small NumPy twin of PyTorch's autograd, for learning.

    import autograd_core as torch

    x = torch.ones(2, 2, requires_grad=True)
    out = (3 * (x + 2) ** 2).mean()
    out.backward()
    print(x.grad)        # tensor([[4.5000, 4.5000], [4.5000, 4.5000]])

Where to read: tensor.py (the Tensor), function.py (one operation),
engine.py (the backward walk), ops/ (every operation and its derivative).
"""
import numpy as _np

from . import autograd, cuda, dtypes, linalg, methods  # noqa: F401  (methods attaches Tensor's methods)
from .creation import (arange, as_tensor, empty, empty_like, eye, from_numpy, full, full_like,  # noqa: F401
                       linspace, ones, ones_like, scalar_tensor, tensor, zeros, zeros_like)
from .dtypes import (bool, double, float, float32, float64, get_default_dtype, int, int32,  # noqa: F401,A004
                     int64, long)
from .dtypes import dtype  # noqa: F401
from .dtypes import BoolTensor, DoubleTensor, FloatTensor, IntTensor, LongTensor, tensortype  # noqa: F401
from .anomaly_mode import is_anomaly_check_nan_enabled, is_anomaly_enabled, set_anomaly_enabled  # noqa: F401
from .grad_mode import (enable_grad, inference_mode, is_grad_enabled,  # noqa: F401
                        is_inference_mode_enabled, no_grad, set_grad_enabled)
from .ops.arithmetic import add, div, mul, neg, pow, reciprocal, rsub, sub  # noqa: F401,A004
from .ops.compare import (allclose, eq, equal, ge, gt, isclose, le, logical_and, logical_not,  # noqa: F401
                          logical_or, lt, ne)
from .ops.elementwise import (abs, clamp, clip, cos, exp, log, maximum, relu, rsqrt, sigmoid, sign,  # noqa: F401,A004
                              sin, sqrt, tanh, where)
from .ops.indexing import gather, index_select, take_along_dim  # noqa: F401
from .ops.elementwise import (acos, asin, atan, ceil, cosh, expm1, floor, log1p, log2, log10,  # noqa: F401,E402,A004
                              minimum, round, sinh, square, tan, trunc)
from .ops.elementwise import acos as arccos, asin as arcsin, atan as arctan  # noqa: F401,E402
from .ops.reduction import amax, amin, cumsum, logsumexp, prod, std, var  # noqa: F401,E402
from . import func  # noqa: F401,E402  (torch.func.grad)
from .ops.linalg import dot, matmul, mm, mv  # noqa: F401
from .ops.reduction import all, any, argmax, argmin, max, mean, min, norm, sum  # noqa: F401,A004
from .ops.shape import (broadcast_tensors, cat, chunk, split, concat, concatenate, flatten, flip, narrow, permute, reshape, squeeze,  # noqa: F401
                        stack, swapaxes, t, transpose, unbind, unsqueeze)
from .printing import get_printoptions, set_printoptions  # noqa: F401
from .random import (manual_seed, normal, rand, rand_like, randint, randn, randn_like,  # noqa: F401
                     randperm, seed)
from .tensor import Size, Tensor, device  # noqa: F401

# PyTorch never warns about inf or nan in results (log(0) is -inf, silently);
# NumPy does, on stderr, which nbgrader would count against a correct answer.
_np.seterr(all="ignore")

__version__ = "0.1.0"


def is_tensor(obj):
    return isinstance(obj, Tensor)


def numel(input):
    return input.numel()


def detach(input):
    return input.detach()


def clone(input):
    return input.clone()


from .ops.inplace import (abs_, clamp_, clamp_max_, clamp_min_, clip_, cos_, exp_, fill_,  # noqa: E402,F401
                          log_, masked_fill, neg_, negative_, reciprocal_, relu_, sigmoid_, sin_, sqrt_,
                          tanh_, zero_)


# Last, because they are built on everything above (``torch.nn.Linear`` and
# ``torch.optim.SGD`` work after a plain ``import autograd_core as torch``).
from . import nn, optim  # noqa: E402,F401
from .nn.functional import log_softmax, softmax  # noqa: E402,F401  (torch.softmax exists too)
