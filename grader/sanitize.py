"""Read a submitted notebook and put its graded cells back the way the gradebook has them.

nbgrader's sanitizing preprocessors restore the *source* of locked cells, but
a deleted test cell is silently skipped (unless ``add_missing_cells``), a
duplicated one is stripped of its metadata and still runs, and a reordered one
runs wherever the student moved it.  Here every test cell is put back from the
gradebook, in the source's order, and each change is reported as tampering:

* ``edited``: the visible part of a test cell differs from the released one;
* ``deleted``: a test cell is missing;
* ``duplicated``: a test cell appears more than once (the copies are removed);
* ``reordered``: graded cells are not in the order of the source;
* ``metadata``: a test cell's type, points, lock or grade flag was changed.

Answer cells keep the student's code; a deleted answer cell comes back as the
empty stub (its tests then fail, which is a normal zero, not tampering).
Cells the student added (scratch work) keep their place after the graded cell
they followed.
"""
import copy
import json

from .exercises import cell_source, nbgrader_meta
from .execute import Issue


class InvalidNotebook(Exception):
    """The file is not a notebook we can grade (bad JSON, wrong structure)."""


def load(path):
    """The notebook at ``path`` as a dict (nbformat 4), or :class:`InvalidNotebook`."""
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as exc:
        raise InvalidNotebook(f"cannot read: {exc}") from exc
    return loads(raw)


def loads(raw):
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
        data = json.loads(text)
    except (UnicodeDecodeError, ValueError) as exc:
        raise InvalidNotebook(f"not valid JSON ({exc.__class__.__name__}: {str(exc)[:120]})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        if isinstance(data, dict) and data.get("nbformat") == 3:
            import nbformat
            try:
                data = json.loads(nbformat.writes(nbformat.reads(text, as_version=4)))
            except Exception as exc:  # noqa: BLE001
                raise InvalidNotebook(f"old notebook format that cannot be converted ({exc})") from exc
        else:
            raise InvalidNotebook("the JSON is not a Jupyter notebook (no list of cells)")
    cells = []
    for c in data["cells"]:
        if not isinstance(c, dict) or c.get("cell_type") not in ("code", "markdown", "raw"):
            raise InvalidNotebook("a cell has no valid cell_type")
        c = dict(c)
        src = c.get("source", "")
        if isinstance(src, list):
            if not all(isinstance(s, str) for s in src):
                raise InvalidNotebook("a cell source is not text")
            src = "".join(src)
        elif not isinstance(src, str):
            raise InvalidNotebook("a cell source is not text")
        c["source"] = src
        if not isinstance(c.get("metadata"), dict):
            c["metadata"] = {}
        if c["cell_type"] == "code":
            c["outputs"] = []
            c["execution_count"] = None
        else:
            c.pop("outputs", None)
            c.pop("execution_count", None)
        cells.append(c)
    data["cells"] = cells
    data.setdefault("metadata", {})
    data["nbformat"] = 4
    data.setdefault("nbformat_minor", 5)
    if not isinstance(data["metadata"], dict):
        data["metadata"] = {}
    return data


def _graded_meta(spec_cell):
    meta = {"grade": spec_cell.grade, "grade_id": spec_cell.grade_id, "locked": spec_cell.locked,
            "schema_version": 3, "solution": spec_cell.solution, "task": spec_cell.task}
    if spec_cell.grade:
        meta["points"] = spec_cell.points
    if spec_cell.checksum:
        meta["checksum"] = spec_cell.checksum
    return meta


def _fresh_cell(spec_cell, note=None):
    src = spec_cell.source
    cell = {"cell_type": spec_cell.cell_type, "id": _cell_id(spec_cell.grade_id),
            "metadata": {"nbgrader": _graded_meta(spec_cell)}, "source": src}
    if spec_cell.locked:
        cell["metadata"].update(deletable=False, editable=False)
    if spec_cell.cell_type == "code":
        cell["outputs"] = []
        cell["execution_count"] = None
    return cell


def _cell_id(seed):
    import hashlib

    return "g-" + hashlib.sha1(str(seed).encode("utf-8")).hexdigest()[:10]


def _ensure_ids(cells):
    """nbformat 4.5 wants a unique ``id`` on every cell."""
    seen = set()
    for n, cell in enumerate(cells):
        cid = cell.get("id")
        if not isinstance(cid, str) or not cid or cid in seen or len(cid) > 64:
            cid = _cell_id(f"{n}-{cid}")
            while cid in seen:
                cid = _cell_id(cid)
            cell["id"] = cid
        seen.add(cid)


def _issue(kind, gid, ko, en):
    return Issue("tampered_cells", ko, en, cell=gid) if kind != "answer_missing" else \
        Issue("answer_missing", ko, en, cell=gid)


def restore(nb, spec):
    """``(notebook, issues)``: ``nb`` with its graded cells restored from ``spec``."""
    nb = copy.deepcopy(nb)
    issues = []
    known = {c.grade_id: c for c in spec.cells}

    # 1. which cells are graded, and the duplicates (nbgrader keeps the last copy)
    positions = {}
    for i, cell in enumerate(nb["cells"]):
        gid = nbgrader_meta(cell).get("grade_id")
        if gid in known:
            positions.setdefault(gid, []).append(i)
        elif gid is not None:
            cell["metadata"].pop("nbgrader", None)      # an id the gradebook does not know
    drop = set()
    for gid, where in positions.items():
        if len(where) > 1:
            sc = known[gid]
            if sc.locked or sc.is_test:
                issues.append(_issue("duplicated", gid, f"테스트 셀 {gid}이(가) {len(where)}번 들어 있어 하나만 남겼습니다",
                                     f"test cell {gid} appears {len(where)} times; the copies were removed"))
                drop.update(where[:-1])
            else:
                for j in where[:-1]:                      # an innocent copy-paste of an answer cell
                    nb["cells"][j]["metadata"].pop("nbgrader", None)
            positions[gid] = [where[-1]]

    # 2. group the student's cells: each graded cell carries the free cells that follow it
    head, groups, order = [], {}, []
    current = None
    for i, cell in enumerate(nb["cells"]):
        if i in drop:
            continue
        gid = nbgrader_meta(cell).get("grade_id")
        if gid in known and positions.get(gid) == [i]:
            current = gid
            groups[gid] = [cell]
            order.append(gid)
        elif current is None:
            head.append(cell)
        else:
            groups[current].append(cell)

    # 3. order, missing cells
    expected = [c.grade_id for c in spec.cells]
    present_in_expected_order = [g for g in expected if g in groups]
    if order != present_in_expected_order:
        moved = [g for g, h in zip(order, present_in_expected_order) if g != h]
        if moved:
            issues.append(_issue("reordered", None, "채점 셀의 순서가 바뀌어 원래 순서로 되돌렸습니다: " + ", ".join(moved[:4]),
                                 "graded cells were reordered; the original order was restored: " + ", ".join(moved[:4])))

    out = list(head)
    for gid in expected:
        sc = known[gid]
        if gid not in groups:
            if sc.is_test or sc.locked:
                issues.append(_issue("deleted", gid, f"지워진 테스트 셀 {gid}을(를) 되살렸습니다",
                                     f"deleted test cell {gid} was restored"))
            elif sc.is_answer or sc.is_manual:
                issues.append(_issue("answer_missing", gid, f"답 셀 {gid}이(가) 없어 빈 칸으로 되살렸습니다",
                                     f"answer cell {gid} was missing; restored empty"))
            fresh = _fresh_cell(sc)
            if sc.is_answer or sc.is_manual:
                fresh["source"] = sc.released_source if sc.is_answer else sc.source
            out.append(fresh)
            continue
        cell, *free = groups[gid]
        out.append(_restore_cell(cell, sc, issues))
        out.extend(free)
    nb["cells"] = out
    _ensure_ids(out)
    nb["nbformat"], nb["nbformat_minor"] = 4, max(5, int(nb.get("nbformat_minor") or 0))

    # 4. the kernel is the gradebook's
    if spec.kernelspec:
        nb.setdefault("metadata", {})["kernelspec"] = spec.kernelspec
    return nb, issues


def _restore_cell(cell, sc, issues):
    gid = sc.grade_id
    meta = nbgrader_meta(cell)
    changed = []
    if cell.get("cell_type") != sc.cell_type:
        changed.append("cell_type")
    if bool(meta.get("grade")) != sc.grade or bool(meta.get("solution")) != sc.solution:
        changed.append("grade/solution")
    if sc.grade and meta.get("points") is not None:
        try:
            if float(meta.get("points")) != float(sc.points):
                changed.append("points")
        except (TypeError, ValueError):
            changed.append("points")
    if sc.locked and not meta.get("locked"):
        changed.append("locked")
    if sc.is_test or (sc.locked and not sc.solution):
        if cell_source(cell).strip() != sc.released_source.strip() and cell_source(cell).strip() != sc.source.strip():
            issues.append(_issue("edited", gid, f"고쳐진 테스트 셀 {gid}을(를) 원래대로 되돌렸습니다",
                                 f"edited test cell {gid} was restored"))
        restored = _fresh_cell(sc)
        restored["metadata"].update({k: v for k, v in cell.get("metadata", {}).items()
                                     if k not in ("nbgrader", "deletable", "editable")})
        if changed:
            issues.append(_issue("metadata", gid, f"테스트 셀 {gid}의 채점 정보({', '.join(changed)})를 되돌렸습니다",
                                 f"grading metadata of test cell {gid} ({', '.join(changed)}) was restored"))
        return restored
    # answer / manual cell: keep the student's text, restore the grading metadata
    new = dict(cell)
    new["metadata"] = dict(cell.get("metadata", {}))
    new["metadata"]["nbgrader"] = _graded_meta(sc)
    if new.get("cell_type") != sc.cell_type:
        new["cell_type"] = sc.cell_type
        if sc.cell_type == "code":
            new["outputs"], new["execution_count"] = [], None
        else:
            new.pop("outputs", None)
            new.pop("execution_count", None)
    return new


def tampering(issues):
    return [i for i in issues if i.code == "tampered_cells"]
