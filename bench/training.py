"""Training speed: two small workloads, each in autograd_core, hand-written NumPy and PyTorch.

  logreg  logistic regression, N=20,000 points, D=32 features, full-batch gradient
          descent; sigmoid and binary cross-entropy written out in elementwise ops
  mlp     an MLP 2-16-16-1 with ReLU on 64 points (micrograd's demo scale), MSE loss,
          plain SGD
  mlp-fn  the same MLP as students often write it (issue 12): torch.relu(...) as a
          function, ((o - y) ** 2).mean(), p.grad = None after the no_grad update

Each engine trains from the same starting weights for the same number of steps; the
table gives milliseconds per step and the ratios.  The engines must also agree on
the final loss (a benchmark of a wrong computation would be worthless).

    python bench/training.py                 # the table
    python bench/training.py --check         # exit 1 when a target is missed
    python bench/training.py --profile logreg
    PYTHONPATH=. /tmp/torchenv/bin/python bench/training.py    # with PyTorch (never a dependency)

Targets (issue 3): logreg ≤ 1.0× PyTorch and ≤ 2.5× the NumPy floor; mlp ≤ 1.0× PyTorch;
(issue 12) mlp-fn ≤ 1.0× PyTorch.
"""
import argparse
import cProfile
import os
import platform
import pstats
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
try:
    import autograd_core
except ImportError:
    sys.path.insert(1, os.path.dirname(HERE))
    import autograd_core
from _timing import measure_many  # noqa: E402

try:
    import torch
    torch.set_num_threads(1)
except ImportError:
    torch = None

LOGREG_STEPS, MLP_STEPS, LR = 50, 20, 0.1


# -- data ----------------------------------------------------------------------------------

def logreg_data():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(20_000, 32)).astype(np.float32)
    true_w = rng.normal(size=(32, 1)).astype(np.float32)
    y = (X @ true_w + 0.5 * rng.normal(size=(20_000, 1)) > 0).astype(np.float32)
    return X, y, np.zeros((32, 1), np.float32), np.zeros((1,), np.float32)


def mlp_data():
    rng = np.random.default_rng(1)
    X = rng.uniform(-1, 1, size=(64, 2)).astype(np.float32)
    y = (np.sin(3 * X[:, :1]) * X[:, 1:]).astype(np.float32)
    shapes = [(2, 16), (16,), (16, 16), (16,), (16, 1), (1,)]
    params = [rng.uniform(-0.5, 0.5, size=s).astype(np.float32) for s in shapes]
    return X, y, params


# -- the same training code for autograd_core and torch ---------------------------------------

def logreg_train(lib, X, y, w, b, steps):
    """Gradient descent on the mean binary cross-entropy, written out in elementwise ops."""
    for _ in range(steps):
        p = 1 / (1 + (-(X @ w + b)).exp())
        loss = -(y * p.log() + (1 - y) * (1 - p).log()).mean()
        loss.backward()
        with lib.no_grad():
            w -= LR * w.grad
            b -= LR * b.grad
        w.grad = None
        b.grad = None
    return loss.item()


def mlp_train(lib, X, y, params, steps):
    W1, b1, W2, b2, W3, b3 = params
    for _ in range(steps):
        h = (X @ W1 + b1).relu()
        h = (h @ W2 + b2).relu()
        loss = ((h @ W3 + b3 - y) ** 2).mean()
        loss.backward()
        with lib.no_grad():
            for p in params:
                p -= LR * p.grad
                p.grad = None
    return loss.item()


def mlp_functional_train(lib, X, y, params, steps):
    """The same network, in the style of issue 12's report: functions, not methods."""
    W1, b1, W2, b2, W3, b3 = params
    for _ in range(steps):
        h = lib.relu(X @ W1 + b1)
        h = lib.relu(h @ W2 + b2)
        o = h @ W3 + b3
        loss = ((o - y) ** 2).mean()
        loss.backward()
        with lib.no_grad():
            for p in params:
                p -= LR * p.grad
        for p in params:
            p.grad = None
    return loss.item()


# -- the floor: NumPy by hand ---------------------------------------------------------------

def logreg_numpy(X, y, w, b, steps):
    n = X.shape[0]
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(X @ w + b)))
        loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
        g = (p - y) / n                         # d loss / d z, simplified by hand
        w -= LR * (X.T @ g)
        b -= LR * g.sum(axis=0)
    return float(loss)


# -- running ---------------------------------------------------------------------------------

def engines(workload):
    """{name: (train once, returns final loss)} for one workload."""
    out = {}
    if workload == "logreg":
        X, y, w0, b0 = logreg_data()
        out["numpy (floor)"] = lambda: logreg_numpy(X, y, w0.copy(), b0.copy(), LOGREG_STEPS)
        libs = [("autograd_core", autograd_core)] + ([("torch", torch)] if torch else [])
        for name, lib in libs:
            def run(lib=lib):
                w = lib.tensor(w0, requires_grad=True)
                b = lib.tensor(b0, requires_grad=True)
                return logreg_train(lib, lib.tensor(X), lib.tensor(y), w, b, LOGREG_STEPS)
            out[name] = run
    else:
        X, y, p0 = mlp_data()
        train = mlp_train if workload == "mlp" else mlp_functional_train
        libs = [("autograd_core", autograd_core)] + ([("torch", torch)] if torch else [])
        for name, lib in libs:
            def run(lib=lib):
                params = [lib.tensor(p, requires_grad=True) for p in p0]
                return train(lib, lib.tensor(X), lib.tensor(y), params, MLP_STEPS)
            out[name] = run
    return out


def report(workload, steps, check):
    runs = engines(workload)
    losses = {name: run() for name, run in runs.items()}
    reference = losses.get("numpy (floor)", losses.get("torch"))
    agree = all(reference is None or abs(v - reference) <= 1e-4 * max(1.0, abs(reference))
                for v in losses.values())
    timings = measure_many(runs, rounds=5, round_seconds=0.3, warmup_seconds=0.1)
    ms = {name: t.best / steps * 1e3 for name, t in timings.items()}
    print(f"\n{workload}: {steps} steps; final loss " +
          ", ".join(f"{n} {v:.6f}" for n, v in losses.items()) + ("" if agree else "  <- DISAGREE"))
    print(f"{'engine':16} {'ms/step':>9} {'vs torch':>9} {'vs numpy':>9} {'noise':>7}")
    for name, value in ms.items():
        vs_torch = f"{value / ms['torch']:.2f}×" if "torch" in ms else "—"
        vs_numpy = f"{value / ms['numpy (floor)']:.2f}×" if "numpy (floor)" in ms else "—"
        print(f"{name:16} {value:9.3f} {vs_torch:>9} {vs_numpy:>9} {timings[name].noise:6.0%}")
    ok = agree
    ours = ms["autograd_core"]
    if "torch" in ms:
        ok &= ours <= 1.0 * ms["torch"]
        print(f"target ≤ 1.0× PyTorch: {ours / ms['torch']:.2f}× -> {'met' if ours <= ms['torch'] else 'MISSED'}")
    if "numpy (floor)" in ms:
        ok &= ours <= 2.5 * ms["numpy (floor)"]
        print(f"target ≤ 2.5× NumPy: {ours / ms['numpy (floor)']:.2f}× -> "
              f"{'met' if ours <= 2.5 * ms['numpy (floor)'] else 'MISSED'}")
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--profile", choices=["logreg", "mlp", "mlp-fn"], help="cProfile autograd_core on one workload")
    args = parser.parse_args()
    print(f"python {platform.python_version()}, numpy {np.__version__}, "
          + (f"torch {torch.__version__} (1 thread)" if torch else "torch not installed: ratios vs NumPy only"))
    if args.profile:
        run = engines(args.profile)["autograd_core"]
        profile = cProfile.Profile()
        start = time.perf_counter()
        profile.runcall(run)
        print(f"{args.profile}: {time.perf_counter() - start:.3f} s under the profiler")
        pstats.Stats(profile).sort_stats("tottime").print_stats(20)
        return 0
    ok = report("logreg", LOGREG_STEPS, args.check)
    ok &= report("mlp", MLP_STEPS, args.check)
    ok &= report("mlp-fn", MLP_STEPS, args.check)
    return 0 if ok or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
