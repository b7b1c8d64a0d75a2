"""The backward graph as plain data: boxes (``GraphNode``) and arrows (``GraphEdge``).

Both renderers (graphviz_drawing.py, matplotlib_drawing.py) draw a
``GraphDescription``, and the tests check it: what is drawn can be verified
without looking at pixels.

How to read the picture (torchviz's convention):

* blue boxes are leaf tensors that require grad (their ``.grad`` is filled),
  each with its own grey ``AccumulateGrad`` node below it;
* grey boxes are ``grad_fn`` nodes, named as PyTorch names them (``MulBackward0``);
* the green box is the output tensor;
* the orange cell under a node lists the tensors it saved for backward; after
  a backward without ``retain_graph=True`` it is white and dashed: freed;
* arrows point the way the forward computation went, from an input to the
  operation that used it, so the leaves are at the top and the output at the
  bottom.  The gradient travels against the arrows.
"""
import dataclasses
import weakref

import numpy as np

from ..engine import topological_order
from ..function import AccumulateGrad
from ..tensor import Tensor

# Labels students read.  The notebooks quote the freed title word for word.
SAVED_TITLE = "saved"
FREED_TITLE = "saved: freed (해제됨)"
IN_USE_TITLE = "saved: in use (사용 중)"   # trace frames: the step that reads them
NO_GRAPH_LINE = "requires_grad=False: 그래프 없음"


@dataclasses.dataclass
class GraphNode:
    """One box.  ``kind`` is "output", "leaf", "function", "accumulate" or "saved"."""
    id: str
    kind: str
    title: str
    lines: list = dataclasses.field(default_factory=list)
    freed: bool = False      # a "saved" box whose tensors backward has freed
    current: bool = False    # trace frames: the node that runs in this step

    @property
    def label(self):
        return "\n".join([self.title, *self.lines])


@dataclasses.dataclass
class GraphEdge:
    """One arrow from ``src`` to ``dst``.

    kind "flow": ``src`` is an input of ``dst`` (``slot`` says which input);
    the gradient travels from ``dst`` back to ``src``.
    kind "saved": joins a node to the box of its saved tensors (drawn inside it).
    """
    src: str
    dst: str
    kind: str = "flow"
    slot: int = 0
    label: str = ""
    state: str = "normal"    # trace frames: "waiting", "past" or "current"


@dataclasses.dataclass
class GraphDescription:
    nodes: list
    edges: list
    caption: str = ""
    # Trace frames draw arrowheads the way the gradient travels.
    arrows_follow_gradient: bool = False
    # Which box each autograd node became, and its name in tables (for trace.py).
    node_ids: dict = dataclasses.field(default_factory=dict, repr=False, compare=False)
    node_names: dict = dataclasses.field(default_factory=dict, repr=False, compare=False)
    leaf_names: dict = dataclasses.field(default_factory=dict, repr=False, compare=False)

    def node(self, node_id):
        for node in self.nodes:
            if node.id == node_id:
                return node
        raise KeyError(node_id)

    def find(self, title):
        """Every box with this title, e.g. ``find("MulBackward0")``."""
        return [node for node in self.nodes if node.title == title]

    def saved_box(self, node_id):
        """The box of the tensors that node ``node_id`` saved, or None."""
        for edge in self.edges:
            if edge.kind == "saved" and edge.src == node_id:
                return self.node(edge.dst)
        return None

    def flow_edges(self):
        return [edge for edge in self.edges if edge.kind == "flow"]

    def __str__(self):
        """A text version of the picture: every box, then every arrow."""
        rows = []
        for node in self.nodes:
            mark = " [freed]" if node.freed else ""
            rows.append(f"{node.id:>4}  {node.kind:<10} " + " | ".join(node.label.split("\n")) + mark)
        for edge in self.edges:
            arrow = "--" if edge.kind == "saved" else "->"
            label = f"  [{edge.label}]" if edge.label else ""
            rows.append(f"{edge.src:>4} {arrow} {edge.dst}{label}")
        return "\n".join(rows)


# -- numbers in labels ------------------------------------------------------------------

def format_values(value, one_line=False, max_elements=12):
    """A tensor's values, short: ``2.0000``, ``[1.0000, 2.0000]`` (4 decimals, as PyTorch prints)."""
    a = value.array if isinstance(value, Tensor) else np.asarray(value)
    if a.ndim == 0:
        item = a.item()
        return f"{item:.4f}" if isinstance(item, float) else str(item)
    text = np.array2string(a, precision=4, separator=", ", threshold=max_elements,
                           edgeitems=2, floatmode="fixed", suppress_small=True,
                           max_line_width=10**6 if one_line else 60)
    if one_line:
        text = " ".join(text.split())
    return text


def format_shape(tensor):
    """``(2, 2)``, ``(3)`` or ``()``, as torchviz writes sizes."""
    return "(" + ", ".join(str(s) for s in tensor.array.shape) + ")"


# -- walking the graph ------------------------------------------------------------------

def describe_graph(output, params=None, show_values=False, show_saved=True):
    """The boxes and arrows of ``output``'s backward graph, as data.

    The arguments are those of ``draw_graph``.  ``print(describe_graph(...))``
    shows the picture as text.
    """
    return describe(output, names_by_id(params), show_values, show_saved)


def names_by_id(params):
    """params -> {id(tensor): (name, tensor)}: tensors are matched by identity,
    not value (two parameters may hold equal numbers).  The first name wins."""
    if params is None:
        return {}
    names = {}
    for name, tensor in dict(params).items():
        if not isinstance(tensor, Tensor):
            raise TypeError(f"params[{name!r}] should be a tensor, not {type(tensor).__name__}")
        names.setdefault(id(tensor), (str(name), tensor))
    return names


def root_node(output):
    """The node where backward from ``output`` starts (None: ``output`` has no graph)."""
    if not isinstance(output, Tensor):
        raise TypeError(f"expected a tensor, got {type(output).__name__}")
    if output.grad_fn is not None:
        return output.grad_fn
    if output.requires_grad:
        return output._edge()[0]  # a leaf: backward goes straight to its AccumulateGrad
    return None


def describe(output, names, show_values, show_saved, is_freed=None, grad_of=None, made_by=None):
    """``describe_graph`` with the moment made explicit.

    A trace frame shows the graph as it was partway through backward:
    ``is_freed(node)`` and ``grad_of(tensor)`` then answer for that moment
    instead of now, and ``made_by`` (see ``known_results``) is the one
    recorded before backward freed the saved tensors.
    """
    is_freed = is_freed or (lambda node: node._saved is None)
    grad_of = grad_of or (lambda tensor: tensor._grad)

    def name_of(tensor):
        entry = names.get(id(tensor))
        return entry[0] if entry is not None else None

    def value_lines(tensor, is_leaf):
        if not show_values:
            return []
        lines = ["data " + format_values(tensor)]
        grad = grad_of(tensor)
        # A leaf's .grad is None until backward: worth seeing.  A non-leaf keeps
        # a gradient only after retain_grad(), so otherwise say nothing.
        if is_leaf or grad is not None or tensor.retains_grad:
            lines.append("grad " + (format_values(grad) if grad is not None else "None"))
        return lines

    desc = GraphDescription(nodes=[], edges=[])
    output_name = name_of(output) or "output"
    root = root_node(output)
    if root is None:
        desc.nodes.append(GraphNode("out", "output", output_name,
                                    [format_shape(output), *value_lines(output, True), NO_GRAPH_LINE]))
        return desc

    order = topological_order([root])  # the output's node first, each node before its inputs
    ids = desc.node_ids
    for k, node in enumerate(order):
        ids[node] = f"n{k}"
    if made_by is None:
        made_by = known_results(order, output, names)

    if output.grad_fn is not None:   # a leaf output is drawn as its own leaf box below
        desc.nodes.append(GraphNode("out", "output", output_name,
                                    [format_shape(output), *value_lines(output, False)]))
        desc.edges.append(GraphEdge(ids[root], "out"))

    _name_nodes(desc, order, made_by, name_of)
    for node in order:
        node_id = ids[node]
        if type(node) is AccumulateGrad:
            variable = node.variable
            leaf_id = "v" + node_id[1:]
            desc.nodes.append(GraphNode(node_id, "accumulate", "AccumulateGrad"))
            desc.nodes.append(GraphNode(leaf_id, "output" if variable is output else "leaf",
                                        desc.leaf_names[node],
                                        [format_shape(variable), *value_lines(variable, True)]))
            desc.edges.append(GraphEdge(leaf_id, node_id))
            continue

        lines = []
        tensor, name = made_by.get(node, (None, None))
        if tensor is not None and tensor is not output:   # the output has a box of its own
            if name is not None:
                lines.append(f"{name} {format_shape(tensor)}")
            lines += value_lines(tensor, False)
        desc.nodes.append(GraphNode(node_id, "function", node.name(), lines))

        if show_saved and node._saved != ():   # () means: this node saved nothing
            box = _saved_box(node, "s" + node_id[1:], names, show_values, is_freed(node))
            desc.nodes.append(box)
            desc.edges.append(GraphEdge(node_id, box.id, kind="saved"))
        for slot, (child, _) in enumerate(node.next_functions):
            if child is not None:
                desc.edges.append(GraphEdge(ids[child], node_id, slot=slot))
    return desc


def known_results(order, output, names):
    """{node: (tensor, name or None)} for the nodes whose result tensor we can reach.

    The graph links nodes, not tensors, so a result is known only if it is the
    output, was named in ``params``, was saved by a node, or kept ``retain_grad()``.
    """
    in_graph = set(order)
    known = {}

    def add(tensor, name):
        node = tensor.grad_fn
        if node in in_graph and (node not in known or (name and known[node][1] is None)):
            known[node] = (tensor, name)

    for name, tensor in names.values():
        add(tensor, name)
    add(output, None)
    for node in order:
        # (a dict for a node with several outputs: not drawn as one retained tensor)
        retained = node._retained() if callable(node._retained) else None
        if retained is not None:
            add(retained, None)
        for tensor in node._saved or ():
            if tensor is not None:
                add(tensor, None)
    return known


def _name_nodes(desc, order, made_by, name_of):
    """A name for every node, for trace tables: ``MulBackward0 (b)``, ``MulBackward0 #2``.

    Leaves are named by their tensor: ``w1``, or ``leaf 1`` without a name.
    """
    names, leaves = desc.node_names, 0
    counts, seen = {}, {}   # how many nodes of each name have no name of their own
    for node in order:
        if made_by.get(node, (None, None))[1] is None:
            counts[node.name()] = counts.get(node.name(), 0) + 1
    for node in order:
        if type(node) is AccumulateGrad:
            leaf_name = name_of(node.variable)
            if leaf_name is None:
                leaves += 1
                leaf_name = f"leaf {leaves}"
            desc.leaf_names[node] = leaf_name
            names[node] = f"AccumulateGrad ({leaf_name})"
            continue
        result_name = made_by.get(node, (None, None))[1]
        if result_name is not None:
            names[node] = f"{node.name()} ({result_name})"
        elif counts[node.name()] > 1:
            seen[node.name()] = seen.get(node.name(), 0) + 1
            names[node] = f"{node.name()} #{seen[node.name()]}"
        else:
            names[node] = node.name()


# -- saved tensors ----------------------------------------------------------------------

# Backward frees the saved tensors themselves, so a drawing made afterwards
# could not say what was freed.  Each drawing therefore remembers, as text
# only, what every node saved; the entry lives as long as the node does.
_SAVED_TEXT = weakref.WeakKeyDictionary()


def _saved_box(node, box_id, names, show_values, freed):
    """The box listing what ``node`` saved: ``self = a ()``, ``result (2, 2)``..."""
    if node._saved is not None:
        entries = []
        for role, tensor in zip(saved_roles(node), node._saved):
            if tensor is None:
                continue
            entry = names.get(id(tensor))
            text = role + (f" = {entry[0]}" if entry else "") + " " + format_shape(tensor)
            entries.append((text, text + ": " + format_values(tensor, one_line=True)))
        _remember(node, entries)
    else:
        entries = _remembered(node)
    # Freed values are gone, so a freed box never shows them.
    lines = [with_value if show_values and not freed else plain for plain, with_value in entries]
    return GraphNode(box_id, "saved", FREED_TITLE if freed else SAVED_TITLE, lines, freed=freed)


def _remember(node, entries):
    try:
        _SAVED_TEXT[node] = entries
    except TypeError:   # a node that cannot be weakly referenced: just don't remember
        pass


def _remembered(node):
    try:
        return _SAVED_TEXT.get(node, [])
    except TypeError:
        return []


# PyTorch names a node's saved inputs after the operation's arguments
# (``grad_fn._saved_mat2``); most binary operations call them self and other.
_INPUT_NAMES = {
    "MmBackward0": ("self", "mat2"),
    "MvBackward0": ("self", "vec"),
    "DotBackward0": ("self", "tensor"),
    "AddmmBackward0": ("self", "mat1", "mat2"),
    "PowBackward1": ("self", "exponent"),
    "PowBackward2": ("exponent",),          # number ** x: x is the exponent
    "MseLossBackward0": ("self", "target"),
    "BinaryCrossEntropyBackward0": ("self", "target", "weight"),
    "BinaryCrossEntropyWithLogitsBackward0": ("self", "target", "weight", "pos_weight"),
}


def saved_roles(node):
    """PyTorch's name for each tensor ``node`` saved: ``self``, ``other``, ``result``...

    These are the names of ``grad_fn._saved_self`` and friends in PyTorch.  A
    student's own Function has no such names: its tensors are ``saved_tensors[k]``.
    """
    if node._qualified_name != node.name():   # a Function written in Python
        return [f"saved_tensors[{k}]" for k in range(len(node._saved))]
    input_names = _INPUT_NAMES.get(node.name(), ("self", "other"))
    edges = [child for child, _ in node.next_functions]
    used, roles = set(), []
    for k, tensor in enumerate(node._saved):
        if tensor is None:
            roles.append(None)
            continue
        if any(tensor is out for out in node._outputs_saved):
            roles.append("result")
            continue
        # Which input was it?  The one whose gradient goes where this tensor's goes.
        target = tensor.grad_fn if tensor.grad_fn is not None else tensor._accumulator
        slots = [i for i, child in enumerate(edges) if target is not None and child is target]
        if k in slots:               # x * x saves x twice: first as self, then as other
            slot = k
        elif slots:
            slot = next((i for i in slots if i not in used), slots[0])
        else:                        # a constant (x * 3): the first input without an edge
            free = [i for i, child in enumerate(edges) if child is None and i not in used]
            slot = free[0] if free else None
        if slot is not None:
            used.add(slot)
        roles.append(input_names[slot] if slot is not None and slot < len(input_names)
                     else f"saved[{k}]")
    return roles
