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
import importlib
import numbers
import sys

import numpy as np

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


def _engine_of(*values):
    """The module (autograd_core or torch) the tensors among ``values`` come from."""
    for value in values:
        top = type(value).__module__.split(".")[0]
        if top in ("autograd_core", "torch"):
            return importlib.import_module(top)
    return importlib.import_module("autograd_core")


def _values(value):
    """The numbers in ``value`` (a tensor of either engine, or a number) as a float64 array, or None."""
    try:
        if type(value).__module__.split(".")[0] in ("autograd_core", "torch"):
            return np.asarray(value.detach().cpu().numpy() if hasattr(value, "cpu") else value.detach().numpy(),
                              dtype=np.float64)
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Real, np.number, np.ndarray)):
            return None
        return np.asarray(value, dtype=np.float64)
    except Exception:  # noqa: BLE001 - anything that is not a number
        return None


def call_by_hand(fn, *args, name=None, engine=None):
    """``fn(*args)`` with autograd switched off (``no_grad``); returns its result.

    For exercises whose instructions ask for the chain rule by hand: a
    ``backward()`` or ``torch.autograd.grad()`` inside ``fn`` then fails, and the
    failure is explained in Korean.  Everything else behaves as ``checks.call``.
    """
    __tracebackhide__ = True
    # Off in every engine that is loaded: the arguments are plain numbers, so they
    # cannot say whether the student's code will reach for autograd_core or torch.
    engines = [engine] if engine is not None else [sys.modules[m] for m in ("autograd_core", "torch")
                                                    if m in sys.modules]
    label = name or getattr(fn, "__name__", "함수")
    try:
        with contextlib.ExitStack() as stack:
            for torch in engines or [_engine_of(*args)]:
                stack.enter_context(torch.no_grad())
            return call(fn, *args, name=name)
    except AssertionError as exc:
        cause = exc.__cause__
        # "element 0 of tensors does not require grad ...", "can't retain_grad on Tensor that has
        # requires_grad=False": autograd was asked for while it is off.
        if isinstance(cause, RuntimeError) and "grad" in str(cause):
            raise AssertionError(
                f"{label}: 이 문제는 연쇄 법칙으로 직접 계산하는 문제입니다. 테스트는 autograd를 끈 채"
                "(torch.no_grad() 안에서) 함수를 부르므로 backward()나 torch.autograd.grad()는 쓸 수 없습니다. "
                "국소 미분을 곱하고 더하는 식을 파이썬 연산(또는 math 모듈)으로 쓰세요.") from None
        raise


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
        self._handles = [t.register_hook(self._recorder(name)) for name, t in tensors.items()]

    def _recorder(self, name):
        def hook(grad):
            self.seen[name].append(_values(grad))
        return hook

    def count(self, name):
        """How many backward passes have reached ``name`` so far."""
        return len(self.seen[name])

    def remove(self):
        for handle in self._handles:
            handle.remove()
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
        if got.shape != sent.shape or not np.allclose(got, sent, rtol=1e-5, atol=1e-7):
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


def _wants_grad(value):
    return type(value).__module__.split(".")[0] in ("autograd_core", "torch") and \
        bool(getattr(value, "requires_grad", False))


class WatchedFunction:
    """``f`` as the student's code sees it, with hooks on what goes in and comes out.

        f = WatchedFunction(lambda x: x ** 2, "f")
        J = call(jacobian, f, [1.0, 2.0])
        f.expect_rows_from_backward(J, "jacobian(f, ...)")
    """

    def __init__(self, fn, name="f"):
        self.fn, self.name = fn, name
        self.calls = 0
        self.output_grads = []   # what backward sent to a result of fn (the v of each pass)
        self.input_grads = []    # what backward sent to an argument of fn (one row per pass)
        self._inputs = []
        self._handles = []

    def __call__(self, x, *args, **kwargs):
        self.calls += 1
        # One hook per input tensor, however often f is called with it: a pass is recorded once.
        if _wants_grad(x) and not any(seen is x for seen in self._inputs):
            self._inputs.append(x)
            self._handles.append(x.register_hook(self._recorder(self.input_grads)))
        y = self.fn(x, *args, **kwargs)
        if _wants_grad(y):
            self._handles.append(y.register_hook(self._recorder(self.output_grads)))
        return y

    @staticmethod
    def _recorder(store):
        def hook(grad):
            store.append(_values(grad))
        return hook

    def remove(self):
        for handle in self._handles:
            handle.remove()
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
        want = _values(v)
        if want is None:                       # a (nested) list of numbers
            want = np.asarray(v, dtype=np.float64)
        if not any(g.shape == want.shape and np.allclose(g, want, rtol=1e-5, atol=1e-7) for g in self.output_grads):
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
        candidates = self.input_grads + [np.sum(self.input_grads, axis=0)] if \
            len({g.shape for g in self.input_grads}) == 1 else self.input_grads
        if not any(c.shape == got.shape and np.allclose(got, c, rtol=1e-5, atol=1e-6) for c in candidates):
            raise AssertionError(
                f"{josa(label, '이')} 역전파가 x에 보낸 기울기와 다릅니다. x.grad를 그대로 반환했나요? "
                "(다른 식으로 다시 계산하거나 값을 바꾸지 마세요.)")

    def expect_rows_from_backward(self, rows, label, out_size):
        """Each of the ``out_size`` rows (flattened over f's output) came from its own backward pass."""
        __tracebackhide__ = True
        if not self.input_grads:
            raise self._no_backward(label)
        got = _values(rows)
        if got is None or got.size == 0 or got.size % out_size:
            raise AssertionError(f"{josa(label, '은')} 출력 원소마다 한 행씩 있는 텐서여야 합니다.")
        got = got.reshape(out_size, -1)
        for k, row in enumerate(got):
            if not any(g.size == row.size and np.allclose(row, g.reshape(-1), rtol=1e-5, atol=1e-6)
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
    engines = [sys.modules[m] for m in ("autograd_core", "torch") if m in sys.modules]
    label = name or getattr(fn, "__name__", "함수")
    try:
        with contextlib.ExitStack() as stack:
            for torch in engines:
                stack.enter_context(torch.no_grad())
            return call(fn, *args, name=name)
    except AssertionError as exc:
        cause = exc.__cause__
        if isinstance(cause, RuntimeError) and "grad" in str(cause):
            raise AssertionError(
                f"{label}: 이 문제는 수치 미분(중앙 차분)으로 기울기를 구하는 문제입니다. 테스트는 autograd를 끈 채"
                "(torch.no_grad() 안에서) 함수를 부르므로 backward()나 torch.autograd.grad()는 쓸 수 없습니다. "
                "입력을 eps만큼 움직여 f를 두 번 부르고, 그 차이를 2 * eps로 나누세요.") from None
        raise
