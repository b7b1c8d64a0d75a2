"""Grading kernels: pre-warmed, limited, and killed without leaving orphans.

Starting a Jupyter kernel costs about a second on a small machine, and our
notebooks then import numpy, matplotlib and the engine (another second or
two).  Grading forks every kernel from a *zygote* instead: a process that
imported all of that once, before any thread or socket existed.  A fork costs
a few milliseconds and the child only has to open its ZeroMQ sockets and
create the IPython shell (~0.1 s).

Process tree (one per grading worker)::

    worker  (grader.autograde; jupyter_client, zmq)
      └── zygote  (python -m grader.sandbox; single-threaded; child subreaper)
            └── kernel  (a fork; its own session and process group)
                  └── anything the student started

Limits, set in the kernel before the first cell:

* memory: ``RLIMIT_AS`` = the idle kernel's address space + ``memory_limit``
  (default 2 GiB), so a 3 GiB allocation fails with ``MemoryError``;
* no core files; ``RLIMIT_FSIZE`` caps files the kernel writes (64 MiB);
* output: at most ``output_bytes`` characters per cell reach the grader (the
  rest is dropped inside the kernel, so a flood of 10⁷ lines costs no IPC);
* the kernel dies with its zygote (``PR_SET_PDEATHSIG``), the zygote with its
  worker.

Killing a kernel (``kill``) SIGKILLs its process group, then every process that
descends from it (even ones that left the group with ``setsid``), then any
process re-parented to the zygote (a double fork): the zygote is a *child
subreaper*, so escaped daemons come back to it instead of to init.

The sandbox (``Zygote(sandbox=True)``, what ``autograde`` uses; docs/sandbox.md)
runs the zygote itself under bubblewrap, so every kernel forked from it is
confined too: new user, PID, network, IPC and UTS namespaces, a root made of
read-only binds of the Python installation and of only the course package files
the kernels import (``autograd_core``, ``grader/{checks,integrity,...}.py``), a
fresh ``/tmp``, and two per-worker folders bound read-write: ``io/`` (the
kernels' ZeroMQ sockets and logs) and ``scratch/`` (one private folder per
notebook, made and deleted by the worker).  The zygote is PID 1 of its
namespace (kernels cannot kill or stop it) and not dumpable (kernels cannot
ptrace it or read its memory).  Kernels of one worker never overlap: the spare
kernel is forked only after the previous one and everything it started are
dead, and the zygote then wipes ``/tmp``, ``/dev/shm`` and ``io/``.
"""
import ast
import ctypes
import errno
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# bubblewrap: $AUTOGRAD_COURSE_BWRAP names another binary (a missing path fakes a machine without it)
BWRAP_ENV = "AUTOGRAD_COURSE_BWRAP"
INNER_LIB = "/opt/autograd-course"      # where the course package appears inside the sandbox
INNER_HOME = "/tmp/home"
# grader modules a kernel always needs (the zygote itself, the guard, the checks); more come
# from the notebooks' imports (grader.observe ...) and from these modules' own imports
KERNEL_GRADER_MODULES = ("sandbox", "integrity", "checks", "observe")

GIB = 1 << 30
DEFAULT_MEMORY = 2 * GIB
FSIZE_LIMIT = 64 << 20

_ISINSTANCE = isinstance          # bound before any student code could replace builtins.isinstance
PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
PR_SET_CHILD_SUBREAPER = 36

# Imported by the zygote before forking (names that fail to import are skipped).
PRELOAD = (
    "numpy", "numpy.linalg", "numpy.random", "matplotlib", "matplotlib.pyplot",
    "matplotlib_inline.backend_inline",
    "IPython", "IPython.core.completerlib", "IPython.core.debugger", "IPython.core.oinspect",
    "IPython.extensions.storemagic", "IPython.utils.wildcard",
    "ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell", "ipykernel.debugger",
    "sqlite3", "pdb", "bdb", "cmd", "faulthandler", "tornado.platform.asyncio",
    "jupyter_client.session",
    "grader.checks", "grader.observe", "grader.integrity", "autograd_core",
)

# Environment of the zygote and therefore of every kernel.
KERNEL_ENV = {
    "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
    "NUMEXPR_NUM_THREADS": "1", "MALLOC_ARENA_MAX": "2",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",
    "NBGRADER_EXECUTION": "autograde",
    "PYTHONDONTWRITEBYTECODE": "1",
    "PYTHONHASHSEED": "0",
    "JUPYTER_PLATFORM_DIRS": "1",
}


def _prctl(option, value):
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(option, value, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def _vm_size():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _walk_packages(name):
    import importlib
    import pkgutil

    try:
        pkg = importlib.import_module(name)
    except Exception:  # noqa: BLE001
        return
    for info in pkgutil.walk_packages(getattr(pkg, "__path__", []), prefix=name + "."):
        try:
            importlib.import_module(info.name)
        except Exception:  # noqa: BLE001
            pass


def preload(extra=()):
    import importlib

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    for name in list(PRELOAD) + list(extra):
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a missing optional module is not fatal
            pass
    _walk_packages("autograd_core")
    warm_up()


def warm_up():
    """Pay the lazy first-use costs once, before forking: fonts, PNG output, tracebacks."""
    try:
        import io

        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        fig = Figure(figsize=(2, 1.5))
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        ax.plot([0, 1], [0, 1], "--", label=r"$L(w) = (w-1)^2$")
        ax.scatter([0.5], [0.5])
        ax.set_xlabel("x")
        ax.set_title("warm-up")
        ax.legend(fontsize=8)
        ax.annotate("", xy=(1, 0), xytext=(0, 1), arrowprops=dict(arrowstyle="->", lw=2))
        fig.savefig(io.BytesIO(), format="png", bbox_inches="tight")
    except Exception:  # noqa: BLE001
        pass
    try:
        from IPython.core.ultratb import AutoFormattedTB

        tb = AutoFormattedTB(mode="Context", color_scheme="Linux") if _accepts_color_scheme() \
            else AutoFormattedTB(mode="Context")
        try:
            raise RuntimeError("warm-up")
        except RuntimeError:
            etype, value, trace = sys.exc_info()
            tb.structured_traceback(etype, value, trace)
    except Exception:  # noqa: BLE001
        pass
    try:
        import autograd_core as torch

        x = torch.ones(2, 2, requires_grad=True)
        (x * x + 2).sum().backward()
        repr(x.grad)
    except Exception:  # noqa: BLE001
        pass
    import gc

    gc.collect()
    gc.freeze()          # forked kernels share these pages instead of copying them on the first collection


def _accepts_color_scheme():
    import inspect

    from IPython.core.ultratb import AutoFormattedTB
    try:
        return "color_scheme" in inspect.signature(AutoFormattedTB.__init__).parameters
    except (TypeError, ValueError):
        return False


# =====================================================================================
# Kernel child (runs in the forked process)
# =====================================================================================

def _kernel_child(connection_file, log_path, memory_limit, output_bytes):
    """Become a kernel.  Never returns."""
    code = 1
    try:
        os.setsid()
        _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGCHLD, signal.SIGHUP):
            signal.signal(sig, signal.SIG_DFL)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        devnull = os.open(os.devnull, os.O_RDWR)
        logfd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(devnull, 0)
        os.dup2(devnull, 1)
        os.dup2(logfd, 2)
        os.closerange(3, 1024)
        import resource
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_FSIZE, (FSIZE_LIMIT, FSIZE_LIMIT))
        sys.stdin = open(os.devnull)
        sys.stdout = open(os.devnull, "w")
        sys.stderr = os.fdopen(2, "w", buffering=1)
        sys.argv = ["grader-kernel"]

        from ipykernel.kernelapp import IPKernelApp

        app = IPKernelApp.instance()
        app.initialize(["-f", connection_file, "--HistoryManager.hist_file=:memory:",
                        "--HistoryManager.enabled=False", "--IPKernelApp.quiet=True"])
        shell = app.shell
        _cap_output(output_bytes, shell)
        try:
            from matplotlib_inline import backend_inline
            backend_inline._enable_matplotlib_integration()
        except Exception:  # noqa: BLE001
            pass
        from grader import integrity
        integrity.install(shell)
        if memory_limit and memory_limit > 0:
            limit = _vm_size() + int(memory_limit)
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        app.start()
        code = 0
    except BaseException as exc:  # noqa: BLE001
        try:
            import traceback
            traceback.print_exc()
            sys.stderr.flush()
        except BaseException:  # noqa: BLE001
            pass
        code = 3 if _ISINSTANCE(exc, MemoryError) else 1
    finally:
        os._exit(code)


def _cap_output(limit, shell=None):
    """Drop a cell's stdout/stderr beyond ``limit`` characters, inside the kernel.

    Past the limit, ``sys.stdout``/``sys.stderr`` become a C-level sink for the
    rest of the cell (``print`` then costs ~0.2 µs, so 10⁷ lines take seconds,
    not minutes); the kernel's streams come back before the next cell.
    """
    if not limit or limit <= 0:
        return
    from ipykernel.iostream import OutStream

    original = OutStream.write
    sink = open(os.devnull, "w")
    streams = {"stdout": sys.stdout, "stderr": sys.stderr}
    state = {"parent": None, "used": 0, "noted": False}
    note = "\n... 출력이 너무 길어 나머지를 생략했습니다 / output truncated by the grader ...\n"

    def silence():
        if sys.stdout is streams["stdout"]:
            sys.stdout = sink
        if sys.stderr is streams["stderr"]:
            sys.stderr = sink

    def restore(*args, _sys=sys, _streams=streams, _sink=sink):
        if _sys.stdout is _sink:
            _sys.stdout = _streams["stdout"]
        if _sys.stderr is _sink:
            _sys.stderr = _streams["stderr"]

    def write(self, string, _original=original, _state=state, _limit=limit, _note=note):
        if not isinstance(string, str):
            return _original(self, string)
        try:
            parent = self.parent_header.get("header", self.parent_header).get("msg_id")
        except Exception:  # noqa: BLE001
            parent = None
        if parent != _state["parent"]:
            _state.update(parent=parent, used=0, noted=False)
        n = len(string)
        if _state["used"] >= _limit:
            if not _state["noted"]:
                _state["noted"] = True
                _original(self, _note)
            silence()
            return n
        room = _limit - _state["used"]
        _state["used"] += n
        if n > room:
            _original(self, string[:room])
            _state["noted"] = True
            _original(self, _note)
            silence()
            return n
        return _original(self, string)

    OutStream.write = write
    if shell is not None:
        shell.events.register("pre_execute", restore)
        shell.events.register("post_execute", restore)


# =====================================================================================
# Zygote (server side)
# =====================================================================================

class _Zygote:
    def __init__(self, memory_limit, output_bytes, workdir, prefork=True, sandboxed=False):
        self.memory_limit = memory_limit
        self.output_bytes = output_bytes
        self.workdir = workdir
        self.prefork = prefork
        self.sandboxed = sandboxed      # inside bubblewrap: kernels one at a time, wiped in between
        self.kernels = {}       # pid -> None while alive, else (exitcode, signal)
        self.files = {}         # pid -> names of its files in workdir
        self.buffer = b""
        self.counter = 0
        self.spare = None       # a kernel forked ahead of time, starting up while the worker grades

    # -- process bookkeeping --------------------------------------------------------

    def reap(self):
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            if pid in self.kernels:
                if os.WIFSIGNALED(status):
                    self.kernels[pid] = (None, os.WTERMSIG(status))
                else:
                    self.kernels[pid] = (os.WEXITSTATUS(status), None)

    def orphans(self):
        """Processes re-parented to us that are not live kernels (escaped double forks)."""
        me = os.getpid()
        out = []
        try:
            entries = os.listdir("/proc")
        except OSError:
            return out
        for entry in entries:
            if not entry.isdigit():
                continue
            pid = int(entry)
            try:
                with open(f"/proc/{pid}/stat", "rb") as f:
                    data = f.read()
                ppid = int(data[data.rindex(b")") + 2:].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            if ppid == me and self.kernels.get(pid, 0) is not None:
                out.append(pid)
        return out

    def descendants(self, root):
        children = {}
        try:
            entries = os.listdir("/proc")
        except OSError:
            return []
        for entry in entries:
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat", "rb") as f:
                    data = f.read()
                ppid = int(data[data.rindex(b")") + 2:].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry))
        out, stack = [], [root]
        while stack:
            p = stack.pop()
            for c in children.get(p, ()):
                out.append(c)
                stack.append(c)
        return out

    def kill(self, pid):
        for _ in range(3):          # a fork loop may add processes while we kill
            victims = [pid] + self.descendants(pid)
            for target in victims:
                try:
                    os.killpg(target, signal.SIGKILL)
                except OSError:
                    pass
                try:
                    os.kill(target, signal.SIGKILL)
                except OSError:
                    pass
            if not self.descendants(pid):
                break
        deadline = time.monotonic() + 10
        while self.kernels.get(pid, 0) is None and time.monotonic() < deadline:
            try:
                wpid, status = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                self.kernels[pid] = (None, None)
                break
            if wpid == pid:
                self.kernels[pid] = ((None, os.WTERMSIG(status)) if os.WIFSIGNALED(status)
                                     else (os.WEXITSTATUS(status), None))
            else:
                time.sleep(0.005)
        self.sweep()
        return self.kernels.get(pid)

    def sweep(self):
        for _ in range(3):
            stray = self.orphans()
            if not stray:
                break
            for p in stray:
                for q in [p] + self.descendants(p):
                    try:
                        os.kill(q, signal.SIGKILL)
                    except OSError:
                        pass
            time.sleep(0.01)
            self.reap()
            for p in stray:
                try:
                    os.waitpid(p, os.WNOHANG)
                except ChildProcessError:
                    pass

    def kill_all(self):
        self.spare = None
        for pid, state in list(self.kernels.items()):
            if state is None:
                self.kill(pid)
        self.sweep()

    # -- requests -------------------------------------------------------------------

    def wipe(self):
        """Sandboxed: remove what the last kernel left in the sandbox's writable places
        (``/tmp``, ``/dev/shm``, ``io/``), so the next student's kernel finds none of it.
        Files of live kernels stay; ``scratch/`` is the worker's (it deletes each folder)."""
        live = {k for k, v in self.kernels.items() if v is None}
        keep_io = set()
        for pid in live:
            keep_io.update(self.files.get(pid, ()))
        io = os.path.abspath(self.workdir)
        workroot = os.path.dirname(io)
        plan = [("/dev/shm", set()), (io, keep_io)]
        if workroot.startswith("/tmp/"):
            # /tmp/<worker root>/ holds only the io/ and scratch/ mount points; the rest of /tmp goes
            # (matplotlib's font list, bound read-only into /tmp/mpl, cannot be removed and stays)
            top = workroot.split(os.sep)[2]
            plan += [("/tmp", {top}), (workroot, {"io", "scratch"})]
        for folder, keep in plan:
            try:
                entries = os.listdir(folder)
            except OSError:
                continue
            for name in entries:
                if name in keep:
                    continue
                _remove(os.path.join(folder, name))
        os.makedirs(os.environ.get("HOME", INNER_HOME), exist_ok=True)

    def fork_kernel(self):
        import secrets

        self.counter += 1
        # unguessable names, created exclusively: nothing a previous kernel planted is reused
        prefix = os.path.join(self.workdir, f"k{self.counter}-{secrets.token_hex(6)}")
        info = _connection_info(prefix)
        connection_file = prefix + ".json"
        fd = os.open(connection_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "w") as f:
            json.dump(info, f)
        log_path = prefix + ".log"
        pid = os.fork()
        if pid == 0:
            _kernel_child(connection_file, log_path, self.memory_limit, self.output_bytes)
        self.kernels[pid] = None
        self.files[pid] = {os.path.basename(prefix) + x for x in (".json", ".log", "-1", "-2", "-3", "-4", "-5")}
        return {"pid": pid, "info": info, "connection_file": connection_file, "log": log_path}

    def spawn(self):
        kernel = None
        if self.spare is not None:
            self.reap()
            if self.kernels.get(self.spare["pid"], 0) is None:
                kernel = self.spare
            else:
                self.forget(self.spare["pid"])
            self.spare = None
        if kernel is None:
            kernel = self.fork_kernel()
        # Sandboxed, the spare is forked only once this kernel is dead (see ``kill``): a
        # kernel running student code never shares the sandbox with another one.
        if self.prefork and not self.sandboxed:
            self.spare = self.fork_kernel()
        return kernel

    def after_kill(self):
        if not self.sandboxed:
            return
        if not any(v is None for v in self.kernels.values()):
            self.wipe()
            if self.prefork and self.spare is None:
                self.spare = self.fork_kernel()

    def handle(self, req):
        op = req.get("op")
        if op == "spawn":
            return self.spawn()
        if op == "kill":
            state = self.kill(int(req["pid"]))
            self.forget(int(req["pid"]))
            self.after_kill()
            return {"state": list(state) if state else None}
        if op == "signal":          # sandboxed: the worker cannot name a PID of our namespace
            pid = int(req["pid"])
            if self.kernels.get(pid, 0) is None:
                try:
                    os.killpg(pid, int(req["signal"]))
                except OSError:
                    pass
            return {}
        if op == "poll":
            self.reap()
            state = self.kernels.get(int(req["pid"]), (None, None))
            return {"alive": state is None, "state": list(state) if state else None}
        if op == "ping":
            import resource
            ru = resource.getrusage(resource.RUSAGE_CHILDREN)
            return {"pid": os.getpid(), "vm": _vm_size(), "kernels_cpu": ru.ru_utime + ru.ru_stime}
        if op == "quit":
            self.kill_all()
            return {"bye": True}
        return {"error": f"unknown op {op!r}"}

    def forget(self, pid):
        if self.kernels.get(pid, 0) is not None:
            self.kernels.pop(pid, None)
            self.files.pop(pid, None)

    def serve(self, rfd, wfd):
        while True:
            try:
                ready, _, _ = select.select([rfd], [], [], 0.25)
            except InterruptedError:
                continue
            self.reap()
            if not ready:
                if os.getppid() == 1 and not self.sandboxed:
                    break
                continue
            chunk = os.read(rfd, 65536)
            if not chunk:
                break
            self.buffer += chunk
            while b"\n" in self.buffer:
                line, self.buffer = self.buffer.split(b"\n", 1)
                if not line.strip():
                    continue
                req = json.loads(line)
                try:
                    reply = self.handle(req)
                except Exception as exc:  # noqa: BLE001
                    reply = {"error": f"{type(exc).__name__}: {exc}"}
                reply["id"] = req.get("id")
                _write_all(wfd, (json.dumps(reply) + "\n").encode())
                if req.get("op") == "quit":
                    return
        self.kill_all()


def _remove(path):
    try:
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, onerror=_force_remove)
        else:
            os.unlink(path)
    except OSError:
        pass


def _force_remove(func, path, exc_info):
    """rmtree's error handler: a folder the student made unwritable is made writable again."""
    try:
        parent = os.path.dirname(path)
        os.chmod(parent, 0o700)
        if os.path.isdir(path) and not os.path.islink(path):
            os.chmod(path, 0o700)
            shutil.rmtree(path, ignore_errors=True)
        else:
            func(path)
    except OSError:
        pass


def _write_all(fd, data):
    while data:
        try:
            n = os.write(fd, data)
        except InterruptedError:
            continue
        data = data[n:]


def zygote_main(argv=None):
    import argparse

    parser = argparse.ArgumentParser(prog="python -m grader.sandbox")
    parser.add_argument("--memory", type=int, default=DEFAULT_MEMORY)
    parser.add_argument("--output-bytes", type=int, default=1 << 20)
    parser.add_argument("--preload", default="")
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--no-prefork", action="store_true")
    parser.add_argument("--sandboxed", action="store_true", help="running as PID 1 of a bubblewrap sandbox")
    args = parser.parse_args(argv)

    # The protocol uses the original stdin/stdout; anything else printed goes to stderr.
    rfd = os.dup(0)
    wfd = os.dup(1)
    os.dup2(2, 1)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    if not args.sandboxed:
        _prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    # Sandboxed, bubblewrap's --die-with-parent already set SIGKILL, and as PID 1 of the
    # namespace the zygote gets from its kernels only the signals it has a handler for: none.
    _prctl(PR_SET_CHILD_SUBREAPER, 1)
    zygote = _Zygote(args.memory, args.output_bytes, args.workdir, prefork=not args.no_prefork,
                     sandboxed=args.sandboxed)

    def on_term(signum, frame):
        zygote.kill_all()
        os._exit(0)

    if not args.sandboxed:
        signal.signal(signal.SIGTERM, on_term)
        signal.signal(signal.SIGHUP, on_term)
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C belongs to the grading run
    preload([m for m in args.preload.split(",") if m])
    if args.sandboxed:
        # not dumpable: a kernel (same user) can neither ptrace the zygote nor read or write its
        # memory through /proc/1/mem, so it cannot plant code in the next student's kernel;
        # kernels inherit this (no /proc/<pid>/mem between a student's processes and the spare)
        _prctl(PR_SET_DUMPABLE, 0)
        zygote.wipe()
    import threading
    if threading.active_count() != 1:
        print(f"grader.sandbox: warning: {threading.active_count()} threads before fork", file=sys.stderr)
    _write_all(wfd, (json.dumps({"ready": True, "pid": os.getpid()}) + "\n").encode())
    if zygote.prefork:
        zygote.spare = zygote.fork_kernel()
    zygote.serve(rfd, wfd)
    os._exit(0)


# =====================================================================================
# Client side (in the grading worker)
# =====================================================================================

class SandboxError(RuntimeError):
    pass


class SandboxUnavailable(SandboxError):
    """bubblewrap is missing or cannot create its namespaces here (``args``: ko, en)."""


def bwrap_path():
    return os.environ.get(BWRAP_ENV) or shutil.which("bwrap") or "/usr/bin/bwrap"


def grader_modules(extra=()):
    """The ``grader`` modules kernels import: the fixed few, the notebooks' (``extra``), and
    what those import from ``grader`` in turn (read with ``ast``, not imported)."""
    todo = list(KERNEL_GRADER_MODULES) + [m.split(".", 1)[1] for m in extra if m.startswith("grader.")]
    found = {"__init__"}
    while todo:
        name = todo.pop().split(".")[0]
        path = ROOT / "grader" / f"{name}.py"
        if name in found or not path.is_file():
            continue
        found.add(name)
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (OSError, SyntaxError, ValueError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                if node.level == 1:
                    todo += [node.module] if node.module else [a.name for a in node.names]
                elif node.level == 0 and node.module and node.module.startswith("grader."):
                    todo.append(node.module.split(".", 1)[1])
                elif node.level == 0 and node.module == "grader":
                    todo += [a.name for a in node.names]
            elif isinstance(node, ast.Import):
                todo += [a.name.split(".", 1)[1] for a in node.names if a.name.startswith("grader.")]
    return sorted(found)


def _python_roots():
    """Folders of this Python installation (venv, base prefix), each bound read-only."""
    import site

    roots = []
    for p in [sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
              os.path.dirname(os.path.dirname(os.path.realpath(sys.executable)))]:
        p = os.path.realpath(p)
        if p and p not in roots and os.path.isdir(p) and not (p == "/usr" or p.startswith("/usr/")):
            roots.append(p)
    for p in list(getattr(site, "getsitepackages", lambda: [])()) + [site.getusersitepackages()]:
        p = os.path.realpath(p)
        if os.path.isdir(p) and not any(p == r or p.startswith(r + os.sep) for r in roots + ["/usr"]):
            roots.append(p)
    return roots


def _refuse_overlap(roots, secrets_):
    """A Python folder that contains the course's secrets cannot be bound (it would expose them)."""
    for r in roots:
        for sec in secrets_:
            sec = os.path.realpath(sec)
            if sec == r or sec.startswith(r + os.sep):
                raise SandboxUnavailable(
                    f"Python 설치 폴더 {r} 안에 {sec}이(가) 있어 샌드박스에 넣을 수 없습니다",
                    f"the Python installation folder {r} contains {sec}, so it cannot be bound into the sandbox")


def _mpl_fontlist():
    base = os.environ.get("MPLCONFIGDIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "matplotlib")
    try:
        return sorted(str(p) for p in Path(base).glob("fontlist-v*.json"))
    except OSError:
        return []


def bwrap_argv(root, modules=(), protect=()):
    """The bubblewrap command line that confines a zygote whose per-worker folder is ``root``.

    Inside: read-only ``/usr`` (and the usual symlinks), a few files of ``/etc``, this
    Python installation, the course package at :data:`INNER_LIB` (``autograd_core`` and
    the ``grader`` ``modules``, file by file: never ``grader/source``), ``/proc`` of the
    new PID namespace, a minimal ``/dev``, an empty ``/tmp``, and ``root/io`` and
    ``root/scratch`` read-write at the same paths as outside.  ``protect``: folders
    that must not be inside a bound Python folder (the course home, ``grader/source``).
    """
    root = Path(root)
    roots = _python_roots()
    _refuse_overlap(roots, [ROOT / "grader" / "source", ROOT / ".git", *protect])
    argv = [bwrap_path(), "--unshare-all", "--unshare-user", "--disable-userns", "--as-pid-1",
            "--die-with-parent", "--new-session", "--cap-drop", "ALL", "--clearenv",
            # bwrap mounts in order, a later mount hiding what lies under it: the empty /tmp
            # comes first, so that a venv or a clone under /tmp (CI's, a student's) stays visible.
            "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
            "--ro-bind", "/usr", "/usr"]
    for link in ("bin", "lib", "lib32", "lib64", "libx32", "sbin"):
        target = os.path.join("/", link)
        if os.path.islink(target):
            argv += ["--symlink", os.readlink(target), target]
        elif os.path.isdir(target):
            argv += ["--ro-bind", target, target]
    for f in ("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/localtime", "/etc/fonts", "/etc/mime.types",
              "/etc/nsswitch.conf"):
        if os.path.exists(f):
            argv += ["--ro-bind", f, f]
    for r in roots:
        argv += ["--ro-bind", r, r]
    argv += ["--ro-bind", str(ROOT / "autograd_core"), f"{INNER_LIB}/autograd_core", "--dir", f"{INNER_LIB}/grader"]
    for m in modules:
        argv += ["--ro-bind", str(ROOT / "grader" / f"{m}.py"), f"{INNER_LIB}/grader/{m}.py"]
    argv += ["--dir", INNER_HOME,
             "--bind", str(root / "io"), str(root / "io"), "--bind", str(root / "scratch"), str(root / "scratch")]
    fontlists = _mpl_fontlist()
    argv += ["--dir", "/tmp/mpl"]
    for f in fontlists:     # matplotlib's font cache: without it every zygote start rebuilds it
        argv += ["--ro-bind", f, f"/tmp/mpl/{os.path.basename(f)}"]
    argv += ["--remount-ro", "/"]        # only /tmp, /dev/shm, io/ and scratch/ can be written
    env = {"PATH": os.pathsep.join([os.path.dirname(sys.executable), "/usr/local/bin", "/usr/bin", "/bin"]),
           "HOME": INNER_HOME, "TMPDIR": "/tmp", "LANG": os.environ.get("LANG", "C.UTF-8"),
           "PYTHONPATH": INNER_LIB, "MPLCONFIGDIR": "/tmp/mpl", "IPYTHONDIR": f"{INNER_HOME}/.ipython",
           "JUPYTER_RUNTIME_DIR": f"{INNER_HOME}/.jupyter-runtime", "PYTHONNOUSERSITE": "1"}
    if os.environ.get("LC_ALL"):
        env["LC_ALL"] = os.environ["LC_ALL"]
    env.update(KERNEL_ENV)
    for k, v in env.items():
        argv += ["--setenv", k, v]
    argv += ["--chdir", str(root / "io")]
    return argv


_PROBED = {}


def sandbox_problem():
    """``None`` when grading kernels can be confined here, else ``(ko, en)``: why not.

    Runs bubblewrap once (cached per binary) with the zygote's own mounts and a Python
    that prints nothing, so a missing binary, disabled user namespaces (sysctls,
    AppArmor), and a Python installation that cannot be bound are all found here.
    """
    path = bwrap_path()
    if path in _PROBED:
        return _PROBED[path]
    problem = None
    if sys.platform != "linux":
        problem = (f"이 운영체제({sys.platform})에는 bubblewrap이 없습니다",
                   f"bubblewrap does not exist on this operating system ({sys.platform})")
    elif not (os.path.isfile(path) and os.access(path, os.X_OK)):
        problem = (f"bubblewrap(bwrap)을 찾을 수 없습니다: {path}", f"bubblewrap (bwrap) was not found: {path}")
    else:
        import tempfile

        root = Path(tempfile.mkdtemp(prefix="agk-probe-", dir="/tmp" if os.path.isdir("/tmp") else None))
        try:
            (root / "io").mkdir()
            (root / "scratch").mkdir()
            argv = bwrap_argv(root, grader_modules()) + [sys.executable, "-c", "import grader.integrity"]
            r = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=120)
            if r.returncode != 0:
                err = r.stderr.decode(errors="replace").strip().splitlines()
                why = err[-1] if err else f"exit code {r.returncode}"
                problem = (f"bubblewrap이 샌드박스를 만들지 못했습니다 ({why})",
                           f"bubblewrap could not create the sandbox ({why})")
        except SandboxUnavailable as exc:
            problem = exc.args
        except (OSError, subprocess.SubprocessError) as exc:
            problem = (f"bubblewrap을 실행하지 못했습니다 ({exc})", f"bubblewrap could not be run ({exc})")
        finally:
            shutil.rmtree(root, ignore_errors=True)
    _PROBED[path] = problem
    return problem


class Zygote:
    """Handle on a zygote process: ``spawn`` kernels, ``kill`` them, ``close``."""

    def __init__(self, memory_limit=DEFAULT_MEMORY, output_bytes=1 << 20, preload_modules=(), workdir=None,
                 start_timeout=300, prefork=True, wait=True, sandbox=False, protect=()):
        import tempfile

        # short: ZeroMQ ipc socket paths must fit in 107 bytes
        self.workdir = Path(workdir or tempfile.mkdtemp(prefix="agk-", dir="/tmp" if os.path.isdir("/tmp") else None))
        self.sandboxed = bool(sandbox)
        args = ["-m", "grader.sandbox", "--memory", str(int(memory_limit)), "--output-bytes", str(int(output_bytes)),
                "--preload", ",".join(preload_modules)] + ([] if prefork else ["--no-prefork"])
        if self.sandboxed:
            # the zygote sees root/io and root/scratch only; zygote.log stays outside
            for sub in ("io", "scratch"):
                (self.workdir / sub).mkdir(mode=0o700, exist_ok=True)
            try:
                argv = bwrap_argv(self.workdir, grader_modules(preload_modules), protect)
            except SandboxUnavailable:
                shutil.rmtree(self.workdir, ignore_errors=True)
                raise
            argv += [sys.executable] + args + ["--workdir", str(self.workdir / "io"), "--sandboxed"]
            env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
        else:
            argv = [sys.executable] + args + ["--workdir", str(self.workdir)]
            env = dict(os.environ)
            env.update(KERNEL_ENV)
            env["PYTHONPATH"] = os.pathsep.join([str(ROOT)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep)
                                                               if p])
        self.started = time.monotonic()
        self.proc = subprocess.Popen(
            argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=open(self.workdir / "zygote.log", "wb"),
            cwd=str(ROOT), env=env, start_new_session=False)
        self._buf = b""
        self._n = 0
        self.pid = self.proc.pid
        self.start_timeout = start_timeout
        self._ready = False
        if wait:
            self.wait_ready()

    def wait_ready(self):
        """Block until the zygote has imported everything (the caller may work meanwhile)."""
        if not self._ready:
            hello = self._read(self.start_timeout)
            if not hello.get("ready"):
                raise SandboxError(f"zygote did not start: {hello}")
            self._ready = True
            self.ready_seconds = time.monotonic() - self.started
        return self

    def new_scratch(self):
        """Sandboxed: a fresh, empty folder the next kernel may use (the same path inside and out)."""
        import tempfile

        return Path(tempfile.mkdtemp(prefix="s-", dir=self.workdir / "scratch"))

    def drop_scratch(self, path):
        """Delete a kernel's scratch folder, and anything else its kernel left next to it."""
        _remove(str(path))
        if self.sandboxed:
            scratch = self.workdir / "scratch"
            for entry in os.listdir(scratch):
                _remove(str(scratch / entry))

    def _read(self, timeout):
        deadline = time.monotonic() + timeout
        fd = self.proc.stdout.fileno()
        while b"\n" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise SandboxError("zygote did not answer")
            ready, _, _ = select.select([fd], [], [], left)
            if ready:
                chunk = os.read(fd, 65536)
                if not chunk:
                    raise SandboxError("zygote exited: " + self._log_tail())
                self._buf += chunk
        line, self._buf = self._buf.split(b"\n", 1)
        return json.loads(line)

    def _log_tail(self):
        try:
            return (self.workdir / "zygote.log").read_text(errors="replace")[-2000:]
        except OSError:
            return ""

    def request(self, op, timeout=60, **kw):
        self.wait_ready()
        self._n += 1
        kw.update(op=op, id=self._n)
        try:
            self.proc.stdin.write((json.dumps(kw) + "\n").encode())
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError) as exc:
            raise SandboxError(f"zygote is gone ({exc}): " + self._log_tail()) from exc
        while True:
            reply = self._read(timeout)
            if reply.get("id") == self._n:
                if "error" in reply:
                    raise SandboxError(reply["error"])
                return reply

    def spawn(self):
        """A new kernel (maybe already started ahead of time): a :class:`Kernel`, not yet connected."""
        reply = self.request("spawn")
        return Kernel(self, reply["pid"], reply["info"], reply["connection_file"], reply["log"])

    def close(self):
        if self.proc.poll() is None and not self._ready:
            self.proc.kill()          # still importing: no kernel yet (a spare dies with it: PDEATHSIG)
        if self.proc.poll() is None:
            try:
                self.request("quit", timeout=30)
            except SandboxError:
                pass
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                stream.close()
            except OSError:
                pass
        import shutil
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _connection_info(prefix):
    import uuid

    return {
        "transport": "ipc", "ip": str(prefix),
        "shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5,
        "key": uuid.uuid4().hex, "signature_scheme": "hmac-sha256", "kernel_name": "grader",
    }


class Kernel:
    """One forked kernel, seen from the worker."""

    def __init__(self, zygote, pid, info, connection_file, log):
        self.zygote = zygote
        self.pid = pid
        self.info = info
        self.connection_file = connection_file
        self.log = log
        self.client = None
        self.state = None        # (exitcode, signal) once dead

    def connect(self, timeout=60):
        import zmq
        from jupyter_client.blocking.client import BlockingKernelClient

        client = BlockingKernelClient()
        # The kernel may not have bound its sockets yet (sandboxed, it is forked only now).
        # ZeroMQ then retries the connection every RECONNECT_IVL, 100 ms by default: most of
        # a kernel's start-up would be spent waiting for the next retry.
        client.context.setsockopt(zmq.RECONNECT_IVL, 5)
        client.load_connection_info(self.info)
        client.start_channels()
        self.client = client
        deadline = time.monotonic() + timeout
        # kernel_info until the kernel answers (it queues the request until it is up)
        msg_id = client.kernel_info()
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise SandboxError("kernel did not start in time")
            if not self.alive():
                raise SandboxError("kernel died while starting: " + self.log_tail())
            try:
                reply = client.get_shell_msg(timeout=min(0.5, left))
            except Exception:  # noqa: BLE001 - queue.Empty
                continue
            if reply.get("parent_header", {}).get("msg_id") == msg_id:
                break
        # drop the start-up iopub traffic that has arrived (later messages are filtered by parent)
        while client.iopub_channel.msg_ready():
            client.get_iopub_msg(timeout=0)
        return client

    def alive(self):
        if self.state is not None:
            return False
        if self.zygote.sandboxed:        # self.pid is a PID of the sandbox's namespace: ask the zygote
            return self._poll()
        try:
            with open(f"/proc/{self.pid}/stat", "rb") as f:
                data = f.read()
            state = data[data.rindex(b")") + 2:].split()[0]
            if state not in (b"Z", b"X"):
                return True
        except (OSError, ValueError, IndexError):
            pass
        return self._poll()

    def _poll(self):
        try:
            reply = self.zygote.request("poll", pid=self.pid)
            if reply.get("alive"):
                return True
            self.state = tuple(reply.get("state") or (None, None))
        except SandboxError:
            self.state = (None, None)
        return False

    def interrupt(self):
        if self.zygote.sandboxed:
            try:
                self.zygote.request("signal", pid=self.pid, signal=int(signal.SIGINT), timeout=30)
            except SandboxError:
                pass
            return
        try:
            os.killpg(self.pid, signal.SIGINT)
        except OSError as exc:
            if exc.errno != errno.ESRCH:
                raise

    def kill(self):
        if self.client is not None:
            try:
                self.client.stop_channels()
            except Exception:  # noqa: BLE001
                pass
            self.client = None
        try:
            reply = self.zygote.request("kill", pid=self.pid, timeout=30)
            if self.state is None and reply.get("state"):
                self.state = tuple(reply["state"])
        except SandboxError:
            if self.zygote.sandboxed:     # the zygote does not answer: end the whole sandbox
                self.zygote.proc.kill()
            else:
                try:
                    os.killpg(self.pid, signal.SIGKILL)
                except OSError:
                    pass
        self._tail = self.log_tail()
        for p in (self.connection_file, self.log):
            try:
                os.unlink(p)
            except OSError:
                pass
        for n in range(1, 6):
            try:
                os.unlink(f"{self.info['ip']}-{n}")
            except OSError:
                pass

    def log_tail(self, n=4000):
        if getattr(self, "_tail", None) is not None:
            return self._tail[-n:]
        try:      # never through a symlink the kernel put in place of its log
            fd = os.open(self.log, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            return ""
        with os.fdopen(fd, "rb") as f:
            import stat as stat_

            if not stat_.S_ISREG(os.fstat(fd).st_mode):
                return ""
            size = os.fstat(fd).st_size
            f.seek(max(0, size - 4 * n))
            return f.read().decode("utf-8", errors="replace")[-n:]

    def death_reason(self):
        """``(code, text)`` for a dead kernel: memory limit, a signal, or an exit code."""
        tail = self.log_tail()
        exitcode, sig = self.state or (None, None)
        low = tail.lower()
        if ("memoryerror" in low or "cannot allocate memory" in low or "bad_alloc" in low
                or "out of memory" in low or exitcode == 3):
            return ("memory_limit", "메모리 제한을 넘어 커널이 종료되었습니다",
                    "the kernel hit the memory limit and died")
        if sig:
            try:
                name = signal.Signals(sig).name
            except ValueError:
                name = str(sig)
            return "kernel_died", f"커널이 신호 {name}로 종료되었습니다", f"the kernel was killed by {name}"
        return ("kernel_died", f"커널이 종료되었습니다 (종료 코드 {exitcode})",
                f"the kernel exited (exit code {exitcode})")


if __name__ == "__main__":
    zygote_main()
