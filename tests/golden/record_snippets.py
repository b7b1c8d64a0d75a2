"""Record the golden output of every ``tests/golden/snippets/*.py`` from real PyTorch.

Run it with a Python that has PyTorch 2.13 installed (torch is never a project
dependency; a scratch venv is enough)::

    /tmp/torchenv/bin/python tests/golden/record_snippets.py              # (re)write snippets.json
    /tmp/torchenv/bin/python tests/golden/record_snippets.py NAME ...     # re-record only these
    /tmp/torchenv/bin/python tests/golden/record_snippets.py --check      # compare, write nothing
    /tmp/torchenv/bin/python tests/golden/record_snippets.py --seed-check # output must not depend on the seed

Each snippet runs in a fresh subprocess (so state such as print options cannot
leak from one snippet to the next) with ``torch.manual_seed(0)`` called first.
What is recorded: the snippet's stdout; warnings, interleaved into stdout in
order as ``<Category>: <message>`` lines; and, if the snippet raised, the
exception's type name and ``str(exc)`` (stdout up to that point is kept).
Outputs are normalised (see ``normalise``). The result, ``snippets.json``, is
written with sorted keys so that re-recording gives an identical file.

This module is also loaded (by file path) by ``tests/test_parity_snippets.py``:
the directive parsing, the warnings hook, the output capture and the
normalisation below are shared by the recording and the replay, so both sides
see exactly the same treatment. Hence: no torch import at module level.
"""
import argparse
import builtins
import concurrent.futures
import contextlib
import difflib
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import warnings
from pathlib import Path

GOLDEN_DIR = Path(__file__).resolve().parent
SNIPPETS_DIR = GOLDEN_DIR / "snippets"
JSON_PATH = GOLDEN_DIR / "snippets.json"

RECORD_SEED = 0
# Seeds used by --seed-check besides RECORD_SEED.
OTHER_SEEDS = (1, 12345)

# --------------------------------------------------------------------------
# Directives: leading comment lines of a snippet.
#   # requires: nn, nn.functional   -> features (dotted attribute paths of the
#                                       engine module) the snippet needs; the
#                                       parity test skips it while missing
#   # allow-different-message       -> only the exception type is compared
# --------------------------------------------------------------------------
_REQUIRES = re.compile(r"^#\s*requires:\s*(.*?)\s*$")
_ALLOW_DIFFERENT_MESSAGE = re.compile(r"^#\s*allow-different-message\b")


def parse_directives(source):
    requires = []
    allow_different_message = False
    for line in source.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break  # directives live in the leading comment block only
        match = _REQUIRES.match(stripped)
        if match:
            requires.extend(f.strip() for f in match.group(1).split(",") if f.strip())
        elif _ALLOW_DIFFERENT_MESSAGE.match(stripped):
            allow_different_message = True
    return {"requires": requires, "allow_different_message": allow_different_message}


def source_digest(source):
    """sha256 of the snippet source, to spot snippets edited since recording."""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------
# Normalisation, applied to stdout and to exception messages on both sides.
# --------------------------------------------------------------------------
_ADDRESS = re.compile(r"0x[0-9a-fA-F]+")
# PyTorch appends the C++ source location of a warning raised from C++, e.g.
# " (Triggered internally at /pytorch/aten/src/ATen/core/TensorBody.h:489.)".
# It names a file of torch's build, so it is dropped.
_TRIGGERED_INTERNALLY = re.compile(r"\s*\(Triggered internally at [^)]*\)")
# torch.float64 / torch.Size([2]) / torch.return_types.max(...) print as
# autograd_core.float64 / autograd_core.Size([2]) / ... in our engine: the one
# allowed difference.
_TORCH_PREFIX = re.compile(r"\btorch\.")


def normalise(text):
    text = _ADDRESS.sub("0x…", text)
    text = _TRIGGERED_INTERNALLY.sub("", text)
    text = _TORCH_PREFIX.sub("autograd_core.", text)
    return text


# --------------------------------------------------------------------------
# Running one snippet in the current process.
# --------------------------------------------------------------------------
def show_warning(message, category, filename, lineno, file=None, line=None):
    """warnings.showwarning hook: warnings go to stdout, in order, one line each."""
    sys.stdout.write(f"{category.__name__}: {message}\n")


def run_source(source, filename):
    """Run a snippet's source in this process; return its normalised outcome.

    The caller arranges what ``import torch`` resolves to. Every warning is
    shown (simplefilter("always")) through ``show_warning``.
    Returns {"stdout": str, "exception": None | {"type": str, "message": str}}.
    """
    code = compile(source, str(filename), "exec")
    namespace = {"__name__": "__main__", "__file__": str(filename), "__builtins__": builtins}
    buffer = io.StringIO()
    exception = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always")
            warnings.showwarning = show_warning
            with contextlib.redirect_stdout(buffer):
                try:
                    exec(code, namespace)
                except Exception as exc:  # noqa: BLE001 - the exception is the result
                    exception = {"type": type(exc).__name__, "message": normalise(str(exc))}
    finally:
        namespace.clear()  # drop the snippet's tensors and graphs
    return {"stdout": normalise(buffer.getvalue()), "exception": exception}


def snippet_paths(names=None):
    paths = sorted(SNIPPETS_DIR.glob("*.py"))
    if names:
        wanted = set(names)
        paths = [p for p in paths if p.stem in wanted]
        missing = wanted - {p.stem for p in paths}
        if missing:
            raise SystemExit(f"no such snippet(s): {', '.join(sorted(missing))}")
    return paths


# --------------------------------------------------------------------------
# Recording: one fresh subprocess per snippet.
# --------------------------------------------------------------------------
def _run_recording(path, seed):
    """Runs in the fresh child process: seed torch, run the snippet, return its outcome."""
    import torch  # the real one: this is the recording side

    torch.manual_seed(seed)
    path = Path(path)
    result = run_source(path.read_text(encoding="utf-8"), path)
    result["torch_version"] = torch.__version__
    return result


def _child_main(path, seed):
    """--run-one (used with --spawn): a whole new interpreter per snippet."""
    result = _run_recording(path, seed)
    sys.__stdout__.write(json.dumps(result, ensure_ascii=True) + "\n")
    sys.__stdout__.flush()


def _child_env():
    env = dict(os.environ)
    env.pop("TORCH_SHOW_CPP_STACKTRACES", None)  # keeps C++ traces out of messages
    env["PYTHONHASHSEED"] = "0"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def _record_one_spawned(path, seed):
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--run-one", str(path), "--seed", str(seed)],
        capture_output=True, text=True, encoding="utf-8", env=_child_env(), timeout=600,
        cwd=str(GOLDEN_DIR),
    )
    if proc.returncode != 0:
        raise RuntimeError(f"recording {path.name} crashed (exit {proc.returncode}):\n{proc.stderr}")
    try:
        return json.loads(proc.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        raise RuntimeError(f"recording {path.name}: no result\nstdout:\n{proc.stdout}\nstderr:\n{proc.stderr}")


def _record_one_forked(args):
    path, seed = args
    return _run_recording(path, seed)


def record_all(paths, seed=RECORD_SEED, jobs=None, spawn=False):
    """Record every snippet, each in a fresh process.

    Default: fork a new child per snippet from this process, which has imported
    torch but run nothing (maxtasksperchild=1: no child runs two snippets), so
    torch is imported once. spawn=True starts a whole new interpreter per
    snippet instead (slower; both give the same file).
    """
    jobs = jobs or max(1, min(8, os.cpu_count() or 1))
    if spawn:
        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(lambda p: _record_one_spawned(p, seed), paths))
    else:
        import multiprocessing

        import torch  # noqa: F401 - imported once, before forking

        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(jobs, maxtasksperchild=1) as pool:
            results = pool.map(_record_one_forked, [(str(p), seed) for p in paths], chunksize=1)
    return dict(zip((p.stem for p in paths), results))


def build_entries(paths, results):
    entries = {}
    versions = set()
    for path in paths:
        source = path.read_text(encoding="utf-8")
        result = results[path.stem]
        versions.add(result["torch_version"])
        entry = {"stdout": result["stdout"], "exception": result["exception"],
                 "source_sha256": source_digest(source)}
        entry.update(parse_directives(source))
        entries[path.stem] = entry
    return entries, versions


def dump(data):
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def _describe(entry):
    out = entry["stdout"]
    if entry["exception"]:
        out += f"!! {entry['exception']['type']}: {entry['exception']['message']}\n"
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="snippet names (file stems); default: all")
    parser.add_argument("--check", action="store_true",
                        help="record and compare with snippets.json; write nothing; exit 1 on difference")
    parser.add_argument("--seed-check", action="store_true",
                        help=f"also run with seeds {OTHER_SEEDS}; exit 1 if any output depends on the seed")
    parser.add_argument("--spawn", action="store_true",
                        help="a new interpreter per snippet instead of a fork of this one (slower)")
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--run-one", help=argparse.SUPPRESS)
    parser.add_argument("--seed", type=int, default=RECORD_SEED, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.run_one:
        _child_main(args.run_one, args.seed)
        return 0

    # Same environment for forked children as _child_env() gives spawned ones.
    os.environ.pop("TORCH_SHOW_CPP_STACKTRACES", None)
    paths = snippet_paths(args.names)
    results = record_all(paths, jobs=args.jobs, spawn=args.spawn)
    entries, versions = build_entries(paths, results)
    if len(versions) != 1:
        raise SystemExit(f"snippets recorded under several torch versions: {versions}")
    (version,) = versions
    status = 0

    if args.seed_check:
        for seed in OTHER_SEEDS:
            other, _ = build_entries(paths, record_all(paths, seed=seed, jobs=args.jobs, spawn=args.spawn))
            for name in sorted(entries):
                if _describe(entries[name]) != _describe(other[name]):
                    status = 1
                    print(f"SEED-DEPENDENT: {name} (seed {RECORD_SEED} vs {seed})")
                    sys.stdout.writelines(difflib.unified_diff(
                        _describe(entries[name]).splitlines(True), _describe(other[name]).splitlines(True),
                        f"seed {RECORD_SEED}", f"seed {seed}"))
        if status == 0:
            print(f"seed check: {len(entries)} snippets print the same for seeds "
                  f"{(RECORD_SEED,) + OTHER_SEEDS}")

    if args.names and JSON_PATH.exists():
        data = json.loads(JSON_PATH.read_text(encoding="utf-8"))
        if data.get("torch_version") != version:
            raise SystemExit(f"snippets.json was recorded with torch {data.get('torch_version')}, "
                             f"this is {version}: re-record everything")
        data["snippets"].update(entries)
    else:
        data = {"torch_version": version, "snippets": entries}
    text = dump(data)

    raised = sorted((n, e["exception"]["type"]) for n, e in entries.items() if e["exception"])
    print(f"torch {version}: {len(entries)} snippets, {len(raised)} raise")
    suspicious = [f"{n} ({t})" for n, t in raised
                  if t in ("NameError", "SyntaxError", "ImportError", "ModuleNotFoundError")]
    if suspicious:
        print("check these (an error in the snippet itself?): " + ", ".join(suspicious))

    if args.check:
        old = JSON_PATH.read_text(encoding="utf-8") if JSON_PATH.exists() else ""
        if old != text:
            status = 1
            sys.stdout.writelines(difflib.unified_diff(
                old.splitlines(True), text.splitlines(True), "snippets.json (on disk)", "snippets.json (now)"))
        else:
            print("snippets.json is up to date")
    else:
        JSON_PATH.write_text(text, encoding="utf-8")
        print(f"wrote {JSON_PATH}")
    return status


if __name__ == "__main__":
    sys.exit(main())
