"""Other answers to 03_computational_graph's exercises: "right" ones must pass its full tests
cells (hidden tests included), "wrong" ones must fail (see tests/test_notebooks.py)."""

VARIANTS = {
    "ex1_leaves_of": {
        "right": [
            "def leaves_of(t):\n    out = []\n    def visit(fn):\n        if fn is None:\n            return\n"
            "        if hasattr(fn, 'variable'):\n            if not any(v is fn.variable for v in out):\n"
            "                out.append(fn.variable)\n            return\n"
            "        for child, _ in fn.next_functions:\n            visit(child)\n    visit(t.grad_fn)\n    return out",
            "def leaves_of(t):\n    found, todo, seen = {}, [t.grad_fn], set()\n    while todo:\n        fn = todo.pop()\n"
            "        if fn is None or fn in seen:\n            continue\n        seen.add(fn)\n"
            "        if type(fn).__name__ == 'AccumulateGrad':\n            found[id(fn.variable)] = fn.variable\n"
            "        todo += [c for c, _ in fn.next_functions]\n    return list(found.values())",
        ],
        "wrong": [
            "def leaves_of(t):\n    out = []\n    def visit(fn):\n        if fn is None:\n            return\n"
            "        if hasattr(fn, 'variable'):\n            out.append(fn.variable)\n            return\n"
            "        for child, _ in fn.next_functions:\n            visit(child)\n    visit(t.grad_fn)\n    return out",
            "def leaves_of(t):\n    out = []\n    def visit(fn):\n        if fn is None:\n            return\n"
            "        if hasattr(fn, 'variable'):\n            out.append(fn)\n            return\n"
            "        for child, _ in fn.next_functions:\n            visit(child)\n    visit(t.grad_fn)\n"
            "    return list({id(f): f for f in out}.values())",
            "def leaves_of(t):\n    return [fn.variable for fn, _ in t.grad_fn.next_functions if hasattr(fn, 'variable')]",
        ],
    },
    "ex2_grads_by_hand": {
        "right": [
            "def grads_by_hand(a, w1, w2, w3, w4):\n"
            "    t = {k: torch.tensor(float(v), requires_grad=True)\n"
            "         for k, v in dict(a=a, w1=w1, w2=w2, w3=w3, w4=w4).items()}\n"
            "    L = 10 - (t['w3'] * (t['w1'] * t['a']) + t['w4'] * (t['w2'] * t['a']))\n    L.backward()\n"
            "    return {k: v.grad for k, v in t.items()}",
        ],
        "wrong": [
            "def grads_by_hand(a, w1, w2, w3, w4):\n"
            "    return {'a': w3 * w1 + w4 * w2, 'w1': w3 * a, 'w2': w4 * a, 'w3': w1 * a, 'w4': w2 * a}",
            "def grads_by_hand(a, w1, w2, w3, w4):\n"
            "    return {'a': -11.0, 'w1': -6.0, 'w2': -8.0, 'w3': -2.0, 'w4': -4.0}",
            "def grads_by_hand(a, w1, w2, w3, w4):\n"
            "    return {'a': -(w3 * w1 + w4 * w2), 'w1': -w4 * a, 'w2': -w3 * a, 'w3': -w1 * a, 'w4': -w2 * a}",
        ],
    },
    "ex3_intermediate_grads": {
        "right": [
            "def intermediate_grads(a, w1, w2, w3, w4):\n    b = w1 * a\n    b.retain_grad()\n    c = w2 * a\n"
            "    c.retain_grad()\n    d = w3 * b + w4 * c\n    d.retain_grad()\n    (10 - d).backward()\n"
            "    return (b.grad, c.grad, d.grad)",
        ],
        "wrong": [
            "def intermediate_grads(a, w1, w2, w3, w4):\n    b = w1 * a\n    c = w2 * a\n    d = w3 * b + w4 * c\n"
            "    (10 - d).backward()\n    return (b.grad, c.grad, d.grad)",
            "def intermediate_grads(a, w1, w2, w3, w4):\n"
            "    return (-w3.detach(), -w4.detach(), torch.tensor(-1.0))",
            "def intermediate_grads(a, w1, w2, w3, w4):\n    b = w1 * a\n    c = w2 * a\n    d = w3 * b + w4 * c\n"
            "    for t in (b, c, d):\n        t.retain_grad()\n    (d - 10).backward()\n    return (b.grad, c.grad, d.grad)",
        ],
    },
}
