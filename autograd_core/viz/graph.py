"""``draw_graph``: a picture of the backward graph, drawn the way torchviz draws it."""
from . import backend as _backend
from .description import describe_graph


def draw_graph(output, params=None, show_values=False, show_saved=True, rankdir="TB", backend=None):
    """Draw the backward graph of ``output``, like torchviz's ``make_dot``.

    Returns a ``graphviz.Digraph``: the last line of a notebook cell shows it.
    Without Graphviz's ``dot`` program it returns a matplotlib drawing instead
    (and says once how to install Graphviz).

    Args:
        output: the tensor whose graph is drawn (usually the loss).
        params: names for tensors, a dict name -> tensor such as
            ``dict(model.named_parameters())`` or ``{"a": a, "w1": w1}``,
            matched by identity.  A named leaf box shows the name; a named
            intermediate tensor (``{"b": b}``) is written under the node that made it.
        show_values: write each tensor's values (``data 2.0000``) and ``.grad``
            (``grad None`` before backward), like micrograd's ``draw_dot``.
            Meant for small graphs.
        show_saved: show the tensors each node saved for backward, and whether
            backward has freed them (a dashed white cell "saved: freed (해제됨)").
        rankdir: "TB" (torchviz: leaves at the top, output at the bottom) or "BT".
        backend: None (Graphviz when ``dot`` is found), "graphviz" or "matplotlib".

    Arrows go from a tensor to the operation that used it (torchviz's
    convention); the gradient travels against them.

    Example (the graph of seed 002)::

        import autograd_core as torch
        from autograd_core.viz import draw_graph

        a = torch.tensor(2.0, requires_grad=True)
        w1, w2, w3, w4 = (torch.tensor(v, requires_grad=True) for v in (3.0, -1.0, 0.5, 4.0))
        b = w1 * a
        c = w2 * a
        d = w3 * b + w4 * c
        L = (10 - d) ** 2
        names = dict(a=a, w1=w1, w2=w2, w3=w3, w4=w4, b=b, c=c, d=d, L=L)
        draw_graph(L, params=names, show_values=True)   # L: data 225.0000

        L.backward()
        draw_graph(L, params=names, show_values=True)
        # a: grad 75.0000, w1: grad -30.0000, ...; saved: freed (해제됨)
    """
    desc = describe_graph(output, params, show_values, show_saved)
    return _backend.render(desc, backend, rankdir)
