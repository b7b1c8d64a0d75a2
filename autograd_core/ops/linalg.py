"""Matrix products.  For C = A·B the chain rule gives dA = dC·Bᵀ and dB = Aᵀ·dC."""
import numpy as np

from .. import errors
from ..errors import dtype_name
from ..function import Function
from ..grad_mode import _State
from ..tensor import Tensor


class Mm(Function):
    node_name = "MmBackward0"
    saved_names = ("self", "mat2")

    @staticmethod
    def forward(ctx, a, b):
        need_a, need_b = ctx.needs_input_grad
        # Each operand's gradient needs the *other* one: save only those (as PyTorch does).
        ctx.save_for_backward(a if need_b else None, b if need_a else None)
        return a.array @ b.array

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        need_a, need_b = ctx.needs_input_grad
        if _State.enabled:                             # create_graph=True: record these too
            return (grad.mm(b.t()) if need_a else None,    # dA = dC · Bᵀ
                    a.t().mm(grad) if need_b else None)    # dB = Aᵀ · dC
        # An ordinary backward needs only the numbers: the same two products, in NumPy
        # (one step each, instead of a transpose and a product recorded as Tensor ops).
        return (Tensor._wrap(grad.array @ b.array.T) if need_a else None,
                Tensor._wrap(a.array.T @ grad.array) if need_b else None)


class Mv(Function):
    node_name = "MvBackward0"
    saved_names = ("self", "vec")

    @staticmethod
    def forward(ctx, a, v):
        need_a, need_v = ctx.needs_input_grad
        # Each operand's gradient needs the *other* one: save only those (as PyTorch does).
        ctx.save_for_backward(a if need_v else None, v if need_a else None)
        return a.array @ v.array

    @staticmethod
    def backward(ctx, grad):
        a, v = ctx.saved_tensors
        need_a, need_v = ctx.needs_input_grad
        return (grad.unsqueeze(1) * v if need_a else None,   # dA = dy ⊗ v
                a.t().mv(grad) if need_v else None)          # dv = Aᵀ · dy


class Dot(Function):
    node_name = "DotBackward0"
    saved_names = ("self", "tensor")

    @staticmethod
    def forward(ctx, a, b):
        need_a, need_b = ctx.needs_input_grad
        # Each operand's gradient needs the *other* one: save only those (as PyTorch does).
        ctx.save_for_backward(a if need_b else None, b if need_a else None)
        return np.dot(a.array, b.array)

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        need_a, need_b = ctx.needs_input_grad
        return (grad * b if need_a else None,          # ∂(a·b)/∂a = b
                grad * a if need_b else None)          # ∂(a·b)/∂b = a


class Matmul(Function):
    """Batched products (3-D and more), broadcast over the leading dimensions."""
    node_name = "UnsafeViewBackward0"  # PyTorch's batched matmul ends in a reshaping view

    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a, b)
        return np.matmul(a.array, b.array)

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        # A vector operand acts as a matrix: a row on the left, a column on the right.
        A = a.unsqueeze(0) if a.ndim == 1 else a
        B = b.unsqueeze(-1) if b.ndim == 1 else b
        G = grad.unsqueeze(-2) if a.ndim == 1 else grad.unsqueeze(-1) if b.ndim == 1 else grad
        grad_a = G.matmul(B.transpose(-1, -2))           # dA = dC · Bᵀ
        grad_b = A.transpose(-1, -2).matmul(G)           # dB = Aᵀ · dC
        # The engine sums the batch dimensions away; here we only drop the added axis.
        return (grad_a.squeeze(-2) if a.ndim == 1 else grad_a,
                grad_b.squeeze(-1) if b.ndim == 1 else grad_b)


def mm(input, mat2):
    # (The checks read the NumPy arrays directly: this runs in every layer's forward.)
    if input.array.ndim != 2:
        raise RuntimeError("self must be a matrix")
    if mat2.array.ndim != 2:
        raise RuntimeError("mat2 must be a matrix")
    (n, k), (k2, m) = input.array.shape, mat2.array.shape
    if k != k2:
        raise RuntimeError(f"mat1 and mat2 shapes cannot be multiplied ({n}x{k} and {k2}x{m})")
    _check_same_dtype(input, mat2)
    return Mm.apply(input, mat2)


def mv(input, vec):
    if input.ndim != 2 or vec.ndim != 1:
        raise RuntimeError(f"vector + matrix @ vector expected, got 1, {input.ndim}, {vec.ndim}")
    if input.shape[1] != vec.shape[0]:
        mat = "x".join(map(str, input.shape))
        raise RuntimeError(
            f"size mismatch, got input ({input.shape[0]}), mat ({mat}), vec ({vec.shape[0]})")
    if input.array.dtype != vec.array.dtype:
        # PyTorch computes mv as addmv(out, mat, vec), out made in vec's dtype
        names = [dtype_name(t) for t in (vec, input, vec)]
        raise RuntimeError(f"addmv input tensors must have the same dtype, but got {names[0]}, {names[1]}, "
                           f"and {names[2]}")
    return Mv.apply(input, vec)


def dot(input, other):
    if input.ndim != 1 or other.ndim != 1:
        raise RuntimeError(
            f"1D tensors expected, but got {input.ndim}D and {other.ndim}D tensors")
    if input.shape[0] != other.shape[0]:
        raise RuntimeError(
            f"inconsistent tensor size, expected tensor [{input.shape[0]}] and src [{other.shape[0]}] "
            f"to have the same number of elements, but got {input.shape[0]} and {other.shape[0]} "
            "elements respectively")
    if input.array.dtype != other.array.dtype:
        raise RuntimeError("dot : expected both vectors to have same dtype, but found "
                           f"{dtype_name(input)} and {dtype_name(other)}")
    return Dot.apply(input, other)


def matmul(input, other):
    """PyTorch's dispatch: 1-D·1-D is dot, 2-D·1-D is mv, 1-D·2-D and 2-D·2-D are mm."""
    if not isinstance(other, Tensor) or not isinstance(input, Tensor):
        raise errors.not_an_operand("matmul", other if isinstance(input, Tensor) else input)
    if input.array.ndim == 2 and other.array.ndim == 2:   # the usual case first
        return mm(input, other)
    if input.ndim == 0 or other.ndim == 0:
        raise RuntimeError(
            f"both arguments to matmul need to be at least 1D, but they are {input.ndim}D and {other.ndim}D")
    if input.ndim == 1 and other.ndim == 1:
        return dot(input, other)
    if input.ndim == 2 and other.ndim == 1:
        return mv(input, other)
    if input.ndim == 1 and other.ndim == 2:
        from .shape import SqueezeDims
        return SqueezeDims.apply(mm(input.unsqueeze(0), other), (0,))
    # 3-D and more: PyTorch folds the batch into the rows when the other side is a
    # matrix or a vector, so its messages are those of mm and mv.
    if other.ndim <= 2 and input.ndim > 2:
        rows = int(np.prod(input.shape[:-1]))
        k = input.shape[-1]
        if other.ndim == 2 and other.shape[0] != k:
            raise RuntimeError(f"mat1 and mat2 shapes cannot be multiplied ({rows}x{k} and "
                               f"{other.shape[0]}x{other.shape[1]})")
        if other.ndim == 1 and other.shape[0] != k:
            raise RuntimeError(f"size mismatch, got input ({rows}), mat ({rows}x{k}), vec ({other.shape[0]})")
    else:
        from .arithmetic import check_broadcast
        batch_a, batch_b = input.shape[:-2], other.shape[:-2]
        check_broadcast(batch_a, batch_b)
        k = input.shape[-1]
        if other.shape[-2] != k:
            batch = int(np.prod(np.broadcast_shapes(batch_a, batch_b)))
            raise RuntimeError(
                f"Expected size for first two dimensions of batch2 tensor to be: "
                f"[{batch}, {k}] but got: [{other.shape[0]}, {other.shape[-2]}].")
    return Matmul.apply(input, other)


def _check_same_dtype(a, b):
    if a.array.dtype is not b.array.dtype and a.array.dtype != b.array.dtype:
        raise RuntimeError(
            f"expected m1 and m2 to have the same dtype, but got: {_name(a)} != {_name(b)}")


def _name(t):
    return {"float32": "float", "float64": "double", "int64": "long int", "int32": "int",
            "bool": "bool"}[t.dtype.name]
