"""채점용 검사 함수 (assertion helpers with Korean feedback).

The nbgrader test cells of the course call these helpers instead of bare
``assert`` statements, so that a wrong answer gets a Korean message that points
at the mistake ("x.grad가 None입니다. backward()를 호출했나요?") rather than a
bare ``AssertionError``.

    from grader.checks import expect_tensor, expect_close, expect_grad, expect_raises, expect_error

    expect_tensor(y, "y", shape=(2, 2), dtype=torch.float32)
    expect_close(y, np.full((2, 2), 4.5), "y")
    expect_grad(x, 4 * x_np, "x")
    expect_raises(lambda: out.backward(), RuntimeError, contains="scalar outputs", name="out.backward()")
    expect_error(saved_error, RuntimeError, contains="second time", name="error")

Rules every helper follows:

* a failed check raises ``AssertionError`` with a Korean message, and nothing else;
* nothing is ever written to stdout or stderr, and no warning escapes (nbgrader
  scores a test cell 0 when anything appears on stderr);
* values are compared only as plain NumPy arrays that this module made itself
  (exactly ``np.ndarray``, a numeric or bool dtype), through functions bound when it
  was imported, before any student code ran.  Accepted are exactly: autograd_core's
  ``Tensor`` and ``nn.Parameter`` (their storage read from the slot, so a Tensor whose
  ``.array`` was replaced by an object fails), real ``torch.Tensor``/``Parameter``
  when torch was imported before this module (the PyTorch parity run), Python and
  NumPy numbers, NumPy arrays, and lists/tuples of those.  A subclass, or anything
  else, is refused before it is compared: no ``__eq__``, ``__bool__``, ``__float__``,
  ``__array__``, ``__len__`` or ``__str__`` of a student object is ever called;
* ``expect_true`` takes a real ``bool`` (or a NumPy bool, or a tensor/array of bools);
  anything else fails, so compute the condition in the test;
* student code runs only inside ``call``, ``expect_raises`` and the test's own lines;
  while it runs, no frame of this module holds the expected value as a local (but
  the test cell's own frame and constants are readable from it: compute expected
  values after the call, from the inputs);
* the expected value is whatever the test computed independently (NumPy, or by
  hand): the helpers never ask the engine the question again;
* every helper returns ``None``, so a test cell may end with one: a value left
  as the cell's result would be read by nbgrader as a partial score.
"""
import numbers  # noqa: F401 - kept for lesson helpers appended below
import sys
import warnings

import numpy as np

from autograd_core import dtypes as _dtypes
from autograd_core.dtypes import dtype as _DType
from autograd_core.tensor import Tensor

__all__ = [
    "expect_tensor", "expect_close", "expect_grad", "expect_raises", "expect_error",
    "expect_requires_grad", "expect_true", "call", "josa",
]


# -- Korean particles ---------------------------------------------------------------
# A name like "x.grad" or "out" needs 이/가, 은/는, 을/를 chosen by how the last
# syllable is read aloud.  Hangul syllables are exact; Latin letters and digits
# follow their usual Korean reading ("x" 엑스, "L" 엘, "3" 삼, "grad" 그래드, "out" 아웃).

_LETTER_HAS_FINAL = set("lmnr")                 # 엘 엠 엔 알
_DIGIT_HAS_FINAL = set("013678")                 # 영 일 삼 육 칠 팔
_PAIRS = {
    "이": ("이", "가"), "가": ("이", "가"),
    "은": ("은", "는"), "는": ("은", "는"),
    "을": ("을", "를"), "를": ("을", "를"),
    "과": ("과", "와"), "와": ("과", "와"),
    "으로": ("으로", "로"), "로": ("으로", "로"),
    "이어야": ("이어야", "여야"), "여야": ("이어야", "여야"),
    "입니다": ("입니다", "입니다"),
}


def _has_final(word):
    """Whether ``word`` ends, read aloud in Korean, with a final consonant (받침)."""
    text = str(word).rstrip(" )]}'\"`")
    if not text:
        return False
    last = text[-1]
    if "가" <= last <= "힣":
        return (ord(last) - ord("가")) % 28 != 0
    if last.isdigit():
        return last in _DIGIT_HAS_FINAL
    if not last.isalpha():
        return False
    low = text.lower()
    tail = ""
    for ch in reversed(low):
        if not ch.isalpha():
            break
        tail = ch + tail
    if len(tail) == 1 or not set(tail) & set("aeiouy"):
        return tail[-1] in _LETTER_HAS_FINAL     # x, y, L, Q, dw, db: read letter by letter
    if tail.endswith(("ng", "m", "n", "l", "ck", "k", "b", "p", "ple", "ble", "cle", "gle")):
        return not tail.endswith("mb")           # tuple 튜플, bool 불, sum 섬, back 백
    vowels = "aeiou"
    if tail.endswith("t") and len(tail) >= 2 and tail[-2] in vowels:
        if len(tail) >= 3 and tail[-3] in vowels and tail[-3:-1] != "ou":
            return False                         # float 플로트
        return True                              # out 아웃, set 셋, net 넷
    return False


def josa(word, particle):
    """``word`` followed by the right form of ``particle`` ("이"/"가", "은"/"는", ...)."""
    with_final, without = _PAIRS[particle]
    if particle in ("으로", "로") and str(word).rstrip()[-1:] in ("l", "L"):
        return f"{word}로"
    return f"{word}{with_final if _has_final(word) else without}"


# -- reading values without asking the student's objects -------------------------------
# Everything a check decides with is bound here, at import, before any student code ran:
# the grading kernel's zygote imports this module first.  The verdict path uses only
# these references (passed on as default arguments, so that rebinding a name in this
# module, in numpy or in builtins changes nothing), C-level NumPy (ufuncs, ndarray
# methods that do not call back into Python) and the slots of the engine's Tensor read
# through their own descriptors.  No ``__eq__``, ``__bool__``, ``__float__``,
# ``__array__``, ``__len__`` or ``__str__`` of a student object is ever called, so an
# object that lies has nobody to lie to, and nothing of the test runs in its frames.

_TYPE = type
_ISINSTANCE = isinstance
_ISSUBCLASS = issubclass
_LEN = len
_BOOL = bool
_NDARRAY = np.ndarray
_ASARRAY = np.asarray
_NUMERIC_KINDS = "biufc"
_EXC_STR = BaseException.__str__
_TYPE_NAME = type.__dict__["__name__"].__get__
_TYPE_MODULE = type.__dict__["__module__"].__get__
_NP_SCALARS = frozenset(np.dtype(c).type for c in "?bhilqpBHILQPefdgFDG")
_PLAIN_NUMBERS = frozenset({int, float, complex, bool})
_SEQUENCES = frozenset({list, tuple})


def _slot_reader(cls, name):
    """A function reading attribute ``name`` of a ``cls`` instance from its slot."""
    slot = cls.__dict__.get(name)
    if _TYPE(slot).__name__ == "member_descriptor":
        get = slot.__get__
        return lambda obj, _get=get, _cls=cls: _get(obj, _cls)
    return lambda obj, _get=object.__getattribute__, _name=name: _get(obj, _name)


_READ_ARRAY = _slot_reader(Tensor, "array")
_READ_GRAD = _slot_reader(Tensor, "_grad")
_READ_GRAD_FN = _slot_reader(Tensor, "grad_fn")
_READ_REQUIRES = _slot_reader(Tensor, "_requires_grad")


def _engine_plain_tensor_types():
    """The engine's plain ``Tensor`` (an inference-mode tensor is one too, as in PyTorch)."""
    return frozenset({Tensor})


def _engine_tensor_types():
    types_ = set(_engine_plain_tensor_types())
    try:
        from autograd_core.nn.parameter import Parameter
        types_.add(Parameter)
    except ImportError:          # pragma: no cover - an engine without nn
        pass
    return frozenset(types_)


def _torch_tensor_types():
    """torch.Tensor and torch.nn.Parameter, when torch was imported before this module.

    (The course's cells are also run on real PyTorch by a parity test; this module
    never imports torch, and a "torch" module created later is not trusted.)
    """
    torch = sys.modules.get("torch")
    if torch is None:
        return frozenset()
    out = set()
    for owner, attr in ((torch, "Tensor"), (getattr(torch, "nn", None), "Parameter")):
        cls = getattr(owner, attr, None)
        if isinstance(cls, type):
            out.add(cls)
    return frozenset(out)


_ENGINE_TENSORS = _engine_tensor_types()
_TORCH_TENSORS = _torch_tensor_types()
_TENSOR_TYPES = _ENGINE_TENSORS | _TORCH_TENSORS
_PLAIN_TENSORS = _engine_plain_tensor_types() | {t for t in _TORCH_TENSORS if t.__name__ == "Tensor"}
_DTYPE_NAMES = {np.dtype(k): v.name for k, v in _dtypes._BY_NUMPY.items()}


class _Unreadable(Exception):
    """A value that is not plain numbers (a student object, a ragged list, object dtype)."""


def _is_tensor(value, _type=_TYPE, _tensors=_TENSOR_TYPES):
    return _type(value) in _tensors


def _tensor_array(value, _type=_TYPE, _engine=_ENGINE_TENSORS, _read=_READ_ARRAY, _ndarray=_NDARRAY,
                  _kinds=_NUMERIC_KINDS):
    """The storage of a genuine tensor (``None`` if it is not a plain numeric array)."""
    if _type(value) in _engine:
        array = _read(value)
    else:                                   # torch, imported before this module
        array = value.detach().cpu().numpy()
    if _type(array) is not _ndarray or array.dtype.kind not in _kinds:
        raise _Unreadable("tensor storage")
    return array


def _plain_array(value, _type=_TYPE, _tensors=_TENSOR_TYPES, _numbers=_PLAIN_NUMBERS,
                 _scalars=_NP_SCALARS, _seqs=_SEQUENCES, _asarray=_ASARRAY, _ndarray=_NDARRAY,
                 _kinds=_NUMERIC_KINDS, _tensor_array=_tensor_array):
    """``value`` as a NumPy array made here, or :class:`_Unreadable`.

    Only exact types are accepted: engine (or torch) tensors and Parameters, Python
    and NumPy numbers, NumPy arrays of a numeric or bool dtype, and lists/tuples of
    those.  Subclasses (a ``float`` that lies about ``__eq__``) are refused.
    """
    kind = _type(value)
    if kind in _tensors:
        return _tensor_array(value)
    if kind is _ndarray:
        array = value
    elif kind in _numbers or kind in _scalars:
        array = _asarray(value)
    elif kind in _seqs:
        parts = [_plain_array(v) for v in value]
        try:
            array = _asarray(parts)
        except (ValueError, TypeError):
            raise _Unreadable("ragged") from None
    else:
        raise _Unreadable(kind)
    if _type(array) is not _ndarray or array.dtype.kind not in _kinds:
        raise _Unreadable("dtype")
    return array


def _dtype_of(value, array, _type=_TYPE, _engine=_ENGINE_TENSORS, _names=_DTYPE_NAMES):
    """The dtype name of a tensor (from its storage) or of a plain array."""
    if _type(value) in _engine:
        return _names.get(array.dtype, array.dtype.name)
    if _type(value) in _TORCH_TENSORS:
        return str(value.dtype).replace("torch.", "")
    return array.dtype.name


def _close(got, want, rtol, atol, _f64=np.float64, _isnan=np.isnan, _isfinite=np.isfinite, _sub=np.subtract,
           _abs=np.absolute, _le=np.less_equal, _add=np.add, _mul=np.multiply, _eq=np.equal,
           _or=np.logical_or, _and=np.logical_and, _all=np.logical_and.reduce, _zeros=np.zeros, _bool=_BOOL):
    """NumPy's ``isclose`` rule (``equal_nan``), with ufuncs only; a Python bool.

    Differences are taken only where both sides are finite (no NumPy warning); an
    infinity must be matched by the same infinity, a nan by a nan.
    """
    if got.dtype.kind == "c" or want.dtype.kind == "c":
        return (_close(got.real, want.real, rtol, atol) and _close(got.imag, want.imag, rtol, atol))
    g = got.astype(_f64)
    w = want.astype(_f64)
    nan_g = _isnan(g)
    if not _bool(_all(_eq(nan_g, _isnan(w)), axis=None)):
        return False
    finite = _and(_isfinite(g), _isfinite(w))
    diff = _abs(_sub(g, w, out=_zeros(g.shape), where=finite))
    tol = _add(atol, _mul(rtol, _abs(w, out=_zeros(g.shape), where=finite)))
    ok = _and(_le(diff, tol), _or(finite, _or(_eq(g, w), nan_g)))
    return _bool(_all(ok, axis=None))


def _equal(got, want, _eq=np.equal, _all=np.logical_and.reduce, _bool=_BOOL):
    return got.dtype == want.dtype and _bool(_all(_eq(got, want), axis=None))


def _type_name(value, _type=_TYPE, _name=_TYPE_NAME, _module=_TYPE_MODULE):
    """What ``value`` is, for a message (read from the type itself, not asked of it)."""
    if value is None:
        return "None"
    cls = _type(value)
    if cls is np.ndarray:
        return "numpy.ndarray (NumPy 배열)"
    if cls in _NP_SCALARS:
        return f"numpy.{_name(cls)} (NumPy 숫자)"
    try:
        module = _module(cls)
    except (AttributeError, TypeError):
        module = None
    if _type(module) is not str or module in ("builtins", "__main__"):
        return _name(cls)
    return f"{module}.{_name(cls)}"


# -- formatting ---------------------------------------------------------------------

def _fmt(array):
    array = np.asarray(array)
    if array.dtype == np.bool_:
        return np.array2string(array, separator=", ")
    with np.printoptions(precision=4, suppress=True, threshold=60, edgeitems=4, linewidth=88):
        if array.ndim == 0:
            return f"{array.item():.6g}" if np.issubdtype(array.dtype, np.number) else repr(array.item())
        return np.array2string(array, separator=", ").replace("\n", "\n" + " " * 14)


def _fmt_shape(shape):
    return "(" + ", ".join(str(int(s)) for s in shape) + ("," if len(shape) == 1 else "") + ")"


def _dtype_name(d):
    if isinstance(d, _DType):
        return d.name
    if isinstance(d, str):
        return d.replace("torch.", "").replace("autograd_core.", "")
    name = getattr(d, "name", None)
    if isinstance(name, str):
        return name
    if type(d).__module__.split(".")[0] == "torch":      # torch.float32 (the PyTorch parity run)
        return str(d).replace("torch.", "")
    return np.dtype(d).name


def _fail(message, _error=AssertionError):
    raise _error(message)


def _raw_array(value, name, _plain=_plain_array, _fail=_fail):
    """The values of ``value`` as a NumPy array made here (never through student code)."""
    try:
        return _plain(value)
    except _Unreadable:
        pass
    if value is None:
        _fail(f"{josa(name, '이')} None입니다. 값을 계산해서 변수에 저장(또는 return)했나요?")
    if _is_tensor(value):
        _fail(f"{name}의 값을 읽을 수 없습니다: 텐서 안의 배열(.array)이 평범한 NumPy 배열이 아닙니다.")
    _fail(f"{josa(name, '은')} 숫자나 텐서여야 하는데 {josa(_type_name(value), '이')} 들어 있습니다.")


def _expected_array(expected, _plain=_plain_array):
    """The test's expected value as an array (a test that passes something odd is a bug)."""
    try:
        return _plain(expected)
    except _Unreadable:
        raise TypeError("grader.checks: the expected value must be numbers, a NumPy array or a tensor") from None


# -- the checks ---------------------------------------------------------------------

def expect_tensor(value, name, shape=None, dtype=None, *, _type=_TYPE, _plain=_PLAIN_TENSORS,
                  _raw=_raw_array, _dtype_of=_dtype_of, _fail=_fail, _tuple=tuple, _int=int):
    """``value`` must be exactly an autograd_core ``Tensor`` (with ``shape``/``dtype`` if given).

    A Python float, a NumPy array or a Tensor subclass (e.g. ``Parameter``) is
    rejected: the exercise asked for a tensor.  (Under real PyTorch, exactly
    ``torch.Tensor``.)  A genuine Tensor whose storage was replaced by something
    that is not a plain NumPy array is rejected too.
    """
    __tracebackhide__ = True
    if value is None:
        _fail(f"{josa(name, '은')} 텐서여야 하는데 None입니다. "
              "값을 계산해서 변수에 저장(또는 return)했나요?")
    kind = _type(value)
    if kind not in _plain:
        name_ = _type_name(value)
        message = f"{josa(name, '은')} 텐서여야 하는데 {josa(name_, '이')} 반환되었습니다."
        if kind in _TENSOR_TYPES or _isinstance_tensor(value):
            message = (f"{josa(name, '은')} 평범한 텐서(Tensor)여야 하는데 "
                       f"{josa(_TYPE_NAME(kind), '이')} 반환되었습니다.")
        elif kind in _PLAIN_NUMBERS or kind in _NP_SCALARS:
            message += " .item()이나 float()로 숫자를 꺼내지 말고 텐서 그대로 두세요."
        elif kind is _NDARRAY:
            message += " .numpy()로 바꾸지 말고 텐서 그대로 두세요."
        elif kind in _SEQUENCES:
            message += " torch.tensor(...)로 만들거나 텐서 연산의 결과를 그대로 쓰세요."
        _fail(message)
    array = _raw(value, name)
    if shape is not None:
        want = _tuple(_int(s) for s in shape)
        got = array.shape
        if got != want:
            _fail(f"{name}의 모양(shape)이 {josa(_fmt_shape(want), '이어야')} "
                  f"하는데 {_fmt_shape(got)}입니다.")
    if dtype is not None:
        want = _dtype_name(dtype)
        got = _dtype_of(value, array)
        if got != want:
            _fail(f"{name}의 자료형(dtype)이 {josa(want, '이어야')} 하는데 {got}입니다.")


def _isinstance_tensor(value, _isinstance=_ISINSTANCE):
    """A subclass of a tensor type (for the message only)."""
    return _isinstance(value, Tensor) or any(_isinstance(value, t) for t in _TORCH_TENSORS)


def expect_close(actual, expected, name, rtol=1e-5, atol=1e-6, dtype=None, hint=None, *, _raw=_raw_array,
                 _expected=_expected_array, _dtype_of=_dtype_of, _close=_close, _equal=_equal, _fail=_fail,
                 _isnan=np.isnan, _any=np.logical_or.reduce, _bool=_BOOL):
    """``actual`` (a tensor or a number) must equal ``expected`` elementwise, within tolerance.

    ``expected`` is computed by the test on its own (NumPy or by hand).  The
    comparison is on arrays this module made itself (exact types only; a lying
    object is refused before anything is compared), shapes must match exactly,
    and ``dtype`` (optional) is checked too.  ``hint`` (Korean) is added to a
    wrong-value message.
    """
    __tracebackhide__ = True
    got = _raw(actual, name)
    want = _expected(expected)
    if dtype is not None:
        want_name = _dtype_name(dtype)
        got_name = _dtype_of(actual, got)
        if got_name != want_name:
            _fail(f"{name}의 자료형(dtype)이 {josa(want_name, '이어야')} 하는데 {got_name}입니다.")
    if got.shape != want.shape:
        _fail(f"{name}의 모양(shape)이 {josa(_fmt_shape(want.shape), '이어야')} 하는데 {_fmt_shape(got.shape)}입니다.\n"
              f"  기대한 값: {_fmt(want)}\n  실제 값:   {_fmt(got)}")
    if want.dtype.kind == "b" or got.dtype.kind == "b":
        ok = _equal(got, want)
    else:
        ok = _close(got, want, rtol, atol)
        if not ok and got.dtype.kind in "fc" and _bool(_any(_isnan(got), axis=None)) \
                and not (want.dtype.kind in "fc" and _bool(_any(_isnan(want), axis=None))):
            _fail(f"{name}에 nan이 들어 있습니다. 0으로 나누거나 음수의 로그를 계산하지 않았는지 확인하세요.\n"
                  f"  기대한 값: {_fmt(want)}\n  실제 값:   {_fmt(got)}")
    if not ok:
        _fail(f"{name}의 값이 기대한 값과 다릅니다.\n  기대한 값: {_fmt(want)}\n  실제 값:   {_fmt(got)}"
              + (f"\n{hint}" if hint else ""))


def _grad_hint(got, want):
    """A Korean hint for a wrong gradient ``got`` when the right one is ``want``."""
    if not np.any(np.abs(want) > 1e-12):
        return ""
    scale = max(1.0, float(np.max(np.abs(want))))
    tol = dict(rtol=1e-4, atol=1e-6 * scale)
    if np.allclose(got, -want, **tol):
        return "부호가 반대입니다. 손실을 빼야 할 곳에 더했거나(또는 반대로) 음수 부호를 빠뜨리지 않았나요?"
    if not np.any(got):
        return ("기울기가 모두 0입니다. backward() 뒤에 zero_()를 호출했거나, "
                "detach()나 no_grad()로 그래프를 너무 일찍 끊지 않았나요?")
    k = float(np.sum(got * want) / np.sum(want * want))
    rounded = int(round(k))
    if rounded >= 2 and abs(k - rounded) < 1e-3 and np.allclose(got, rounded * want, **tol):
        return (f"기울기가 기대한 값의 정확히 {rounded}배입니다. 이전 backward()의 기울기가 누적(accumulate)된 것 "
                "같습니다. 다시 backward()를 하기 전에 .grad.zero_()로 기울기를 0으로 만들었나요? "
                "(그게 아니라면 평균(mean) 대신 합(sum)을 쓰는 등 상수 배가 달라지지 않았는지 확인하세요.)")
    if abs(k - 0.5) < 1e-3 and np.allclose(got, 0.5 * want, **tol):
        return "기울기가 기대한 값의 절반입니다. 곱해야 할 계수(예: 거듭제곱의 지수)를 빠뜨리지 않았나요?"
    return ""


def _autograd_state(tensor, _type=_TYPE, _engine=_ENGINE_TENSORS, _grad=_READ_GRAD, _grad_fn=_READ_GRAD_FN,
                    _requires=_READ_REQUIRES, _bool=_BOOL):
    """``(grad, has_grad_fn, requires_grad)`` of a genuine tensor, read from its slots."""
    if _type(tensor) in _engine:
        has_fn = _grad_fn(tensor) is not None
        flag = _requires(tensor)
        return _grad(tensor), has_fn, has_fn or (_type(flag) is _bool and flag)
    with warnings.catch_warnings():                  # torch (imported before this module)
        warnings.simplefilter("ignore")
        return tensor.grad, tensor.grad_fn is not None, _bool(tensor.requires_grad)


def expect_grad(tensor, expected, name, hint=None, *, _is_tensor=_is_tensor, _state=_autograd_state,
                _raw=_raw_array, _expected=_expected_array, _close=_close, _fail=_fail, _f64=np.float64,
                _max=np.maximum.reduce, _abs=np.absolute):
    """``tensor.grad`` must hold ``expected`` (computed independently by the test).

    ``name`` is the tensor's name ("x"); a trailing ".grad" is accepted too.
    Explains a missing gradient (backward not called, requires_grad off, non-leaf)
    and recognises a forgotten ``zero_()`` (k times the answer) and a sign error.
    The gradient is read from the tensor's own slot, not through ``.grad``.
    """
    __tracebackhide__ = True
    base = name[:-5] if name.endswith(".grad") else name
    gname = f"{base}.grad"
    if not _is_tensor(tensor):
        expect_tensor(tensor, base)
        _fail(f"{josa(base, '은')} 텐서여야 합니다.")
    grad, has_fn, requires = _state(tensor)
    if grad is None:
        if has_fn:
            _fail(f"{gname}가 None입니다. {josa(base, '은')} 연산의 결과(잎 텐서(leaf tensor)가 아닌 텐서)라서 "
                  "backward()가 .grad를 채우지 않습니다. requires_grad=True로 만든 처음 텐서의 .grad를 보세요.")
        if not requires:
            _fail(f"{gname}가 None입니다. {base}.requires_grad가 False라서 기울기가 계산되지 않았습니다. "
                  f"requires_grad=True로 만들었나요? (no_grad() 안에서 만들거나 detach()한 텐서는 기울기를 받지 못합니다.)")
        _fail(f"{gname}가 None입니다. backward()를 호출했나요?")
    if not _is_tensor(grad):
        _fail(f"{josa(gname, '은')} 텐서여야 하는데 {josa(_type_name(grad), '이')} 들어 있습니다.")
    got = _raw(grad, gname)
    want = _expected(expected).astype(_f64)
    if got.shape != want.shape:
        _fail(f"{gname}의 모양(shape)이 {josa(_fmt_shape(want.shape), '이어야')} 하는데 {_fmt_shape(got.shape)}입니다.")
    scale = float(_max(_abs(want), axis=None, initial=1.0))
    if not _close(got, want, 1e-4, 1e-6 * scale):
        g = got.astype(np.float64)
        with np.errstate(all="ignore"):
            known = _grad_hint(g, want)
        message = f"{gname}의 값이 기대한 값과 다릅니다.\n  기대한 값: {_fmt(want)}\n  실제 값:   {_fmt(got)}"
        for extra in (hint, known):
            if extra:
                message += "\n" + extra
        _fail(message)


def expect_requires_grad(tensor, name, expected=True, *, _is_tensor=_is_tensor, _state=_autograd_state,
                         _fail=_fail):
    """``tensor.requires_grad`` must be ``expected`` (read from the tensor's slots)."""
    __tracebackhide__ = True
    if not _is_tensor(tensor):
        expect_tensor(tensor, name)
        _fail(f"{josa(name, '은')} 텐서여야 합니다.")
    flag = _state(tensor)[2]
    if expected and not flag:
        _fail(f"{name}.requires_grad가 False입니다. requires_grad=True로 만들거나 requires_grad_()를 호출했나요? "
              "(no_grad() 안에서 계산하거나 detach()한 텐서는 기울기를 추적하지 않습니다.)")
    if not expected and flag:
        _fail(f"{name}.requires_grad가 True입니다. 이 텐서는 계산 그래프에서 떨어져 있어야 합니다 "
              "(torch.no_grad() 또는 detach()).")


def _contains_all(text, contains):
    if contains is None:
        return []
    needles = [contains] if isinstance(contains, str) else list(contains)
    return [n for n in needles if n not in text]


def _exception_text(exc, _str=_EXC_STR, _type=_TYPE):
    """An exception's message as ``BaseException.__str__`` makes it (not its own ``__str__``)."""
    text = _str(exc)
    return text if _type(text) is str else ""


def _exc_types_name(exc_type):
    return exc_type.__name__ if isinstance(exc_type, type) else " 또는 ".join(t.__name__ for t in exc_type)


def expect_error(exc, exc_type, contains=None, name="저장한 오류", *, _isinstance=_ISINSTANCE,
                 _issubclass=_ISSUBCLASS, _type=_TYPE, _text=_exception_text, _fail=_fail):
    """A stored exception ``exc`` must be an ``exc_type`` whose message contains ``contains``.

    ``contains`` is a string or a list of strings that must all appear.  The
    message is read as ``BaseException.__str__`` makes it, not through the
    exception's own ``__str__``.
    """
    __tracebackhide__ = True
    want = _exc_types_name(exc_type)
    if exc is None:
        _fail(f"{josa(name, '이')} None입니다. try/except로 {josa(want, '을')} 잡아서 변수에 저장했나요?")
    if _isinstance(exc, type) and _issubclass(exc, BaseException):
        _fail(f"{name}에 예외 객체가 아니라 {_TYPE_NAME(exc)} 클래스 자체가 들어 있습니다. "
              f"`except {_TYPE_NAME(exc)} as e:`로 잡은 e를 저장하세요.")
    if not _isinstance(exc, BaseException):
        _fail(f"{josa(name, '은')} 예외(exception) 객체여야 하는데 {josa(_type_name(exc), '이')} 들어 있습니다. "
              "`except RuntimeError as e:`의 e를 저장하세요.")
    text = _text(exc)
    if not _isinstance(exc, exc_type):
        _fail(f"{josa(name, '은')} {josa(want, '이어야')} 하는데 {_TYPE_NAME(_type(exc))}입니다: {text}")
    missing = _contains_all(text, contains)
    if missing:
        _fail(f"{name}의 메시지에 {', '.join(repr(m) for m in missing)} 문구가 없습니다. 다른 원인으로 난 오류가 아닌지 확인하세요.\n  메시지: {text}")


def _outcome(fn, _catch=warnings.catch_warnings, _simple=warnings.simplefilter):
    """Run ``fn()``: ``(None, result)`` or ``(exception, None)``.

    The student's code runs here, in a frame that holds nothing of the test
    (the caller keeps what it expects in a place no frame points to).
    """
    try:
        with _catch():
            _simple("ignore")
            return None, fn()
    except Exception as exc:  # noqa: BLE001 - judged by the caller
        return exc, None


class _Sealed:
    """Holds a check's expectations while student code runs (no plain local names them)."""
    __slots__ = ("_items",)

    def __init__(self, *items):
        self._items = items

    def __repr__(self):
        return "<sealed>"


def expect_raises(fn, exc_type, contains=None, name="이 코드", *, _outcome=_outcome, _isinstance=_ISINSTANCE,
                  _text=_exception_text, _fail=_fail, _sealed=_Sealed, _slot=_Sealed.__dict__["_items"].__get__):
    """Calling ``fn()`` must raise ``exc_type`` (with ``contains`` in its message).

    Warnings raised while ``fn`` runs are swallowed.  While ``fn`` (the student's
    code) runs, neither this frame nor the one running it holds ``exc_type`` or
    ``contains`` as a local.
    """
    __tracebackhide__ = True
    sealed = _sealed(exc_type, contains, name)
    del exc_type, contains
    error, _ = _outcome(fn)
    exc_type, contains, name = _slot(sealed)
    want = _exc_types_name(exc_type)
    if error is None:
        _fail(f"{name}에서 {josa(want, '이')} 나야 하는데 아무 오류도 나지 않았습니다.")
    text = _text(error)
    if not _isinstance(error, exc_type):
        _fail(f"{name}에서 {josa(want, '이')} 나야 하는데 {josa(_TYPE_NAME(type(error)), '이')} 났습니다: {text}")
    missing = _contains_all(text, contains)
    if missing:
        _fail(f"{name}에서 {josa(want, '이')} 나긴 했지만 메시지에 {', '.join(repr(m) for m in missing)} "
              f"문구가 없습니다.\n  메시지: {text}")


def expect_true(condition, message, *, _type=_TYPE, _bool=_BOOL, _scalars=_NP_SCALARS, _is_tensor=_is_tensor,
                _ndarray=_NDARRAY, _raw=_raw_array, _all=np.logical_and.reduce, _fail=_fail):
    """A plain check with a Korean ``message``.

    ``condition`` must be a real ``bool`` (or a NumPy bool, or a tensor/array of
    bools: all must hold).  Anything else, such as a student object whose
    ``__bool__`` says True, fails: the test must compute its condition itself.
    """
    __tracebackhide__ = True
    kind = _type(condition)
    if kind is _bool:
        ok = condition
    elif kind is int:
        ok = condition != 0
    elif kind in _scalars and condition.dtype.kind == "b":
        ok = _bool(condition)
    elif kind is _ndarray or _is_tensor(condition):
        array = _raw(condition, "조건")
        ok = array.dtype.kind == "b" and _bool(_all(array, axis=None))
    else:
        ok = False
    if not ok:
        _fail(message)



# -- calling the student's code ---------------------------------------------------------

# Known error messages (PyTorch's wording) and what they usually mean, in Korean.
_ERROR_HINTS = (
    ("require gradients", "정수 값으로 만든 텐서에 requires_grad를 켰습니다. dtype=torch.float32를 주거나 "
                          ".float()로 실수 텐서로 바꾼 뒤 추적을 켜세요."),
    ("does not require grad and does not have a grad_fn",
     "backward()를 부른 텐서가 계산 그래프에 연결되어 있지 않습니다. requires_grad=True를 켰나요? "
     "torch.no_grad() 안에서 계산했거나 detach()로 그래프를 끊지 않았나요?"),
    ("implicitly created only for scalar outputs",
     "스칼라가 아닌 텐서에 backward()를 인자 없이 불렀습니다. .sum()으로 스칼라를 만들거나 "
     "gradient 인자(출력과 같은 모양)를 넘기세요."),
    ("backward through the graph a second time",
     "같은 그래프로 두 번 역전파했습니다. 첫 backward()에 retain_graph=True를 주거나, 순전파를 다시 계산하세요."),
    ("Mismatch in shape", "backward(gradient)의 gradient는 출력 텐서와 모양이 같아야 합니다."),
    ("object is not callable", ".grad는 함수가 아니라 속성입니다. 괄호 없이 x.grad로 읽으세요."),
    ("has no attribute 'backward'",
     "파이썬 숫자에는 backward()가 없습니다. .item()이나 float()로 숫자를 꺼내기 전에 텐서에서 역전파하세요."),
    ("Can't call numpy() on Tensor that requires grad",
     "기울기를 추적하는 텐서는 .detach().numpy()로 NumPy 배열로 바꿉니다."),
    ("'NoneType' object has no attribute", "None에서 속성을 읽었습니다. 아직 backward()를 하지 않아 .grad가 None이거나, "
                                            "함수가 값을 return하지 않았는지 확인하세요."),
)


def _describe_call(fn, args, kwargs):
    def short(value):
        text = repr(value)
        return text if len(text) <= 40 else text[:37] + "..."
    parts = [short(a) for a in args] + [f"{k}={short(v)}" for k, v in kwargs.items()]
    return f"{getattr(fn, '__name__', 'function')}({', '.join(parts)})"


def call(fn, *args, name=None, **kwargs):
    """Call the student's ``fn(*args, **kwargs)`` and return its result.

    An exception from the student's code becomes an ``AssertionError`` that says, in
    Korean, which call failed and what the error usually means; warnings are swallowed
    (they would go to stderr).  ``name`` labels the call in messages (default: the call
    itself, e.g. ``grad_at(2.0)``).  Unlike the ``expect_*`` helpers this returns a value:
    assign it (``g = call(f, x)``) rather than leaving it as a cell's last line.
    """
    __tracebackhide__ = True
    label = name or _describe_call(fn, args, kwargs)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return fn(*args, **kwargs)
    except NotImplementedError:
        raise AssertionError(f"{label}: 아직 답을 작성하지 않았습니다. 답 셀의 raise NotImplementedError()를 "
                             "지우고 코드를 작성한 뒤 그 셀을 실행하세요.") from None
    except Exception as exc:  # noqa: BLE001 - reported in Korean
        text = str(exc)
        hint = next((h for needle, h in _ERROR_HINTS if needle in text), "")
        raise AssertionError(f"{josa(label, '을')} 실행하다가 오류가 났습니다: {type(exc).__name__}: {text}"
                             + (f"\n{hint}" if hint else "")) from exc
