"""``python -m grader report [ASSIGNMENT ...]``: charts (PNG) and one HTML summary of a grading run.

Only assignments that were collected (some student has a submission folder
or a grading status) are reported, or the ones named on the command line.
Written to ``<course>/reports/`` (or ``--output``):

* ``scores-<assignment>.png``: distribution of notebook totals, per
  assignment with at least one graded submission;
* ``pass-rate.png``: for each exercise, the share of graded submissions that
  got full marks;
* ``index.html``: both charts, a table per exercise (graded, full marks,
  failed, its most common failure message, numbers blurred so that "expected
  2, got 3" and "expected 2, got 4" count together), a headline naming the
  exercise that most students failed (the same numbers as its table row), and
  how many notebooks could not be graded, with the reasons.
"""
import collections
import html
import json
import re
from pathlib import Path

from . import status as st
from .export import gather
from .exercises import nbgrader_meta

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _norm_message(text):
    text = ANSI.sub("", text or "").strip().split("\n")[0]
    text = re.sub(r"-?\d+(\.\d+)?(e-?\d+)?", "#", text)
    return text[:160]


def _failure_text(out):
    """One failure message to count: the Korean first line (numbers blurred), with the error's name
    only when it is not the usual AssertionError, the hint when the message is empty."""
    from .feedback import HINTS

    ename, text = out.get("ename") or "Error", _norm_message(out.get("evalue"))
    if ename in HINTS:
        return HINTS[ename].split(" (")[0] + (f": {text}" if text else "")
    return text if ename == "AssertionError" and text else (f"{ename}: {text}" if text else ename)


def failures(course, specs, students=None):
    """``{(assignment, exercise): Counter(message)}``: each student's first failure message per exercise.

    Read from the autograded notebooks of ``students`` (default: everyone); one
    count per student and exercise, so the counts compare with the table's."""
    out = collections.defaultdict(collections.Counter)
    for a, nbs in specs.items():
        for nb_name, spec in nbs.items():
            for path in sorted(course.autograded_dir.glob(f"*/{a}/{nb_name}.ipynb")):
                student = path.parent.parent.name
                if students is not None and student not in students:
                    continue
                try:
                    nb = json.loads(path.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    continue
                seen = set()
                for cell in nb.get("cells", []):
                    gid = nbgrader_meta(cell).get("grade_id")
                    ex = spec.exercise_of(gid) if gid else None
                    if ex is None or ex.manual or gid not in ex.tests or ex.id in seen:
                        continue
                    for o in cell.get("outputs", []):
                        if o.get("output_type") == "error":
                            msg = _failure_text(o)
                            out[(a, ex.id)][msg] += 1
                            seen.add(ex.id)
                            break
    return out


def collected(course):
    """Assignments that some student handed in (a submission folder or a grading status)."""
    from .status import StatusDB

    found = {a for a in course.assignments() for s in course.students() if course.submission_dir(s, a).is_dir()}
    if course.status_db.exists():
        with StatusDB(course.status_db) as db:
            found |= {r["assignment"] for r in db.all()}
    return sorted(found & set(course.assignments()))


def summarize(course, assignments=None):
    """The numbers behind the report (no drawing): ``dict`` with ``assignments``, ``totals``, ``table``,
    ``headline`` and ``counts``.  Raises :class:`CourseError` when nothing was collected."""
    from .course import CourseError

    have = collected(course)
    if assignments:
        unknown = [a for a in assignments if a not in course.assignments()]
        if unknown:
            raise CourseError(f"소스에 없는 과제입니다 / unknown assignment(s): {', '.join(unknown)} "
                              f"(있는 과제 / available: {', '.join(course.assignments()) or '-'})")
        missing = [a for a in assignments if a not in have]
        if missing:
            raise CourseError(f"아직 제출물이 없는 과제입니다 / nothing collected for: {', '.join(missing)} "
                              f"(제출물이 있는 과제 / collected: {', '.join(have) or '-'})")
        wanted = list(assignments)
    else:
        wanted = have
    registered = course.registered_assignments()
    if assignments and any(a not in registered for a in wanted):
        raise CourseError(f"아직 채점하지 않은 과제입니다 / not autograded yet: "
                          f"{', '.join(a for a in wanted if a not in registered)} (python -m grader autograde)")
    wanted = [a for a in wanted if a in registered]       # collected but never autograded: nothing to show
    if not wanted:
        raise CourseError("보고할 제출물이 없습니다. 먼저 collect와 autograde를 실행하세요 / nothing collected yet: "
                          "run `python -m grader collect` and `autograde` first")
    rows, specs = gather(course, wanted)
    submitted = {a: [r for r in rows if r["assignments"][a]["status"] != "not_submitted"] for a in wanted}
    totals = {a: [r["assignments"][a]["total"] for r in submitted[a] if r["assignments"][a]["total"] is not None]
              for a in wanted}
    graded_students = {r["student"] for r in rows if r.get("any_graded")}
    fails = failures(course, specs, graded_students)
    table = []
    for a, nbs in specs.items():
        for s in nbs.values():
            for ex in s.exercises:
                key = f"{a}/{ex.id}"
                graded = [r["scores"].get(key) for r in rows if r["scores"].get(key) is not None]
                full = sum(1 for v in graded if v >= ex.points - 1e-9)
                common = fails.get((a, ex.id))
                table.append({"key": key, "assignment": a, "exercise": ex.id, "manual": ex.manual,
                              "points": ex.points, "graded": len(graded), "full": full,
                              "failed": len(graded) - full, "rate": full / len(graded) if graded else None,
                              "top": common.most_common(1)[0] if common else None})
    # the headline: the autograded exercise that most students failed (ties: the lower pass rate)
    candidates = [t for t in table if not t["manual"] and t["failed"] > 0]
    worst = max(candidates, key=lambda t: (t["failed"], -t["rate"], t["key"]), default=None)
    counts = collections.Counter(r["status"] for r in rows
                                 if any(r["assignments"][a]["status"] != "not_submitted" for a in wanted))
    reasons = collections.Counter()
    for r in rows:
        for text in r["reasons"]:
            reasons[text.split(": ", 1)[-1].split(" (")[0]] += 1
    return {"assignments": wanted, "specs": specs, "totals": totals, "table": table, "headline": worst,
            "counts": dict(counts), "reasons": reasons}


def build(course, output=None, assignments=None, allow_git=False):
    """Write the charts and ``index.html``; returns ``(index path, summary data)``."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    from .export import refuse_git_target

    if output is not None:
        refuse_git_target(Path(output) / "index.html", allow_git)
    data = summarize(course, assignments)
    specs, table = data["specs"], data["table"]
    out_dir = Path(output) if output else course.home / "reports"
    out_dir.mkdir(parents=True, exist_ok=True)
    charts = []

    for a, nbs in specs.items():
        totals = data["totals"][a]
        if not totals:
            continue                                  # nothing graded yet: no empty chart
        max_a = sum(ex.points for s in nbs.values() for ex in s.exercises)
        fig, ax = plt.subplots(figsize=(6, 3.2))
        bins = max(1, int(max_a)) if max_a else 10
        ax.hist(totals, bins=bins, range=(0, max_a or 1), color="#3b6ea5", edgecolor="white")
        ax.set_ylim(bottom=0)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_title(f"{a}: score distribution (n={len(totals)})")
        ax.set_xlabel(f"score (max {max_a:g})")
        ax.set_ylabel("students")
        fig.tight_layout()
        name = f"scores-{a}.png"
        fig.savefig(out_dir / name, dpi=110)
        plt.close(fig)
        charts.append((f"{a} 점수 분포 / score distribution", name))

    rated = [t for t in table if t["rate"] is not None]
    if rated:
        labels = [t["key"].replace("_tests", "") for t in rated]
        fig, ax = plt.subplots(figsize=(7, 0.35 * len(labels) + 1.2))
        ax.barh(range(len(labels)), [100 * t["rate"] for t in rated], color="#4c9a5b")
        ax.set_yticks(range(len(labels)))
        ax.set_yticklabels(labels, fontsize=8)
        ax.invert_yaxis()
        ax.set_xlim(0, 100)
        ax.set_xlabel("full marks (%)")
        ax.set_title("pass rate per exercise")
        fig.tight_layout()
        fig.savefig(out_dir / "pass-rate.png", dpi=110)
        plt.close(fig)
        charts.append(("연습 문제별 통과율 / pass rate per exercise", "pass-rate.png"))

    worst = data["headline"]
    parts = ["<!DOCTYPE html><html lang='ko'><head><meta charset='utf-8'><title>채점 보고서 / grading report</title>",
             "<style>body{font-family:system-ui,'Noto Sans KR','Malgun Gothic',sans-serif;max-width:60rem;margin:2rem auto}"
             "td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left}table{border-collapse:collapse}"
             "img{max-width:100%}</style></head><body>",
             "<h1>채점 보고서 / grading report</h1>",
             f"<p>과제 / assignments: {html.escape(', '.join(data['assignments']))}</p>",
             "<h2>상태 / status</h2><table><tr><th>상태</th><th>학생 수 / students</th></tr>"]
    for key, n in collections.Counter(data["counts"]).most_common():
        ko, en = st.LABELS.get(key, (key, key))
        parts.append(f"<tr><td>{ko} / {en}</td><td>{n}</td></tr>")
    parts.append("</table>")
    if data["reasons"]:
        parts.append("<h3>사유 / reasons</h3><ul>")
        parts += [f"<li>{html.escape(k)}: {v}</li>" for k, v in data["reasons"].most_common(12)]
        parts.append("</ul>")
    if worst:
        msg = f" — {html.escape(worst['top'][0])} ({worst['top'][1]}명 / students)" if worst["top"] else ""
        parts.append(f"<p><b>가장 많이 실패한 테스트 / most common failing test</b>: {html.escape(worst['key'])}: "
                     f"{worst['graded']}명 중 {worst['failed']}명 실패 / {worst['failed']} of {worst['graded']} "
                     f"failed{msg}</p>")
    for title, name in charts:
        parts.append(f"<h2>{html.escape(title)}</h2><img src='{html.escape(name)}' alt='{html.escape(title)}'>")
    parts.append("<h2>연습 문제 / exercises</h2><table><tr><th>연습 문제</th><th>채점 수</th><th>실패</th>"
                 "<th>만점 비율</th><th>가장 흔한 실패 / most common failure</th></tr>")
    for t in table:
        msg = f"{html.escape(t['top'][0])} ({t['top'][1]})" if t["top"] else ""
        rate = "-" if t["rate"] is None else f"{100 * t['rate']:.0f}%"
        parts.append(f"<tr><td>{html.escape(t['key'])}</td><td>{t['graded']}</td><td>{t['failed']}</td>"
                     f"<td>{rate}</td><td>{msg}</td></tr>")
    parts.append("</table></body></html>")
    index = out_dir / "index.html"
    index.write_text("\n".join(parts), encoding="utf-8")
    data["charts"] = [c[1] for c in charts]
    return index, data
