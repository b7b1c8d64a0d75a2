"""Other answers to 04_chain_rule's exercises: "right" ones must pass its full tests
cells (hidden tests included), "wrong" ones must fail (see tests/test_notebooks.py)."""

VARIANTS = {
    "ex1_mul_backward": {
        "right": [
            "def mul_backward(x, y, upstream):\n    x_ = torch.tensor(float(x), requires_grad=True)\n"
            "    y_ = torch.tensor(float(y), requires_grad=True)\n"
            "    (x_ * y_).backward(torch.tensor(float(upstream)))\n    return (x_.grad, y_.grad)",
        ],
        "wrong": [
            "def mul_backward(x, y, upstream):\n    return upstream * x, upstream * y",
            "def mul_backward(x, y, upstream):\n    return y, x",
            "def mul_backward(x, y, upstream):\n    return 15.0, 10.0",
        ],
    },
    "ex2_linear_grad": {
        "right": [
            "def linear_grad(x, y, w):\n    w = torch.tensor(w, dtype=torch.float32, requires_grad=True)\n"
            "    y_hat = x * w\n    s = y_hat - y\n    loss = s ** 2\n    loss.backward()\n    return w.grad",
        ],
        "wrong": [
            "def linear_grad(x, y, w):\n    w = torch.tensor(float(w), requires_grad=True)\n"
            "    ((x * w - y) ** 2).backward()\n    return w.grad.item()",
            "_w = {}\ndef linear_grad(x, y, w):\n    w = _w.setdefault(w, torch.tensor(float(w), requires_grad=True))\n"
            "    ((x * w - y) ** 2).backward()\n    return w.grad",
            "def linear_grad(x, y, w):\n    w = torch.tensor(float(w), requires_grad=True)\n"
            "    ((y - x * w) ** 2).backward()\n    return -w.grad",
            "def linear_grad(x, y, w):\n    w = torch.tensor(w, requires_grad=True)\n"
            "    ((x * w - y) ** 2).backward()\n    return w.grad",
            "def linear_grad(x, y, w):\n    return torch.tensor(-2.0 if x == 1 else -8.0)",
        ],
    },
    "ex3_linear_grads_with_bias": {
        "right": [
            "def linear_grads_with_bias(x, y, w, b):\n    w = torch.tensor(float(w)).requires_grad_()\n"
            "    b = torch.tensor(float(b)).requires_grad_()\n    loss = (w * x + b - y) ** 2\n"
            "    loss.backward()\n    return (w.grad, b.grad)",
        ],
        "wrong": [
            "def linear_grads_with_bias(x, y, w, b):\n    w = torch.tensor(float(w), requires_grad=True)\n"
            "    b = torch.tensor(float(b))\n    ((x * w + b - y) ** 2).backward()\n    return w.grad, b.grad",
            "def linear_grads_with_bias(x, y, w, b):\n    w = torch.tensor(float(w), requires_grad=True)\n"
            "    b = torch.tensor(float(b), requires_grad=True)\n    ((x * w - y) ** 2 + b).backward()\n"
            "    return w.grad, b.grad",
            "def linear_grads_with_bias(x, y, w, b):\n    w = torch.tensor(float(w), requires_grad=True)\n"
            "    b = torch.tensor(float(b), requires_grad=True)\n    ((x * w + b - y) ** 2).backward()\n"
            "    return w.grad.item(), b.grad.item()",
        ],
    },
}
