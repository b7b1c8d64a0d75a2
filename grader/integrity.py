"""Anti-cheating check: is the grading kernel still the one the tests were written for?

A student could make a wrong answer pass by changing what the tests rely on:
``np.allclose = lambda *a, **k: True``, ``autograd_core.Tensor.backward = ...``,
``builtins.isinstance = ...``, ``grader.checks.expect_close = ...``, rebinding
``expect_close`` in the notebook, an IPython input transformer that empties
test cells, a ``sys.settrace`` hook, ...

How the check works, and why a student cell cannot switch it off:

* The grading kernel is forked from a process that imported numpy, the engine,
  ``grader.checks`` and this module *before* any student code existed
  (:mod:`grader.sandbox`).  The :class:`Guard` installed in the kernel binds
  the builtins it needs (``id``, ``type``, ``sorted`` ...) as default arguments at
  that moment, so re-binding ``builtins.id`` later does not blind it.
* Before the first notebook cell the grader asks the guard for a *pristine
  table*: for every watched function, class member and module, its identity,
  its code object, its defaults; the names the setup cell imports (``np``,
  ``torch``, ``expect_close`` ...) with the identity they must have; the IPython
  input transformers, ``sys.gettrace()``, ``sys.meta_path``.  The table is kept
  by the grading worker, in another process.
* Before and after every test cell the worker sends a fresh random nonce; the
  guard answers ``sha256(nonce + current table)``.  A mismatch (or no answer:
  the guard deleted, shadowed or broken) means tampering: the exercise whose
  test cell is about to run, or has just run, scores 0, the changed entries are
  named in the report, and the guard puts the pristine objects back so the
  next exercises are graded normally.

Objects that lie through ``__eq__``, ``__bool__`` or ``__float__`` are a
different attack: ``grader.checks`` never asks a student object to compare
itself (``type(x) is Tensor``, raw NumPy arrays), so such an answer just fails
its tests.

Limits: this is a tamper-*evidence* check for the kernel the student's own code
runs in.  Someone who reads this file can still forge the guard's answers
(e.g. by replacing the guard before the first test with one that replays a
table it computed earlier); the report and the feedback make such notebooks
stand out, and the instructor can read them.
"""
import hashlib
import json
import sys
import types

GUARD_NAME = "_grader_guard"

# Modules whose functions and classes the tests trust.  Prefix entries end in ".".
WATCHED = (
    "builtins", "numpy", "numpy.linalg", "numpy.random", "math", "numbers", "warnings", "operator",
    "functools", "grader", "grader.checks", "grader.integrity", "autograd_core", "autograd_core.",
    "IPython.core.interactiveshell", "ipykernel.zmqshell", "ipykernel.ipkernel", "ipykernel.kernelbase",
)

# Builtins that IPython/ipykernel legitimately swap while a cell runs.
BUILTINS_VOLATILE = frozenset({
    "exit", "quit", "get_ipython", "display", "input", "raw_input", "_", "__", "___",
    "__IPYTHON__", "__builtins__", "help", "copyright", "credits", "license",
})

_FUNCTION_TYPES = (types.FunctionType,)
_DESCRIPTOR_TYPES = (staticmethod, classmethod, property)
_MODULE_TYPE = types.ModuleType


def _watched_modules(prefixes=WATCHED, _sys=sys, _sorted=sorted, _list=list):
    names = []
    for name in _sorted(_list(_sys.modules)):
        for p in prefixes:
            if (p.endswith(".") and name.startswith(p)) or name == p:
                if _sys.modules.get(name) is not None:
                    names.append(name)
                break
    return names


class Guard:
    """Lives in the grading kernel; answers the worker's integrity questions."""

    def __init__(self, shell, prefixes=WATCHED):
        self._shell = shell
        self._prefixes = prefixes
        self._modules = {}          # name -> module object (pristine)
        self._expected_ns = {}      # user name -> object it must be
        self._pristine = None       # path -> (kind, holder, key, value, extra)
        self._lists = {}            # list entries to restore in place

    # -- set-up, called once before any notebook cell ----------------------------------

    def setup(self, names_json="{}", cwd=None, _os=__import__("os"), _json=json, _sys=sys, _getattr=getattr):
        if cwd:
            _os.chdir(cwd)
            if "" not in _sys.path:
                _sys.path.insert(0, "")
        names = _json.loads(names_json)
        self._modules = {n: _sys.modules[n] for n in _watched_modules(self._prefixes)}
        for name, target in names.items():
            obj = self._resolve(target)
            if obj is not None:
                self._expected_ns[name] = obj
        self._pristine = self._capture()
        return self.table(expected=True)

    def _resolve(self, target, _sys=sys, _getattr=getattr):
        parts = target.split(".")
        for i in range(len(parts), 0, -1):
            mod = self._modules.get(".".join(parts[:i]))
            if mod is None:
                continue
            obj = mod
            try:
                for attr in parts[i:]:
                    obj = _getattr(obj, attr)
            except AttributeError:
                return None
            return obj
        return None

    # -- the table ------------------------------------------------------------------------

    @staticmethod
    def _track(modname, key, value, _callable=callable, _isinstance=isinstance, _type=type,
               _getattr=getattr, _str=str):
        if key.startswith("__") and key.endswith("__"):
            return modname == "builtins" and _callable(value) and key not in BUILTINS_VOLATILE
        if modname == "builtins":
            return key not in BUILTINS_VOLATILE and (_callable(value) or _isinstance(value, type))
        if _callable(value) or _isinstance(value, (type, _MODULE_TYPE)):
            return True
        if modname.startswith("grader"):
            return True
        public = not key.startswith("_")
        if modname.startswith("numpy"):
            return public and _isinstance(value, (int, float, complex, str, bytes))
        mod = _getattr(_type(value), "__module__", "") or ""
        return public and _str(mod).startswith("autograd_core")

    @staticmethod
    def _token(value, _id=id, _isinstance=isinstance, _getattr=getattr, _str=str, _tuple=tuple):
        parts = [_id(value)]
        func = value
        if _isinstance(value, (staticmethod, classmethod)):
            func = _getattr(value, "__func__", None)
            parts.append(_id(func))
        if _isinstance(value, property):
            for f in (value.fget, value.fset, value.fdel):
                parts.append(_id(f))
                if _isinstance(f, types.FunctionType):
                    parts.append(_id(f.__code__))
            return ":".join(_str(p) for p in parts)
        if _isinstance(func, types.FunctionType):
            parts += [_id(func.__code__), _id(func.__defaults__), _id(func.__kwdefaults__)]
            closure = func.__closure__
            if closure:
                for cell in closure:
                    try:
                        parts.append(_id(cell.cell_contents))
                    except ValueError:
                        parts.append(0)
        return ":".join(_str(p) for p in parts)

    def _capture(self, _id=id, _list=list, _vars=vars, _isinstance=isinstance, _getattr=getattr,
                 _callable=callable, _sys=sys, _type=type):
        """Pristine references, for restoring what a student replaced."""
        refs = {}
        for modname, mod in self._modules.items():
            refs["sys.modules:" + modname] = ("sysmod", None, modname, mod, None)
            for key, value in _list(_vars(mod).items()):
                if not self._track(modname, key, value):
                    continue
                refs[f"{modname}.{key}"] = ("attr", mod, key, value, self._func_state(value))
                if _isinstance(value, type) and _getattr(value, "__module__", None) == modname:
                    for ck, cv in _list(_vars(value).items()):
                        if _callable(cv) or _isinstance(cv, _DESCRIPTOR_TYPES):
                            refs[f"{modname}.{key}.{ck}"] = ("clsattr", value, ck, cv, self._func_state(cv))
        for name, obj in self._expected_ns.items():
            refs["ns:" + name] = ("ns", None, name, obj, None)
        shell = self._shell
        for attr in ("input_transformers_cleanup", "input_transformers_post", "ast_transformers"):
            seq = _getattr(shell, attr, None)
            if _isinstance(seq, _list):
                refs["ipython." + attr] = ("list", seq, attr, _list(seq), None)
        refs["sys.meta_path"] = ("list", _sys.meta_path, "meta_path", _list(_sys.meta_path), None)
        refs["sys.trace"] = ("trace", None, "trace", _sys.gettrace(), None)
        refs["sys.profile"] = ("profile", None, "profile", _sys.getprofile(), None)
        for label, obj in (("shell", shell), ("kernel", _getattr(shell, "kernel", None)), ("guard", self)):
            if obj is None:
                continue
            refs[f"ipython.{label}.overrides"] = ("overrides", obj, label, dict(self._overrides(obj)), None)
        kernel = _getattr(shell, "kernel", None)
        handlers = _getattr(kernel, "shell_handlers", None)
        if _isinstance(handlers, dict):
            refs["ipython.kernel.shell_handlers"] = ("dict", handlers, "shell_handlers", dict(handlers), None)
        return refs

    @staticmethod
    def _func_state(value, _isinstance=isinstance, _getattr=getattr):
        func = value
        if _isinstance(value, (staticmethod, classmethod)):
            func = _getattr(value, "__func__", None)
        if _isinstance(func, types.FunctionType):
            return (func, func.__code__, func.__defaults__, func.__kwdefaults__)
        return None

    @staticmethod
    def _overrides(obj, _vars=vars, _type=type, _hasattr=hasattr, _callable=callable, _list=list):
        """Instance attributes that shadow a method of the class (``shell.run_cell = ...``)."""
        try:
            items = _list(_vars(obj).items())
        except TypeError:
            return []
        cls = _type(obj)
        return [(k, v) for k, v in items if _callable(v) and _hasattr(cls, k)]

    def table(self, expected=False, _id=id, _sys=sys, _getattr=getattr, _isinstance=isinstance,
              _sorted=sorted, _str=str, _list=list, _vars=vars, _callable=callable):
        """``{path: token}`` describing the kernel now (``expected``: names as they must be)."""
        out = {}
        user_ns = _getattr(self._shell, "user_ns", {})
        for path, (kind, holder, key, value, extra) in self._pristine.items():
            if kind == "sysmod":
                out[path] = _str(_id(_sys.modules.get(key)))
            elif kind == "attr":
                cur = _vars(holder).get(key, _MISSING)
                out[path] = "missing" if cur is _MISSING else self._token(cur)
            elif kind == "clsattr":
                cur = _vars(holder).get(key, _MISSING)
                out[path] = "missing" if cur is _MISSING else self._token(cur)
            elif kind == "ns":
                cur = user_ns.get(key, _MISSING)
                if expected or cur is _MISSING:
                    out[path] = _str(_id(value))        # absent is fine: the test will fail by itself
                else:
                    out[path] = _str(_id(cur))
            elif kind == "list":
                seq = _getattr(self._shell, key, None) if path.startswith("ipython.") else _sys.meta_path
                out[path] = ",".join(_str(_id(x)) for x in (seq or ()))
            elif kind == "trace":
                out[path] = _str(_id(_sys.gettrace()))
            elif kind == "profile":
                out[path] = _str(_id(_sys.getprofile()))
            elif kind == "overrides":
                out[path] = ",".join(f"{k}={_id(v)}" for k, v in _sorted(self._overrides(holder)))
            elif kind == "dict":
                out[path] = ",".join(f"{k}={_id(v)}" for k, v in _sorted(holder.items()))
        return out

    def digest(self, nonce, _json=json, _sha=hashlib.sha256):
        try:
            text = _json.dumps(self.table(), sort_keys=True)
        except Exception as exc:  # noqa: BLE001 - a broken kernel is reported, not raised
            return "error:" + type(exc).__name__
        return _sha((str(nonce) + text).encode("utf-8")).hexdigest()

    def restore(self, paths_json, _json=json, _sys=sys, _setattr=setattr, _list=list, _delattr=delattr,
                _vars=vars):
        """Put the pristine objects back for ``paths`` (after a detection)."""
        failed = []
        user_ns = getattr(self._shell, "user_ns", {})
        for path in _json.loads(paths_json):
            entry = self._pristine.get(path)
            if entry is None:
                continue
            kind, holder, key, value, extra = entry
            try:
                if kind == "sysmod":
                    _sys.modules[key] = value
                elif kind in ("attr", "clsattr"):
                    if kind == "attr":
                        _vars(holder)[key] = value
                    else:
                        _setattr(holder, key, value)
                    if extra is not None:
                        func, code, defaults, kwdefaults = extra
                        func.__code__, func.__defaults__, func.__kwdefaults__ = code, defaults, kwdefaults
                elif kind == "ns":
                    user_ns[key] = value
                elif kind == "list":
                    seq = getattr(self._shell, key, None) if path.startswith("ipython.") else _sys.meta_path
                    if isinstance(seq, _list):
                        seq[:] = value
                    elif path.startswith("ipython."):
                        _setattr(self._shell, key, _list(value))
                elif kind == "trace":
                    _sys.settrace(value)
                elif kind == "profile":
                    _sys.setprofile(value)
                elif kind == "overrides":
                    for k, _v in self._overrides(holder):
                        if k not in value:
                            _delattr(holder, k)
                    for k, v in value.items():
                        _setattr(holder, k, v)
                elif kind == "dict":
                    holder.clear()
                    holder.update(value)
            except Exception:  # noqa: BLE001
                failed.append(path)
        return _json.dumps(failed)


class _Missing:
    __slots__ = ()


_MISSING = _Missing()


def install(shell, name=GUARD_NAME):
    """Create the guard in a freshly started kernel (no student code has run yet)."""
    guard = Guard(shell)
    shell.user_ns[name] = guard
    hidden = getattr(shell, "user_ns_hidden", None)
    if isinstance(hidden, dict):
        hidden[name] = guard
    return guard


# -- worker side ---------------------------------------------------------------------------

def expected_digest(pristine, nonce):
    text = json.dumps(pristine, sort_keys=True)
    return hashlib.sha256((str(nonce) + text).encode("utf-8")).hexdigest()


def changed_entries(pristine, current):
    """Paths whose token differs from the pristine table (sorted)."""
    return sorted(k for k, v in pristine.items() if current.get(k) != v)


def describe(paths, modules=(), per_group=4):
    """A short description of changed entries, grouped by where they live.

    ``numpy: allclose, isclose; grader.checks: expect_close, expect_tensor …(+4); notebook names: np``
    """
    groups = {}
    for p in paths:
        if p.startswith("ns:"):
            group, name = "notebook names", p[3:]
        elif p.startswith("sys.modules:"):
            group, name = "sys.modules", p.split(":", 1)[1]
        elif p.startswith("ipython."):
            group, name = "IPython", p[len("ipython."):]
        elif p.startswith("sys."):
            group, name = "sys", p[4:]
        else:
            group, name = _split_module(p, modules)
        groups.setdefault(group, []).append(name)
    order = sorted(groups, key=lambda g: (g.startswith("grader"), g == "notebook names", g))
    parts = []
    for g in order:
        names = groups[g]
        more = len(names) - per_group
        parts.append(f"{g}: {', '.join(names[:per_group])}" + (f" …(+{more})" if more > 0 else ""))
    return "; ".join(parts)


def modules_of(pristine):
    """The watched module names of a pristine table."""
    return {k.split(":", 1)[1] for k in pristine if k.startswith("sys.modules:")}


def _split_module(path, modules=()):
    """``numpy.linalg.norm`` -> (``numpy.linalg``, ``norm``), using the watched module names."""
    parts = path.split(".")
    for i in range(len(parts) - 1, 0, -1):
        mod = ".".join(parts[:i])
        if mod in modules or (not modules and mod in sys.modules):
            return mod, ".".join(parts[i:])
    return parts[0], ".".join(parts[1:])


__all__ = ["Guard", "install", "GUARD_NAME", "expected_digest", "changed_entries", "describe", "WATCHED"]
