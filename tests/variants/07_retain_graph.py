"""Other answers to 07_retain_graph's exercises: "right" ones must pass its full tests
cells (hidden tests included), "wrong" ones must fail (see tests/test_notebooks.py)."""

VARIANTS = {
    "ex1_second_backward": {
        "right": [
            # both calls inside the try
            "def second_backward(y):\n    try:\n        y.backward()\n        y.backward()\n"
            "    except RuntimeError as e:\n        return e\n    return None",
            # try/except/else, an explicit starting gradient
            "def second_backward(y):\n    y.backward(torch.ones_like(y))\n    try:\n        y.backward(torch.tensor(1.0))\n"
            "    except RuntimeError as err:\n        result = err\n    else:\n        result = None\n    return result",
            # a broader except, still returning the RuntimeError object; retain_graph=False spelled out
            "def second_backward(y):\n    y.backward(retain_graph=False)\n    error = None\n    try:\n"
            "        y.backward()\n    except Exception as e:\n        error = e\n    return error",
        ],
        "wrong": [
            # retain_graph=True on the first call: the second one never fails
            "def second_backward(y):\n    y.backward(retain_graph=True)\n    try:\n        y.backward()\n"
            "    except RuntimeError as err:\n        return err\n    return None",
            # the message as a string
            "def second_backward(y):\n    y.backward()\n    try:\n        y.backward()\n"
            "    except RuntimeError as err:\n        return str(err)\n    return None",
            # an error made by hand, no second backward at all
            "def second_backward(y):\n    y.backward()\n    return RuntimeError('Trying to backward through the graph a second "
            "time. Specify retain_graph=True if you need to backward through the graph a second time')",
            # the error is not caught
            "def second_backward(y):\n    y.backward()\n    y.backward()\n    return None",
            # only one backward, None always
            "def second_backward(y):\n    y.backward()\n    return None",
            # 'predicts' from the node name instead of trying (wrong for sums and for x * 2)
            "def second_backward(y):\n    y.backward()\n    if type(y.grad_fn).__name__ == 'SumBackward0':\n        return None\n"
            "    try:\n        y.backward()\n    except RuntimeError as err:\n        return err",
        ],
    },
    "ex2_accumulate_with_retain": {
        "right": [
            # a list comprehension-free while loop, detach().clone()
            "def accumulate_with_retain(y, x, times):\n    out = []\n    k = 0\n    while k < times:\n"
            "        y.backward(retain_graph=True)\n        out.append(x.grad.detach().clone())\n        k += 1\n    return out",
            # the last call frees the graph (allowed: the text only asks for times backward passes)
            "def accumulate_with_retain(y, x, times):\n    grads = []\n    for k in range(times):\n"
            "        y.backward(retain_graph=(k < times - 1))\n        grads.append(x.grad.clone())\n    return grads",
            # a list comprehension with a helper
            "def accumulate_with_retain(y, x, times):\n    def once():\n        y.backward(torch.tensor(1.0), retain_graph=True)\n"
            "        return torch.tensor(x.grad.tolist())\n    return [once() for _ in range(times)]",
        ],
        "wrong": [
            # a graph rebuilt from x on every pass (the old source check was fooled by this comment: retain_graph)
            "def accumulate_with_retain(y, x, times):\n    grads = []\n    for _ in range(times):\n"
            "        (2 * x * x).sum().backward()   # no retain_graph needed\n        grads.append(x.grad.clone())\n    return grads",
            # no clone: the same tensor times over
            "def accumulate_with_retain(y, x, times):\n    grads = []\n    for _ in range(times):\n"
            "        y.backward(retain_graph=True)\n        grads.append(x.grad)\n    return grads",
            # cleared between calls: no accumulation
            "def accumulate_with_retain(y, x, times):\n    grads = []\n    for _ in range(times):\n        x.grad = None\n"
            "        y.backward(retain_graph=True)\n        grads.append(x.grad.clone())\n    return grads",
            # one pass, the rest by multiplication
            "def accumulate_with_retain(y, x, times):\n    y.backward()\n    g = x.grad.clone()\n"
            "    return [(k + 1) * g for k in range(times)]",
            # autograd.grad summed by hand: x.grad is never filled
            "def accumulate_with_retain(y, x, times):\n    total = None\n    grads = []\n    for _ in range(times):\n"
            "        (g,) = torch.autograd.grad(y, x, retain_graph=True)\n        total = g if total is None else total + g\n"
            "        grads.append(total.clone())\n    return grads",
            # off by one
            "def accumulate_with_retain(y, x, times):\n    grads = []\n    for _ in range(times - 1):\n"
            "        y.backward(retain_graph=True)\n        grads.append(x.grad.clone())\n    return grads",
            # no retain_graph
            "def accumulate_with_retain(y, x, times):\n    grads = []\n    for _ in range(times):\n"
            "        y.backward()\n        grads.append(x.grad.clone())\n    return grads",
        ],
    },
    "ex3_separate_grads": {
        "right": [
            # autograd.grad leaves x.grad alone
            "def separate_grads(losses, x):\n    return [torch.autograd.grad(L, x, retain_graph=True)[0] for L in losses]",
            # zero_() and clone(), retain_graph on every call
            "def separate_grads(losses, x):\n    out = []\n    for L in losses:\n        if x.grad is not None:\n"
            "            x.grad.zero_()\n        L.backward(retain_graph=True)\n        out.append(x.grad.clone())\n    return out",
            # difference of running totals
            "def separate_grads(losses, x):\n    out, before = [], torch.zeros_like(x)\n    for L in losses:\n"
            "        L.backward(retain_graph=True)\n        now = x.grad.clone()\n        out.append(now - before)\n"
            "        before = now\n    return out",
        ],
        "wrong": [
            # running totals returned: the earlier losses mixed in
            "def separate_grads(losses, x):\n    out = []\n    for L in losses:\n        L.backward(retain_graph=True)\n"
            "        out.append(x.grad.clone())\n    return out",
            # zero_() without clone: every entry is the last one
            "def separate_grads(losses, x):\n    out = []\n    for L in losses:\n        if x.grad is not None:\n"
            "            x.grad.zero_()\n        L.backward(retain_graph=True)\n        out.append(x.grad)\n    return out",
            # no retain_graph: the second loss fails
            "def separate_grads(losses, x):\n    out = []\n    for L in losses:\n        x.grad = None\n        L.backward()\n"
            "        out.append(x.grad)\n    return out",
            # one backward of the sum, the total given for every loss
            "def separate_grads(losses, x):\n    sum(losses).backward()\n    return [x.grad.clone() for _ in losses]",
            # only the last loss's gradient, for all of them
            "def separate_grads(losses, x):\n    for L in losses:\n        x.grad = None\n        L.backward(retain_graph=True)\n"
            "    return [x.grad] * len(losses)",
        ],
    },
}
