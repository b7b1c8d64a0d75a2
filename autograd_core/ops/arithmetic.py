"""+ - * / ** : each a Function whose backward is the derivative rule from calculus.

Broadcasting is not handled here: a backward returns gradients in the output's
shape and the engine sums them back to each input's shape (engine.py).
"""
import numpy as np

from .. import dtypes, errors
from ..function import Function
from ..grad_mode import _State
from ..tensor import Tensor
from .elementwise import MulScalar, Neg, SubScalar, where


class Add(Function):
    node_name = "AddBackward0"
    saved_values = {"alpha": "alpha"}
    alpha = 1            # add(a, b, alpha) scales b before it gets here

    @staticmethod
    def forward(ctx, a, b):
        return a.array + b.array

    @staticmethod
    def backward(ctx, grad):
        return grad, grad                              # ∂(a+b)/∂a = ∂(a+b)/∂b = 1


class Sub(Function):
    node_name = "SubBackward0"
    saved_values, alpha = Add.saved_values, 1

    @staticmethod
    def forward(ctx, a, b):
        return a.array - b.array

    @staticmethod
    def backward(ctx, grad):
        need_b = ctx.needs_input_grad[1]               # (a - target: the target needs none)
        return grad, -grad if need_b else None         # ∂(a-b)/∂a = 1, ∂(a-b)/∂b = -1


class Rsub(Function):
    """``number - x``: PyTorch records it with the number as a constant."""
    node_name = "RsubBackward1"
    saved_values, alpha = Add.saved_values, 1

    @staticmethod
    def forward(ctx, x, number):
        return _cast(number - x.array, x)

    @staticmethod
    def backward(ctx, grad):
        return -grad, None                             # ∂(c-x)/∂x = -1


class Mul(Function):
    node_name = "MulBackward0"
    saved_names = ("self", "other")
    pack_order = (1, 0)   # saved_tensors_hooks see other first, then self (PyTorch's order)

    @staticmethod
    def forward(ctx, a, b):
        need_a, need_b = ctx.needs_input_grad
        # Each operand's gradient needs the *other* one: save only those (as PyTorch does).
        ctx.save_for_backward(a if need_b else None, b if need_a else None)
        return a.array * b.array

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        need_a, need_b = ctx.needs_input_grad
        return (grad * b if need_a else None,          # ∂(ab)/∂a = b
                grad * a if need_b else None)          # ∂(ab)/∂b = a


class Div(Function):
    node_name = "DivBackward0"
    saved_names = ("self", "other")

    @staticmethod
    def forward(ctx, a, b):
        # d/da needs b; d/db needs a and b.
        ctx.save_for_backward(a if ctx.needs_input_grad[1] else None, b)
        return a.array / b.array

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        need_a, need_b = ctx.needs_input_grad
        return (grad / b if need_a else None,          # ∂(a/b)/∂a = 1/b
                -grad * a / (b * b) if need_b else None)  # ∂(a/b)/∂b = -a/b²


class Reciprocal(Function):
    node_name = "ReciprocalBackward0"
    saved_names = ("result",)

    @staticmethod
    def forward(ctx, x):
        result = Tensor._wrap(_cast(1 / x.array, x))
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad):
        result, = ctx.saved_tensors
        return -grad * (result * result)               # (1/x)' = -1/x²


class Pow(Function):
    """``x ** n`` with a Python number n."""
    node_name = "PowBackward0"
    saved_names, saved_values = ("self",), {"exponent": "exponent"}

    @staticmethod
    def forward(ctx, x, exponent):
        ctx.save_for_backward(x)
        ctx.exponent = exponent
        return x.array ** exponent

    @staticmethod
    def backward(ctx, grad):
        x, = ctx.saved_tensors
        n = ctx.exponent
        if n == 0:
            return grad * 0, None
        def formula(g, x, times):                      # (xⁿ)' = n·xⁿ⁻¹
            return g * times(x ** (n - 1), n)
        if _State.enabled:                             # create_graph=True: record this too
            # n·xⁿ⁻¹ is PyTorch's MulBackward1, which holds n as a double (_saved_other is 3.0)
            return formula(grad, x, lambda t, k: MulScalar.apply(t, float(k))), None
        # An ordinary backward needs only the numbers: the same formula, in NumPy.
        return Tensor._wrap(formula(grad.array, x.array, np.multiply)), None


class PowTensor(Function):
    """``x ** y`` where both are tensors."""
    node_name = "PowBackward1"
    saved_names = ("self", "exponent", "result")

    @staticmethod
    def forward(ctx, x, y):
        result = Tensor._wrap(x.array ** y.array)
        ctx.save_for_backward(x, y, result)
        return result

    @staticmethod
    def backward(ctx, grad):
        x, y, result = ctx.saved_tensors
        need_x, need_y = ctx.needs_input_grad
        # PyTorch's formulas, term by term (with create_graph=True they record its nodes):
        # ∂xʸ/∂x = y·xʸ⁻¹, and 0 where y = 0 (not nan at x = 0)
        grad_x = where(y == 0, 0.0, grad * (y * x ** SubScalar.apply(y, 1))) if need_x else None
        # ∂xʸ/∂y = xʸ·ln x, and 0 where x = 0 and y ≥ 0 (not nan)
        grad_y = grad * where((x == 0) & (y >= 0), 0.0, result * x.log()) if need_y else None
        return grad_x, grad_y


class RPow(Function):
    """``number ** x``: the base is a constant."""
    node_name = "PowBackward2"
    saved_names, saved_values = ("exponent", "result"), {"self": "base"}

    @staticmethod
    def forward(ctx, x, base):
        result = Tensor._wrap(_cast(base ** x.array, x))
        ctx.save_for_backward(x, result)
        ctx.base = base
        return result

    @staticmethod
    def backward(ctx, grad):
        x, result = ctx.saved_tensors
        if ctx.base == 0:       # 0ˣ: PyTorch takes the slope as 0 where x ≥ 0 (not nan)
            return grad * where(x >= 0, 0.0, MulScalar.apply(result, float("-inf"))), None
        # (cˣ)' = cˣ·ln c, with ln c a number (PyTorch's MulBackward1 under create_graph=True)
        return grad * MulScalar.apply(result, float(np.log(ctx.base))), None


class Remainder(Function):
    node_name = "RemainderBackward0"

    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a, b)
        _check_integer_divisor(a, b)
        return np.remainder(a.array, b.array)

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        # a mod b = a - b·floor(a/b), and floor is flat almost everywhere.
        return grad, -grad * floor_divide(a, b)


class FloorDivide(Function):
    """``a // b`` has no useful derivative; PyTorch records a node that refuses."""
    node_name = "NotImplemented"

    @staticmethod
    def forward(ctx, a, b):
        _check_integer_divisor(a, b)
        return np.floor_divide(a.array, b.array)

    @staticmethod
    def backward(ctx, grad):
        raise RuntimeError("the derivative for 'floor_divide' is not implemented.")


def _check_integer_divisor(a, b):
    # Integers have no inf: NumPy quietly gives 0 for 7 // 0, PyTorch refuses.
    if a.array.dtype.kind in "iub" and b.array.dtype.kind in "iub" and not b.array.all():
        raise RuntimeError("ZeroDivisionError")


# -- the functions behind the operators -------------------------------------------------

def add(input, other, alpha=1):
    if alpha != 1:
        other = mul(other, alpha)
    return _binary(Add, input, other)


def sub(input, other, alpha=1):
    if alpha != 1:
        other = mul(other, alpha)
    return _binary(Sub, input, other)


def rsub(input, other):
    """``other - input`` (Python's ``other - tensor``)."""
    if isinstance(other, Tensor):
        return sub(other, input)
    if not isinstance(other, _NUMBERS):
        raise errors.not_an_operand("sub", other)
    return Rsub.apply(_float_if_needed(input, other), other)


def mul(input, other):
    return _binary(Mul, input, other)


def div(input, other, rounding_mode=None):
    if rounding_mode is not None:
        raise NotImplementedError("autograd_core supports only true division (rounding_mode=None)")
    a, b = _operands(input, other)
    out = _binary(Div, a, b)
    if a.array.dtype.kind in "iub" and b.array.dtype.kind in "iub":
        out.array = out.array.astype(np.float32)  # 7 / 2 is 3.5 for integer tensors too
    return out


def remainder(input, other):
    return _binary(Remainder, input, other)


def floor_divide(input, other):
    return _binary(FloorDivide, input, other)


def rdiv(input, other):
    """``other / input``: PyTorch computes it as ``other * input.reciprocal()``."""
    if isinstance(other, Tensor):
        return div(other, input)
    return mul(reciprocal(input), other)


def reciprocal(input):
    return Reciprocal.apply(_float_if_needed(input, 1.0))


def pow(input, exponent):
    if isinstance(exponent, Tensor):
        return _binary(PowTensor, input, exponent)
    if not isinstance(exponent, _NUMBERS) or not isinstance(input, (Tensor,) + _NUMBERS):
        raise errors.no_number_overload("pow", (input, exponent), "exponent", number_first=True)
    if not isinstance(input, Tensor):
        return RPow.apply(exponent, input)
    return Pow.apply(_float_if_needed(input, exponent), exponent)


def rpow(input, other):
    """``other ** input``."""
    if isinstance(other, Tensor):
        return pow(other, input)
    if not isinstance(other, _NUMBERS):
        raise errors.no_number_overload("pow", (other, input), "exponent", number_first=True)
    return RPow.apply(_float_if_needed(input, other), other)


def neg(input):
    return Neg.apply(input)


# -- Python numbers and dtypes ------------------------------------------------------------

def _binary(function, a, b):
    # The fast lane: when nothing is recorded (inside a backward pass, or an optimizer
    # step under no_grad), two float tensors of one dtype need no node, no promotion
    # and no conversion, just the NumPy operation.
    if not _State.enabled and type(a) is Tensor and type(b) is Tensor and not _State.inference:
        ufunc = _NO_GRAD_UFUNCS.get(function)
        if ufunc is not None and a.array.dtype is b.array.dtype and a.array.dtype.kind == "f":
            try:
                return Tensor._wrap(ufunc(a.array, b.array))
            except ValueError:
                pass  # shapes that do not broadcast: the usual lane raises PyTorch's message
    # Python numbers become 0-dim tensors of a fitting dtype.
    if not isinstance(b, Tensor):
        b = _number_tensor(b, a, function)
    elif not isinstance(a, Tensor):
        a = _number_tensor(a, b, function)
    try:
        out = function.apply(a, b)
    except ValueError:  # NumPy could not broadcast the shapes: say it in PyTorch's words
        check_broadcast(a.array.shape, b.array.shape)
        raise
    # (NumPy's dtype objects are shared, so `is` settles the usual case cheaply.)
    if a.array.dtype is not b.array.dtype and a.array.dtype != b.array.dtype:
        # NumPy and PyTorch promote mixed dtypes differently; PyTorch's rule wins.
        wanted = dtypes.result_type(a, b).numpy
        if out.array.dtype != wanted:
            out.array = out.array.astype(wanted)
    return out


_NO_GRAD_UFUNCS = {Add: np.add, Sub: np.subtract, Mul: np.multiply, Div: np.divide}
_NUMBERS = (int, float, np.number)
_OP_NAMES = {Add: "add", Sub: "sub", Mul: "mul", Div: "div", Remainder: "remainder", FloorDivide: "floor_divide"}


def _operands(a, b):
    """Both operands as tensors (for functions that need them before calling _binary)."""
    if not isinstance(b, Tensor):
        b = _number_tensor(b, a)
    elif not isinstance(a, Tensor):
        a = _number_tensor(a, b)
    return a, b


def _number_tensor(value, like, function=None):
    if isinstance(value, np.ndarray):
        return Tensor._wrap(value)
    like_dtype = like.array.dtype
    if type(value) is float or isinstance(value, (float, np.floating)):
        dtype = like_dtype if like_dtype.kind == "f" else np.float32
    elif isinstance(value, (bool, np.bool_)):
        dtype = like_dtype
    elif isinstance(value, (int, np.integer)):
        dtype = like_dtype if like_dtype != np.bool_ else np.int64
    else:   # x + "a": see methods.py's _operator
        raise errors.not_an_operand(_OP_NAMES.get(function, "add"), value)
    return _constant(value, dtype)


class WrappedNumber(Tensor):
    """A Python number as an operand.  The op computes with it in the other operand's
    dtype, but PyTorch shows it saved (``grad_fn._saved_other``) in the number's own
    type: int -> int64, float -> float64, bool -> bool (see ``shown``)."""

    __slots__ = ("number",)

    def shown(self):
        number = self.number
        if isinstance(number, (bool, np.bool_)):
            dtype = np.bool_
        elif isinstance(number, (int, np.integer)):
            dtype = np.int64
        else:
            dtype = np.float64
        return Tensor._wrap(np.array(number, dtype=dtype))


_constants = {}
_CONSTANTS_KEPT = 64


def _constant(value, dtype):
    """A 0-dim tensor for a Python number.  Numbers repeat (``* 2``, ``+ 1``), so the
    first few dozen are wrapped once and reused; nothing changes these tensors in
    place.  Later numbers are not kept: a learning-rate schedule makes a new number
    every step, and memory must stay flat."""
    key = (type(value), value if value else repr(value), dtype)  # repr keeps -0.0 apart from 0.0
    constant = _constants.get(key)
    if constant is None:
        constant = WrappedNumber(np.array(value, dtype=dtype))
        constant.number = value
        if len(_constants) < _CONSTANTS_KEPT:
            _constants[key] = constant
    return constant


def _float_if_needed(x, number):
    """An integer tensor meets a float: compute in float32, as PyTorch does."""
    if x.array.dtype.kind in "iub" and isinstance(number, float):
        return x.to(dtypes.float32)
    return x


def _cast(array, like):
    # NumPy turns float32 ⊕ Python float into float32 already; this keeps 0-d results too.
    return array.astype(like.array.dtype, copy=False) if like.array.dtype.kind == "f" else array


def check_broadcast(shape_a, shape_b):
    """Raise PyTorch's message when two shapes cannot be broadcast together."""
    for i in range(1, min(len(shape_a), len(shape_b)) + 1):
        sa, sb = shape_a[-i], shape_b[-i]
        if sa != sb and sa != 1 and sb != 1:
            dim = max(len(shape_a), len(shape_b)) - i
            raise RuntimeError(
                f"The size of tensor a ({sa}) must match the size of tensor b ({sb}) "
                f"at non-singleton dimension {dim}"
            )
