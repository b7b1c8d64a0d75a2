"""Other answers to 08_no_grad_detach's exercises: "right" ones must pass its full tests
cells (hidden tests included), "wrong" ones must fail (see tests/test_notebooks.py)."""

VARIANTS = {
    "ex1_sgd_step": {
        "right": [
            # sub_ with alpha, zero_() for the gradient
            "def sgd_step(params, lr):\n    with torch.no_grad():\n        for p in params:\n"
            "            p.sub_(p.grad, alpha=lr)\n            p.grad.zero_()",
            # the optimizer does it
            "def sgd_step(params, lr):\n    opt = torch.optim.SGD(params, lr=lr)\n    opt.step()\n    opt.zero_grad()",
            # the decorator, one loop
            "@torch.no_grad()\ndef sgd_step(params, lr):\n    for p in params:\n        p -= lr * p.grad\n        p.grad = None",
            # the old .data spelling (works, the lesson advises against it)
            "def sgd_step(params, lr):\n    for p in params:\n        p.data -= lr * p.grad.data\n        p.grad = None",
        ],
        "wrong": [
            # rebinding the local name: the caller's tensors do not move
            "def sgd_step(params, lr):\n    for p in params:\n        p = (p - lr * p.grad).detach().requires_grad_()",
            # the gradient added
            "def sgd_step(params, lr):\n    with torch.no_grad():\n        for p in params:\n            p += lr * p.grad\n"
            "            p.grad = None",
            # not cleared
            "def sgd_step(params, lr):\n    with torch.no_grad():\n        for p in params:\n            p -= lr * p.grad",
            # recorded: a leaf changed in place while recording
            "def sgd_step(params, lr):\n    for p in params:\n        p -= lr * p.grad\n        p.grad = None",
            # new tensors put into the list
            "def sgd_step(params, lr):\n    for i, p in enumerate(params):\n        with torch.no_grad():\n"
            "            params[i] = (p - lr * p.grad).requires_grad_()",
            # the list returned
            "def sgd_step(params, lr):\n    with torch.no_grad():\n        for p in params:\n            p -= lr * p.grad\n"
            "            p.grad = None\n    return params",
        ],
    },
    "ex2_gated": {
        "right": [
            # the gate computed under no_grad
            "def gated(x):\n    with torch.no_grad():\n        gate = torch.sigmoid(x)\n    return x * gate",
            # the method spelling, detach on the input of the gate
            "def gated(x):\n    return x * x.detach().sigmoid()",
            # the gate by its formula
            "def gated(x):\n    xd = x.detach()\n    return x * (1 / (1 + torch.exp(-xd)))",
            # .data (not forbidden by the text; the lesson advises against it)
            "def gated(x):\n    return x * torch.sigmoid(x).data",
        ],
        "wrong": [
            # no detach: the swish derivative
            "def gated(x):\n    return x * torch.sigmoid(x)",
            # the wrong factor detached
            "def gated(x):\n    return x.detach() * torch.sigmoid(x)",
            # everything detached
            "def gated(x):\n    return (x * torch.sigmoid(x)).detach()",
            # everything under no_grad
            "def gated(x):\n    with torch.no_grad():\n        return x * torch.sigmoid(x)",
            # backward inside
            "def gated(x):\n    z = x * torch.sigmoid(x).detach()\n    z.sum().backward()\n    return z",
            # a value that only looks like the right gradient: sigmoid alone
            "def gated(x):\n    return torch.sigmoid(x)",
        ],
    },
    "ex3_predict": {
        "right": [
            # detach afterwards (the instructions allow it)
            "def predict(w, b, xs):\n    return (xs * w + b).detach()",
            # inference mode
            "def predict(w, b, xs):\n    with torch.inference_mode():\n        return w * xs + b",
            # set_grad_enabled(False) as a block, plain numbers
            "def predict(w, b, xs):\n    with torch.set_grad_enabled(False):\n        out = xs * w.item() + b.item()\n"
            "    return out",
        ],
        "wrong": [
            # recorded
            "def predict(w, b, xs):\n    return xs * w + b",
            # a NumPy array, not a tensor
            "def predict(w, b, xs):\n    with torch.no_grad():\n        return (xs * w + b).numpy()",
            # recording switched off and never on again
            "def predict(w, b, xs):\n    torch.set_grad_enabled(False)\n    return xs * w + b",
            # the parameters frozen instead
            "def predict(w, b, xs):\n    w.requires_grad_(False)\n    b.requires_grad_(False)\n    return xs * w + b",
            # bias forgotten
            "def predict(w, b, xs):\n    with torch.no_grad():\n        return xs * w",
            # a python list
            "def predict(w, b, xs):\n    with torch.no_grad():\n        return (xs * w + b).tolist()",
        ],
    },
}
