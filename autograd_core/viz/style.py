"""Colours and fonts shared by both renderers, so that the two pictures read alike."""

# Paul Tol's "light" and "vibrant" schemes: told apart with any colour vision.
COLORS = {
    "leaf": "#99DDFF",        # light cyan: leaf tensors
    "output": "#BBCC33",      # pear green: the output tensor
    "function": "#DDDDDD",    # pale grey: grad_fn nodes
    "accumulate": "#EEEEEE",  # lighter grey: AccumulateGrad nodes
    "saved": "#EE8866",       # light orange: saved tensors
    "freed": "#FFFFFF",       # white: saved tensors that were freed
    "freed_line": "#888888",  # grey border and text of freed boxes
    "edge": "#555555",        # an ordinary arrow
    "waiting": "#BBBBBB",     # trace frames: an arrow no gradient has crossed yet
    "past": "#0077BB",        # trace frames: a gradient crossed it in an earlier step
    "current": "#EE7733",     # trace frames: the node of this step and its gradients
}

# Fonts that can write Korean labels ("해제됨"), in order of preference.
KOREAN_FONTS = ("NanumGothic", "Noto Sans CJK KR", "Noto Sans KR", "Malgun Gothic",
                "AppleGothic", "UnDotum", "Baekmuk Gulim")

# The Korean words of the labels, in English: what the matplotlib drawing
# writes when no Korean font is installed.
ENGLISH = {
    "해제됨": "freed",
    "그래프 없음": "no graph",
    "들어온 기울기": "grad in",
    "단계": "step",
}
