"""The exercise structure of a notebook: which cells are answers, which are tests.

An *exercise* is a run of autograded answer cells (nbgrader ``solution`` code
cells) followed by the test cell(s) (``grade`` code cells, locked) that check
them, e.g. ``ex1_make_weights`` + ``ex1_make_weights_tests``.  A manually
graded written answer (a ``grade`` + ``solution`` markdown or code cell) is an
exercise on its own.  Exercises are named after their first test cell's
``grade_id`` (the name nbgrader's gradebook uses for the score).

A :class:`NotebookSpec` is built from the gradebook (the cells nbgrader
recorded at ``generate_assignment``: the authority for restoring tampered cells)
plus the source notebook (cell order, the setup cell's imports).  ``check``
builds one from the student notebook alone.
"""
import ast
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

HIDDEN_BEGIN = "BEGIN HIDDEN TESTS"
HIDDEN_END = "END HIDDEN TESTS"


@dataclass
class CellSpec:
    grade_id: str
    cell_type: str
    source: str                 # as in the gradebook (tests: with hidden tests)
    checksum: str = None
    locked: bool = False
    grade: bool = False
    solution: bool = False
    task: bool = False
    points: float = None

    @property
    def is_test(self):
        return self.grade and not self.solution and self.cell_type == "code"

    @property
    def is_answer(self):
        return self.solution and not self.grade and self.cell_type == "code"

    @property
    def is_manual(self):
        return self.grade and self.solution

    @property
    def released_source(self):
        """What the student sees: the source without the hidden tests."""
        return strip_hidden(self.source)


@dataclass
class Exercise:
    id: str                     # grade_id of the first test cell (or of the manual cell)
    answers: list = field(default_factory=list)     # grade_ids of answer cells
    tests: list = field(default_factory=list)       # grade_ids of test cells
    points: float = 0.0
    manual: bool = False


@dataclass
class NotebookSpec:
    assignment: str
    name: str
    cells: list                 # CellSpec, in source order
    exercises: list             # Exercise
    imports: dict = field(default_factory=dict)    # setup-cell name -> dotted target
    kernelspec: dict = None

    def cell(self, grade_id):
        for c in self.cells:
            if c.grade_id == grade_id:
                return c
        return None

    @property
    def order(self):
        return [c.grade_id for c in self.cells]

    def exercise_of(self, grade_id):
        for ex in self.exercises:
            if grade_id in ex.answers or grade_id in ex.tests or grade_id == ex.id:
                return ex
        return None

    @property
    def max_score(self):
        return sum(e.points for e in self.exercises)

    def to_dict(self):
        return asdict(self)

    @classmethod
    def from_dict(cls, d):
        return cls(assignment=d["assignment"], name=d["name"],
                   cells=[CellSpec(**c) for c in d["cells"]],
                   exercises=[Exercise(**e) for e in d["exercises"]],
                   imports=d.get("imports") or {}, kernelspec=d.get("kernelspec"))


def strip_hidden(source):
    """``source`` without ``### BEGIN HIDDEN TESTS`` ... ``### END HIDDEN TESTS`` (as nbgrader does)."""
    out, inside = [], False
    for line in source.split("\n"):
        if HIDDEN_BEGIN in line:
            inside = True
        elif HIDDEN_END in line:
            inside = False
        elif not inside:
            out.append(line)
    return "\n".join(out)


def hidden_line_ranges(source):
    """1-based line ranges ``[(first, last), ...]`` of hidden-test regions (markers included)."""
    ranges, start = [], None
    for i, line in enumerate(source.split("\n"), 1):
        if HIDDEN_BEGIN in line:
            start = i
        elif HIDDEN_END in line and start is not None:
            ranges.append((start, i))
            start = None
    if start is not None:
        ranges.append((start, len(source.split("\n"))))
    return ranges


def nbgrader_meta(cell):
    meta = cell.get("metadata", {}) if isinstance(cell, dict) else {}
    nbg = meta.get("nbgrader") if isinstance(meta, dict) else None
    return nbg if isinstance(nbg, dict) else {}


def cell_source(cell):
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else (src or "")


def group_exercises(cells):
    """Exercises from an ordered list of :class:`CellSpec`."""
    exercises, pending, current = [], [], None
    for c in cells:
        if c.is_answer:
            if current is not None and current.tests:
                current = None
            pending.append(c.grade_id)
        elif c.is_test:
            if current is None or pending:
                current = Exercise(id=c.grade_id, answers=pending, tests=[])
                exercises.append(current)
                pending = []
            current.tests.append(c.grade_id)
            current.points += float(c.points or 0)
        elif c.is_manual:
            exercises.append(Exercise(id=c.grade_id, answers=[c.grade_id], tests=[],
                                      points=float(c.points or 0), manual=True))
            current = None
    # answers without tests are not graded: nothing to add
    return exercises


def setup_imports(cells):
    """``{name: dotted target}`` bound by top-level imports in the non-nbgrader code cells.

    ``import numpy as np`` -> ``np: numpy``; ``from grader.checks import expect_close``
    -> ``expect_close: grader.checks.expect_close``.  Used to notice a student
    re-binding ``np`` or ``expect_close`` to something else.
    """
    names = {}
    for cell in cells:
        if cell.get("cell_type") != "code" or nbgrader_meta(cell):
            continue
        try:
            tree = ast.parse(cell_source(cell))
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        names[alias.asname] = alias.name
                    else:
                        top = alias.name.split(".")[0]
                        names[top] = top
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for alias in node.names:
                    if alias.name != "*":
                        names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return names


def spec_from_notebook(nb, assignment="", name=""):
    """A spec read from a notebook's own nbgrader metadata (``check``; the source notebook)."""
    cells = []
    for cell in nb.get("cells", []):
        meta = nbgrader_meta(cell)
        gid = meta.get("grade_id")
        if not gid or not (meta.get("grade") or meta.get("solution") or meta.get("locked") or meta.get("task")):
            continue
        cells.append(CellSpec(grade_id=gid, cell_type=cell.get("cell_type", "code"), source=cell_source(cell),
                              checksum=meta.get("checksum"), locked=bool(meta.get("locked")),
                              grade=bool(meta.get("grade")), solution=bool(meta.get("solution")),
                              task=bool(meta.get("task")),
                              points=float(meta["points"]) if meta.get("grade") and "points" in meta else None))
    return NotebookSpec(assignment=assignment, name=name, cells=cells, exercises=group_exercises(cells),
                        imports=setup_imports(nb.get("cells", [])),
                        kernelspec=nb.get("metadata", {}).get("kernelspec"))


def spec_from_gradebook(gb, assignment, notebook, source_path=None):
    """The spec nbgrader's gradebook holds for ``assignment/notebook`` (order from the source file)."""
    nb_row = gb.find_notebook(notebook, assignment)
    grade_cells = {c.name: c for c in nb_row.grade_cells}
    solution = {c.name for c in nb_row.solution_cells}
    task = {c.name for c in nb_row.task_cells}
    by_name = {}
    for sc in nb_row.source_cells:
        g = grade_cells.get(sc.name)
        by_name[sc.name] = CellSpec(
            grade_id=sc.name, cell_type=sc.cell_type, source=sc.source or "", checksum=sc.checksum,
            locked=bool(sc.locked), grade=g is not None, solution=sc.name in solution, task=sc.name in task,
            points=float(g.max_score) if g is not None else None)
    order, imports, kernelspec = [], {}, None
    if nb_row.kernelspec:
        try:
            kernelspec = json.loads(nb_row.kernelspec)
        except ValueError:
            kernelspec = None
    if source_path and Path(source_path).is_file():
        with open(source_path, encoding="utf-8") as f:
            src_nb = json.load(f)
        order = [nbgrader_meta(c).get("grade_id") for c in src_nb.get("cells", [])]
        imports = setup_imports(src_nb.get("cells", []))
    ordered = [by_name[g] for g in order if g in by_name]
    seen = {c.grade_id for c in ordered}
    ordered += [c for name, c in sorted(by_name.items()) if name not in seen]
    return NotebookSpec(assignment=assignment, name=notebook, cells=ordered,
                        exercises=group_exercises(ordered), imports=imports, kernelspec=kernelspec)
