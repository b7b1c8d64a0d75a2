"""The pictures drawn with matplotlib, for when Graphviz's ``dot`` program is missing.

Simple on purpose: boxes in rows by their depth in the graph (the leaves at
the top, the output at the bottom, as in torchviz), arrows as straight lines.
"""
import io
import re
import unicodedata

from .style import COLORS, ENGLISH, KOREAN_FONTS


# -- what is shown in a notebook --------------------------------------------------------

class MatplotlibDrawing:
    """A matplotlib figure that a notebook shows as a PNG (``.figure`` is the Figure)."""

    def __init__(self, figure, description):
        self.figure = figure
        self.description = description   # the GraphDescription drawn

    def _repr_png_(self):
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=100, facecolor="white")
        return buffer.getvalue()

    def savefig(self, *args, **kwargs):
        return self.figure.savefig(*args, **kwargs)

    def __repr__(self):
        return f"<MatplotlibDrawing: {len(self.description.nodes)} boxes, {len(self.description.edges)} arrows>"


def draw(desc, rankdir="TB"):
    """Draw one ``GraphDescription`` on a new matplotlib figure."""
    from matplotlib.figure import Figure

    layout = _layout(desc, rankdir)
    caption_height = 0.35 if desc.caption else 0.0
    # A caption may be wider than its graph (a one-node frame of a long step name).
    caption_w = _text_width(desc.caption) * CHAR_W * (FONT_SIZE + 1) / FONT_SIZE + 2 * MARGIN
    width, height = max(layout.width, caption_w), layout.height + caption_height
    # One unit of the drawing is one inch of the figure, so the text fits its boxes.
    figure = Figure(figsize=(width, height))
    ax = figure.add_axes([0, 0, 1, 1])
    ax.set_xlim(-width / 2, width / 2)
    ax.set_ylim(-layout.height / 2, layout.height / 2 + caption_height)
    ax.set_axis_off()
    _draw(ax, desc, layout, _font(), caption_height)
    return MatplotlibDrawing(figure, desc)


# -- fonts --------------------------------------------------------------------------------

FONT_SIZE = 8


def _font():
    """(font families, whether Korean can be written)."""
    from matplotlib import font_manager
    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    korean = [name for name in KOREAN_FONTS if name in installed]
    # DejaVu Sans Mono comes with matplotlib: its letters all have one width,
    # so a box's size can be computed from its text.
    return ["DejaVu Sans Mono", *korean[:1]], bool(korean)


def _printable(text, korean_ok):
    """Without a Korean font matplotlib would draw empty boxes and warn on stderr
    (which fails a graded cell): write the English words instead."""
    if korean_ok:
        return text
    text = re.sub(r"\s*\([^)]*[\uac00-\ud7a3][^)]*\)", "", text)   # "freed (해제됨)" -> "freed"
    for korean, english in ENGLISH.items():
        text = text.replace(korean, english)
    return re.sub(r"[\uac00-\ud7a3]+", "", text)


def _text_width(line):
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


# -- layout: rows by depth ----------------------------------------------------------------

CHAR_W = 0.6 * FONT_SIZE / 72     # inches per character of DejaVu Sans Mono
LINE_H = 1.25 * FONT_SIZE / 72    # inches per line
PAD = 0.08
GAP_X = 0.25
GAP_Y = 0.45
MARGIN = 0.15


class _Layout:
    def __init__(self):
        self.boxes = {}    # id -> (x, y, width, height), x and y at the centre
        self.width = self.height = 0.0


def _text_size(node):
    lines = node.label.split("\n")
    return max(_text_width(line) for line in lines) * CHAR_W + 2 * PAD, len(lines) * LINE_H + 2 * PAD


def _layout(desc, rankdir):
    """Depth from the output picks the row; the mean place of its consumers, the column.

    A saved box goes inside its node's box, under the node's name (as in to_graphviz).
    """
    consumers = {node.id: [] for node in desc.nodes}
    saved_of = {}
    for edge in desc.edges:
        if edge.kind == "flow":
            consumers[edge.src].append(edge.dst)
        else:
            saved_of[edge.src] = desc.node(edge.dst)
    nodes = [node for node in desc.nodes if node.kind != "saved"]

    size = {}
    for node in nodes:
        w, h = _text_size(node)
        if node.id in saved_of:
            sw, sh = _text_size(saved_of[node.id])
            size[saved_of[node.id].id] = (sw, sh)
            w, h = max(w, sw + 2 * PAD), h + sh + PAD
        size[node.id] = (max(w, 0.5), h)

    # desc.nodes lists every node after the nodes that consume it (topological order).
    depth = {}
    for node in nodes:
        depth[node.id] = max((depth[c] + 1 for c in consumers[node.id] if c in depth), default=0)
    rows = {}
    for node in nodes:
        rows.setdefault(depth[node.id], []).append(node)

    x = {}
    for d in sorted(rows):
        wanted = {}
        for node in rows[d]:
            places = [x[c] for c in consumers[node.id] if c in x]
            wanted[node.id] = sum(places) / len(places) if places else 0.0
        row = sorted(rows[d], key=lambda n: wanted[n.id])
        # Left to right, each box as near its wanted place as the one before allows.
        right = -float("inf")
        for node in row:
            w = size[node.id][0]
            left = max(wanted[node.id] - w / 2, right + GAP_X)
            x[node.id] = left + w / 2
            right = left + w
        shift = (sum(wanted[n.id] for n in row) - sum(x[n.id] for n in row)) / len(row)
        for node in row:
            x[node.id] += shift

    # Rows from top to bottom: the deepest (leaves) first for "TB", as in torchviz.
    depths = sorted(rows, reverse=(rankdir != "BT"))
    heights = {d: max(size[n.id][1] for n in rows[d]) for d in depths}
    boxes = {}
    top = 0.0
    for d in depths:
        centre = top - heights[d] / 2
        for node in rows[d]:
            boxes[node.id] = (x[node.id], centre) + size[node.id]
        top -= heights[d] + GAP_Y
    for owner, saved in saved_of.items():   # the lower part of its node's box
        bx, by, w, h = boxes[owner]
        sw, sh = size[saved.id]
        boxes[saved.id] = (bx, by - h / 2 + PAD + sh / 2, w - 2 * PAD, sh)

    lefts = [bx - w / 2 for bx, _, w, _ in boxes.values()]
    rights = [bx + w / 2 for bx, _, w, _ in boxes.values()]
    total_h = -top - GAP_Y
    # Centre everything on (0, 0).
    layout = _Layout()
    mid_x, mid_y = (min(lefts) + max(rights)) / 2, -total_h / 2
    for key, (bx, by, w, h) in boxes.items():
        layout.boxes[key] = (bx - mid_x, by - mid_y, w, h)
    layout.width = max(rights) - min(lefts) + 2 * MARGIN
    layout.height = total_h + 2 * MARGIN
    return layout


# -- drawing --------------------------------------------------------------------------------

def _draw(ax, desc, layout, font, caption_height):
    from matplotlib.patches import FancyBboxPatch

    families, korean_ok = font
    if desc.caption:
        ax.text(0, layout.height / 2 + caption_height / 2, _printable(desc.caption, korean_ok),
                ha="center", va="center", fontsize=FONT_SIZE + 1, family=families, weight="bold")
    for edge in desc.edges:
        if edge.kind == "flow":
            _draw_edge(ax, edge, layout, desc.arrows_follow_gradient, families, korean_ok)
    saved_of = {edge.src: edge.dst for edge in desc.edges if edge.kind == "saved"}
    for node in desc.nodes:
        x, y, w, h = layout.boxes[node.id]
        edge_color, width, dashes = "#333333", 0.8, "solid"
        fill, text_color = COLORS[node.kind], "black"
        if node.freed:
            fill, edge_color, text_color, dashes = COLORS["freed"], COLORS["freed_line"], COLORS["freed_line"], "dashed"
        elif node.kind == "saved":
            edge_color = COLORS["saved"]
        if node.current:
            edge_color, width = COLORS["current"], 2.5
        zorder = 3 if node.kind == "saved" else 2
        ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h, boxstyle="round,pad=0,rounding_size=0.05",
                                    facecolor=fill, edgecolor=edge_color, linewidth=width, linestyle=dashes,
                                    zorder=zorder))
        if node.id in saved_of:   # the name goes in the upper part, above the saved box
            y = y + h / 2 - _text_size(node)[1] / 2
        ax.text(x, y, _printable(node.label, korean_ok), ha="center", va="center", fontsize=FONT_SIZE,
                family=families, color=text_color, linespacing=1.1, zorder=zorder + 1)


def _draw_edge(ax, edge, layout, arrows_follow_gradient, families, korean_ok):
    x1, y1, w1, h1 = layout.boxes[edge.src]
    x2, y2, w2, h2 = layout.boxes[edge.dst]
    # From the bottom of the upper box to the top of the lower one.
    start = (x1, y1 - h1 / 2) if y1 > y2 else (x1, y1 + h1 / 2)
    end = (x2, y2 + h2 / 2) if y1 > y2 else (x2, y2 - h2 / 2)
    if arrows_follow_gradient:
        start, end = end, start
    color, width = {"waiting": (COLORS["waiting"], 0.8), "past": (COLORS["past"], 1.0),
                    "current": (COLORS["current"], 2.2)}.get(edge.state, (COLORS["edge"], 0.9))
    ax.annotate("", xy=end, xytext=start, zorder=1,
                arrowprops=dict(arrowstyle="-|>", color=color, linewidth=width,
                                shrinkA=0, shrinkB=0, mutation_scale=9))
    if edge.label:
        ax.text((start[0] + end[0]) / 2, (start[1] + end[1]) / 2, _printable(edge.label, korean_ok),
                ha="center", va="center", fontsize=FONT_SIZE - 1, family=families,
                color="black" if edge.state == "current" else color, zorder=5,
                bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none", alpha=0.85))
