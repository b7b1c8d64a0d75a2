"""Anti-cheating check: did the test cells run, unchanged, in the kernel they were written for?

A student could make a wrong answer pass by changing what the tests rely on
(``np.allclose = lambda *a, **k: True``, ``Tensor.backward = ...``, rebinding
``expect_close``, ``sys.settrace``), by changing the tests themselves (an IPython
input or line transformer, a new ``input_transformer_manager``), by changing what
the kernel *reports* (a patched ``Session.send`` that turns a failed cell into
"ok"), or by switching this guard off (replacing its digest, table and restore
functions so that they answer with the pristine table).

Threat model.  The student's code runs in the grading kernel, with the tests.
Anything that runs in that process can be changed by that process, so nothing the
kernel *says* about itself is proof.  The decision is therefore made in the
grading worker (another process), from three sources:

1. **The audit channel** (:func:`_install_hook`).  During set-up, before any
   student code exists, the guard connects to a Unix socket the worker listens
   on and installs a ``sys.addaudithook`` hook.  Python offers no way to remove
   or disable an audit hook.  It writes to the socket, with references bound at
   set-up, *before* the operation it sees happens: every ``exec`` of compiled
   code (so every statement IPython runs, as a fingerprint of its bytecode), every
   swap of a function's ``__code__`` (of a trusted function's defaults, of a
   trusted object's class), ``sys.settrace``/``setprofile``, a new audit hook,
   ``gc.get_objects``/``get_referrers``, ``sys._current_frames``, new code or
   function objects, any ``ctypes`` call.  The Jupyter transport, the user
   namespace and IPython are not on this path.
2. **Completion markers.**  Every test cell is sent with one more statement, a
   fresh random nonce, at its end.  IPython runs a cell statement by statement
   and stops at the first exception, so the hook seeing the marker executed means
   every statement before it ran without raising.  The worker checks that the
   statements the hook saw for the cell are exactly the cell's statements (so an
   input transformer that rewrote them is seen), and that a reply saying "ok"
   comes with the marker (so a forged reply is seen).
3. **The table** (:class:`Guard`, :func:`compute_table`).  Before and after every
   test cell the worker runs a marker that makes the hook compute the identity of
   every watched function, class member, module, IPython transformer list and
   object, Jupyter ``Session`` method, ``sys.gettrace()`` ..., and send its digest
   (the whole table on a mismatch).  The worker compares it with the pristine
   table it received at set-up; a difference zeroes the exercise, names what
   changed, and the hook puts the pristine objects back.  No answer at all (the
   marker was intercepted, the socket closed) is tampering too.

:mod:`grader.checks` complements this: it compares only arrays it made itself, so
an object that lies through ``__eq__``/``__bool__``/``__float__``/``__array__``
has nobody to lie to and simply fails its test (that is not tampering).

What is proof and what is evidence.  *Proof* (cannot be produced by student code
without first producing other evidence): an executed statement that differs from
the test's, a test reported as passed whose completion marker never ran, an event
the hook reported (it is written before the operation completes), a silent or
closed channel.  *Evidence* (a student who reads this file can forge it): the
table's identities are read by code running in the student's process; code that
finds the hook's closure or the guard's state through ``gc`` (reported) or that
reimplements the hook and writes to the socket itself (it must intercept our
request first) could present a pristine table; a patch applied and undone
*within* one test cell is seen only at the next statement (user names and IPython
overrides) or not at all (module attributes).  The audit hook itself is written
in Python, so ``ctypes`` (reported) could in principle rewrite memory.  Honest
notebooks cause none of these events (tested on the ten lessons).  Real isolation
of the answer key is the sandbox's job (:mod:`grader.sandbox`, docs/sandbox.md).
"""
import hashlib
import json
import sys
import types

GUARD_NAME = "_grader_guard"

# Modules whose functions and classes the tests trust.  Prefix entries end in ".".
WATCHED = (
    "builtins", "numpy", "numpy.linalg", "numpy.random", "math", "numbers", "warnings", "operator",
    "functools", "grader", "grader.checks", "grader.observe", "grader.integrity", "autograd_core", "autograd_core.",
    "IPython.core.interactiveshell", "ipykernel.zmqshell", "ipykernel.ipkernel", "ipykernel.kernelbase",
    "IPython.core.inputtransformer2", "IPython.core.compilerop", "ipykernel.compiler", "IPython.core.displayhook",
    "ipykernel.displayhook", "jupyter_client.session", "zmq.sugar.socket", "zmq.eventloop.zmqstream",
)

# Builtins that IPython/ipykernel legitimately swap while a cell runs.
BUILTINS_VOLATILE = frozenset({
    "exit", "quit", "get_ipython", "display", "input", "raw_input", "_", "__", "___",
    "__IPYTHON__", "__builtins__", "help", "copyright", "credits", "license",
})

_FUNCTION_TYPES = (types.FunctionType,)
_DESCRIPTOR_TYPES = (staticmethod, classmethod, property)
_MODULE_TYPE = types.ModuleType
_WRAPPERS = (staticmethod, classmethod, property, types.FunctionType)   # what _token looks inside


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

    def setup(self, names_json="{}", cwd=None, channel=None, _os=__import__("os"), _json=json, _sys=sys,
              _getattr=getattr):
        """Record the pristine kernel; with ``channel`` (a Unix socket path the worker
        listens on), connect to it and start the audit hook that reports there."""
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
        self._entries = tuple(self._pristine.items())
        if channel:
            self._connect(channel)
        return self.table(expected=True)

    def _connect(self, path, _socket=__import__("socket"), _getattr=getattr):
        sock = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
        sock.connect(path)
        fd = sock.detach()
        shell = self._shell
        kernel = _getattr(shell, "kernel", None)
        watched = tuple(o for o in (shell, kernel, _getattr(kernel, "session", None),
                                    _getattr(shell, "input_transformer_manager", None),
                                    _getattr(shell, "compile", None)) if o is not None)

        def overrides_of(_watched=watched, _overrides=Guard._overrides):
            return [item for obj in _watched for item in _overrides(obj)]

        _install_hook(fd, lambda _c=compute_table, _e=self._entries, _s=shell: _c(_e, _s), self.restore,
                      overrides_of, watched, tuple(self._expected_ns.items()), _getattr(shell, "user_ns", {}),
                      cell_prefix=_cell_prefix(shell))

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
    def _token(value, _id=object.__hash__, _isinstance=isinstance, _getattr=getattr, _str=str):
        """Identity of ``value``, of what a descriptor wraps, and of a function's closure.

        (A function's ``__code__`` or trusted defaults being replaced is reported by the
        audit hook as it happens, so they are not read here: reading them is audited too,
        and costs a hook call each.  ``object.__hash__`` is ``id`` without an audit event.)
        """
        if not _isinstance(value, _WRAPPERS) or (_isinstance(value, _FUNCTION_TYPES) and not value.__closure__):
            return _str(_id(value))     # most entries: nothing inside to follow (the same token, faster)
        parts = [_id(value)]
        func = value
        if _isinstance(value, (staticmethod, classmethod)):
            func = _getattr(value, "__func__", None)
            parts.append(_id(func))
        if _isinstance(value, property):
            for f in (value.fget, value.fset, value.fdel):
                parts.append(_id(f))
            return ":".join(_str(p) for p in parts)
        if _isinstance(func, types.FunctionType):
            closure = func.__closure__
            if closure:
                for cell in closure:
                    try:
                        parts.append(_id(cell.cell_contents))
                    except ValueError:
                        parts.append(0)
        return ":".join(_str(p) for p in parts)

    def _capture(self, _id=id, _list=list, _vars=vars, _isinstance=isinstance, _getattr=getattr,
                 _callable=callable, _sys=sys, _type=type, _hasattr=hasattr):
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
        manager = _getattr(shell, "input_transformer_manager", None)
        lists = [(shell, "input_transformers_cleanup"), (shell, "input_transformers_post"),
                 (shell, "ast_transformers"), (manager, "cleanup_transforms"), (manager, "line_transforms"),
                 (manager, "token_transformers")]
        for holder, attr in lists:
            seq = _getattr(holder, attr, None)
            if _isinstance(seq, _list):
                label = attr if holder is shell else "input_transformer_manager." + attr
                refs["ipython." + label] = ("list", holder, attr, _list(seq), None)
        refs["sys.meta_path"] = ("list", _sys, "meta_path", _list(_sys.meta_path), None)
        kernel = _getattr(shell, "kernel", None)
        # (bound methods are made afresh at every access, and IPython swaps sys.displayhook
        # and sys.excepthook around each cell: those are watched through the overrides)
        objects = [(shell, "input_transformer_manager"), (shell, "compile"), (shell, "displayhook"),
                   (shell, "display_pub"), (shell, "custom_exceptions"), (shell, "CustomTB"),
                   (kernel, "session"), (kernel, "shell_handlers"), (kernel, "iopub_socket")]
        for holder, attr in objects:
            if holder is not None and _hasattr(holder, attr):
                label = ("sys." if holder is _sys else "ipython.kernel." if holder is kernel else "ipython.") + attr
                refs[label] = ("objattr", holder, attr, _getattr(holder, attr), None)
        refs["sys.trace"] = ("trace", None, "trace", _sys.gettrace(), None)
        refs["sys.profile"] = ("profile", None, "profile", _sys.getprofile(), None)
        watched = [("shell", shell), ("kernel", kernel), ("guard", self), ("session", _getattr(kernel, "session", None)),
                   ("input_transformer_manager", manager), ("compile", _getattr(shell, "compile", None)),
                   ("displayhook", _getattr(shell, "displayhook", None))]
        for label, obj in watched:
            if obj is None:
                continue
            refs[f"ipython.{label}.overrides"] = ("overrides", obj, label, dict(self._overrides(obj)), None)
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

    def table(self, expected=False):
        """``{path: token}`` describing the kernel now (``expected``: names as they must be)."""
        return compute_table(self._entries, self._shell, expected)

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
                    seq = getattr(holder, key, None)
                    if isinstance(seq, _list):
                        seq[:] = value
                    else:
                        _setattr(holder, key, _list(value))
                elif kind == "objattr":
                    _setattr(holder, key, value)
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


def compute_table(entries, shell, expected=False, _id=object.__hash__, _sys=sys, _getattr=getattr, _sorted=sorted, _str=str,
                  _vars=vars, _token=Guard._token, _overrides=Guard._overrides, _missing=_MISSING, _modules=sys.modules,
                  _gettrace=sys.gettrace, _getprofile=sys.getprofile, _join=",".join):
    """``{path: token}`` for the pristine ``entries``, read from the objects as they are now.

    Every helper is bound here, at import (before any student code), so rebinding a
    name in this module, in builtins or on ``Guard`` does not change what it reports.
    """
    out = {}
    user_ns = _getattr(shell, "user_ns", {})
    for path, (kind, holder, key, value, extra) in entries:
        if kind == "sysmod":
            out[path] = _str(_id(_modules.get(key)))
        elif kind == "attr" or kind == "clsattr":
            cur = _vars(holder).get(key, _missing)
            out[path] = "missing" if cur is _missing else _token(cur)
        elif kind == "ns":
            cur = user_ns.get(key, _missing)
            if expected or cur is _missing:
                out[path] = _str(_id(value))        # absent is fine: the test will fail by itself
            else:
                out[path] = _str(_id(cur))
        elif kind == "list":
            seq = _getattr(holder, key, None)
            out[path] = _join(_str(_id(x)) for x in (seq or ()))
        elif kind == "objattr":
            out[path] = _str(_id(_getattr(holder, key, None)))
        elif kind == "trace":
            out[path] = _str(_id(_gettrace()))
        elif kind == "profile":
            out[path] = _str(_id(_getprofile()))
        elif kind == "overrides":
            out[path] = _join(f"{k}={_id(v)}" for k, v in _sorted(_overrides(holder)))
        elif kind == "dict":
            out[path] = _join(f"{k}={_id(v)}" for k, v in _sorted(holder.items()))
    return out


# -- the out-of-band channel: an audit hook that reports to the worker ------------------------
# Everything above runs inside the kernel, where the student's code runs too, so none of
# it can vouch for itself.  What the worker trusts instead comes through a Unix socket
# that the worker opened and the guard connected to during set-up, before any student
# code existed, written by a ``sys.addaudithook`` hook.  An audit hook cannot be removed
# or switched off from Python; it sees every ``exec`` of compiled code (so every
# statement IPython runs), every swap of a function's ``__code__``/``__defaults__``,
# every ``sys.settrace``, ``gc.get_objects``, ``ctypes`` call or new audit hook, and it
# writes what it saw to the socket *before* the operation happens, with references
# bound before any student code ran.  The Jupyter transport (``Session.send``), the
# guard object in the user namespace and the IPython machinery are not on that path.

MARK_CHECK = "grader-check:"       # the worker asks for the table digest ("…:<nonce>:arm" before a test cell)
MARK_TABLE = "grader-table:"       # ... for the whole table
MARK_RESTORE = "grader-restore:"   # ... to put pristine objects back: "grader-restore:<nonce>:<json paths>"
MARK_DONE = "grader-done:"         # appended to every test cell: executed only if nothing before it raised

# Audit events that an honest notebook never causes once the kernel is set up.
EVIDENCE_EVENTS = frozenset({
    "sys.addaudithook", "sys.settrace", "sys.setprofile", "sys._current_frames", "code.__new__",
    "function.__new__", "gc.get_objects", "gc.get_referrers", "gc.get_referents", "cpython.PyInterpreterState_Clear",
    "cpython._PySys_ClearAuditHooks",
})
# A function's code swapped is always evidence; its defaults only for the trusted
# modules (``namedtuple`` sets the defaults of the ``__new__`` it makes).  An object's
# ``__class__`` is not: the engine switches tensors' classes itself, and grader.checks
# accepts exact types only, so a tensor turned into a subclass just fails.
EVIDENCE_ATTRS = frozenset({"__code__"})
TRUSTED_ATTRS = frozenset({"__defaults__", "__kwdefaults__"})
TRUSTED_PREFIXES = ("grader", "numpy", "autograd_core", "IPython", "ipykernel", "jupyter_client", "zmq",
                    "traitlets", "builtins", "math", "warnings")

# Frequent events that say nothing here (answered first, for speed).
QUIET_EVENTS = frozenset({"object.__getattr__", "builtins.id", "open", "import", "compile", "sys._getframe",
                          "os.listdir", "os.scandir", "marshal.loads", "os.stat", "time.sleep", "socket.__new__",
                          "os.getxattr", "glob.glob", "os.chdir", "sys.excepthook", "builtins.input"})

_CODE_TYPE = types.CodeType


def fingerprint(code, _type=type, _code=_CODE_TYPE, _repr=repr, _sorted=sorted, _frozenset=frozenset,
                _sha=hashlib.sha256, _str=str):
    """A hash of what a code object does, without file names and line numbers.

    The worker computes it for the statements of a test cell as it sent them; the
    hook computes it for what the kernel really executes.
    """
    def walk(c):
        consts = []
        for k in c.co_consts:
            if _type(k) is _code:
                consts.append("code:" + walk(k))
            elif _type(k) is _frozenset:
                consts.append("frozenset:" + _repr(_sorted(_repr(x) for x in k)))
            else:
                consts.append(_repr(k))
        text = "|".join((c.co_code.hex(), _repr(c.co_names), _repr(c.co_varnames), _repr(c.co_freevars),
                         _repr(c.co_cellvars), _str(c.co_argcount), _str(c.co_kwonlyargcount), *consts))
        return _sha(text.encode("utf-8", "surrogatepass")).hexdigest()[:24]
    return walk(code)


def _cell_prefix(shell):
    """How the file names of the notebook's cells begin (``/tmp/ipykernel_<pid>/``)."""
    try:
        name = str(shell.compile.get_code_name("pass\n", "pass\n", 0))
    except Exception:  # noqa: BLE001 - another IPython: watch every module-level code
        return ""
    if "/" in name:
        return name.rsplit("/", 1)[0] + "/"
    return name.split("-", 1)[0] + "-" if name.startswith("<ipython-input") else ""


def _install_hook(fd, table, restore, overrides_of, watched_objects, ns_expected, user_ns, cell_prefix="",
                  _write=__import__("os").write, _type=type, _code=_CODE_TYPE, _str=str, _isinstance=isinstance,
                  _json=json, _sha=hashlib.sha256, _fingerprint=fingerprint, _len=len, _id=id,
                  _events=EVIDENCE_EVENTS, _attrs=EVIDENCE_ATTRS, _function=types.FunctionType,
                  _addaudithook=sys.addaudithook, _missing=_MISSING, _sorted=sorted, _getattr=getattr,
                  _trusted_attrs=TRUSTED_ATTRS, _prefixes=TRUSTED_PREFIXES):
    """Start reporting to ``fd``.  Cannot be undone (that is the point)."""
    busy = [False]
    armed = [False]             # statements are watched from a "check:<nonce>:arm" to the test's end marker
    baseline = tuple(_sorted(_id(v) for _, v in overrides_of()))

    def send(text):
        data = (text + "\n").encode("utf-8", "surrogatepass")
        while data:
            try:
                n = _write(fd, data)
            except InterruptedError:
                continue
            except OSError:
                return
            data = data[n:]

    def drift():
        """What changed, since set-up, among the few things checked at every statement."""
        now = tuple(_sorted(_id(v) for _, v in overrides_of()))
        if now != baseline:
            return "overrides"
        for name, obj in ns_expected:
            cur = user_ns.get(name, _missing)
            if cur is not _missing and cur is not obj:
                return "ns:" + name
        return None

    def on_exec(code):
        marker = None
        for k in code.co_consts:
            if _type(k) is _str and k.startswith("grader-"):
                marker = k
                break
        if marker is not None:
            if marker.startswith(MARK_CHECK):
                nonce, _, arm = marker[_len(MARK_CHECK):].partition(":")
                armed[0] = arm == "arm"
                text = _json.dumps(table(), sort_keys=True)
                send("T " + nonce + " " + _sha((nonce + text).encode("utf-8")).hexdigest())
                return
            if marker.startswith(MARK_TABLE):
                send("F " + marker[_len(MARK_TABLE):] + " " + _json.dumps(table(), sort_keys=True))
                return
            if marker.startswith(MARK_RESTORE):
                nonce, _, paths = marker[_len(MARK_RESTORE):].partition(":")
                send("R " + nonce + " " + restore(paths))
                return
        done = marker is not None and marker.startswith(MARK_DONE)
        if not (armed[0] or done):
            return                                   # not inside a test cell
        filename = code.co_filename
        if _type(filename) is not _str or not filename.startswith(cell_prefix):
            return                                   # not a notebook cell (a library's eval or exec)
        if done:
            armed[0] = False
        what = drift()
        if what is not None:
            send("A statement " + what)
        send("X " + _fingerprint(code) + " " + _sha(filename.encode("utf-8", "surrogatepass"))
             .hexdigest()[:16] + (" " + marker if marker is not None and marker.startswith(MARK_DONE) else ""))

    def hook(event, args, _quiet=QUIET_EVENTS):
        # frequent events first out (reading a function's __code__ and id() are audited
        # too, and the table does both thousands of times)
        if event in _quiet or busy[0]:
            return
        try:
            if event == "exec":
                code = args[0] if args else None
                if _type(code) is _code and code.co_name == "<module>":
                    busy[0] = True
                    on_exec(code)
            elif event in _events:
                send("A event " + event)
            elif event == "object.__setattr__" or event == "object.__delattr__":
                if _len(args) >= 2 and (args[1] in _attrs or args[1] in _trusted_attrs):
                    target = args[0]
                    is_function = _isinstance(target, _function)
                    owner = _getattr(target, "__module__", None) if is_function else _type(target).__module__
                    if args[1] in _attrs or (_type(owner) is _str and owner.startswith(_prefixes)):
                        label = _getattr(target, "__qualname__", None) if is_function else None
                        send("A event " + event + " " + _str(args[1]) + " " + _str(label or _type(target).__name__))
            elif event.startswith("ctypes."):
                send("A event " + event)
        except BaseException:  # noqa: BLE001 - the hook must never break the operation it watches
            pass
        finally:
            busy[0] = False

    _addaudithook(hook)
    return hook


def install(shell, name=GUARD_NAME):
    """Create the guard in a freshly started kernel (no student code has run yet)."""
    guard = Guard(shell)
    shell.user_ns[name] = guard
    hidden = getattr(shell, "user_ns_hidden", None)
    if isinstance(hidden, dict):
        hidden[name] = guard
    return guard


# -- worker side ---------------------------------------------------------------------------

def table_text(table):
    """The table as :meth:`Guard.digest` hashes it."""
    return json.dumps(table, sort_keys=True)


def expected_digest(pristine_text, nonce):
    """What an untouched kernel answers to ``nonce``; ``pristine_text`` is :func:`table_text`
    of the pristine table (made once per kernel: the worker asks before and after every test)."""
    return hashlib.sha256((str(nonce) + pristine_text).encode("utf-8")).hexdigest()


def changed_entries(pristine, current):
    """Paths whose token differs from the pristine table (sorted)."""
    return sorted(k for k, v in pristine.items() if current.get(k) != v)


def describe(paths, modules=(), per_group=4):
    """A short description of changed entries, grouped by where they live.

    ``numpy: allclose, isclose; grader.checks: expect_close, expect_tensor …(+4); notebook names: np``
    """
    groups = {}
    for p in paths:
        if p.startswith("audit: "):
            group, name = "audit", p[len("audit: "):].replace("event ", "").replace("statement ", "")
        elif " (" in p:
            group, name = "grader", p
        elif p.startswith("ns:"):
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


__all__ = ["Guard", "install", "GUARD_NAME", "expected_digest", "table_text", "changed_entries", "describe", "WATCHED",
           "fingerprint", "MARK_CHECK", "MARK_TABLE", "MARK_RESTORE", "MARK_DONE"]
