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
* values are compared with NumPy on the raw arrays (``tensor.array``), never with
  ``==`` on objects the student controls;
* the expected value is whatever the test computed independently (NumPy, or by
  hand): the helpers never ask the engine the question again;
* every helper returns ``None``, so a test cell may end with one: a value left
  as the cell's result would be read by nbgrader as a partial score.
"""
import numbers
import warnings

import numpy as np

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


# -- formatting ---------------------------------------------------------------------

def _type_name(value):
    if value is None:
        return "None"
    if isinstance(value, np.ndarray):
        return "numpy.ndarray (NumPy 배열)"
    if isinstance(value, np.generic):
        return f"numpy.{type(value).__name__} (NumPy 숫자)"
    cls = type(value)
    if cls.__module__ in ("builtins", "__main__"):
        return cls.__name__
    return f"{cls.__module__}.{cls.__name__}"


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
    return np.dtype(d).name


def _fail(message):
    raise AssertionError(message)


def _raw_array(value, name):
    """The values of ``value`` as a NumPy array, without going through student code."""
    if isinstance(value, Tensor):
        return np.asarray(value.array)
    if value is None:
        _fail(f"{josa(name, '이')} None입니다. 값을 계산해서 변수에 저장(또는 return)했나요?")
    if isinstance(value, (numbers.Number, np.ndarray, np.generic)):
        return np.asarray(value)
    if isinstance(value, (list, tuple)):
        try:
            parts = [_raw_array(v, name) for v in value]
            return np.asarray(parts)
        except AssertionError:
            raise
        except Exception:
            pass
    _fail(f"{josa(name, '은')} 숫자나 텐서여야 하는데 {josa(_type_name(value), '이')} 들어 있습니다.")


# -- the checks ---------------------------------------------------------------------

def expect_tensor(value, name, shape=None, dtype=None):
    """``value`` must be exactly an autograd_core ``Tensor`` (with ``shape``/``dtype`` if given).

    A Python float, a NumPy array or a Tensor subclass (e.g. ``Parameter``) is
    rejected: the exercise asked for a tensor.
    """
    __tracebackhide__ = True
    if value is None:
        _fail(f"{josa(name, '은')} 텐서여야 하는데 None입니다. "
              "값을 계산해서 변수에 저장(또는 return)했나요?")
    if type(value) is not Tensor:
        kind = _type_name(value)
        message = f"{josa(name, '은')} 텐서여야 하는데 {josa(kind, '이')} 반환되었습니다."
        if isinstance(value, Tensor):
            message = (f"{josa(name, '은')} 평범한 텐서(Tensor)여야 하는데 "
                       f"{josa(type(value).__name__, '이')} 반환되었습니다.")
        elif isinstance(value, (numbers.Number, np.generic)):
            message += " .item()이나 float()로 숫자를 꺼내지 말고 텐서 그대로 두세요."
        elif isinstance(value, np.ndarray):
            message += " .numpy()로 바꾸지 말고 텐서 그대로 두세요."
        elif isinstance(value, (list, tuple)):
            message += " torch.tensor(...)로 만들거나 텐서 연산의 결과를 그대로 쓰세요."
        _fail(message)
    if shape is not None:
        want = tuple(int(s) for s in shape)
        got = tuple(value.array.shape)
        if got != want:
            _fail(f"{name}의 모양(shape)이 {josa(_fmt_shape(want), '이어야')} "
                  f"하는데 {_fmt_shape(got)}입니다.")
    if dtype is not None:
        want = _dtype_name(dtype)
        got = value.dtype.name
        if got != want:
            _fail(f"{name}의 자료형(dtype)이 {josa(want, '이어야')} 하는데 {got}입니다.")


def expect_close(actual, expected, name, rtol=1e-5, atol=1e-6, dtype=None, hint=None):
    """``actual`` (a tensor or a number) must equal ``expected`` elementwise, within tolerance.

    ``expected`` is computed by the test on its own (NumPy or by hand).  The
    comparison is on the raw arrays, shapes must match exactly, and ``dtype``
    (optional) is checked too.  ``hint`` (Korean) is added to a wrong-value message.
    """
    __tracebackhide__ = True
    got = _raw_array(actual, name)
    want = np.asarray(expected)
    if dtype is not None:
        want_name = _dtype_name(dtype)
        got_name = actual.dtype.name if isinstance(actual, Tensor) else got.dtype.name
        if got_name != want_name:
            _fail(f"{name}의 자료형(dtype)이 {josa(want_name, '이어야')} 하는데 {got_name}입니다.")
    if got.shape != want.shape:
        _fail(f"{name}의 모양(shape)이 {josa(_fmt_shape(want.shape), '이어야')} 하는데 {_fmt_shape(got.shape)}입니다.\n"
              f"  기대한 값: {_fmt(want)}\n  실제 값:   {_fmt(got)}")
    if want.dtype == np.bool_ or got.dtype == np.bool_:
        ok = got.dtype == want.dtype and np.array_equal(got, want)
    else:
        try:
            g = got.astype(np.float64)
            w = want.astype(np.float64)
        except (TypeError, ValueError):
            _fail(f"{josa(name, '은')} 숫자여야 하는데 {_fmt(got)}입니다.")
        with np.errstate(all="ignore"):
            ok = bool(np.all(np.isclose(g, w, rtol=rtol, atol=atol, equal_nan=True))) \
                and bool(np.array_equal(np.isnan(g), np.isnan(w)))
        if not ok and np.any(np.isnan(g)) and not np.any(np.isnan(w)):
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


def expect_grad(tensor, expected, name, hint=None):
    """``tensor.grad`` must hold ``expected`` (computed independently by the test).

    ``name`` is the tensor's name ("x"); a trailing ".grad" is accepted too.
    Explains a missing gradient (backward not called, requires_grad off, non-leaf)
    and recognises a forgotten ``zero_()`` (k times the answer) and a sign error.
    """
    __tracebackhide__ = True
    base = name[:-5] if name.endswith(".grad") else name
    gname = f"{base}.grad"
    if not isinstance(tensor, Tensor):
        expect_tensor(tensor, base)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        grad = tensor.grad
    if grad is None:
        if tensor.grad_fn is not None:
            _fail(f"{gname}가 None입니다. {josa(base, '은')} 연산의 결과(잎 노드(leaf)가 아닌 텐서)라서 "
                  "backward()가 .grad를 채우지 않습니다. requires_grad=True로 만든 처음 텐서의 .grad를 보세요.")
        if not tensor.requires_grad:
            _fail(f"{gname}가 None입니다. {base}.requires_grad가 False라서 기울기가 계산되지 않았습니다. "
                  f"requires_grad=True로 만들었나요? (no_grad() 안에서 만들거나 detach()한 텐서는 기울기를 받지 못합니다.)")
        _fail(f"{gname}가 None입니다. backward()를 호출했나요?")
    if not isinstance(grad, Tensor):
        _fail(f"{josa(gname, '은')} 텐서여야 하는데 {josa(_type_name(grad), '이')} 들어 있습니다.")
    got = np.asarray(grad.array)
    want = np.asarray(expected, dtype=np.float64)
    if got.shape != want.shape:
        _fail(f"{gname}의 모양(shape)이 {josa(_fmt_shape(want.shape), '이어야')} 하는데 {_fmt_shape(got.shape)}입니다.")
    g = got.astype(np.float64)
    scale = max(1.0, float(np.max(np.abs(want)))) if want.size else 1.0
    with np.errstate(all="ignore"):
        ok = bool(np.allclose(g, want, rtol=1e-4, atol=1e-6 * scale))
    if not ok:
        with np.errstate(all="ignore"):
                known = _grad_hint(g, want)
        message = f"{gname}의 값이 기대한 값과 다릅니다.\n  기대한 값: {_fmt(want)}\n  실제 값:   {_fmt(got)}"
        for extra in (hint, known):
            if extra:
                message += "\n" + extra
        _fail(message)


def expect_requires_grad(tensor, name, expected=True):
    """``tensor.requires_grad`` must be ``expected``."""
    __tracebackhide__ = True
    if not isinstance(tensor, Tensor):
        expect_tensor(tensor, name)
    flag = tensor.requires_grad
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


def expect_error(exc, exc_type, contains=None, name="저장한 오류"):
    """A stored exception ``exc`` must be an ``exc_type`` whose message contains ``contains``.

    ``contains`` is a string or a list of strings that must all appear.
    """
    __tracebackhide__ = True
    want = exc_type.__name__ if isinstance(exc_type, type) else " 또는 ".join(t.__name__ for t in exc_type)
    if exc is None:
        _fail(f"{josa(name, '이')} None입니다. try/except로 {josa(want, '을')} 잡아서 변수에 저장했나요?")
    if isinstance(exc, type) and issubclass(exc, BaseException):
        _fail(f"{name}에 예외 객체가 아니라 {exc.__name__} 클래스 자체가 들어 있습니다. "
              f"`except {exc.__name__} as e:`로 잡은 e를 저장하세요.")
    if not isinstance(exc, BaseException):
        _fail(f"{josa(name, '은')} 예외(exception) 객체여야 하는데 {josa(_type_name(exc), '이')} 들어 있습니다. "
              "`except RuntimeError as e:`의 e를 저장하세요.")
    if not isinstance(exc, exc_type):
        _fail(f"{josa(name, '은')} {josa(want, '이어야')} 하는데 {type(exc).__name__}입니다: {exc}")
    missing = _contains_all(str(exc), contains)
    if missing:
        _fail(f"{name}의 메시지에 {', '.join(repr(m) for m in missing)} 문구가 없습니다. 다른 원인으로 난 오류가 아닌지 확인하세요.\n  메시지: {exc}")


def expect_raises(fn, exc_type, contains=None, name="이 코드"):
    """Calling ``fn()`` must raise ``exc_type`` (with ``contains`` in its message).

    Warnings raised while ``fn`` runs are swallowed.
    """
    __tracebackhide__ = True
    want = exc_type.__name__ if isinstance(exc_type, type) else " 또는 ".join(t.__name__ for t in exc_type)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fn()
    except exc_type as exc:
        missing = _contains_all(str(exc), contains)
        if missing:
            _fail(f"{name}에서 {josa(want, '이')} 나긴 했지만 메시지에 {', '.join(repr(m) for m in missing)} "
                  f"문구가 없습니다.\n  메시지: {exc}")
        return
    except Exception as exc:  # noqa: BLE001 - reported in Korean
        _fail(f"{name}에서 {josa(want, '이')} 나야 하는데 {josa(type(exc).__name__, '이')} 났습니다: {exc}")
    _fail(f"{name}에서 {josa(want, '이')} 나야 하는데 아무 오류도 나지 않았습니다.")


def expect_true(condition, message):
    """A plain check with a Korean ``message`` (``condition`` is used as a Python bool)."""
    __tracebackhide__ = True
    if isinstance(condition, Tensor):
        condition = bool(np.all(condition.array))
    elif isinstance(condition, np.ndarray):
        condition = bool(np.all(condition))
    if not condition:
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
