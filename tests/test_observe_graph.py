"""grader/observe.py, the section of lessons 03 and 04: call_by_hand and GradFlow.

Every check is run both ways: on an answer that does what the exercise asks (it
must pass) and on the shortcut it is there to catch (it must fail, with a Korean
message that gives no expected number away).

The helpers must also work on real PyTorch (the lesson cells run there for the
goldens): run this file with a Python that has torch 2.13 and the "torch" cases
run too, e.g. ``/tmp/torchenv/bin/python -m pytest tests/test_observe_graph.py``.
"""
import importlib
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
try:        # grader.checks trusts torch.Tensor only when torch was imported first (as the parity run does)
    import torch as _torch  # noqa: F401
except ImportError:
    pass

from grader.observe import GradFlow, call_by_hand  # noqa: E402


def _engine(name):
    try:
        return importlib.import_module(name)
    except ImportError:
        pytest.skip(f"{name} is not installed")


@pytest.fixture(params=["autograd_core", "torch"])
def torch(request):
    return _engine(request.param)


# -- call_by_hand ---------------------------------------------------------------------

def test_call_by_hand_returns_what_a_hand_derivation_returns(torch):
    assert call_by_hand(lambda x: 2 * x + 1, 3.0) == 7.0


def test_call_by_hand_runs_without_recording(torch):
    seen = []

    def peek(x):
        t = torch.tensor(float(x), requires_grad=True)
        seen.append((t * t).requires_grad)
        return 0.0

    call_by_hand(peek, 2.0)
    assert seen == [False]
    assert torch.is_grad_enabled()                      # switched back on afterwards


@pytest.mark.parametrize("body", [
    "t = torch.tensor(float(x), requires_grad=True)\n    (t * t).backward()\n    return t.grad",
    "t = torch.tensor(float(x), requires_grad=True)\n    return torch.autograd.grad(t * t, t)[0]",
    "t = torch.tensor(float(x), requires_grad=True)\n    u = t * t\n    u.retain_grad()\n    return 0.0",
])
def test_call_by_hand_explains_autograd_inside(torch, body):
    namespace = {"torch": torch}
    exec(f"def by_autograd(x):\n    {body}", namespace)
    with pytest.raises(AssertionError) as info:
        call_by_hand(namespace["by_autograd"], 2.0, name="f(2.0)")
    message = str(info.value)
    assert "직접 계산" in message and "no_grad" in message
    assert "4" not in message                           # no answer in the message


def test_call_by_hand_other_errors_and_stubs_stay_as_call_reports_them(torch):
    def stub(x):
        raise NotImplementedError()

    with pytest.raises(AssertionError, match="아직 답을 작성하지 않았습니다"):
        call_by_hand(stub, 1.0)
    with pytest.raises(AssertionError, match="ZeroDivisionError"):
        call_by_hand(lambda x: 1 / x, 0.0)


# -- GradFlow -------------------------------------------------------------------------------

def _leaf(torch, value):
    return torch.tensor(value, requires_grad=True)


def test_one_backward_is_seen_with_its_value(torch):
    w = _leaf(torch, 3.0)
    flow = GradFlow(w=w)
    ((2 * w) ** 2).backward()                           # d/dw (2w)^2 = 8w = 24
    flow.expect_once("w", w.grad)
    flow.expect_once("w", 24.0)
    assert flow.count("w") == 1


def test_autograd_grad_is_seen_too(torch):
    w = _leaf(torch, [1.0, -2.0])
    flow = GradFlow(w=w)
    g, = torch.autograd.grad((w * w).sum(), w)
    flow.expect_once("w", g)
    assert w.grad is None


def test_intermediate_tensors_are_seen(torch):
    a = _leaf(torch, 2.0)
    b = a * 3
    flow = GradFlow(b=b)
    b.retain_grad()
    (b * b).backward()
    flow.expect_once("b", b.grad)


def test_a_hand_written_gradient_is_caught(torch):
    w = _leaf(torch, 3.0)
    flow = GradFlow(w=w)
    w.grad = torch.tensor(24.0)                         # right value, no backward
    with pytest.raises(AssertionError) as info:
        flow.expect_once("w", w.grad)
    assert "보내지 않았습니다" in str(info.value) and "24" not in str(info.value)


def test_two_backward_passes_are_caught(torch):
    w = _leaf(torch, 3.0)
    flow = GradFlow(w=w)
    loss = w * w
    loss.backward(retain_graph=True)
    loss.backward()
    with pytest.raises(AssertionError, match="2번"):
        flow.expect_once("w", w.grad)


def test_a_returned_value_other_than_what_flowed_is_caught(torch):
    w = _leaf(torch, 3.0)
    flow = GradFlow(w=w)
    (w * w).backward()
    for other in (torch.tensor(-6.0), 12.0, torch.tensor([6.0])):
        with pytest.raises(AssertionError) as info:
            flow.expect_once("w", other, "반환값")
        assert "다릅니다" in str(info.value) and "6" not in str(info.value).replace("반환값", "")
    with pytest.raises(AssertionError, match="텐서나 숫자"):
        flow.expect_once("w", "6", "반환값")


def test_remove_stops_recording(torch):
    w = _leaf(torch, 1.0)
    flow = GradFlow(w=w)
    flow.remove()
    (w * 5).backward()
    assert flow.count("w") == 0


class _Liar:
    """Equal to everything, true, any number; its class claims to come from autograd_core."""
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __bool__(self): return True
    def __float__(self): return 0.0
    def __len__(self): return 1
    def __array__(self, *a, **k): raise AssertionError("__array__ of a student object was called")
    def detach(self): raise AssertionError("detach of a student object was called")
    shape = ()


_Liar.__module__ = "autograd_core.tensor"
_Liar.__name__ = _Liar.__qualname__ = "Tensor"


def test_a_liar_with_the_engines_module_name_fails():
    import autograd_core as ag
    w = ag.tensor(2.0, requires_grad=True)
    flow = GradFlow(w=w)
    (w * 3.0).backward()
    with pytest.raises(AssertionError, match="텐서나 숫자여야"):
        flow.expect_once("w", _Liar(), "반환값")
    flow.expect_once("w", 3.0, "반환값")          # the honest value still passes
    flow.remove()
