"""Other answers to 01_requires_grad's exercises: "right" ones must pass its full tests
cells (hidden tests included), "wrong" ones must fail (see tests/test_notebooks.py)."""

VARIANTS = {
    "ex1_make_weights": {
        "right": [
            "def make_weights(values):\n    return torch.tensor(values, dtype=torch.float32).requires_grad_()",
            "def make_weights(values):\n    return torch.tensor(values).float().requires_grad_(True)",
            "def make_weights(values):\n    w = torch.tensor(values, dtype=torch.float)\n"
            "    w.requires_grad = True\n    return w",
        ],
        "wrong": [
            # integers stay int64: RuntimeError for an integer list
            "def make_weights(values):\n    return torch.tensor(values, requires_grad=True)",
            "def make_weights(values):\n    return torch.tensor(values, dtype=torch.float32)",
            "def make_weights(values):\n    return torch.tensor(values, dtype=torch.float32, requires_grad=True) * 1",
            "def make_weights(values):\n    return torch.tensor(values, dtype=torch.float64, requires_grad=True)",
            "def make_weights(values):\n    return np.array(values, dtype=np.float32)",
            "def make_weights(values):\n    return torch.tensor([0.5, -1.0, 2.0], requires_grad=True)",
        ],
    },
    "ex2_int_error": {
        "right": [
            "t_int = torch.tensor([1, 2, 3])\nint_dtype = t_int.dtype\ntry:\n    t_int.requires_grad = True\n"
            "except Exception as err:\n    int_error = err\nt_fixed = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)",
            "t_int = torch.tensor([1, 2, 3])\nint_dtype = torch.int64\ntry:\n    t_int.requires_grad_()\n"
            "except RuntimeError as e:\n    int_error = e\n"
            "t_fixed = torch.tensor([1, 2, 3], dtype=torch.float32).requires_grad_()",
        ],
        "wrong": [
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
            "def track(t):\n    if t.dtype in (torch.int64, torch.int32):\n        t = t.to(torch.float32)\n"
            "    t.requires_grad_(True)\n    return t",
            "def track(t):\n    if t.is_floating_point():\n        return t.requires_grad_()\n"
            "    return t.float().requires_grad_()",
        ],
        "wrong": [
            "def track(t):\n    return t.float().requires_grad_()",
            "def track(t):\n    t = t.float()\n    t.requires_grad_()",
            "def track(t):\n    return torch.tensor(t.tolist(), dtype=torch.float32, requires_grad=True)",
            "def track(t):\n    if not t.is_floating_point():\n        t = t.float()\n    return t.clone().requires_grad_()",
        ],
    },
}
