"""Memory: what a graph keeps alive, and for how long.

PyTorch's rules, which the course teaches in lesson 07 (retain_graph):
* the tensors a node saves for backward are released by ``backward()``
  (unless ``retain_graph=True``), even while the graph object itself is
  still reachable from the output;
* with ``retain_graph=True`` they stay until the graph is dropped;
* dropping the output drops the graph, and with it every saved array, at once
  (reference counting; no need to wait for Python's cycle collector);
* so a training loop runs in constant memory.

How it is measured.  NumPy reports its data buffers to ``tracemalloc``, so
``tracemalloc.get_traced_memory()`` counts the arrays behind every tensor
(``test_tracemalloc_sees_numpy_buffers`` checks that, so the other tests
cannot pass vacuously).  Where a single array matters, a ``weakref`` to the
NumPy array behind a tensor (``t.detach().numpy()`` is that very array) says
whether anything still holds it; each such test first checks that the graph
*does* hold it before backward, so it can fail.

No timing is asserted anywhere; sizes are kept small enough for the whole
file to run in a few seconds.  Differences from PyTorch are marked
``xfail(strict=True)`` with the reason spelled out.
"""
import gc
import tracemalloc
import weakref

import numpy as np
import pytest

import autograd_core as torch

MiB = 1 << 20
KiB = 1 << 10


@pytest.fixture
def traced():
    """tracemalloc on for one test (left alone if something else already traces)."""
    gc.collect()
    started_here = not tracemalloc.is_tracing()
    if started_here:
        tracemalloc.start()
    yield
    if started_here:
        tracemalloc.stop()


def current_bytes():
    """Traced memory now, after the cycle collector ran (so only live data counts)."""
    gc.collect()
    return tracemalloc.get_traced_memory()[0]


def array_of(tensor):
    """A weak reference to the NumPy array that holds ``tensor``'s values."""
    return weakref.ref(tensor.detach().numpy())


class gc_disabled:
    """Only reference counting frees objects inside (the cycle collector is off)."""

    def __enter__(self):
        gc.collect()
        self._was_enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc_info):
        if self._was_enabled:
            gc.enable()
        return False


def test_tracemalloc_sees_numpy_buffers(traced):
    before = current_bytes()
    block = np.ones(MiB, dtype=np.float32)      # 4 MiB
    during = current_bytes()
    del block
    after = current_bytes()
    assert during - before >= 4 * MiB
    assert after - before < 64 * KiB


# =========================================================================================
# Saved tensors are released by backward
# =========================================================================================

def _saved_input(x):
    h = x * 2
    return h, (h * h).sum()


def _saved_input_pow(x):
    h = x * 2
    return h, (h ** 2).sum()


def _saved_input_mm(x):
    h = x * 2
    return h, h.mm(h.t()).sum()


def _saved_input_div(x):
    h = x * 2
    return h, (x / h).sum()


def _saved_output(op):
    def build(x):
        out = op(x * 2)
        return out, out.sum()
    return build


SAVED_BY_NODES = {
    "mul": _saved_input,
    "pow": _saved_input_pow,
    "mm": _saved_input_mm,
    "div": _saved_input_div,
    "exp-output": _saved_output(torch.exp),
    "sigmoid-output": _saved_output(torch.sigmoid),
    "tanh-output": _saved_output(torch.tanh),
    "relu-output": _saved_output(torch.relu),
}


@pytest.mark.parametrize("build", SAVED_BY_NODES.values(), ids=SAVED_BY_NODES.keys())
def test_backward_releases_saved_array_while_graph_is_still_reachable(build):
    """``saved`` is only held by the graph once the test drops its own name for it."""
    x = torch.ones(64, 64, requires_grad=True)
    saved, y = build(x)
    ref = array_of(saved)
    del saved
    gc.collect()
    assert ref() is not None, "the graph should hold the saved array before backward"
    y.backward()
    gc.collect()
    assert y.grad_fn is not None        # the graph is still there ...
    still_held = ref() is not None      # ... but its saved array must be gone
    assert not still_held, "the saved array outlived backward"
    assert x.grad is not None


def test_backward_releases_8_mib_of_saved_arrays(traced):
    """h1 and h2 (4 MiB each) are saved by h1 * h2 and by nothing else after ``del``.
    x.grad is allocated beforehand so that backward accumulates in place and the
    measurement shows only what the graph keeps."""
    n = MiB                                                    # float32: 4 MiB per tensor
    x = torch.ones(n, requires_grad=True)
    x.grad = torch.zeros(n)
    baseline = current_bytes()
    h1 = x * 2
    h2 = h1 + 1
    y = (h1 * h2).sum()
    del h1, h2
    with_graph = current_bytes() - baseline
    y.backward()
    after_backward = current_bytes() - baseline
    assert with_graph >= 8 * MiB - 64 * KiB
    assert after_backward < 0.05 * with_graph, f"{after_backward} bytes still held after backward"
    # d/dx Σ 2x·(2x + 1) = 8x + 2 = 10 at x = 1
    assert x.grad[:3].tolist() == [10.0, 10.0, 10.0]
    assert y.grad_fn is not None


def test_retain_graph_keeps_saved_arrays_until_the_graph_is_dropped(traced):
    n = MiB
    x = torch.ones(n, requires_grad=True)
    x.grad = torch.zeros(n)
    baseline = current_bytes()
    h1 = x * 2
    h2 = h1 + 1
    y = (h1 * h2).sum()
    ref = array_of(h1)
    del h1, h2
    y.backward(retain_graph=True)
    y.backward(retain_graph=True)       # works, because nothing was released
    assert ref() is not None
    assert current_bytes() - baseline >= 8 * MiB - 64 * KiB
    assert x.grad[:2].tolist() == [20.0, 20.0]     # 2 × (8x + 2)
    del y                                          # the graph goes with its output
    still_held = ref() is not None
    assert not still_held, "the saved array outlived the graph"
    assert current_bytes() - baseline < 256 * KiB


# =========================================================================================
# Dropping the output frees the graph by reference counting alone
# =========================================================================================

ACTIVATIONS = {
    "none": None,
    "sigmoid": torch.sigmoid,
    "relu": torch.relu,
    "tanh": torch.tanh,
}


@pytest.mark.parametrize("activation", ACTIVATIONS.values(), ids=ACTIVATIONS.keys())
@pytest.mark.parametrize("run_backward", [False, True], ids=["no-backward", "after-backward"])
def test_dropping_the_output_frees_every_array_of_the_graph(activation, run_backward):
    x = torch.ones(32, 8)
    w = torch.ones(8, 4, requires_grad=True)
    with gc_disabled():
        hidden = x @ w
        if activation is not None:
            hidden = activation(hidden)
        loss = (hidden * hidden).mean()
        ref = array_of(hidden)
        del hidden
        assert ref() is not None
        if run_backward:
            loss.backward()
        del loss
        still_held = ref() is not None
        assert not still_held, "the graph's arrays outlived the graph"


# =========================================================================================
# A training loop runs in constant memory
# =========================================================================================

TRUE_W = np.array([[1.0], [-2.0], [0.5]], dtype=np.float32)
TRUE_B = np.float32(0.3)
STEPS, SAMPLE_EVERY = 1000, 100


def _train(traced_samples, learning_rate, activation=None):
    """Full-batch gradient descent on a linear model with MSE, the way lessons 06-10
    write it: forward, backward, update under no_grad, zero the gradients.
    Returns (w, b, last loss); fills ``traced_samples`` with traced memory every
    SAMPLE_EVERY steps (a preallocated list, so sampling itself allocates little)."""
    rng = np.random.default_rng(0)
    x_np = rng.standard_normal((64, 3)).astype(np.float32)
    y_np = x_np @ TRUE_W + TRUE_B
    if activation is not None:
        y_np = 1 / (1 + np.exp(-y_np))
    X, Y = torch.tensor(x_np), torch.tensor(y_np)
    w = torch.zeros(3, 1, requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    for step in range(1, STEPS + 1):
        pred = X @ w + b
        if activation is not None:
            pred = activation(pred)
        loss = ((pred - Y) ** 2).mean()
        loss.backward()
        lr = learning_rate(step)
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
        w.grad.zero_()
        b.grad.zero_()
        if step % SAMPLE_EVERY == 0:
            traced_samples[step // SAMPLE_EVERY - 1] = current_bytes()
    return w, b, loss.item()


def _assert_flat(samples):
    """Step 100 → step 1000 grows by less than 64 KiB, and the samples from step 200
    on show no upward trend (a leak of one small array per step, ~100 bytes, would
    be a slope of ~100 bytes/step)."""
    growth = samples[-1] - samples[0]
    assert growth < 64 * KiB, f"memory grew by {growth} bytes between step 100 and step 1000"
    steps = np.arange(2, len(samples) + 1) * SAMPLE_EVERY
    slope = np.polyfit(steps, np.array(samples[1:], dtype=np.float64), 1)[0]
    assert slope < 8, f"memory grows by {slope:.1f} bytes per step"


def test_training_loop_memory_is_flat(traced):
    samples = [0] * (STEPS // SAMPLE_EVERY)
    w, b, loss = _train(samples, learning_rate=lambda step: 0.05)
    _assert_flat(samples)
    # And it is a real training loop: it found the true parameters.
    np.testing.assert_allclose(np.array(w.detach().tolist()), TRUE_W, atol=1e-3)
    assert abs(b.item() - TRUE_B) < 1e-3
    assert loss < 1e-6


def test_logistic_training_loop_memory_is_flat(traced):
    """Lesson 10's shape (a sigmoid output).  Sampled after gc.collect(), so this checks
    for leaks, not for promptness (see the cycle tests above)."""
    samples = [0] * (STEPS // SAMPLE_EVERY)
    _, _, loss = _train(samples, learning_rate=lambda step: 0.5, activation=torch.sigmoid)
    _assert_flat(samples)
    assert loss < 1e-2


def test_training_loop_with_a_learning_rate_schedule_memory_is_flat(traced):
    samples = [0] * (STEPS // SAMPLE_EVERY)
    _train(samples, learning_rate=lambda step: 0.05 * 0.999 ** step)
    _assert_flat(samples)
