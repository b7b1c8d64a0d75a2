"""grader/observe.py, the section of lessons 01 and 02: call_numerically.

Lesson 02's first exercise asks for central differences; its test calls the
student's function with autograd off.  Each case runs on autograd_core and, where
installed, on real torch (``/tmp/torchenv/bin/python -m pytest tests/test_observe_numeric.py``).
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

from grader.observe import call_numerically  # noqa: E402


@pytest.fixture(params=["autograd_core", "torch"])
def torch(request):
    try:
        return importlib.import_module(request.param)
    except ImportError:
        pytest.skip(f"{request.param} is not installed")


def _central(torch):
    def numerical(f, x, eps):
        return ((f(x + eps) - f(x - eps)) / (2 * eps)).item()
    return numerical


def test_a_central_difference_runs_and_returns_its_value(torch):
    x = torch.tensor(1.0, dtype=torch.float64)
    got = call_numerically(_central(torch), lambda t: t ** 3, x, 0.1)
    assert abs(got - 3.01) < 1e-12                       # the difference itself, not 3
    assert torch.is_grad_enabled()                       # switched back on afterwards


def test_nothing_is_recorded_inside(torch):
    seen = []

    def peek(x):
        t = x.clone().requires_grad_()
        seen.append((t * t).requires_grad)
        return 0.0

    call_numerically(peek, torch.tensor(2.0))
    assert seen == [False]


@pytest.mark.parametrize("body", [
    "t = x.clone().requires_grad_()\n    (t * t).backward()\n    return t.grad",
    "t = x.clone().requires_grad_()\n    return torch.autograd.grad(t * t, t)[0]",
])
def test_autograd_inside_is_explained(torch, body):
    namespace = {"torch": torch}
    exec(f"def by_autograd(x):\n    {body}", namespace)
    with pytest.raises(AssertionError) as info:
        call_numerically(namespace["by_autograd"], torch.tensor(2.0), name="numerical_grad(x)")
    message = str(info.value)
    assert message.startswith("numerical_grad(x): ") and "중앙 차분" in message and "no_grad" in message
    assert "4" not in message                            # no answer in the message


def test_stubs_and_other_errors_stay_as_call_reports_them(torch):
    def stub(x):
        raise NotImplementedError()

    with pytest.raises(AssertionError, match="아직 답을 작성하지 않았습니다"):
        call_numerically(stub, torch.tensor(1.0))
    with pytest.raises(AssertionError, match="ZeroDivisionError"):
        call_numerically(lambda x: 1 / 0, torch.tensor(1.0))
    assert torch.is_grad_enabled()
