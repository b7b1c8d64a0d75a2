"""Grad modes: whether new operations are recorded in the graph.

``no_grad``, ``enable_grad``, ``set_grad_enabled`` and ``inference_mode`` work
both as context managers and as decorators, exactly like PyTorch's.
"""
import functools
import inspect


class _GradState:
    # One flag for the whole process: the hot path reads it on every op.  An
    # instance with a slot, not a class attribute: Python 3.11 reads a slot of an
    # instance in a few instructions, an attribute of a class in a few hundred.
    __slots__ = ("enabled", "inference")

    def __init__(self):
        self.enabled = True
        self.inference = False    # inside inference_mode(): results are inference tensors


_State = _GradState()


def is_grad_enabled():
    return _State.enabled


def is_inference_mode_enabled():
    return _State.inference


class _GradMode:
    """Base: a context manager that sets the flag, usable as a decorator too."""

    mode = True

    def __enter__(self):
        self._previous = _State.enabled
        _State.enabled = self.mode

    def __exit__(self, *exc_info):
        _State.enabled = self._previous
        return False

    def __call__(self, func):
        if inspect.isgeneratorfunction(func):
            return self._wrap_generator(func)

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            with self.clone():
                return func(*args, **kwargs)
        return wrapper

    def _wrap_generator(self, func):
        # A generator runs in pieces, one per next(); each piece gets the mode.
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            generator = func(*args, **kwargs)
            value_to_send = None
            while True:
                try:
                    with self.clone():
                        response = generator.send(value_to_send)
                except StopIteration as stop:
                    return stop.value
                try:
                    value_to_send = yield response
                except GeneratorExit:
                    with self.clone():
                        generator.close()
                    raise
        return wrapper

    def _init_args(self):
        return ()

    def clone(self):
        return self.__class__(*self._init_args())


class _NoArgumentMode(_GradMode):
    """``@no_grad`` works without parentheses too, as in PyTorch 2.x."""

    def __new__(cls, func=None):
        if func is None:
            return super().__new__(cls)
        return cls()(func)


class no_grad(_NoArgumentMode):
    """Operations inside do not build a graph (evaluation, optimizer steps)."""

    mode = False


class enable_grad(_NoArgumentMode):
    """Turns recording back on inside a ``no_grad`` block."""

    mode = True


class inference_mode(_GradMode):
    """``no_grad``, and more: the results are *inference tensors*, which can never
    enter a graph later (``t.is_inference()``).  PyTorch skips the bookkeeping
    that this promise makes unnecessary; here it is the same computation.
    ``inference_mode(False)`` turns it off (and recording back on) inside."""

    def __new__(cls, mode=True):
        if callable(mode):            # @inference_mode without parentheses
            return cls()(mode)
        return super().__new__(cls)

    def __init__(self, mode=True):
        self.mode = bool(mode)

    def __enter__(self):
        self._previous = (_State.enabled, _State.inference)
        _State.enabled, _State.inference = not self.mode, self.mode

    def __exit__(self, *exc_info):
        _State.enabled, _State.inference = self._previous
        return False

    def _init_args(self):
        return (self.mode,)


class set_grad_enabled(_GradMode):
    """``set_grad_enabled(False)`` takes effect at once, as in PyTorch."""

    def __init__(self, mode):
        self.mode = bool(mode)
        # PyTorch switches the mode already when the object is created, so that
        # a bare ``torch.set_grad_enabled(False)`` call works as a statement.
        self._previous = _State.enabled
        _State.enabled = self.mode

    def __enter__(self):
        pass

    def _init_args(self):
        return (self.mode,)

    def __call__(self, func):
        # Used as a decorator, the eager switch in __init__ must not stick.
        _State.enabled = self._previous
        return super().__call__(func)
