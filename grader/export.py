"""``python -m grader export``: one CSV row per student, Excel-safe with Korean names.

The file is UTF-8 *with a byte-order mark* (``utf-8-sig``): Excel on Windows
reads a BOM-less UTF-8 CSV as CP949 and garbles Hangul.  Columns::

    student_id,
    <assignment>/<exercise>, ...        score of each exercise (manual grades included)
    <assignment> 합계 / total, <assignment> 상태 / status,   per assignment
    total, max_total,
    status, reasons

* A number is a score.  An empty exercise cell means it was *not* graded
  (not submitted, or the notebook could not be graded, or a written answer that
  still waits for manual grading), never a hidden zero.
* ``status``: ``graded``, ``graded_with_issues`` (scores are final but
  something happened: a timeout, the memory limit, tampering ...),
  ``incomplete`` (some exercises could not be graded), ``not_graded``,
  ``not_submitted``; ``reasons`` says which and where, in Korean and English.
* ``sandbox``: ``yes`` when every graded notebook of the student ran in the
  sandbox, ``no`` when one was graded with ``--no-sandbox`` (its ``reasons``
  entry then says "샌드박스 없이 채점 / graded without the sandbox"), empty when
  nothing was graded (docs/sandbox.md).
* Written to ``<course>/exports/grades-<time>.csv`` unless ``-o`` says
  otherwise; an ``-o`` target inside a git work tree (the repository, say) is
  refused, so that a class's grades are not committed by accident
  (``--allow-git`` overrides).
* Text cells that a spreadsheet would run as a formula (``=``, ``+``, ``-``,
  ``@`` at the start) are prefixed with ``'``.
"""
import csv
import io
import time
from pathlib import Path

from . import status as st
from .autograde import load_specs
from .status import StatusDB

SEVERITY = [st.GRADED, st.ISSUES, "not_submitted", st.INCOMPLETE, st.NOT_GRADED]


def _safe_text(value):
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _num(x):
    if x is None:
        return ""
    x = float(x)
    return str(int(x)) if x.is_integer() else f"{x:g}"


def _value(grade):
    """A grade's score (manual before automatic, extra credit included), or None when it has none."""
    if grade is None or (grade.manual_score is None and grade.auto_score is None):
        return None
    return float(grade.score)


def gather(course, assignments=None):
    """Rows as dicts (also used by ``report``): one per student."""
    assignments = assignments or sorted(course.registered_assignments() & set(course.assignments()))
    specs = load_specs(course, assignments) if assignments else {}
    with StatusDB(course.status_db) as sdb:
        statuses = {(r["student"], r["assignment"], r["notebook"]): r for r in sdb.all()}
    rows = []
    with course.gradebook() as gb:
        students = sorted({s.id for s in gb.students} | {k[0] for k in statuses} | set(course.students()))
        for student in students:
            row = {"student": student, "scores": {}, "assignments": {}, "total": 0.0, "max_total": 0.0,
                   "reasons": [], "status": st.GRADED}
            worst = st.GRADED
            for a in assignments:
                a_total, a_max, a_status, a_any = 0.0, 0.0, None, False
                for nb, spec in specs[a].items():
                    stat = statuses.get((student, a, nb))
                    grades = {}
                    try:
                        sub = gb.find_submission_notebook(nb, a, student)
                        grades = {g.name: g for g in sub.grades}
                    except Exception:  # noqa: BLE001 - MissingEntry: never submitted / never graded
                        sub = None
                    if stat is None:
                        nb_status = "not_submitted" if not course.submission_dir(student, a).is_dir() \
                            else st.NOT_GRADED
                        if nb_status == st.NOT_GRADED:
                            row["reasons"].append(f"{a}/{nb}: 아직 채점하지 않음 / not autograded yet")
                        else:
                            row["reasons"].append(f"{a}/{nb}: 미제출 / not submitted")
                    else:
                        nb_status = stat["status"]
                        if stat["status"] != st.NOT_GRADED or st.UNSANDBOXED in stat["reasons"]:
                            unsafe = st.UNSANDBOXED in stat["reasons"]
                            row["sandbox"] = "no" if unsafe or row.get("sandbox") == "no" else "yes"
                        if stat["reasons"]:
                            where = sorted({i.get("exercise") or "" for i in stat["issues"]
                                            if i["code"] in stat["reasons"] and i.get("exercise")})
                            row["reasons"].append(
                                f"{a}/{nb}: {st.reason_text(stat['reasons'], 'ko')} / "
                                f"{st.reason_text(stat['reasons'], 'en')}"
                                + (f" ({', '.join(where)})" if where else ""))
                    for ex in spec.exercises:
                        key = f"{a}/{ex.id}"
                        a_max += ex.points
                        ex_stat = (stat or {}).get("exercises", {}).get(ex.id) or {}
                        cells = ex.tests if not ex.manual else [ex.id]
                        gs = [grades.get(g) for g in cells]
                        values = [_value(g) for g in gs]
                        by_hand = all(g is not None and g.manual_score is not None for g in gs)
                        usable = stat is not None and stat["status"] != st.NOT_GRADED
                        graded = by_hand or (usable and (ex.manual or ex_stat.get("graded")))
                        if graded and all(v is not None for v in values):
                            value = float(sum(values))
                            row["scores"][key] = value
                            a_total += value
                            a_any = True
                        else:
                            row["scores"][key] = None
                            if ex.manual and usable:
                                row["reasons"].append(f"{key}: 수동 채점 대기 / awaiting manual grading")
                    if a_status is None or SEVERITY.index(nb_status) > SEVERITY.index(a_status):
                        a_status = nb_status
                row["assignments"][a] = {"total": a_total if a_any else None, "max": a_max,
                                         "status": a_status or "not_submitted"}
                row["total"] += a_total
                row["max_total"] += a_max
                row["any_graded"] = row.get("any_graded", False) or a_any
                if a_status and a_status != "not_submitted" and SEVERITY.index(a_status) > SEVERITY.index(worst):
                    worst = a_status
            if all(v["status"] == "not_submitted" for v in row["assignments"].values()):
                worst = "not_submitted"
            row["status"] = worst
            rows.append(row)
    return rows, specs


def write_csv(rows, specs, path):
    columns = ["student_id"]
    ex_cols = [f"{a}/{ex.id}" for a in specs for nb in specs[a].values() for ex in nb.exercises]
    columns += ex_cols
    for a in specs:
        columns += [f"{a} 합계 / total", f"{a} 상태 / status"]
    columns += ["total", "max_total", "status", "reasons", "sandbox"]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(columns)
    for r in rows:
        line = [_safe_text(r["student"])]
        line += [_num(r["scores"].get(c)) for c in ex_cols]
        for a in specs:
            info = r["assignments"][a]
            line += [_num(info["total"]), info["status"]]
        line += [_num(r["total"] if r.get("any_graded") else None), _num(r["max_total"]), r["status"],
                 _safe_text("; ".join(r["reasons"])), r.get("sandbox", "")]
        w.writerow(line)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        f.write(buf.getvalue())
    return path


def git_work_tree(path):
    """The git work tree that ``path`` would be written into (its nearest folder with ``.git``), or None."""
    folder = Path(path).expanduser().resolve().parent
    for d in (folder, *folder.parents):
        if (d / ".git").exists():
            return d
    return None


def refuse_git_target(path, allow=False, flag="--allow-git"):
    """Grades are personal data: never written into a git work tree (a repository) unless ``allow``."""
    tree = None if allow else git_work_tree(path)
    if tree is not None:
        from .course import CourseError

        raise CourseError(
            f"{path}: 성적은 개인 정보라 git 작업 트리({tree}) 안에는 쓰지 않습니다. -o 없이 실행하면 강좌 폴더에 "
            f"씁니다. 정말 여기에 쓰려면 {flag}를 붙이세요.\n"
            f"{path} is inside the git work tree {tree}: grades are personal data and could be committed. "
            f"Leave out -o to write into the course folder, or add {flag} to write here anyway.")


def export(course, output=None, assignments=None, allow_git=False):
    """Write the CSV (default ``<course>/exports/grades-<time>.csv``); returns ``(path, rows)``.

    An explicit ``output`` inside a git work tree is refused (:class:`CourseError`) unless ``allow_git``."""
    if output is None:
        output = course.home / "exports" / f"grades-{time.strftime('%Y%m%d-%H%M%S')}.csv"
    else:
        refuse_git_target(output, allow_git)
    rows, specs = gather(course, assignments)
    return write_csv(rows, specs, output), rows
