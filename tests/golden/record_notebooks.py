"""Record what every code cell of the ten instructor notebooks prints on real PyTorch.

Run it with a Python that has PyTorch 2.13, nbclient and ipykernel (torch is never
a project dependency; the scratch venv of the other goldens is enough)::

    /tmp/torchenv/bin/python tests/golden/record_notebooks.py                 # all lessons
    /tmp/torchenv/bin/python tests/golden/record_notebooks.py 04_chain_rule   # one (or a few)
    /tmp/torchenv/bin/python tests/golden/record_notebooks.py --check 04      # compare, write nothing

Each source notebook (``grader/source/<slug>/<slug>.ipynb``, solutions and hidden
tests in place) runs top to bottom in a kernel of this interpreter, after these
rewrites of every code cell (``to_torch``):

* ``autograd_core.viz`` becomes a stub module (``ProgressBar`` is the real one): ``draw_graph`` draws nothing,
  ``trace_backward`` only runs the backward pass (so ``.grad`` is filled as the
  real helper fills it) and returns an object whose ``show()`` shows nothing,
  ``describe_graph`` walks PyTorch's graph (its ``.nodes[].kind`` is all it has);
* then ``autograd_core`` becomes ``torch`` (``import autograd_core as torch``,
  ``import autograd_core.nn as nn``, ``from autograd_core import X``, ...).

``grader.checks`` must accept real ``torch.Tensor`` values.  If the one in the
tree does not yet, the recorder patches a copy of it inside the kernel (and says
so); nothing in ``grader/`` is changed.

Per code cell, ``tests/golden/notebooks/<slug>.json`` keeps its id, index, the
sha256 of its source (so a cell edited since recording is caught), and its text
output as one string (``render_outputs``): stdout, stderr (a warning reduced to
``Category: message``), ``text/plain`` of results and displays, and
``ename: evalue`` of an error.  Addresses are masked.  ``tests/test_notebooks.py``
(``test_pytorch_parity``) renders the autograd_core run of the same notebook the
same way, maps ``autograd_core`` to ``torch``, and compares.  It skips the cells
that draw (tag ``viz``, or a call of a drawing helper: see ``drawing_cells``) and
compares only the shape (same lines, numbers masked) of cells tagged
``random-values`` or ``timing``.

This module is also loaded (by file path) by the test, so the rendering and the
rules live in one place.  Hence: no torch import at module level.
"""
import argparse
import difflib
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

GOLDEN_DIR = Path(__file__).resolve().parent
NOTEBOOK_GOLDEN_DIR = GOLDEN_DIR / "notebooks"
ROOT = GOLDEN_DIR.parent.parent
SOURCE_DIR = ROOT / "grader" / "source"

TAG_VIZ = "viz"                # the cell draws: not compared
TAG_RANDOM = "random-values"   # the cell prints random numbers: only the shape is compared
TAG_TIMING = "timing"          # the cell prints wall-clock times: only the shape is compared
MASKED_TAGS = (TAG_RANDOM, TAG_TIMING)

# Helpers of autograd_core.viz that draw.  A cell that calls one of them (or uses
# a value one of them returned, such as a trace's .show()) is a drawing cell.
# describe_graph is data, not a drawing: the stub computes it on PyTorch's graph.
DRAWING_HELPERS = ("draw_graph", "trace_backward", "BackwardTrace")

CELL_TIMEOUT = 300
# The grader/checks.py that the in-kernel patch fits (used only while checks.py
# rejects torch tensors).
CHECKS_PATCH_COMMIT = "f9f4b75"


def source_of(cell):
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def source_digest(source):
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def slugs():
    return sorted(p.name for p in SOURCE_DIR.iterdir()
                  if p.is_dir() and (p / f"{p.name}.ipynb").is_file())


def golden_path(slug):
    return NOTEBOOK_GOLDEN_DIR / f"{slug}.json"


# -- the rewrite --------------------------------------------------------------------------

VIZ_STUB_MODULE = "_parity_viz_stub"


def to_torch(source):
    """The cell's code with autograd_core replaced by torch (and its viz by the stub)."""
    source = re.sub(r"\bautograd_core\.viz\b", VIZ_STUB_MODULE, source)
    return re.sub(r"\bautograd_core\b", "torch", source)


def drawing_cells(cells):
    """Indexes of the code cells that draw: tagged ``viz``, or using a drawing helper.

    A name bound to a helper's result (``trace = trace_backward(...)``) counts as
    a drawing helper in the cells after it (``trace.show()``, ``print(trace)``).
    """
    names = set(DRAWING_HELPERS)
    found = set()
    for index, cell in enumerate(cells):
        if cell.get("cell_type") != "code":
            continue
        src = source_of(cell)
        for match in re.finditer(r"^\s*(\w+)\s*=\s*(\w+)\s*\(", src, re.M):
            if match.group(2) in names:
                names.add(match.group(1))
        tags = cell.get("metadata", {}).get("tags", [])
        code = "\n".join(line for line in src.splitlines()
                         if not re.match(r"\s*(from\s+\S+\s+)?import\b", line))
        if TAG_VIZ in tags or any(re.search(rf"\b{re.escape(n)}\b", code) for n in names):
            found.add(index)
    return found


# -- rendering outputs (shared by the recording and the test) ---------------------------------

_ADDRESS = re.compile(r"0x[0-9a-fA-F]{4,}")
# "/tmp/ipykernel_123/456.py:7: UserWarning: message" (warnings.formatwarning), and the
# source line Python prints under it, indented by two spaces.
_WARNING = re.compile(r"^(?:.*?):\d+: (\w*Warning): (.*)$")
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def _normalise_stderr(text):
    lines = text.splitlines()
    out = []
    skip_source_line = False
    for line in lines:
        if skip_source_line and line.startswith("  "):
            skip_source_line = False
            continue
        skip_source_line = False
        match = _WARNING.match(line)
        if match:
            out.append(f"{match.group(1)}: {match.group(2)}")
            skip_source_line = True
        else:
            out.append(line)
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")


def _text(stream):
    text = stream.get("text", "")
    return "".join(text) if isinstance(text, list) else text


def render_outputs(outputs):
    """A cell's outputs as one text: what a reader sees, without pictures and addresses."""
    merged = []   # a stream arrives in chunks that depend on timing: join neighbours of one name
    for out in outputs:
        if (out.get("output_type") == "stream" and merged and merged[-1].get("output_type") == "stream"
                and merged[-1].get("name") == out.get("name")):
            merged[-1] = dict(merged[-1], text=_text(merged[-1]) + _text(out))
        else:
            merged.append(out)
    parts = []
    for out in merged:
        kind = out.get("output_type")
        if kind == "stream":
            text = _text(out)
            if out.get("name") == "stderr":
                text = "".join(f"[stderr] {line}\n" for line in _normalise_stderr(text).splitlines())
            parts.append(text if text.endswith("\n") or not text else text + "\n")
        elif kind in ("execute_result", "display_data"):
            plain = out.get("data", {}).get("text/plain")
            if plain is not None:
                plain = "".join(plain) if isinstance(plain, list) else plain
                tag = "[result] " if kind == "execute_result" else "[display] "
                parts.append(tag + plain + "\n")
        elif kind == "error":
            parts.append(f"[error] {out.get('ename')}: {out.get('evalue')}\n")
    return _ADDRESS.sub("0x…", "".join(parts))


def engine_to_torch(text):
    """autograd_core's output with the package name PyTorch would print."""
    return re.sub(r"\bautograd_core\b", "torch", text)


def mask_numbers(text):
    """Every number as ``#``, line by line (signs and the padding that they move go too)."""
    lines = []
    for line in text.split("\n"):
        line = re.sub(r"[ \t]+", " ", _NUMBER.sub("#", line))
        lines.append(re.sub(r"([\[(]) ", r"\1", line))
    return "\n".join(lines)


def cell_diff(expected, actual, label):
    """A unified diff of two renderings ('' if they are equal)."""
    if expected == actual:
        return ""
    return "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                        fromfile=f"{label} (PyTorch 2.13)", tofile=f"{label} (autograd_core)"))


def compare(slug, golden, executed_cells):
    """Unified diffs, one per cell that differs, between the golden and an executed notebook.

    ``executed_cells`` are the autograd_core run's cells (nbformat dicts, outputs in place).
    A cell edited since the recording, or added, is reported as stale.
    """
    by_id = {c["id"]: c for c in golden["cells"] if c.get("id")}
    by_index = {c["index"]: c for c in golden["cells"]}
    drawing = drawing_cells(executed_cells)
    problems, stale = [], []
    for index, cell in enumerate(executed_cells):
        if cell.get("cell_type") != "code":
            continue
        label = f"{slug} cell {index}" + (f" ({cell['id']})" if cell.get("id") else "")
        # By id where the notebook has ids (an inserted cell moves the indexes), else by index;
        # either way the source digest must match.
        want = by_id.get(cell.get("id")) or by_index.get(index)
        if want is None or want["source_sha256"] != source_digest(source_of(cell)):
            stale.append(index)
            continue
        if index in drawing:
            continue
        expected = _ADDRESS.sub("0x…", want["output"])
        actual = engine_to_torch(render_outputs(cell.get("outputs", [])))
        tags = cell.get("metadata", {}).get("tags", [])
        if any(t in tags for t in MASKED_TAGS):
            expected, actual = mask_numbers(expected), mask_numbers(actual)
        diff = cell_diff(expected, actual, label)
        if diff:
            problems.append(diff)
    if stale:
        problems.insert(0, f"{slug}: the golden is stale for cells {stale} (new or edited since the recording); "
                           f"re-record: /tmp/torchenv/bin/python tests/golden/record_notebooks.py {slug}\n")
    return problems


# -- the kernel side (only run under real torch) -------------------------------------------

SETUP_CELL = r'''
import sys, types, re as _re
sys.path.insert(0, {root!r})
import torch

# -- autograd_core.viz, stubbed --
_viz = types.ModuleType({stub!r})

def draw_graph(*args, **kwargs):
    return None

class _Trace:
    def show(self, *args, **kwargs):
        return None
    def __repr__(self):
        return ""

def trace_backward(output, gradient=None, params=None, retain_graph=None):
    output.backward(gradient, retain_graph=retain_graph)
    return _Trace()

class _Node:
    def __init__(self, kind):
        self.kind = kind

class _Description:
    def __init__(self, nodes):
        self.nodes = nodes

def describe_graph(output, params=None, show_values=False, **kwargs):
    """The boxes of PyTorch's graph: an output, its function nodes, AccumulateGrad, leaves."""
    nodes = [_Node("output")]
    seen, stack = [], [output.grad_fn] if output.grad_fn is not None else []
    if output.grad_fn is None:
        nodes[0] = _Node("leaf")
    while stack:
        fn = stack.pop()
        if fn is None or any(fn is s for s in seen):
            continue
        seen.append(fn)
        if type(fn).__name__ == "AccumulateGrad":
            nodes += [_Node("accumulate"), _Node("leaf")]
        else:
            nodes.append(_Node("function"))
        stack.extend(nxt for nxt, _ in fn.next_functions)
    return _Description(nodes)

for _name in ("draw_graph", "trace_backward", "describe_graph"):
    setattr(_viz, _name, globals()[_name])
# ProgressBar draws no graph and prints the same on both engines: the real one.
from autograd_core.viz.progress import ProgressBar as _ProgressBar
_viz.ProgressBar = _ProgressBar
sys.modules[{stub!r}] = _viz
del draw_graph, trace_backward, describe_graph

# -- grader.checks must take torch tensors --
import grader.checks as _checks

def _checks_take_torch():
    try:
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        (x * x).sum().backward()
        _checks.expect_tensor(torch.zeros(2), "x", shape=(2,), dtype=torch.float32)
        _checks.expect_close(torch.ones(2), [1.0, 1.0], "x", dtype=torch.float32)
        _checks.expect_grad(x, [2.0, 4.0], "x")
        _checks.expect_requires_grad(x, "x")
        return True
    except Exception:
        return False

if not _checks_take_torch():
    # grader/checks.py still reads autograd_core internals: patch a copy, in this kernel only.
    # The patch fits checks.py as of commit {checks_commit}; its functions replace the
    # ones of the same name (newer helpers stay as they are).
    import subprocess as _sp
    _text = _sp.run(["git", "-C", {root!r}, "show", "{checks_commit}:grader/checks.py"],
                    capture_output=True, text=True, check=True).stdout
    _text = _text.replace("from autograd_core.dtypes import dtype as _DType", "from torch import dtype as _DType")
    _text = _text.replace("from autograd_core.tensor import Tensor", "from torch import Tensor")
    _text = _re.sub(r"\b(\w+)\.dtype\.name\b", r"_dtype_name(\1.dtype)", _text)
    _text = _text.replace("if isinstance(d, _DType):\n        return d.name",
                          "if isinstance(d, _DType):\n        return str(d).replace('torch.', '')")
    _text = _re.sub(r"\b(?!np\b)(\w+)\.array\b", r"_values_of(\1)", _text)   # not on torch.Tensor: lessons must not see it
    _checks._values_of = lambda t: t.detach().numpy()
    exec(compile(_text, _checks.__file__, "exec"), _checks.__dict__)
    assert _checks_take_torch(), "the patched grader.checks still rejects torch tensors"
    print("grader.checks patched for torch tensors (from {checks_commit})")
'''


def _kernel_dir():
    folder = Path(tempfile.mkdtemp(prefix="parity-kernels-"))
    spec = folder / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (PyTorch parity recording)", "language": "python",
        "env": {"PYTHONHASHSEED": "0"},
    }))
    return folder


def record(slug):
    """Execute ``slug``'s source on torch; returns the golden dict and the setup cell's note."""
    import nbformat
    import torch
    from nbclient import NotebookClient

    path = SOURCE_DIR / slug / f"{slug}.ipynb"
    nb = nbformat.read(path, as_version=4)
    with open(path, encoding="utf-8") as f:   # the ids in the file (nbformat.read invents missing ones)
        raw = json.load(f)["cells"]
    originals = [dict(id=c.get("id"), source=source_of(c), cell_type=c["cell_type"],
                      tags=list(c.get("metadata", {}).get("tags", []))) for c in raw]
    run = nbformat.v4.new_notebook(metadata=nb.metadata)
    run.cells.append(nbformat.v4.new_code_cell(SETUP_CELL.format(root=str(ROOT), stub=VIZ_STUB_MODULE,
                                                                checks_commit=CHECKS_PATCH_COMMIT)))
    for cell in nb.cells:
        if cell.cell_type == "code":
            run.cells.append(nbformat.v4.new_code_cell(to_torch(source_of(cell)), metadata=cell.metadata))
        else:
            run.cells.append(nbformat.v4.new_markdown_cell(source_of(cell)))
    from traitlets.config import Config

    config = Config()  # Unix sockets in a private folder: no TCP ports, no warning about them
    config.KernelManager.transport = "ipc"
    config.KernelManager.ip = os.path.join(os.environ["PARITY_IPC_DIR"], f"k{os.getpid()}-{slug}")
    client = NotebookClient(run, timeout=CELL_TIMEOUT, kernel_name="python3", allow_errors=True,
                            config=config, resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    setup = run.cells[0]
    errors = [o for o in setup.outputs if o.output_type == "error"]
    if errors:
        raise RuntimeError(f"{slug}: the setup cell failed: {errors[0].ename}: {errors[0].evalue}")
    note = render_outputs(setup.outputs).strip()
    cells = []
    for index, (orig, done) in enumerate(zip(originals, run.cells[1:])):
        if orig["cell_type"] != "code":
            continue
        cells.append({"index": index, "id": orig["id"], "source_sha256": source_digest(orig["source"]),
                      "tags": orig["tags"], "output": render_outputs(done.outputs)})
    return {"slug": slug, "torch": torch.__version__, "cells": cells}, note


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("slugs", nargs="*", help="lessons to record (a slug or its number, e.g. 04); default all")
    parser.add_argument("--check", action="store_true", help="record and compare with the stored golden; write nothing")
    args = parser.parse_args(argv)
    chosen = []
    for name in args.slugs or slugs():
        match = [s for s in slugs() if s == name or s.split("_")[0] == name]
        if not match:
            parser.error(f"no lesson {name!r}; lessons: {', '.join(slugs())}")
        chosen += match
    kernels = _kernel_dir()
    # Our kernelspec "python3" (this interpreter) is found before any other.
    os.environ["JUPYTER_PATH"] = os.pathsep.join([str(kernels)] + (
        [os.environ["JUPYTER_PATH"]] if os.environ.get("JUPYTER_PATH") else []))
    os.environ["PARITY_IPC_DIR"] = str(kernels)
    NOTEBOOK_GOLDEN_DIR.mkdir(exist_ok=True)
    status = 0
    try:
        for slug in chosen:
            golden, note = record(slug)
            text = json.dumps(golden, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
            errors = sum("[error]" in c["output"] for c in golden["cells"])
            print(f"{slug}: {len(golden['cells'])} code cells, {errors} with an error" + (f" ({note})" if note else ""))
            if args.check:
                old = golden_path(slug).read_text(encoding="utf-8") if golden_path(slug).exists() else ""
                if old != text:
                    status = 1
                    sys.stdout.writelines(difflib.unified_diff(old.splitlines(True), text.splitlines(True),
                                                               f"{slug}.json (stored)", f"{slug}.json (now)"))
            else:
                golden_path(slug).write_text(text, encoding="utf-8")
    finally:
        shutil.rmtree(kernels, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
