"""Other answers to 04_chain_rule's exercises: "right" ones must pass its full tests
cells (hidden tests included), "wrong" ones must fail (see tests/test_notebooks.py)."""

_BY_HAND = (
    "def backprop_by_hand(x):\n    u = x ** 2\n    v = math.log(u)\n    s = math.sin(x)\n"
    "    df_dp = df_dr = 1.0\n    df_dv = df_dp * s\n    df_ds = df_dp * v\n    df_du = df_dv / u\n"
    "    df_dx = {DX}\n"
    "    return {{'p': df_dp, 'r': df_dr, 'v': df_dv, 's': df_ds, 'u': df_du, 'x': df_dx}}"
)

VARIANTS = {
    "ex1_backprop_by_hand": {
        "right": [
            # the three paths into x written out, NumPy functions
            "def backprop_by_hand(x):\n    u = x * x\n    v = np.log(u)\n    s = np.sin(x)\n"
            "    g = {'p': 1.0, 'r': 1.0}\n    g['v'] = g['p'] * s\n    g['s'] = g['p'] * v\n    g['u'] = g['v'] * (1 / u)\n"
            "    via_u = g['u'] * 2 * x\n    via_s = g['s'] * np.cos(x)\n    via_r = g['r'] * (-1 / x ** 2)\n"
            "    g['x'] = float(via_u + via_s + via_r)\n    return g",
            # 0-d tensors, computed with torch functions while autograd is off
            "def backprop_by_hand(x):\n    x = torch.tensor(float(x), dtype=torch.float64)\n    u = x ** 2\n"
            "    v = torch.log(u)\n    s = torch.sin(x)\n    one = torch.tensor(1.0, dtype=torch.float64)\n"
            "    return {'p': one, 'r': one, 'v': s, 's': v, 'u': s / u,\n"
            "            'x': s / u * 2 * x + v * torch.cos(x) - 1 / x ** 2}",
            # log(x^2) kept as 2 log|x|, simplified local derivatives
            "def backprop_by_hand(x):\n    s = math.sin(x)\n    v = 2 * math.log(abs(x))\n"
            "    return {'p': 1, 'r': 1, 'v': s, 's': v, 'u': s / x ** 2,\n"
            "            'x': 2 * s / x + v * math.cos(x) - x ** -2}",
        ],
        "wrong": [
            # forgets the path x -> s
            _BY_HAND.format(DX="df_du * 2 * x + df_dr * (-1 / x ** 2)"),
            # forgets the path x -> r
            _BY_HAND.format(DX="df_du * 2 * x + df_ds * math.cos(x)"),
            # sign of d(1/x)/dx
            _BY_HAND.format(DX="df_du * 2 * x + df_ds * math.cos(x) + df_dr / x ** 2"),
            # d(log u)/du taken as 1/x
            "def backprop_by_hand(x):\n    u = x ** 2\n    v = math.log(u)\n    s = math.sin(x)\n"
            "    df_du = s / x\n"
            "    return {'p': 1.0, 'r': 1.0, 'v': s, 's': v, 'u': df_du,\n"
            "            'x': df_du * 2 * x + v * math.cos(x) - 1 / x ** 2}",
            # p = v * s: the upstream gradients of v and s swapped
            "def backprop_by_hand(x):\n    u = x ** 2\n    v = math.log(u)\n    s = math.sin(x)\n"
            "    return {'p': 1.0, 'r': 1.0, 'v': v, 's': s, 'u': v / u,\n"
            "            'x': v / u * 2 * x + s * math.cos(x) - 1 / x ** 2}",
            # log(x) where log(x^2) = 2 log|x| was meant: fails for negative x
            "def backprop_by_hand(x):\n    v = 2 * math.log(x)\n    s = math.sin(x)\n"
            "    return {'p': 1, 'r': 1, 'v': s, 's': v, 'u': s / x ** 2,\n"
            "            'x': 2 * s / x + v * math.cos(x) - 1 / x ** 2}",
            # autograd where the chain rule by hand was asked
            "def backprop_by_hand(x):\n    x = torch.tensor(float(x), requires_grad=True)\n    u = x ** 2\n"
            "    v = torch.log(u)\n    s = torch.sin(x)\n    p = v * s\n    r = 1 / x\n    f = p + r\n"
            "    nodes = dict(p=p, r=r, v=v, s=s, u=u)\n    for t in nodes.values():\n        t.retain_grad()\n"
            "    f.backward()\n    out = {k: t.grad.item() for k, t in nodes.items()}\n    out['x'] = x.grad.item()\n"
            "    return out",
        ],
    },
    "ex2_relu_model_grads": {
        "right": [
            # torch.autograd.grad instead of backward
            "def relu_model_grads(x, y, w1, w2):\n    loss = (w2 * torch.relu(w1 * x) - y) ** 2\n"
            "    return torch.autograd.grad(loss, (w1, w2))",
            # the method spelling, and a mask: (h > 0) * h has gradient 0 at h = 0 too
            "def relu_model_grads(x, y, w1, w2):\n    h = w1 * x\n    y_hat = w2 * ((h > 0) * h)\n"
            "    ((y_hat - y) ** 2).backward()\n    return (w1.grad, w2.grad)",
            # torch.nn.functional.relu, step by step
            "def relu_model_grads(x, y, w1, w2):\n    h = x * w1\n    a = torch.nn.functional.relu(h)\n"
            "    y_hat = a * w2\n    s = y_hat - y\n    loss = s * s\n    loss.backward()\n"
            "    return w1.grad, w2.grad",
            # h.relu() and torch.where
            "def relu_model_grads(x, y, w1, w2):\n    h = w1 * x\n"
            "    a = torch.where(h > 0, h, torch.zeros_like(h))\n    ((w2 * a - y) ** 2).backward()\n"
            "    return w1.grad, w2.grad",
        ],
        "wrong": [
            # the chain rule by hand, returned as tensors
            "def relu_model_grads(x, y, w1, w2):\n    h = float(w1) * x\n    up = 2 * (float(w2) * max(h, 0) - y)\n"
            "    return (torch.tensor(up * float(w2) * (h > 0) * x), torch.tensor(up * max(h, 0.0)))",
            # by hand, and written into .grad
            "def relu_model_grads(x, y, w1, w2):\n    h = w1.item() * x\n    up = 2 * (w2.item() * max(h, 0) - y)\n"
            "    w1.grad = torch.tensor(up * w2.item() * (1.0 if h > 0 else 0.0) * x)\n"
            "    w2.grad = torch.tensor(up * max(h, 0.0))\n    return w1.grad, w2.grad",
            # clamp(min=0): the same values, but gradient 1 at the kink
            "def relu_model_grads(x, y, w1, w2):\n    ((w2 * (w1 * x).clamp(min=0) - y) ** 2).backward()\n"
            "    return w1.grad, w2.grad",
            # maximum(h, 0): splits the gradient at the kink
            "def relu_model_grads(x, y, w1, w2):\n    h = w1 * x\n"
            "    ((w2 * torch.maximum(h, torch.zeros_like(h)) - y) ** 2).backward()\n    return w1.grad, w2.grad",
            # new leaves built from the values: the given w1, w2 never get a gradient
            "def relu_model_grads(x, y, w1, w2):\n    a = torch.tensor(w1.item(), requires_grad=True)\n"
            "    b = torch.tensor(w2.item(), requires_grad=True)\n    ((b * torch.relu(a * x) - y) ** 2).backward()\n"
            "    return a.grad, b.grad",
            # a finite difference
            "def relu_model_grads(x, y, w1, w2):\n    f = lambda a, b: (b * max(a * x, 0.0) - y) ** 2\n"
            "    a, b, e = w1.item(), w2.item(), 1e-4\n"
            "    return (torch.tensor((f(a + e, b) - f(a - e, b)) / (2 * e)), torch.tensor((f(a, b + e) - f(a, b - e)) / (2 * e)))",
            # Python floats instead of 0-d tensors
            "def relu_model_grads(x, y, w1, w2):\n    ((w2 * torch.relu(w1 * x) - y) ** 2).backward()\n"
            "    return w1.grad.item(), w2.grad.item()",
            # w1 detached: the model's first weight is cut off the graph
            "def relu_model_grads(x, y, w1, w2):\n    h = w1.detach() * x\n    ((w2 * torch.relu(h) - y) ** 2).backward()\n"
            "    return (w1.grad if w1.grad is not None else torch.tensor(0.0)), w2.grad",
            # backward twice (retain_graph): the gradient is doubled
            "def relu_model_grads(x, y, w1, w2):\n    loss = (w2 * torch.relu(w1 * x) - y) ** 2\n"
            "    loss.backward(retain_graph=True)\n    loss.backward()\n    return w1.grad, w2.grad",
        ],
    },
    "ex3_manual_grads": {
        "right": [
            # the closed form
            "def manual_grads(x, y, w, b):\n    s = x * w + b - y\n    return 2 * s * x, 2 * s",
            # the buggy function with its two local derivatives fixed, as tensors
            "def manual_grads(x, y, w, b):\n    up = 2 * (x * w + b - y)\n"
            "    return torch.tensor(float(up * x)), torch.tensor(float(up * 1))",
            # NumPy numbers
            "def manual_grads(x, y, w, b):\n    x, y, w, b = np.float64([x, y, w, b])\n    dloss_dyhat = 2.0 * (x * w + b - y)\n"
            "    return (dloss_dyhat * x, dloss_dyhat)",
        ],
        "wrong": [
            # the buggy function, unchanged
            "def manual_grads(x, y, w, b):\n    s = x * w + b - y\n    return 2 * s * w, 2 * s * x",
            # only dloss/dw fixed
            "def manual_grads(x, y, w, b):\n    s = x * w + b - y\n    return 2 * s * x, 2 * s * x",
            # only dloss/db fixed
            "def manual_grads(x, y, w, b):\n    s = x * w + b - y\n    return 2 * s * w, 2 * s",
            # "b 날아간다": b left out of the upstream gradient
            "def manual_grads(x, y, w, b):\n    return 2 * x * (x * w - y), 2 * (x * w + b - y)",
            # s = y - y_hat: the sign flipped
            "def manual_grads(x, y, w, b):\n    s = y - (x * w + b)\n    return 2 * s * x, 2 * s",
            # central differences instead of the chain rule
            "def manual_grads(x, y, w, b):\n    loss = lambda w, b: (x * w + b - y) ** 2\n    h = 1e-6\n"
            "    return ((loss(w + h, b) - loss(w - h, b)) / (2 * h), (loss(w, b + h) - loss(w, b - h)) / (2 * h))",
            # autograd where the hand-written chain rule was asked
            "def manual_grads(x, y, w, b):\n    w = torch.tensor(float(w), requires_grad=True)\n"
            "    b = torch.tensor(float(b), requires_grad=True)\n    ((x * w + b - y) ** 2).backward()\n"
            "    return w.grad, b.grad",
        ],
    },
}
