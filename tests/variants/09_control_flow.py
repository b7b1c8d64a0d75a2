"""Other answers to 09_control_flow's exercises: "right" ones must pass its full tests
cells (hidden tests included), "wrong" ones must fail (see tests/test_notebooks.py).

They run one after another in the kernel of the executed lesson, so each answer
defines only the function the exercise asks for (never f, torch or the helpers)."""

VARIANTS = {
    "ex1_control_flow_grad": {
        "right": [
            # d.sum().backward(), as in the lesson
            "def control_flow_grad(a):\n    d = f(a)\n    d.sum().backward()\n    return a.grad",
            # autograd.grad instead of backward (a.grad stays None)
            "def control_flow_grad(a):\n    (grad,) = torch.autograd.grad(f(a).sum(), a)\n    return grad",
            # an explicit gradient argument, built from the shape
            "def control_flow_grad(a):\n    d = f(a)\n    d.backward(gradient=torch.ones(a.shape))\n    return a.grad",
            # a weighted sum with weights 1
            "def control_flow_grad(a):\n    d = f(a)\n    (d * torch.ones_like(d)).sum().backward()\n"
            "    return a.grad.clone()",
        ],
        "wrong": [
            # mean instead of sum: k / n
            "def control_flow_grad(a):\n    f(a).mean().backward()\n    return a.grad",
            # k by hand, no autograd at all
            "def control_flow_grad(a):\n    d = f(a)\n    return (d / a).detach()",
            # a hand-written a.grad (the value is right, no gradient flowed)
            "def control_flow_grad(a):\n    d = f(a)\n    a.grad = (d / a).detach()\n    return a.grad",
            # a length fixed by the visible test
            "def control_flow_grad(a):\n    d = f(a)\n    d.backward(torch.ones(3))\n    return a.grad",
            # only the first element is backpropagated
            "def control_flow_grad(a):\n    d = f(a)\n    d[0].backward()\n    return a.grad",
            # two backward passes: the gradient accumulates to 2k
            "def control_flow_grad(a):\n    f(a).sum().backward()\n    f(a).sum().backward()\n    return a.grad",
            # k from a NumPy copy of f (the loop by hand)
            "def control_flow_grad(a):\n    b = 2 * a.detach().numpy()\n    k = 2.0\n"
            "    while np.linalg.norm(b) < 1000:\n        b, k = b * 2, k * 2\n"
            "    return torch.full(a.shape, k if b.sum() > 0 else 100 * k)",
        ],
    },
    "ex2_design_g": {
        "right": [
            # conditions on Python numbers
            "def g(a):\n    y = a ** 2\n    while y.item() > 1:\n        y = y / 2\n    if a.item() < 0:\n"
            "        y = -y\n    return y",
            # multiply by 0.5 and a conditional expression
            "def g(a):\n    y = a * a\n    while y > 1:\n        y = y * 0.5\n    return -y if a < 0 else y",
            # the sign as a tensor factor
            "def g(a):\n    y = a ** 2\n    while y > 1:\n        y = y / 2\n    return y * torch.sign(a)",
            # the number of halvings counted first, then one division
            "def g(a):\n    y = a ** 2\n    n = 0\n    t = y.item()\n    while t > 1:\n        t, n = t / 2, n + 1\n"
            "    y = y / 2 ** n\n    if a < 0:\n        y = -y\n    return y",
        ],
        "wrong": [
            # off by one at the boundary: y == 1 is halved once more
            "def g(a):\n    y = a ** 2\n    while y >= 1:\n        y = y / 2\n    if a < 0:\n        y = -y\n    return y",
            # the sign of y (never negative) instead of the sign of a
            "def g(a):\n    y = a ** 2\n    while y > 1:\n        y = y / 2\n    if y < 0:\n        y = -y\n    return y",
            # the loop on a Python number: the result is a new tensor without a graph
            "def g(a):\n    y = a.item() ** 2\n    while y > 1:\n        y = y / 2\n    if a.item() < 0:\n        y = -y\n"
            "    return torch.tensor(y, requires_grad=True)",
            # halves a instead of y
            "def g(a):\n    while a ** 2 > 1:\n        a = a / 2\n    y = a ** 2\n    if a < 0:\n        y = -y\n    return y",
            # the halving count from a logarithm, off by one when a² < 1
            "def g(a):\n    import math\n    n = math.ceil(math.log2(a.item() ** 2)) if a.item() != 0 else 0\n"
            "    y = a ** 2 / 2 ** n\n    return -y if a < 0 else y",
            # the sign applied before the loop (a negative y is never > 1)
            "def g(a):\n    y = a ** 2\n    if a < 0:\n        y = -y\n    while y > 1:\n        y = y / 2\n    return y",
        ],
    },
    "ex3_fix_clip_norm": {
        "right": [
            # the condition on the tensor itself
            "def clip_norm(v, max_norm):\n    if v.norm() > max_norm:\n        return max_norm * v / v.norm()\n    return v",
            # torch.linalg.vector_norm, divide then multiply
            "def clip_norm(v, max_norm):\n    n = torch.linalg.vector_norm(v)\n    if n.item() > max_norm:\n"
            "        return v.div(n).mul(max_norm)\n    return v",
            # the norm written out, and a copy in the other branch
            "def clip_norm(v, max_norm):\n    n = (v ** 2).sum().sqrt()\n    if n > max_norm:\n"
            "        v = v / n * max_norm\n    return v * 1",
            # a scale factor that is 1 when nothing is clipped
            "def clip_norm(v, max_norm):\n    n = v.norm()\n    scale = max_norm / n if n.item() > max_norm else 1.0\n"
            "    return v * scale",
        ],
        "wrong": [
            # the bug itself
            "def clip_norm(v, max_norm):\n    n = v.norm()\n    if n.item() > max_norm:\n"
            "        return v * (max_norm / n.item())\n    return v",
            # the norm detached: a constant again
            "def clip_norm(v, max_norm):\n    n = v.norm().detach()\n    if n > max_norm:\n        return v * (max_norm / n)\n"
            "    return v",
            # off by one at the boundary: equal lengths are rescaled too
            "def clip_norm(v, max_norm):\n    n = v.norm()\n    if n >= max_norm:\n        return v * (max_norm / n)\n    return v",
            # always rescaled (short vectors are stretched)
            "def clip_norm(v, max_norm):\n    return v / v.norm() * max_norm",
            # the scaling under no_grad
            "def clip_norm(v, max_norm):\n    n = v.norm()\n    if n > max_norm:\n        with torch.no_grad():\n"
            "            return v * (max_norm / n)\n    return v",
            # a new tensor from the values
            "def clip_norm(v, max_norm):\n    n = v.norm()\n    if n > max_norm:\n"
            "        return torch.tensor((v * (max_norm / n)).tolist(), requires_grad=True)\n    return v",
            # max_norm forgotten: unit length
            "def clip_norm(v, max_norm):\n    n = v.norm()\n    if n > max_norm:\n        return v / n\n    return v",
            # the scale as a fresh tensor made from a number
            "def clip_norm(v, max_norm):\n    n = v.norm()\n    if n > max_norm:\n"
            "        return v * torch.tensor(max_norm / n.item())\n    return v",
        ],
    },
}
