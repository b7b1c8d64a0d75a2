"""Other answers to 02_backward_grad's exercises: "right" ones must pass its full tests
cells (hidden tests included), "wrong" ones must fail (see tests/test_notebooks.py)."""

_UNSOLVED = "# 여기에 코드를 작성하세요\nraise NotImplementedError()"

VARIANTS = {
    "ex1_numerical_grad": {
        "right": [
            # a flat copy moved in place, one element at a time
            "def numerical_grad(f, x, eps):\n    flat = x.reshape(-1)\n    out = []\n    for i in range(x.numel()):\n"
            "        plus = flat.clone()\n        minus = flat.clone()\n        plus[i] += eps\n        minus[i] -= eps\n"
            "        out.append((f(plus.reshape(x.shape)) - f(minus.reshape(x.shape))).item() / (2 * eps))\n"
            "    return torch.tensor(out, dtype=torch.float64).reshape(x.shape)",
            # rows of an identity matrix as the directions
            "def numerical_grad(f, x, eps):\n    n = x.numel()\n    E = torch.eye(n, dtype=torch.float64) * eps\n"
            "    g = torch.zeros(n, dtype=torch.float64)\n    for i in range(n):\n        e = E[i].reshape(x.shape)\n"
            "        g[i] = (f(x + e) - f(x - e)) / (2 * eps)\n    return g.reshape(x.shape)",
            # NumPy for the bookkeeping, f still called with tensors
            "def numerical_grad(f, x, eps):\n    a = x.numpy()\n    g = np.zeros(a.shape)\n"
            "    for idx in np.ndindex(a.shape):\n        e = np.zeros(a.shape)\n        e[idx] = eps\n"
            "        hi = f(torch.tensor(a + e, dtype=torch.float64)).item()\n"
            "        lo = f(torch.tensor(a - e, dtype=torch.float64)).item()\n        g[idx] = (hi - lo) / (2 * eps)\n"
            "    return torch.tensor(g, dtype=torch.float64)",
            # x moved in place and put back
            "def numerical_grad(f, x, eps):\n    flat = x.view(-1)\n    out = torch.zeros_like(flat)\n"
            "    for i in range(flat.numel()):\n        old = flat[i].item()\n        flat[i] = old + eps\n        hi = f(x).item()\n"
            "        flat[i] = old - eps\n        lo = f(x).item()\n        flat[i] = old\n        out[i] = (hi - lo) / (2 * eps)\n"
            "    return out.reshape(x.shape)",
        ],
        "wrong": [
            _UNSOLVED,
            # autograd where the difference was asked: fails under no_grad
            "def numerical_grad(f, x, eps):\n    x = x.clone().requires_grad_()\n    f(x).backward()\n    return x.grad",
            # autograd with grad mode switched back on: the true gradient, not the difference
            "def numerical_grad(f, x, eps):\n    with torch.enable_grad():\n        x = x.clone().requires_grad_()\n"
            "        f(x).backward()\n    return x.grad",
            # forward difference
            "def numerical_grad(f, x, eps):\n    n = x.numel()\n    out = []\n    for i in range(n):\n"
            "        e = torch.zeros(n, dtype=torch.float64)\n        e[i] = eps\n        e = e.reshape(x.shape)\n"
            "        out.append(((f(x + e) - f(x)) / eps).item())\n    return torch.tensor(out, dtype=torch.float64).reshape(x.shape)",
            # divided by eps instead of 2 * eps
            "def numerical_grad(f, x, eps):\n    n = x.numel()\n    out = []\n    for i in range(n):\n"
            "        e = torch.zeros(n, dtype=torch.float64)\n        e[i] = eps\n        e = e.reshape(x.shape)\n"
            "        out.append(((f(x + e) - f(x - e)) / eps).item())\n    return torch.tensor(out, dtype=torch.float64).reshape(x.shape)",
            # float32 result
            "def numerical_grad(f, x, eps):\n    n = x.numel()\n    out = []\n    for i in range(n):\n"
            "        e = torch.zeros(n, dtype=torch.float64)\n        e[i] = eps\n        e = e.reshape(x.shape)\n"
            "        out.append(((f(x + e) - f(x - e)) / (2 * eps)).item())\n    return torch.tensor(out).reshape(x.shape)",
            # x read as a vector: len() and x[i]
            "def numerical_grad(f, x, eps):\n    out = []\n    for i in range(len(x)):\n"
            "        e = torch.zeros(len(x), dtype=torch.float64)\n        e[i] = eps\n"
            "        out.append(((f(x + e) - f(x - e)) / (2 * eps)).item())\n    return torch.tensor(out, dtype=torch.float64)",
            # all elements moved at once
            "def numerical_grad(f, x, eps):\n    d = ((f(x + eps) - f(x - eps)) / (2 * eps)).item()\n"
            "    return torch.full(x.shape, d, dtype=torch.float64)",
            # x moved in place and never put back
            "def numerical_grad(f, x, eps):\n    flat = x.view(-1)\n    out = torch.zeros_like(flat)\n"
            "    for i in range(flat.numel()):\n        flat[i] += eps\n        hi = f(x).item()\n        flat[i] -= 2 * eps\n"
            "        lo = f(x).item()\n        out[i] = (hi - lo) / (2 * eps)\n    return out.reshape(x.shape)",
        ],
    },
    "ex2_grad_at": {
        "right": [
            "def grad_at(f, x0):\n    w = torch.tensor(x0, dtype=torch.float32, requires_grad=True)\n"
            "    y = f(w)\n    y.backward()\n    return w.grad",
            "def grad_at(f, x0):\n    w = torch.tensor(float(x0)).requires_grad_()\n"
            "    f(w).backward(torch.tensor(1.))\n    return w.grad",
            "def grad_at(f, x0):\n    w = torch.tensor(float(x0), requires_grad=True)\n"
            "    (g,) = torch.autograd.grad(f(w), w)\n    return g",
            "def grad_at(f, x0):\n    w = torch.tensor(x0, dtype=torch.float64, requires_grad=True)\n    f(w).backward()\n"
            "    return w.grad",
        ],
        "wrong": [
            _UNSOLVED,
            "def grad_at(f, x0):\n    w = torch.tensor(float(x0), requires_grad=True)\n    f(w).backward()\n"
            "    return w.grad.item()",
            "_cache = {}\ndef grad_at(f, x0):\n    w = _cache.setdefault(x0, torch.tensor(float(x0), requires_grad=True))\n"
            "    f(w).backward()\n    return w.grad",
            "def grad_at(f, x0):\n    w = torch.tensor(float(x0), requires_grad=True)\n    f(w).backward()\n"
            "    return -w.grad",
            "def grad_at(f, x0):\n    w = torch.tensor(x0, requires_grad=True)\n    f(w).backward()\n    return w.grad",
            "def grad_at(f, x0):\n    w = torch.tensor(float(x0), requires_grad=True)\n"
            "    with torch.no_grad():\n        y = f(w)\n    y.backward()\n    return w.grad",
            "def grad_at(f, x0):\n    return torch.tensor(40.0)",
            # a central difference (exercise 1's tool), on tensors
            "def grad_at(f, x0):\n    h = 1e-3\n    x = torch.tensor(float(x0), dtype=torch.float64)\n"
            "    return ((f(x + h) - f(x - h)) / (2 * h)).float()",
            # a central difference on tracked tensors: f sees tensors that require grad, but no backward
            "def grad_at(f, x0):\n    h = 1e-2\n    w = torch.tensor(float(x0), dtype=torch.float64, requires_grad=True)\n"
            "    with torch.no_grad():\n        pass\n    d = (f(w + h) - f(w - h)) / (2 * h)\n    return d.detach().float()",
            # a difference on Python floats, wrapped as a tensor
            "def grad_at(f, x0):\n    h = 1e-4\n    return torch.tensor((float(f(torch.tensor(x0 + h))) - float(f(torch.tensor(x0 - h)))) / (2 * h))",
        ],
    },
    "ex3_grad_of_square_sum": {
        "right": [
            "def grad_of_square_sum(x):\n    x.grad = None\n    (x * x).sum().backward()",
            "def grad_of_square_sum(x):\n    x.grad.data.zero_()\n    y = (x ** 2).sum()\n"
            "    y.backward(torch.ones_like(y))",
            "def grad_of_square_sum(x):\n    x.grad.zero_()\n    y = x * x\n    y.backward(torch.ones_like(y))\n"
            "    return x.grad",
            "def grad_of_square_sum(x):\n    x.grad = torch.autograd.grad((x * x).sum(), x)[0]",
        ],
        "wrong": [
            _UNSOLVED,
            "def grad_of_square_sum(x):\n    (x * x).sum().backward()",
            "def grad_of_square_sum(x):\n    (x * x).sum().backward()\n    x.grad.zero_()",
            "def grad_of_square_sum(x):\n    x = x.detach().requires_grad_()\n    (x * x).sum().backward()",
            "def grad_of_square_sum(x):\n    x.grad.zero_()\n    (x * x).sum().backward(torch.tensor(-1.))",
            # the right numbers, written by hand
            "def grad_of_square_sum(x):\n    x.grad = 2 * x.detach()",
            "def grad_of_square_sum(x):\n    x.grad.zero_()\n    x.grad += 2 * x.detach()",
            "def grad_of_square_sum(x):\n    with torch.no_grad():\n        x.grad.copy_(2 * x)",
            # two passes: 4x
            "def grad_of_square_sum(x):\n    x.grad.zero_()\n    for _ in range(2):\n        (x * x).sum().backward()",
            # x read as a vector: fails for a matrix and a 0-d tensor
            "def grad_of_square_sum(x):\n    x.grad.zero_()\n    sum(x[i] * x[i] for i in range(len(x))).backward()",
        ],
    },
}
