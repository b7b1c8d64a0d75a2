"""Pictures of autograd: the backward graph, and backward step by step.

    from autograd_core.viz import draw_graph, trace_backward

    draw_graph(loss, params={"w": w})                  # the graph, as torchviz draws it
    draw_graph(loss, params={"w": w}, show_values=True) # with values and .grad (micrograd style)
    trace_backward(loss, params={"w": w})              # backward, step by step: table and frames
    for epoch in ProgressBar(range(200)): ...          # a training loop's progress (tqdm's calls)

Files:
    description.py         the graph as data (boxes and arrows): what is drawn, and what tests check
    graphviz_drawing.py    draws a description with Graphviz
    matplotlib_drawing.py  draws it with matplotlib, when Graphviz's ``dot`` is missing
    backend.py             picks the renderer, and says once how to install Graphviz
    graph.py               draw_graph
    trace.py               trace_backward: backward step by step, and its frames
    style.py               colours and fonts shared by both renderers
    progress.py            ProgressBar (not autograd: it keeps the lessons' training loops short)
"""
from .description import GraphDescription, GraphEdge, GraphNode, describe_graph  # noqa: F401
from .graph import draw_graph  # noqa: F401
from .progress import ProgressBar  # noqa: F401
from .trace import BackwardTrace, Flow, Step, trace_backward  # noqa: F401

__all__ = ["draw_graph", "trace_backward", "describe_graph", "ProgressBar", "BackwardTrace", "Step", "Flow",
           "GraphDescription", "GraphNode", "GraphEdge"]
