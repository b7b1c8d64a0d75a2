"""Parity: every golden snippet must print exactly what PyTorch 2.13 printed.

tests/golden/snippets/*.py are small torch scripts (the seed tutorials' code,
plus extras); tests/golden/snippets.json holds what real PyTorch printed for
each (recorded by tests/golden/record_snippets.py; see tests/golden/README.md).
Each snippet is one test: it runs in this process with ``import torch``
resolving to ``autograd_core`` (sys.modules["torch"] and every
"torch.<sub>" point at autograd_core and its submodules), under the same
warnings hook, output capture and normalisation as the recording, and then
  * stdout (warnings interleaved as "<Category>: <message>" lines) must be equal;
  * the exception, if any, must have the same type name and message
    (type only for snippets marked ``# allow-different-message``).
Snippets marked ``# requires: X`` are skipped while the engine lacks feature X
(a dotted attribute path of the engine module, e.g. ``nn``).

Self-check of this harness (torch is never a project dependency, this test
never imports it otherwise): run the same tests against real PyTorch, with a
Python that has torch and pytest,

    PARITY_ENGINE=torch /tmp/torchenv/bin/python -m pytest tests/test_parity_snippets.py

Every snippet must pass that way; if one does not, the harness (or the
recording) is wrong, not the engine.
"""
import contextlib
import difflib
import importlib
import importlib.abc
import importlib.util
import json
import os
import sys
import traceback
from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).resolve().parent
REPO_ROOT = TESTS_DIR.parent
GOLDEN_DIR = TESTS_DIR / "golden"
JSON_PATH = GOLDEN_DIR / "snippets.json"

ENGINE = os.environ.get("PARITY_ENGINE", "autograd_core")
if ENGINE not in ("autograd_core", "torch"):
    raise RuntimeError(f"PARITY_ENGINE must be 'autograd_core' or 'torch', not {ENGINE!r}")


def _load_recorder():
    """The recorder module, for the pieces both sides share (it imports no torch)."""
    spec = importlib.util.spec_from_file_location("_golden_record_snippets", GOLDEN_DIR / "record_snippets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


recorder = _load_recorder()
GOLDEN = json.loads(JSON_PATH.read_text(encoding="utf-8"))
SNIPPETS = GOLDEN["snippets"]


# --------------------------------------------------------------------------
# The engine under test.
# --------------------------------------------------------------------------
_engine_cache = {}


def _engine():
    """Import the engine once; fail every test clearly if that is impossible."""
    if "module" not in _engine_cache and "error" not in _engine_cache:
        if ENGINE == "autograd_core" and str(REPO_ROOT) not in sys.path:
            sys.path.insert(0, str(REPO_ROOT))
        try:
            module = importlib.import_module(ENGINE)
            if getattr(module, "__file__", None) is None:
                raise ImportError(f"{ENGINE} was found only as a namespace package "
                                  f"(no {ENGINE}/__init__.py): the package is not there yet")
            _engine_cache["module"] = module
        except Exception:  # noqa: BLE001 - reported below, per test
            _engine_cache["error"] = traceback.format_exc()
    if "error" in _engine_cache:
        pytest.fail(f"cannot import the engine {ENGINE!r}:\n{_engine_cache['error']}", pytrace=False)
    return _engine_cache["module"]


def _has_feature(engine, feature):
    """Is dotted attribute path `feature` of the engine there (importing submodules if need be)?"""
    obj = engine
    prefix = engine.__name__
    for part in feature.split("."):
        prefix = f"{prefix}.{part}"
        if not hasattr(obj, part):
            try:
                importlib.import_module(prefix)
            except ImportError:
                return False
            except Exception:  # noqa: BLE001 - a broken submodule is a missing feature here
                return False
            if not hasattr(obj, part):
                return False
        obj = getattr(obj, part)
    return True


class _TorchAliasFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Makes `import torch.X` give autograd_core.X for submodules not imported yet."""

    def __init__(self, engine):
        self.engine_name = engine.__name__

    def find_spec(self, fullname, path=None, target=None):
        if not fullname.startswith("torch."):
            return None
        real_name = self.engine_name + fullname[len("torch"):]
        try:
            real = importlib.import_module(real_name)
        except ImportError:
            return None  # then `import torch.X` fails as it would for a missing module
        return importlib.util.spec_from_loader(fullname, self, origin=getattr(real, "__file__", None))

    def create_module(self, spec):
        module = sys.modules[self.engine_name + spec.name[len("torch"):]]
        spec.loader_state = module.__spec__  # the import machinery overwrites __spec__; put it back
        return module

    def exec_module(self, module):
        module.__spec__ = module.__spec__.loader_state


@contextlib.contextmanager
def _torch_is(engine):
    """Within: `import torch` (and torch.<sub>) resolves to `engine`. Restores sys.modules after."""
    if engine.__name__ == "torch":
        yield
        return
    saved = {k: v for k, v in sys.modules.items() if k == "torch" or k.startswith("torch.")}
    for key in saved:
        del sys.modules[key]
    prefix = engine.__name__ + "."
    sys.modules["torch"] = engine
    for name, module in list(sys.modules.items()):
        if name.startswith(prefix):
            sys.modules["torch." + name[len(prefix):]] = module
    finder = _TorchAliasFinder(engine)
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
        for key in [k for k in sys.modules if k == "torch" or k.startswith("torch.")]:
            del sys.modules[key]
        sys.modules.update(saved)


def _reset_engine_state(engine):
    """Undo what a snippet may leave behind: print options, grad mode, and the
    once-per-process warnings (each snippet was recorded in a fresh process)."""
    warned = getattr(getattr(engine, "autograd", None), "_warned", None)
    if isinstance(warned, dict):
        warned.update(dict.fromkeys(warned, False))
    if hasattr(engine, "set_printoptions"):
        engine.set_printoptions(profile="default")
    if hasattr(engine, "set_grad_enabled"):
        engine.set_grad_enabled(True)


def _run_snippet(engine, name):
    path = GOLDEN_DIR / "snippets" / f"{name}.py"
    source = path.read_text(encoding="utf-8")
    if hasattr(engine, "manual_seed"):
        engine.manual_seed(recorder.RECORD_SEED)
    with _torch_is(engine):
        try:
            return recorder.run_source(source, path)
        finally:
            _reset_engine_state(engine)


# --------------------------------------------------------------------------
# The tests.
# --------------------------------------------------------------------------
def _show_exception(exception):
    if exception is None:
        return "no exception"
    return f"{exception['type']}: {exception['message']}"


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_snippet_matches_pytorch(name):
    expected = SNIPPETS[name]
    path = GOLDEN_DIR / "snippets" / f"{name}.py"
    if not path.exists():
        pytest.fail(f"{path} is gone but still recorded: re-run tests/golden/record_snippets.py", pytrace=False)
    if recorder.source_digest(path.read_text(encoding="utf-8")) != expected["source_sha256"]:
        pytest.fail(f"{path.name} changed since it was recorded: re-run "
                    f"tests/golden/record_snippets.py {name} (see tests/golden/README.md)", pytrace=False)
    engine = _engine()
    missing = [f for f in expected["requires"] if not _has_feature(engine, f)]
    if missing:
        pytest.skip(f"needs {', '.join(missing)}, which {ENGINE} does not have yet")

    actual = _run_snippet(engine, name)

    problems = []
    if actual["stdout"] != expected["stdout"]:
        diff = "".join(difflib.unified_diff(
            expected["stdout"].splitlines(True), actual["stdout"].splitlines(True),
            "PyTorch 2.13 (snippets.json)", f"{ENGINE}", n=3))
        problems.append(f"stdout differs:\n{diff}")
    want, got = expected["exception"], actual["exception"]
    if expected["allow_different_message"] and want and got:
        same = want["type"] == got["type"]
    else:
        same = want == got
    if not same:
        what = "exception type differs" if expected["allow_different_message"] else "exception differs"
        problems.append(f"{what}:\n  PyTorch 2.13: {_show_exception(want)}\n  {ENGINE}: {_show_exception(got)}")
    if problems:
        pytest.fail(f"snippet {name} ({path.relative_to(REPO_ROOT)}):\n" + "\n".join(problems), pytrace=False)


def test_every_snippet_is_recorded():
    on_disk = {p.stem for p in (GOLDEN_DIR / "snippets").glob("*.py")}
    unrecorded = sorted(on_disk - set(SNIPPETS))
    assert not unrecorded, (f"snippets not in snippets.json (run tests/golden/record_snippets.py "
                            f"{' '.join(unrecorded)}): {unrecorded}")
