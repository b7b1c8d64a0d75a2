"""autograd_core.viz: what ``draw_graph`` and ``trace_backward`` draw, checked as structure.

Every picture is first a ``GraphDescription`` (boxes and arrows as data); the
tests check that description, the Graphviz source made from it, and the
matplotlib fallback's layout, on small graphs whose numbers are worked out by
hand.  No test looks at pixels or at timings.
"""
import re
import shutil
import sys

import numpy as np
import pytest

import autograd_core as torch
from autograd_core import nn
from autograd_core.viz import (BackwardTrace, GraphDescription, describe_graph, draw_graph,
                               trace_backward)
from autograd_core.viz import backend, matplotlib_drawing, trace as trace_module
from autograd_core.viz.description import FREED_TITLE, IN_USE_TITLE, NO_GRAPH_LINE, SAVED_TITLE

HAS_DOT = shutil.which("dot") is not None
needs_dot = pytest.mark.skipif(not HAS_DOT, reason="Graphviz's dot program is not installed")


# -- graphs of the seed tutorials -----------------------------------------------------------

def seed002():
    """Seed 002's graph: b = w1·a, c = w2·a, d = w3·b + w4·c, L = (10 - d)²
    (the values of tests/golden/snippets/seed002_01_graph_backward.py).

    b = 6, c = -2, d = -5, L = 225; dL/dd = -30, so
    a.grad = -30·(w3·w1 + w4·w2) = 75, w1.grad = -30·w3·a = -30,
    w2.grad = -30·w4·a = -240, w3.grad = -30·b = -180, w4.grad = -30·c = 60.
    """
    a = torch.tensor(2.0, requires_grad=True)
    w1 = torch.tensor(3.0, requires_grad=True)
    w2 = torch.tensor(-1.0, requires_grad=True)
    w3 = torch.tensor(0.5, requires_grad=True)
    w4 = torch.tensor(4.0, requires_grad=True)
    b = w1 * a
    c = w2 * a
    d = w3 * b + w4 * c
    L = (10 - d) ** 2
    return dict(a=a, w1=w1, w2=w2, w3=w3, w4=w4, b=b, c=c, d=d, L=L)


SEED002_GRADS = dict(a=75.0, w1=-30.0, w2=-240.0, w3=-180.0, w4=60.0)


def seed004_xy():
    """Seed 004's chain-rule example: z = x·y at x = 2, y = 3, upstream gradient 5."""
    x = torch.tensor(2.0, requires_grad=True)
    y = torch.tensor(3.0, requires_grad=True)
    return x, y, x * y


def linear_loss(x_val, y_val):
    """Seed 004's linear model: loss = (x·w - y)² at w = 1."""
    w = torch.tensor(1.0, requires_grad=True)
    x, y = torch.tensor(x_val), torch.tensor(y_val)
    return w, (x * w - y) ** 2


# -- helpers that read a description --------------------------------------------------------

def functions(desc):
    return [node for node in desc.nodes if node.kind == "function"]


def leaf(desc, name):
    (box,) = [node for node in desc.nodes if node.kind in ("leaf", "output") and node.title == name]
    return box


def accumulator_of(desc, name):
    """The AccumulateGrad box under leaf ``name`` (leaf vK sits on node nK)."""
    return desc.node("n" + leaf(desc, name).id[1:])


def made(desc, name):
    """The function box that made the named intermediate tensor ``name``."""
    (box,) = [node for node in functions(desc) if any(line.startswith(name + " (") for line in node.lines)]
    return box


def flow(desc, src, dst, slot=None):
    (edge,) = [e for e in desc.flow_edges() if e.src == src and e.dst == dst
               and (slot is None or e.slot == slot)]
    return edge


def titles(boxes):
    return sorted(box.title for box in boxes)


# -- draw_graph: what is drawn --------------------------------------------------------------

def test_grad_fn_nodes_and_leaves_of_seed002():
    t = seed002()
    desc = describe_graph(t["L"], params=t)

    assert titles(functions(desc)) == ["AddBackward0", "MulBackward0", "MulBackward0", "MulBackward0",
                                       "MulBackward0", "PowBackward0", "RsubBackward1"]
    assert len(desc.find("AccumulateGrad")) == 5
    assert titles(n for n in desc.nodes if n.kind == "leaf") == ["a", "w1", "w2", "w3", "w4"]
    for name in SEED002_GRADS:
        assert leaf(desc, name).lines == ["()"]          # name, then shape
    (output,) = [n for n in desc.nodes if n.kind == "output"]
    assert (output.title, output.lines) == ("L", ["()"])


def test_edges_go_from_input_to_the_node_that_used_it():
    t = seed002()
    desc = describe_graph(t["L"], params=t)
    b, c, d = made(desc, "b"), made(desc, "c"), made(desc, "d")

    # a is used twice but has one AccumulateGrad, with one arrow to each use.
    acc_a = accumulator_of(desc, "a")
    assert sorted(e.dst for e in desc.flow_edges() if e.src == acc_a.id) == sorted([b.id, c.id])
    assert flow(desc, leaf(desc, "a").id, acc_a.id)
    # slot says which input: b = w1 * a has w1 in slot 0 and a in slot 1.
    assert flow(desc, accumulator_of(desc, "w1").id, b.id).slot == 0
    assert flow(desc, acc_a.id, b.id).slot == 1
    # d = (w3 * b) + (w4 * c): b feeds a MulBackward0 that feeds d.
    (b_user,) = [e.dst for e in desc.flow_edges() if e.src == b.id]
    assert desc.node(b_user).title == "MulBackward0"
    assert flow(desc, b_user, d.id)
    # The output's node points at the output box.
    (into_output,) = [e for e in desc.flow_edges() if e.dst == "out"]
    assert desc.node(into_output.src).title == "PowBackward0"
    # 7 function nodes + 5 leaves: 6 arrows between function nodes, 6 from
    # AccumulateGrad nodes (a twice), 5 from leaves, 1 into the output.
    assert len(desc.flow_edges()) == 18


def test_leaves_are_matched_by_identity_and_named_with_their_shape():
    torch.manual_seed(0)
    model = nn.Linear(3, 2)
    x = torch.randn(4, 3, requires_grad=True)
    twin = torch.tensor(2.0, requires_grad=True)
    named = torch.tensor(2.0, requires_grad=True)        # equal value, different tensor
    loss = ((model(x) * twin).sum() + named)
    desc = describe_graph(loss, params={**dict(model.named_parameters()), "named": named})

    assert leaf(desc, "weight").lines == ["(2, 3)"]
    assert leaf(desc, "bias").lines == ["(2)"]
    assert leaf(desc, "named").lines == ["()"]
    unnamed = sorted(n.lines[0] for n in desc.nodes if n.kind == "leaf" and n.title.startswith("leaf "))
    assert unnamed == ["()", "(4, 3)"]   # x and twin: equal to a named tensor is not enough
    assert "AddmmBackward0" in titles(functions(desc))


def test_saved_tensors_are_listed_with_pytorch_names():
    t = seed002()
    desc = describe_graph(t["L"], params=t)

    saved_b = desc.saved_box(made(desc, "b").id)
    assert (saved_b.title, saved_b.lines, saved_b.freed) == (SAVED_TITLE, ["self = w1 ()", "other = a ()"], False)
    # PowBackward0 saved the unnamed 10 - d.
    (power,) = desc.find("PowBackward0")
    assert desc.saved_box(power.id).lines == ["self ()"]
    # Addition and 10 - d need no values for backward: no saved box.
    assert desc.saved_box(made(desc, "d").id) is None
    (rsub,) = desc.find("RsubBackward1")
    assert desc.saved_box(rsub.id) is None


@pytest.mark.parametrize("build, node, expected", [
    (lambda x: x * x, "MulBackward0", ["self = x (3)", "other = x (3)"]),
    # As in PyTorch, only the operand another gradient needs is saved (_saved_self is None).
    (lambda x: x * 3, "MulBackward0", ["other ()"]),
    (lambda x: x.exp(), "ExpBackward0", ["result (3)"]),
    (lambda x: torch.dot(x, x), "DotBackward0", ["self = x (3)", "tensor = x (3)"]),
    (lambda x: torch.ones(2, 3) @ x, "MvBackward0", ["self (2, 3)"]),
    (lambda x: nn.functional.mse_loss(x, torch.zeros(3)), "MseLossBackward0", ["self = x (3)", "target (3)"]),
])
def test_saved_roles_follow_pytorch_saved_attribute_names(build, node, expected):
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    desc = describe_graph(build(x), params={"x": x})
    (box,) = desc.find(node)
    assert desc.saved_box(box.id).lines == expected


def test_linear_layer_saves_mat1_and_mat2():
    model = nn.Linear(3, 2)
    x = torch.ones(4, 3)
    desc = describe_graph(model(x).sum(), params=dict(model.named_parameters()))
    (addmm,) = desc.find("AddmmBackward0")
    assert desc.saved_box(addmm.id).lines == ["mat1 (4, 3)", "mat2 (3, 2)"]


def test_a_students_function_shows_saved_tensors_by_index():
    class Square(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x.array ** 2

        @staticmethod
        def backward(ctx, grad):
            (x,) = ctx.saved_tensors
            return 2 * x * grad

    x = torch.tensor([1.0, 2.0], requires_grad=True)
    desc = describe_graph(Square.apply(x).sum(), params={"x": x})
    (box,) = desc.find("SquareBackward")
    assert desc.saved_box(box.id).lines == ["saved_tensors[0] = x (2)"]


def test_backward_frees_saved_tensors_and_the_drawing_shows_it():
    t = seed002()
    before = describe_graph(t["L"], params=t)
    t["L"].backward()
    after = describe_graph(t["L"], params=t)

    saved_before = [n for n in before.nodes if n.kind == "saved"]
    saved_after = [n for n in after.nodes if n.kind == "saved"]
    assert len(saved_before) == len(saved_after) == 5     # four Mul and one Pow
    assert not any(box.freed for box in saved_before)
    assert all(box.freed and box.title == FREED_TITLE for box in saved_after)
    # What was freed is still named (the earlier drawing remembered it).
    assert after.saved_box(made(after, "b").id).lines == ["self = w1 ()", "other = a ()"]
    # The graph itself is unchanged.
    assert [(e.src, e.dst) for e in after.edges] == [(e.src, e.dst) for e in before.edges]


def test_retain_graph_keeps_saved_tensors():
    t = seed002()
    t["L"].backward(retain_graph=True)
    desc = describe_graph(t["L"], params=t)
    assert not any(box.freed for box in desc.nodes if box.kind == "saved")
    assert all(box.title == SAVED_TITLE for box in desc.nodes if box.kind == "saved")


def test_show_values_gives_data_then_grad_like_micrograd():
    t = seed002()
    plain = describe_graph(t["L"], params=t)
    assert not any(line.startswith(("data", "grad")) for n in plain.nodes for line in n.lines)

    before = describe_graph(t["L"], params=t, show_values=True)
    assert leaf(before, "a").lines == ["()", "data 2.0000", "grad None"]
    assert made(before, "b").lines == ["b ()", "data 6.0000"]     # a non-leaf keeps no grad
    assert made(before, "d").lines == ["d ()", "data -5.0000"]
    (output,) = [n for n in before.nodes if n.kind == "output"]
    assert output.lines == ["()", "data 225.0000"]
    assert before.saved_box(made(before, "b").id).lines == ["self = w1 (): 3.0000", "other = a (): 2.0000"]

    t["L"].backward()
    after = describe_graph(t["L"], params=t, show_values=True)
    for name, grad in SEED002_GRADS.items():
        assert leaf(after, name).lines[-1] == f"grad {grad:.4f}"
    # Freed values are gone, so they are not shown.
    assert after.saved_box(made(after, "b").id).lines == ["self = w1 ()", "other = a ()"]


def test_show_values_shows_grad_of_retain_grad_tensors():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    h = x * 2
    h.retain_grad()
    h.sum().backward()
    desc = describe_graph(h.sum(), params={"x": x, "h": h}, show_values=True)
    assert made(desc, "h").lines == ["h (2)", "data [2.0000, 4.0000]", "grad [1.0000, 1.0000]"]


def test_a_tensor_without_graph_is_one_box():
    desc = describe_graph(torch.tensor([1.0, 2.0]) * 2)
    assert [(n.kind, n.title, n.lines) for n in desc.nodes] == [("output", "output", ["(2)", NO_GRAPH_LINE])]
    assert desc.edges == []


def test_a_leaf_output_is_its_own_accumulate_grad():
    x = torch.tensor(1.0, requires_grad=True)
    desc = describe_graph(x, params={"x": x})
    assert [(n.kind, n.title) for n in desc.nodes] == [("accumulate", "AccumulateGrad"), ("output", "x")]


def test_text_version_lists_boxes_and_arrows():
    x, y, z = seed004_xy()
    text = str(describe_graph(z, params={"x": x, "y": y}))
    assert text.splitlines()[:3] == [" out  output     output | ()",
                                     "  n0  function   MulBackward0",
                                     "  s0  saved      saved | self = x () | other = y ()"]
    assert "  n1 -> n0" in text.splitlines()


# -- draw_graph with Graphviz ---------------------------------------------------------------

def graphviz_nodes(dot):
    """{node id: its source line} of a graphviz.Digraph's body."""
    nodes = {}
    for line in dot.body:
        match = re.match(r"\s*(\w+) \[", line)
        if match:
            nodes[match.group(1)] = line
    return nodes


def graphviz_edges(dot):
    return [tuple(m.groups()) for m in (re.match(r"\s*(\w+) -> (\w+)", line) for line in dot.body) if m]


@needs_dot
def test_draw_graph_returns_a_graphviz_digraph_of_the_description():
    import graphviz

    t = seed002()
    dot = draw_graph(t["L"], params=t)
    desc = describe_graph(t["L"], params=t)
    assert isinstance(dot, graphviz.Digraph)

    nodes = graphviz_nodes(dot)
    # Saved boxes are drawn inside their node, so they are no Graphviz nodes of their own.
    assert set(nodes) == {n.id for n in desc.nodes if n.kind != "saved"}
    assert sorted(graphviz_edges(dot)) == sorted((e.src, e.dst) for e in desc.flow_edges())
    assert "MulBackward0" in nodes[made(desc, "b").id] and "self = w1 ()" in nodes[made(desc, "b").id]
    assert 'label="w1\n()"' in nodes[leaf(desc, "w1").id]
    assert "<svg" in dot.pipe(format="svg", encoding="utf-8")   # dot accepts the source


@needs_dot
def test_freed_saved_tensors_are_dashed_grey_in_graphviz():
    x, y, z = seed004_xy()
    before = graphviz_nodes(draw_graph(z, params={"x": x, "y": y}))["n0"]
    assert "#EE8866" in before and "dashed" not in before and "freed" not in before
    z.backward(torch.tensor(5.0))
    after = graphviz_nodes(draw_graph(z, params={"x": x, "y": y}))["n0"]
    assert 'STYLE="dashed"' in after and "#888888" in after and "saved: freed" in after


def test_unknown_backend_is_an_error():
    with pytest.raises(ValueError, match="backend"):
        draw_graph(torch.tensor(1.0, requires_grad=True) * 2, backend="svg")


# -- trace_backward: the steps --------------------------------------------------------------

def step_summary(trace):
    return [(s.label, float(s.grad_in.item()), [(f.target, float(f.grad.item())) for f in s.grads_out])
            for s in trace.steps]


def test_trace_of_seed004_upstream_gradient_5():
    x, y, z = seed004_xy()
    trace = trace_backward(z, torch.tensor(5.0), params={"x": x, "y": y})

    assert isinstance(trace, BackwardTrace) and len(trace) == 3
    assert step_summary(trace) == [
        ("MulBackward0", 5.0, [("x", 15.0), ("y", 10.0)]),
        ("AccumulateGrad (x)", 15.0, [("x.grad", 15.0)]),
        ("AccumulateGrad (y)", 10.0, [("y.grad", 10.0)]),
    ]
    assert (x.grad.item(), y.grad.item()) == (15.0, 10.0)
    assert [s.node_name for s in trace] == ["MulBackward0", "AccumulateGrad", "AccumulateGrad"]
    assert trace[0].freed and not trace[1].freed


@pytest.mark.parametrize("x_val, y_val, w_grad", [(1.0, 2.0, -2.0), (2.0, 4.0, -8.0)])
def test_trace_of_the_linear_model_loss(x_val, y_val, w_grad):
    w, loss = linear_loss(x_val, y_val)
    trace = trace_backward(loss, params={"w": w})
    # loss = s², s = ŷ - y, ŷ = x·w:  dL/ds = 2s, dL/dŷ = dL/ds, dL/dw = dL/dŷ · x.
    s = x_val * 1.0 - y_val
    assert step_summary(trace) == [
        ("PowBackward0", 1.0, [("SubBackward0", 2 * s)]),
        ("SubBackward0", 2 * s, [("MulBackward0", 2 * s)]),
        ("MulBackward0", 2 * s, [("w", 2 * s * x_val)]),
        ("AccumulateGrad (w)", w_grad, [("w.grad", w_grad)]),
    ]
    assert w.grad.item() == w_grad


def test_trace_table_text_and_html():
    x, y, z = seed004_xy()
    trace = trace_backward(z, torch.tensor(5.0), params={"x": x, "y": y})
    assert repr(trace).splitlines() == [
        "단계  노드                들어온 기울기  나가는 기울기",
        "1     MulBackward0        5.0000         x: 15.0000, y: 10.0000",
        "2     AccumulateGrad (x)  15.0000        x.grad = 15.0000",
        "3     AccumulateGrad (y)  10.0000        y.grad = 10.0000",
    ]
    table = trace.table()._repr_html_()
    assert table.count("<tr>") == 4 and "<th" in table
    assert "<td><code>AccumulateGrad (x)</code></td>" in table
    assert "x: 15.0000<br>y: 10.0000" in table


def model_graphs():
    """Graphs whose backward has something to get right: each returns (output, gradient, leaves, extra)."""
    def seed(_):
        t = seed002()
        return t["L"], None, [t[k] for k in SEED002_GRADS], []

    def broadcast(rng):
        A = torch.tensor(rng.normal(size=(2, 3)), requires_grad=True)
        v = torch.tensor(rng.normal(size=3), requires_grad=True)
        return (A * v + v).sum(), None, [A, v], []

    def shared_and_hooked(rng):
        x = torch.tensor(rng.normal(size=4), requires_grad=True)
        h = x.exp()
        h.retain_grad()
        h.register_hook(lambda g: g * 3)
        out = (h * h + h.sin() * x)
        return out, torch.tensor(rng.normal(size=4)), [x], [h]

    def linear_mse(rng):
        model = nn.Linear(3, 2)
        x = torch.tensor(rng.normal(size=(5, 3)), dtype=torch.float32)
        target = torch.tensor(rng.normal(size=(5, 2)), dtype=torch.float32)
        loss = nn.MSELoss()(torch.relu(model(x)), target)
        return loss, None, list(model.parameters()), []

    def accumulates(rng):
        x = torch.tensor(rng.normal(size=3), requires_grad=True)
        (x * 2).sum().backward()                      # x.grad is already set
        return (x ** 2).sum(), None, [x], []

    return [seed, broadcast, shared_and_hooked, linear_mse, accumulates]


@pytest.mark.parametrize("build", model_graphs(), ids=lambda b: b.__name__)
def test_trace_gives_the_same_grads_as_backward(build):
    torch.manual_seed(0)
    out, gradient, leaves, retained = build(np.random.default_rng(0))
    out.backward(gradient)
    expected = [t.grad.array.copy() for t in leaves + retained]

    torch.manual_seed(0)
    out, gradient, leaves, retained = build(np.random.default_rng(0))
    trace_backward(out, gradient)
    for got, want in zip([t.grad.array for t in leaves + retained], expected):
        assert got.dtype == want.dtype
        np.testing.assert_array_equal(got, want)
    # Freed as backward frees: a second pass fails the same way.
    with pytest.raises(RuntimeError, match="backward through the graph a second time"):
        out.backward(gradient)


def test_trace_with_retain_graph_keeps_saved_tensors_and_can_run_again():
    w, loss = linear_loss(1.0, 2.0)
    first = trace_backward(loss, params={"w": w}, retain_graph=True)
    assert not any(step.freed for step in first)
    second = trace_backward(loss, params={"w": w})
    assert w.grad.item() == -4.0                        # accumulated twice
    assert [s.freed for s in second] == [True, False, True, False]   # Pow, Sub, Mul, AccumulateGrad
    with pytest.raises(RuntimeError, match="second time"):
        trace_backward(loss, params={"w": w})


def test_trace_checks_its_arguments_as_backward_does():
    with pytest.raises(RuntimeError, match="does not require grad"):
        trace_backward(torch.tensor(1.0) * 2)
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    with pytest.raises(RuntimeError, match="only for scalar outputs"):
        trace_backward(x * 2)


# -- trace_backward: the frames -------------------------------------------------------------

def edge_states(desc):
    return {(e.src, e.dst, e.slot): (e.state, e.label) for e in desc.flow_edges()}


def test_frames_highlight_the_flowing_gradient():
    x, y, z = seed004_xy()
    trace = trace_backward(z, torch.tensor(5.0), params={"x": x, "y": y})
    frames = trace.describe_frames()
    assert len(frames) == 3 and all(isinstance(f, GraphDescription) for f in frames)
    acc_x, acc_y = accumulator_of(frames[0], "x").id, accumulator_of(frames[0], "y").id
    vx, vy = leaf(frames[0], "x").id, leaf(frames[0], "y").id

    # Step 1: MulBackward0 runs and sends 15 to x and 10 to y.
    assert edge_states(frames[0]) == {
        ("n0", "out", 0): ("past", "5.0000"),
        (acc_x, "n0", 0): ("current", "15.0000"),
        (acc_y, "n0", 1): ("current", "10.0000"),
        (vx, acc_x, 0): ("waiting", ""),
        (vy, acc_y, 0): ("waiting", ""),
    }
    # Step 2: x's AccumulateGrad stores 15 in x.grad.
    assert edge_states(frames[1])[(vx, acc_x, 0)] == ("current", "15.0000")
    assert edge_states(frames[1])[(acc_x, "n0", 0)] == ("past", "15.0000")
    assert edge_states(frames[1])[(vy, acc_y, 0)] == ("waiting", "")
    # Step 3: y's.
    assert edge_states(frames[2])[(vy, acc_y, 0)] == ("current", "10.0000")
    assert edge_states(frames[2])[(vx, acc_x, 0)] == ("past", "15.0000")

    assert [[n.id for n in f.nodes if n.current] for f in frames] == [["n0"], [acc_x], [acc_y]]
    assert all(f.arrows_follow_gradient for f in frames)
    assert frames[0].caption == "단계 1/3: MulBackward0, 들어온 기울기 5.0000"


def test_frames_show_grads_and_freed_tensors_as_they_were_at_that_step():
    x = torch.tensor(2.0, requires_grad=True)
    y = torch.tensor(3.0, requires_grad=True)
    inner = x * y
    out = inner * inner
    trace = trace_backward(out, params={"x": x, "y": y, "inner": inner})
    assert [s.label for s in trace] == ["MulBackward0", "MulBackward0 (inner)",
                                        "AccumulateGrad (x)", "AccumulateGrad (y)"]
    frames = trace.describe_frames()

    def freed(frame):
        return sorted(e.src for e in frame.edges if e.kind == "saved" and frame.node(e.dst).freed)

    inner_id = made(frames[0], "inner").id
    # A node's saved tensors are in use at its own step, freed from the next one on.
    assert freed(frames[0]) == []                           # the outer product is running
    assert frames[0].saved_box("n0").title == IN_USE_TITLE
    assert frames[0].saved_box(inner_id).title == SAVED_TITLE
    assert freed(frames[1]) == ["n0"]
    assert frames[1].saved_box(inner_id).title == IN_USE_TITLE
    assert freed(frames[2]) == sorted(["n0", inner_id])
    assert frames[2].saved_box("n0").title == FREED_TITLE
    # inner = 6, out = 36: d out/d inner = 12, x.grad = 12·3 = 36, y.grad = 12·2 = 24.
    assert leaf(frames[1], "x").lines[-1] == "grad None"
    assert leaf(frames[2], "x").lines[-1] == "grad 36.0000"
    assert leaf(frames[2], "y").lines[-1] == "grad None"
    assert leaf(frames[3], "y").lines[-1] == "grad 24.0000"
    # inner is used twice by the outer product: 6 goes along each input slot,
    # and the next step receives their sum, 12.
    assert edge_states(frames[0])[(inner_id, "n0", 0)] == ("current", "6.0000")
    assert edge_states(frames[0])[(inner_id, "n0", 1)] == ("current", "6.0000")
    assert trace[1].grad_in.item() == 12.0


@needs_dot
def test_graphviz_frames_colour_the_current_gradient():
    x, y, z = seed004_xy()
    trace = trace_backward(z, torch.tensor(5.0), params={"x": x, "y": y})
    frame = trace.frames()[0]
    current = [line for line in frame.body if "->" in line and "#EE7733" in line]
    assert len(current) == 2 and all("dir=back" in line for line in current)
    assert 'label="단계 1/3: MulBackward0, 들어온 기울기 5.0000"' in frame.source


@needs_dot
def test_trace_displays_as_table_then_frames():
    x, y, z = seed004_xy()
    trace = trace_backward(z, torch.tensor(5.0), params={"x": x, "y": y})
    page = trace._repr_html_()
    assert page.index("<table") < page.index("<svg")
    assert page.count("<svg") == 3


def test_frames_are_a_slider_with_ipywidgets(monkeypatch):
    ipywidgets = pytest.importorskip("ipywidgets")
    x, y, z = seed004_xy()
    trace = trace_backward(z, torch.tensor(5.0), params={"x": x, "y": y})
    shown = []
    monkeypatch.setattr(trace_module, "_display", shown.append)

    view = trace._frames_view(backend="matplotlib")
    assert isinstance(view.widget, ipywidgets.VBox)
    choose = view.widget.children[0]
    assert isinstance(choose, ipywidgets.IntSlider) and (choose.min, choose.max, choose.value) == (1, 3, 1)
    choose.value = 3
    assert [frame.description.caption[:8] for frame in shown] == ["단계 1/3: ", "단계 3/3: "]


def test_the_slider_output_holds_static_pictures_too():
    """nbconvert and GitHub cannot run the slider (no widget state): the same output
    carries every frame as HTML and as one SVG strip, so exports show the steps."""
    pytest.importorskip("ipywidgets")
    x, y, z = seed004_xy()
    trace = trace_backward(z, torch.tensor(5.0), params={"x": x, "y": y})
    bundle = trace._frames_view(backend="matplotlib")._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/html"].count("data:image/png;base64,") == 3
    assert "image/svg+xml" not in bundle                   # matplotlib frames: no SVG strip
    if backend.graphviz_problem() is None:
        bundle = trace._frames_view(backend="graphviz")._repr_mimebundle_()
        assert bundle["text/html"].count("<svg") == 3
        strip = bundle["image/svg+xml"]
        assert strip.startswith("<svg") and strip.count("<svg") == 4   # the strip and its 3 frames
        assert "단계 1/3" in strip and "단계 3/3" in strip
        assert IN_USE_TITLE in strip and FREED_TITLE in strip


def test_frames_are_small_multiples_without_ipywidgets(monkeypatch):
    monkeypatch.setitem(sys.modules, "ipywidgets", None)      # import ipywidgets now fails
    x, y, z = seed004_xy()
    trace = trace_backward(z, torch.tensor(5.0), params={"x": x, "y": y})
    shown = []
    monkeypatch.setattr(trace_module, "_display", shown.append)

    trace._ipython_display_()
    table, grid = shown
    assert str(table) == repr(trace)
    assert isinstance(grid, trace_module.FrameGrid) and len(grid.frames) == 3


# -- without Graphviz's dot: the matplotlib fallback ----------------------------------------

@pytest.fixture
def no_dot(monkeypatch, tmp_path):
    """A PATH where no dot program can be found, and a session that has said nothing yet."""
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(backend, "_told", False)


def test_missing_dot_is_detected(no_dot):
    assert backend.graphviz_problem() == backend.DOT_MISSING
    assert backend.choose_backend() == "matplotlib"


@needs_dot
def test_dot_is_detected():
    assert backend.graphviz_problem() is None
    assert backend.choose_backend() == "graphviz"


def test_without_dot_draw_graph_falls_back_to_matplotlib_and_says_so_once(no_dot, capsys):
    t = seed002()
    drawing = draw_graph(t["L"], params=t, show_values=True)
    again = draw_graph(t["L"], params=t)
    out, err = capsys.readouterr()

    assert isinstance(drawing, matplotlib_drawing.MatplotlibDrawing)
    assert isinstance(again, matplotlib_drawing.MatplotlibDrawing)
    assert out == backend.DOT_MISSING + "\n"                  # one message, printed once
    assert err == ""
    for command in ("sudo apt-get install graphviz", "brew install graphviz",
                    "conda install -c conda-forge graphviz"):
        assert command in out
    assert "Graphviz의 dot 프로그램을 찾지 못해서" in out
    # It draws the same boxes and arrows that Graphviz would.
    expected = describe_graph(t["L"], params=t, show_values=True)
    assert str(drawing.description) == str(expected)
    assert drawing._repr_png_().startswith(b"\x89PNG")


def test_without_the_graphviz_package_the_message_says_pip_install(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "graphviz", None)
    monkeypatch.setattr(backend, "_told", False)
    drawing = draw_graph(torch.tensor(1.0, requires_grad=True) * 2)
    assert isinstance(drawing, matplotlib_drawing.MatplotlibDrawing)
    assert "pip install graphviz" in capsys.readouterr().out


def test_without_dot_trace_frames_are_matplotlib_drawings(no_dot, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "ipywidgets", None)
    x, y, z = seed004_xy()
    trace = trace_backward(z, torch.tensor(5.0), params={"x": x, "y": y})
    frames = trace.frames()
    assert [type(f) for f in frames] == [matplotlib_drawing.MatplotlibDrawing] * 3
    assert [f.description.caption for f in frames] == [d.caption for d in trace.describe_frames()]
    page = trace._repr_html_()
    assert page.count("data:image/png;base64,") == 3
    assert capsys.readouterr().out == backend.DOT_MISSING + "\n"


def test_fallback_layout_puts_leaves_above_and_gradients_flow_down_the_rows():
    t = seed002()
    desc = describe_graph(t["L"], params=t)
    boxes = matplotlib_drawing._layout(desc, "TB").boxes
    y = {key: box[1] for key, box in boxes.items()}

    assert set(boxes) == {n.id for n in desc.nodes}
    for edge in desc.flow_edges():                 # every arrow goes down one row or more
        assert y[edge.src] > y[edge.dst], edge
    assert all(y[leaf(desc, name).id] > y["out"] for name in SEED002_GRADS)
    # A saved box sits inside its node's box.
    node_x, node_y, node_w, node_h = boxes[made(desc, "b").id]
    saved_x, saved_y, saved_w, saved_h = boxes[desc.saved_box(made(desc, "b").id).id]
    assert node_y - node_h / 2 < saved_y - saved_h / 2 and saved_y + saved_h / 2 < node_y + node_h / 2
    assert saved_w < node_w
    # "BT" turns it upside down.
    flipped = matplotlib_drawing._layout(desc, "BT").boxes
    assert flipped["out"][1] > flipped[leaf(desc, "a").id][1]


def test_fallback_writes_english_when_no_korean_font():
    printable = matplotlib_drawing._printable
    assert printable(FREED_TITLE, korean_ok=False) == "saved: freed"
    assert printable(IN_USE_TITLE, korean_ok=False) == "saved: in use"
    assert printable(NO_GRAPH_LINE, korean_ok=False) == "requires_grad=False: no graph"
    assert (printable("단계 1/3: MulBackward0, 들어온 기울기 5.0000", korean_ok=False)
            == "step 1/3: MulBackward0, grad in 5.0000")
    assert printable(FREED_TITLE, korean_ok=True) == FREED_TITLE


def test_fallback_drawing_makes_no_warnings(recwarn):
    x, y, z = seed004_xy()
    z.backward()
    matplotlib_drawing.draw(describe_graph(z, params={"x": x, "y": y}, show_values=True))._repr_png_()
    assert [str(w.message) for w in recwarn] == []


def test_frames_are_static_pictures_under_nbgrader(monkeypatch):
    """nbgrader sets NBGRADER_EXECUTION; a slider there could hang the grading kernel."""
    pytest.importorskip("ipywidgets")
    x = torch.tensor(2.0, requires_grad=True)
    trace = trace_backward(x * 3.0, params={"x": x})
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    assert type(trace._frames_view()).__name__ == "SliderWithPictures"
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert type(trace._frames_view()).__name__ == "FrameGrid"
