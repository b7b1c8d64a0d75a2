"""``torch.autograd.detect_anomaly`` / ``set_detect_anomaly``: debugging a backward pass.

PyTorch's "modified by an inplace operation" error ends with a hint to turn this on.  Then
every node keeps the Python stack of the forward call that made it, and when its backward
fails, a warning shows that stack ("Error detected in MulBackward0. Traceback of forward
call that caused the error: ...") before the error itself.  With ``check_nan`` a backward
that returns nan is an error too.
"""
import os
import traceback
import warnings

from .tensor import TRIGGERED_INTERNALLY


class _AnomalyState:
    __slots__ = ("enabled", "check_nan")   # (read by Function.apply for every recorded op)

    def __init__(self):
        self.enabled = False
        self.check_nan = True


_Anomaly = _AnomalyState()
_PACKAGE = os.path.dirname(os.path.abspath(__file__)) + os.sep


def is_anomaly_enabled():
    return _Anomaly.enabled


def is_anomaly_check_nan_enabled():
    return _Anomaly.check_nan


def set_anomaly_enabled(enabled, check_nan=True):
    _Anomaly.enabled, _Anomaly.check_nan = bool(enabled), bool(check_nan)
    from .function import update_extras      # (function.py imports this module)
    update_extras()


class detect_anomaly:
    """Context manager (or decorator): anomaly detection inside."""

    def __init__(self, check_nan=True):
        self.check_nan = check_nan
        warnings.warn("Anomaly Detection has been enabled. This mode will increase the runtime and should "
                      "only be enabled for debugging.", UserWarning, stacklevel=2)

    def __enter__(self):
        self._previous = (_Anomaly.enabled, _Anomaly.check_nan)
        set_anomaly_enabled(True, self.check_nan)

    def __exit__(self, *exc_info):
        set_anomaly_enabled(*self._previous)
        return False

    def __call__(self, func):
        import functools

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            with self:
                return func(*args, **kwargs)
        return wrapper


class set_detect_anomaly:
    """``set_detect_anomaly(True)`` takes effect at once; as a context manager it is undone on exit."""

    def __init__(self, mode, check_nan=True):
        self._previous = (_Anomaly.enabled, _Anomaly.check_nan)
        set_anomaly_enabled(mode, check_nan)

    def __enter__(self):
        pass

    def __exit__(self, *exc_info):
        set_anomaly_enabled(*self._previous)
        return False


def forward_trace():
    """The Python stack of the forward call, without the engine's own frames (PyTorch's are C++)."""
    return [frame for frame in traceback.extract_stack()[:-1] if not frame.filename.startswith(_PACKAGE)]


def apply_watched(node, grad):
    """node.apply(grad) in anomaly mode: a failure first warns with the forward call's stack."""
    try:
        grads = node.apply(grad)
        if _Anomaly.check_nan:
            for i, g in enumerate(grads):
                if g is not None and g.array.dtype.kind == "f" and (g.array != g.array).any():
                    raise RuntimeError(f"Function '{node.name()}' returned nan values in its {i}th output.")
        return grads
    except Exception:
        trace = "".join(traceback.format_list(getattr(node, "_forward_trace", None) or []))
        warnings.warn(f"Error detected in {node.name()}. Traceback of forward call that caused the error:\n"
                      + trace + TRIGGERED_INTERNALLY.format("torch/csrc/autograd/python_anomaly_mode.cpp:122"),
                      UserWarning, stacklevel=2)
        raise
