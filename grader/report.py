"""``python -m grader report``: charts (PNG) and one HTML summary of a grading run.

Written to ``<course>/reports/`` (or ``--output``):

* ``scores-<assignment>.png``: distribution of notebook totals, per notebook;
* ``pass-rate.png``: for each exercise, the share of graded submissions that
  got full marks;
* ``index.html``: both charts, a table per exercise with its pass rate and
  its most common failing test (the most frequent failure message, numbers
  blurred so that "expected 2, got 3" and "expected 2, got 4" count together),
  and how many notebooks could not be graded, with the reasons.
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


def failures(course, specs):
    """``{(assignment, exercise): Counter(message)}`` from the autograded notebooks."""
    out = collections.defaultdict(collections.Counter)
    for a, nbs in specs.items():
        for nb_name, spec in nbs.items():
            for path in sorted(course.autograded_dir.glob(f"*/{a}/{nb_name}.ipynb")):
                try:
                    nb = json.loads(path.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    continue
                for cell in nb.get("cells", []):
                    gid = nbgrader_meta(cell).get("grade_id")
                    ex = spec.exercise_of(gid) if gid else None
                    if ex is None or ex.manual or gid not in ex.tests:
                        continue
                    for o in cell.get("outputs", []):
                        if o.get("output_type") == "error":
                            msg = f"{o.get('ename')}: {_norm_message(o.get('evalue'))}"
                            out[(a, ex.id)][msg] += 1
                            break
    return out


def build(course, output=None):
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    rows, specs = gather(course)
    out_dir = Path(output) if output else course.home / "reports"
    out_dir.mkdir(parents=True, exist_ok=True)
    fails = failures(course, specs)
    charts = []

    for a, nbs in specs.items():
        max_a = sum(ex.points for s in nbs.values() for ex in s.exercises)
        totals = [r["assignments"][a]["total"] for r in rows
                  if r["assignments"][a]["total"] is not None and r["assignments"][a]["status"] != "not_submitted"]
        fig, ax = plt.subplots(figsize=(6, 3.2))
        bins = max(1, int(max_a)) if max_a else 10
        ax.hist(totals, bins=bins, range=(0, max_a or 1), color="#3b6ea5", edgecolor="white")
        ax.set_title(f"{a}: score distribution (n={len(totals)})")
        ax.set_xlabel(f"score (max {max_a:g})")
        ax.set_ylabel("students")
        fig.tight_layout()
        name = f"scores-{a}.png"
        fig.savefig(out_dir / name, dpi=110)
        plt.close(fig)
        charts.append((f"{a} 점수 분포 / score distribution", name))

    labels, rates, table = [], [], []
    for a, nbs in specs.items():
        for s in nbs.values():
            for ex in s.exercises:
                key = f"{a}/{ex.id}"
                graded = [r["scores"].get(key) for r in rows if r["scores"].get(key) is not None]
                full = sum(1 for v in graded if v >= ex.points - 1e-9)
                rate = full / len(graded) if graded else 0.0
                labels.append(key.replace("_tests", ""))
                rates.append(100 * rate)
                common = fails.get((a, ex.id))
                top = common.most_common(1)[0] if common else None
                table.append((key, ex, len(graded), rate, top))
    if labels:
        fig, ax = plt.subplots(figsize=(7, 0.35 * len(labels) + 1.2))
        ax.barh(range(len(labels)), rates, color="#4c9a5b")
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

    counts = collections.Counter(r["status"] for r in rows)
    reasons = collections.Counter()
    for r in rows:
        for text in r["reasons"]:
            reasons[text.split(": ", 1)[-1].split(" (")[0]] += 1
    failing = [t for t in table if t[4] and not t[1].manual]
    worst = max(failing, key=lambda t: (t[4][1], -t[3], t[0]), default=None)      # most failures
    parts = ["<!DOCTYPE html><html lang='ko'><head><meta charset='utf-8'><title>채점 보고서 / grading report</title>",
             "<style>body{font-family:system-ui,'Noto Sans KR','Malgun Gothic',sans-serif;max-width:60rem;margin:2rem auto}"
             "td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left}table{border-collapse:collapse}"
             "img{max-width:100%}</style></head><body>",
             "<h1>채점 보고서 / grading report</h1>",
             "<h2>상태 / status</h2><table><tr><th>상태</th><th>학생 수 / students</th></tr>"]
    for key, n in counts.most_common():
        ko, en = st.LABELS.get(key, (key, key))
        parts.append(f"<tr><td>{ko} / {en}</td><td>{n}</td></tr>")
    parts.append("</table>")
    if reasons:
        parts.append("<h3>사유 / reasons</h3><ul>")
        parts += [f"<li>{html.escape(k)}: {v}</li>" for k, v in reasons.most_common(12)]
        parts.append("</ul>")
    if worst and worst[4]:
        parts.append(f"<p><b>가장 많이 실패한 테스트 / most common failing test</b>: {html.escape(worst[0])} — "
                     f"{html.escape(worst[4][0])} ({worst[4][1]}회)</p>")
    for title, name in charts:
        parts.append(f"<h2>{html.escape(title)}</h2><img src='{html.escape(name)}' alt='{html.escape(title)}'>")
    parts.append("<h2>연습 문제 / exercises</h2><table><tr><th>연습 문제</th><th>채점 수</th><th>만점 비율</th>"
                 "<th>가장 흔한 실패 / most common failure</th></tr>")
    for key, ex, n, rate, top in table:
        msg = f"{html.escape(top[0])} ({top[1]})" if top else ""
        parts.append(f"<tr><td>{html.escape(key)}</td><td>{n}</td><td>{100 * rate:.0f}%</td><td>{msg}</td></tr>")
    parts.append("</table></body></html>")
    index = out_dir / "index.html"
    index.write_text("\n".join(parts), encoding="utf-8")
    return index, {"table": table, "counts": dict(counts), "charts": [c[1] for c in charts]}
