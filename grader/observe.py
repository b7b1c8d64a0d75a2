"""Watching autograd work, for the test cells (관찰 도구).

Where an exercise is about what autograd does, its test observes autograd doing
it instead of checking only the final number: hooks that count the gradients
backward delivers, a call with autograd switched off for exercises that ask for
a hand derivation, and so on.

The helpers follow grader/checks.py's rules: a failed check raises
``AssertionError`` with a Korean message, nothing is printed, and no expected
value (no answer) appears in a message.  They rely only on what PyTorch offers
too (``register_hook``, ``no_grad``, ``grad_fn``), so the same test cell runs on
``autograd_core`` and on real ``torch``.

Each lesson engineer adds helpers in their own section below.
"""
import contextlib
import sys

import numpy as np

import autograd_core as _autograd_core
from autograd_core.tensor import RemovableHandle as _RemovableHandle, Tensor as _Tensor
from grader import checks as _checks
from grader.checks import call, josa

__all__ = []


# == Lessons 03 and 04: gradients that backward really produced ===============================
# 03 and 04 ask for two kinds of answers.  Some must be derived by hand (the chain
# rule, node by node): ``call_by_hand`` runs them with autograd switched off, so
# that backward() or autograd.grad() inside fails with a Korean explanation.
# Others must come from autograd: ``GradFlow`` puts a hook on each tensor and
# records the gradients that backward (or autograd.grad) sends there, so a
# hand-written formula, a finite difference or an assignment ``w.grad = ...``
# is seen for what it is (no gradient ever flowed).

__all__ += ["call_by_hand", "GradFlow"]


# Everything below decides with what grader.checks bound at import (before any student
# code ran): its exact-type conversion to a plain ndarray (slot reads, no __array__), its
# ufunc-only comparison, and the tensor types it trusts; never a module *name*, which a
# student class can fake.
_TYPE = _checks._TYPE
_ISSUBCLASS = _checks._ISSUBCLASS
_LEN = _checks._LEN
_BOOL = _checks._BOOL
_PLAIN = _checks._plain_array
_UNREADABLE = _checks._Unreadable
_CLOSE = _checks._close
_EXC_TEXT = _checks._exception_text
_ENGINE_TENSORS = _checks._ENGINE_TENSORS
_TORCH_TENSORS = _checks._TORCH_TENSORS
_READ_REQUIRES = _checks._READ_REQUIRES
_READ_GRAD_FN = _checks._READ_GRAD_FN
_SUM = np.add.reduce
_F64 = np.float64
_ENGINE_HOOK = _Tensor.register_hook
_ENGINE_HANDLE_REMOVE = _RemovableHandle.remove
_TORCH = sys.modules.get("torch") if _TORCH_TENSORS else None   # imported before this module (parity run)
_TORCH_HOOK = next((t.register_hook for t in _TORCH_TENSORS if t.__name__ == "Tensor"), None)
_ENGINES = tuple(e for e in (_autograd_core, _TORCH) if e is not None)
_NO_GRADS = tuple(e.no_grad for e in _ENGINES)


def _values(value, _plain=_PLAIN, _unreadable=_UNREADABLE):
    """The numbers in ``value`` as an ndarray grader.checks made itself, or None."""
    try:
        return _plain(value)
    except _unreadable:
        return None


def _register_hook(tensor, hook, _type=_TYPE, _engine=_ENGINE_TENSORS, _torch=_TORCH_TENSORS,
                   _engine_hook=_ENGINE_HOOK, _torch_hook=_TORCH_HOOK):
    """``tensor.register_hook(hook)`` through the method bound at import (exact tensor types only)."""
    kind = _type(tensor)
    if kind in _engine:
        return _engine_hook(tensor, hook)
    if kind in _torch and _torch_hook is not None:
        return _torch_hook(tensor, hook)
    raise TypeError("grader.observe: only a tensor of autograd_core (or torch) can be watched")


def _remove_handle(handle, _type=_TYPE, _engine_remove=_ENGINE_HANDLE_REMOVE, _cls=_RemovableHandle):
    if _type(handle) is _cls:
        _engine_remove(handle)
    else:                                   # torch's RemovableHandle, made by torch's register_hook
        _type(handle).remove(handle)


def _grad_refused(cause, _type=_TYPE, _issub=_ISSUBCLASS, _text=_EXC_TEXT):
    """Whether ``cause`` is autograd refusing because it is off (read without asking the exception)."""
    return cause is not None and _issub(_type(cause), RuntimeError) and "grad" in _text(cause)


def _close_to(got, want, rtol, atol, _close=_CLOSE):
    return got.shape == want.shape and _close(got, want, rtol, atol)


def _call_without_autograd(fn, args, name, no_grads, task, advice):
    """``call(fn, *args)`` inside every ``no_grad`` of ``no_grads``.

    A backward() or autograd.grad() inside ``fn`` is then refused by the engine ("element 0
    of tensors does not require grad ...", "can't retain_grad on Tensor that has
    requires_grad=False"); that refusal is explained in Korean: ``task`` says what the
    exercise asks for, ``advice`` how to do it.  Everything else is reported as ``call`` does.
    """
    __tracebackhide__ = True
    label = name or getattr(fn, "__name__", "함수")
    try:
        with contextlib.ExitStack() as stack:
            for no_grad in no_grads:
                stack.enter_context(no_grad())
            return call(fn, *args, name=name)
    except AssertionError as exc:
        if _grad_refused(exc.__cause__):
            raise AssertionError(
                f"{label}: {task} 테스트는 autograd를 끈 채(torch.no_grad() 안에서) 함수를 부르므로 "
                f"backward()나 torch.autograd.grad()는 쓸 수 없습니다. {advice}") from None
        raise


def call_by_hand(fn, *args, name=None, engine=None):
    """``fn(*args)`` with autograd switched off (``no_grad``); returns its result.

    For exercises whose instructions ask for the chain rule by hand: a
    ``backward()`` or ``torch.autograd.grad()`` inside ``fn`` then fails, and the
    failure is explained in Korean.  Everything else behaves as ``checks.call``.
    """
    __tracebackhide__ = True
    # Off in every engine that is loaded: the arguments are plain numbers, so they
    # cannot say whether the student's code will reach for autograd_core or torch.
    no_grads = (engine.no_grad,) if engine is not None else _NO_GRADS
    return _call_without_autograd(
        fn, args, name, no_grads,
        "이 문제는 연쇄 법칙으로 직접 계산하는 문제입니다.",
        "국소 미분을 곱하고 더하는 식을 파이썬 연산(또는 math 모듈)으로 쓰세요.")


class GradFlow:
    """Hooks that record every gradient autograd sends to some tensors.

        flow = GradFlow(w=w, b=b)          # before the student's function runs
        result = call(student_fn, x, w, b)
        flow.expect_once("w", result[0], "반환한 첫 번째 값")
        flow.remove()

    A tensor's hook runs when backward (or ``torch.autograd.grad``) computes the
    gradient of that tensor: once per backward pass, with the sum of every path's
    contribution.  Nothing runs for a formula, a finite difference or a
    ``w.grad = ...`` written by hand.
    """

    def __init__(self, **tensors):
        self.seen = {name: [] for name in tensors}
        self._handles = [_register_hook(t, self._recorder(name)) for name, t in tensors.items()]

    def _recorder(self, name):
        def hook(grad):
            self.seen[name].append(_values(grad))
        return hook

    def count(self, name):
        """How many backward passes have reached ``name`` so far."""
        return len(self.seen[name])

    def remove(self):
        for handle in self._handles:
            _remove_handle(handle)
        self._handles = []

    def expect_once(self, name, value=None, label=None, hint=None):
        """Exactly one backward pass reached ``name``; ``value`` (if given) equals what it sent.

        ``value`` is the student's returned gradient (a tensor or a number);
        ``label`` names it in the message.  No expected number is ever shown.
        """
        __tracebackhide__ = True
        n = self.count(name)
        if n == 0:
            raise AssertionError(
                f"역전파가 {name}에 기울기를 보내지 않았습니다. 이 문제는 autograd로 구하는 문제입니다: "
                "손으로 쓴 식이나 수치 미분, .grad에 직접 넣은 값이 아니라 backward()(또는 torch.autograd.grad())가 "
                f"계산한 기울기를 쓰세요." + (f"\n{hint}" if hint else ""))
        if n > 1:
            raise AssertionError(
                f"한 번 부르는 동안 역전파가 {name}에 {n}번 닿았습니다. 손실을 한 번만 만들고 한 번만 역전파하세요."
                + (f"\n{hint}" if hint else ""))
        if value is None:
            return
        label = label or f"{name}의 기울기"
        got = _values(value)
        if got is None:
            raise AssertionError(f"{josa(label, '은')} 텐서나 숫자여야 합니다.")
        sent = self.seen[name][0]
        if sent is None or not _close_to(got, sent, 1e-5, 1e-7):
            raise AssertionError(
                f"{josa(label, '이')} 역전파가 {name}에 보낸 기울기와 다릅니다. backward()가 채운 값을 "
                "그대로 반환했나요? (다른 식으로 다시 계산하거나 부호·배수를 바꾸지 마세요.)"
                + (f"\n{hint}" if hint else ""))


# == Lessons 05 and 06: gradient arguments, Jacobians and accumulation ========================
# 05 hands the student's code a function f and asks for a vector-Jacobian product or a
# Jacobian: ``WatchedFunction`` wraps f, hooks every tensor f is called with and every
# tensor f returns, and so sees which gradients backward sent out of f (the v) and into
# its input (the rows).  A finite difference or a formula never sends any.  06 counts
# backward passes with ``GradFlow.count``: accumulation over n samples is n passes,
# one batched backward is one, a closed form is none.

__all__ += ["WatchedFunction", "expect_passes", "per_sample_sgd"]

# The library's own Jacobian (hessian calls it): its code objects, bound at import, so that
# WatchedFunction sees f called from inside it (a frame whose code is one of these), however
# the student reached it (torch.autograd.functional.jacobian, an alias, hessian, a wrapper).
_FRAME = sys._getframe
_LIBRARY_JACOBIANS = tuple(e.autograd.functional.jacobian.__code__ for e in _ENGINES)


def _wants_grad(value, _type=_TYPE, _engine=_ENGINE_TENSORS, _torch=_TORCH_TENSORS, _read=_READ_REQUIRES,
                _grad_fn=_READ_GRAD_FN):
    """A genuine tensor (exact type) that requires grad; the flag read from its slot on the engine."""
    kind = _type(value)
    if kind in _engine:
        return _grad_fn(value) is not None or _read(value) is True
    return kind in _torch and value.requires_grad is True


class WatchedFunction:
    """``f`` as the student's code sees it, with hooks on what goes in and comes out.

        f = WatchedFunction(lambda x: x ** 2, "f")
        J = call(jacobian, f, [1.0, 2.0])
        f.expect_rows_from_backward(J, "jacobian(f, ...)")
    """

    def __init__(self, fn, name="f"):
        self.fn, self.name = fn, name
        self.calls = 0
        self.library_calls = 0   # calls made from inside torch.autograd.functional.jacobian
        self.output_grads = []   # what backward sent to a result of fn (the v of each pass)
        self.input_grads = []    # what backward sent to an argument of fn (one row per pass)
        self._inputs = []
        self._handles = []

    def __call__(self, x, *args, **kwargs):
        self.calls += 1
        if self._from_library():
            self.library_calls += 1
        # One hook per input tensor, however often f is called with it: a pass is recorded once.
        if _wants_grad(x) and not any(seen is x for seen in self._inputs):
            self._inputs.append(x)
            self._handles.append(_register_hook(x, self._recorder(self.input_grads)))
        y = self.fn(x, *args, **kwargs)
        if _wants_grad(y):
            self._handles.append(_register_hook(y, self._recorder(self.output_grads)))
        return y

    @staticmethod
    def _recorder(store):
        def hook(grad):
            store.append(_values(grad))
        return hook

    @staticmethod
    def _from_library(_frame=_FRAME, _codes=_LIBRARY_JACOBIANS):
        frame = _frame(2)                      # the caller of __call__, then its callers
        while frame is not None:
            if frame.f_code in _codes:
                return True
            frame = frame.f_back
        return False

    def remove(self):
        for handle in self._handles:
            _remove_handle(handle)
        self._handles = []

    def _no_backward(self, label):
        return AssertionError(
            f"{label}: 역전파가 {self.name}의 결과를 지나가지 않았습니다. 이 문제는 autograd로 구하는 문제입니다. "
            f"{self.name}에 requires_grad=True인 텐서를 넣어 부르고, 그 결과에서 backward()"
            "(또는 torch.autograd.grad())를 부르세요. 수치 미분이나 손으로 쓴 식은 받지 않습니다.")

    def expect_sent(self, v, label):
        """Some backward pass started from a result of f with exactly ``v`` as its gradient."""
        __tracebackhide__ = True
        if not self.output_grads:
            raise self._no_backward(label)
        want = _values(v)                      # a tensor, a number or a (nested) list of numbers
        if want is None:
            raise TypeError("grader.observe: v must be numbers, a NumPy array or a tensor")
        if not any(g is not None and _close_to(g, want, 1e-5, 1e-7) for g in self.output_grads):
            raise AssertionError(
                f"{label}: {self.name}의 결과로 들어온 기울기가 v가 아닙니다. v를 backward()의 gradient로 "
                "넘겼나요? (1로 가득 찬 텐서로 역전파한 뒤 v를 곱하면 v^T J가 아닙니다.)")

    def expect_from_backward(self, value, label):
        """``value`` is a gradient backward sent to f's input (or the sum of them)."""
        __tracebackhide__ = True
        if not self.input_grads:
            raise self._no_backward(label)
        got = _values(value)
        if got is None:
            raise AssertionError(f"{josa(label, '은')} 텐서여야 합니다.")
        grads = [g for g in self.input_grads if g is not None]
        candidates = grads + [_SUM([g.astype(_F64) for g in grads], axis=0)] if \
            grads and _LEN({g.shape for g in grads}) == 1 else grads
        if not any(_close_to(got, c, 1e-5, 1e-6) for c in candidates):
            raise AssertionError(
                f"{josa(label, '이')} 역전파가 x에 보낸 기울기와 다릅니다. x.grad를 그대로 반환했나요? "
                "(다른 식으로 다시 계산하거나 값을 바꾸지 마세요.)")

    def expect_own_jacobian(self, label):
        """f was never called by the library's ``torch.autograd.functional.jacobian`` (or hessian).

        For the exercise that builds the Jacobian by hand: the library computes the same rows
        with the same one-hot backward passes, so only where f was called from tells them apart.
        """
        __tracebackhide__ = True
        if self.library_calls:
            raise AssertionError(
                f"{label}: torch.autograd.functional.jacobian(또는 hessian)을 불러 야코비 행렬을 구했습니다. "
                "이 문제는 그 함수가 안에서 하는 일을 직접 써 보는 문제라서 그 함수는 쓸 수 없습니다. "
                "출력의 원소마다 원-핫 텐서를 gradient로 넘겨 역전파하고, 그때의 x.grad를 한 행씩 모으세요.")

    def expect_rows_from_backward(self, rows, label, out_size):
        """Each of the ``out_size`` rows (flattened over f's output) came from its own backward pass
        of the student's code (not of the library's jacobian: see ``expect_own_jacobian``)."""
        __tracebackhide__ = True
        self.expect_own_jacobian(label)
        if not self.input_grads:
            raise self._no_backward(label)
        got = _values(rows)
        if got is None or got.size == 0 or got.size % out_size:
            raise AssertionError(f"{josa(label, '은')} 출력 원소마다 한 행씩 있는 텐서여야 합니다.")
        got = got.reshape(out_size, -1)
        for k, row in enumerate(got):
            if not any(g is not None and g.size == row.size and _close_to(row, g.reshape(-1), 1e-5, 1e-6)
                       for g in self.input_grads):
                raise AssertionError(
                    f"{label}: {k}번째 행(출력의 {k}번째 원소)이 역전파가 x에 보낸 어떤 기울기와도 다릅니다. "
                    "행마다 원-핫 벡터를 gradient로 넘겨 역전파하고, 그때의 x.grad를 행으로 쓰세요.")


def expect_passes(flow, name, n, label, hint=None):
    """Exactly ``n`` backward passes reached ``name`` (a tensor watched by ``flow``, a GradFlow)."""
    __tracebackhide__ = True
    got = flow.count(name)
    if got == n:
        return
    if got == 0:
        message = (f"{label}: 역전파가 {name}에 한 번도 닿지 않았습니다. 기울기를 식으로 계산하거나 "
                   f".grad에 직접 넣지 말고 backward()로 구하세요.")
    elif got < n:
        message = (f"{label}: 역전파가 {name}에 {got}번만 닿았습니다. 모두 {n}번이어야 합니다. "
                   "여러 손실을 하나로 묶어 한 번에 역전파하면 기울기를 나누어 구한 것이 아닙니다.")
    else:
        message = (f"{label}: 역전파가 {name}에 {got}번 닿았습니다. backward()는 모두 {n}번만 부르세요.")
    raise AssertionError(message + (f"\n{hint}" if hint else ""))


def per_sample_sgd(w0, xs, ys, lr, epochs, clear=True):
    """Lesson 06's loop (loss (x*w - y)**2, one sample at a time) in float32 NumPy: (w, losses).

    ``clear=False`` is the loop without ``zero_()``, whose gradient is the running sum.
    For tests only: it returns values and prints nothing.
    """
    w, grad, losses = np.float32(w0), np.float32(0.0), []
    for _ in range(epochs):
        for x, y in zip(xs, ys):
            x, y = np.float32(x), np.float32(y)
            losses.append(float((x * w - y) ** 2))
            grad = (grad if not clear else np.float32(0.0)) + np.float32(2) * x * (x * w - y)
            w = np.float32(w - np.float32(lr) * grad)
    return float(w), losses


# == Lessons 01 and 02: numerical differentiation =================================================
# 02 teaches the central difference as the check of autograd.  Its exercise asks for the
# difference itself, so the test runs the student's function with autograd off: an answer
# that asks backward() for the gradient fails with a message saying why, rather than
# with the engine's "does not require grad" error.

__all__ += ["call_numerically"]


def call_numerically(fn, *args, name=None):
    """``fn(*args)`` with autograd switched off in every loaded engine; returns its result.

    For an exercise that asks for a numerical derivative (central differences): a
    ``backward()`` or ``torch.autograd.grad()`` inside ``fn`` fails, explained in Korean.
    Everything else behaves as ``checks.call``.
    """
    __tracebackhide__ = True
    return _call_without_autograd(
        fn, args, name, _NO_GRADS,
        "이 문제는 수치 미분(중앙 차분)으로 기울기를 구하는 문제입니다.",
        "입력을 eps만큼 움직여 f를 두 번 부르고, 그 차이를 2 * eps로 나누세요.")
