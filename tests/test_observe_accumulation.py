"""grader/observe.py, the section of lessons 05 and 06: WatchedFunction, expect_passes, per_sample_sgd.

Each check is run on an answer that does what the exercise asks (it must pass) and on
the shortcut it is there to catch (it must fail with a Korean message).  The "torch"
cases run with a Python that has torch 2.13:
``/tmp/torchenv/bin/python -m pytest tests/test_observe_accumulation.py``.
"""
import importlib
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
try:        # grader.checks trusts torch.Tensor only when torch was imported first (as the parity run does)
    import torch as _torch  # noqa: F401
except ImportError:
    pass

from grader.observe import GradFlow, WatchedFunction, expect_passes, per_sample_sgd  # noqa: E402


@pytest.fixture(params=["autograd_core", "torch"])
def torch(request):
    try:
        return importlib.import_module(request.param)
    except ImportError:
        pytest.skip(f"{request.param} is not installed")


def _vjp_backward(torch, f, x_values, v_values):
    x = torch.tensor(x_values, requires_grad=True)
    f(x).backward(torch.tensor(v_values))
    return x.grad


def _vjp_ones_then_v(torch, f, x_values, v_values):
    x = torch.tensor(x_values, requires_grad=True)
    y = f(x)
    y.backward(torch.ones_like(y))
    return x.grad * torch.tensor(v_values)


def _vjp_finite_differences(torch, f, x_values, v_values):
    x, v, h = np.array(x_values), np.array(v_values), 1e-3
    g = [((f(torch.tensor((x + h * e).tolist())).numpy() - f(torch.tensor((x - h * e).tolist())).numpy()) * v).sum()
         / (2 * h) for e in np.eye(len(x))]
    return torch.tensor(g)


def test_watched_function_accepts_a_vjp_by_backward(torch):
    f = WatchedFunction(lambda x: x * x.sum(), "f")
    g = _vjp_backward(torch, f, [1.0, -2.0], [2.0, 1.0])
    f.expect_sent([2.0, 1.0], "vjp")
    f.expect_from_backward(g, "vjp")
    assert f.calls == 1 and len(f.output_grads) == 1 and len(f.input_grads) == 1


def test_watched_function_sees_that_v_was_not_the_gradient(torch):
    f = WatchedFunction(lambda x: x * x.sum(), "f")
    g = _vjp_ones_then_v(torch, f, [1.0, -2.0], [2.0, 1.0])
    with pytest.raises(AssertionError, match="v가 아닙니다"):
        f.expect_sent([2.0, 1.0], "vjp")
    with pytest.raises(AssertionError, match="x에 보낸 기울기와 다릅니다"):
        f.expect_from_backward(g, "vjp")


def test_watched_function_sees_finite_differences(torch):
    f = WatchedFunction(lambda x: x ** 3, "f")
    g = _vjp_finite_differences(torch, f, [1.0, 2.0], [1.0, 1.0])
    assert np.allclose(g.numpy(), [3.0, 12.0], atol=1e-3)     # the right number ...
    with pytest.raises(AssertionError, match="지나가지 않았습니다"):
        f.expect_sent([1.0, 1.0], "vjp")                      # ... with no backward at all
    with pytest.raises(AssertionError, match="지나가지 않았습니다"):
        f.expect_from_backward(g, "vjp")


def test_watched_function_checks_each_row(torch):
    f = WatchedFunction(lambda x: torch.stack([x[0] * x[1], x[1] ** 2]), "f")
    x = torch.tensor([2.0, -1.0], requires_grad=True)
    rows = []
    for i in range(2):
        x.grad = None
        f(x).backward(torch.eye(2)[i])
        rows.append(x.grad)
    J = torch.stack(rows)
    f.expect_rows_from_backward(J, "jacobian", 2)
    assert len(f.input_grads) == 2                    # one hook on x, however often f saw it
    with pytest.raises(AssertionError, match="1번째 행"):
        f.expect_rows_from_backward(torch.stack([rows[0], rows[0] * 3]), "jacobian", 2)



@pytest.mark.parametrize("via", ["jacobian", "alias and wrapper", "hessian"])
def test_watched_function_sees_the_library_jacobian(torch, via):
    # Lesson 05 ex3 builds the Jacobian by hand: the library's rows are the same one-hot
    # backward passes, so only the frame f was called from gives the library away.
    f = WatchedFunction(lambda x: torch.stack([x[0] * x[1], x[1] ** 2]), "f")
    x = torch.tensor([2.0, -1.0])
    library = torch.autograd.functional
    if via == "jacobian":
        J, n = library.jacobian(f, x), 2
    elif via == "alias and wrapper":
        lib = library.jacobian
        J, n = lib(lambda t: f(t) * 1.0, x), 2
    else:
        J, n = library.hessian(lambda t: f(t).sum(), x), 2
    assert f.library_calls >= 1 and f.input_grads          # hooks alone would have taken it
    for check in (lambda: f.expect_own_jacobian("jacobian(f, x)"),
                  lambda: f.expect_rows_from_backward(J, "jacobian(f, x)", n)):
        with pytest.raises(AssertionError, match=r"torch\.autograd\.functional\.jacobian\(또는 hessian\)을 불러") as info:
            check()
        assert "원-핫" in str(info.value) and not any(c.isdigit() for c in str(info.value))   # no number given away


def test_watched_function_accepts_its_own_jacobian_next_to_the_library(torch):
    f = WatchedFunction(lambda x: x ** 2, "f")
    torch.autograd.functional.jacobian(lambda t: t ** 2, torch.tensor([1.0, 2.0]))   # f not involved
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    rows = []
    for i in range(2):
        x.grad = None
        f(x).backward(torch.eye(2)[i])
        rows.append(x.grad)
    f.expect_own_jacobian("jacobian")
    f.expect_rows_from_backward(torch.stack(rows), "jacobian", 2)
    assert f.library_calls == 0

def test_expect_passes_counts_accumulation(torch):
    xs, ys = torch.tensor([[1.0, 2.0], [3.0, 0.5], [-1.0, 1.0]]), torch.tensor([0.0, 2.0, -1.0])
    w = torch.tensor([1.0, -1.0], requires_grad=True)
    flow = GradFlow(w=w)
    for i in range(3):
        ((xs[i] @ w - ys[i]) ** 2 / 3).backward()
    expect_passes(flow, "w", 3, "accumulated_grad")
    flow.remove()

    w2 = torch.tensor([1.0, -1.0], requires_grad=True)
    batched = GradFlow(w=w2)
    ((xs @ w2 - ys) ** 2).mean().backward()           # the same gradient in one pass
    assert np.allclose(w2.grad.numpy(), w.grad.numpy(), atol=1e-6)
    with pytest.raises(AssertionError, match="1번만"):
        expect_passes(batched, "w", 3, "accumulated_grad")

    w3 = torch.tensor([1.0, -1.0], requires_grad=True)
    by_hand = GradFlow(w=w3)
    with torch.no_grad():
        w3.grad = 2.0 / 3 * xs.T @ (xs @ w3 - ys)
    with pytest.raises(AssertionError, match="한 번도"):
        expect_passes(by_hand, "w", 3, "accumulated_grad")


def test_per_sample_sgd_matches_the_loop(torch):
    w = torch.tensor([1.0], requires_grad=True)
    losses = []
    for _ in range(3):
        for x, y in zip([1.0, 2.0, 3.0], [2.0, 4.0, 6.0]):
            loss = (x * w - y) ** 2
            loss.backward()
            with torch.no_grad():
                w -= 0.01 * w.grad
            w.grad = None
            losses.append(loss.item())
    w_ref, losses_ref = per_sample_sgd(1.0, [1.0, 2.0, 3.0], [2.0, 4.0, 6.0], 0.01, 3)
    assert np.allclose(losses, losses_ref, rtol=1e-6) and abs(w.item() - w_ref) < 1e-6
    w_bug, _ = per_sample_sgd(1.0, [1.0, 2.0, 3.0], [2.0, 4.0, 6.0], 0.01, 3, clear=False)
    assert abs(w_bug - w_ref) > 1e-2
