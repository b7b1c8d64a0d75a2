"""Elementwise functions.  Each backward is one line of data, as in HIPS autograd:

    Sin = unary("SinBackward0", np.sin, saves="input", backward_formula=lambda g, x, m: g * m.cos(x))

reads "the gradient flowing back through sin is the incoming gradient g times
cos x" (the chain rule, with sin' = cos).  It is the line PyTorch itself keeps
in ``derivatives.yaml`` (``self: grad * self.cos()``).  ``saves`` says which
tensor the formula needs, the input x or the result y, exactly as PyTorch's
node saves it.

``m`` is the maths library the formula is evaluated with.  An ordinary backward
needs only the numbers, so the formula runs on NumPy arrays (``m`` is NumPy): one
fused step, as PyTorch's own ``tanh_backward`` kernel is.  With
``create_graph=True`` the backward must itself be recorded, so the same formula
runs on Tensors (``m`` is this module: ``m.cos`` is autograd_core's ``cos``).
"""
import types

import numpy as np

from .. import dtypes
from ..function import Function
from ..grad_mode import _State
from ..tensor import Tensor


def unary(node_name, numpy_function, saves, backward_formula, keeps_integers=False, recorded_as=None):
    """Make a Function for y = f(x) from f and its backward formula (g · f'),
    written so that it works on NumPy arrays and on Tensors alike.
    ``recorded_as``: with create_graph=True PyTorch records this backward as one
    node of its own (TanhBackwardBackward0), a Function taking (g, saved)."""

    def forward(ctx, x):
        if not keeps_integers and x.array.dtype.kind in "iub":  # exp(int tensor) is a float tensor
            x = Tensor._wrap(x.array.astype(np.float32))
        if saves == "input":
            ctx.save_for_backward(x)
            return numpy_function(x.array)
        result = Tensor._wrap(numpy_function(x.array))
        ctx.save_for_backward(result)
        return result

    def backward(ctx, grad):
        saved, = ctx.saved_tensors
        if _State.enabled:                             # create_graph=True: record this too
            if recorded_as is not None:
                return recorded_as.apply(grad, saved)
            return backward_formula(grad, saved, TENSOR_MATH)
        return Tensor._wrap(backward_formula(grad.array, saved.array, NUMPY_MATH))

    name = node_name[: -len("Backward0")]
    return type(name, (Function,), {
        "node_name": node_name,
        "saved_names": ("self",) if saves == "input" else ("result",),
        "forward": staticmethod(forward),
        "backward": staticmethod(backward),
        "__doc__": f"y = {name.lower()}(x)",
    })


def _sigmoid(a):
    # For very negative x, e^(-x) overflows to inf and 1/(1+inf) is the right 0
    # (PyTorch's CPU kernel computes the same formula; the overflow warning is off).
    return 1 / (1 + np.exp(-a))


def _relu(a):
    # Against a zero of a's own dtype: NumPy converts a Python 0 slowly, and the
    # result keeps a's dtype (relu of an integer tensor is an integer tensor).
    return np.maximum(a, np.zeros((), a.dtype))


class MulScalar(Function):
    """``x * number`` inside PyTorch's derivative formulas (at::mul with a Scalar)."""
    node_name = "MulBackward1"
    saved_values = {"other": "number"}

    @staticmethod
    def forward(ctx, x, number):
        ctx.number = number
        return (x.array * number).astype(x.array.dtype, copy=False)

    @staticmethod
    def backward(ctx, grad):
        return MulScalar.apply(grad, ctx.number), None


class DivScalar(Function):
    """``x / number`` inside PyTorch's derivative formulas (at::div with a Scalar): mean's 1/n."""
    node_name = "DivBackward1"
    saved_values = {"other": "number"}

    @staticmethod
    def forward(ctx, x, number):
        ctx.number = number
        return (x.array / number).astype(x.array.dtype, copy=False)

    @staticmethod
    def backward(ctx, grad):
        return DivScalar.apply(grad, ctx.number), None


class SubScalar(Function):
    """``x - number`` inside PyTorch's derivative formulas (at::sub with a Scalar)."""
    node_name = "SubBackward1"

    @staticmethod
    def forward(ctx, x, number):
        return (x.array - number).astype(x.array.dtype, copy=False)

    @staticmethod
    def backward(ctx, grad):
        return grad, None


class AddScalar(Function):
    """``x + number`` inside PyTorch's derivative formulas (at::add with a Scalar)."""
    node_name = "AddBackward1"

    @staticmethod
    def forward(ctx, x, number):
        return (x.array + number).astype(x.array.dtype, copy=False)

    @staticmethod
    def backward(ctx, grad):
        return grad, None


def _times(x, number):
    return MulScalar.apply(x, number)


# -- backward of backward: with create_graph=True PyTorch records these backwards as one
# node each, whose own backward differentiates g · f'(y) with respect to g and to y.

class TanhBackward(Function):
    """g · (1 - y²), as a function of g and y = tanh x."""
    node_name = "TanhBackwardBackward0"

    @staticmethod
    def forward(ctx, g, y):
        ctx.save_for_backward(g, y)
        return g.array * (1 - y.array * y.array)

    @staticmethod
    def backward(ctx, gg):
        g, y = ctx.saved_tensors
        # ∂/∂g = 1 - y²: the same backward again;  ∂/∂y = -2y·g
        return TanhBackward.apply(gg, y), gg * (_times(y, -2) * g)


class SigmoidBackward(Function):
    """g · y(1 - y), as a function of g and y = σ(x)."""
    node_name = "SigmoidBackwardBackward0"

    @staticmethod
    def forward(ctx, g, y):
        ctx.save_for_backward(g, y)
        return g.array * (y.array * (1 - y.array))

    @staticmethod
    def backward(ctx, gg):
        g, y = ctx.saved_tensors
        # ∂/∂g = y(1 - y);  ∂/∂y = g·(1 - 2y)
        return SigmoidBackward.apply(gg, y), (gg * g) * AddScalar.apply(_times(y, -2), 1)


class ThresholdBackward(Function):
    """g where y > 0, else 0 (relu's backward), as a function of g and y = relu(x)."""
    node_name = "ThresholdBackwardBackward0"

    @staticmethod
    def forward(ctx, g, y):
        ctx.save_for_backward(y)
        return g.array * (y.array > 0)

    @staticmethod
    def backward(ctx, gg):
        y, = ctx.saved_tensors
        # ∂/∂g: the same mask again;  ∂/∂y = 0 (the mask is flat)
        return ThresholdBackward.apply(gg, y), Tensor._wrap(np.zeros_like(y.array))


#                 PyTorch's node      NumPy       saves     dL/dx from g = dL/dy
Exp     = unary("ExpBackward0",     np.exp,     "result", lambda g, y, m: g * y)             # (eˣ)' = eˣ
Log     = unary("LogBackward0",     np.log,     "input",  lambda g, x, m: g / x)             # (ln x)' = 1/x
Sqrt    = unary("SqrtBackward0",    np.sqrt,    "result", lambda g, y, m: g / m.times(y, 2)) # (√x)' = 1/(2√x)
Rsqrt   = unary("RsqrtBackward0",   lambda a: 1 / np.sqrt(a), "result",                                  # (1/√x)' = -½·(1/√x)³
                lambda g, y, m: m.times(g, -0.5) * y ** 3)
Log1p   = unary("Log1PBackward0",   np.log1p,   "input",  lambda g, x, m: g / m.plus(x, 1))  # ln(1+x)' = 1/(1+x)
Expm1   = unary("Expm1Backward0",   np.expm1,   "result", lambda g, y, m: g * (y + 1))       # (eˣ-1)' = eˣ
Log2    = unary("Log2Backward0",    np.log2,    "input",  lambda g, x, m: g / m.times(x, 0.6931471805599453))
Log10   = unary("Log10Backward0",   np.log10,   "input",  lambda g, x, m: g / m.times(x, 2.3025850929940456))
Tan     = unary("TanBackward0",     np.tan,     "result", lambda g, y, m: g * (y * y + 1))   # tan' = 1 + tan²
Sinh    = unary("SinhBackward0",    np.sinh,    "input",  lambda g, x, m: g * m.cosh(x))     # sinh' = cosh
Cosh    = unary("CoshBackward0",    np.cosh,    "input",  lambda g, x, m: g * m.sinh(x))     # cosh' = sinh
Asin    = unary("AsinBackward0",    np.arcsin,  "input",  lambda g, x, m: g * m.rsqrt(-x * x + 1))   # 1/√(1-x²)
Acos    = unary("AcosBackward0",    np.arccos,  "input",  lambda g, x, m: g * -m.rsqrt(-x * x + 1))  # -1/√(1-x²)
Atan    = unary("AtanBackward0",    np.arctan,  "input",  lambda g, x, m: g / (x * x + 1))       # 1/(1+x²)
Sin     = unary("SinBackward0",     np.sin,     "input",  lambda g, x, m: g * m.cos(x))      # sin' = cos
Cos     = unary("CosBackward0",     np.cos,     "input",  lambda g, x, m: g * -m.sin(x))     # cos' = -sin
Tanh    = unary("TanhBackward0",    np.tanh,    "result", lambda g, y, m: g * (1 - y * y),   # tanh' = 1 - tanh²
                recorded_as=TanhBackward)
Sigmoid = unary("SigmoidBackward0", _sigmoid,   "result", lambda g, y, m: g * (y * (1 - y)), # σ' = σ(1-σ)
                recorded_as=SigmoidBackward)
Relu    = unary("ReluBackward0",    _relu,      "result",
                lambda g, y, m: g * (y > 0), keeps_integers=True,                        # 1 where x > 0
                recorded_as=ThresholdBackward)
Abs     = unary("AbsBackward0",     np.abs,     "input",  lambda g, x, m: g * m.sgn(x),      # |x|' = sgn(x)
                keeps_integers=True)


class Neg(Function):
    node_name = "NegBackward0"

    @staticmethod
    def forward(ctx, x):
        return -x.array

    @staticmethod
    def backward(ctx, grad):
        return -grad                                   # (-x)' = -1


class Sign(Function):
    node_name = "SignBackward0"

    @staticmethod
    def forward(ctx, x):
        return np.sign(x.array)

    @staticmethod
    def backward(ctx, grad):
        return grad * 0                                # flat everywhere (PyTorch: 0 at 0 too)


class Sgn(Function):
    """sgn(x), the sign PyTorch's derivative of abs uses (SgnBackward0, not SignBackward0)."""
    node_name = "SgnBackward0"

    @staticmethod
    def forward(ctx, x):
        return np.sign(x.array)

    @staticmethod
    def backward(ctx, grad):
        return grad * 0                                # flat everywhere


class Clamp(Function):
    node_name = "ClampBackward1"
    saved_names, saved_values = ("self",), {"min": "min", "max": "max"}

    @staticmethod
    def forward(ctx, x, min, max):  # noqa: A002 - PyTorch's names
        ctx.save_for_backward(x)
        ctx.min, ctx.max = min, max
        return np.clip(x.array, min, max).astype(x.array.dtype, copy=False)

    @staticmethod
    def backward(ctx, grad):
        x, = ctx.saved_tensors
        inside = np.ones(x.array.shape, dtype=bool)
        if ctx.min is not None:
            inside &= x.array >= ctx.min
        if ctx.max is not None:
            inside &= x.array <= ctx.max
        # slope 1 inside [min, max], 0 outside: chosen, not multiplied (an inf from later stays out)
        return where(Tensor._wrap(inside), grad, 0.0), None, None


class Maximum(Function):
    node_name = "MaximumBackward0"
    saved_names = ("self", "other")

    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a, b)
        return np.maximum(a.array, b.array)

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        # The larger input gets the gradient; a tie splits it in half (as PyTorch does).
        share_a = (a > b) + (a == b) * 0.5
        return grad * share_a, grad * (1 - share_a)


class Minimum(Maximum):
    node_name = "MinimumBackward0"

    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a, b)
        return np.minimum(a.array, b.array)

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        # The smaller input gets the gradient; a tie splits it in half (as PyTorch does).
        share_a = (a < b) + (a == b) * 0.5
        return grad * share_a, grad * (1 - share_a)


def _step(node_name, numpy_function):
    """floor, ceil, round, trunc: flat between the steps, so the gradient is 0 (PyTorch saves nothing)."""
    def forward(ctx, x):
        return numpy_function(x.array)

    def backward(ctx, grad):
        return grad * 0
    return type(node_name[: -len("Backward0")], (Function,), {
        "node_name": node_name, "forward": staticmethod(forward), "backward": staticmethod(backward)})


Floor = _step("FloorBackward0", np.floor)
Ceil = _step("CeilBackward0", np.ceil)
Round = _step("RoundBackward0", np.round)      # (NumPy and PyTorch both round half to even)
Trunc = _step("TruncBackward0", np.trunc)


class Where(Function):
    node_name = "WhereBackward0"
    saved_names = ("condition",)

    @staticmethod
    def forward(ctx, condition, a, b):
        # condition is a NumPy bool array: it chooses, it is not differentiated.  Saved as a
        # tensor, as PyTorch saves it (so it is freed by backward, like every saved tensor).
        ctx.save_for_backward(Tensor._wrap(condition))
        return np.where(condition, a.array, b.array)

    @staticmethod
    def backward(ctx, grad):
        chosen, = ctx.saved_tensors
        return None, grad * chosen, grad * ~chosen     # each side gets the gradient where it was chosen


# -- functions --------------------------------------------------------------------------

def exp(input):
    return Exp.apply(input)


def log(input):
    return Log.apply(input)


def sqrt(input):
    return Sqrt.apply(input)


def rsqrt(input):
    return Rsqrt.apply(input)


def sin(input):
    return Sin.apply(input)


def cos(input):
    return Cos.apply(input)


def tanh(input):
    return Tanh.apply(input)


def sigmoid(input):
    return Sigmoid.apply(input)


def relu(input):
    return Relu.apply(input)


def abs(input):  # noqa: A001 - PyTorch's name
    return Abs.apply(input)


def sign(input):
    return Sign.apply(input)


def clamp(input, min=None, max=None):  # noqa: A002
    if min is None and max is None:
        raise RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None")
    return Clamp.apply(input, min, max)


clip = clamp


def maximum(input, other):
    from .arithmetic import _binary
    return _binary(Maximum, input, other)


def minimum(input, other):
    from .arithmetic import _binary
    return _binary(Minimum, input, other)


def square(input):
    return input ** 2                  # PyTorch too: PowBackward0 with exponent 2


def log1p(input):
    return Log1p.apply(input)


def expm1(input):
    return Expm1.apply(input)


def log2(input):
    return Log2.apply(input)


def log10(input):
    return Log10.apply(input)


def tan(input):
    return Tan.apply(input)


def sinh(input):
    return Sinh.apply(input)


def cosh(input):
    return Cosh.apply(input)


def asin(input):
    return Asin.apply(input)


def acos(input):
    return Acos.apply(input)


def atan(input):
    return Atan.apply(input)


def floor(input):
    return Floor.apply(input)


def ceil(input):
    return Ceil.apply(input)


def round(input):  # noqa: A001 - PyTorch's name
    return Round.apply(input)


def trunc(input):
    return Trunc.apply(input)


def where(condition, input, other):
    from .arithmetic import _number_tensor
    if not isinstance(input, Tensor):
        input = _number_tensor(input, other)
    if not isinstance(other, Tensor):
        other = _number_tensor(other, input)
    condition = condition.array if isinstance(condition, Tensor) else np.asarray(condition)
    if condition.dtype != np.bool_:
        raise RuntimeError(f"where expected condition to be a boolean tensor, but got a tensor with dtype {dtypes.from_numpy(condition.dtype).name.capitalize()}")
    out = Where.apply(condition, input, other)
    if input.array.dtype != other.array.dtype:
        out.array = out.array.astype(dtypes.result_type(input, other).numpy)
    return out


# The ``m`` of the derivative formulas when they run on Tensors (see the top of the file).
TENSOR_MATH = types.SimpleNamespace(cos=cos, sin=sin, sign=sign, sgn=Sgn.apply, times=_times,
                                    cosh=lambda x: Cosh.apply(x), sinh=lambda x: Sinh.apply(x),
                                    rsqrt=lambda x: Rsqrt.apply(x), plus=lambda x, k: AddScalar.apply(x, k))
# ... and when they run on NumPy arrays (an ordinary backward).
NUMPY_MATH = types.SimpleNamespace(cos=np.cos, sin=np.sin, sign=np.sign, sgn=np.sign, times=np.multiply,
                                   cosh=np.cosh, sinh=np.sinh, rsqrt=lambda a: 1 / np.sqrt(a), plus=np.add)
