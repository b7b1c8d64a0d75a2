"""``python -m grader feedback``: one HTML page per student and notebook, in Korean.

Written to ``<course>/feedback/<student>/<assignment>/<notebook>.html`` (the
folder nbgrader's ``release_feedback`` hands out).  Each page starts with a
score table (one row per exercise, manual grades included; a written answer
that waits for the instructor says 채점 대기, not 0; the 설명 column gives the
short Korean reason of every failure: the first line of the test's message, a
limit or tampering), then the graded notebook, where:

* a test cell shows only its *visible* part; the hidden tests are replaced
  by one comment line;
* a test cell's printed output is dropped when the cell has hidden tests (a
  student's ``print`` inside their function would otherwise reveal the
  hidden inputs);
* an error in a test cell shows only its message, without the traceback,
  and a failure inside the hidden part only says that a hidden test failed.

Nothing of the hidden tests can reach the page; ``leaks()`` checks a page for
that, and the tests run it on every generated page.
"""
import copy
import html
import json
import re

from . import status as st
from .autograde import load_specs
from .exercises import cell_source, hidden_line_ranges, nbgrader_meta, strip_hidden
from .execute import ZERO_ENAME, failure_in_hidden
from .status import StatusDB

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
HIDDEN_NOTE = "# (숨겨진 테스트는 채점에만 쓰이고 여기에는 보이지 않습니다 / hidden tests are not shown)"
HIDDEN_FAIL = ("숨겨진 테스트를 통과하지 못했습니다. 보이는 테스트 말고 다른 입력에서도 맞는지 확인해 보세요. / "
               "A hidden test failed: check your answer on other inputs too.")

STATUS_KO = {
    "pass": "통과", "fail": "실패", "zero": "0점", "pending": "채점 대기", "not_graded": "채점 안 됨",
    "partial": "부분 점수",
}


def _clean(text):
    return ANSI.sub("", text or "")


HINTS = {
    "NotImplementedError": "아직 답을 작성하지 않았습니다 (답 셀의 raise NotImplementedError()를 지우고 코드를 쓰세요)",
    "NameError": "정의되지 않은 이름을 썼습니다. 답 셀을 실행했는지, 이름을 바꾸지 않았는지 확인하세요",
    "TypeError": "값의 자료형이나 인자가 맞지 않습니다",
}


def _error_message(out):
    """``AssertionError: <Korean message>`` without any traceback frames."""
    ename = out.get("ename") or "Error"
    evalue = _clean(out.get("evalue") or "")
    if ename in HINTS:
        evalue = f"{HINTS[ename]}: {evalue}" if evalue else HINTS[ename]
    if ename in ("GraderError", "CellTimeoutError", "DeadKernelError", "NotExecuted"):
        lines = [_clean(x) for x in out.get("traceback", []) if x]
        return "\n".join(lines) if lines else f"{ename}: {evalue}"
    return f"{ename}: {evalue}" if evalue else ename


def _shown_error(cell, out, test_source, has_hidden):
    """What the page shows for an error of a test cell: its message, or only "a hidden test failed"."""
    probe = dict(cell, source=test_source)
    if out.get("ename") not in (ZERO_ENAME, "CellTimeoutError", "DeadKernelError", "NotExecuted") \
            and has_hidden and failure_in_hidden(probe, out):
        return HIDDEN_FAIL
    return _error_message(out)


def _short(text, limit=120):
    """The first line of a shown error, without ``AssertionError:`` (the 설명 column)."""
    line = next((x.strip() for x in (text or "").split("\n") if x.strip()), "")
    line = re.sub(r"^(AssertionError|NotImplementedError|NameError|TypeError):\s*", "", line)
    if line == HIDDEN_FAIL:
        line = HIDDEN_FAIL.split(". ")[0] + "."
    elif " / " in line and re.search(r"[가-힣]", line.split(" / ")[0]):
        line = line.split(" / ")[0]                                  # Korean half of a bilingual message
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _failure_reasons(nb, spec):
    """``{exercise id: short Korean reason}`` from the failing test cells of the autograded notebook."""
    tests = {c.grade_id: c for c in spec.cells if c.is_test}
    cells = {nbgrader_meta(c).get("grade_id"): c for c in nb.get("cells", []) if c.get("cell_type") == "code"}
    out = {}
    for ex in spec.exercises:
        for gid in ([] if ex.manual else ex.tests):
            cell, test = cells.get(gid), tests.get(gid)
            if cell is None or test is None:
                continue
            error = next((o for o in cell.get("outputs", []) if o.get("output_type") == "error"), None)
            if error is None:
                continue
            has_hidden = bool(hidden_line_ranges(cell_source(cell))) or bool(hidden_line_ranges(test.source))
            out[ex.id] = _short(_shown_error(cell, error, test.source, has_hidden))
            break
    return out


def scrub(nb, spec):
    """A copy of the autograded notebook that is safe to show to the student."""
    nb = copy.deepcopy(nb)
    tests = {c.grade_id: c for c in spec.cells if c.is_test}
    for cell in nb.get("cells", []):
        gid = nbgrader_meta(cell).get("grade_id")
        if gid not in tests or cell.get("cell_type") != "code":
            continue
        full = cell_source(cell)
        has_hidden = bool(hidden_line_ranges(full)) or bool(hidden_line_ranges(tests[gid].source))
        visible = strip_hidden(tests[gid].source).rstrip()
        cell["source"] = visible + ("\n\n" + HIDDEN_NOTE if has_hidden else "")
        outs = []
        for out in cell.get("outputs", []):
            kind = out.get("output_type")
            if kind == "error":
                text = _shown_error(cell, out, tests[gid].source, has_hidden)
                outs.append({"output_type": "stream", "name": "stderr", "text": text + "\n"})
            elif kind == "stream" and has_hidden:
                continue
            elif kind in ("display_data", "execute_result") and has_hidden:
                continue
            else:
                outs.append(out)
        cell["outputs"] = outs
    return nb


def leaks(page, spec):
    """Lines of hidden tests that appear in ``page`` (should be empty)."""
    found = []
    for c in spec.cells:
        if not c.is_test:
            continue
        lines = c.source.split("\n")
        visible = set(x.strip() for x in strip_hidden(c.source).split("\n"))
        for a, b in hidden_line_ranges(c.source):
            for line in lines[a:b - 1]:
                s = line.strip()
                if len(s) >= 12 and s not in visible and not s.startswith("#"):
                    if html.escape(s) in page or s in page:
                        found.append(s)
    return found


PENDING_NOTE = "서술형 답안입니다. 선생님이 채점하면 점수가 표시됩니다"


def _exercise_rows(spec, grades, stat, failed=None):
    """``(exercise, state, score, 설명)`` per exercise; ``failed``: reasons from :func:`_failure_reasons`."""
    failed = failed or {}
    rows = []
    exstat = (stat or {}).get("exercises", {})
    for ex in spec.exercises:
        cells = ex.tests if not ex.manual else [ex.id]
        scores = [grades.get(g) for g in cells]
        info = exstat.get(ex.id, {})
        flags = info.get("flags", [])
        reasons = [i for i in (stat or {}).get("issues", []) if i.get("exercise") == ex.id
                   and i["code"] not in ("output_truncated",)]
        if stat is None or stat.get("status") == st.NOT_GRADED or (not info.get("graded") and not ex.manual):
            state, score = "not_graded", None
        elif any(s is None for s in scores):
            state, score = "pending", None
        else:
            score = float(sum(scores))
            if score >= ex.points - 1e-9:
                state = "pass"
            elif any(f not in ("answer_error",) for f in flags) and score == 0:
                state = "zero"
            elif score > 0:
                state = "partial"
            else:
                state = "fail"
        why = "; ".join(dict.fromkeys(r["ko"] for r in reasons)) if reasons else ""
        if state == "pending":
            why = why or PENDING_NOTE
        elif state in ("fail", "zero", "partial") and not why:
            if ex.manual:
                why = ("선생님이 채점한 점수입니다" if ex.id in grades.get(BY_HAND, ())
                       else "답을 작성하지 않았습니다")
            else:
                why = failed.get(ex.id) or "테스트를 통과하지 못했습니다 (아래 테스트 셀을 보세요)"
        elif state == "not_graded" and not why:
            why = st.reason_text((stat or {}).get("reasons", []), "ko") or "채점하지 못했습니다"
        rows.append((ex, state, score, why))
    return rows


def _summary_html(student, spec, rows, stat):
    total = sum(s for _, _, s, _ in rows if s is not None)
    max_total = sum(ex.points for ex, *_ in rows)
    status_ko, status_en = st.LABELS.get((stat or {}).get("status", st.NOT_GRADED), ("?", "?"))
    graded_any = any(s is not None for _, _, s, _ in rows)
    score_text = f"{total:g} / {max_total:g}" if graded_any else f"- / {max_total:g}"
    trs = []
    for ex, state, score, why in rows:
        label = ex.id.replace("_tests", "")
        kind = "서술형(수동 채점)" if ex.manual else "자동 채점"
        sc = "-" if score is None else f"{score:g}"
        trs.append(f"<tr class='{state}'><td>{html.escape(label)}</td><td>{kind}</td>"
                   f"<td class='num'>{sc} / {ex.points:g}</td><td>{STATUS_KO[state]}</td>"
                   f"<td>{html.escape(why)}</td></tr>")
    issues = [i for i in (stat or {}).get("issues", []) if not i.get("exercise")
              and i["code"] not in ("output_truncated",)]
    notes = "".join(f"<li>{html.escape(i['ko'])}</li>" for i in issues)
    return f"""
<section class="grader-summary" lang="ko">
<style>
.grader-summary {{ font-family: system-ui, 'Noto Sans KR', 'Malgun Gothic', sans-serif; max-width: 60rem;
  margin: 1.5rem auto; padding: 1rem 1.5rem; border: 1px solid #ccd; border-radius: 8px; background: #f8f9fc; }}
.grader-summary table {{ border-collapse: collapse; width: 100%; }}
.grader-summary td, .grader-summary th {{ border-bottom: 1px solid #dde; padding: .35rem .5rem; text-align: left; }}
.grader-summary .num {{ text-align: right; white-space: nowrap; }}
.grader-summary tr.pass td:nth-child(4) {{ color: #197a2b; font-weight: 600; }}
.grader-summary tr.fail td:nth-child(4), .grader-summary tr.zero td:nth-child(4) {{ color: #b3261e; font-weight: 600; }}
</style>
<h1>{html.escape(spec.name)} 채점 결과</h1>
<p>학생: <b>{html.escape(student)}</b> · 점수: <b>{score_text}</b> · 상태: {status_ko}</p>
<table>
<tr><th>연습 문제</th><th>채점</th><th class="num">점수</th><th>결과</th><th>설명</th></tr>
{''.join(trs)}
</table>
{f'<ul>{notes}</ul>' if notes else ''}
<p>설명은 짧은 요약입니다. 기대한 값, 실제 값과 힌트는 아래 노트북의 테스트 셀에 있습니다.</p>
<p>테스트 셀에는 보이는 테스트만 표시합니다. 숨겨진 테스트는 채점에만 쓰입니다.</p>
</section>
"""


_EXPORTER = None


def _exporter():
    global _EXPORTER
    if _EXPORTER is None:
        from nbconvert import HTMLExporter

        _EXPORTER = HTMLExporter(template_name="lab")
        _EXPORTER.exclude_input_prompt = False
    return _EXPORTER


def render(student, spec, nb, grades, stat):
    """The feedback page (a string) for one notebook."""
    import nbformat

    safe = scrub(nb, spec)
    for cell in safe.get("cells", []):
        if cell.get("cell_type") == "code":
            cell.setdefault("outputs", [])
            cell.setdefault("execution_count", None)
        cell.setdefault("metadata", {})
    node = nbformat.from_dict(safe)
    body, _ = _exporter().from_notebook_node(node, resources={"metadata": {"name": f"{spec.name} - {student}"}})
    rows = _exercise_rows(spec, grades, stat, _failure_reasons(nb, spec))
    summary = _summary_html(student, spec, rows, stat)
    m = re.search(r"<body[^>]*>", body)
    page = body[: m.end()] + summary + body[m.end():] if m else summary + body
    page = page.replace("<html>", '<html lang="ko">', 1)
    return page


def _grades(gb, a, nb, student):
    try:
        sub = gb.find_submission_notebook(nb, a, student)
    except Exception:  # noqa: BLE001
        return {}
    grades = {g.name: _score(g) for g in sub.grades}
    grades[BY_HAND] = {g.name for g in sub.grades if g.manual_score is not None}
    return grades


BY_HAND = "__graded_by_hand__"        # key of _grades(): the cells a human graded


def _score(grade):
    """A grade's score, or None while it waits for a human (an answered written question)."""
    if grade.manual_score is not None:
        return float(grade.score)
    if grade.auto_score is None or grade.needs_manual_grade:
        return None
    return float(grade.score)


def generate(course, assignments=None, students=None, force=True):
    """Write feedback pages; returns the written paths."""
    assignments = assignments or sorted(course.registered_assignments() & set(course.assignments()))
    specs = load_specs(course, assignments)
    with StatusDB(course.status_db) as sdb:
        statuses = {(r["student"], r["assignment"], r["notebook"]): r for r in sdb.all()}
    written = []
    with course.gradebook() as gb:
        for (student, a, nb), stat in sorted(statuses.items()):
            if a not in specs or nb not in specs[a] or (students and student not in students):
                continue
            spec = specs[a][nb]
            path = course.autograded_path(student, a, nb)
            nb_json = None
            if path.is_file():
                with open(path, encoding="utf-8") as f:
                    nb_json = json.load(f)
            else:
                nb_json = {"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
            page = render(student, spec, nb_json, _grades(gb, a, nb, student), stat)
            bad = leaks(page, spec)
            if bad:
                raise RuntimeError(f"feedback for {student}/{a}/{nb} would show hidden tests: {bad[:3]}")
            out = course.feedback_path(student, a, nb)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(page, encoding="utf-8")
            written.append(out)
            # nbgrader's release_feedback finds the submission through these two files
            for name in ("timestamp.txt", "submission_secret.txt"):
                for folder in (course.autograded_dir / student / a, course.submission_dir(student, a)):
                    if (folder / name).is_file():
                        (out.parent / name).write_bytes((folder / name).read_bytes())
                        break
    return written


__all__ = ["generate", "render", "scrub", "leaks"]
