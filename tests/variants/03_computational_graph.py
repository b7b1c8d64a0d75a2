"""Other answers to 03_computational_graph's exercises: "right" ones must pass its full tests
cells (hidden tests included), "wrong" ones must fail (see tests/test_notebooks.py)."""

VARIANTS = {
    "ex1_leaves_of": {
        "right": [
            # recursive, hasattr(fn, "variable"), identity check by hand
            "def leaves_of(t):\n    out = []\n    def visit(fn):\n        if fn is None:\n            return\n"
            "        if hasattr(fn, 'variable'):\n            if not any(v is fn.variable for v in out):\n"
            "                out.append(fn.variable)\n            return\n"
            "        for child, _ in fn.next_functions:\n            visit(child)\n    visit(t.grad_fn)\n    return out",
            # iterative, type(fn).__name__, a dict keyed by id
            "def leaves_of(t):\n    found, todo, seen = {}, [t.grad_fn], set()\n    while todo:\n        fn = todo.pop()\n"
            "        if fn is None or fn in seen:\n            continue\n        seen.add(fn)\n"
            "        if type(fn).__name__ == 'AccumulateGrad':\n            found[id(fn.variable)] = fn.variable\n"
            "        todo += [c for c, _ in fn.next_functions]\n    return list(found.values())",
            # breadth first with a deque, a tuple returned
            "from collections import deque\n"
            "def leaves_of(t):\n    queue, seen, leaves = deque([t.grad_fn]), set(), []\n    while queue:\n"
            "        fn = queue.popleft()\n        if fn is None or id(fn) in seen:\n            continue\n"
            "        seen.add(id(fn))\n        v = getattr(fn, 'variable', None)\n        if v is not None:\n"
            "            leaves.append(v)\n        queue.extend(c for c, _ in fn.next_functions)\n    return tuple(leaves)",
            # no memo on nodes, but dedupe the leaves by identity
            "def leaves_of(t):\n    leaves = []\n    def visit(fn):\n        if fn is None:\n            return\n"
            "        try:\n            v = fn.variable\n        except AttributeError:\n"
            "            for child, _ in fn.next_functions:\n                visit(child)\n            return\n"
            "        if all(v is not x for x in leaves):\n            leaves.append(v)\n"
            "    visit(t.grad_fn)\n    return leaves",
        ],
        "wrong": [
            # no deduplication: a leaf used twice comes twice
            "def leaves_of(t):\n    out = []\n    def visit(fn):\n        if fn is None:\n            return\n"
            "        if hasattr(fn, 'variable'):\n            out.append(fn.variable)\n            return\n"
            "        for child, _ in fn.next_functions:\n            visit(child)\n    visit(t.grad_fn)\n    return out",
            # the AccumulateGrad nodes instead of the tensors
            "def leaves_of(t):\n    out = []\n    def visit(fn):\n        if fn is None:\n            return\n"
            "        if hasattr(fn, 'variable'):\n            out.append(fn)\n            return\n"
            "        for child, _ in fn.next_functions:\n            visit(child)\n    visit(t.grad_fn)\n"
            "    return list({id(f): f for f in out}.values())",
            # one level only
            "def leaves_of(t):\n    return [fn.variable for fn, _ in t.grad_fn.next_functions if hasattr(fn, 'variable')]",
            # dedupe by value (`in` compares with ==): two leaves holding 2.0 become one
            "def leaves_of(t):\n    out = []\n    def visit(fn):\n        if fn is None:\n            return\n"
            "        if hasattr(fn, 'variable'):\n            if fn.variable not in out:\n                out.append(fn.variable)\n"
            "            return\n        for child, _ in fn.next_functions:\n            visit(child)\n"
            "    visit(t.grad_fn)\n    return out",
            # forgets that next_functions may hold None (an input that gets no gradient)
            "def leaves_of(t):\n    found = {}\n    def visit(fn):\n        if hasattr(fn, 'variable'):\n"
            "            found[id(fn.variable)] = fn.variable\n            return\n"
            "        for child, _ in fn.next_functions:\n            visit(child)\n    visit(t.grad_fn)\n"
            "    return list(found.values())",
            # compares fn.name() with "AccumulateGrad": PyTorch's name() is 'torch::autograd::AccumulateGrad'
            "def leaves_of(t):\n    found = {}\n    def visit(fn):\n        if fn is None:\n            return\n"
            "        if fn.name() == 'AccumulateGrad':\n            found[id(fn.variable)] = fn.variable\n            return\n"
            "        for child, _ in fn.next_functions:\n            visit(child)\n    visit(t.grad_fn)\n"
            "    return list(found.values())",
            # asks backward instead of walking the graph
            "def leaves_of(t):\n    t.backward(retain_graph=True)\n    found = {}\n    def visit(fn):\n"
            "        if fn is None:\n            return\n        if hasattr(fn, 'variable'):\n"
            "            found[id(fn.variable)] = fn.variable\n            return\n"
            "        for child, _ in fn.next_functions:\n            visit(child)\n    visit(t.grad_fn)\n"
            "    return list(found.values())",
        ],
    },
    "ex2_grads_by_hand": {
        "right": [
            # path by path, upstream gradients named
            "def grads_by_hand(a, w1, w2, w3, w4):\n    dL_dd = -1.0\n    dL_db = dL_dd * w3\n    dL_dc = dL_dd * w4\n"
            "    return {'a': dL_db * w1 + dL_dc * w2, 'w1': dL_db * a, 'w2': dL_dc * a,\n"
            "            'w3': dL_dd * (w1 * a), 'w4': dL_dd * (w2 * a)}",
            # 0-d tensors as values (no autograd involved)
            "def grads_by_hand(a, w1, w2, w3, w4):\n    t = lambda v: torch.tensor(float(v))\n"
            "    return {'a': t(-(w3 * w1 + w4 * w2)), 'w1': t(-w3 * a), 'w2': t(-w4 * a), 'w3': t(-w1 * a), 'w4': t(-w2 * a)}",
            # NumPy numbers, dict built with dict()
            "def grads_by_hand(a, w1, w2, w3, w4):\n    a, w1, w2, w3, w4 = np.float64([a, w1, w2, w3, w4])\n"
            "    return dict(a=-w3 * w1 - w4 * w2, w1=-w3 * a, w2=-w4 * a, w3=-w1 * a, w4=-w2 * a)",
        ],
        "wrong": [
            # forgets L = 10 - d (the sign)
            "def grads_by_hand(a, w1, w2, w3, w4):\n"
            "    return {'a': w3 * w1 + w4 * w2, 'w1': w3 * a, 'w2': w4 * a, 'w3': w1 * a, 'w4': w2 * a}",
            # the lesson's numbers, hard-coded
            "def grads_by_hand(a, w1, w2, w3, w4):\n"
            "    return {'a': -11.0, 'w1': -6.0, 'w2': -8.0, 'w3': -2.0, 'w4': -4.0}",
            # w1 and w2 paths swapped
            "def grads_by_hand(a, w1, w2, w3, w4):\n"
            "    return {'a': -(w3 * w1 + w4 * w2), 'w1': -w4 * a, 'w2': -w3 * a, 'w3': -w1 * a, 'w4': -w2 * a}",
            # only the path through b for a
            "def grads_by_hand(a, w1, w2, w3, w4):\n"
            "    return {'a': -(w3 * w1), 'w1': -w3 * a, 'w2': -w4 * a, 'w3': -w1 * a, 'w4': -w2 * a}",
            # central differences instead of the chain rule
            "def grads_by_hand(a, w1, w2, w3, w4):\n    args = dict(a=a, w1=w1, w2=w2, w3=w3, w4=w4)\n"
            "    L = lambda v: 10 - (v['w3'] * (v['w1'] * v['a']) + v['w4'] * (v['w2'] * v['a']))\n    h = 1e-4\n"
            "    out = {}\n    for k in args:\n        up, down = dict(args), dict(args)\n"
            "        up[k] += h\n        down[k] -= h\n        out[k] = (L(up) - L(down)) / (2 * h)\n    return out",
            # autograd where a derivation by hand was asked
            "def grads_by_hand(a, w1, w2, w3, w4):\n"
            "    t = {k: torch.tensor(float(v), requires_grad=True)\n"
            "         for k, v in dict(a=a, w1=w1, w2=w2, w3=w3, w4=w4).items()}\n"
            "    L = 10 - (t['w3'] * (t['w1'] * t['a']) + t['w4'] * (t['w2'] * t['a']))\n    L.backward()\n"
            "    return {k: v.grad for k, v in t.items()}",
            # d = w3 * b: the local derivative b = w1 * a written as w1 alone
            "def grads_by_hand(a, w1, w2, w3, w4):\n"
            "    return {'a': -(w3 * w1 + w4 * w2), 'w1': -w3 * a, 'w2': -w4 * a, 'w3': -w1, 'w4': -w2}",
        ],
    },
    "ex3_grads_of": {
        "right": [
            # retain_grad on each, one backward
            "def grads_of(L, tensors):\n    for t in tensors:\n        t.retain_grad()\n    L.backward()\n"
            "    return [t.grad for t in tensors]",
            # torch.autograd.grad, a tuple returned
            "def grads_of(L, tensors):\n    return torch.autograd.grad(L, tensors)",
            # hooks that store the gradients
            "def grads_of(L, tensors):\n    got = {}\n    for i, t in enumerate(tensors):\n"
            "        t.register_hook(lambda g, i=i: got.__setitem__(i, g))\n    L.backward()\n"
            "    return [got[i] for i in range(len(tensors))]",
            # autograd.grad with retain_graph, listed
            "def grads_of(L, tensors):\n    grads = torch.autograd.grad(L, list(tensors), retain_graph=True)\n"
            "    return [g.clone() for g in grads]",
        ],
        "wrong": [
            # no retain_grad: intermediate .grad stays None
            "def grads_of(L, tensors):\n    L.backward()\n    return [t.grad for t in tensors]",
            # retain_grad after backward: too late
            "def grads_of(L, tensors):\n    L.backward()\n    for t in tensors:\n        t.retain_grad()\n"
            "    return [t.grad for t in tensors]",
            # one backward per tensor (retain_graph): gradients accumulate, backward reaches them twice
            "def grads_of(L, tensors):\n    for t in tensors:\n        t.retain_grad()\n"
            "    for t in tensors:\n        L.backward(retain_graph=True)\n    return [t.grad for t in tensors]",
            # ones instead of gradients
            "def grads_of(L, tensors):\n    return [torch.ones_like(t) for t in tensors]",
            # the lesson's numbers, shaped like the tensors
            "def grads_of(L, tensors):\n    vals = [-3.0, -4.0, -1.0]\n"
            "    return [torch.full_like(t, vals[i % 3]) for i, t in enumerate(tensors)]",
            # the gradients in the wrong order
            "def grads_of(L, tensors):\n    for t in tensors:\n        t.retain_grad()\n    L.backward()\n"
            "    return [t.grad for t in reversed(tensors)]",
            # gradient for the first tensor only, copied to the others
            "def grads_of(L, tensors):\n    g, = torch.autograd.grad(L, tensors[0])\n"
            "    return [g.expand_as(t) if g.shape == t.shape else torch.zeros_like(t) for t in tensors]",
        ],
    },
}
