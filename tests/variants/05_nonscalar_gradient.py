"""Other answers to 05_nonscalar_gradient's exercises: "right" ones must pass its full tests
cells (hidden tests included), "wrong" ones must fail (see tests/test_notebooks.py)."""

VARIANTS = {
    "ex1_q_grads": {
        "right": [
            "def q_grads(a_values, b_values):\n    a = torch.tensor(a_values, dtype=torch.float32, requires_grad=True)\n"
            "    b = torch.tensor(b_values, dtype=torch.float32, requires_grad=True)\n"
            "    (3 * a ** 3 - b ** 2).sum().backward()\n    return a.grad, b.grad",
            "def q_grads(a_values, b_values):\n    a = torch.tensor(a_values).float().requires_grad_()\n"
            "    b = torch.tensor(b_values).float().requires_grad_()\n    Q = 3 * a ** 3 - b ** 2\n"
            "    Q.backward(torch.ones(len(a_values)))\n    return (a.grad, b.grad)",
        ],
        "wrong": [
            "def q_grads(a_values, b_values):\n    a = torch.tensor(a_values, dtype=torch.float32, requires_grad=True)\n"
            "    b = torch.tensor(b_values, dtype=torch.float32, requires_grad=True)\n"
            "    (3 * a ** 3 + b ** 2).sum().backward()\n    return a.grad, b.grad",
            "def q_grads(a_values, b_values):\n    a = torch.tensor(a_values, requires_grad=True)\n"
            "    b = torch.tensor(b_values, requires_grad=True)\n"
            "    (3 * a ** 3 - b ** 2).sum().backward()\n    return a.grad, b.grad",
            "def q_grads(a_values, b_values):\n    a = torch.tensor(a_values, dtype=torch.float32, requires_grad=True)\n"
            "    b = torch.tensor(b_values, dtype=torch.float32, requires_grad=True)\n"
            "    Q = 3 * a ** 3 - b ** 2\n    Q.backward(2 * torch.ones_like(Q))\n    return a.grad, b.grad",
            "def q_grads(a_values, b_values):\n    a = torch.tensor(a_values, dtype=torch.float32, requires_grad=True)\n"
            "    b = torch.tensor(b_values, dtype=torch.float32, requires_grad=True)\n"
            "    (3 * a ** 3 - b ** 2).sum().backward()\n    return a.grad.numpy(), b.grad.numpy()",
        ],
    },
    "ex2_vjp": {
        "right": [
            "def vjp(f, x_values, v_values):\n    x = torch.tensor(x_values, dtype=torch.float32, requires_grad=True)\n"
            "    (f(x) * torch.tensor(v_values)).sum().backward()\n    return x.grad",
        ],
        "wrong": [
            "def vjp(f, x_values, v_values):\n    x = torch.tensor(x_values, dtype=torch.float32, requires_grad=True)\n"
            "    f(x).sum().backward()\n    return x.grad",
            "def vjp(f, x_values, v_values):\n    x = torch.tensor(x_values, dtype=torch.float32, requires_grad=True)\n"
            "    y = f(x)\n    y.backward(torch.ones_like(y))\n    return x.grad * torch.tensor(v_values)",
            "def vjp(f, x_values, v_values):\n    x = torch.tensor(x_values, dtype=torch.float32, requires_grad=True)\n"
            "    y = f(x)\n    y.backward(torch.tensor(v_values))\n    return y",
        ],
    },
    "ex3_jacobian": {
        "right": [
            "def jacobian(f, x_values):\n    x = torch.tensor(x_values, dtype=torch.float32, requires_grad=True)\n"
            "    y = f(x)\n    rows = []\n    for i in range(y.shape[0]):\n        if x.grad is not None:\n"
            "            x.grad.zero_()\n        e = torch.zeros(y.shape[0])\n        e[i] = 1.0\n"
            "        f(x).backward(e)\n        rows.append(x.grad.clone())\n    return torch.stack(rows)",
            "def jacobian(f, x_values):\n    rows = []\n    m = len(f(torch.tensor(x_values, dtype=torch.float32)))\n"
            "    for i in range(m):\n        x = torch.tensor(x_values, dtype=torch.float32, requires_grad=True)\n"
            "        (f(x) * torch.eye(m)[i]).sum().backward()\n        rows.append(x.grad)\n"
            "    return torch.stack(rows)",
        ],
        "wrong": [
            "def jacobian(f, x_values):\n    x = torch.tensor(x_values, dtype=torch.float32, requires_grad=True)\n"
            "    m = f(x).shape[0]\n    rows = []\n    for i in range(m):\n"
            "        f(x).backward(torch.eye(m)[i])\n        rows.append(x.grad.clone())\n    return torch.stack(rows)",
            "def jacobian(f, x_values):\n    x = torch.tensor(x_values, dtype=torch.float32, requires_grad=True)\n"
            "    m = f(x).shape[0]\n    rows = []\n    for i in range(m):\n        if x.grad is not None:\n"
            "            x.grad.zero_()\n        f(x).backward(torch.eye(m)[i])\n        rows.append(x.grad)\n"
            "    return torch.stack(rows)",
            "def jacobian(f, x_values):\n    x = torch.tensor(x_values, dtype=torch.float32, requires_grad=True)\n"
            "    m = f(x).shape[0]\n    rows = []\n    for i in range(m):\n        x.grad = None\n"
            "        f(x).backward(torch.eye(m)[i])\n        rows.append(x.grad.numpy())\n    return np.stack(rows)",
            "def jacobian(f, x_values):\n    x = torch.tensor(x_values, dtype=torch.float32, requires_grad=True)\n"
            "    m = f(x).shape[0]\n    rows = []\n    for i in range(m):\n        x.grad = None\n"
            "        f(x).backward(torch.eye(m)[i])\n        rows.append(x.grad)\n    return torch.stack(rows).T",
        ],
    },
}
