"""``python -m grader check NOTEBOOK``: a student's self-check before handing in.

Runs the notebook top to bottom in a grading kernel (same limits as the real
grading), then prints, in Korean, which exercises pass their *visible* tests
and why the others fail.  Exit status: 0 when every autograded exercise
passes, 1 when one fails (or the notebook could not run), 2 for a file that
is not a notebook.  (``nbgrader validate`` exits 0 even when validation fails.)

Hidden tests only exist in the instructor's copy, so a pass here is a good
sign, not a guarantee.
"""
import sys
import time
from pathlib import Path

from . import sanitize
from .cli import how_to_run, missing_modules
from .exercises import nbgrader_meta, spec_from_notebook
from .execute import ZERO_ENAME, Limits, NotebookRunner, cell_score
from .feedback import ANSI, HINTS

GRADER_ENAMES = {ZERO_ENAME, "CellTimeoutError", "DeadKernelError", "NotExecuted"}


def _message(text, max_lines=12, width=300):
    """A failure's whole message (expected and actual values, the hint), without terminal colours;
    very long messages are cut, with a note."""
    lines = [x.rstrip() for x in ANSI.sub("", text or "").strip().split("\n")]
    lines = [x if len(x) <= width else x[: width - 1] + "…" for x in lines]
    if len(lines) > max_lines:
        lines = lines[:max_lines] + [f"… ({len(lines) - max_lines}줄 더 있음 / more lines)"]
    return "\n".join(lines)


def check(path, limits=None, stream=None, integrity=True):
    """Run the self-check; returns ``(exit code, per-exercise results)``.

    Exit code 2 (nothing run) for a file that is not a notebook and for a Python
    without the course's packages (the message says how to run it instead)."""
    from .sandbox import Zygote

    stream = stream or sys.stdout
    limits = limits or Limits()
    path = Path(path)
    out = stream.write
    missing = missing_modules()
    if missing:
        out(how_to_run(missing, f"check {path}"))
        return 2, []
    try:
        nb = sanitize.load(path)
    except sanitize.InvalidNotebook as exc:
        out(f"노트북을 읽을 수 없습니다: {path}\n  {exc}\n"
            f"(Jupyter에서 파일을 다시 저장하거나, 제출 전에 원본 노트북을 다시 받으세요.)\n")
        return 2, []
    spec = spec_from_notebook(nb, assignment=path.parent.name, name=path.stem)
    auto = [ex for ex in spec.exercises if not ex.manual]
    if not auto:
        out(f"{path.name}에 자동 채점 연습 문제가 없습니다 / no autograded exercises.\n")
        return 0, []
    out(f"{path.name} 확인 중... (보이는 테스트만 실행합니다)\n")
    stream.flush()
    started = time.monotonic()
    zygote = Zygote(memory_limit=limits.memory, output_bytes=limits.output_bytes, prefork=False,
                    preload_modules=sorted({t.split(".")[0] for t in spec.imports.values()}))
    try:
        run = NotebookRunner(zygote, limits).run(nb, spec, path.resolve().parent, check_integrity=integrity)
    finally:
        zygote.close()
    cells = {nbgrader_meta(c).get("grade_id"): c for c in run.nb["cells"] if nbgrader_meta(c).get("grade_id")}
    # a test that never ran (the kernel did not start, died, or ran out of time) is not a pass
    not_run = {nbgrader_meta(run.nb["cells"][i]).get("grade_id") for i in run.not_executed
               if i < len(run.nb["cells"])}
    why_not_run = next((i.ko for i in run.issues if i.code in ("kernel_died", "timeout", "memory_limit")),
                       "커널이 멈췄습니다")
    results = []
    failed = 0
    for n, ex in enumerate(auto, 1):
        scores, messages = [], []
        for gid in ex.tests:
            cell = cells.get(gid)
            if cell is None:
                scores.append((0.0, 0.0))
                messages.append("테스트 셀이 없습니다. 지웠다면 원본 노트북에서 다시 복사하세요.")
                continue
            if gid in not_run:
                scores.append((0.0, float(nbgrader_meta(cell).get("points") or 0.0)))
                if not any(f[0] == "not_executed" for f in run.exercise_flags.get(ex.id, [])):
                    messages.append(f"테스트 셀이 실행되지 않았습니다: {why_not_run}")
                continue
            score, max_score = cell_score(cell)
            scores.append((score or 0.0, max_score))
            for o in cell.get("outputs", []):
                if o.get("output_type") == "error" and o.get("ename") not in GRADER_ENAMES:
                    ename = o.get("ename") or "오류"
                    text = _message(o.get("evalue"))
                    if ename in HINTS:
                        text = HINTS[ename] + (f" ({text})" if text else "")
                    elif ename != "AssertionError":
                        text = f"{ename}: {text}" if text else ename
                    messages.append(text or ename)
                    break
        got = sum(s for s, _ in scores)
        full = sum(m for _, m in scores)
        ok = not messages and got >= full
        flags = [f for f in run.exercise_flags.get(ex.id, [])]
        if flags and ok:
            ok = False
        if not ok:
            failed += 1
        label = ex.answers[0] if ex.answers else ex.id
        mark = "✅ 통과" if ok else "❌ 실패"
        out(f"  [{n}] {label}: {mark} ({got:g}/{full:g}점)\n")
        for code, ko, _en in flags:
            out(f"      - {ko}\n")
        for msg in messages[:2]:
            first, *rest = msg.split("\n")
            out(f"      - {first}\n")
            for line in rest:                       # 기대한 값 / 실제 값 / the hint, as on the feedback page
                out(f"        {line}\n")
        results.append({"exercise": ex.id, "ok": ok, "score": got, "max": full, "messages": messages,
                        "flags": [f[0] for f in flags]})
    tampered = [i for i in run.issues if i.code in ("integrity",)]
    for i in tampered[:1]:
        out(f"  ! {i.ko}\n")
    manual = [ex for ex in spec.exercises if ex.manual]
    seconds = time.monotonic() - started
    passed = len(auto) - failed
    out(f"\n보이는 테스트 기준 {len(auto)}문제 중 {passed}문제 통과 ({seconds:.1f}초).")
    if manual:
        out(f" 서술형 {len(manual)}문제는 선생님이 직접 채점합니다.")
    out("\n")
    if failed:
        out("아직 통과하지 못한 문제가 있습니다. 위의 메시지를 보고 답을 고친 뒤 다시 확인하세요.\n")
    else:
        out("모두 통과했습니다! 채점할 때는 숨겨진 테스트도 실행됩니다.\n")
    return (1 if failed else 0), results
