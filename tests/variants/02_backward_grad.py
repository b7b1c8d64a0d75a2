"""Other answers to 02_backward_grad's exercises: "right" ones must pass its full tests
cells (hidden tests included), "wrong" ones must fail (see tests/test_notebooks.py)."""

VARIANTS = {
    "ex1_mean_square_grad": {
        "right": [
            "def mean_square_grad(values):\n    x = torch.tensor(values, dtype=torch.float32, requires_grad=True)\n"
            "    out = (3 * (x + 2) ** 2).sum() / x.numel()\n    out.backward()\n    return x.grad",
            "def mean_square_grad(values):\n    x = torch.tensor(values).float().requires_grad_()\n    y = x + 2\n"
            "    z = y * y * 3\n    z.mean().backward()\n    return x.grad",
        ],
        "wrong": [
            "def mean_square_grad(values):\n    return torch.full(np.shape(values), 4.5)",
            "def mean_square_grad(values):\n    x = torch.tensor(values, dtype=torch.float32, requires_grad=True)\n"
            "    (3 * (x + 2) ** 2).sum().backward()\n    return x.grad",
            "def mean_square_grad(values):\n    x = torch.tensor(values, dtype=torch.float32, requires_grad=True)\n"
            "    (3 * (x + 2) ** 2).mean().backward()\n    return x.grad.numpy()",
            "def mean_square_grad(values):\n    x = torch.tensor(values, requires_grad=True)\n"
            "    (3 * (x + 2) ** 2).mean().backward()\n    return x.grad",
            "def mean_square_grad(values):\n    x = torch.tensor(values, dtype=torch.float32, requires_grad=True)\n"
            "    with torch.no_grad():\n        out = (3 * (x + 2) ** 2).mean()\n    out.backward()\n    return x.grad",
        ],
    },
    "ex2_grad_at": {
        "right": [
            "def grad_at(f, x0):\n    w = torch.tensor(x0, dtype=torch.float32, requires_grad=True)\n"
            "    y = f(w)\n    y.backward()\n    return w.grad",
            "def grad_at(f, x0):\n    w = torch.tensor(float(x0)).requires_grad_()\n"
            "    f(w).backward(torch.tensor(1.))\n    return w.grad",
        ],
        "wrong": [
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
        ],
    },
    "ex3_grad_of_square_sum": {
        "right": [
            "def grad_of_square_sum(x):\n    x.grad = None\n    (x * x).sum().backward()",
            "def grad_of_square_sum(x):\n    x.grad.data.zero_()\n    y = (x ** 2).sum()\n"
            "    y.backward(torch.ones_like(y))",
            "def grad_of_square_sum(x):\n    x.grad.zero_()\n    y = x * x\n    y.backward(torch.ones_like(y))\n"
            "    return x.grad",
        ],
        "wrong": [
            "def grad_of_square_sum(x):\n    (x * x).sum().backward()",
            "def grad_of_square_sum(x):\n    (x * x).sum().backward()\n    x.grad.zero_()",
            "def grad_of_square_sum(x):\n    x = x.detach().requires_grad_()\n    (x * x).sum().backward()",
            "def grad_of_square_sum(x):\n    x.grad.zero_()\n    (x * x).sum().backward(torch.tensor(-1.))",
        ],
    },
}
