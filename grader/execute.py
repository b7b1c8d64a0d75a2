"""Run one notebook in a grading kernel, cell by cell, under the limits.

What this adds to what nbgrader's ``Execute`` preprocessor does:

* a per-cell timeout *and* a wall-clock limit for the whole notebook; a cell
  that does not stop on SIGINT gets its kernel killed (with everything it
  started), then a fresh kernel replays the cells before it and grading goes
  on after it (once per notebook);
* an answer cell that timed out, hit the memory limit, raised, or killed the
  kernel zeroes the tests of its own exercise, even if they would pass;
* the integrity check of :mod:`grader.integrity`, decided here and not in the
  kernel: the kernel's audit hook reports over its own socket what it executes
  (each test cell must run exactly as sent, and end with its completion marker
  when it says it passed) and what the grading environment looks like before and
  after every test cell; a tampered exercise scores 0;
* a test cell scores all its points when it raised nothing, else 0 (no partial
  credit from a number it shows: :func:`cell_score`);
* a dead kernel, the memory limit and timeouts are recorded with their reason
  instead of looking like a wrong answer;
* output is capped inside the kernel and again here (no worker drowns in a
  flood of 10⁷ lines);
* stderr output never costs points (only errors do).
"""
import json
import os
import secrets
import socket
import time
from dataclasses import dataclass, field

from . import integrity
from .exercises import cell_source, hidden_line_ranges, nbgrader_meta

GIB = 1 << 30

ZERO_ENAME = "GraderError"
TRUNCATION_NOTE = "output truncated by the grader"


@dataclass
class Limits:
    cell_timeout: float = 30.0          # seconds per cell
    notebook_timeout: float = 300.0     # seconds of wall clock per notebook
    memory: int = 2 * GIB               # bytes of address space for the student's code
    output_bytes: int = 1 << 20         # characters per cell that leave the kernel
    output_lines: int = 1000            # lines per cell kept in the graded notebook
    traceback_lines: int = 100
    interrupt_grace: float = 5.0        # seconds to wait for a cell to stop after SIGINT
    restarts: int = 1                   # fresh kernels per notebook after a crash or a stuck cell


@dataclass
class CellResult:
    index: int
    status: str = "ok"          # ok | error | timeout | died | skipped
    ename: str = None
    evalue: str = None
    seconds: float = 0.0
    truncated: bool = False


@dataclass
class Issue:
    code: str                   # timeout | memory_limit | kernel_died | integrity | tampered_cells | ...
    ko: str
    en: str
    exercise: str = None
    cell: str = None

    def to_dict(self):
        return {"code": self.code, "ko": self.ko, "en": self.en, "exercise": self.exercise, "cell": self.cell}


@dataclass
class RunResult:
    nb: dict
    cells: list = field(default_factory=list)
    issues: list = field(default_factory=list)
    exercise_flags: dict = field(default_factory=dict)    # exercise id -> [(code, ko, en)]
    not_executed: list = field(default_factory=list)      # cell indices never run
    seconds: float = 0.0
    kernels: int = 0


class KernelDied(Exception):
    pass


# -- messages ----------------------------------------------------------------------------

def _error_output(ename, evalue, lines):
    return {"output_type": "error", "ename": ename, "evalue": evalue, "traceback": list(lines)}


def _merge_stream(outputs, name, text):
    if outputs and outputs[-1].get("output_type") == "stream" and outputs[-1].get("name") == name:
        outputs[-1]["text"] += text
    else:
        outputs.append({"output_type": "stream", "name": name, "text": text})


class _Collector:
    """Turns iopub messages of one execute request into nbformat outputs."""

    def __init__(self, limits):
        self.outputs = []
        self.clear_pending = False
        self.limits = limits
        self.stream_chars = 0
        self.truncated = False

    def _maybe_clear(self):
        if self.clear_pending:
            self.outputs = []
            self.clear_pending = False

    def handle(self, msg):
        from nbformat.v4 import output_from_msg

        kind = msg["msg_type"]
        content = msg["content"]
        if kind == "stream":
            self._maybe_clear()
            text = content.get("text", "")
            room = max(0, 4 * self.limits.output_bytes - self.stream_chars)
            if len(text) > room:
                text = text[:room]
                self.truncated = True
            self.stream_chars += len(text)
            if text:
                _merge_stream(self.outputs, content.get("name", "stdout"), text)
        elif kind in ("display_data", "execute_result", "error"):
            self._maybe_clear()
            out = output_from_msg(msg)
            self.outputs.append(json.loads(json.dumps(out)))
        elif kind == "clear_output":
            if content.get("wait"):
                self.clear_pending = True
            else:
                self.outputs = []
        elif kind == "update_display_data":
            did = content.get("transient", {}).get("display_id")
            for out in self.outputs:
                if out.get("output_type") in ("display_data", "execute_result") \
                        and out.get("_display_id") == did:
                    out["data"] = content.get("data", {})
                    out["metadata"] = content.get("metadata", {})
        if kind in ("display_data", "execute_result"):
            did = content.get("transient", {}).get("display_id")
            if did:
                self.outputs[-1]["_display_id"] = did

    def final(self):
        outs = []
        for out in self.outputs:
            out = dict(out)
            out.pop("_display_id", None)
            if out.get("output_type") == "stream" and TRUNCATION_NOTE in out.get("text", ""):
                self.truncated = True
            outs.append(out)
        if self.limits.output_lines >= 0:
            before = sum(o.get("text", "").count("\n") for o in outs if o.get("output_type") == "stream")
            outs = _limit_lines(outs, self.limits)
            if before > self.limits.output_lines:
                self.truncated = True
        return outs


def _limit_lines(outputs, limits):
    """nbgrader's LimitOutput: at most ``output_lines`` stream lines, shortened tracebacks."""
    total, kept = 0, []
    for out in outputs:
        if out.get("output_type") == "stream":
            if total >= limits.output_lines:
                continue
            lines = out["text"].split("\n")
            if total + len(lines) > limits.output_lines:
                lines = lines[: max(0, limits.output_lines - total - 1)] + ["... Output truncated ..."]
            total += len(lines)
            out["text"] = "\n".join(lines)
        elif out.get("output_type") == "error" and limits.traceback_lines >= 0:
            tb = out.get("traceback", [])
            if len(tb) > limits.traceback_lines:
                start = limits.traceback_lines // 2
                end = limits.traceback_lines - start - 1
                out["traceback"] = tb[:start] + ["... Traceback truncated ..."] + tb[-end:]
        kept.append(out)
    return kept


# -- the runner ------------------------------------------------------------------------------

class Reply:
    def __init__(self):
        self.status = None          # ok | error | aborted | None (no reply)
        self.content = {}
        self.outputs = []
        self.timed_out = False
        self.died = False
        self.truncated = False
        self.seconds = 0.0
        self.execution_count = None
        self.records = []           # what the kernel's audit hook reported during this request


class Session:
    """A kernel from the zygote, with the integrity guard set up for one notebook."""

    def __init__(self, zygote, limits, cwd, names):
        self.zygote = zygote
        self.limits = limits
        self.cwd = cwd
        self.names = names
        self.kernel = None
        self.pristine = None
        self.pristine_text = None   # integrity.table_text(pristine), for the digests
        self.channel = None         # the audit hook's socket (see grader.integrity)
        self.channel_closed = False
        self._buffer = b""
        self._records = []
        self.evidence = []          # "A ..." records not yet reported on an exercise

    def start(self):
        self.kernel = self.zygote.spawn()
        self.kernel.connect(timeout=max(60.0, self.limits.cell_timeout))
        path = f"{self.kernel.info.get('ip') or self.kernel.connection_file}-g"
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            try:
                os.unlink(path)
            except OSError:
                pass
            listener.bind(path)
            listener.listen(1)
            reply = self.execute("", timeout=60, silent=True, user_expressions={
                "t": f"__import__('json').dumps({integrity.GUARD_NAME}.setup({json.dumps(json.dumps(self.names))}, "
                     f"{json.dumps(str(self.cwd))}, {json.dumps(path)}))"})
            table = _expression(reply, "t")
            if table is None:
                raise KernelDied("the grading kernel could not be prepared: " + json.dumps(reply.content)[:500])
            listener.settimeout(10)
            try:
                self.channel, _ = listener.accept()
            except OSError as exc:
                raise KernelDied(f"the grading kernel's integrity channel did not open ({exc})") from exc
            self.channel.setblocking(False)
        finally:
            listener.close()
            try:
                os.unlink(path)
            except OSError:
                pass
        self.pristine = json.loads(table)
        self.pristine_text = integrity.table_text(self.pristine)

    def stop(self):
        if self.channel is not None:
            self.channel.close()
            self.channel = None
        if self.kernel is not None:
            self.kernel.kill()

    def _drain(self):
        """Read what the audit hook wrote so far (never blocks)."""
        if self.channel is None or self.channel_closed:
            return
        while True:
            try:
                chunk = self.channel.recv(1 << 20)
            except (BlockingIOError, InterruptedError):
                break
            except OSError:
                chunk = b""
            if not chunk:
                self.channel_closed = True
                break
            self._buffer += chunk
        if b"\n" in self._buffer:
            *lines, self._buffer = self._buffer.split(b"\n")
            for line in lines:
                text = line.decode("utf-8", "replace")
                if text.startswith("A "):
                    self.evidence.append(text[2:])
                self._records.append(text)

    def take_records(self):
        self._drain()
        records, self._records = self._records, []
        return records

    # -- one request ----------------------------------------------------------------------

    def execute(self, code, timeout, silent=False, user_expressions=None, store_history=True):
        import zmq

        kernel = self.kernel
        kc = kernel.client
        reply = Reply()
        collector = _Collector(self.limits)
        start = time.monotonic()
        self.take_records()             # what came before this request is not its own (evidence is kept)
        msg_id = kc.execute(code, silent=silent, store_history=store_history,
                            user_expressions=user_expressions or {}, allow_stdin=False, stop_on_error=False)
        poller = zmq.Poller()
        poller.register(kc.iopub_channel.socket, zmq.POLLIN)
        poller.register(kc.shell_channel.socket, zmq.POLLIN)
        channel = self.channel if self.channel is not None and not self.channel_closed else None
        if channel is not None:
            poller.register(channel, zmq.POLLIN)
        deadline = start + timeout
        interrupted_at = None
        idle = False
        got_reply = False
        idle_deadline = None
        last_check = start
        while not (got_reply and idle):
            now = time.monotonic()
            if got_reply and idle_deadline is None:
                idle_deadline = now + 2.0
            if idle_deadline is not None and now > idle_deadline:
                break
            if interrupted_at is None and now >= deadline:
                reply.timed_out = True
                interrupted_at = now
                kernel.interrupt()
            if interrupted_at is not None and now >= interrupted_at + self.limits.interrupt_grace:
                break            # did not stop on SIGINT: the caller kills the kernel
            wait_until = min(deadline if interrupted_at is None else interrupted_at + self.limits.interrupt_grace,
                             idle_deadline or float("inf"), now + 0.5)
            events = dict(poller.poll(max(1, int((wait_until - now) * 1000))))
            if channel is not None and (channel in events or channel.fileno() in events):
                self._drain()
                if self.channel_closed:
                    poller.unregister(channel)
                    channel = None
            if kc.iopub_channel.socket in events:
                while kc.iopub_channel.msg_ready():
                    msg = kc.iopub_channel.get_msg(timeout=0)
                    if msg.get("parent_header", {}).get("msg_id") != msg_id:
                        continue
                    if msg["msg_type"] == "status":
                        if msg["content"].get("execution_state") == "idle":
                            idle = True
                    elif msg["msg_type"] == "execute_input":
                        reply.execution_count = msg["content"].get("execution_count")
                    else:
                        collector.handle(msg)
            if kc.shell_channel.socket in events:
                while kc.shell_channel.msg_ready():
                    msg = kc.shell_channel.get_msg(timeout=0)
                    if msg.get("parent_header", {}).get("msg_id") == msg_id:
                        got_reply = True
                        reply.content = msg["content"]
                        reply.status = msg["content"].get("status")
                        reply.execution_count = msg["content"].get("execution_count", reply.execution_count)
            if not events and time.monotonic() - last_check > 0.5:
                last_check = time.monotonic()
                if not kernel.alive():
                    reply.died = True
                    break
        if not got_reply and not reply.died and not kernel.alive():
            reply.died = True
        reply.outputs = collector.final()
        reply.records = self.take_records()
        reply.truncated = collector.truncated
        reply.seconds = time.monotonic() - start
        return reply

    # -- integrity ------------------------------------------------------------------------

    def _ask(self, marker):
        """Run a marker statement; the audit hook's answer to it (``None``: no answer)."""
        # an empty cell and a user expression: IPython's quick path (no transformers, no
        # post-execute callbacks); the hook sees the expression's code run all the same
        reply = self.execute("", timeout=30, silent=True, store_history=False,
                             user_expressions={"m": f"[{marker!r}]"})
        if reply.died or reply.timed_out:
            raise KernelDied("integrity check")
        return reply.records

    def check(self, arm=False):
        """``[]`` if the kernel is pristine, else what changed (restored afterwards).

        The answer comes from the kernel's audit hook over the integrity channel,
        not from anything in the user namespace or the Jupyter transport; evidence
        the hook sent since the last check (``sys.settrace``, a ``__code__`` swap …)
        is part of it.
        """
        nonce = secrets.token_hex(16)
        records = self._ask(integrity.MARK_CHECK + nonce + (":arm" if arm else ""))
        changed = [f"audit: {e}" for e in self._take_evidence()]
        if self.channel_closed:
            return changed + ["channel (the grader's integrity channel was closed)"]
        answer = next((r.split(" ", 2)[2] for r in records if r.startswith(f"T {nonce} ")), None)
        if answer is None:
            return changed + [f"{integrity.GUARD_NAME} (the integrity check did not run: "
                              "the request was intercepted or rewritten)"]
        if answer == integrity.expected_digest(self.pristine_text, nonce):
            return changed
        nonce = secrets.token_hex(16)
        records = self._ask(integrity.MARK_TABLE + nonce)
        table = next((r.split(" ", 2)[2] for r in records if r.startswith(f"F {nonce} ")), None)
        try:
            diff = integrity.changed_entries(self.pristine, json.loads(table)) if table else None
        except ValueError:
            diff = None
        if not diff:
            return changed + [f"{integrity.GUARD_NAME} (answers do not match)"]
        self._ask(f"{integrity.MARK_RESTORE}{secrets.token_hex(8)}:{json.dumps(diff)}")
        self._take_evidence()
        return changed + diff

    def _take_evidence(self):
        evidence, self.evidence = self.evidence, []
        return evidence


def with_done_marker(source, marker):
    """The test cell as sent: its code, then a statement that only runs if nothing before it raised.

    The marker is a fresh nonce in a list (``[...] and None``: no output, no name
    bound); its execution is seen by the audit hook, so the worker learns that the
    whole test ran without an exception from the hook, not from the kernel's reply.
    """
    return source.rstrip() + f"\n\n[{marker!r}] and None\n"


_FINGERPRINTS = {}


def expected_fingerprints(source, last_single=True):
    """The fingerprints of the statements IPython runs for ``source`` (one code object each).

    IPython compiles a cell's last statement in "single" mode when it is an
    expression (``last_single``: the cell ends here).
    """
    key = (source, last_single)
    cached = _FINGERPRINTS.get(key)
    if cached is not None:
        return cached
    out = _fingerprints(source, last_single)
    if len(_FINGERPRINTS) > 256:
        _FINGERPRINTS.clear()
    _FINGERPRINTS[key] = out
    return out


def _fingerprints(source, last_single=True):
    import ast

    from IPython.core.inputtransformer2 import TransformerManager

    tree = ast.parse(TransformerManager().transform_cell(source))
    out = []
    for i, node in enumerate(tree.body):
        single = last_single and i == len(tree.body) - 1 and isinstance(node, ast.Expr)
        mod = ast.Interactive([node]) if single else ast.Module([node], [])
        out.append(integrity.fingerprint(compile(mod, "<test>", "single" if single else "exec", dont_inherit=True)))
    return out


def verify_test_run(sent, marker, reply, session):
    """``None`` if the test cell ran as sent, else ``(ko, en)`` saying what the kernel did instead.

    Decided here, in the worker, from the audit hook's records: the statements the
    kernel executed for the cell must be exactly the cell's statements, and a reply
    that says "ok" must come with the marker statement having run.
    """
    if session is None or session.channel is None:
        return None
    if reply.died or reply.timed_out:
        return None
    if any(r[:2] in ("T ", "F ", "R ") for r in reply.records):
        return ("테스트 셀 안에서 채점기의 검사 표지를 흉내 냈습니다",
                "the grader's own check markers were run from inside the test cell")
    xs = [r.split(" ") for r in reply.records if r.startswith("X ")]
    done = [x for x in xs if len(x) >= 4 and x[3] == marker]
    ok_reply = reply.status == "ok" and not any(o.get("output_type") == "error" for o in reply.outputs)
    if not done:
        if ok_reply:
            return ("테스트 셀이 끝까지 실행되지 않았는데 통과한 것으로 보고되었습니다(커널의 응답이 바뀜)",
                    "the test cell did not run to its end, yet the kernel reported success (its replies were altered)")
        return None                                    # an honest failure
    try:
        body, _, last = sent.rstrip("\n").rpartition("\n\n")
        expected = expected_fingerprints(body, last_single=False) + _fingerprints(last)
    except SyntaxError:
        return None
    filename = done[-1][2]
    ran = [x[1] for x in xs if x[2] == filename]
    if ran != expected:
        return ("테스트 셀이 보낸 그대로 실행되지 않았습니다(입력 변환기 등으로 코드가 바뀜)",
                "the test cell was not executed as sent (its code was rewritten, e.g. by an input transformer)")
    if not ok_reply:
        return None
    return None


def _expression(reply, key):
    """The value of a user expression (a Python literal string), or None."""
    import ast

    expr = (reply.content or {}).get("user_expressions", {}).get(key)
    if not expr or expr.get("status") != "ok":
        return None
    text = expr.get("data", {}).get("text/plain")
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError):
        return None
    return value if isinstance(value, str) else None


def _role(cell):
    meta = nbgrader_meta(cell)
    if cell.get("cell_type") != "code":
        return None
    if meta.get("grade") and not meta.get("solution"):
        return "test"
    if meta.get("solution") and not meta.get("grade"):
        return "answer"
    return None


def _ename_reason(ename):
    if ename == "MemoryError":
        return ("memory_limit", "메모리 제한을 넘었습니다", "the memory limit was exceeded")
    return ("answer_error", f"답 셀에서 {ename} 오류가 났습니다", f"the answer cell raised {ename}")


class NotebookRunner:
    """Runs prepared (sanitized) notebooks; one per worker."""

    def __init__(self, zygote, limits=None):
        self.zygote = zygote
        self.limits = limits or Limits()

    def run(self, nb, spec, cwd, check_integrity=True):
        limits = self.limits
        result = RunResult(nb=nb)
        started = time.monotonic()
        wall_deadline = started + limits.notebook_timeout
        cells = nb.get("cells", [])
        session = None
        restarts_left = limits.restarts
        executed = []            # indices of code cells that ran to completion without killing the kernel
        failed_answer = {}       # exercise id -> (code, ko, en)
        poisoned = set()         # cells that killed a kernel: never replayed

        def flag(ex_id, code, ko, en, cell=None, issue=True):
            if ex_id:
                result.exercise_flags.setdefault(ex_id, []).append((code, ko, en))
            if issue:
                result.issues.append(Issue(code, ko, en, exercise=ex_id, cell=cell))

        def flag_tampering(ex_id, gid, arm=False):
            """Compare the kernel's grading environment with its pristine fingerprint
            (before and after each test cell; ``arm``: the test cell comes next, its
            statements are watched); a change is flagged on the exercise."""
            try:
                changed = session.check(arm=arm)
            except Exception:  # noqa: BLE001 - a dead kernel shows up in the execution itself
                changed = []
            if changed:
                what = integrity.describe(changed, integrity.modules_of(session.pristine))
                flag(ex_id, "integrity", f"채점 환경이 바뀌었습니다(몽키패치): {what}",
                     f"the grading environment was tampered with: {what}", cell=gid)

        def new_session():
            nonlocal session
            s = Session(self.zygote, limits, cwd, spec.imports if spec else {})
            s.start()
            result.kernels += 1
            session = s
            return s

        def replay(upto):
            """A fresh kernel in the state it had before cell ``upto`` (without the poisoned cells)."""
            s = new_session()
            for j in executed:
                if j >= upto or j in poisoned:
                    continue
                left = wall_deadline - time.monotonic()
                if left <= 0:
                    return False
                r = s.execute(cell_source(cells[j]), timeout=min(limits.cell_timeout, left), store_history=False)
                if r.died or (r.timed_out and r.status is None):
                    return False
            return True

        def restart(upto):
            """After a lost kernel: a fresh one, replayed up to cell ``upto``, if restarts
            and time are left.  False (and no session) when there is none to be had."""
            nonlocal session, restarts_left
            if restarts_left <= 0 or time.monotonic() >= wall_deadline:
                return False
            restarts_left -= 1
            try:
                if replay(upto):
                    return True
            except Exception:  # noqa: BLE001 - a kernel that cannot start is reported as lost
                pass
            if session is not None:
                session.stop()
            session = None
            return False

        try:
            try:
                new_session()
            except Exception as exc:  # noqa: BLE001 - could not even start
                result.issues.append(Issue("kernel_died", "채점용 커널을 시작하지 못했습니다",
                                           f"the grading kernel did not start ({exc})"))
                result.not_executed = [i for i, c in enumerate(cells) if c.get("cell_type") == "code"]
                return result

            i = 0
            while i < len(cells):
                cell = cells[i]
                if cell.get("cell_type") != "code":
                    i += 1
                    continue
                role = _role(cell)
                gid = nbgrader_meta(cell).get("grade_id")
                ex = spec.exercise_of(gid) if (spec and gid) else None
                ex_id = ex.id if ex else None
                cres = CellResult(index=i)
                result.cells.append(cres)
                if session is None:
                    cres.status = "skipped"
                    result.not_executed.append(i)
                    i += 1
                    continue
                left = wall_deadline - time.monotonic()
                if left <= 0:
                    self._wall_timeout(result, cells, i, spec)
                    session.stop()
                    session = None
                    continue

                if role == "test" and check_integrity:
                    flag_tampering(ex_id, gid, arm=True)

                cell["outputs"] = []
                cell["execution_count"] = None
                wall_limited = left < limits.cell_timeout
                source = cell_source(cell)
                done = None
                if role == "test":
                    done = integrity.MARK_DONE + secrets.token_hex(16)
                    source = with_done_marker(source, done)
                r = session.execute(source, timeout=min(limits.cell_timeout, left))
                cell["outputs"] = r.outputs
                cell["execution_count"] = r.execution_count
                cres.seconds = r.seconds
                cres.truncated = r.truncated
                if r.truncated:
                    result.issues.append(Issue("output_truncated", "출력이 너무 길어 잘랐습니다",
                                               "the output was truncated", exercise=ex_id, cell=gid))
                stuck = r.timed_out and r.status is None          # did not stop on SIGINT
                if r.status == "error" and not r.timed_out:
                    cres.status = "error"
                    cres.ename = r.content.get("ename")
                    cres.evalue = r.content.get("evalue")
                    if not any(o.get("output_type") == "error" for o in r.outputs):
                        cell["outputs"].append(_error_output(cres.ename or "Error", cres.evalue or "",
                                                             r.content.get("traceback") or []))
                    if role == "answer":
                        code, ko, en = _ename_reason(cres.ename)
                        failed_answer.setdefault(ex_id, (code, ko, en))
                        if code == "memory_limit":
                            result.issues.append(Issue(code, ko, en, exercise=ex_id, cell=gid))
                    elif cres.ename == "MemoryError":
                        result.issues.append(Issue("memory_limit", "메모리 제한을 넘었습니다",
                                                   "the memory limit was exceeded", exercise=ex_id, cell=gid))
                    executed.append(i)
                elif r.timed_out and wall_limited:
                    cres.status = "timeout"
                    ko = f"노트북 전체 시간 제한({int(limits.notebook_timeout)}초)을 넘었습니다"
                    en = f"the notebook exceeded its wall-clock limit ({int(limits.notebook_timeout)} s)"
                    cell["outputs"].append(_error_output("CellTimeoutError", en, [f"CellTimeoutError: {ko} / {en}"]))
                    result.issues.append(Issue("timeout", ko, en, exercise=ex_id, cell=gid))
                    if role == "answer":
                        failed_answer.setdefault(ex_id, ("timeout", ko, en))
                    poisoned.add(i)
                    session.stop()
                    session = None
                    self._mark_rest(result, cells, i + 1, spec, "timeout", ko, en)
                elif r.timed_out:
                    cres.status = "timeout"
                    secs = int(round(limits.cell_timeout))
                    ko = f"셀이 시간 제한({secs}초)을 넘어 중단되었습니다"
                    en = f"the cell exceeded its time limit ({secs} s) and was stopped"
                    cell["outputs"].append(_error_output("CellTimeoutError", en, [f"CellTimeoutError: {ko} / {en}"]))
                    result.issues.append(Issue("timeout", ko, en, exercise=ex_id, cell=gid))
                    if role == "answer":
                        failed_answer.setdefault(ex_id, ("timeout", ko, en))
                    if stuck:
                        poisoned.add(i)
                        session.stop()
                        session = None
                        if not restart(i + 1):
                            self._mark_rest(result, cells, i + 1, spec, "timeout", ko, en)
                    else:
                        executed.append(i)
                elif r.died:
                    cres.status = "died"
                    session.kernel.alive()
                    code, ko, en = session.kernel.death_reason()
                    session.stop()
                    code2, ko2, en2 = session.kernel.death_reason()    # the log is complete once killed
                    if code2 == "memory_limit":
                        code, ko, en = code2, ko2, en2
                    session = None
                    poisoned.add(i)
                    cell["outputs"].append(_error_output("DeadKernelError", en, [f"DeadKernelError: {ko} / {en}"]))
                    result.issues.append(Issue(code, ko, en, exercise=ex_id, cell=gid))
                    if role == "answer":
                        failed_answer.setdefault(ex_id, (code, ko, en))
                    if not restart(i + 1):
                        self._mark_rest(result, cells, i + 1, spec, code, ko, en)
                else:
                    executed.append(i)

                if role == "test":
                    if ex_id in failed_answer:
                        code, ko, en = failed_answer[ex_id]
                        flag(ex_id, code, ko, en, cell=gid, issue=False)
                    if check_integrity and r.status is not None:
                        verdict = verify_test_run(source, done, r, session)
                        if verdict is not None:
                            flag(ex_id, "integrity", verdict[0], verdict[1], cell=gid)
                    if session is not None and check_integrity and r.status is not None:
                        flag_tampering(ex_id, gid)
                i += 1
        finally:
            if session is not None:
                session.stop()
            result.seconds = time.monotonic() - started
        self._apply_flags(result, spec)
        return result

    # -- bookkeeping ----------------------------------------------------------------------

    def _wall_timeout(self, result, cells, start, spec):
        ko = f"노트북 전체 시간 제한({int(self.limits.notebook_timeout)}초)을 넘었습니다"
        en = f"the notebook exceeded its wall-clock limit ({int(self.limits.notebook_timeout)} s)"
        result.issues.append(Issue("timeout", ko, en))
        self._mark_rest(result, cells, start, spec, "timeout", ko, en)

    def _mark_rest(self, result, cells, start, spec, code, ko, en):
        """Cells from ``start`` on were never run: their exercises cannot be graded."""
        for j in range(start, len(cells)):
            c = cells[j]
            if c.get("cell_type") != "code" or j in result.not_executed:
                continue
            result.not_executed.append(j)
            c["outputs"] = [_error_output("NotExecuted", en, [f"NotExecuted: 실행되지 않았습니다 ({ko}) / "
                                                                   f"not executed ({en})"])]
            c["execution_count"] = None
            gid = nbgrader_meta(c).get("grade_id")
            ex = spec.exercise_of(gid) if (spec and gid) else None
            if ex is not None and _role(c) == "test":
                result.exercise_flags.setdefault(ex.id, []).append(("not_executed", ko, en))
        return result

    def _apply_flags(self, result, spec):
        """Zero the test cells of flagged exercises: an explicit error output nbgrader also reads as 0."""
        if spec is None:
            return
        for c in result.nb.get("cells", []):
            if _role(c) != "test":
                continue
            ex = spec.exercise_of(nbgrader_meta(c).get("grade_id"))
            if ex is None or ex.id not in result.exercise_flags:
                continue
            reasons = [f for f in result.exercise_flags[ex.id] if f[0] != "not_executed"]
            if not reasons:
                continue
            code, ko, en = reasons[0]
            lines = [f"{ZERO_ENAME}: 이 연습 문제는 0점입니다 - {ko}", f"{ZERO_ENAME}: this exercise scores 0 - {en}"]
            c.setdefault("outputs", []).append(_error_output(ZERO_ENAME, f"{code}: {en}", lines))


def failure_in_hidden(cell, output):
    """Whether an error output of a test cell comes from its hidden part.

    IPython names the failing line of the cell itself first (``Cell In[7], line 12``);
    line numbers count the full source the grader ran, hidden tests included.
    When the line cannot be found the answer is "hidden" (scrub rather than leak).
    """
    import re

    ranges = hidden_line_ranges(cell_source(cell))
    if not ranges:
        return False
    text = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", "\n".join(output.get("traceback", [])))
    m = re.search(r"(?:Cell In\s*\[\d*\]|<ipython-input-[^>]*>)\s*,?\s*line\s+(\d+)", text)
    if not m:
        return True
    line = int(m.group(1))
    return any(a <= line <= b for a, b in ranges)


# -- scores ---------------------------------------------------------------------------------

def cell_score(cell):
    """A test cell's score: all its points if it raised nothing, else 0.

    nbgrader's own rule would also read a number shown as the cell's result
    (``execute_result``) as partial credit, so a wrong answer that calls
    ``sys.displayhook(2.0)`` or ``display(2)`` inside the test would get 2 points.
    The course never gives partial credit, so outputs other than errors are ignored
    (stderr output costs nothing either).  Autograded test cells only; answer
    cells graded by hand go through nbgrader's ``determine_grade``.
    """
    points = nbgrader_meta(cell).get("points")
    try:
        max_score = float(points or 0)
    except (TypeError, ValueError):
        max_score = 0.0
    failed = any(o.get("output_type") == "error" for o in cell.get("outputs", []))
    return (0.0 if failed else max_score), max_score
