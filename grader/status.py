"""Per-notebook grading status, next to nbgrader's gradebook.

nbgrader's gradebook only holds scores: a notebook whose kernel died looks like
one that got every test wrong.  This small SQLite database (one row per
student, assignment and notebook) records how the last autograde of that
notebook ended, why, what the submission's hash was and when.  ``autograde``
uses it to resume (a notebook whose submission and tests are unchanged is
skipped), ``export``, ``feedback`` and ``report`` use it to tell a real zero
from "could not be graded".

The row is written only after the gradebook has committed the notebook's
grades, so a run killed in between leaves no row and the notebook is graded
again next time.
"""
import json
import sqlite3
import time
from contextlib import closing

# status values
GRADED = "graded"                       # every exercise graded, nothing unusual
ISSUES = "graded_with_issues"           # graded; some exercise hit a limit or was tampered with (reasons)
INCOMPLETE = "incomplete"               # the kernel died / ran out of time: some exercises were not graded
NOT_GRADED = "not_graded"               # nothing could be graded (invalid or missing notebook, no kernel)
UNSANDBOXED = "unsandboxed"             # reason: graded with --no-sandbox (grader/sandbox.py, docs/sandbox.md)

LABELS = {
    GRADED: ("채점 완료", "graded"),
    ISSUES: ("채점 완료(문제 있음)", "graded with issues"),
    INCOMPLETE: ("일부만 채점", "partly graded"),
    NOT_GRADED: ("채점 불가", "could not be graded"),
    "not_submitted": ("미제출", "not submitted"),
}

# reason codes
REASONS = {
    "kernel_died": ("커널이 죽음", "kernel died"),
    "timeout": ("시간 초과", "timeout"),
    "memory_limit": ("메모리 제한 초과", "memory limit"),
    "invalid_notebook": ("잘못된 노트북 파일", "invalid notebook"),
    "missing_notebook": ("노트북 없음", "missing notebook"),
    "renamed_notebook": ("노트북 이름이 바뀜", "renamed notebook"),
    "tampered_cells": ("테스트 셀 변조", "tampered cells"),
    "integrity": ("채점 환경 변조(몽키패치)", "tampered environment (monkeypatching)"),
    "output_truncated": ("출력 잘림", "output truncated"),
    "grader_error": ("채점기 오류", "grader error"),
    "answer_missing": ("답 셀 없음", "answer cell missing"),
    UNSANDBOXED: ("샌드박스 없이 채점", "graded without the sandbox"),
}
# reasons that do not make a notebook "with issues"
INFO_ONLY = {"output_truncated", "answer_missing", UNSANDBOXED}

SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    student TEXT NOT NULL,
    assignment TEXT NOT NULL,
    notebook TEXT NOT NULL,
    status TEXT NOT NULL,
    reasons TEXT NOT NULL,          -- JSON list of reason codes
    issues TEXT NOT NULL,           -- JSON list of {code, ko, en, exercise, cell}
    exercises TEXT NOT NULL,        -- JSON {exercise id: {score, max, flags, graded}}
    submission_hash TEXT,
    spec_hash TEXT,
    graded_at REAL NOT NULL,
    seconds REAL,
    PRIMARY KEY (student, assignment, notebook)
);
"""


class StatusDB:
    def __init__(self, path):
        self.path = str(path)
        self.conn = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.executescript(SCHEMA)

    def close(self):
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def put(self, r):
        self.conn.execute(
            "INSERT OR REPLACE INTO results VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (r["student"], r["assignment"], r["notebook"], r["status"], json.dumps(r.get("reasons", [])),
             json.dumps(r.get("issues", []), ensure_ascii=False), json.dumps(r.get("exercises", {}), ensure_ascii=False),
             r.get("submission_hash"), r.get("spec_hash"), time.time(), r.get("seconds")))

    def get(self, student, assignment, notebook):
        with closing(self.conn.execute(
                "SELECT * FROM results WHERE student=? AND assignment=? AND notebook=?",
                (student, assignment, notebook))) as cur:
            row = cur.fetchone()
            cols = [d[0] for d in cur.description]
        return _decode(dict(zip(cols, row))) if row else None

    def all(self):
        with closing(self.conn.execute("SELECT * FROM results ORDER BY student, assignment, notebook")) as cur:
            cols = [d[0] for d in cur.description]
            return [_decode(dict(zip(cols, row))) for row in cur.fetchall()]

    def delete(self, student, assignment, notebook):
        self.conn.execute("DELETE FROM results WHERE student=? AND assignment=? AND notebook=?",
                          (student, assignment, notebook))


def _decode(row):
    for key in ("reasons", "issues", "exercises"):
        row[key] = json.loads(row[key]) if row.get(key) else ([] if key != "exercises" else {})
    return row


def summarize(issues, exercises_not_graded, nothing_graded):
    """``(status, reason codes)`` from a notebook's issues."""
    codes = []
    for i in issues:
        code = i["code"] if isinstance(i, dict) else i.code
        if code not in codes:
            codes.append(code)
    if nothing_graded:
        return NOT_GRADED, codes
    if exercises_not_graded:
        return INCOMPLETE, codes
    if any(c not in INFO_ONLY for c in codes):
        return ISSUES, codes
    return GRADED, codes


def reason_text(codes, lang="ko"):
    k = 0 if lang == "ko" else 1
    return ", ".join(REASONS.get(c, (c, c))[k] for c in codes)
