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
