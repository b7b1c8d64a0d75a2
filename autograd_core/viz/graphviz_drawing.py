"""Draw a ``GraphDescription`` with Graphviz (``graphviz.Digraph``), as torchviz does."""
import html

from .style import COLORS, KOREAN_FONTS

# Graphviz, and the browser showing its SVG, use the first of these that is installed.
FONT = ",".join(KOREAN_FONTS[:5]) + ",sans-serif"


def to_graphviz(desc, rankdir="TB"):
    """A ``graphviz.Digraph`` of ``desc``.

    A node's saved tensors are drawn inside its box, in an orange cell below
    its name (a dashed white cell once freed), so that they read as part of
    the node and not as one more step of the graph.
    """
    import graphviz

    dot = graphviz.Digraph(
        graph_attr=dict(rankdir=rankdir, nodesep="0.25", ranksep="0.35", fontname=FONT,
                        fontsize="12", labelloc="t", bgcolor="white"),
        node_attr=dict(shape="box", style="filled,rounded", fontname=FONT, fontsize="10",
                       margin="0.12,0.04", height="0.3", penwidth="1", color="#333333"),
        edge_attr=dict(fontname=FONT, fontsize="9", color=COLORS["edge"], arrowsize="0.7"),
    )
    if desc.caption:
        dot.attr(label=desc.caption)
    for node in desc.nodes:
        if node.kind == "saved":
            continue   # drawn inside its node
        saved = desc.saved_box(node.id)
        if saved is not None:
            dot.node(node.id, _two_cell_label(node, saved), shape="plain", style="")
        else:
            dot.node(node.id, node.label, **_node_style(node))
    for edge in desc.flow_edges():
        dot.edge(edge.src, edge.dst, **_edge_style(edge, desc.arrows_follow_gradient))
    return dot


def _two_cell_label(node, saved):
    """A box in two cells (Graphviz's HTML-like labels): the node, then what it saved."""
    def text(box):
        return "<BR/>".join(html.escape(line) for line in box.label.split("\n"))

    border, color = ("3", COLORS["current"]) if node.current else ("1", "#333333")
    if saved.freed:
        cell = (f'<TD BGCOLOR="{COLORS["freed"]}" BORDER="1" STYLE="dashed" COLOR="{COLORS["freed_line"]}">'
                f'<FONT COLOR="{COLORS["freed_line"]}">{text(saved)}</FONT></TD>')
    else:
        cell = f'<TD BGCOLOR="{COLORS["saved"]}" STYLE="rounded">{text(saved)}</TD>'
    return (f'<<TABLE BORDER="{border}" COLOR="{color}" BGCOLOR="{COLORS[node.kind]}" STYLE="rounded" '
            f'CELLBORDER="0" CELLSPACING="3" CELLPADDING="3">'
            f"<TR><TD>{text(node)}</TD></TR><TR>{cell}</TR></TABLE>>")


def _node_style(node):
    style = dict(fillcolor=COLORS[node.kind])
    if node.current:
        style.update(color=COLORS["current"], penwidth="3")
    return style


def _edge_style(edge, arrows_follow_gradient):
    style = {}
    if arrows_follow_gradient:
        style["dir"] = "back"   # same layout, arrowhead at the input: the gradient's way
    if edge.label:
        style["label"] = " " + edge.label.replace("\n", "\n ")
    if edge.state == "waiting":
        style["color"] = COLORS["waiting"]
    elif edge.state == "past":
        style.update(color=COLORS["past"], fontcolor=COLORS["past"])
    elif edge.state == "current":
        style.update(color=COLORS["current"], fontcolor="#000000", penwidth="2.5")
    return style
