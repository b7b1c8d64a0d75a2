"""+ - * / ** : each a Function whose backward is the derivative rule from calculus.

Broadcasting is not handled here: a backward returns gradients in the output's
shape and the engine sums them back to each input's shape (engine.py).
"""
import numpy as np

from .. import dtypes
from ..function import Function
from ..tensor import Tensor


class Add(Function):
    node_name = "AddBackward0"

    @staticmethod
    def forward(ctx, a, b):
        return a.array + b.array

    @staticmethod
    def backward(ctx, grad):
        return grad, grad                              # ∂(a+b)/∂a = ∂(a+b)/∂b = 1


class Sub(Function):
    node_name = "SubBackward0"

    @staticmethod
    def forward(ctx, a, b):
        return a.array - b.array

    @staticmethod
    def backward(ctx, grad):
        return grad, -grad                             # ∂(a-b)/∂a = 1, ∂(a-b)/∂b = -1


class Rsub(Function):
    """``number - x``: PyTorch records it with the number as a constant."""
    node_name = "RsubBackward1"

    @staticmethod
    def forward(ctx, x, number):
        return _cast(number - x.array, x)

    @staticmethod
    def backward(ctx, grad):
        return -grad, None                             # ∂(c-x)/∂x = -1


class Mul(Function):
    node_name = "MulBackward0"

    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a, b)
        return a.array * b.array

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        need_a, need_b = ctx.needs_input_grad
        return (grad * b if need_a else None,          # ∂(ab)/∂a = b
                grad * a if need_b else None)          # ∂(ab)/∂b = a


class Div(Function):
    node_name = "DivBackward0"

    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a, b)
        return a.array / b.array

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        need_a, need_b = ctx.needs_input_grad
        return (grad / b if need_a else None,          # ∂(a/b)/∂a = 1/b
                -grad * a / (b * b) if need_b else None)  # ∂(a/b)/∂b = -a/b²


class Reciprocal(Function):
    node_name = "ReciprocalBackward0"

    @staticmethod
    def forward(ctx, x):
        result = Tensor._wrap(_cast(1 / x.array, x))
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad):
        result, = ctx.saved_tensors
        return -grad * result * result                 # (1/x)' = -1/x²


class Pow(Function):
    """``x ** n`` with a Python number n."""
    node_name = "PowBackward0"

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
        return grad * n * x ** (n - 1), None           # (xⁿ)' = n·xⁿ⁻¹


class PowTensor(Function):
    """``x ** y`` where both are tensors."""
    node_name = "PowBackward1"

    @staticmethod
    def forward(ctx, x, y):
        result = Tensor._wrap(x.array ** y.array)
        ctx.save_for_backward(x, y, result)
        return result

    @staticmethod
    def backward(ctx, grad):
        x, y, result = ctx.saved_tensors
        need_x, need_y = ctx.needs_input_grad
        grad_x = grad * y * x ** (y - 1) if need_x else None        # ∂xʸ/∂x = y·xʸ⁻¹
        grad_y = None
        if need_y:                                                   # ∂xʸ/∂y = xʸ·ln x
            # PyTorch's convention: where x = 0 (and y ≥ 0) the term is 0, not nan.
            grad_y = where((x == 0) & (y >= 0), 0.0, grad * result * x.log())
        return grad_x, grad_y


class RPow(Function):
    """``number ** x``: the base is a constant."""
    node_name = "PowBackward2"

    @staticmethod
    def forward(ctx, x, base):
        result = Tensor._wrap(_cast(base ** x.array, x))
        ctx.save_for_backward(result)
        ctx.base = base
        return result

    @staticmethod
    def backward(ctx, grad):
        result, = ctx.saved_tensors
        return grad * result * float(np.log(ctx.base)), None        # (cˣ)' = cˣ·ln c


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
    return Rsub.apply(_float_if_needed(input, other), other)


def mul(input, other):
    return _binary(Mul, input, other)


def div(input, other, rounding_mode=None):
    if rounding_mode is not None:
        raise NotImplementedError("autograd_core supports only true division (rounding_mode=None)")
    a, b = _operands(input, other)
    out = _binary(Div, a, b)
    if not out.dtype.is_floating_point:  # 7 / 2 is 3.5 for integer tensors too
        out.array = out.array.astype(np.float32)
    return out


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
    if not isinstance(input, Tensor):
        return RPow.apply(exponent, input)
    return Pow.apply(_float_if_needed(input, exponent), exponent)


def rpow(input, other):
    """``other ** input``."""
    if isinstance(other, Tensor):
        return pow(other, input)
    return RPow.apply(_float_if_needed(input, other), other)


def neg(input):
    from .elementwise import Neg
    return Neg.apply(input)


def where(condition, input, other):
    from .elementwise import where as _where
    return _where(condition, input, other)


# -- Python numbers and dtypes ------------------------------------------------------------

def _binary(function, input, other):
    a, b = _operands(input, other)
    out = function.apply(a, b)
    if a.array.dtype != b.array.dtype:
        # NumPy and PyTorch promote mixed dtypes differently; PyTorch's rule wins.
        wanted = dtypes.result_type(a, b).numpy
        if out.array.dtype != wanted:
            out.array = out.array.astype(wanted)
    return out


def _operands(input, other):
    """Both operands as tensors: a Python number becomes a 0-dim tensor of a fitting dtype."""
    if not isinstance(other, Tensor):
        other = _number_tensor(other, input)
    elif not isinstance(input, Tensor):
        input = _number_tensor(input, other)
    elif input.array.shape != other.array.shape:
        check_broadcast(input.array.shape, other.array.shape)
    return input, other


def _number_tensor(value, like):
    if isinstance(value, np.ndarray):
        return Tensor._wrap(value)
    like_dtype = like.array.dtype
    if isinstance(value, (bool, np.bool_)):
        dtype = like_dtype
    elif isinstance(value, (int, np.integer)):
        dtype = like_dtype if like_dtype != np.bool_ else np.int64
    elif isinstance(value, (float, np.floating)):
        dtype = like_dtype if like_dtype.kind == "f" else np.float32
    else:
        raise TypeError(f"unsupported operand type for tensor arithmetic: '{type(value).__name__}'")
    return Tensor._wrap(np.array(value, dtype=dtype))


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
