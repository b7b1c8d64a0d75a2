"""``autograd_core.nn.functional`` (``import ... as F``): activations, softmax, losses, linear.

Each loss is one ``Function`` with PyTorch's node name, in the style of ops/:
``forward`` computes the value with NumPy, ``backward`` is the derivative
written with Tensor operations (so it can be differentiated again).

The derivatives, for one element (x = input, y = target, n = number of elements;
a 'mean' reduction divides the gradient by n, 'sum' does not):

    mse          (x - y)²                                 d/dx = 2 (x - y)
    bce          -[y log x + (1 - y) log(1 - x)]          d/dx = (x - y) / (x (1 - x))
    bce logits   max(x, 0) - x y + log(1 + e^-|x|)        d/dx = σ(x) - y
    nll          -logp[class]                             d/dlogp = -1 at the class, 0 elsewhere
    softmax      s_i = e^(x_i) / Σ e^(x_j)                dx = s (g - Σ g s)
    log_softmax  x_i - log Σ e^(x_j)                      dx = g - softmax(x) Σ g

cross_entropy(x, y) is nll_loss(log_softmax(x, 1), y), as in PyTorch.
"""
import warnings

import numpy as np

from .. import dtypes, errors
from .. import random as _random
from ..function import Function, given, keep_given
from ..grad_mode import is_grad_enabled
from ..ops.arithmetic import check_broadcast
from ..ops.shape import UnsafeView
from ..ops.elementwise import relu as _relu
from ..ops.elementwise import sigmoid as _sigmoid
from ..ops.elementwise import tanh as _tanh
from ..ops.shape import reshape as _reshape
from ..tensor import Tensor, _wrap_dim

# PyTorch's limits: log() in BCE is clamped to >= -100, and the BCE gradient's
# denominator x (1 - x) to >= 1e-12, so that x = 0 or 1 gives large numbers, not inf.
LOG_CLAMP = -100.0
BCE_EPSILON = 1e-12

_KIND = {"float32": "Float", "float64": "Double", "int64": "Long", "int32": "Int", "bool": "Bool"}


# -- activations ----------------------------------------------------------------------------------

def relu(input, inplace=False):
    if inplace:
        from ..ops.inplace import in_place
        return in_place(input, _relu)
    return _relu(input)


def sigmoid(input):
    return _sigmoid(input)


def tanh(input):
    return _tanh(input)


# -- softmax --------------------------------------------------------------------------------------

class Softmax(Function):
    """softmax(x)_i = e^(x_i - m) / Σ_j e^(x_j - m), m = max(x): the same value, no overflow."""
    node_name = "SoftmaxBackward0"
    saved_names, saved_values = ("result",), {"dim": given("dim", "dim")}

    @staticmethod
    def forward(ctx, x, dim):
        shifted = x.array - x.array.max(axis=dim, keepdims=True)
        e = np.exp(shifted)
        result = Tensor._wrap(e / e.sum(axis=dim, keepdims=True))
        ctx.dim = dim
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad):
        s, = ctx.saved_tensors
        return SoftmaxBackwardData.apply(grad, s, ctx.dim), None


class SoftmaxBackwardData(Function):
    """softmax's backward as one node (PyTorch's _softmax_backward_data, recorded with
    create_graph=True): dx_i = s_i (g_i - Σ_j g_j s_j), the Jacobian diag(s) - s sᵀ applied to g."""
    node_name = "SoftmaxBackwardDataBackward0"

    @staticmethod
    def forward(ctx, g, s, dim):
        ctx.save_for_backward(g, s)
        ctx.dim = dim
        return s.array * (g.array - (g.array * s.array).sum(axis=dim, keepdims=True))

    @staticmethod
    def backward(ctx, gg):
        g, s = ctx.saved_tensors
        dim = ctx.dim
        # linear in g: the same backward again;  by s: PyTorch's softmax_double_backward
        return (SoftmaxBackwardData.apply(gg, s, dim),
                g * gg - (s * g).sum(dim, keepdim=True) * gg - g * (s * gg).sum(dim, keepdim=True), None)


class LogSoftmax(Function):
    """log_softmax(x)_i = (x_i - m) - log Σ_j e^(x_j - m): the log-sum-exp trick."""
    node_name = "LogSoftmaxBackward0"
    saved_names, saved_values = ("result",), {"dim": given("dim", "dim")}

    @staticmethod
    def forward(ctx, x, dim):
        shifted = x.array - x.array.max(axis=dim, keepdims=True)
        result = Tensor._wrap(shifted - np.log(np.exp(shifted).sum(axis=dim, keepdims=True)))
        ctx.dim = dim
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad):
        y, = ctx.saved_tensors
        return LogSoftmaxBackwardData.apply(grad, y, ctx.dim), None


class LogSoftmaxBackwardData(Function):
    """log_softmax's backward as one node (PyTorch's _log_softmax_backward_data):
    dx_i = g_i - softmax(x)_i Σ_j g_j, and softmax(x) = e^y."""
    node_name = "LogSoftmaxBackwardDataBackward0"

    @staticmethod
    def forward(ctx, g, y, dim):
        ctx.save_for_backward(g, y)
        ctx.dim = dim
        return g.array - np.exp(y.array) * g.array.sum(axis=dim, keepdims=True)

    @staticmethod
    def backward(ctx, gg):
        g, y = ctx.saved_tensors
        dim = ctx.dim
        # PyTorch's formulas: by g, gg - Σ(gg·e^y); by y, -Σg · e^y · gg
        return (gg - (gg * y.exp()).sum(dim, keepdim=True),
                -g.sum(dim, keepdim=True) * y.exp() * gg, None)


def _softmax_dim(name, ndim):
    warnings.warn(
        f"Implicit dimension choice for {name} has been deprecated. Change the call to include "
        "dim=X as an argument.", UserWarning, stacklevel=4)
    return 0 if ndim in (0, 1, 3) else 1


def _softmax(function, kernel, input, dim, dtype):
    if dim is None:
        dim = _softmax_dim(kernel, input.ndim)
    if dtype is not None:
        input = input.to(dtypes.as_dtype(dtype))
    given_dim, dim = dim, _wrap_dim(errors.int_dim(kernel, dim), input.ndim)
    if not input.dtype.is_floating_point:
        last = "lastdim_" if dim == max(input.ndim - 1, 0) else ""
        raise NotImplementedError(
            f"\"{kernel}_{last}kernel_impl\" not implemented for '{_KIND[input.dtype.name]}'")
    return keep_given(function.apply(input, dim), dim=given_dim)


def softmax(input, dim=None, _stacklevel=3, dtype=None):
    """Turn scores into probabilities along ``dim`` (each slice sums to 1)."""
    return _softmax(Softmax, "softmax", input, dim, dtype)


def log_softmax(input, dim=None, _stacklevel=3, dtype=None):
    """log(softmax(x)), computed without ever taking log of a tiny number."""
    return _softmax(LogSoftmax, "log_softmax", input, dim, dtype)


# -- losses ---------------------------------------------------------------------------------------

def _reduce(array, reduction):
    if reduction == "mean":
        return array.mean()
    if reduction == "sum":
        return array.sum()
    return array


def _check_reduction(reduction, size_average=None, reduce=None):
    """PyTorch's reduction names, and its old size_average / reduce arguments."""
    if size_average is not None or reduce is not None:
        size_average = True if size_average is None else size_average
        reduce = True if reduce is None else reduce
        reduction = "mean" if size_average and reduce else "sum" if reduce else "none"
        warnings.warn(
            "size_average and reduce args will be deprecated, please use "
            f"reduction='{reduction}' instead.", UserWarning, stacklevel=3)
    if reduction == "elementwise_mean":
        warnings.warn("reduction='elementwise_mean' is deprecated. Please use reduction='mean' instead.",
                      UserWarning, stacklevel=3)
        reduction = "mean"
    if reduction not in ("none", "mean", "sum"):
        raise ValueError(f"{reduction} is not a valid value for reduction")
    return reduction


def _scale(reduction, n):
    """How much one element counts in the reduced loss."""
    return 1.0 / n if reduction == "mean" else 1.0


class MseLoss(Function):
    node_name = "MseLossBackward0"

    @staticmethod
    def forward(ctx, x, y, reduction):
        ctx.save_for_backward(x, y)
        ctx.reduction = reduction
        diff = x.array - y.array
        ctx.n = diff.size
        return _reduce(diff * diff, reduction)

    @staticmethod
    def backward(ctx, grad):
        x, y = ctx.saved_tensors
        # d/dx (x - y)² = 2 (x - y), and d/dy = -2 (x - y)
        dx = 2.0 * _scale(ctx.reduction, ctx.n) * (x - y) * grad
        return dx, -dx, None


class BinaryCrossEntropy(Function):
    node_name = "BinaryCrossEntropyBackward0"

    @staticmethod
    def forward(ctx, x, y, weight, reduction):
        ctx.save_for_backward(x, y)
        ctx.weight, ctx.reduction, ctx.n = weight, reduction, x.array.size
        a, t = x.array, y.array
        if not np.all((a >= 0) & (a <= 1)):
            raise RuntimeError("all elements of input should be between 0 and 1")
        if not np.all((t >= 0) & (t <= 1)):
            raise RuntimeError("all elements of target should be between 0 and 1")
        # -[y log x + (1 - y) log(1 - x)], each log clamped to >= -100 as in PyTorch.
        log_x = np.maximum(np.log(a), LOG_CLAMP)
        log_1mx = np.maximum(np.log1p(-a), LOG_CLAMP)
        loss = (t - 1) * log_1mx - t * log_x
        if weight is not None:
            loss = loss * weight
        return _reduce(loss.astype(a.dtype, copy=False), reduction)

    @staticmethod
    def backward(ctx, grad):
        x, y = ctx.saved_tensors
        scale = _scale(ctx.reduction, ctx.n)
        # d/dx = (x - y) / (x (1 - x));   d/dy = log(1 - x) - log(x)
        dx = grad * (x - y) / ((1 - x) * x).clamp(min=BCE_EPSILON)
        dy = grad * ((1 - x).log() - x.log())
        if ctx.weight is not None:
            w = Tensor._wrap(ctx.weight)
            dx, dy = dx * w, dy * w
        return dx * scale, dy * scale, None, None


def _log_sigmoid(a):
    """log σ(x) = min(x, 0) - log(1 + e^-|x|), never exp of a large number."""
    return np.minimum(a, 0) - np.log1p(np.exp(-np.abs(a)))


class BinaryCrossEntropyWithLogits(Function):
    node_name = "BinaryCrossEntropyWithLogitsBackward0"

    @staticmethod
    def forward(ctx, x, y, weight, pos_weight, reduction):
        ctx.save_for_backward(x, y)
        ctx.weight, ctx.pos_weight, ctx.reduction, ctx.n = weight, pos_weight, reduction, x.array.size
        a, t = x.array, y.array
        # The same as BCE(σ(x), y) = max(x, 0) - x y + log(1 + e^-|x|), written as
        # PyTorch computes it: (1 - y) x - log σ(x).
        if pos_weight is None:
            loss = (1 - t) * a - _log_sigmoid(a)
        else:
            log_weight = (pos_weight - 1) * t + 1
            loss = (1 - t) * a - log_weight * _log_sigmoid(a)
        if weight is not None:
            loss = loss * weight
        return _reduce(loss.astype(a.dtype, copy=False), reduction)

    @staticmethod
    def backward(ctx, grad):
        x, y = ctx.saved_tensors
        scale = _scale(ctx.reduction, ctx.n)
        if ctx.pos_weight is None:
            dx = grad * (x.sigmoid() - y)               # d/dx = σ(x) - y
            dy = grad * -x                              # d/dy = -x
        else:
            p = Tensor._wrap(ctx.pos_weight)
            dx = grad * ((p * y + 1 - y) * x.sigmoid() - p * y)
            log_sigmoid = x.clamp(max=0) - (1 + (-x.abs()).exp()).log()
            dy = grad * (-x - (p - 1) * log_sigmoid)
        if ctx.weight is not None:
            w = Tensor._wrap(ctx.weight)
            dx, dy = dx * w, dy * w
        return dx * scale, dy * scale, None, None, None


class NllLoss(Function):
    """-logp[i, target_i] for each row i (times the class weight), then reduced."""
    node_name = "NllLossBackward0"

    @staticmethod
    def forward(ctx, logp, target, weight, reduction, ignore_index):
        # target (class indices) and weight come as constants: no gradient flows to them.
        a = logp.array if logp.ndim == 2 else logp.array[None]         # (N, C)
        t = target.reshape(-1)                                          # (N,)
        n_classes = a.shape[1]
        kept = t != ignore_index
        out_of_bounds = t[kept & ((t < 0) | (t >= n_classes))]
        if out_of_bounds.size:
            raise IndexError(f"Target {out_of_bounds[0]} is out of bounds.")
        safe = np.where(kept, t, 0)                     # any valid index for the ignored rows
        w = weight[safe] if weight is not None else np.ones(t.shape, dtype=a.dtype)
        w = np.where(kept, w, 0).astype(a.dtype)        # an ignored row weighs nothing
        picked = a[np.arange(len(t)), safe]
        losses = np.where(kept, -w * picked, 0).astype(a.dtype)
        total = w.sum()

        # Backward needs only where each row's gradient goes and with what factor:
        # d loss_i / d logp[i, c] = -w_i if c == target_i else 0.
        slope = np.zeros(a.shape, dtype=a.dtype)
        slope[np.arange(len(t)), safe] = -w
        if reduction == "mean":
            slope = slope / total
        ctx.slope = slope.reshape(logp.array.shape)
        ctx.reduction = reduction

        if reduction == "none":
            return losses.reshape(target.shape)
        if reduction == "sum":
            return losses.sum()
        return losses.sum() / total

    @staticmethod
    def backward(ctx, grad):
        slope = Tensor._wrap(ctx.slope)
        if ctx.reduction == "none" and slope.ndim == 2:
            grad = grad.unsqueeze(1)                    # one gradient per row
        return grad * slope, None, None, None, None


class DivScalar(Function):
    """x / n for a Python number n (PyTorch's div.Scalar, hence DivBackward1)."""
    node_name = "DivBackward1"

    @staticmethod
    def forward(ctx, x, n):
        ctx.n = n
        return (x.array / n).astype(x.array.dtype, copy=False)

    @staticmethod
    def backward(ctx, grad):
        return grad / ctx.n, None


def _constant(tensor, function, argument):
    """A weight argument, passed to the Function as a NumPy array: no gradient flows to it."""
    if tensor is None:
        return None
    if tensor.requires_grad and is_grad_enabled():
        raise RuntimeError(
            f"The function '{function}' is not differentiable with respect to argument "
            f"'{argument}'. This input cannot have requires_grad True.")
    return tensor.array


def _dtype_name(t):
    return _KIND[t.dtype.name]


def _warn_if_target_size_differs(input, target):
    """PyTorch's warning when a loss would broadcast its target against its input."""
    if target.shape != input.shape:
        warnings.warn(
            f"Using a target size ({target.shape}) that is different to the input size "
            f"({input.shape}). This will likely lead to incorrect results due to broadcasting. "
            "Please ensure they have the same size.", UserWarning, stacklevel=3)


def mse_loss(input, target, size_average=None, reduce=None, reduction="mean", weight=None):
    """Mean squared error: mean((input - target)²); ``weight`` weighs each element."""
    _warn_if_target_size_differs(input, target)
    if size_average is not None or reduce is not None:
        reduction = _check_reduction(reduction, size_average, reduce)
    # As torch.broadcast_tensors: only a tensor whose shape changes gets an ExpandBackward0.
    if input.array.shape != target.array.shape:
        check_broadcast(input.array.shape, target.array.shape)
        shape = np.broadcast_shapes(input.array.shape, target.array.shape)
        input, target = [t if t.array.shape == shape else t.expand(*shape) for t in (input, target)]
    if weight is not None:
        return _weighted_mse_loss(input, target, weight, reduction)
    reduction = _check_reduction(reduction)
    # Mixed dtypes (a float prediction, an integer target) are computed in the wider one.
    common = dtypes.result_type(input, target)
    if not common.is_floating_point:
        raise RuntimeError(f"\"mse_cpu\" not implemented for '{_KIND[common.name]}'")
    return MseLoss.apply(input.to(common), target.to(common), reduction)


def l1_loss(input, target, size_average=None, reduce=None, reduction="mean"):
    """Mean absolute error: mean(|input - target|), written with tensor operations as PyTorch does
    (so its graph is MeanBackward0 <- AbsBackward0 <- SubBackward0)."""
    _warn_if_target_size_differs(input, target)
    if size_average is not None or reduce is not None:
        reduction = _check_reduction(reduction, size_average, reduce)
    reduction = _check_reduction(reduction)
    error = (input - target).abs()
    return error.mean() if reduction == "mean" else error.sum() if reduction == "sum" else error


def _weighted_mse_loss(input, target, weight, reduction):
    """PyTorch writes the weighted form with ordinary tensor operations, and so do we."""
    if weight.shape != input.shape:
        raise ValueError("Weights and input must have the same size.")
    weighted_squared_errors = (input - target) ** 2 * weight
    if reduction == "none":
        return weighted_squared_errors
    if reduction == "sum":
        return weighted_squared_errors.sum()
    if reduction == "mean":
        return weighted_squared_errors.sum() / weight.sum()
    raise ValueError(f"Invalid reduction mode: {reduction}. Expected one of 'none', 'mean', 'sum'.")


def binary_cross_entropy(input, target, weight=None, size_average=None, reduce=None,
                         reduction="mean"):
    """-[y log x + (1 - y) log(1 - x)], for probabilities x in [0, 1]."""
    reduction = _check_reduction(reduction, size_average, reduce)
    if target.shape != input.shape:
        raise ValueError(
            f"Using a target size ({target.shape}) that is different to the input size "
            f"({input.shape}) is deprecated. Please ensure they have the same size.")
    if target.dtype is not input.dtype:
        raise RuntimeError(
            f"Found dtype {_dtype_name(target)} but expected {_dtype_name(input)}")
    return BinaryCrossEntropy.apply(input, target, _constant(weight, "binary_cross_entropy", "weight"),
                                    reduction)


def binary_cross_entropy_with_logits(input, target, weight=None, size_average=None, reduce=None,
                                     reduction="mean", pos_weight=None):
    """BCE of σ(input), computed from the logits directly: stable for large |input|."""
    reduction = _check_reduction(reduction, size_average, reduce)
    if target.shape != input.shape:
        raise ValueError(f"Target size ({target.shape}) must be the same as input size ({input.shape})")
    if not target.dtype.is_floating_point:
        raise RuntimeError(
            f"result type {_dtype_name(input)} can't be cast to the desired output type "
            f"{_dtype_name(target)}")
    name = "binary_cross_entropy_with_logits"
    return BinaryCrossEntropyWithLogits.apply(input, target, _constant(weight, name, "weight"),
                                              _constant(pos_weight, name, "pos_weight"), reduction)


def nll_loss(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None,
             reduction="mean"):
    """Negative log likelihood of the target class, given log-probabilities ``input``."""
    reduction = _check_reduction(reduction, size_average, reduce)
    _check_class_target(input, target, weight)
    return NllLoss.apply(input, target.array, _constant(weight, "nll_loss_forward", "weight"),
                         reduction, ignore_index)


def _check_class_target(input, target, weight):
    """PyTorch's checks of class-index targets, in its order and words."""
    if input.ndim == 0:
        raise ValueError("Expected 1 or more dimensions (got 0)")
    if input.ndim > 2:
        raise NotImplementedError(
            "autograd_core's nll_loss / cross_entropy take input of shape (C,) or (N, C); "
            "reshape (N, C, d1, ...) inputs to (N * d1 * ..., C) first")
    if target.dtype is not dtypes.int64:
        raise RuntimeError(f"expected target dtype to be Long or Byte, but got {_dtype_name(target)}")
    if input.ndim == 1:
        if target.ndim == 1 and target.shape[0] != 1:
            raise ValueError(
                f"For 1D input, 1D target must have size 1, but got target size: {target.shape[0]}")
    else:
        batch = target.shape[0] if target.ndim else 0
        if batch != input.shape[0]:
            raise ValueError(
                f"Expected input batch_size ({input.shape[0]}) to match target batch_size ({batch}).")
    if target.ndim > 1:
        raise RuntimeError("0D or 1D target tensor expected, multi-target not supported")
    n_classes = input.shape[-1]
    if weight is not None and tuple(weight.shape) != (n_classes,):
        raise RuntimeError(
            f"weight tensor should be defined either for all {n_classes} classes or no classes but "
            f"got weight tensor of shape: [{', '.join(map(str, weight.shape))}]")


def cross_entropy(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None,
                  reduction="mean", label_smoothing=0.0):
    """nll_loss(log_softmax(input, class_dim), target): softmax and log in one stable step.

    ``target`` holds class indices (int64), or class probabilities with the input's shape.
    """
    reduction = _check_reduction(reduction, size_average, reduce)
    if label_smoothing:
        raise NotImplementedError("autograd_core's cross_entropy has no label_smoothing")
    class_dim = 0 if input.ndim == 1 else 1
    if target.shape == input.shape:
        # A target shaped like the input holds class probabilities (soft labels).
        if not target.dtype.is_floating_point:
            raise RuntimeError(
                "Expected floating point type for target with class probabilities, got "
                f"{_dtype_name(target)}")
        if input.ndim == 0:
            raise IndexError("Dimension specified as 1 but tensor has no dimensions")
        return _cross_entropy_probabilities(input, target, weight, reduction, class_dim)
    _check_class_target(input, target, weight)
    if not input.dtype.is_floating_point:
        raise NotImplementedError(
            f"\"log_softmax_lastdim_kernel_impl\" not implemented for '{_dtype_name(input)}'")
    weight = _constant(weight, "nll_loss_forward", "weight")
    return NllLoss.apply(log_softmax(input, class_dim), target.array, weight, reduction, ignore_index)


def _cross_entropy_probabilities(input, target, weight, reduction, class_dim):
    """-Σ_c target_c · log_softmax(input)_c, for soft labels."""
    logp = log_softmax(input, class_dim)
    if weight is not None:
        shape = [1] * input.ndim
        shape[class_dim] = input.shape[class_dim]
        logp = logp * weight.reshape(shape)
    if reduction == "none":
        return -(logp * target).sum(class_dim)
    if reduction == "sum":
        return -(logp * target).sum()
    n = input.numel() // input.shape[class_dim]
    return DivScalar.apply(-(logp * target).sum(), n)


# -- layers as functions ---------------------------------------------------------------------------

class Addmm(Function):
    """bias + x @ w: the product and the bias in one node, as PyTorch's Linear does it."""
    node_name = "AddmmBackward0"

    @staticmethod
    def forward(ctx, bias, x, w):
        ctx.save_for_backward(x, w)
        return bias.array + x.array @ w.array

    @staticmethod
    def backward(ctx, grad):
        x, w = ctx.saved_tensors
        _, need_x, need_w = ctx.needs_input_grad
        return (grad,                                   # the bias gets the gradient (summed over rows)
                grad.mm(w.t()) if need_x else None,     # d/dx = grad · wᵀ
                x.t().mm(grad) if need_w else None)     # d/dw = xᵀ · grad


def linear(input, weight, bias=None):
    """y = x Wᵀ + b, with W of shape (out_features, in_features)."""
    if input.ndim == 0 or weight.ndim == 0:
        raise RuntimeError(
            f"both arguments to linear need to be at least 1D, but they are {input.ndim}D and "
            f"{weight.ndim}D")
    if input.dtype is not weight.dtype:
        raise RuntimeError(
            f"mat1 and mat2 must have the same dtype, but got {_dtype_name(input)} and "
            f"{_dtype_name(weight)}")
    w_t = weight.t()
    lead = input.shape[:-1]
    rows = int(np.prod(lead)) if lead else 1
    if input.shape[-1] != w_t.shape[0]:
        raise RuntimeError(
            f"mat1 and mat2 shapes cannot be multiplied ({rows}x{input.shape[-1]} and "
            f"{w_t.shape[0]}x{w_t.shape[1]})")
    if bias is None:
        if input.ndim <= 2:
            return input.matmul(w_t)                 # MmBackward0 (SqueezeBackward4 for 1-D)
        flat = _reshape(input, rows, input.shape[-1])
        return UnsafeView.apply(flat.mm(w_t), (*lead, w_t.shape[1]))
    out_features = w_t.shape[1]
    if bias.shape not in ((out_features,), (1,), ()):
        raise RuntimeError(
            f"The expanded size of the tensor ({out_features}) must match the existing size "
            f"({bias.shape[-1]}) at non-singleton dimension 1.  Target sizes: [{rows}, "
            f"{out_features}].  Tensor sizes: [{', '.join(map(str, bias.shape))}]")
    if input.ndim == 2:
        return Addmm.apply(bias, input, w_t)
    flat = _reshape(input, rows, input.shape[-1])
    return _reshape(Addmm.apply(bias, flat, w_t), *lead, out_features)


def dropout(input, p=0.5, training=True, inplace=False):
    """Zero each element with probability p and scale the rest by 1/(1-p) (only when training)."""
    if p < 0.0 or p > 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    if not training or p == 0:
        return input
    keep = _random._generator.random(input.array.shape) >= p
    mask = Tensor._wrap((keep / (1 - p) if p < 1 else keep * 0.0).astype(input.array.dtype))
    return input * mask
