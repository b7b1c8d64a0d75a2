"""Which renderer draws: Graphviz when its ``dot`` program is installed, matplotlib otherwise.

A student without Graphviz still gets every picture (drawn by
matplotlib_drawing.py) and, once per session, one message saying how to
install it.  Nothing raises: a missing program must not stop a lesson.
"""
import shutil

DOT_MISSING = """\
[autograd_core.viz] Graphviz의 dot 프로그램을 찾지 못해서 계산 그래프를 matplotlib으로 대신 그립니다.
더 보기 좋은 그림을 원하면 아래 명령으로 Graphviz를 설치하고 커널을 다시 시작하세요.
    Debian/Ubuntu: sudo apt-get install graphviz
    macOS:         brew install graphviz
    conda:         conda install -c conda-forge graphviz"""

PACKAGE_MISSING = """\
[autograd_core.viz] 파이썬 graphviz 패키지가 없어서 계산 그래프를 matplotlib으로 대신 그립니다.
더 보기 좋은 그림을 원하면 아래 명령으로 설치하고 커널을 다시 시작하세요.
    pip:   pip install graphviz
    conda: conda install -c conda-forge python-graphviz graphviz"""

_told = False   # the message has been shown in this session


def choose_backend(backend=None):
    """"graphviz" or "matplotlib".  ``backend`` forces one; None picks Graphviz if it can draw."""
    if backend == "matplotlib":
        return "matplotlib"
    if backend not in (None, "graphviz"):
        raise ValueError(f"backend should be None, 'graphviz' or 'matplotlib', not {backend!r}")
    problem = graphviz_problem()
    if problem is None:
        return "graphviz"
    _tell_once(problem)
    return "matplotlib"


def graphviz_problem():
    """None when Graphviz can draw; otherwise the message that says what is missing."""
    try:
        import graphviz  # noqa: F401
    except ImportError:
        return PACKAGE_MISSING
    # The graphviz package only writes dot's input; drawing needs the program.
    if shutil.which("dot") is None:
        return DOT_MISSING
    return None


def _tell_once(message):
    # print, not warnings.warn: the graded notebooks treat anything on stderr
    # as a failure, and the message is advice, not an error.
    global _told
    if not _told:
        _told = True
        print(message)


def render(desc, backend=None, rankdir="TB"):
    """One ``GraphDescription`` as a picture a notebook shows."""
    if choose_backend(backend) == "matplotlib":
        from .matplotlib_drawing import draw
        return draw(desc, rankdir=rankdir)
    from .graphviz_drawing import to_graphviz
    return to_graphviz(desc, rankdir=rankdir)
