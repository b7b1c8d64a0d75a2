"""Other answers to 10_logistic_regression's exercises: "right" ones must pass its full
tests cells (hidden tests included), "wrong" ones must fail (see tests/test_notebooks.py).

They run one after another in the kernel of the executed lesson, so each answer
defines only what the exercise asks for (never bce, LogisticLoss, torch or the helpers)."""

_SIGMOID_HEAD = "class Sigmoid(torch.autograd.Function):\n    @staticmethod\n"


def _sigmoid(forward, backward):
    return (_SIGMOID_HEAD + "    def forward(ctx, x):\n" + forward
            + "\n    @staticmethod\n    def backward(ctx, grad):\n" + backward)


_SAVE_OUT = "        out = 1 / (1 + torch.exp(-x))\n        ctx.save_for_backward(out)\n        return out\n"

_TRAIN_HEAD = "def train_lr(w, b, x, y, lr, epochs):\n    losses = []\n"

VARIANTS = {
    "ex1_sigmoid_function": {
        "right": [
            # the input saved, the sigmoid computed again in backward
            _sigmoid("        ctx.save_for_backward(x)\n        return torch.sigmoid(x)\n",
                     "        (x,) = ctx.saved_tensors\n        s = torch.sigmoid(x)\n        return grad * s * (1 - s)\n"),
            # torch.sigmoid in forward, y - y² in backward
            _sigmoid("        out = torch.sigmoid(x)\n        ctx.save_for_backward(out)\n        return out\n",
                     "        out, = ctx.saved_tensors\n        return grad * (out - out * out)\n"),
            # method chaining, and exp(x) / (1 + exp(x))
            _sigmoid("        out = torch.exp(x) / (1 + torch.exp(x))\n        ctx.save_for_backward(out)\n        return out\n",
                     "        out = ctx.saved_tensors[0]\n        return out.mul(1 - out).mul(grad)\n"),
        ],
        "wrong": [
            # the upstream gradient forgotten
            _sigmoid(_SAVE_OUT, "        (out,) = ctx.saved_tensors\n        return out * (1 - out)\n"),
            # the factor (1 - σ) forgotten
            _sigmoid(_SAVE_OUT, "        (out,) = ctx.saved_tensors\n        return grad * out\n"),
            # σ'(x) written with x instead of σ(x)
            _sigmoid("        ctx.save_for_backward(x)\n        return 1 / (1 + torch.exp(-x))\n",
                     "        (x,) = ctx.saved_tensors\n        return grad * x * (1 - x)\n"),
            # two gradients for one input
            _sigmoid(_SAVE_OUT, "        (out,) = ctx.saved_tensors\n        return grad * out * (1 - out), None\n"),
            # a wrong forward: e^(-x) / (1 + e^(-x)) is σ(-x)
            _sigmoid("        out = torch.exp(-x) / (1 + torch.exp(-x))\n        ctx.save_for_backward(out)\n        return out\n",
                     "        (out,) = ctx.saved_tensors\n        return grad * out * (1 - out)\n"),
            # a sign slip in σ'
            _sigmoid(_SAVE_OUT, "        (out,) = ctx.saved_tensors\n        return grad * out * (out - 1)\n"),
            # backward leaves the derivative to autograd (torch.autograd.grad inside backward)
            _sigmoid("        ctx.save_for_backward(x)\n        return torch.sigmoid(x)\n",
                     "        (x,) = ctx.saved_tensors\n        with torch.enable_grad():\n"
                     "            xx = x.detach().requires_grad_()\n"
                     "            (g,) = torch.autograd.grad(torch.sigmoid(xx), xx, grad)\n        return g\n"),
            # the same with an inner backward()
            _sigmoid("        ctx.save_for_backward(x)\n        return torch.sigmoid(x)\n",
                     "        (x,) = ctx.saved_tensors\n        with torch.enable_grad():\n"
                     "            xx = x.detach().requires_grad_()\n            torch.sigmoid(xx).backward(grad)\n"
                     "        return xx.grad\n"),
            # not a Function at all: a module-like class whose backward nobody calls
            "class Sigmoid:\n    @staticmethod\n    def apply(x):\n        return torch.sigmoid(x)\n",
        ],
    },
    "ex2_autograd_grads": {
        "right": [
            # zero_() when a gradient is there
            "def autograd_grads(w, b, x, y):\n    for p in (w, b):\n        if p.grad is not None:\n"
            "            p.grad.zero_()\n    loss = bce(torch.sigmoid(w.T @ x + b), y)\n    loss.backward()\n"
            "    return w.grad, b.grad",
            # nn.BCELoss
            "def autograd_grads(w, b, x, y):\n    w.grad, b.grad = None, None\n"
            "    nn.BCELoss()(torch.sigmoid(torch.mm(w.T, x) + b), y).backward()\n    return (w.grad, b.grad)",
            # nn.BCEWithLogitsLoss on z (the sigmoid inside the loss)
            "def autograd_grads(w, b, x, y):\n    w.grad = None\n    b.grad = None\n"
            "    nn.BCEWithLogitsLoss()(torch.mm(w.T, x) + b, y).backward()\n    return w.grad, b.grad",
            # the lesson's LogisticLoss Function
            "def autograd_grads(w, b, x, y):\n    w.grad = None\n    b.grad = None\n"
            "    LogisticLoss.apply(x, y, w, b).backward()\n    return w.grad, b.grad",
            # torch.autograd.grad (no .grad to clear at all)
            "def autograd_grads(w, b, x, y):\n    loss = bce(torch.sigmoid(torch.mm(w.T, x) + b), y)\n"
            "    return tuple(torch.autograd.grad(loss, (w, b)))",
        ],
        "wrong": [
            # the old gradients are kept
            "def autograd_grads(w, b, x, y):\n    bce(torch.sigmoid(torch.mm(w.T, x) + b), y).backward()\n    return w.grad, b.grad",
            # sum over samples instead of the mean
            "def autograd_grads(w, b, x, y):\n    w.grad = b.grad = None\n    yhat = torch.sigmoid(torch.mm(w.T, x) + b)\n"
            "    (-(y * torch.log(yhat) + (1 - y) * torch.log(1 - yhat))).sum().backward()\n    return w.grad, b.grad",
            # the formula of the lesson, written into .grad by hand
            "def autograd_grads(w, b, x, y):\n    with torch.no_grad():\n        yhat = torch.sigmoid(torch.mm(w.T, x) + b)\n"
            "        w.grad = torch.mm(x, (yhat - y).T) / x.shape[1]\n        b.grad = torch.sum(yhat - y) / x.shape[1]\n"
            "    return w.grad, b.grad",
            # b forgotten in the forward pass
            "def autograd_grads(w, b, x, y):\n    w.grad = b.grad = None\n    bce(torch.sigmoid(torch.mm(w.T, x)), y).backward()\n"
            "    return w.grad, b.grad",
            # the sign of the loss flipped
            "def autograd_grads(w, b, x, y):\n    w.grad = b.grad = None\n    yhat = torch.sigmoid(torch.mm(w.T, x) + b)\n"
            "    (y * torch.log(yhat) + (1 - y) * torch.log(1 - yhat)).mean().backward()\n    return w.grad, b.grad",
            # zero_() on a gradient that may be None
            "def autograd_grads(w, b, x, y):\n    w.grad.zero_()\n    b.grad.zero_()\n"
            "    bce(torch.sigmoid(torch.mm(w.T, x) + b), y).backward()\n    return w.grad, b.grad",
            # two backward passes (the loss built twice)
            "def autograd_grads(w, b, x, y):\n    w.grad = b.grad = None\n    for _ in range(2):\n"
            "        bce(torch.sigmoid(torch.mm(w.T, x) + b), y).backward()\n"
            "    return w.grad / 2, b.grad / 2",
        ],
    },
    "ex3_train_lr": {
        "right": [
            # nn.BCEWithLogitsLoss and optim.SGD
            _TRAIN_HEAD + "    optimizer = optim.SGD([w, b], lr=lr)\n    loss_fn = nn.BCEWithLogitsLoss()\n"
            "    for _ in range(epochs):\n        loss = loss_fn(w.T @ x + b, y)\n        optimizer.zero_grad()\n"
            "        loss.backward()\n        optimizer.step()\n        losses.append(loss.item())\n    return losses",
            # optim.SGD
            _TRAIN_HEAD + "    optimizer = optim.SGD([w, b], lr=lr)\n    for _ in range(epochs):\n"
            "        loss = bce(torch.sigmoid(torch.mm(w.T, x) + b), y)\n        optimizer.zero_grad()\n"
            "        loss.backward()\n        optimizer.step()\n        losses.append(loss.item())\n    return losses",
            # sub_ and grad = None, float(loss)
            _TRAIN_HEAD + "    for _ in range(epochs):\n        loss = bce(torch.sigmoid(w.T @ x + b), y)\n"
            "        loss.backward()\n        with torch.no_grad():\n            w.sub_(lr * w.grad)\n"
            "            b.sub_(lr * b.grad)\n        w.grad = None\n        b.grad = None\n"
            "        losses.append(float(loss))\n    return losses",
            # the lesson's LogisticLoss Function, the gradients cleared first
            _TRAIN_HEAD + "    for _ in range(epochs):\n        for p in (w, b):\n            if p.grad is not None:\n"
            "                p.grad.zero_()\n        loss = LogisticLoss.apply(x, y, w, b)\n        loss.backward()\n"
            "        with torch.no_grad():\n            for p in (w, b):\n                p -= lr * p.grad\n"
            "        losses.append(loss.item())\n    return losses",
            # nn.BCELoss
            _TRAIN_HEAD + "    criterion = nn.BCELoss()\n    for _ in range(epochs):\n"
            "        loss = criterion(torch.sigmoid(torch.mm(w.T, x) + b), y)\n        losses.append(loss.item())\n"
            "        loss.backward()\n        with torch.no_grad():\n            w -= lr * w.grad\n            b -= lr * b.grad\n"
            "            w.grad.zero_()\n            b.grad.zero_()\n    return losses",
        ],
        "wrong": [
            # the gradients are never cleared
            _TRAIN_HEAD + "    for _ in range(epochs):\n        loss = bce(torch.sigmoid(torch.mm(w.T, x) + b), y)\n"
            "        loss.backward()\n        with torch.no_grad():\n            w -= lr * w.grad\n            b -= lr * b.grad\n"
            "        losses.append(loss.item())\n    return losses",
            # the formula by hand under no_grad: no backward pass reaches w
            _TRAIN_HEAD + "    m = x.shape[1]\n    for _ in range(epochs):\n        with torch.no_grad():\n"
            "            yhat = torch.sigmoid(torch.mm(w.T, x) + b)\n            losses.append(bce(yhat, y).item())\n"
            "            w -= lr * torch.mm(x, (yhat - y).T) / m\n            b -= lr * torch.sum(yhat - y) / m\n"
            "    return losses",
            # new tensors instead of an in-place update
            _TRAIN_HEAD + "    for _ in range(epochs):\n        loss = bce(torch.sigmoid(torch.mm(w.T, x) + b), y)\n"
            "        loss.backward()\n        w = (w - lr * w.grad).detach().requires_grad_()\n"
            "        b = (b - lr * b.grad).detach().requires_grad_()\n        losses.append(loss.item())\n    return losses",
            # the loss recorded after the update
            _TRAIN_HEAD + "    for _ in range(epochs):\n        loss = bce(torch.sigmoid(torch.mm(w.T, x) + b), y)\n"
            "        loss.backward()\n        with torch.no_grad():\n            w -= lr * w.grad\n            b -= lr * b.grad\n"
            "        w.grad = b.grad = None\n        with torch.no_grad():\n"
            "            losses.append(bce(torch.sigmoid(torch.mm(w.T, x) + b), y).item())\n    return losses",
            # the sign of the step: gradient ascent
            _TRAIN_HEAD + "    for _ in range(epochs):\n        loss = bce(torch.sigmoid(torch.mm(w.T, x) + b), y)\n"
            "        loss.backward()\n        with torch.no_grad():\n            w += lr * w.grad\n            b += lr * b.grad\n"
            "        w.grad = b.grad = None\n        losses.append(loss.item())\n    return losses",
            # the losses kept as tensors
            _TRAIN_HEAD + "    for _ in range(epochs):\n        loss = bce(torch.sigmoid(torch.mm(w.T, x) + b), y)\n"
            "        loss.backward()\n        with torch.no_grad():\n            w -= lr * w.grad\n            b -= lr * b.grad\n"
            "        w.grad = b.grad = None\n        losses.append(loss.detach())\n    return losses",
            # one epoch short
            _TRAIN_HEAD + "    for _ in range(1, epochs):\n        loss = bce(torch.sigmoid(torch.mm(w.T, x) + b), y)\n"
            "        loss.backward()\n        with torch.no_grad():\n            w -= lr * w.grad\n            b -= lr * b.grad\n"
            "        w.grad = b.grad = None\n        losses.append(loss.item())\n    return losses",
            # sum over samples instead of the mean
            _TRAIN_HEAD + "    for _ in range(epochs):\n        yhat = torch.sigmoid(torch.mm(w.T, x) + b)\n"
            "        loss = -(y * torch.log(yhat) + (1 - y) * torch.log(1 - yhat)).sum()\n        loss.backward()\n"
            "        with torch.no_grad():\n            w -= lr * w.grad\n            b -= lr * b.grad\n"
            "        w.grad = b.grad = None\n        losses.append(loss.item())\n    return losses",
        ],
    },
}
