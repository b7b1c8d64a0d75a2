"""Other answers to 05_nonscalar_gradient's exercises: "right" ones must pass its full tests
cells (hidden tests included), "wrong" ones must fail (see tests/test_notebooks.py)."""

VARIANTS = {
    "ex1_q_grads": {
        "right": [
            # sum() instead of a gradient argument
            "def q_grads(a, b):\n    (3 * a ** 3 - b ** 2).sum().backward()\n    return a.grad, b.grad",
            # gradient= written as a tensor of ones of the right length
            "def q_grads(a, b):\n    Q = 3 * a ** 3 - b ** 2\n    Q.backward(torch.ones(len(a)))\n    return (a.grad, b.grad)",
            # torch.autograd.grad, which leaves .grad alone
            "def q_grads(a, b):\n    Q = 3 * a ** 3 - b ** 2\n"
            "    ga, gb = torch.autograd.grad(Q, (a, b), grad_outputs=torch.ones_like(Q))\n    return ga, gb",
            # torch.autograd.backward, a clone of each gradient
            "def q_grads(a, b):\n    Q = 3 * a ** 3 - b ** 2\n    torch.autograd.backward(Q, torch.ones_like(Q))\n"
            "    return a.grad.clone(), b.grad.clone()",
        ],
        "wrong": [
            # the hand formula, no autograd at all
            "def q_grads(a, b):\n    return 9 * a.detach() ** 2, -2 * b.detach()",
            # the formula written into .grad by hand
            "def q_grads(a, b):\n    with torch.no_grad():\n        a.grad = 9 * a ** 2\n        b.grad = -2 * b\n"
            "    return a.grad, b.grad",
            # a sign slip
            "def q_grads(a, b):\n    (3 * a ** 3 + b ** 2).sum().backward()\n    return a.grad, b.grad",
            # v = 2, so every gradient doubled
            "def q_grads(a, b):\n    Q = 3 * a ** 3 - b ** 2\n    Q.backward(2 * torch.ones_like(Q))\n    return a.grad, b.grad",
            # NumPy arrays instead of tensors
            "def q_grads(a, b):\n    (3 * a ** 3 - b ** 2).sum().backward()\n    return a.grad.numpy(), b.grad.numpy()",
            # one backward per element: two passes reach a and b
            "def q_grads(a, b):\n    Q = 3 * a ** 3 - b ** 2\n    for i in range(len(Q)):\n"
            "        Q[i].backward(retain_graph=True)\n    return a.grad, b.grad",
            # the tensors instead of their gradients
            "def q_grads(a, b):\n    (3 * a ** 3 - b ** 2).sum().backward()\n    return a, b",
        ],
    },
    "ex2_vjp": {
        "right": [
            "def vjp(f, x_values, v_values):\n    x = torch.tensor(x_values, dtype=torch.float32, requires_grad=True)\n"
            "    (f(x) * torch.tensor(v_values, dtype=torch.float32)).sum().backward()\n    return x.grad",
            "def vjp(f, x_values, v_values):\n    x = torch.tensor(x_values).float().requires_grad_()\n"
            "    y = f(x)\n    (g,) = torch.autograd.grad(y, x, torch.tensor(v_values).float())\n    return g",
            "def vjp(f, x_values, v_values):\n    x = torch.tensor(x_values, dtype=torch.float32)\n    x.requires_grad_(True)\n"
            "    y = f(x)\n    v = torch.tensor(v_values, dtype=torch.float32)\n    y.backward(gradient=v)\n"
            "    return x.grad.clone()",
        ],
        "wrong": [
            # v ignored
            "def vjp(f, x_values, v_values):\n    x = torch.tensor(x_values, dtype=torch.float32, requires_grad=True)\n"
            "    f(x).sum().backward()\n    return x.grad",
            # ones, then v multiplied afterwards (right only for elementwise f)
            "def vjp(f, x_values, v_values):\n    x = torch.tensor(x_values, dtype=torch.float32, requires_grad=True)\n"
            "    y = f(x)\n    y.backward(torch.ones_like(y))\n    return x.grad * torch.tensor(v_values)",
            # the output instead of the gradient
            "def vjp(f, x_values, v_values):\n    x = torch.tensor(x_values, dtype=torch.float32, requires_grad=True)\n"
            "    y = f(x)\n    y.backward(torch.tensor(v_values, dtype=torch.float32))\n    return y",
            # integer lists not cast: fails on [1, 2, -1]
            "def vjp(f, x_values, v_values):\n    x = torch.tensor(x_values, requires_grad=True)\n"
            "    y = f(x)\n    y.backward(torch.tensor(v_values))\n    return x.grad",
            # central differences of v . f, no autograd
            "def vjp(f, x_values, v_values):\n    x = np.array(x_values, dtype=float)\n    v = np.array(v_values, dtype=float)\n"
            "    g = np.zeros_like(x)\n    h = 1e-3\n    for idx in np.ndindex(x.shape):\n"
            "        e = np.zeros_like(x)\n        e[idx] = h\n"
            "        up = (f(torch.tensor((x + e).tolist())).numpy() * v).sum()\n"
            "        down = (f(torch.tensor((x - e).tolist())).numpy() * v).sum()\n"
            "        g[idx] = (up - down) / (2 * h)\n    return torch.tensor(g.tolist())",
            # v squared instead of v
            "def vjp(f, x_values, v_values):\n    x = torch.tensor(x_values, dtype=torch.float32, requires_grad=True)\n"
            "    y = f(x)\n    v = torch.tensor(v_values, dtype=torch.float32)\n    y.backward(v * v)\n    return x.grad",
        ],
    },
    "ex3_jacobian": {
        "right": [
            # a one-hot made with zeros_like and one element set to 1, cloned rows
            "def jacobian(f, x_values):\n    x = torch.tensor(x_values, dtype=torch.float32, requires_grad=True)\n"
            "    y = f(x)\n    rows = []\n    for i in range(y.numel()):\n        if x.grad is not None:\n"
            "            x.grad.zero_()\n        e = torch.zeros(y.numel())\n        e[i] = 1.0\n"
            "        f(x).backward(e.reshape(y.shape))\n        rows.append(x.grad.clone())\n"
            "    return torch.stack(rows).reshape(tuple(y.shape) + (len(x_values),))",
            # a fresh x per row, the output flattened, (f * e).sum()
            "def jacobian(f, x_values):\n    rows = []\n    y0 = f(torch.tensor(x_values, dtype=torch.float32))\n"
            "    k = y0.numel()\n    for i in range(k):\n"
            "        x = torch.tensor(x_values, dtype=torch.float32, requires_grad=True)\n"
            "        (f(x).reshape(-1) * torch.eye(k)[i]).sum().backward()\n        rows.append(x.grad)\n"
            "    return torch.stack(rows).reshape(*y0.shape, len(x_values))",
            # torch.autograd.grad with retain_graph on one forward pass
            "def jacobian(f, x_values):\n    x = torch.tensor(x_values, dtype=torch.float32, requires_grad=True)\n"
            "    y = f(x)\n    flat = y.reshape(-1)\n    rows = []\n    for i in range(flat.numel()):\n"
            "        e = torch.zeros_like(flat)\n        e[i] = 1.0\n"
            "        (g,) = torch.autograd.grad(flat, x, e, retain_graph=True)\n        rows.append(g)\n"
            "    return torch.stack(rows).reshape(list(y.shape) + [len(x_values)])",
        ],
        "wrong": [
            # the 1-D cell above, copied: an eye row does not fit a matrix output
            "def jacobian(f, x_values):\n    x = torch.tensor(x_values, dtype=torch.float32, requires_grad=True)\n"
            "    m = f(x).shape[0]\n    rows = []\n    for i in range(m):\n        x.grad = None\n"
            "        f(x).backward(torch.eye(m)[i])\n        rows.append(x.grad)\n    return torch.stack(rows)",
            # never cleared: rows accumulate
            "def jacobian(f, x_values):\n    x = torch.tensor(x_values, dtype=torch.float32, requires_grad=True)\n"
            "    y = f(x)\n    k = y.numel()\n    rows = []\n    for i in range(k):\n"
            "        f(x).backward(torch.eye(k)[i].reshape(y.shape))\n        rows.append(x.grad.clone())\n"
            "    return torch.stack(rows).reshape(tuple(y.shape) + (len(x_values),))",
            # zero_() without clone(): every row is the last one
            "def jacobian(f, x_values):\n    x = torch.tensor(x_values, dtype=torch.float32, requires_grad=True)\n"
            "    y = f(x)\n    k = y.numel()\n    rows = []\n    for i in range(k):\n        if x.grad is not None:\n"
            "            x.grad.zero_()\n        f(x).backward(torch.eye(k)[i].reshape(y.shape))\n        rows.append(x.grad)\n"
            "    return torch.stack(rows).reshape(tuple(y.shape) + (len(x_values),))",
            # central differences, no autograd
            "def jacobian(f, x_values):\n    x = torch.tensor(x_values, dtype=torch.float32)\n    h = 1e-3\n    cols = []\n"
            "    for j in range(len(x_values)):\n        e = torch.zeros(len(x_values))\n        e[j] = h\n"
            "        cols.append((f(x + e) - f(x - e)) / (2 * h))\n    return torch.stack(cols, dim=-1)",
            # the rows flattened: (k, n) instead of f(x).shape + (n,)
            "def jacobian(f, x_values):\n    x = torch.tensor(x_values, dtype=torch.float32, requires_grad=True)\n"
            "    y = f(x)\n    k = y.numel()\n    rows = []\n    for i in range(k):\n        x.grad = None\n"
            "        f(x).backward(torch.eye(k)[i].reshape(y.shape))\n        rows.append(x.grad)\n    return torch.stack(rows)",
            # NumPy instead of a tensor
            "def jacobian(f, x_values):\n    x = torch.tensor(x_values, dtype=torch.float32, requires_grad=True)\n"
            "    y = f(x)\n    k = y.numel()\n    rows = []\n    for i in range(k):\n        x.grad = None\n"
            "        f(x).backward(torch.eye(k)[i].reshape(y.shape))\n        rows.append(x.grad.numpy())\n"
            "    return np.stack(rows).reshape(tuple(y.shape) + (len(x_values),))",
            # transposed for a vector output
            "def jacobian(f, x_values):\n    x = torch.tensor(x_values, dtype=torch.float32, requires_grad=True)\n"
            "    y = f(x)\n    k = y.numel()\n    rows = []\n    for i in range(k):\n        x.grad = None\n"
            "        f(x).backward(torch.eye(k)[i].reshape(y.shape))\n        rows.append(x.grad)\n"
            "    J = torch.stack(rows)\n    return J.T if y.dim() == 1 else J.reshape(tuple(y.shape) + (len(x_values),))",
            # the library's jacobian: right numbers, right rows, but the exercise is to build it
            "def jacobian(f, x_values):\n"
            "    return torch.autograd.functional.jacobian(f, torch.tensor(x_values, dtype=torch.float32))",
            # the same behind an alias and a wrapper of f
            "def jacobian(f, x_values):\n    library = torch.autograd.functional.jacobian\n"
            "    return library(lambda t: f(t) * 1.0, torch.tensor(x_values).float())",
        ],
    },
}
