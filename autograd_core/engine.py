"""The engine: walks the backward graph once, from the output back to the leaves.

Like micrograd: a topological sort, then a walk in reverse.  Each node runs
after every node that feeds it a gradient, so it sees the *sum* of them, once.
"""
import numpy as np

from .dtypes import from_numpy
from .function import AccumulateGrad
from .grad_mode import _State


def topological_order(roots):
    """All nodes reachable from ``roots``, each one after all of its consumers."""
    order, visited = [], set()
    # Depth-first, with an explicit stack instead of recursion (graphs of long
    # loops are deep).  An entry (node, True) means "its inputs are all done".
    stack = [(root, False) for root in reversed(roots)]
    while stack:
        node, inputs_done = stack.pop()
        if inputs_done:
            order.append(node)
        elif node not in visited:
            visited.add(node)
            stack.append((node, True))
            for child, _ in node.next_functions:
                if child is not None and child not in visited:
                    stack.append((child, False))
    order.reverse()  # now each node comes before the nodes it sends gradients to
    return order


def run_backward(roots, root_grads, retain_graph, create_graph, targets=None, observer=None):
    """Propagate ``root_grads`` from the ``roots`` nodes through the graph.

    With ``targets`` (the nodes of ``autograd.grad``'s inputs) nothing is
    accumulated into ``.grad``; the gradients reaching the targets are returned.
    ``observer(node, grad_in, sent, freed)``, if given, hears about every step
    (``sent``: the (input slot, child node, gradient) triples); the pictures of
    ``viz.trace_backward`` are drawn from it.
    """
    order = topological_order(roots)
    if targets is not None:
        order = _only_paths_to(order, targets)
    captured = {}

    grads = {}
    for node, grad in zip(roots, root_grads):
        grads[node] = grad if node not in grads else grads[node] + grad

    previous_mode, _State.enabled = _State.enabled, create_graph
    try:
        for node in order:
            grad = grads.pop(node, None)
            if grad is None:
                continue  # no gradient flows into this node
            if node._pre_hooks is not None or node._retained is not None:
                grad = _run_hooks(node, grad, create_graph)
            if targets is not None and node in targets:
                captured[node] = grad
            if type(node) is AccumulateGrad:
                if targets is None:
                    node.accumulate(grad, create_graph)
                if observer is not None:
                    observer(node, grad, (), False)
                continue

            input_grads = node.apply(grad)
            freed = False
            if not retain_graph:
                if observer is not None:
                    freed = bool(node._saved)     # None: freed already; (): nothing saved
                node._release()
            sent = [] if observer is not None else None
            for index, ((child, _), g) in enumerate(zip(node.next_functions, input_grads)):
                if child is None or g is None:
                    continue
                shape, dtype = child._output_meta
                array = g.array
                # The one place where broadcasting is undone: an input that was
                # broadcast gets the sum of the gradient over the copied dimensions.
                if array.shape != shape:
                    _check_gradient_shape(node, index, array.shape, shape)
                    g = g.sum_to_size(shape)
                if array.dtype is not dtype and array.dtype != dtype:
                    g = g.to(from_numpy(dtype))
                previous = grads.get(child)
                grads[child] = g if previous is None else previous + g
                if sent is not None:
                    sent.append((index, child, g))
            if observer is not None:
                observer(node, grad, sent, freed)
    finally:
        _State.enabled = previous_mode
    return captured


def _check_gradient_shape(node, index, got, expected):
    """A gradient may be broadcast from its input's shape, never anything else."""
    try:
        compatible = np.broadcast_shapes(got, expected) == tuple(got)
    except ValueError:
        compatible = False
    if not compatible:
        raise RuntimeError(
            f"Function {node.name()} returned an invalid gradient at index {index} - got "
            f"{list(got)} but expected shape compatible with {list(expected)}")


def _run_hooks(node, grad, create_graph):
    for hook in node._pre_hooks or ():
        changed = hook(grad)
        if changed is not None:
            if changed.shape != grad.shape:
                name = getattr(hook, "__name__", type(hook).__name__)
                raise RuntimeError(f"hook '{name}' has changed the size of value")
            grad = changed
    if node._retained is not None:
        _retain(node, grad, create_graph)
    return grad


def _only_paths_to(order, targets):
    """Keep the nodes that lie on a path to a target; the rest need not run."""
    needed = set()
    for node in reversed(order):  # producers first
        if node in targets or any(child in needed for child, _ in node.next_functions):
            needed.add(node)
    return [node for node in order if node in needed]


def _retain(node, grad, create_graph):
    """``retain_grad()``: a non-leaf keeps (and accumulates) its gradient, like a leaf."""
    tensor = node._retained()
    if tensor is None:
        return
    if tensor._grad is None:
        tensor._grad = grad if create_graph else grad._copy_detached()
    else:
        tensor._grad = tensor._grad + grad
