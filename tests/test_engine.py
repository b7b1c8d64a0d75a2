"""The autograd engine's contract, test by test, against PyTorch 2.13.

``autograd_core`` promises that ``import autograd_core as torch`` behaves like
PyTorch.  The golden snippets (test_parity_snippets.py) check what the tutorials
*print*; this file pins down the engine's *rules*, one rule per test, so that a
change to the engine that bends a rule fails with a name that says which one:
graph structure (node names, ``next_functions``, leaves), the backward walk
(each node once, after all of its consumers, no recursion), accumulation,
``backward``/``autograd.grad`` arguments, freed saved tensors, grad modes,
in-place operations and version counters, custom ``autograd.Function``,
hooks, ``.data``/``detach`` and dtype promotion.

Where the goldens come from.  Every error message and warning text below is a
literal copied from what PyTorch 2.13.0+cpu printed for the same code (run in
a separate Python that has torch; this file never imports torch).  Expected
numbers are worked out by hand or with NumPy in the test itself, never taken
from autograd_core.

Where autograd_core still differs from PyTorch the test is marked
``xfail(strict=True)`` with the difference spelled out in ``reason``: the test
states PyTorch's behaviour, so it starts passing (and the strict xfail turns
into a failure, asking for the marker to go) the day the engine is fixed.
"""
import contextlib
import sys
import warnings

import numpy as np
import pytest

import autograd_core as torch
from autograd_core import autograd

# -- goldens: PyTorch 2.13 texts ----------------------------------------------------------

FREED = (
    "Trying to backward through the graph a second time (or directly access saved tensors "
    "after they have already been freed). Saved intermediate values of the graph are freed "
    "when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to "
    "backward through the graph a second time or if you need to access saved tensors after "
    "calling backward."
)
LEAF_IN_PLACE = "a leaf Variable that requires grad is being used in an in-place operation."
LEAF_VIEW_IN_PLACE = "a view of a leaf Variable that requires grad is being used in an in-place operation."
# torch appends " (Triggered internally at .../TensorBody.h:493.)" to the next two,
# and so does autograd_core (the tests below check that the suffix is there).
NON_LEAF_GRAD_WARNING = (
    "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad "
    "attribute won't be populated during autograd.backward(). If you indeed want the .grad "
    "field to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. "
    "If you access the non-leaf Tensor by mistake, make sure you access the leaf Tensor "
    "instead. See github.com/pytorch/pytorch/pull/30531 for more information."
)
CREATE_GRAPH_WARNING = (
    "Using backward() with create_graph=True will create a reference cycle between the "
    "parameter and its gradient which can cause a memory leak. We recommend using "
    "autograd.grad when creating the graph to avoid this. If you have to use this function, "
    "make sure to reset the .grad fields of your parameters to None after use to break the "
    "cycle and avoid the leak."
)
NOT_LEAF_REQUIRES_GRAD_LONG = (
    "you can only change requires_grad flags of leaf variables. If you want to use a computed "
    "variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach()."
)
INT_REQUIRES_GRAD_CREATION = "Only Tensors of floating point and complex dtype can require gradients"
INT_REQUIRES_GRAD_METHOD = "only Tensors of floating point dtype can require gradients"
INT_REQUIRES_GRAD_SETTER = "only Tensors of floating point and complex dtype can require gradients"
NUMPY_REQUIRES_GRAD = "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead."


def version_message(kind, shape, producer, version, expected=0):
    """PyTorch's text when a tensor saved for backward was modified in place."""
    where = f", which is output 0 of {producer}," if producer else ""
    return (
        "one of the variables needed for gradient computation has been modified by an inplace "
        f"operation: [torch.{kind} [{shape}]]{where} is at version {version}; expected version "
        f"{expected} instead. Hint: enable anomaly detection to find the operation that failed "
        "to compute its gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False)."
    )


@contextlib.contextmanager
def raises_exactly(exc_type, message):
    """Like pytest.raises, but the type must be exactly ``exc_type`` and the message equal."""
    with pytest.raises(exc_type) as info:
        yield info
    assert type(info.value) is exc_type, f"{type(info.value).__name__}: {info.value}"
    assert str(info.value) == message


def assert_close(tensor, expected, rtol=1e-6, atol=1e-7):
    assert tensor is not None, "expected a gradient, got None"
    actual = np.asarray(tensor.detach().tolist(), dtype=np.float64)
    expected = np.asarray(expected, dtype=np.float64)
    assert actual.shape == expected.shape, f"shape {actual.shape} != {expected.shape}"
    np.testing.assert_allclose(actual, expected, rtol=rtol, atol=atol)


@pytest.fixture(autouse=True)
def _grad_mode_restored():
    """A failing grad-mode test must not leave recording switched off for the next test."""
    yield
    torch.set_grad_enabled(True)


# =========================================================================================
# 1. The graph: node names, next_functions, leaves
# =========================================================================================

def _named_ops():
    """(expected PyTorch node name, expression) pairs; names recorded from PyTorch 2.13."""
    return [
        ("AddBackward0", lambda x, w, v: x + w),
        ("AddBackward0", lambda x, w, v: x + 1),
        ("SubBackward0", lambda x, w, v: x - w),
        ("RsubBackward1", lambda x, w, v: 1 - x),
        ("MulBackward0", lambda x, w, v: x * w),
        ("MulBackward0", lambda x, w, v: 2 * x),
        ("MulBackward0", lambda x, w, v: 2 / x),  # PyTorch: 2 * x.reciprocal()
        ("DivBackward0", lambda x, w, v: x / w),
        ("DivBackward0", lambda x, w, v: x / 2),
        ("NegBackward0", lambda x, w, v: -x),
        ("PowBackward0", lambda x, w, v: x ** 2),
        ("PowBackward0", lambda x, w, v: x.pow(2)),
        ("PowBackward1", lambda x, w, v: x ** w),
        ("PowBackward2", lambda x, w, v: 2 ** x),
        ("MeanBackward0", lambda x, w, v: x.mean()),
        ("MeanBackward1", lambda x, w, v: x.mean(0)),
        ("SumBackward0", lambda x, w, v: x.sum()),
        ("SumBackward1", lambda x, w, v: x.sum(0)),
        ("MaxBackward1", lambda x, w, v: x.max()),
        ("MaxBackward0", lambda x, w, v: x.max(dim=0)[0]),
        ("MinBackward1", lambda x, w, v: x.min()),
        ("MmBackward0", lambda x, w, v: x.mm(w)),
        ("MmBackward0", lambda x, w, v: x @ w),
        ("MvBackward0", lambda x, w, v: x.mv(v[:2])),
        ("MvBackward0", lambda x, w, v: x.matmul(v[:2])),
        ("DotBackward0", lambda x, w, v: v.dot(v)),
        ("ExpBackward0", lambda x, w, v: x.exp()),
        ("LogBackward0", lambda x, w, v: x.log()),
        ("AbsBackward0", lambda x, w, v: x.abs()),
        ("ReluBackward0", lambda x, w, v: x.relu()),
        ("SigmoidBackward0", lambda x, w, v: x.sigmoid()),
        ("TanhBackward0", lambda x, w, v: x.tanh()),
        ("TBackward0", lambda x, w, v: x.t()),
        ("ViewBackward0", lambda x, w, v: x.reshape(4)),
        ("ViewBackward0", lambda x, w, v: x.view(4)),
        ("SelectBackward0", lambda x, w, v: x[0]),
        ("CloneBackward0", lambda x, w, v: x.clone()),
        ("ToCopyBackward0", lambda x, w, v: x.to(torch.float64)),
    ]


@pytest.mark.parametrize("name, expression", _named_ops(),
                         ids=[f"{n}-{i}" for i, (n, _) in enumerate(_named_ops())])
def test_grad_fn_node_names(name, expression):
    x = torch.ones(2, 2, requires_grad=True)
    w = torch.ones(2, 2, requires_grad=True)
    v = torch.ones(3, requires_grad=True)
    node = expression(x, w, v).grad_fn
    assert type(node).__name__ == name
    assert node.name() == name


def test_next_functions_point_to_accumulate_grad_of_each_leaf():
    """A binary op has one edge per input: (AccumulateGrad, 0) for a leaf that requires
    grad, (None, 0) for a constant; ``.variable`` is the leaf itself."""
    a = torch.tensor([1.0, 2.0], requires_grad=True)
    b = torch.tensor([3.0, 4.0])
    edges = (a * b).grad_fn.next_functions
    assert len(edges) == 2
    (node_a, index_a), (node_b, index_b) = edges
    assert type(node_a).__name__ == "AccumulateGrad"
    assert node_a.variable is a
    assert (index_a, node_b, index_b) == (0, None, 0)


def test_one_accumulate_grad_node_per_leaf():
    """Every use of a leaf leads to the same AccumulateGrad node (PyTorch keeps one per leaf)."""
    x = torch.ones(2, 2, requires_grad=True)
    w = torch.ones(2, 2, requires_grad=True)
    m = x * w
    s = x + w
    assert m.grad_fn.next_functions[0][0] is s.grad_fn.next_functions[0][0]
    assert m.grad_fn.next_functions[0][0].variable is x
    assert m.grad_fn.next_functions[1][0].variable is w
    assert m.grad_fn.next_functions[0][0] is not m.grad_fn.next_functions[1][0]


def test_next_functions_chain_to_the_producing_node():
    a = torch.tensor([1.0, 2.0], requires_grad=True)
    m = a * 2
    z = m.sum()
    assert z.grad_fn.next_functions == ((m.grad_fn, 0),)
    assert type(m.grad_fn.next_functions[0][0]).__name__ == "AccumulateGrad"
    assert m.grad_fn.next_functions[1] == (None, 0)


@pytest.mark.parametrize("expression, edges", [
    (lambda x, w: x + 1, ["AccumulateGrad", None]),
    (lambda x, w: x * 2, ["AccumulateGrad", None]),
    (lambda x, w: 2 * x, ["AccumulateGrad", None]),
    (lambda x, w: 1 - x, ["AccumulateGrad"]),
    (lambda x, w: x ** 2, ["AccumulateGrad"]),
    (lambda x, w: x.sum(), ["AccumulateGrad"]),
    (lambda x, w: x.max(), ["AccumulateGrad"]),
    (lambda x, w: x.mm(w), ["AccumulateGrad", "AccumulateGrad"]),
    (lambda x, w: x - w, ["AccumulateGrad", "AccumulateGrad"]),
], ids=["add-scalar", "mul-scalar", "rmul-scalar", "rsub", "pow", "sum", "max", "mm", "sub"])
def test_next_functions_shape_matches_pytorch(expression, edges):
    """How many edges a node has, and which are None, as PyTorch records it."""
    x = torch.ones(2, 2, requires_grad=True)
    w = torch.ones(2, 2, requires_grad=True)
    found = [None if n is None else type(n).__name__ for n, _ in expression(x, w).grad_fn.next_functions]
    assert found == edges


def test_is_leaf_and_requires_grad():
    created = torch.ones(2, requires_grad=True)
    plain = torch.ones(2)
    computed = created * 2
    from_constants = plain * 2
    with torch.no_grad():
        under_no_grad = created * 2
    assert (created.is_leaf, created.requires_grad, created.grad_fn) == (True, True, None)
    assert (plain.is_leaf, plain.requires_grad) == (True, False)
    assert (computed.is_leaf, computed.requires_grad) == (False, True)
    assert (from_constants.is_leaf, from_constants.requires_grad, from_constants.grad_fn) == (True, False, None)
    assert (under_no_grad.is_leaf, under_no_grad.requires_grad, under_no_grad.grad_fn) == (True, False, None)
    assert created.detach().is_leaf and not created.detach().requires_grad


def test_requires_grad_can_be_switched_on_a_leaf():
    x = torch.ones(2, requires_grad=True)
    x.requires_grad_(False)
    assert x.requires_grad is False
    x.requires_grad = True
    assert x.requires_grad is True
    assert x.requires_grad_() is x


# =========================================================================================
# 2. The backward walk: each node once, after all of its consumers
# =========================================================================================

def _counting_identity():
    """A Function whose backward records every gradient it receives."""
    class Identity(autograd.Function):
        calls = []

        @staticmethod
        def forward(ctx, x):
            return x.clone()

        @staticmethod
        def backward(ctx, grad):
            Identity.calls.append(grad.tolist())
            return grad
    return Identity


def test_each_node_runs_once_with_the_sum_of_its_consumers():
    """y feeds a short branch (3y) and a long one (2y + 10 additions).  A correct
    topological walk reaches y's node once, after both branches, with 2 + 3 = 5."""
    Identity = _counting_identity()
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = Identity.apply(x)
    long_branch = y * 2
    for _ in range(10):
        long_branch = long_branch + 1
    z = long_branch + y * 3
    z.sum().backward()
    assert Identity.calls == [[5.0, 5.0]]
    assert_close(x.grad, [5.0, 5.0])


def _random_graph(rng, n_ops):
    """A random DAG of elementwise ops over two leaves; every value stays near 1."""
    leaves = [torch.tensor([1.0, 1.5], requires_grad=True), torch.tensor([0.5, 2.0], requires_grad=True)]
    values = list(leaves)
    for _ in range(n_ops):
        a, b = (values[i] for i in rng.integers(0, len(values), size=2))
        op = rng.integers(0, 4)
        values.append([a + b, a * 0.5, (a * b).tanh(), a - b][op])
    total = values[-1]
    for v in values[2:-1:3]:
        total = total + v          # several outputs feed the root, so branches meet
    return leaves, total.sum()


@pytest.mark.parametrize("seed", range(8))
def test_backward_runs_every_node_once_after_all_of_its_consumers(seed):
    """The engine's order, checked on random graphs through its observer hook: a node
    runs only when every node that sends it a gradient has run, and never twice;
    among the ready nodes the one made last goes first (PyTorch's ready queue)."""
    from autograd_core.engine import count_dependencies, run_backward, topological_order

    leaves, loss = _random_graph(np.random.default_rng(seed), 25)
    order = topological_order([loss.grad_fn])
    consumers = {node: [] for node in order}
    for node in order:
        for child, _ in node.next_functions:
            if child is not None:
                consumers[child].append(node)
    expected = count_dependencies([loss.grad_fn])
    assert expected == {node: len(consumers[node]) + (node is loss.grad_fn) for node in order}

    ran = []
    run_backward([loss.grad_fn], [torch.tensor(1.0)], False, False,
                 observer=lambda node, grad, sent, freed: ran.append(node))
    assert sorted(map(id, ran)) == sorted(map(id, order))       # every node, once
    position = {node: i for i, node in enumerate(ran)}
    for node in order:
        assert all(position[c] < position[node] for c in consumers[node])
    for before, after in zip(ran, ran[1:]):
        # a node made later than its predecessor in the walk was not ready then
        if after._sequence_nr() > before._sequence_nr() and type(after).__name__ != "AccumulateGrad":
            assert any(position[c] > position[before] for c in consumers[after])


def test_sequence_numbers_follow_the_order_forward_made_the_nodes():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    nodes = []
    h = x
    for _ in range(5):
        h = h * 2
        nodes.append(h.grad_fn)
    numbers = [node._sequence_nr() for node in nodes]
    assert numbers == sorted(numbers) and len(set(numbers)) == 5
    leaf = nodes[0].next_functions[0][0]
    assert type(leaf).__name__ == "AccumulateGrad" and leaf._sequence_nr() == 2 ** 64 - 1


def test_a_node_that_receives_only_none_still_lets_its_inputs_run():
    """Custom backward returns None for x: x's side of the graph gets nothing from it,
    yet y (which also feeds the loss directly) must still run and reach w."""
    class DropFirst(torch.autograd.Function):
        @staticmethod
        def forward(ctx, a, b):
            return a.array * 0 + b.array

        @staticmethod
        def backward(ctx, grad):
            return None, grad

    w = torch.tensor([1.0, 2.0], requires_grad=True)
    y = w * 3
    z = y * 1
    out = DropFirst.apply(z, y) + y
    out.sum().backward()
    assert_close(w.grad, [6.0, 6.0])   # 3 through DropFirst's b + 3 through "+ y"; none via z


def test_tensor_hook_sees_the_summed_gradient_once():
    calls = []
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x * 1
    y.register_hook(lambda g: calls.append(g.tolist()))
    (y * 2 + y * 3 + y).sum().backward()
    assert calls == [[6.0, 6.0]]
    assert_close(x.grad, [6.0, 6.0])


def test_diamond_graph():
    """a = 3x, d = (a + a²)·a = a² + a³, so dd/dx = 3(2a + 3a²); at x = 2, a = 6: 360."""
    x = torch.tensor(2.0, requires_grad=True)
    a = x * 3
    b = a * a
    c = a + b
    d = c * a
    d.backward()
    a_value = 6.0
    assert_close(x.grad, 3 * (2 * a_value + 3 * a_value ** 2))


def test_a_leaf_used_many_times_gets_the_sum():
    x = torch.tensor(2.0, requires_grad=True)
    y = x * 0
    for _ in range(100):
        y = y + x
    y.backward()
    assert_close(x.grad, 100.0)


def test_deep_chain_does_not_recurse():
    """5000 nodes in a row, with Python's default recursion limit (1000) in force:
    a recursive walk (or a recursive sort) would raise RecursionError."""
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(1000)
    try:
        x = torch.tensor(1.0, requires_grad=True)
        y = x
        for _ in range(5000):
            y = y * 1.0001
        y.backward()
    finally:
        sys.setrecursionlimit(previous)
    # The same float32 products, in NumPy: forward and backward multiply by the
    # same float32 constant 5000 times.
    factor, expected = np.float32(1.0001), np.float32(1.0)
    for _ in range(5000):
        expected = np.float32(expected * factor)
    assert_close(y, expected, rtol=1e-5)
    assert_close(x.grad, expected, rtol=1e-5)
    assert abs(float(expected) - 1.0001 ** 5000) < 1e-3 * 1.0001 ** 5000


# =========================================================================================
# 3. Accumulation into .grad
# =========================================================================================

def test_leaf_grad_is_none_before_backward():
    assert torch.ones(2, requires_grad=True).grad is None


def test_gradients_accumulate_in_place_and_zero_resets():
    """Two backward calls add up in the same .grad tensor (d(x·x)/dx = 2x each time);
    zero_() clears it in place, so a held reference sees every change."""
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    (x * x).sum().backward()
    held = x.grad
    assert_close(held, [2.0, 4.0])
    (x * x).sum().backward()
    assert x.grad is held
    assert_close(held, [4.0, 8.0])
    x.grad.zero_()
    assert_close(held, [0.0, 0.0])
    (3 * x).sum().backward()
    assert x.grad is held
    assert_close(held, [3.0, 3.0])
    assert held.requires_grad is False


def test_grad_can_be_reset_to_none():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    (x * x).sum().backward()
    x.grad = None
    (x * 3).sum().backward()
    assert_close(x.grad, [3.0, 3.0])


# =========================================================================================
# 4. backward(gradient=..., retain_graph=..., create_graph=..., inputs=...)
# =========================================================================================

def test_backward_with_gradient_is_a_vector_jacobian_product():
    """y = x², so x.grad = v · 2x for the given v."""
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    v = np.array([1.0, 0.1, 0.01])
    (x * x).backward(gradient=torch.tensor(v.tolist()))
    assert_close(x.grad, v * 2 * np.array([1.0, 2.0, 3.0]), rtol=1e-6)


def test_backward_with_explicit_scalar_gradient():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    x.sum().backward(torch.tensor(2.0))
    assert_close(x.grad, [2.0, 2.0])


def test_backward_on_a_leaf_with_gradient():
    x = torch.ones(2, requires_grad=True)
    x.backward(torch.tensor([3.0, 4.0]))
    assert_close(x.grad, [3.0, 4.0])


def test_retain_graph_allows_repeated_backward_that_accumulates():
    """d(x·x)/dx = 2x per call: 2x, then 4x, then 6x; the last call (retain_graph
    left out) frees the graph, so a fourth raises."""
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = (x * x).sum()
    base = 2 * np.array([1.0, 2.0])
    y.backward(retain_graph=True)
    assert_close(x.grad, base)
    y.backward(retain_graph=True)
    assert_close(x.grad, 2 * base)
    y.backward()
    assert_close(x.grad, 3 * base)
    with raises_exactly(RuntimeError, FREED):
        y.backward()


def test_backward_create_graph_makes_grad_differentiable():
    """y = x³ at x = 3: x.grad = 3x² = 27 with a graph of its own; its derivative 6x = 18."""
    x = torch.tensor(3.0, requires_grad=True)
    y = x ** 3
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        y.backward(create_graph=True)
    # PyTorch warns once per process, so there may be none here (another test came
    # first); whatever is emitted must be PyTorch's UserWarning.
    for w in record:
        assert w.category is UserWarning and str(w.message).startswith(CREATE_GRAPH_WARNING)
    assert_close(x.grad, 27.0)
    assert x.grad.requires_grad is True
    assert type(x.grad.grad_fn).__name__ == "CopyBackwards"
    first = x.grad
    x.grad = None
    first.backward()
    assert_close(x.grad, 18.0)


def test_create_graph_copy_node_name():
    x = torch.tensor(3.0, requires_grad=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        (x ** 3).backward(create_graph=True)
    assert x.grad.grad_fn.name() == "torch::autograd::CopyBackwards"


def test_create_graph_warning_is_emitted_at_most_once():
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        for _ in range(2):
            x = torch.tensor(3.0, requires_grad=True)
            (x ** 3).backward(create_graph=True)
    emitted = [w for w in record if str(w.message).startswith(CREATE_GRAPH_WARNING)]
    assert len(emitted) <= 1


def test_backward_inputs_restricts_accumulation():
    x = torch.tensor(3.0, requires_grad=True)
    z = torch.tensor(2.0, requires_grad=True)
    (x * z).backward(inputs=[x])
    assert_close(x.grad, 2.0)
    assert z.grad is None


def test_backward_gradient_must_be_a_tensor():
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    with raises_exactly(TypeError, "gradients can be either Tensors or None, but got float"):
        (x * x).backward([1.0, 1.0, 1.0])


# =========================================================================================
# 5. autograd.grad
# =========================================================================================

def test_autograd_grad_returns_a_tuple_and_leaves_dot_grad_alone():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = (x * x).sum()
    result = autograd.grad(y, x, grad_outputs=torch.tensor(2.0))
    assert isinstance(result, tuple) and len(result) == 1
    assert_close(result[0], 2.0 * 2 * np.array([1.0, 2.0]))
    assert result[0].requires_grad is False
    assert x.grad is None


def test_autograd_grad_several_outputs_with_grad_outputs():
    """d/dx of <[1,1], 2x> + <[1,10], x²> = 2 + [1,10]·2x = [4, 42] at x = [1, 2]."""
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    g, = autograd.grad([x * 2, x * x], x, grad_outputs=[torch.ones(2), torch.tensor([1.0, 10.0])])
    assert_close(g, [4.0, 42.0])


def test_autograd_grad_with_respect_to_an_intermediate():
    """y = Σ h², h = 3x: dy/dh = 2h = [6, 12], dy/dx = 6h = [18, 36] at x = [1, 2]."""
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    h = x * 3
    y = (h * h).sum()
    g_h, = autograd.grad(y, h, retain_graph=True)
    assert_close(g_h, [6.0, 12.0])
    g_h, g_x = autograd.grad(y, [h, x])
    assert_close(g_h, [6.0, 12.0])
    assert_close(g_x, [18.0, 36.0])
    assert x.grad is None


def test_autograd_grad_allow_unused():
    x = torch.ones(2, requires_grad=True)
    unused = torch.ones(2, requires_grad=True)
    y = (x * 2).sum()
    g_x, g_unused = autograd.grad(y, [x, unused], allow_unused=True, retain_graph=True)
    assert_close(g_x, [2.0, 2.0])
    assert g_unused is None
    with raises_exactly(RuntimeError, "The differentiated Tensor at index 1 appears to not have been used in "
                                      "the graph. Set allow_unused=True if this is the desired behavior."):
        autograd.grad(y, [x, unused], retain_graph=True)
    with raises_exactly(RuntimeError, "The differentiated Tensor at index 0 appears to not have been used in "
                                      "the graph. Set allow_unused=True if this is the desired behavior."):
        autograd.grad(y, [unused, x])


def test_autograd_grad_materialize_grads():
    x = torch.ones(2, requires_grad=True)
    unused = torch.ones(2, requires_grad=True)
    g_x, g_unused = autograd.grad((x * 2).sum(), [x, unused], materialize_grads=True)
    assert_close(g_x, [2.0, 2.0])
    assert_close(g_unused, [0.0, 0.0])


def test_autograd_grad_input_must_require_grad():
    x = torch.ones(2, requires_grad=True)
    with raises_exactly(RuntimeError, "One of the differentiated Tensors does not require grad"):
        autograd.grad((x * 2).sum(), [x, torch.ones(2)])


def test_autograd_grad_frees_the_graph_unless_retained():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = (x * x).sum()
    for _ in range(2):
        g, = autograd.grad(y, x, retain_graph=True)
        assert_close(g, [2.0, 4.0])
    autograd.grad(y, x)
    with raises_exactly(RuntimeError, FREED):
        autograd.grad(y, x)


def test_backward_after_retained_autograd_grad():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = (x * x).sum()
    autograd.grad(y, x, retain_graph=True)
    assert x.grad is None
    y.backward()
    assert_close(x.grad, [2.0, 4.0])


def test_higher_order_derivatives_of_a_cube():
    """x³ at 3: 27, 18, 6, each from the previous one (create_graph=True)."""
    x = torch.tensor(3.0, requires_grad=True)
    g1, = autograd.grad(x ** 3, x, create_graph=True)
    assert g1.requires_grad is True
    g2, = autograd.grad(g1, x, create_graph=True)
    g3, = autograd.grad(g2, x)
    assert_close(g1, 27.0)
    assert_close(g2, 18.0)
    assert_close(g3, 6.0)
    assert g3.requires_grad is False
    assert x.grad is None


def test_second_derivative_of_a_vector_function():
    """f = Σ x·eˣ: f' = eˣ(1 + x), f'' = eˣ(2 + x) elementwise."""
    values = np.array([1.0, 2.0, 3.0])
    x = torch.tensor(values.tolist(), dtype=torch.float64, requires_grad=True)
    g, = autograd.grad((x.exp() * x).sum(), x, create_graph=True)
    h, = autograd.grad(g.sum(), x)
    assert_close(g, np.exp(values) * (1 + values), rtol=1e-12)
    assert_close(h, np.exp(values) * (2 + values), rtol=1e-12)


def test_mixing_autograd_grad_and_backward_for_second_order():
    """g = 3x², then backward of Σg accumulates 6x into x.grad."""
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    g, = autograd.grad((x ** 3).sum(), x, create_graph=True)
    assert_close(g, [3.0, 12.0])
    g.sum().backward()
    assert_close(x.grad, [6.0, 12.0])


def test_autograd_grad_output_without_grad_fn_message():
    """PyTorch's backward and autograd.grad both say 'element i of tensors' here."""
    x = torch.ones(2, requires_grad=True)
    with raises_exactly(RuntimeError, "element 0 of tensors does not require grad and does not have a grad_fn"):
        autograd.backward([torch.ones(2).sum(), x.sum()])


def test_autograd_grad_output_without_grad_fn_message_in_grad():
    x = torch.ones(2, requires_grad=True)
    with raises_exactly(RuntimeError, "element 0 of tensors does not require grad and does not have a grad_fn"):
        autograd.grad(torch.ones(2).sum(), x)
    with raises_exactly(RuntimeError, "element 1 of tensors does not require grad and does not have a grad_fn"):
        autograd.grad([x.sum(), torch.ones(1).sum()], x)


# =========================================================================================
# 6. Freed saved tensors
# =========================================================================================

# Graphs whose nodes save tensors: the second walk must fail (recorded from PyTorch).
SAVING_GRAPHS = {
    "mul-scalar": lambda x: (x * 2).sum(),
    "mul-tensors": lambda x: (x * x).sum(),
    "div-scalar": lambda x: (x / 2).sum(),
    "pow": lambda x: (x ** 2).sum(),
    "exp": lambda x: x.exp().sum(),
    "sigmoid": lambda x: x.sigmoid().sum(),
    "tanh": lambda x: x.tanh().sum(),
    "relu": lambda x: x.relu().sum(),
    "abs": lambda x: x.abs().sum(),
    "max": lambda x: x.max(),
    "mm": lambda x: x.mm(x.t()).sum(),
    "mean-then-mul": lambda x: x.mean() * 3,
    "mul-by-constant-tensor": lambda x: (x * torch.tensor([[3.0, 4.0, 5.0]])).sum(),
}

X_VALUES = [[1.0, -2.0, 3.0], [4.0, 5.0, -6.0]]

# Graphs that save nothing, with the gradient of ONE walk worked out by hand for
# x = X_VALUES (2x3): PyTorch lets them run twice, and the gradients add up.
_ones = np.ones((2, 3))
NON_SAVING_GRAPHS = {
    "add-scalar": (lambda x: (x + 1).sum(), _ones),
    "add-tensors": (lambda x: (x + x).sum(), 2 * _ones),
    "sub-scalar": (lambda x: (x - 1).sum(), _ones),
    "rsub": (lambda x: (1 - x).sum(), -_ones),
    "neg": (lambda x: (-x).sum(), -_ones),
    "mean": (lambda x: x.mean(), _ones / 6),
    "sum-dim": (lambda x: x.sum(0).sum(), _ones),
    "mean-dim": (lambda x: x.mean(1).sum(), _ones / 3),
    "reshape": (lambda x: x.reshape(6).sum(), _ones),
    "view": (lambda x: x.view(3, 2).sum(), _ones),
    "t": (lambda x: x.t().sum(), _ones),
    "transpose": (lambda x: x.transpose(0, 1).sum(), _ones),
    "unsqueeze": (lambda x: x.unsqueeze(0).sum(), _ones),
    "select": (lambda x: x[0].sum(), [[1, 1, 1], [0, 0, 0]]),
    "slice": (lambda x: x[:, 1:].sum(), [[0, 1, 1], [0, 1, 1]]),
    "clone": (lambda x: x.clone().sum(), _ones),
    "cat": (lambda x: torch.cat([x, x]).sum(), 2 * _ones),
    "stack": (lambda x: torch.stack([x, x]).sum(), 2 * _ones),
    "expand": (lambda x: x[0:1].expand(4, 3).sum(), [[4, 4, 4], [0, 0, 0]]),
    "to-float64": (lambda x: x.to(torch.float64).sum(), _ones),
}


@pytest.mark.parametrize("build", SAVING_GRAPHS.values(), ids=SAVING_GRAPHS.keys())
def test_second_backward_through_saved_tensors_raises(build):
    x = torch.tensor(X_VALUES, requires_grad=True)
    y = build(x)
    y.backward()
    with raises_exactly(RuntimeError, FREED):
        y.backward()


@pytest.mark.parametrize("build, one_walk", NON_SAVING_GRAPHS.values(), ids=NON_SAVING_GRAPHS.keys())
def test_graph_that_saved_nothing_can_be_walked_twice(build, one_walk):
    x = torch.tensor(X_VALUES, requires_grad=True)
    y = build(x)
    y.backward()
    assert_close(x.grad, one_walk)
    y.backward()
    assert_close(x.grad, 2 * np.asarray(one_walk, dtype=np.float64))


def test_saved_tensors_of_a_custom_function_are_freed_after_backward():
    class Square(autograd.Function):
        @staticmethod
        def forward(ctx, a):
            ctx.save_for_backward(a)
            return a * a

        @staticmethod
        def backward(ctx, grad):
            a, = ctx.saved_tensors
            return 2 * a * grad

    a = torch.tensor([1.0, 2.0], requires_grad=True)
    y = Square.apply(a)
    y.sum().backward()
    assert_close(a.grad, [2.0, 4.0])
    with raises_exactly(RuntimeError, FREED):
        y.grad_fn.saved_tensors
    z = Square.apply(a).sum()
    z.backward()
    with raises_exactly(RuntimeError, FREED):
        z.backward()


# =========================================================================================
# 7. Grad modes
# =========================================================================================

def test_grad_is_enabled_by_default():
    assert torch.is_grad_enabled() is True


def test_no_grad_context_records_nothing_and_restores():
    x = torch.ones(2, requires_grad=True)
    with torch.no_grad():
        assert torch.is_grad_enabled() is False
        y = x * 2
    assert torch.is_grad_enabled() is True
    assert y.requires_grad is False and y.grad_fn is None and y.is_leaf
    assert_close(y, [2.0, 2.0])
    assert (x * 2).requires_grad is True


def test_grad_mode_context_managers_nest():
    seen = []
    with torch.no_grad():
        seen.append(torch.is_grad_enabled())
        with torch.enable_grad():
            seen.append(torch.is_grad_enabled())
            with torch.set_grad_enabled(False):
                seen.append(torch.is_grad_enabled())
            seen.append(torch.is_grad_enabled())
        with torch.set_grad_enabled(True):
            seen.append(torch.is_grad_enabled())
            y = torch.ones(1, requires_grad=True) * 2
        seen.append(torch.is_grad_enabled())
    seen.append(torch.is_grad_enabled())
    assert seen == [False, True, False, True, True, False, True]
    assert y.requires_grad is True


def test_set_grad_enabled_as_a_plain_call():
    """PyTorch switches the mode when the object is made, so a bare call works."""
    torch.set_grad_enabled(False)
    try:
        assert torch.is_grad_enabled() is False
        assert (torch.ones(1, requires_grad=True) * 2).requires_grad is False
    finally:
        torch.set_grad_enabled(True)
    assert torch.is_grad_enabled() is True


def test_grad_mode_context_managers_bind_none():
    for manager in (torch.no_grad(), torch.enable_grad(), torch.set_grad_enabled(False)):
        with manager as bound:
            assert bound is None
    assert torch.is_grad_enabled() is True


def test_grad_mode_decorators_with_parentheses():
    @torch.no_grad()
    def doubled(x):
        """Docstring kept."""
        return x * 2, torch.is_grad_enabled()

    @torch.enable_grad()
    def recorded(x):
        return x * 2

    @torch.set_grad_enabled(False)
    def not_recorded(x):
        return x * 2, torch.is_grad_enabled()

    # Decorating with set_grad_enabled(False) must not switch the mode off by itself.
    assert torch.is_grad_enabled() is True
    x = torch.ones(1, requires_grad=True)
    y, enabled_inside = doubled(x)
    assert (y.requires_grad, enabled_inside) == (False, False)
    assert doubled.__name__ == "doubled" and doubled.__doc__ == "Docstring kept."
    with torch.no_grad():
        assert recorded(x).requires_grad is True
        assert torch.is_grad_enabled() is False
    y, enabled_inside = not_recorded(x)
    assert (y.requires_grad, enabled_inside) == (False, False)
    assert torch.is_grad_enabled() is True
    # A decorated function can be called many times, each with a fresh context.
    assert doubled(x)[0].requires_grad is False
    assert torch.is_grad_enabled() is True


def test_grad_mode_is_restored_after_an_exception():
    with pytest.raises(ValueError):
        with torch.no_grad():
            raise ValueError
    assert torch.is_grad_enabled() is True

    with pytest.raises(ValueError):
        with torch.set_grad_enabled(False):
            raise ValueError
    assert torch.is_grad_enabled() is True

    with torch.no_grad():
        with pytest.raises(ValueError):
            with torch.enable_grad():
                raise ValueError
        assert torch.is_grad_enabled() is False
    assert torch.is_grad_enabled() is True

    @torch.no_grad()
    def boom():
        raise KeyError

    with pytest.raises(KeyError):
        boom()
    assert torch.is_grad_enabled() is True


def test_grad_mode_decorators_without_parentheses():
    @torch.no_grad
    def doubled(x):
        return x * 2, torch.is_grad_enabled()

    @torch.enable_grad
    def recorded(x):
        return x * 2

    y, enabled_inside = doubled(torch.ones(1, requires_grad=True))
    assert (y.requires_grad, enabled_inside) == (False, False)
    with torch.no_grad():
        assert recorded(torch.ones(1, requires_grad=True)).requires_grad is True


def test_grad_mode_decorator_on_a_generator():
    @torch.no_grad()
    def modes():
        yield torch.is_grad_enabled()
        yield torch.is_grad_enabled()

    assert list(modes()) == [False, False]
    assert torch.is_grad_enabled() is True


# =========================================================================================
# 8. In-place operations and version counters
# =========================================================================================

IN_PLACE_ON_LEAF = {
    "add_": lambda x: x.add_(1),
    "sub_": lambda x: x.sub_(1),
    "mul_": lambda x: x.mul_(2),
    "zero_": lambda x: x.zero_(),
    "fill_": lambda x: x.fill_(3),
    "+=": lambda x: x.__iadd__(1),
    "-=": lambda x: x.__isub__(2),
    "*=": lambda x: x.__imul__(2),
}


@pytest.mark.parametrize("operation", IN_PLACE_ON_LEAF.values(), ids=IN_PLACE_ON_LEAF.keys())
def test_in_place_on_a_leaf_that_requires_grad_is_refused(operation):
    x = torch.ones(2, requires_grad=True)
    with raises_exactly(RuntimeError, LEAF_IN_PLACE):
        operation(x)
    assert_close(x, [1.0, 1.0])


def test_in_place_operators_on_a_leaf_that_requires_grad_are_refused():
    """The operator spellings, as a student writes them."""
    x = torch.ones(2, requires_grad=True)
    with raises_exactly(RuntimeError, LEAF_IN_PLACE):
        x += 1
    with raises_exactly(RuntimeError, LEAF_IN_PLACE):
        x -= 1
    with raises_exactly(RuntimeError, LEAF_IN_PLACE):
        x *= 2
    with raises_exactly(RuntimeError, LEAF_VIEW_IN_PLACE):
        x[0] = 1.0


def test_in_place_on_a_leaf_under_no_grad():
    """The optimizer's path: allowed, the leaf stays a leaf, every write bumps _version."""
    w = torch.ones(2, requires_grad=True)
    assert w._version == 0
    with torch.no_grad():
        w.add_(1)      # 2
        w.sub_(0.5)    # 1.5
        w.mul_(2)      # 3
        w.zero_()      # 0
        w.fill_(7)     # 7
        w *= 2         # 14
        w += 1         # 15
        w -= 3         # 12
        w[0] = 5.0     # [5, 12]
    assert_close(w, [5.0, 12.0])
    assert (w.requires_grad, w.is_leaf, w.grad_fn) == (True, True, None)
    assert w._version == 9


def test_sgd_step_pattern():
    """Seed 001/003's update: w -= lr * w.grad under no_grad, then w.grad.zero_()."""
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    (w * w).sum().backward()                       # grad 2w = [2, 4]
    with torch.no_grad():
        w -= 0.1 * w.grad
    assert_close(w, [1.0 - 0.2, 2.0 - 0.4])
    assert (w.is_leaf, w.requires_grad, w.grad_fn) == (True, True, None)
    w.grad.zero_()
    assert_close(w.grad, [0.0, 0.0])
    (w * w).sum().backward()
    assert_close(w.grad, [1.6, 3.2])


def test_in_place_operators_on_a_non_leaf_are_recorded():
    """y = ((2x + 1)·3) - 1 built in place; each step replaces y.grad_fn; dy/dx = 6."""
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    y += 1
    assert y.grad_fn.name() == "AddBackward0"
    y *= 3
    assert y.grad_fn.name() == "MulBackward0"
    y -= 1
    assert y.grad_fn.name() == "SubBackward0"
    assert_close(y, [8.0, 14.0])
    y.sum().backward()
    assert_close(x.grad, [6.0, 6.0])


def test_in_place_methods_on_a_non_leaf_are_recorded():
    """y = ((x + 1) - 2)·x = x² - x, so dy/dx = 2x - 1 = [1, 3] at x = [1, 2]."""
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x + 0
    assert y.add_(1) is y
    assert y.grad_fn.name() == "AddBackward0"
    y.sub_(2)
    assert y.grad_fn.name() == "SubBackward0"
    y.mul_(x)
    assert y.grad_fn.name() == "MulBackward0"
    assert_close(y, [0.0, 2.0])
    y.sum().backward()
    assert_close(x.grad, [1.0, 3.0])


def test_zero_and_fill_on_a_non_leaf_are_recorded():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    y.zero_()
    assert (y.requires_grad, y.grad_fn.name()) == (True, "ZeroBackward0")
    z = x * 2
    z.fill_(3.0)
    assert (z.requires_grad, z.grad_fn.name()) == (True, "FillBackward2")
    u = x * 2
    u.fill_(torch.tensor(5.0))
    assert (u.requires_grad, u.grad_fn.name()) == (True, "FillBackward3")
    (y + z * x).sum().backward()
    assert_close(x.grad, [3.0, 3.0])


def test_in_place_on_an_integer_tensor_cannot_make_it_float():
    x = torch.tensor([1, 2])
    with raises_exactly(RuntimeError, "result type Float can't be cast to the desired output type Long"):
        x += 0.5


def test_version_check_modified_intermediate():
    """z = y·y saved y; y.add_ changes it (and y's grad_fn becomes AddBackward0)."""
    x = torch.ones(2, requires_grad=True)
    y = x * 2
    z = y * y
    y.add_(1)
    with raises_exactly(RuntimeError, version_message("FloatTensor", "2", "Add", 1)):
        z.sum().backward()


def test_version_check_modified_saved_output():
    """exp saves its own output; PyTorch names the saving node (Exp) as the producer."""
    x = torch.ones(2, requires_grad=True)
    y = x.exp()
    y.add_(1)
    with raises_exactly(RuntimeError, version_message("FloatTensor", "2", "Exp", 1)):
        y.sum().backward()


def test_version_check_modified_leaf_under_no_grad():
    x = torch.ones(2, 3, requires_grad=True)
    y = (x * x).sum()
    with torch.no_grad():
        x.mul_(2)
    with raises_exactly(RuntimeError, version_message("FloatTensor", "2, 3", None, 1)):
        y.backward()


def test_version_check_modified_constant():
    x = torch.ones(2, requires_grad=True)
    c = torch.ones(2)
    y = (x * c).sum()
    c += 1
    with raises_exactly(RuntimeError, version_message("FloatTensor", "2", None, 1)):
        y.backward()


def test_version_check_counts_every_write():
    x = torch.ones(3, dtype=torch.float64, requires_grad=True)
    c = torch.ones(3, dtype=torch.float64)
    y = (x * c).sum()
    c.mul_(2)
    c.mul_(2)
    assert c._version == 2
    with raises_exactly(RuntimeError, version_message("DoubleTensor", "3", None, 2)):
        y.backward()


def test_version_check_in_a_custom_function():
    class Scale(autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * 2

        @staticmethod
        def backward(ctx, grad):
            x, = ctx.saved_tensors
            return grad * x

    x = torch.ones(2, requires_grad=True)
    y = x * 1
    z = Scale.apply(y)
    y.mul_(2)
    with raises_exactly(RuntimeError, version_message("FloatTensor", "2", "Mul", 1)):
        z.sum().backward()


def test_modifying_a_tensor_that_was_not_saved_is_fine():
    """x + c saves nothing, so changing c afterwards is harmless (d/dx = 1)."""
    x = torch.ones(2, requires_grad=True)
    c = torch.ones(2)
    y = (x + c).sum()
    c += 1
    y.backward()
    assert_close(x.grad, [1.0, 1.0])


_UNNEEDED_OPERAND = {
    # (loss built from w, grad of w at w = [1, 2] computed by hand)
    "w*c": (lambda w: (w * torch.tensor([3.0, 4.0])).sum(), [3.0, 4.0]),
    "c*w": (lambda w: (torch.tensor([3.0, 4.0]) * w).sum(), [3.0, 4.0]),
    "w/2": (lambda w: (w / 2).sum(), [0.5, 0.5]),
    "X@w": (lambda w: (torch.ones(3, 2) @ w).sum(), [3.0, 3.0]),
}


@pytest.mark.parametrize("build, grad", _UNNEEDED_OPERAND.values(), ids=_UNNEEDED_OPERAND.keys())
def test_operand_whose_value_no_gradient_needs_is_not_version_checked(build, grad):
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    loss = build(w)
    with torch.no_grad():
        w -= 1
    loss.backward()
    assert_close(w.grad, grad)


# =========================================================================================
# 9. Custom autograd.Function
# =========================================================================================

def test_custom_function_forward_backward_and_saved_tensors():
    seen = {}

    class MyExp(autograd.Function):
        @staticmethod
        def forward(ctx, x):
            seen["grad_enabled_in_forward"] = torch.is_grad_enabled()
            result = x.exp()
            ctx.save_for_backward(result)
            return result

        @staticmethod
        def backward(ctx, grad):
            seen["needs_input_grad"] = ctx.needs_input_grad
            result, = ctx.saved_tensors
            return grad * result

    values = np.array([0.0, 1.0])
    x = torch.tensor(values.tolist(), requires_grad=True)
    y = MyExp.apply(x)
    assert type(y.grad_fn).__name__ == "MyExpBackward" and y.grad_fn.name() == "MyExpBackward"
    assert not y.is_leaf and y.requires_grad
    assert_close(y, np.exp(values), rtol=1e-6)
    (y * torch.tensor([1.0, 2.0])).sum().backward()
    assert_close(x.grad, np.exp(values) * [1.0, 2.0], rtol=1e-6)
    assert seen == {"grad_enabled_in_forward": False, "needs_input_grad": (True,)}


def test_custom_function_needs_input_grad_and_non_tensor_arguments():
    """One gradient per forward argument (None for the number); next_functions only
    has edges for tensors."""
    seen = []

    class ScaledProduct(autograd.Function):
        @staticmethod
        def forward(ctx, a, b, k):
            ctx.save_for_backward(a, b)
            ctx.k = k
            return a * b * k

        @staticmethod
        def backward(ctx, grad):
            seen.append(ctx.needs_input_grad)
            a, b = ctx.saved_tensors
            return grad * b * ctx.k, grad * a * ctx.k, None

    a = torch.tensor([1.0, 2.0], requires_grad=True)
    b = torch.tensor([3.0, 4.0])
    out = ScaledProduct.apply(a, b, 2.0)
    assert [None if n is None else type(n).__name__ for n, _ in out.grad_fn.next_functions] == \
        ["AccumulateGrad", None]
    out.sum().backward()
    assert seen == [(True, False, False)]
    assert_close(a.grad, [6.0, 8.0])
    assert b.grad is None


def test_custom_function_returning_none_for_an_input():
    class FirstOnly(autograd.Function):
        @staticmethod
        def forward(ctx, x, y):
            return x * y

        @staticmethod
        def backward(ctx, grad):
            return grad, None

    x = torch.ones(2, requires_grad=True)
    z = torch.ones(2, requires_grad=True)
    FirstOnly.apply(x, z).sum().backward()
    assert_close(x.grad, [1.0, 1.0])
    assert z.grad is None


def test_custom_function_under_no_grad_and_on_constants():
    class Double(autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, grad):
            return grad * 2

    x = torch.ones(2, requires_grad=True)
    with torch.no_grad():
        assert Double.apply(x).requires_grad is False
    on_constant = Double.apply(torch.ones(2))
    assert on_constant.requires_grad is False and on_constant.grad_fn is None
    y = Double.apply(x)
    assert y.requires_grad and not y.is_leaf
    y.sum().backward()
    assert_close(x.grad, [2.0, 2.0])


@pytest.mark.parametrize("n_inputs, returned, message", [
    (1, 2, "function FBackward returned an incorrect number of gradients (expected 1, got 2)"),
    (2, 1, "function FBackward returned an incorrect number of gradients (expected 2, got 1)"),
], ids=["too-many", "too-few"])
def test_custom_function_wrong_number_of_gradients(n_inputs, returned, message):
    class F(autograd.Function):
        @staticmethod
        def forward(ctx, *xs):
            return xs[0] * 2

        @staticmethod
        def backward(ctx, grad):
            return (grad,) * returned if returned > 1 else grad

    x = torch.ones(2, requires_grad=True)
    with raises_exactly(RuntimeError, message):
        F.apply(*([x] * n_inputs)).sum().backward()


def test_custom_function_gradient_of_the_wrong_shape():
    class F(autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, grad):
            return torch.ones(3)

    x = torch.ones(2, requires_grad=True)
    with raises_exactly(RuntimeError, "Function FBackward returned an invalid gradient at index 0 - "
                                      "got [3] but expected shape compatible with [2]"):
        F.apply(x).sum().backward()


# =========================================================================================
# 10. Hooks, retain_grad, .grad of a non-leaf
# =========================================================================================

def test_hook_on_a_leaf_can_replace_the_gradient():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    x.register_hook(lambda g: g * 2)
    (x * x).sum().backward()
    assert_close(x.grad, 2 * 2 * np.array([1.0, 2.0]))


def test_hook_returning_none_only_observes():
    """y = 3x with a hook ×10 on y: x sees 30; an observing hook on x sees 30 too."""
    seen = []
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    x.register_hook(lambda g: seen.append(g.tolist()))
    y = x * 3
    y.register_hook(lambda g: g * 10)
    y.sum().backward()
    assert seen == [[30.0, 30.0]]
    assert_close(x.grad, [30.0, 30.0])


def test_hooks_run_in_registration_order():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x * 1
    y.register_hook(lambda g: g + 1)
    y.register_hook(lambda g: g * 10)
    y.sum().backward()
    assert_close(x.grad, [(1 + 1) * 10, (1 + 1) * 10])


def test_hook_handle_remove():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    handle = x.register_hook(lambda g: g * 100)
    handle.remove()
    (x * x).sum().backward()
    assert_close(x.grad, [2.0, 4.0])


def test_hook_on_a_tensor_without_grad_is_refused():
    with raises_exactly(RuntimeError, "cannot register a hook on a tensor that doesn't require gradient"):
        torch.ones(2).register_hook(lambda g: g)


def test_hook_changing_the_gradient_shape_is_refused():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    x.register_hook(lambda g: torch.ones(3))
    with raises_exactly(RuntimeError, "hook '<lambda>' has changed the size of value"):
        (x * 2).sum().backward()


def test_retain_grad_on_a_non_leaf():
    """y = 3x, z = Σy²: dz/dy = 2y = [6, 12]; kept in y.grad, without a warning,
    and accumulated across walks like a leaf's."""
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x * 3
    y.retain_grad()
    assert y.retains_grad is True and x.retains_grad is False
    z = (y * y).sum()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert y.grad is None
        z.backward(retain_graph=True)
        assert_close(y.grad, [6.0, 12.0])
        z.backward()
        assert_close(y.grad, [12.0, 24.0])
    assert_close(x.grad, [36.0, 72.0])


def test_retain_grad_sees_the_hooked_gradient():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x * 1
    y.retain_grad()
    y.register_hook(lambda g: g * 10)
    y.sum().backward()
    assert_close(y.grad, [10.0, 10.0])
    assert_close(x.grad, [10.0, 10.0])


def test_retain_grad_on_a_tensor_without_grad_is_refused():
    with raises_exactly(RuntimeError, "can't retain_grad on Tensor that has requires_grad=False"):
        torch.ones(2).retain_grad()


@pytest.mark.parametrize("after_backward", [False, True], ids=["before-backward", "after-backward"])
def test_grad_of_a_non_leaf_is_none_with_a_warning(after_backward):
    x = torch.ones(2, requires_grad=True)
    y = x * 2
    if after_backward:
        y.sum().backward()
    with pytest.warns(UserWarning) as record:
        assert y.grad is None
    messages = [str(w.message) for w in record if issubclass(w.category, UserWarning)]
    assert len(messages) == 1
    assert messages[0].startswith(NON_LEAF_GRAD_WARNING)
    rest = messages[0][len(NON_LEAF_GRAD_WARNING):]
    assert rest == " (Triggered internally at /__w/pytorch/pytorch/build/aten/src/ATen/core/TensorBody.h:493.)"


def test_grad_of_a_leaf_does_not_warn():
    x = torch.ones(2, requires_grad=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert x.grad is None
        x.sum().backward()
        assert_close(x.grad, [1.0, 1.0])


# =========================================================================================
# 11. Errors, with PyTorch's type and message
# =========================================================================================

def test_backward_on_a_non_scalar_needs_a_gradient():
    x = torch.ones(2, requires_grad=True)
    with raises_exactly(RuntimeError, "grad can be implicitly created only for scalar outputs"):
        (x * 2).backward()
    with raises_exactly(RuntimeError, "grad can be implicitly created only for scalar outputs"):
        autograd.grad(x * 2, x)


@pytest.mark.parametrize("x_shape, gradient_shape, message", [
    ((2,), (3,), "Mismatch in shape: grad_output[0] has a shape of torch.Size([3]) and output[0] "
                 "has a shape of torch.Size([2])."),
    ((2, 3), (3, 2), "Mismatch in shape: grad_output[0] has a shape of torch.Size([3, 2]) and output[0] "
                     "has a shape of torch.Size([2, 3])."),
], ids=["1d", "2d"])
def test_gradient_shape_mismatch(x_shape, gradient_shape, message):
    x = torch.ones(*x_shape, requires_grad=True)
    with raises_exactly(RuntimeError, message):
        (x * 2).backward(torch.ones(*gradient_shape))


def test_backward_on_a_tensor_without_history():
    message = "element 0 of tensors does not require grad and does not have a grad_fn"
    with raises_exactly(RuntimeError, message):
        torch.ones(2).sum().backward()
    x = torch.ones(2, requires_grad=True)
    with torch.no_grad():
        y = (x * 2).sum()
    with raises_exactly(RuntimeError, message):
        y.backward()


@pytest.mark.parametrize("make", [
    lambda: torch.tensor([1, 2], requires_grad=True),
    lambda: torch.ones(2, dtype=torch.int64, requires_grad=True),
    lambda: torch.ones(2, dtype=torch.int32, requires_grad=True),
    lambda: torch.arange(3, requires_grad=True),
], ids=["tensor", "ones-int64", "ones-int32", "arange"])
def test_integer_tensor_cannot_require_grad_at_creation(make):
    with raises_exactly(RuntimeError, INT_REQUIRES_GRAD_CREATION):
        make()


def test_integer_tensor_cannot_require_grad_via_method_or_setter():
    with raises_exactly(RuntimeError, INT_REQUIRES_GRAD_METHOD):
        torch.tensor([1, 2]).requires_grad_()
    with raises_exactly(RuntimeError, INT_REQUIRES_GRAD_METHOD):
        torch.tensor([True]).requires_grad_()
    t = torch.tensor([1, 2])
    with raises_exactly(RuntimeError, INT_REQUIRES_GRAD_SETTER):
        t.requires_grad = True
    # Switching it off is always fine.
    t.requires_grad = False
    t.requires_grad_(False)
    assert t.requires_grad is False


def test_requires_grad_cannot_be_switched_off_on_a_non_leaf():
    x = torch.ones(2, requires_grad=True)
    y = x * 2
    with raises_exactly(RuntimeError, NOT_LEAF_REQUIRES_GRAD_LONG):
        y.requires_grad = False
    with raises_exactly(RuntimeError, NOT_LEAF_REQUIRES_GRAD_LONG):
        y.requires_grad_(False)
    assert y.requires_grad_() is y and y.requires_grad is True


def test_requires_grad_setter_true_on_a_non_leaf_message():
    y = torch.ones(2, requires_grad=True) * 2
    with raises_exactly(RuntimeError, "you can only change requires_grad flags of leaf variables."):
        y.requires_grad = True


@pytest.mark.parametrize("n", [3, 0])
def test_item_needs_exactly_one_element(n):
    with raises_exactly(RuntimeError, f"a Tensor with {n} elements cannot be converted to Scalar"):
        torch.ones(n).item()


def test_numpy_on_a_tensor_that_requires_grad():
    x = torch.ones(3, requires_grad=True)
    with raises_exactly(RuntimeError, NUMPY_REQUIRES_GRAD):
        x.numpy()
    with raises_exactly(RuntimeError, NUMPY_REQUIRES_GRAD):
        (x * 2).numpy()
    shared = x.detach().numpy()
    shared[1] = 3.0
    assert_close(x, [1.0, 3.0, 1.0])


def test_numpy_under_no_grad_is_allowed():
    x = torch.ones(2, requires_grad=True)
    with torch.no_grad():
        array = x.numpy()
    assert array.tolist() == [1.0, 1.0]


@pytest.mark.parametrize("compute, message", [
    (lambda: torch.ones(2, 3).mm(torch.ones(2, 3)), "mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)"),
    (lambda: torch.ones(2, 3) @ torch.ones(2, 3), "mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)"),
    (lambda: torch.ones(2) @ torch.ones(3),
     "inconsistent tensor size, expected tensor [2] and src [3] to have the same number of elements, "
     "but got 2 and 3 elements respectively"),
], ids=["mm", "matmul-2d", "matmul-1d"])
def test_matmul_shape_mismatch(compute, message):
    with raises_exactly(RuntimeError, message):
        compute()


@pytest.mark.parametrize("move", [
    lambda: torch.ones(2).to("cuda"),
    lambda: torch.ones(2).to("cuda:0"),
    lambda: torch.ones(2).cuda(),
    lambda: torch.ones(2, device="cuda"),
], ids=["to-cuda", "to-cuda0", "cuda", "device-kwarg"])
def test_cuda_gives_a_clear_error(move):
    """PyTorch's CPU build raises AssertionError('Torch not compiled with CUDA enabled');
    autograd_core raises the same type with a message that says what to do instead."""
    with pytest.raises(AssertionError) as info:
        move()
    message = str(info.value)
    assert "cuda" in message and "cpu" in message.lower()


def test_cpu_is_accepted_everywhere():
    x = torch.ones(2, device="cpu")
    assert x.to("cpu") is x
    assert str(x.device) == "cpu"
    assert x.to(torch.device("cpu")).dtype is torch.float32


def test_cuda_availability_idiom():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    assert str(device) == "cpu"
    assert torch.cuda.is_available() is False
    assert str(torch.device("cuda")) == "cuda"


# =========================================================================================
# 12. .data and detach
# =========================================================================================

def test_seed_004_training_loop_with_dot_data():
    """Seed 004's loop: w.data = w.data - 0.01 * w.grad.data; w.grad.data.zero_().
    The reference is the same arithmetic in float32 NumPy (d(xw - y)²/dw = 2x(xw - y))."""
    x_data, y_data = [1.0, 2.0, 3.0], [2.0, 4.0, 6.0]
    w = torch.tensor([1.0], requires_grad=True)
    expected_w = np.float32(1.0)
    lr = np.float32(0.01)
    for _ in range(10):
        for x_val, y_val in zip(x_data, y_data):
            loss = (x_val * w - y_val) ** 2
            loss.backward()
            expected_grad = np.float32(2 * x_val) * (np.float32(x_val) * expected_w - np.float32(y_val))
            assert_close(w.grad, [expected_grad], rtol=1e-5, atol=1e-6)
            w.data = w.data - 0.01 * w.grad.data
            w.grad.data.zero_()
            expected_w = np.float32(expected_w - lr * expected_grad)
            assert_close(w.grad, [0.0])
            assert (w.is_leaf, w.requires_grad, w.grad_fn) == (True, True, None)
    assert_close(w, [expected_w], rtol=1e-5)
    assert 1.9 < float(expected_w) < 2.0           # on its way to y = 2x (seed 004 prints 7.80 for x = 4)
    assert_close(4 * w, [4 * expected_w], rtol=1e-5)


def test_dot_data_is_detached_shares_values_and_hides_writes_from_autograd():
    x = torch.tensor([1.0, 1.0], requires_grad=True)
    d = x.data
    assert (d.requires_grad, d.is_leaf, d.grad_fn) == (False, True, None)
    d.add_(1)                      # changes x, but not x's version counter
    assert_close(x, [2.0, 2.0])
    assert x._version == 0
    x.data.mul_(2)
    assert_close(x, [4.0, 4.0])
    (x * x).sum().backward()       # uses the new values: 2x = 8
    assert_close(x.grad, [8.0, 8.0])
    x.grad.data.zero_()
    assert_close(x.grad, [0.0, 0.0])


def test_dot_data_write_is_not_caught_by_the_version_check():
    """exp saved its output; zeroing it through .data slips past the check (as in
    PyTorch), so the gradient eˣ is computed from the zeros."""
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x.exp()
    y.data.zero_()
    y.sum().backward()
    assert_close(x.grad, [0.0, 0.0])


def test_dot_data_assignment_replaces_the_values():
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    w.data = w.data * 3
    assert_close(w, [3.0, 6.0])
    assert (w.is_leaf, w.requires_grad) == (True, True)
    (w * w).sum().backward()
    assert_close(w.grad, [6.0, 12.0])
    v = torch.ones(2, requires_grad=True)
    v.data = torch.zeros(3)        # PyTorch allows a new shape through .data
    assert tuple(v.shape) == (3,)
    assert v.requires_grad is True


def test_detach_shares_memory_and_has_no_history():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    d = x.detach()
    assert (d.requires_grad, d.is_leaf, d.grad_fn) == (False, True, None)
    d[0] = 5.0
    assert_close(x, [5.0, 2.0])
    y = (x * 2).detach() * 3       # gradients stop at detach
    assert y.requires_grad is False


def test_detach_in_place():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    assert y.detach_() is y
    assert (y.grad_fn, y.is_leaf, y.requires_grad) == (None, True, False)
    assert_close(y, [2.0, 4.0])
    leaf = torch.ones(2, requires_grad=True)
    leaf.detach_()
    assert (leaf.requires_grad, leaf.is_leaf) == (False, True)


def test_detach_shares_the_version_counter():
    """detach() aliases the memory and the version counter (only .data gets a fresh one)."""
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    x.detach().add_(1)
    assert x._version == 1
    y = x.exp()
    y.detach().zero_()
    with raises_exactly(RuntimeError, version_message("FloatTensor", "2", "Exp", 1)):
        y.sum().backward()


# =========================================================================================
# 13. dtype promotion (recorded from PyTorch 2.13)
# =========================================================================================

DTYPE_CASES = {
    "float-literal": (lambda: torch.tensor([1.0]), "float32"),
    "int-literal": (lambda: torch.tensor([1]), "int64"),
    "bool-literal": (lambda: torch.tensor([True]), "bool"),
    "mixed-literal": (lambda: torch.tensor([1, 2.0]), "float32"),
    "0d-int": (lambda: torch.tensor(3), "int64"),
    "0d-float": (lambda: torch.tensor(1.5), "float32"),
    "ones": (lambda: torch.ones(2), "float32"),
    "zeros": (lambda: torch.zeros(2), "float32"),
    "arange-int": (lambda: torch.arange(3), "int64"),
    "arange-float": (lambda: torch.arange(3.0), "float32"),
    "asked-float64": (lambda: torch.tensor([1.0], dtype=torch.float64), "float64"),
    "asked-float64-from-ints": (lambda: torch.tensor([1, 2], dtype=torch.float64), "float64"),
    "numpy-float64-scalar": (lambda: torch.tensor(np.float64(1.0)), "float64"),
    "from-numpy-float64": (lambda: torch.from_numpy(np.ones(2)), "float64"),
    "float32*python-float": (lambda: torch.tensor([1.0]) * 0.5, "float32"),
    "float32*numpy-float64": (lambda: torch.tensor([1.0]) * np.float64(2.0), "float32"),
    "float32*True": (lambda: torch.tensor([1.0]) * True, "float32"),
    "float64*python-float": (lambda: torch.tensor([1.0], dtype=torch.float64) * 2.0, "float64"),
    "int/int": (lambda: torch.tensor([1]) / torch.tensor([2]), "float32"),
    "int/python-int": (lambda: torch.tensor([1]) / 2, "float32"),
    "int-sum/2": (lambda: torch.tensor([1, 2]).sum() / 2, "float32"),
    "int//python-int": (lambda: torch.tensor([3]) // 2, "int64"),
    "int*python-float": (lambda: torch.tensor([1]) * 2.5, "float32"),
    "arange*python-float": (lambda: torch.arange(3) * 1.5, "float32"),
    "int**2": (lambda: torch.tensor([1]) ** 2, "int64"),
    "int**2.0": (lambda: torch.tensor([1]) ** 2.0, "float32"),
    "int-sum": (lambda: torch.tensor([1, 2]).sum(), "int64"),
    "int.float().mean()": (lambda: torch.tensor([1, 2]).float().mean(), "float32"),
    "int32+python-int": (lambda: torch.tensor([1], dtype=torch.int32) + 1, "int32"),
    "int32+int64": (lambda: torch.tensor([1], dtype=torch.int32) + torch.tensor([1]), "int64"),
    "bool+python-int": (lambda: torch.tensor([True]) + 1, "int64"),
    "bool+bool": (lambda: torch.tensor([True]) + torch.tensor([True]), "bool"),
    "bool*bool": (lambda: torch.tensor([True, False]) * torch.tensor([True, True]), "bool"),
    "bool*python-float": (lambda: torch.tensor([True]) * 2.0, "float32"),
    "bool-sum": (lambda: torch.tensor([True, False]).sum(), "int64"),
    "float32+float64-1d": (lambda: torch.tensor([1.0]) + torch.tensor([1.0], dtype=torch.float64), "float64"),
    "float32-1d+float64-0d": (lambda: torch.tensor([1.0]) + torch.tensor(1.0, dtype=torch.float64), "float32"),
    "int64-1d+float64-0d": (lambda: torch.tensor([1]) + torch.tensor(1.0, dtype=torch.float64), "float64"),
}


@pytest.mark.parametrize("make, dtype_name", DTYPE_CASES.values(), ids=DTYPE_CASES.keys())
def test_dtype_promotion(make, dtype_name):
    assert make().dtype is getattr(torch, dtype_name)


def test_default_dtype_and_true_division_values():
    assert torch.get_default_dtype() is torch.float32
    assert_close(torch.tensor([7]) / torch.tensor([2]), [3.5])
    assert_close(torch.tensor(3) / torch.tensor(2), 1.5)


def test_gradient_comes_back_in_the_leaf_dtype():
    """ToCopyBackward0 casts the float64 gradient back to the float32 leaf."""
    x = torch.ones(2, requires_grad=True)
    y = x.to(torch.float64)
    assert y.dtype is torch.float64
    (y * 3).sum().backward()
    assert x.grad.dtype is torch.float32
    assert_close(x.grad, [3.0, 3.0])


def test_mean_of_an_integer_tensor():
    with raises_exactly(RuntimeError, "mean(): could not infer output dtype. Input dtype must be either a "
                                      "floating point or complex dtype. Got: Long"):
        torch.tensor([1, 2]).mean()


# =========================================================================================
# 14. Assignment into part of a tensor, views, one version counter (issue 12)
# =========================================================================================
# Node names recorded from PyTorch 2.13 (z = x * 1; z[index] = -5.; z.grad_fn.name()).
# Expected gradients: NumPy, by hand (an overwritten element passes no gradient back).

_X23 = np.arange(6.0, dtype=np.float32).reshape(2, 3)
SETITEM_FORMS = {
    "int": (1, "torch::autograd::CopySlices"),
    "negative int": (-1, "torch::autograd::CopySlices"),
    "two ints": ((0, 2), "torch::autograd::CopySlices"),
    "slice": (slice(0, 1), "torch::autograd::CopySlices"),
    "column": ((slice(None), 1), "torch::autograd::CopySlices"),
    "list": ([0], "IndexPutBackward0"),
    "long tensor": (np.array([1, 0]), "IndexPutBackward0"),
    "mask": (_X23 > 2, "IndexPutBackward0"),
    "int and list": ((1, [0, 2]), "torch::autograd::CopySlices"),
    "ellipsis and int": ((Ellipsis, 0), "torch::autograd::CopySlices"),
    "ellipsis": (Ellipsis, "FillBackward3"),
    "none and int": ((None, 0), "torch::autograd::CopySlices"),
    "full slice and list": ((slice(None), [0, 2]), "IndexPutBackward0"),
    "none, slice, int": ((None, slice(None), 1), "torch::autograd::CopySlices"),
}


def _as_torch_index(index):
    if isinstance(index, np.ndarray):
        return torch.tensor(index)
    return index


@pytest.mark.parametrize("index, node", SETITEM_FORMS.values(), ids=SETITEM_FORMS.keys())
def test_assignment_into_a_non_leaf_records_pytorchs_node(index, node):
    x = torch.tensor(_X23.tolist(), requires_grad=True)
    z = x * 1
    z[_as_torch_index(index)] = -5.0
    expected = _X23.copy()
    expected[index] = -5.0                                # NumPy's indexing picks the same elements
    assert z.grad_fn.name() == node
    assert z._version == 1 and not z.is_leaf
    assert_close(z, expected)
    z.sum().backward()
    assert_close(x.grad, (expected != -5.0).astype(np.float32))   # 0 where overwritten, 1 elsewhere


def test_mask_assignment_is_index_put_after_the_clone():
    """The ReLU students write by hand: y = x.clone(); y[y < 0] = 0."""
    x = torch.tensor([-1.0, 2.0, -3.0, 4.0], requires_grad=True)
    y = x.clone()
    clone_node = y.grad_fn
    y[y < 0] = 0
    assert y.grad_fn.name() == "IndexPutBackward0"
    assert y.grad_fn.next_functions[0] == (clone_node, 0)
    assert y.grad_fn.next_functions[1] == (None, 0)      # the value 0 is a constant
    assert_close(y, [0.0, 2.0, 0.0, 4.0])
    (y * y).sum().backward()                              # 2y where kept, 0 where overwritten
    assert_close(x.grad, [0.0, 4.0, 0.0, 8.0])


def test_assigned_values_get_their_gradient():
    x = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
    weights = torch.tensor([1.0, 2.0, 3.0, 4.0])
    for index in ([0, 2], slice(1, 3)):
        v = torch.tensor([10.0, 20.0], requires_grad=True)
        z = x * 2
        z[index] = v
        (z * weights).sum().backward()
        chosen = weights.array[index]
        assert_close(v.grad, chosen)                      # d(z·w)/dv = w at v's places
    s = torch.tensor(5.0, requires_grad=True)
    z = x * 1
    z[1:] = s                                             # one value in three places
    z.sum().backward()
    assert_close(s.grad, 3.0)


@pytest.mark.parametrize("index, message", [
    ("mask", LEAF_IN_PLACE), ([0], LEAF_IN_PLACE), (Ellipsis, LEAF_IN_PLACE),
    (0, LEAF_VIEW_IN_PLACE), (slice(0, 1), LEAF_VIEW_IN_PLACE)], ids=str)
def test_assignment_into_a_leaf_that_requires_grad(index, message):
    """index_put_ and fill_ act on the leaf itself; ints and slices write through a view."""
    x = torch.tensor([-1.0, 2.0], requires_grad=True)
    with raises_exactly(RuntimeError, message):
        x[x < 0 if index == "mask" else index] = 0
    assert_close(x, [-1.0, 2.0])
    assert x._version == 0
    with torch.no_grad():
        x[x < 0 if index == "mask" else index] = 0
    assert x._version == 1 and x.is_leaf and x.grad_fn is None


VIEWS = {
    "view": lambda b: b.view(2, 2), "reshape": lambda b: b.reshape(2, 2), "slice": lambda b: b[1:3],
    "select": lambda b: b[0], "unsqueeze": lambda b: b.unsqueeze(0), "squeeze": lambda b: b.view(1, 4).squeeze(0),
    "t": lambda b: b.view(2, 2).t(), "transpose": lambda b: b.view(2, 2).transpose(0, 1),
    "permute": lambda b: b.view(2, 2).permute(1, 0), "flatten": lambda b: b.view(2, 2).flatten(),
    "narrow": lambda b: b.narrow(0, 1, 2), "ellipsis": lambda b: b[...], "none": lambda b: b[None],
    "expand": lambda b: b[:1].expand(3),
}


@pytest.mark.parametrize("make", VIEWS.values(), ids=VIEWS.keys())
def test_views_share_their_base_and_its_version_counter(make):
    b = torch.tensor([1.0, 2.0, 3.0, 4.0])
    v = make(b)
    assert v._is_view() and v._base is b                 # a view of a view has the same base
    b.add_(1)
    assert b._version == v._version == 1
    assert_close(v, make(torch.tensor([2.0, 3.0, 4.0, 5.0])))


@pytest.mark.parametrize("make", [
    lambda b: b.clone(), lambda b: b[b > 1], lambda b: b[[0, 1]], lambda b: b.double(),
    lambda b: b.long(), lambda b: b.data, lambda b: b * 1], ids=["clone", "mask", "list", "double", "long", "data", "b*1"])
def test_copies_and_data_have_their_own_version_counter(make):
    b = torch.tensor([1.0, 2.0, 3.0, 4.0])
    other = make(b)
    other.add_(1)
    assert (b._version, other._version) == (0, 1)
    assert other._base is None


def test_in_place_through_a_view_rebases_the_base():
    """b = x·1; b[1:3] *= 2: b = x with its middle doubled, so db/dx = [1, 2, 2, 1]."""
    x = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
    b = x * 1
    old = b.grad_fn
    v = b[1:3]
    v.mul_(2)
    assert b.grad_fn.name() == "torch::autograd::CopySlices"
    assert b.grad_fn.next_functions[0] == (old, 0)
    assert v.grad_fn.name() == "AsStridedBackward0"
    assert v.grad_fn.next_functions == ((b.grad_fn, 0),)
    assert_close(b, [1.0, 4.0, 6.0, 4.0])
    b.sum().backward(retain_graph=True)
    assert_close(x.grad, [1.0, 2.0, 2.0, 1.0])
    x.grad = None
    v.sum().backward()
    assert_close(x.grad, [0.0, 2.0, 2.0, 0.0])


def test_a_change_of_the_base_reaches_its_older_views():
    """v = b[0:2] was taken before b *= 2, so v = 2·x[0:2] now."""
    x = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
    b = x * 1
    v = b[0:2]
    b.mul_(2)
    assert v.grad_fn.name() == "AsStridedBackward0"
    v.sum().backward()
    assert_close(x.grad, [2.0, 2.0, 0.0, 0.0])


def test_docs_example_sigmoid_then_detach_zero():
    """The autograd mechanics docs: the change through detach() is caught."""
    x = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
    out = x.sigmoid()
    out.detach().zero_()
    with raises_exactly(RuntimeError, version_message("FloatTensor", "3", "Sigmoid", 1)):
        out.sum().backward()


def test_change_through_a_view_of_a_saved_tensor_is_caught():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    z = y * y
    y.view(2).add_(1)
    with raises_exactly(RuntimeError, version_message("FloatTensor", "2", "torch::autograd::CopySlices", 1)):
        z.sum().backward()
    e = x.exp()
    e.view(2).mul_(2)                 # exp's own output, through a view that is gone at once
    with raises_exactly(RuntimeError, version_message("FloatTensor", "2", "Exp", 1)):
        e.sum().backward()


def test_in_place_result_that_was_saved_is_checked_at_its_new_version():
    x = torch.tensor([0.5, -1.5, 2.0], requires_grad=True)
    y = x * 1
    y.relu_()                          # ReluBackward0 saved its result, y, at version 1
    y.add_(1)
    with raises_exactly(RuntimeError, version_message("FloatTensor", "3", "Relu", 2, expected=1)):
        y.sum().backward()


def test_views_that_may_not_be_changed_in_place():
    x = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
    b = x * 1
    with raises_exactly(RuntimeError, (
            "Output 1 of Unbind is a view and is being modified inplace. This view is the output of a "
            "function that returns multiple views. Such functions do not allow the output views to be "
            "modified inplace. You should replace the inplace operation by an out-of-place one.")):
        b.unbind()[1].mul_(2)
    with torch.no_grad():
        v = b.view(2, 2)
    with raises_exactly(RuntimeError, (
            "A view was created in no_grad mode and is being modified inplace with grad mode enabled. "
            "Given that this use case is ambiguous and error-prone, it is forbidden. You can clarify your "
            "code by moving both the view and the inplace either both inside the no_grad block (if you "
            "don't want the inplace to be tracked) or both outside (if you want the inplace to be tracked).")):
        v.mul_(2)
    assert b._version == 0


def test_views_of_a_long_lived_tensor_do_not_pile_up():
    """The counter lists its views weakly: a view that is gone leaves the list."""
    w = torch.ones(4, requires_grad=True)
    for _ in range(1000):
        w.t().sum()
        w[0:2]
    assert len(w._counter.views) < 5


# The in-place family: x.name_(*args) must be name(x, *args) written into x's memory.
# Expected values and derivatives from NumPy (the derivative by central differences, float64).
IN_PLACE_FAMILY = {
    "add_": ((1.5,), lambda a: a + 1.5, "AddBackward0"),
    "sub_": ((1.5,), lambda a: a - 1.5, "SubBackward0"),
    "mul_": ((3.0,), lambda a: a * 3.0, "MulBackward0"),
    "div_": ((4.0,), lambda a: a / 4.0, "DivBackward0"),
    "pow_": ((2,), lambda a: a ** 2, "PowBackward0"),
    "neg_": ((), lambda a: -a, "NegBackward0"),
    "reciprocal_": ((), lambda a: 1 / a, "ReciprocalBackward0"),
    "exp_": ((), np.exp, "ExpBackward0"),
    "log_": ((), np.log, "LogBackward0"),
    "sqrt_": ((), np.sqrt, "SqrtBackward0"),
    "abs_": ((), np.abs, "AbsBackward0"),
    "sin_": ((), np.sin, "SinBackward0"),
    "cos_": ((), np.cos, "CosBackward0"),
    "tanh_": ((), np.tanh, "TanhBackward0"),
    "sigmoid_": ((), lambda a: 1 / (1 + np.exp(-a)), "SigmoidBackward0"),
    "relu_": ((), lambda a: np.maximum(a, 0), "ReluBackward0"),
    "clamp_": ((0.6, 1.8), lambda a: np.clip(a, 0.6, 1.8), "ClampBackward1"),
    "clamp_min_": ((1.0,), lambda a: np.maximum(a, 1.0), "ClampMinBackward0"),
    "clamp_max_": ((1.0,), lambda a: np.minimum(a, 1.0), "ClampMaxBackward0"),
}


@pytest.mark.parametrize("name", IN_PLACE_FAMILY)
def test_in_place_family_on_a_non_leaf(name):
    args, reference, node = IN_PLACE_FAMILY[name]
    start = np.array([0.4, 1.3, 2.5])          # away from the kinks of abs, relu and clamp
    x = torch.tensor(start.tolist(), requires_grad=True)
    y = x * 1
    assert getattr(y, name)(*args) is y
    assert (y.grad_fn.name(), y._version) == (node, 1)
    assert_close(y, reference(start).astype(np.float32), rtol=1e-5)
    y.sum().backward()
    h = 1e-6
    assert_close(x.grad, (reference(start + h) - reference(start - h)) / (2 * h), rtol=1e-4, atol=1e-5)
    leaf = torch.tensor(start.tolist(), requires_grad=True)
    with raises_exactly(RuntimeError, LEAF_IN_PLACE):
        getattr(leaf, name)(*args)


@pytest.mark.parametrize("name", ["relu_", "sigmoid_", "tanh_", "exp_", "abs_", "neg_", "sqrt_", "log_",
                                  "sin_", "cos_", "clamp_min_", "clamp_max_", "reciprocal_", "zero_"])
def test_functional_in_place_forms(name):
    args = (1.0,) if name.startswith("clamp_m") else ()
    a = torch.tensor([0.5, 2.0])
    b = torch.tensor([0.5, 2.0])
    assert getattr(torch, name)(a, *args) is a
    assert_close(a, getattr(b, name)(*args))


CASTS = {
    "long": (lambda t: t.long(), "int64"), "int": (lambda t: t.int(), "int32"), "bool": (lambda t: t.bool(), "bool"),
    "to(int64)": (lambda t: t.to(torch.int64), "int64"), "to(dtype=int32)": (lambda t: t.to(dtype=torch.int32), "int32"),
    "type(str)": (lambda t: t.type("torch.LongTensor"), "int64"), "type_as": (lambda t: t.type_as(torch.tensor([1])), "int64"),
}


@pytest.mark.parametrize("cast, dtype_name", CASTS.values(), ids=CASTS.keys())
def test_integer_casts_leave_the_graph(cast, dtype_name):
    x = torch.tensor([0.5, -1.5, 2.0], requires_grad=True)
    out = cast(x * 2)
    assert out.dtype is getattr(torch, dtype_name)
    assert (out.requires_grad, out.grad_fn, out.is_leaf) == (False, None, True)
    assert out.tolist() == np.array([1.0, -3.0, 4.0]).astype(getattr(np, dtype_name if dtype_name != "bool" else "bool_")).tolist()


def test_float_casts_stay_in_the_graph():
    x = torch.tensor([0.5, -1.5], requires_grad=True)
    for out in (x.double(), x.to(torch.float64), x.type("torch.DoubleTensor")):
        assert out.grad_fn.name() == "ToCopyBackward0"
    assert x.float() is x and x.type(torch.float32) is x
    with raises_exactly(ValueError, "invalid type: 'torch.Foo'"):
        x.type("torch.Foo")


# -- custom Functions with several outputs, mark_dirty, mark_non_differentiable ---------------

class _SinCos(autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.sin(), x.cos()

    @staticmethod
    def backward(ctx, grad_sin, grad_cos):
        x, = ctx.saved_tensors
        return grad_sin * x.cos() - grad_cos * x.sin()


def test_function_with_two_outputs_shares_one_node_and_numbers_its_edges():
    x = torch.tensor([0.5, 1.0], requires_grad=True)
    s, c = _SinCos.apply(x)
    assert s.grad_fn is c.grad_fn
    y = s * c
    assert [nr for _, nr in y.grad_fn.next_functions] == [0, 1]
    y.sum().backward()
    a = np.array([0.5, 1.0], dtype=np.float32)
    np.testing.assert_allclose(x.grad.numpy(), np.cos(a) ** 2 - np.sin(a) ** 2, rtol=1e-6)


def test_function_with_two_outputs_as_two_roots_and_broadcast_consumers():
    x = torch.tensor([0.5, 1.0], requires_grad=True)
    s, c = _SinCos.apply(x)
    # both outputs are roots of one backward call; c's consumer broadcasts it to (3, 2)
    autograd.backward([s, (c * torch.ones(3, 1)).sum()], [torch.tensor([2.0, 3.0]), None])
    a = np.array([0.5, 1.0], dtype=np.float32)
    np.testing.assert_allclose(x.grad.numpy(), np.array([2.0, 3.0]) * np.cos(a) - 3 * np.sin(a), rtol=1e-6)


def test_gradient_with_respect_to_one_of_several_outputs():
    x = torch.tensor([0.5, 1.0], requires_grad=True)
    s, c = _SinCos.apply(x)
    gs, gc = autograd.grad((s * 2 + c * 5).sum(), (s, c))
    assert gs.tolist() == [2.0, 2.0] and gc.tolist() == [5.0, 5.0]


def test_unused_output_gets_zeros_unless_materialize_grads_is_off():
    seen = []

    class Two(autograd.Function):
        @staticmethod
        def forward(ctx, x, materialize):
            ctx.set_materialize_grads(materialize)
            return x * 2, x * 3

        @staticmethod
        def backward(ctx, g1, g2):
            seen.append((g1 if g1 is None else g1.tolist(), g2 if g2 is None else g2.tolist()))
            return (2 * g1 if g1 is not None else 0) + (3 * g2 if g2 is not None else 0), None

    x = torch.tensor([1.0, 1.0], requires_grad=True)
    Two.apply(x, True)[1].sum().backward()
    Two.apply(x, False)[1].sum().backward()
    assert seen == [([0.0, 0.0], [1.0, 1.0]), (None, [1.0, 1.0])]
    assert x.grad.tolist() == [6.0, 6.0]


def test_hooks_on_one_of_several_outputs_see_that_output_only():
    x = torch.tensor([0.5, 1.0], requires_grad=True)
    s, c = _SinCos.apply(x)
    seen = []
    s.register_hook(lambda g: seen.append(("s", g.tolist())))
    c.register_hook(lambda g: g * 0)          # c's gradient is cancelled before backward sees it
    c.retain_grad()
    (s * 2 + c * 5).sum().backward()
    assert seen == [("s", [2.0, 2.0])]
    assert c.grad.tolist() == [0.0, 0.0] and c.retains_grad and not s.retains_grad
    a = np.array([0.5, 1.0], dtype=np.float32)
    np.testing.assert_allclose(x.grad.numpy(), 2 * np.cos(a), rtol=1e-6)


def test_mark_dirty_returns_the_input_itself_with_the_new_history():
    class AddOne(autograd.Function):
        @staticmethod
        def forward(ctx, x):
            x.add_(1)
            ctx.mark_dirty(x)
            return x

        @staticmethod
        def backward(ctx, grad):
            return grad

    a = torch.tensor([1.0, 2.0], requires_grad=True)
    b = a.clone()
    out = AddOne.apply(b)
    assert out is b and b._version == 2 and b.grad_fn.name() == "AddOneBackward"
    (out * out).sum().backward()
    assert a.grad.tolist() == [4.0, 6.0]
    with pytest.raises(RuntimeError, match="a leaf Variable that requires grad has been used in an in-place"):
        AddOne.apply(a)
    # without any input that requires grad the mark is forgotten after the call
    plain = torch.tensor([1.0])
    assert AddOne.apply(plain) is plain
    other = torch.tensor([5.0])

    class Identity(autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x

    assert Identity.apply(other) is not other


def test_mark_non_differentiable_outputs_do_not_require_grad():
    class WithMask(autograd.Function):
        @staticmethod
        def forward(ctx, x):
            mask = x > 0
            ctx.mark_non_differentiable(mask)
            return x * 2, mask

        @staticmethod
        def backward(ctx, g, g_mask):
            assert g_mask.dtype == torch.bool and not g_mask.any()
            return g * 2

    x = torch.tensor([1.0, -1.0], requires_grad=True)
    y, mask = WithMask.apply(x)
    assert y.requires_grad and not mask.requires_grad and mask.grad_fn is None
    y.sum().backward()
    assert x.grad.tolist() == [2.0, 2.0]


# -- anomaly detection ---------------------------------------------------------------------------

def test_detect_anomaly_names_the_forward_line_and_restores_the_mode():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with autograd.detect_anomaly():
            y = x.exp()                       # the line the warning must point at
            line = sys._getframe().f_lineno - 1
            y.add_(1)
            with pytest.raises(RuntimeError, match="Good luck!"):
                y.sum().backward()
    assert not torch.is_anomaly_enabled() and torch.is_anomaly_check_nan_enabled()
    messages = [str(w.message) for w in caught]
    assert messages[0].startswith("Anomaly Detection has been enabled.")
    detected = messages[1]
    assert detected.startswith("Error detected in ExpBackward0. Traceback of forward call that caused the error:")
    assert f'{__file__}", line {line}, in test_detect_anomaly' in detected
    assert "autograd_core" + "/" not in detected.split("(Triggered")[0]   # the engine's own frames are left out


def test_anomaly_nan_check_names_the_output_and_can_be_turned_off():
    class NanBackward(autograd.Function):
        @staticmethod
        def forward(ctx, a, b):
            return a * b

        @staticmethod
        def backward(ctx, grad):
            return grad, grad * float("nan")

    a = torch.tensor([1.0], requires_grad=True)
    b = torch.tensor([1.0], requires_grad=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with autograd.set_detect_anomaly(True):
            with pytest.raises(RuntimeError, match=r"^Function 'NanBackwardBackward' returned nan values in its 1th output\.$"):
                NanBackward.apply(a, b).sum().backward()
        with autograd.set_detect_anomaly(True, check_nan=False):
            NanBackward.apply(a, b).sum().backward()
    assert np.isnan(b.grad.item()) and not torch.is_anomaly_enabled()
