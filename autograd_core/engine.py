"""The engine: walks the backward graph once, from the output back to the leaves.

It is PyTorch's algorithm, small enough to read:

1. Count, for every node, how many gradients it will receive (one per edge that
   leads into it).  A node may run only when all of them have arrived, so that
   it runs once, on their *sum*.
2. Run the ready nodes, the one forward made last first.  Every node carries
   its number in the order forward made the nodes (``sequence_nr``); leaves'
   ``AccumulateGrad`` nodes carry the largest number there is, so a leaf's
   ``.grad`` is filled in as soon as its gradient is complete.

Any order that runs a node after all of its consumers is a topological order;
PyTorch picks this one, and following it exactly means that hooks (and the
pictures of ``viz.trace_backward``) see the steps in PyTorch's order.
"""
import heapq

from .anomaly_mode import _Anomaly, apply_watched
from .dtypes import from_numpy
from .function import AccumulateGrad, OutputGrads
from .grad_mode import _State
from .ops.reduction import sum_to_shape
from .tensor import Tensor


def run_backward(roots, root_grads, retain_graph, create_graph, targets=None, observer=None):
    """Propagate ``root_grads`` from the ``roots`` nodes through the graph.

    With ``targets`` (the nodes of ``autograd.grad``'s inputs) nothing is
    accumulated into ``.grad``; the gradients reaching the targets are returned.
    ``observer(node, grad_in, sent, freed)``, if given, hears about every step
    (``sent``: the (input slot, child node, gradient) triples); the pictures of
    ``viz.trace_backward`` are drawn from it.
    """
    waiting_for = count_dependencies(roots)
    # autograd.grad runs only the nodes that lead to one of its targets (as PyTorch does):
    # the others would free saved tensors that a later backward may still need.
    needed = None if targets is None else _leading_to(targets, topological_order(roots))
    captured = {}
    grads = {}      # node -> the sum of the gradients it has received so far
    ready = []      # a heap of the nodes whose gradients are all in (see Node.__lt__)

    def send(child, g):
        if g is not None:
            previous = grads.get(child)
            grads[child] = g if previous is None else previous + g
        waiting_for[child] -= 1
        if waiting_for[child] == 0:
            heapq.heappush(ready, child)

    for node, grad in zip(roots, root_grads):
        if needed is None or node in needed:
            send(node, grad)

    anomaly = _Anomaly.enabled       # detect_anomaly: each node's failure names its forward call
    previous_mode, _State.enabled = _State.enabled, create_graph
    try:
        while ready:
            node = heapq.heappop(ready)
            grad = grads.pop(node, None)
            if grad is None:
                # Every consumer sent None: nothing flows on, but the inputs stop waiting.
                for child, _ in node.next_functions:
                    if child is not None and (needed is None or child in needed):
                        send(child, None)
                continue
            # a list once the node has any hook or retains its gradient (Node._hook_list, retain_grad)
            hooked = node._pre_hooks is not None
            if hooked or targets is not None:
                grad = _arrived(node, grad, create_graph, targets, captured)
            if type(node) is AccumulateGrad:
                if targets is None:
                    node.accumulate(grad, create_graph)
                    if hooked and node._post_accumulate_hooks is not None:
                        for hook in list(node._post_accumulate_hooks):
                            hook(node.variable)
                if hooked and node._post_hooks is not None:
                    _run_post_hooks(node, (), grad)
                if observer is not None:
                    observer(node, grad, (), False)
                continue

            input_grads = node.apply(grad) if not anomaly else apply_watched(node, grad)
            if hooked and node._post_hooks is not None:
                input_grads = _run_post_hooks(node, input_grads, grad)
            freed = not retain_graph and bool(node._saved)      # (for the observer)
            if freed:
                node._release()
            sent = [] if observer is not None else None
            for index, ((child, nr), g) in enumerate(zip(node.next_functions, input_grads)):
                if child is None or (needed is not None and child not in needed):
                    continue
                if g is not None:
                    meta = child._output_meta
                    if meta is None:    # a node with several outputs: g is for output number nr
                        g = _to_output(node, index, g, child, nr, create_graph)
                    else:               # _fitted(node, index, g, meta, create_graph), written out
                        shape, dtype = meta
                        array = g.array
                        # The one place where broadcasting is undone: an input that was
                        # broadcast gets the sum of the gradient over the copied dimensions.
                        if array.shape != shape:
                            _check_gradient_shape(node, index, array.shape, shape)
                            # With create_graph=True the sum is recorded (SumBackward1);
                            # otherwise only the numbers matter.
                            g = g.sum_to_size(shape) if create_graph else Tensor._wrap(sum_to_shape(array, shape))
                        if array.dtype is not dtype and array.dtype != dtype:
                            g = g.to(from_numpy(dtype))
                    if sent is not None:
                        sent.append((index, child, g))
                    # send(child, g), written out: this runs for every edge of the graph, and
                    # the call alone would cost 1.7% per op (callgrind, bench/engine.py's chain)
                    previous = grads.get(child)
                    grads[child] = g if previous is None else previous + g
                left = waiting_for[child] - 1
                waiting_for[child] = left
                if left == 0:
                    heapq.heappush(ready, child)
            if observer is not None:
                observer(node, grad, sent, freed)
    finally:
        _State.enabled = previous_mode
    return captured


def _fitted(node, index, g, meta, create_graph):
    """The gradient in the shape and dtype of the input it is for (as run_backward's loop does)."""
    shape, dtype = meta
    array = g.array
    if array.shape != shape:
        _check_gradient_shape(node, index, array.shape, shape)
        g = g.sum_to_size(shape) if create_graph else Tensor._wrap(sum_to_shape(array, shape))
    if array.dtype is not dtype and array.dtype != dtype:
        g = g.to(from_numpy(dtype))
    return g


def _to_output(node, index, g, child, nr, create_graph):
    """A gradient for output ``nr`` of ``child``, a node with several outputs (see OutputGrads)."""
    metas = child._output_metas
    return OutputGrads.at(nr, _fitted(node, index, g, metas[nr], create_graph), len(metas))


def count_dependencies(roots):
    """For every node reachable from ``roots``: how many gradients it will receive.

    One per edge that leads into it, and one per root (a root's gradient comes
    from outside the graph).  PyTorch's engine starts with the same count.
    """
    dependencies, stack = {}, []
    for root in roots:
        if root not in dependencies:
            dependencies[root] = 0
            stack.append(root)
        dependencies[root] += 1
    while stack:                         # depth-first, without recursion: graphs can be deep
        node = stack.pop()
        for child, _ in node.next_functions:
            if child is None:
                continue
            if child in dependencies:
                dependencies[child] += 1
            else:
                dependencies[child] = 1
                stack.append(child)
    return dependencies


def _arrived(node, grad, create_graph, targets, captured):
    """A node's whole gradient has arrived: run its hooks, and keep it if it is a target."""
    if node._pre_hooks is not None or node._retained is not None:
        grad = _run_hooks(node, grad, create_graph)
    if targets is not None and node in targets:
        captured[node] = grad
    return grad


def topological_order(roots):
    """All nodes reachable from ``roots``, each one after all of its consumers
    (for the pictures of ``viz``, and for ``autograd.grad``'s pruning)."""
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


def _leading_to(targets, order):
    """The nodes of ``order`` that lie on a path to a target."""
    needed = set()
    for node in reversed(order):  # producers first
        if node in targets or any(child in needed for child, _ in node.next_functions):
            needed.add(node)
    return needed


def _check_gradient_shape(node, index, got, expected):
    """A gradient may be broadcast from its input's shape, never anything else."""
    added = len(got) - len(expected)
    if added < 0 or any(e != g and e != 1 for e, g in zip(expected, got[added:])):
        raise RuntimeError(
            f"Function {node.name()} returned an invalid gradient at index {index} - got "
            f"{list(got)} but expected shape compatible with {list(expected)}")


def _run_hooks(node, grad, create_graph):
    if type(grad) is OutputGrads:
        return _run_output_hooks(node, grad, create_graph)
    for hook in node._pre_hooks or ():
        changed = hook(grad)
        if changed is not None:
            if changed.shape != grad.shape:
                name = getattr(hook, "__name__", type(hook).__name__)
                raise RuntimeError(f"hook '{name}' has changed the size of value")
            grad = changed
    if node._retained is not None:
        _retain(node, grad, create_graph)
    for hook in node._node_pre_hooks or ():     # the node's own pre-hooks, after the tensor's
        changed = hook((grad,))
        if changed is not None:
            grad, = _checked_hook_result(hook, changed, 1)
    return grad


def _run_output_hooks(node, grad, create_graph):
    """The hooks of a node with several outputs: each tensor hook sees its own output's gradient."""
    grads = list(grad.grads)
    for hook in node._pre_hooks or ():
        nr = hook.output_nr
        changed = hook.hook(grads[nr])
        if changed is not None:
            if grads[nr] is not None and changed.shape != grads[nr].shape:
                raise RuntimeError(f"hook '{hook.__name__}' has changed the size of value")
            grads[nr] = changed
    for nr, ref in (node._retained or {}).items():
        tensor = ref()
        if tensor is not None and grads[nr] is not None:
            g = grads[nr]
            tensor._grad = (g if create_graph else g._copy_detached()) if tensor._grad is None else tensor._grad + g
    for hook in node._node_pre_hooks or ():
        changed = hook(tuple(grads))
        if changed is not None:
            grads = list(_checked_hook_result(hook, changed, len(grads)))
    return OutputGrads(grads)


def _run_post_hooks(node, grad_inputs, grad_output):
    """``grad_fn.register_hook``: each hook sees the gradients the node computed and may replace them."""
    grad_inputs = tuple(grad_inputs)
    for hook in node._post_hooks:
        changed = hook(grad_inputs, (grad_output,))
        if changed is not None:
            grad_inputs = _checked_hook_result(hook, changed, len(grad_inputs))
    return grad_inputs


def _checked_hook_result(hook, values, expected):
    values = tuple(values)
    if len(values) != expected:
        name = getattr(hook, "__name__", type(hook).__name__)
        raise RuntimeError(f"hook '{name}' has returned an incorrect number of values "
                           f"(got {len(values)}, but expected {expected})")
    return values


def _retain(node, grad, create_graph):
    """``retain_grad()``: a non-leaf keeps (and accumulates) its gradient, like a leaf."""
    tensor = node._retained()
    if tensor is None:
        return
    if tensor._grad is None:
        tensor._grad = grad if create_graph else grad._copy_detached()
    else:
        tensor._grad = tensor._grad + grad
