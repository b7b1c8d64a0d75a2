"""Other answers to 06_grad_accumulation's exercises: "right" ones must pass its full tests
cells (hidden tests included), "wrong" ones must fail (see tests/test_notebooks.py)."""

VARIANTS = {
    "ex1_two_gradients": {
        "right": [
            # x.grad = None between the passes, no clone needed
            "def two_gradients(x):\n    (x ** 2).sum().backward()\n    g1 = x.grad\n    x.grad = None\n"
            "    (x ** 3).sum().backward()\n    g2 = x.grad\n    return g1, g2",
            # torch.autograd.grad leaves .grad alone
            "def two_gradients(x):\n    (g1,) = torch.autograd.grad((x ** 2).sum(), x)\n"
            "    (g2,) = torch.autograd.grad((x ** 3).sum(), [x])\n    return g1, g2",
            # the gradient argument instead of sum(), zero_ guarded by a None check
            "def two_gradients(x):\n    y = x * x\n    y.backward(torch.ones_like(y))\n    g1 = x.grad.clone()\n"
            "    if x.grad is not None:\n        x.grad.zero_()\n    z = x ** 3\n    z.backward(gradient=torch.ones_like(z))\n"
            "    g2 = x.grad.clone()\n    return (g1, g2)",
            # subtracting the first gradient back out (accumulation understood, still two passes)
            "def two_gradients(x):\n    (x ** 2).sum().backward()\n    g1 = x.grad.clone()\n"
            "    (x ** 3).sum().backward()\n    g2 = x.grad - g1\n    return g1, g2",
        ],
        "wrong": [
            # not cleared: g2 holds 2x + 3x^2
            "def two_gradients(x):\n    (x ** 2).sum().backward()\n    g1 = x.grad.clone()\n"
            "    (x ** 3).sum().backward()\n    g2 = x.grad.clone()\n    return g1, g2",
            # zero_() on an alias: g1 becomes g2
            "def two_gradients(x):\n    (x ** 2).sum().backward()\n    g1 = x.grad\n    x.grad.zero_()\n"
            "    (x ** 3).sum().backward()\n    g2 = x.grad\n    return g1, g2",
            # the formulas, no backward
            "def two_gradients(x):\n    with torch.no_grad():\n        return 2 * x, 3 * x ** 2",
            # formulas written into .grad by hand
            "def two_gradients(x):\n    with torch.no_grad():\n        x.grad = 2 * x\n        g1 = x.grad.clone()\n"
            "        x.grad = 3 * x ** 2\n        g2 = x.grad.clone()\n    return g1, g2",
            # one pass for g1, g2 derived from it by a formula
            "def two_gradients(x):\n    (x ** 2).sum().backward()\n    g1 = x.grad.clone()\n"
            "    g2 = 0.75 * g1 * g1\n    return g1, g2",
            # the two functions swapped
            "def two_gradients(x):\n    (x ** 3).sum().backward()\n    g2 = x.grad.clone()\n    x.grad = None\n"
            "    (x ** 2).sum().backward()\n    g1 = x.grad.clone()\n    return g2, g1",
        ],
    },
    "ex2_train": {
        "right": [
            # the modern update: no_grad and grad = None
            "def train(w, x_data, y_data, lr=0.01, epochs=10):\n    losses = []\n    for _ in range(epochs):\n"
            "        for x, y in zip(x_data, y_data):\n            l = (x * w - y) ** 2\n            l.backward()\n"
            "            with torch.no_grad():\n                w -= lr * w.grad\n            w.grad = None\n"
            "            losses.append(l.item())\n    return losses",
            # torch.optim.SGD with zero_grad() before each backward
            "def train(w, x_data, y_data, lr=0.01, epochs=10):\n    opt = torch.optim.SGD([w], lr=lr)\n    losses = []\n"
            "    for _ in range(epochs):\n        for x, y in zip(x_data, y_data):\n            opt.zero_grad()\n"
            "            loss = (x * w - y) ** 2\n            loss.backward()\n            opt.step()\n"
            "            losses.append(float(loss.item()))\n    return losses",
            # sub_ in place, zero_() guarded
            "def train(w, x_data, y_data, lr=0.01, epochs=10):\n    losses = []\n    for epoch in range(epochs):\n"
            "        for i in range(len(x_data)):\n            if w.grad is not None:\n                w.grad.zero_()\n"
            "            l = (w * x_data[i] - y_data[i]) ** 2\n            l.backward()\n"
            "            with torch.no_grad():\n                w.sub_(lr * w.grad)\n            losses.append(l.item())\n"
            "    return losses",
        ],
        "wrong": [
            # zero_() forgotten
            "def train(w, x_data, y_data, lr=0.01, epochs=10):\n    losses = []\n    for _ in range(epochs):\n"
            "        for x, y in zip(x_data, y_data):\n            l = (x * w - y) ** 2\n            l.backward()\n"
            "            w.data = w.data - lr * w.grad.data\n            losses.append(l.item())\n    return losses",
            # the gradient by hand: no backward at all
            "def train(w, x_data, y_data, lr=0.01, epochs=10):\n    losses = []\n    for _ in range(epochs):\n"
            "        for x, y in zip(x_data, y_data):\n            with torch.no_grad():\n"
            "                l = (x * w - y) ** 2\n                w -= lr * 2 * x * (x * w - y)\n"
            "            losses.append(l.item())\n    return losses",
            # cleared once an epoch only
            "def train(w, x_data, y_data, lr=0.01, epochs=10):\n    losses = []\n    for _ in range(epochs):\n"
            "        w.grad = None\n        for x, y in zip(x_data, y_data):\n            l = (x * w - y) ** 2\n"
            "            l.backward()\n            with torch.no_grad():\n                w -= lr * w.grad\n"
            "            losses.append(l.item())\n    return losses",
            # the gradient added, not subtracted
            "def train(w, x_data, y_data, lr=0.01, epochs=10):\n    losses = []\n    for _ in range(epochs):\n"
            "        for x, y in zip(x_data, y_data):\n            l = (x * w - y) ** 2\n            l.backward()\n"
            "            with torch.no_grad():\n                w += lr * w.grad\n            w.grad = None\n"
            "            losses.append(l.item())\n    return losses",
            # loss tensors kept in the list
            "def train(w, x_data, y_data, lr=0.01, epochs=10):\n    losses = []\n    for _ in range(epochs):\n"
            "        for x, y in zip(x_data, y_data):\n            l = (x * w - y) ** 2\n            l.backward()\n"
            "            with torch.no_grad():\n                w -= lr * w.grad\n            w.grad = None\n"
            "            losses.append(l)\n    return losses",
            # one update an epoch from the summed gradient (batch descent, not per sample)
            "def train(w, x_data, y_data, lr=0.01, epochs=10):\n    losses = []\n    for _ in range(epochs):\n"
            "        w.grad = None\n        for x, y in zip(x_data, y_data):\n            l = (x * w - y) ** 2\n"
            "            l.backward()\n            losses.append(l.item())\n        with torch.no_grad():\n"
            "            w -= lr * w.grad\n    return losses",
            # a new w every step: the given w never moves
            "def train(w, x_data, y_data, lr=0.01, epochs=10):\n    losses = []\n    for _ in range(epochs):\n"
            "        for x, y in zip(x_data, y_data):\n            l = (x * w - y) ** 2\n            l.backward()\n"
            "            w = (w - lr * w.grad).detach().requires_grad_()\n            losses.append(l.item())\n"
            "    return losses",
        ],
    },
    "ex3_accumulated_grad": {
        "right": [
            # zero_() when a gradient is there, zip over the rows
            "def accumulated_grad(w, xs, ys):\n    if w.grad is not None:\n        w.grad.zero_()\n    n = len(ys)\n"
            "    for x_i, y_i in zip(xs, ys):\n        (((x_i * w).sum() - y_i) ** 2 / n).backward()\n    return w.grad",
            # matmul per row, a clone returned
            "def accumulated_grad(w, xs, ys):\n    w.grad = None\n    n = ys.shape[0]\n    for i in range(n):\n"
            "        loss = ((xs[i] @ w - ys[i]) ** 2) / n\n        loss.backward()\n    return w.grad.clone()",
            # torch.autograd.backward per sample, the mean taken through a factor
            "def accumulated_grad(w, xs, ys):\n    w.grad = None\n    n = len(xs)\n    for i in range(n):\n"
            "        torch.autograd.backward((torch.dot(xs[i], w) - ys[i]) ** 2 * (1.0 / n))\n    return w.grad",
        ],
        "wrong": [
            # the closed form, no backward
            "def accumulated_grad(w, xs, ys):\n    with torch.no_grad():\n        return 2.0 / len(ys) * (xs.T @ (xs @ w - ys))",
            # one batched backward: right value, no accumulation
            "def accumulated_grad(w, xs, ys):\n    w.grad = None\n    ((xs @ w - ys) ** 2).mean().backward()\n    return w.grad",
            # the old gradient never cleared
            "def accumulated_grad(w, xs, ys):\n    n = len(ys)\n    for i in range(n):\n"
            "        ((xs[i] @ w - ys[i]) ** 2 / n).backward()\n    return w.grad",
            # cleared before every sample: only the last one is left
            "def accumulated_grad(w, xs, ys):\n    n = len(ys)\n    for i in range(n):\n        w.grad = None\n"
            "        ((xs[i] @ w - ys[i]) ** 2 / n).backward()\n    return w.grad",
            # the sum, not the mean
            "def accumulated_grad(w, xs, ys):\n    w.grad = None\n    for i in range(len(ys)):\n"
            "        ((xs[i] @ w - ys[i]) ** 2).backward()\n    return w.grad",
            # per-sample autograd.grad summed by hand: n passes, but nothing gathered in w.grad
            "def accumulated_grad(w, xs, ys):\n    n = len(ys)\n    total = torch.zeros_like(w)\n    for i in range(n):\n"
            "        (g,) = torch.autograd.grad((xs[i] @ w - ys[i]) ** 2 / n, w)\n        total = total + g\n    return total",
            # off by one: the last sample left out
            "def accumulated_grad(w, xs, ys):\n    w.grad = None\n    n = len(ys)\n    for i in range(n - 1):\n"
            "        ((xs[i] @ w - ys[i]) ** 2 / n).backward()\n    return w.grad",
            # accumulation done, then w updated
            "def accumulated_grad(w, xs, ys):\n    w.grad = None\n    n = len(ys)\n    for i in range(n):\n"
            "        ((xs[i] @ w - ys[i]) ** 2 / n).backward()\n    with torch.no_grad():\n        w -= 0.1 * w.grad\n"
            "    return w.grad",
        ],
    },
}
