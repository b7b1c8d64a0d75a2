"""Other answers to 01_requires_grad's exercises: "right" ones must pass its full tests
cells (hidden tests included), "wrong" ones must fail (see tests/test_notebooks.py)."""

_UNSOLVED = "# 여기에 코드를 작성하세요\nraise NotImplementedError()"

VARIANTS = {
    "ex1_scaled_weights": {
        "right": [
            "def scaled_weights(values, scale):\n    w = torch.tensor(values, dtype=torch.float32) * scale\n"
            "    w.requires_grad = True\n    return w",
            "def scaled_weights(values, scale):\n"
            "    return torch.tensor(values, dtype=torch.float32).mul(scale).requires_grad_(True)",
            # computed with tracking on, then cut loose and tracked again
            "def scaled_weights(values, scale):\n"
            "    w = torch.tensor(values, dtype=torch.float32, requires_grad=True) * scale\n"
            "    return w.detach().requires_grad_()",
            # the multiplication under no_grad: its result is a leaf
            "def scaled_weights(values, scale):\n    with torch.no_grad():\n"
            "        w = torch.tensor(values, dtype=torch.float32, requires_grad=True) * scale\n"
            "    return w.requires_grad_()",
            # NumPy first
            "def scaled_weights(values, scale):\n"
            "    return torch.tensor(np.array(values, dtype=np.float64) * scale, dtype=torch.float32, requires_grad=True)",
        ],
        "wrong": [
            _UNSOLVED,
            # the cell above, copied: an error for integers, a non-leaf for floats
            "def scaled_weights(values, scale):\n    return torch.tensor(values, requires_grad=True) * scale",
            # only the integer bug fixed: still not a leaf
            "def scaled_weights(values, scale):\n"
            "    return torch.tensor(values, dtype=torch.float32, requires_grad=True) * scale",
            # int values times an int scale stay int64: requires_grad_ fails
            "def scaled_weights(values, scale):\n    return (torch.tensor(values) * scale).requires_grad_()",
            # scale forgotten
            "def scaled_weights(values, scale):\n    return torch.tensor(values, dtype=torch.float32, requires_grad=True)",
            # float64
            "def scaled_weights(values, scale):\n"
            "    return (torch.tensor(values, dtype=torch.float64) * scale).requires_grad_()",
            # tracking never switched on
            "def scaled_weights(values, scale):\n    return torch.tensor(values, dtype=torch.float32) * scale",
            # .float() after the multiplication with tracking on: the result of an operation
            "def scaled_weights(values, scale):\n    return torch.tensor(values, requires_grad=False).float().requires_grad_() * scale",
        ],
    },
    "ex2_int_error": {
        "right": [
            "t_int = torch.tensor([1, 2, 3])\nint_dtype = t_int.dtype\ntry:\n    t_int.requires_grad = True\n"
            "except Exception as err:\n    int_error = err\nt_fixed = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)",
            "t_int = torch.tensor([1, 2, 3])\nint_dtype = torch.int64\ntry:\n    t_int.requires_grad_()\n"
            "except RuntimeError as e:\n    int_error = e\n"
            "t_fixed = torch.tensor([1, 2, 3], dtype=torch.float32).requires_grad_()",
            "t_int = torch.tensor([1, 2, 3])\nint_dtype = t_int.dtype\nint_error = None\ntry:\n"
            "    t_int.requires_grad_(True)\nexcept RuntimeError as caught:\n    int_error = caught\n"
            "t_fixed = t_int.to(torch.float32)\nt_fixed.requires_grad_()",
        ],
        "wrong": [
            # nothing written yet: the released cell
            "t_int = torch.tensor([1, 2, 3])\nint_dtype = None\nint_error = None\nt_fixed = None\n" + _UNSOLVED,
            "t_int = torch.tensor([1, 2, 3])\nint_dtype = t_int.dtype\nint_error = RuntimeError\n"
            "t_fixed = t_int.float().requires_grad_()",
            "t_int = torch.tensor([1, 2, 3])\nint_dtype = t_int.dtype\ntry:\n    t_int.requires_grad_()\n"
            "except RuntimeError as e:\n    int_error = e\nt_fixed = t_int.float()",
            "t_int = torch.tensor([1, 2, 3])\nint_dtype = 'int64'\ntry:\n    t_int.requires_grad_()\n"
            "except RuntimeError as e:\n    int_error = e\nt_fixed = t_int.float().requires_grad_()",
            "t_int = torch.tensor([1, 2, 3])\nint_dtype = t_int.dtype\ntry:\n    t_int.requires_grad_()\n"
            "except RuntimeError as e:\n    int_error = str(e)\nt_fixed = t_int.float().requires_grad_()",
            "t_int = torch.tensor([1, 2, 3])\nint_dtype = t_int.dtype\ntry:\n    t_int.requires_grad_()\n"
            "except RuntimeError as e:\n    int_error = e\n"
            "t_fixed = torch.tensor([1, 2, 3], dtype=torch.float64, requires_grad=True)",
        ],
    },
    "ex3_track": {
        "right": [
            "def track(t):\n    if t.dtype in (torch.int64, torch.int32, torch.bool):\n        t = t.to(torch.float32)\n"
            "    t.requires_grad_(True)\n    return t",
            "def track(t):\n    if t.is_floating_point():\n        return t.requires_grad_()\n"
            "    return t.float().requires_grad_()",
            "def track(t):\n    if t.dtype not in (torch.float32, torch.float64):\n        t = t.type(torch.float32)\n"
            "    t.requires_grad = True\n    return t",
        ],
        "wrong": [
            _UNSOLVED,
            "def track(t):\n    return t.float().requires_grad_()",
            "def track(t):\n    t = t.float()\n    t.requires_grad_()",
            "def track(t):\n    return torch.tensor(t.tolist(), dtype=torch.float32, requires_grad=True)",
            "def track(t):\n    if not t.is_floating_point():\n        t = t.float()\n    return t.clone().requires_grad_()",
            # bool forgotten: integers only
            "def track(t):\n    if t.dtype in (torch.int64, torch.int32):\n        t = t.to(torch.float32)\n"
            "    return t.requires_grad_()",
        ],
    },
}
