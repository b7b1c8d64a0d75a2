import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
cases = [
    lambda: x + "a", lambda: "a" + x, lambda: x - "a", lambda: x * None, lambda: None * x,
    lambda: x / "a", lambda: x ** "a", lambda: x @ "a", lambda: x < "a", lambda: x == "a",
    lambda: x + {}, lambda: x * object(), lambda: torch.add(x, "a"), lambda: torch.mul(x, None),
]
for case in cases:
    try:
        print(case())
    except Exception as e:
        print(type(e).__name__, e)
