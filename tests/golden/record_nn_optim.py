"""Record what PyTorch 2.13 computes for ``torch.nn`` and ``torch.optim`` into nn_optim.json.

Run it with a Python that has PyTorch 2.13 installed (torch is never a project
dependency; a scratch venv is enough)::

    /tmp/torchenv/bin/python tests/golden/record_nn_optim.py            # (re)write nn_optim.json
    /tmp/torchenv/bin/python tests/golden/record_nn_optim.py --check    # compare, write nothing

Every case below is a function of the engine module, called ``torch`` inside:
the recorder calls it with real PyTorch, and tests/test_nn.py and
tests/test_optim.py call the very same function with ``autograd_core``.  A case
returns a dict of observations (tensors, strings, numbers, lists of them);
``encode`` turns it into JSON and ``compare`` checks a replay against the
recording (arrays with a float32 tolerance, everything else exactly).

The inputs are NumPy arrays made from fixed seeds (``rand``), never torch's
random numbers, so both engines see the same values.  Where PyTorch itself
draws random numbers (Linear's initial weights) only shapes and bounds are
recorded, and the weights are then overwritten from arrays.

This module is loaded by file path from the tests: no torch import at module
level.
"""
import argparse
import copy
import json
import math
import re
import sys
import warnings
from collections import OrderedDict
from pathlib import Path

import numpy as np

GOLDEN_DIR = Path(__file__).resolve().parent
JSON_PATH = GOLDEN_DIR / "nn_optim.json"

# float32 results may differ in the last bits (another summation order, an FMA);
# these are the tolerances of ``compare``.
RTOL = 1e-6
ATOL = 1e-7


# --------------------------------------------------------------------------
# Inputs: NumPy arrays from fixed seeds.
# --------------------------------------------------------------------------
def rand(*shape, seed, low=-1.0, high=1.0):
    """Uniform float32 values in [low, high), always the same for the same seed."""
    return np.random.default_rng(seed).uniform(low, high, shape).astype(np.float32)


def labels(n, classes, seed):
    return np.random.default_rng(seed).integers(0, classes, n).astype(np.int64)


def t(torch, array, requires_grad=False):
    """A tensor with a copy of ``array`` (the same dtype)."""
    return torch.tensor(np.array(array), requires_grad=requires_grad)


class AtScale:
    """An array compared with a tolerance relative to its largest value, not to each element.

    Parameters after several optimizer steps: a rounding difference of one float32 ulp in
    an early gradient (another summation order) moves every later value by about
    1e-7 × the size of the parameters, and an element that passes near zero keeps that
    absolute error.  (Adam even divides by √v, so a tiny gradient's rounding reaches the
    step itself.)
    """

    def __init__(self, array):
        self.array = np.asarray(array)


def values(tensor):
    """A tensor's values as a NumPy array (None stays None)."""
    if tensor is None:
        return None
    return np.array(tensor.detach().numpy(), copy=True)


# --------------------------------------------------------------------------
# Normalisation, as in record_snippets.py: ``torch.Size`` prints as
# ``autograd_core.Size`` in our engine (the one allowed difference), and
# addresses differ from run to run.
# --------------------------------------------------------------------------
_ADDRESS = re.compile(r"0x[0-9a-fA-F]+")
_TORCH_PREFIX = re.compile(r"\btorch\.")


def normalise(text):
    return _TORCH_PREFIX.sub("autograd_core.", _ADDRESS.sub("0x…", text))


def error_of(function):
    """``"TypeName: message"`` of what ``function()`` raises (or ``"no error"``)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            function()
    except Exception as exc:  # noqa: BLE001 - the exception is the observation
        return normalise(f"{type(exc).__name__}: {exc}")
    return "no error"


def warnings_of(function):
    """(result, ["Category: message", ...]) of ``function()``."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = function()
    return result, [normalise(f"{w.category.__name__}: {w.message}") for w in caught]


def node_name(tensor):
    return None if tensor.grad_fn is None else tensor.grad_fn.name()


def next_names(tensor):
    """Names of the nodes the output's grad_fn sends gradients to (None for constants)."""
    return [None if node is None else node.name().split("::")[-1]
            for node, _ in tensor.grad_fn.next_functions]


# --------------------------------------------------------------------------
# The cases.  Names start with nn_ (replayed by test_nn.py) or optim_
# (replayed by test_optim.py).
# --------------------------------------------------------------------------
CASES = {}


def case(function):
    CASES[function.__name__] = function
    return function


# -- modules: registration, repr, state_dict -----------------------------------------------

def _mlp(torch):
    """Sequential(Linear(3, 4), ReLU(), Linear(4, 1), Sigmoid()) with weights from arrays."""
    nn = torch.nn
    model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 1), nn.Sigmoid())
    model.load_state_dict(OrderedDict([
        ("0.weight", t(torch, rand(4, 3, seed=1))),
        ("0.bias", t(torch, rand(4, seed=2))),
        ("2.weight", t(torch, rand(1, 4, seed=3))),
        ("2.bias", t(torch, rand(1, seed=4))),
    ]))
    return model


def _net_class(torch):
    """A student's model: layers as attributes, forward written by hand."""
    nn = torch.nn

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc1 = nn.Linear(2, 3)
            self.act = nn.Tanh()
            self.fc2 = nn.Linear(3, 1, bias=False)
            self.scale = nn.Parameter(torch.ones(1))
            self.note = "not a parameter"
            self.offset = torch.zeros(1)          # a plain tensor: not registered

        def forward(self, x):
            return self.fc2(self.act(self.fc1(x))) * self.scale + self.offset

    return Net


@case
def nn_module_reprs(torch):
    nn = torch.nn
    net = _net_class(torch)()
    named = nn.Sequential(OrderedDict([("hidden", nn.Linear(2, 2)), ("act", nn.ReLU()),
                                       ("out", nn.Linear(2, 1))]))
    return {
        "linear": repr(nn.Linear(1, 1)),
        "linear_no_bias": repr(nn.Linear(3, 2, bias=False)),
        "activations": [repr(nn.ReLU()), repr(nn.Sigmoid()), repr(nn.Tanh()), repr(nn.ReLU(inplace=True))],
        "losses": [repr(nn.MSELoss()), repr(nn.BCELoss()), repr(nn.BCEWithLogitsLoss()),
                   repr(nn.CrossEntropyLoss()), repr(nn.MSELoss(reduction="sum"))],
        "sequential": repr(_mlp(torch)),
        "nested": repr(nn.Sequential(nn.Linear(1, 2), nn.ReLU(),
                                     nn.Sequential(nn.Linear(2, 2), nn.Tanh()), nn.Sigmoid())),
        "named_sequential": repr(named),
        "empty_sequential": repr(nn.Sequential()),
        "net": repr(net),
        "str_equals_repr": str(net) == repr(net),
    }


@case
def nn_module_registration(torch):
    nn = torch.nn
    net = _net_class(torch)()
    mlp = _mlp(torch)
    shared = nn.Linear(2, 2)
    tied = nn.Sequential(shared, nn.ReLU(), shared)     # one layer used twice
    return {
        "net_parameters": [name for name, _ in net.named_parameters()],
        "net_parameter_shapes": [list(p.shape) for p in net.parameters()],
        "net_children": [type(m).__name__ for m in net.children()],
        "net_named_children": [name for name, _ in net.named_children()],
        "net_modules": [type(m).__name__ for m in net.modules()],
        "net_named_modules": [name for name, _ in net.named_modules()],
        "net_state_dict_keys": list(net.state_dict().keys()),
        "net_offset_is_parameter": any(p is net.offset for p in net.parameters()),
        "net_note": net.note,
        "mlp_parameters": [name for name, _ in mlp.named_parameters()],
        "mlp_len": len(mlp),
        "mlp_item_1": repr(mlp[1]),
        "mlp_item_last": repr(mlp[-1]),
        "tied_parameters": [name for name, _ in tied.named_parameters()],
        "tied_state_dict": list(tied.state_dict().keys()),
        "parameters_of_relu": len(list(nn.ReLU().parameters())),
        "is_parameter_a_tensor": isinstance(nn.Linear(1, 1).weight, torch.Tensor),
        "parameter_class": type(nn.Linear(1, 1).weight).__name__,
    }


@case
def nn_parameter(torch):
    nn = torch.nn
    p = nn.Parameter(t(torch, rand(2, 3, seed=5)))
    frozen = nn.Parameter(t(torch, rand(2, seed=6)), requires_grad=False)
    from_computed = nn.Parameter(t(torch, rand(2, seed=7), requires_grad=True) * 2)
    return {
        "repr": repr(p),
        "str": str(p),
        "repr_frozen": repr(frozen),
        "requires_grad": [p.requires_grad, frozen.requires_grad, from_computed.requires_grad],
        "is_leaf": [p.is_leaf, frozen.is_leaf, from_computed.is_leaf],
        "grad_fn": [node_name(p), node_name(from_computed)],
        "values": values(p),
        "times_two_repr": repr(p * 2),
        "scalar_repr": repr(nn.Parameter(torch.tensor(0.5))),
    }


@case
def nn_state_dict(torch):
    nn = torch.nn
    mlp = _mlp(torch)
    state = mlp.state_dict()
    other = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 1), nn.Sigmoid())
    loaded = other.load_state_dict(state)
    x = t(torch, rand(5, 3, seed=8))
    small = nn.Linear(2, 1)
    small.load_state_dict({"weight": t(torch, [[0.5, -0.25]]), "bias": t(torch, [0.125])})
    partial = small.load_state_dict({"weight": t(torch, [[1.0, 2.0]])}, strict=False)
    extra = small.load_state_dict({"weight": t(torch, [[1.0, 2.0]]), "bias": t(torch, [0.0]),
                                   "scale": t(torch, [1.0])}, strict=False)
    return {
        "keys": list(state.keys()),
        "type": type(state).__name__,
        "requires_grad": [v.requires_grad for v in state.values()],
        "shares_memory": bool(np.shares_memory(state["0.weight"].numpy(),
                                               mlp[0].weight.detach().numpy())),
        "small_repr": repr(small.state_dict()),
        "load_result": repr(loaded),
        "partial_result": repr(partial),
        "extra_result": repr(extra),
        "missing_keys": list(partial.missing_keys),
        "unexpected_keys": list(extra.unexpected_keys),
        "round_trip_output": values(other(x)),
        "original_output": values(mlp(x)),
        "loaded_is_a_copy": other[0].weight is not mlp[0].weight,
        "weight_after_partial": values(small.weight),
    }


@case
def nn_train_eval(torch):
    nn = torch.nn
    net = _net_class(torch)()
    mlp = _mlp(torch)
    flags = {"initial": [m.training for m in mlp.modules()]}
    result = mlp.eval()
    flags["after_eval"] = [m.training for m in mlp.modules()]
    flags["eval_returns_self"] = result is mlp
    mlp.train()
    flags["after_train"] = [m.training for m in mlp.modules()]
    mlp.train(False)
    flags["after_train_false"] = [m.training for m in mlp.modules()]
    net.fc1.eval()
    flags["net_mixed"] = [m.training for m in net.modules()]
    return flags


@case
def nn_zero_grad(torch):
    mlp = _mlp(torch)
    x = t(torch, rand(5, 3, seed=9))
    mlp(x).sum().backward()
    before = [values(p.grad) for p in mlp.parameters()]
    mlp(x).sum().backward()
    accumulated = [values(p.grad) for p in mlp.parameters()]
    mlp.zero_grad()
    after_default = [p.grad is None for p in mlp.parameters()]
    mlp(x).sum().backward()
    mlp.zero_grad(set_to_none=False)
    after_zeros = [values(p.grad) for p in mlp.parameters()]
    return {"first": before, "accumulated": accumulated, "grad_is_none": after_default,
            "zeros": after_zeros}


@case
def nn_linear_init(torch):
    """Random initial values: record shapes, dtypes and bounds only."""
    nn = torch.nn
    result = {}
    for n_in, n_out in [(1, 1), (3, 2), (200, 100)]:
        layer = nn.Linear(n_in, n_out)
        w, b = values(layer.weight), values(layer.bias)
        bound = 1 / math.sqrt(n_in)
        key = f"{n_in}x{n_out}"
        result[key + "_shapes"] = [list(layer.weight.shape), list(layer.bias.shape)]
        result[key + "_dtype"] = [str(layer.weight.dtype), str(layer.bias.dtype)]
        result[key + "_requires_grad"] = [layer.weight.requires_grad, layer.bias.requires_grad]
        result[key + "_within_bound"] = [bool(np.all(np.abs(w) <= bound)),
                                        bool(np.all(np.abs(b) <= bound))]
        if n_in == 200:
            # 20000 draws from U(-bound, bound): std bound/√3 and the edges nearly reached.
            result[key + "_uniform"] = [
                bool(abs(w.std() - bound / math.sqrt(3)) < 0.03 * bound),
                bool(abs(w.mean()) < 0.02 * bound),
                bool(np.abs(w).max() > 0.99 * bound),
                bool(np.abs(b).max() > 0.8 * bound),
            ]
    layer = nn.Linear(3, 2, bias=False)
    result["no_bias"] = [layer.bias is None, [name for name, _ in layer.named_parameters()]]
    result["float64"] = str(nn.Linear(2, 2, dtype=torch.float64).weight.dtype)
    return result


# -- Linear forward and backward --------------------------------------------------------------

def _linear_case(torch, input_shape, bias):
    layer = torch.nn.Linear(3, 2, bias=bias)
    with torch.no_grad():
        layer.weight.copy_(t(torch, rand(2, 3, seed=10)))
        if bias:
            layer.bias.copy_(t(torch, rand(2, seed=11)))
    x = t(torch, rand(*input_shape, seed=12), requires_grad=True)
    y = layer(x)
    y.backward(t(torch, rand(*y.shape, seed=13)))
    return {
        "output": values(y),
        "grad_fn": node_name(y),
        "next": next_names(y),
        "x_grad": values(x.grad),
        "weight_grad": values(layer.weight.grad),
        "bias_grad": values(layer.bias.grad) if bias else None,
    }


for _shape in [(3,), (4, 3), (2, 4, 3)]:
    for _bias in (True, False):
        def _make(shape=_shape, bias=_bias):
            return lambda torch: _linear_case(torch, shape, bias)
        CASES[f"nn_linear_{len(_shape)}d_{'bias' if _bias else 'nobias'}"] = _make()


@case
def nn_mlp_bce(torch):
    """A whole model: forward, BCELoss, backward; the gradient of every parameter."""
    nn = torch.nn
    model = _mlp(torch)
    x = t(torch, rand(6, 3, seed=14))
    y = t(torch, np.array([[0.0], [1.0], [1.0], [0.0], [1.0], [0.0]], dtype=np.float32))
    prediction = model(x)
    loss = nn.BCELoss()(prediction, y)
    loss.backward()
    result = {"prediction": values(prediction), "prediction_grad_fn": node_name(prediction),
              "loss": values(loss), "loss_repr": repr(loss)}
    for name, p in model.named_parameters():
        result["grad " + name] = values(p.grad)
    return result


@case
def nn_net_forward(torch):
    """The hand-written Net: parameters of sub-modules and its own all get gradients."""
    nn = torch.nn
    net = _net_class(torch)()
    net.load_state_dict({
        "scale": t(torch, [1.5]),
        "fc1.weight": t(torch, rand(3, 2, seed=15)),
        "fc1.bias": t(torch, rand(3, seed=16)),
        "fc2.weight": t(torch, rand(1, 3, seed=17)),
    })
    x = t(torch, rand(4, 2, seed=18))
    out = net(x)
    loss = nn.MSELoss()(out, t(torch, rand(4, 1, seed=19)))
    loss.backward()
    result = {"out": values(out), "loss": values(loss), "loss_repr": repr(loss)}
    for name, p in net.named_parameters():
        result["grad " + name] = values(p.grad)
    return result


# -- activations and softmax ---------------------------------------------------------------

def _activation_case(torch, make, shape=(3, 4), seed=20, low=-2.0, high=2.0, special=None):
    array = rand(*shape, seed=seed, low=low, high=high)
    if special is not None:
        array.reshape(-1)[: len(special)] = special
    x = t(torch, array, requires_grad=True)
    y = make(torch, x)
    y.backward(t(torch, rand(*y.shape, seed=seed + 1)))
    return {"output": values(y), "grad_fn": node_name(y), "x_grad": values(x.grad),
            "repr": repr(y) if y.ndim <= 2 else None}


_ACTIVATIONS = {
    "relu_functional": lambda torch, x: torch.nn.functional.relu(x),
    "relu_module": lambda torch, x: torch.nn.ReLU()(x),
    "relu_inplace": lambda torch, x: torch.nn.ReLU(inplace=True)(x * 1),
    "sigmoid_functional": lambda torch, x: torch.nn.functional.sigmoid(x),
    "sigmoid_module": lambda torch, x: torch.nn.Sigmoid()(x),
    "tanh_module": lambda torch, x: torch.nn.Tanh()(x),
    "softmax_dim1": lambda torch, x: torch.nn.functional.softmax(x, dim=1),
    "softmax_dim0": lambda torch, x: torch.nn.functional.softmax(x, dim=0),
    "softmax_dim_neg1": lambda torch, x: torch.nn.functional.softmax(x, dim=-1),
    "log_softmax_dim1": lambda torch, x: torch.nn.functional.log_softmax(x, dim=1),
    "log_softmax_dim0": lambda torch, x: torch.nn.functional.log_softmax(x, dim=0),
}

for _name, _make_fn in _ACTIVATIONS.items():
    def _make(make=_make_fn):
        # Exact zeros: relu's derivative at 0 is taken to be 0.
        return lambda torch: _activation_case(torch, make, special=[0.0, 0.0])
    CASES[f"nn_activation_{_name}"] = _make()

CASES["nn_activation_softmax_3d"] = lambda torch: _activation_case(
    torch, lambda torch, x: torch.nn.functional.softmax(x, dim=1), shape=(2, 3, 4), seed=22)
CASES["nn_activation_log_softmax_3d"] = lambda torch: _activation_case(
    torch, lambda torch, x: torch.nn.functional.log_softmax(x, dim=2), shape=(2, 3, 4), seed=23)
# Scores of ±1000: exp() alone overflows; the max-shift keeps softmax finite.
CASES["nn_activation_softmax_large"] = lambda torch: _activation_case(
    torch, lambda torch, x: torch.nn.functional.softmax(x, dim=1), seed=24, low=-1000.0, high=1000.0)
CASES["nn_activation_log_softmax_large"] = lambda torch: _activation_case(
    torch, lambda torch, x: torch.nn.functional.log_softmax(x, dim=1), seed=25, low=-1000.0, high=1000.0)
CASES["nn_activation_sigmoid_large"] = lambda torch: _activation_case(
    torch, lambda torch, x: torch.nn.functional.sigmoid(x), seed=26, low=-100.0, high=100.0)


@case
def nn_softmax_implicit_dim(torch):
    F = torch.nn.functional
    x = t(torch, rand(2, 3, seed=27))
    y, caught = warnings_of(lambda: F.softmax(x))
    z, caught_log = warnings_of(lambda: F.log_softmax(t(torch, rand(3, seed=28))))
    return {"output": values(y), "warnings": caught, "output_1d": values(z),
            "warnings_1d": caught_log}


# -- losses -----------------------------------------------------------------------------------

REDUCTIONS = ("mean", "sum", "none")


def _loss_case(torch, loss_fn, inputs, upstream_seed=40):
    """inputs: name -> (array, requires_grad).  loss_fn(torch, **tensors) -> loss."""
    tensors = {name: t(torch, array, requires_grad=grad) for name, (array, grad) in inputs.items()}
    loss, caught = warnings_of(lambda: loss_fn(torch, **tensors))
    if loss.ndim == 0:
        loss.backward()
    else:
        loss.backward(t(torch, rand(*loss.shape, seed=upstream_seed)))
    result = {"loss": values(loss), "grad_fn": node_name(loss), "repr": repr(loss),
              "warnings": caught}
    if loss.grad_fn is not None:
        result["next"] = next_names(loss)
    for name, tensor in tensors.items():
        if tensor.requires_grad:
            result["grad " + name] = values(tensor.grad)
    return result


def _probabilities(*shape, seed):
    return rand(*shape, seed=seed, low=0.02, high=0.98)


def _loss_cases():
    x, y = rand(4, 3, seed=30), rand(4, 3, seed=31)
    p, target = _probabilities(4, 3, seed=32), _probabilities(4, 3, seed=33)
    weight = rand(4, 3, seed=34, low=0.5, high=2.0)
    logits = rand(4, 3, seed=35, low=-4.0, high=4.0)
    scores = rand(5, 4, seed=36, low=-3.0, high=3.0)
    classes = np.array([0, 3, 1, 1, 2], dtype=np.int64)
    class_weight = np.array([1.0, 2.0, 0.5, 1.5], dtype=np.float32)
    cases = {}
    for r in REDUCTIONS:
        cases[f"mse_{r}"] = (
            lambda torch, input, target, r=r: torch.nn.MSELoss(reduction=r)(input, target),
            {"input": (x, True), "target": (y, True)})
        cases[f"mse_functional_{r}"] = (
            lambda torch, input, target, r=r: torch.nn.functional.mse_loss(input, target, reduction=r),
            {"input": (x, True), "target": (y, False)})
        cases[f"bce_{r}"] = (
            lambda torch, input, target, r=r: torch.nn.BCELoss(reduction=r)(input, target),
            {"input": (p, True), "target": (target, True)})
        cases[f"bce_weight_{r}"] = (
            lambda torch, input, target, weight, r=r:
                torch.nn.BCELoss(weight=weight, reduction=r)(input, target),
            {"input": (p, True), "target": (target, False), "weight": (weight, False)})
        cases[f"bce_logits_{r}"] = (
            lambda torch, input, target, r=r: torch.nn.BCEWithLogitsLoss(reduction=r)(input, target),
            {"input": (logits, True), "target": (target, True)})
        cases[f"bce_logits_pos_weight_{r}"] = (
            lambda torch, input, target, weight, pos_weight, r=r: torch.nn.BCEWithLogitsLoss(
                weight=weight, pos_weight=pos_weight, reduction=r)(input, target),
            {"input": (logits, True), "target": (target, True), "weight": (weight, False),
             "pos_weight": (np.array([0.5, 1.0, 3.0], dtype=np.float32), False)})
        cases[f"cross_entropy_{r}"] = (
            lambda torch, input, target, r=r: torch.nn.CrossEntropyLoss(reduction=r)(input, target),
            {"input": (scores, True), "target": (classes, False)})
        cases[f"cross_entropy_weight_{r}"] = (
            lambda torch, input, target, weight, r=r:
                torch.nn.CrossEntropyLoss(weight=weight, reduction=r)(input, target),
            {"input": (scores, True), "target": (classes, False), "weight": (class_weight, False)})
        cases[f"cross_entropy_ignore_index_{r}"] = (
            lambda torch, input, target, r=r:
                torch.nn.CrossEntropyLoss(ignore_index=1, reduction=r)(input, target),
            {"input": (scores, True), "target": (classes, False)})
        cases[f"cross_entropy_probabilities_{r}"] = (
            lambda torch, input, target, r=r:
                torch.nn.functional.cross_entropy(
                    input, torch.nn.functional.softmax(target, dim=1), reduction=r),
            {"input": (scores, True), "target": (rand(5, 4, seed=37), False)})
        cases[f"nll_{r}"] = (
            lambda torch, input, target, r=r: torch.nn.functional.nll_loss(
                torch.nn.functional.log_softmax(input, dim=1), target, reduction=r),
            {"input": (scores, True), "target": (classes, False)})
    cases["mse_broadcast_warning"] = (
        lambda torch, input, target: torch.nn.functional.mse_loss(input, target),
        {"input": (x, True), "target": (rand(4, 1, seed=38), True)})
    cases["mse_weight"] = (
        lambda torch, input, target, weight: torch.nn.functional.mse_loss(input, target, weight=weight),
        {"input": (x, True), "target": (y, False), "weight": (weight, False)})
    # log(0) is -inf: PyTorch clamps each log at -100, so the loss stays finite.
    edge = np.array([0.0, 1.0, 0.5, 1e-8, 1 - 1e-7, 0.25], dtype=np.float32)
    edge_target = np.array([1.0, 0.0, 0.5, 1.0, 0.0, 0.0], dtype=np.float32)
    for r in ("mean", "none"):
        cases[f"bce_clamp_{r}"] = (
            lambda torch, input, target, r=r:
                torch.nn.functional.binary_cross_entropy(input, target, reduction=r),
            {"input": (edge, True), "target": (edge_target, False)})
    # Logits of ±50: σ(x) rounds to exactly 0 or 1 in float32, the logits form does not care.
    # (Not ±100: e^-100 is subnormal in float32, where PyTorch's vectorised exp differs in
    # the last bit, which shows in the printed value.)
    big = np.array([50.0, -50.0, 30.0, -30.0, 0.0, 5.0], dtype=np.float32)
    cases["bce_logits_large"] = (
        lambda torch, input, target: torch.nn.functional.binary_cross_entropy_with_logits(
            input, target, reduction="none"),
        {"input": (big, True), "target": (edge_target, True)})
    cases["cross_entropy_large"] = (
        lambda torch, input, target: torch.nn.functional.cross_entropy(input, target),
        {"input": (rand(5, 4, seed=39, low=-1000.0, high=1000.0), True), "target": (classes, False)})
    cases["cross_entropy_1d"] = (
        lambda torch, input, target: torch.nn.functional.cross_entropy(input, target),
        {"input": (scores[0], True), "target": (np.array(2, dtype=np.int64), False)})
    cases["cross_entropy_tutorial"] = (
        lambda torch, input, target: torch.nn.CrossEntropyLoss()(input, target),
        {"input": (np.array([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3]], dtype=np.float32), True),
         "target": (np.array([0, 1], dtype=np.int64), False)})
    return cases


for _name, (_fn, _inputs) in _loss_cases().items():
    def _make(fn=_fn, inputs=_inputs):
        return lambda torch: _loss_case(torch, fn, inputs)
    CASES[f"nn_loss_{_name}"] = _make()


@case
def nn_seed003_mse_repr(torch):
    """seed 003: tensor(6.2564e-05, grad_fn=<MseLossBackward0>)."""
    pred = torch.tensor([0.5, 1.25, -0.75], requires_grad=True)
    target = torch.tensor([0.51, 1.2436, -0.7545])
    loss = torch.nn.MSELoss()(pred, target)
    loss.backward()
    return {"repr": repr(loss), "grad": values(pred.grad)}


@case
def nn_seed003_lr_module(torch):
    """seed 003's LR module, as in the tutorial (plain tensors, its own backward and optimize)."""
    nn = torch.nn
    device = "cpu"

    class LR(nn.Module):
        def __init__(self, dim, lr=torch.scalar_tensor(0.01)):
            super(LR, self).__init__()
            # intialize parameters
            self.w = torch.zeros(dim, 1, dtype=torch.float).to(device)
            self.b = torch.scalar_tensor(0).to(device)
            self.grads = {"dw": torch.zeros(dim, 1, dtype=torch.float).to(device),
                          "db": torch.scalar_tensor(0).to(device)}
            self.lr = lr.to(device)

        def forward(self, x):
            ## compute forward
            z = torch.mm(self.w.T, x)
            a = self.sigmoid(z)
            return a

        def sigmoid(self, z):
            return 1/ (1 + torch.exp(-z))

        def backward(self, x, yhat, y):
            ## compute backward
            self.grads["dw"] = (1/x.shape[1]) * torch.mm(x, (yhat - y).T)
            self.grads["db"] = (1/x.shape[1]) * torch.sum(yhat - y)

        def optimize(self):
            ## optimization step
            self.w = self.w - self.lr * self.grads["dw"]
            self.b = self.b - self.lr * self.grads["db"]

    x = t(torch, rand(3, 8, seed=50, low=-2.0, high=2.0))
    y = t(torch, np.array([[1, 0, 1, 1, 0, 0, 1, 0]], dtype=np.float32))
    model = LR(3, lr=torch.scalar_tensor(0.5))
    result = {"repr": repr(model), "parameters": len(list(model.parameters())),
              "state_dict": list(model.state_dict().keys()), "training": model.training}
    trajectory = []
    for _ in range(10):
        yhat = model(x)
        model.backward(x, yhat, y)
        model.optimize()
        trajectory.append(np.concatenate([values(model.w).reshape(-1), values(model.b).reshape(-1)]))
    result["trajectory"] = np.stack(trajectory)
    result["yhat"] = values(model(x))
    result["w_repr"] = repr(model.w)
    result["b_repr"] = repr(model.b)
    return result


# -- mistakes and their messages ---------------------------------------------------------------

@case
def nn_errors(torch):
    nn = torch.nn
    F = nn.functional

    class NoInit(nn.Module):
        def __init__(self):
            self.fc = nn.Linear(1, 1)

    class NoInitParameter(nn.Module):
        def __init__(self):
            self.w = nn.Parameter(torch.ones(1))

    class NoForward(nn.Module):
        pass

    def assign_tensor_to_parameter():
        layer = nn.Linear(2, 1)
        layer.weight = torch.ones(1, 2)

    def assign_number_to_module():
        model = nn.Sequential(nn.Linear(1, 1))
        model.__setattr__("0", 3)

    def load(model, state, **kwargs):
        return lambda: model.load_state_dict(state, **kwargs)

    x43 = t(torch, rand(4, 3, seed=60))
    p = t(torch, _probabilities(3, seed=61))
    return {
        "linear_2d": error_of(lambda: nn.Linear(5, 2)(x43)),
        "linear_1d": error_of(lambda: nn.Linear(5, 2)(t(torch, rand(3, seed=62)))),
        "linear_3d": error_of(lambda: nn.Linear(5, 2)(t(torch, rand(2, 4, 3, seed=63)))),
        "linear_no_bias": error_of(lambda: nn.Linear(5, 2, bias=False)(x43)),
        "linear_int_input": error_of(lambda: nn.Linear(3, 2)(torch.ones(4, 3, dtype=torch.int64))),
        "linear_double_input": error_of(lambda: nn.Linear(3, 2)(torch.ones(4, 3, dtype=torch.float64))),
        "no_init_module": error_of(NoInit),
        "no_init_parameter": error_of(NoInitParameter),
        "no_forward": error_of(lambda: NoForward()(x43)),
        "module_args": error_of(lambda: nn.Module(3)),
        "module_kwargs": error_of(lambda: nn.Module(a=3)),
        "missing_attribute": error_of(lambda: nn.Linear(1, 1).wieght),
        "tensor_as_parameter": error_of(assign_tensor_to_parameter),
        "number_as_module": error_of(assign_number_to_module),
        "parameter_of_int": error_of(lambda: nn.Parameter(torch.ones(2, dtype=torch.int64))),
        "load_missing": error_of(load(nn.Linear(2, 1), {"weight": torch.ones(1, 2)})),
        "load_unexpected": error_of(load(nn.Linear(2, 1), {"weight": torch.ones(1, 2), "bias": torch.ones(1),
                                                         "extra": torch.ones(1)})),
        "load_size_mismatch": error_of(load(nn.Linear(2, 1), {"weight": torch.ones(2, 2), "bias": torch.ones(1)})),
        "load_not_a_dict": error_of(load(nn.Linear(2, 1), [1, 2])),
        "sequential_index": error_of(lambda: nn.Sequential(nn.ReLU())[3]),
        "mse_reduction": error_of(lambda: nn.MSELoss(reduction="average")(x43, x43)),
        "mse_long_target": error_of(lambda: F.mse_loss(x43, torch.ones(4, 3, dtype=torch.int64))),
        "mse_shapes": error_of(lambda: F.mse_loss(x43, torch.ones(4))),
        "bce_input_range": error_of(lambda: F.binary_cross_entropy(p * 3, p)),
        "bce_target_range": error_of(lambda: F.binary_cross_entropy(p, p * 3)),
        "bce_shape": error_of(lambda: F.binary_cross_entropy(p, p.reshape(3, 1))),
        "bce_logits_shape": error_of(lambda: F.binary_cross_entropy_with_logits(p, p.reshape(3, 1))),
        "bce_long_target": error_of(lambda: F.binary_cross_entropy(p, torch.ones(3, dtype=torch.int64))),
        "ce_out_of_bounds": error_of(lambda: F.cross_entropy(x43, torch.tensor([0, 3, 1, 1]))),
        "ce_negative": error_of(lambda: F.cross_entropy(x43, torch.tensor([0, -1, 1, 1]))),
        "ce_float_target": error_of(lambda: F.cross_entropy(x43, torch.tensor([0.0, 2.0, 1.0, 1.0]))),
        "ce_batch": error_of(lambda: F.cross_entropy(x43, torch.tensor([0, 1]))),
        "ce_2d_target": error_of(lambda: F.cross_entropy(x43, torch.zeros(4, 1, dtype=torch.int64))),
        "ce_scalar_input": error_of(lambda: F.cross_entropy(torch.tensor(1.0), torch.tensor(0))),
        "ce_weight_size": error_of(lambda: F.cross_entropy(x43, torch.tensor([0, 1, 2, 1]),
                                                           weight=torch.ones(4))),
        "softmax_dim": error_of(lambda: F.softmax(x43, dim=2)),
    }


# -- optimizers -------------------------------------------------------------------------------

def _regression(torch):
    """Linear(3, 2) with weights from arrays, and MSELoss on fixed data."""
    nn = torch.nn
    model = nn.Linear(3, 2)
    model.load_state_dict({"weight": t(torch, rand(2, 3, seed=70)), "bias": t(torch, rand(2, seed=71))})
    x = t(torch, rand(8, 3, seed=72, low=-2.0, high=2.0))
    y = t(torch, rand(8, 2, seed=73, low=-2.0, high=2.0))
    return model, (lambda: nn.MSELoss()(model(x), y))


def _trajectory(torch, make_optimizer, steps=10, params=None):
    model, compute_loss = _regression(torch)
    optimizer = make_optimizer(model.parameters() if params is None else params(model))
    losses, weights, biases = [], [], []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = compute_loss()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        weights.append(values(model.weight))
        biases.append(values(model.bias))
    return {"losses": np.array(losses, dtype=np.float32), "weights": AtScale(np.stack(weights)),
            "biases": AtScale(np.stack(biases)), "repr": repr(optimizer)}


_OPTIMIZERS = {
    "sgd": lambda torch, params: torch.optim.SGD(params, lr=0.1),
    "sgd_momentum": lambda torch, params: torch.optim.SGD(params, lr=0.05, momentum=0.9),
    "sgd_dampening": lambda torch, params: torch.optim.SGD(params, lr=0.05, momentum=0.9, dampening=0.5),
    "sgd_nesterov": lambda torch, params: torch.optim.SGD(params, lr=0.05, momentum=0.9, nesterov=True),
    "sgd_weight_decay": lambda torch, params: torch.optim.SGD(params, lr=0.1, weight_decay=0.1),
    "sgd_all": lambda torch, params: torch.optim.SGD(params, lr=0.05, momentum=0.8, weight_decay=0.01,
                                                     nesterov=True),
    "sgd_maximize": lambda torch, params: torch.optim.SGD(params, lr=0.01, momentum=0.5, maximize=True),
    "sgd_default_lr": lambda torch, params: torch.optim.SGD(params),
    "adam": lambda torch, params: torch.optim.Adam(params, lr=0.1),
    "adam_default": lambda torch, params: torch.optim.Adam(params),
    "adam_betas": lambda torch, params: torch.optim.Adam(params, lr=0.05, betas=(0.3, 0.8)),
    "adam_weight_decay": lambda torch, params: torch.optim.Adam(params, lr=0.05, weight_decay=0.1),
    "adam_amsgrad": lambda torch, params: torch.optim.Adam(params, lr=0.1, amsgrad=True),
    "adam_eps": lambda torch, params: torch.optim.Adam(params, lr=0.1, eps=1e-2),
    "adam_decoupled": lambda torch, params: torch.optim.Adam(params, lr=0.05, weight_decay=0.5,
                                                             decoupled_weight_decay=True),
    "adam_maximize": lambda torch, params: torch.optim.Adam(params, lr=0.01, maximize=True),
}

for _name, _make_fn in _OPTIMIZERS.items():
    def _make(make=_make_fn):
        return lambda torch: _trajectory(torch, lambda params: make(torch, params))
    CASES[f"optim_{_name}"] = _make()


@case
def optim_mlp_classifier(torch):
    """nn and optim together: a 2-layer classifier, CrossEntropyLoss, Adam, 8 steps."""
    nn = torch.nn
    model = nn.Sequential(nn.Linear(4, 5), nn.Tanh(), nn.Linear(5, 3))
    model.load_state_dict(OrderedDict([
        ("0.weight", t(torch, rand(5, 4, seed=80))), ("0.bias", t(torch, rand(5, seed=81))),
        ("2.weight", t(torch, rand(3, 5, seed=82))), ("2.bias", t(torch, rand(3, seed=83)))]))
    x = t(torch, rand(10, 4, seed=84, low=-2.0, high=2.0))
    y = t(torch, labels(10, 3, seed=85))
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.05)
    losses = []
    for _ in range(8):
        optimizer.zero_grad()
        loss = criterion(model(x), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    result = {"losses": np.array(losses, dtype=np.float32), "last_loss_repr": repr(loss)}
    for name, p in model.named_parameters():
        result[name] = AtScale(values(p))
    return result


@case
def optim_manual_sgd(torch):
    """The update written by hand, as tutorials do before introducing torch.optim."""
    model, compute_loss = _regression(torch)
    learning_rate = 0.1
    losses = []
    for _ in range(5):
        loss = compute_loss()
        loss.backward()
        with torch.no_grad():
            for p in model.parameters():
                p -= learning_rate * p.grad
                p.grad.zero_()
        losses.append(loss.item())
    return {"losses": np.array(losses, dtype=np.float32), "weight": AtScale(values(model.weight)),
            "bias": AtScale(values(model.bias)), "grad_after": values(model.weight.grad),
            "weight_repr": repr(model.weight)}


@case
def optim_param_groups(torch):
    """Two groups with their own options; the rest come from the defaults."""
    result = _trajectory(torch, lambda groups: torch.optim.SGD(groups, lr=0.1, momentum=0.5),
                         params=lambda model: [{"params": [model.weight]},
                                               {"params": model.bias, "lr": 0.01, "momentum": 0.0}])
    model, _ = _regression(torch)
    optimizer = torch.optim.Adam([{"params": [model.weight], "lr": 0.5}, {"params": [model.bias]}], lr=0.1)
    result["adam_groups"] = [[g["lr"], g["betas"], len(g["params"])] for g in optimizer.param_groups]
    result["adam_repr"] = repr(optimizer)
    return result


@case
def optim_named_parameters(torch):
    """PyTorch 2.13 also takes model.named_parameters(): the names are kept in the group."""
    result = _trajectory(torch, lambda params: torch.optim.SGD(params, lr=0.1),
                         params=lambda model: model.named_parameters())
    model, _ = _regression(torch)
    optimizer = torch.optim.SGD(model.named_parameters(), lr=0.1)
    result["param_names"] = list(optimizer.param_groups[0]["param_names"])
    result["state_dict_groups"] = repr(optimizer.state_dict()["param_groups"])
    return result


@case
def optim_zero_grad(torch):
    model, compute_loss = _regression(torch)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    compute_loss().backward()
    first = values(model.weight.grad)
    compute_loss().backward()                      # no zero_grad: gradients add up
    doubled = values(model.weight.grad)
    optimizer.zero_grad()
    none_after = [p.grad is None for p in model.parameters()]
    compute_loss().backward()
    optimizer.zero_grad(set_to_none=False)
    zeros_after = [values(p.grad) for p in model.parameters()]
    return {"first": first, "doubled": doubled, "none_after_zero_grad": none_after,
            "zeros_after_set_to_none_false": zeros_after}


@case
def optim_skips_params_without_grad(torch):
    model, compute_loss = _regression(torch)
    unused = torch.nn.Parameter(torch.ones(2))
    optimizer = torch.optim.Adam(list(model.parameters()) + [unused], lr=0.1)
    for _ in range(3):
        optimizer.zero_grad()
        compute_loss().backward()
        optimizer.step()
    return {"unused": values(unused), "unused_has_state": len(optimizer.state[unused]) > 0,
            "state_sizes": [len(optimizer.state[p]) for p in model.parameters()],
            "weight": AtScale(values(model.weight))}


@case
def optim_state(torch):
    """What the optimizers keep between steps, and state_dict() / load_state_dict()."""
    result = {}
    for name, make in [("sgd", lambda params: torch.optim.SGD(params, lr=0.1, momentum=0.9)),
                       ("sgd_plain", lambda params: torch.optim.SGD(params, lr=0.1)),
                       ("adam", lambda params: torch.optim.Adam(params, lr=0.1)),
                       ("adam_amsgrad", lambda params: torch.optim.Adam(params, lr=0.1, amsgrad=True))]:
        model, compute_loss = _regression(torch)
        optimizer = make(model.parameters())
        for _ in range(3):
            optimizer.zero_grad()
            compute_loss().backward()
            optimizer.step()
        state = optimizer.state_dict()
        result[name + "_state_keys"] = {str(k): list(v.keys()) for k, v in state["state"].items()}
        result[name + "_state_repr"] = repr(state)
        result[name + "_weight_state"] = {k: (values(v) if hasattr(v, "detach") else v)
                                          for k, v in optimizer.state[model.weight].items()}

        # load_state_dict() takes the state's tensors as they are (no copy), as PyTorch does.
        other_model, _ = _regression(torch)
        other = make(other_model.parameters())
        other.load_state_dict(state)
        result[name + "_load_shares_tensors"] = [
            other.state[other_model.weight][k] is v for k, v in state["state"].get(0, {}).items()]

        # Save after 3 steps (a deep copy, as torch.save would), load into a fresh
        # optimizer, continue: as if never interrupted.
        fresh_model, fresh_loss = _regression(torch)
        fresh_model.load_state_dict(model.state_dict())
        fresh = make(fresh_model.parameters())
        fresh.load_state_dict(copy.deepcopy(state))
        for opt, loss_fn in ((optimizer, compute_loss), (fresh, fresh_loss)):
            for _ in range(2):
                opt.zero_grad()
                loss_fn().backward()
                opt.step()
        result[name + "_continued"] = AtScale(values(model.weight))
        result[name + "_resumed"] = AtScale(values(fresh_model.weight))
    return result


@case
def optim_errors(torch):
    nn = torch.nn
    optim = torch.optim
    p = [nn.Parameter(torch.ones(2))]
    q = nn.Parameter(torch.ones(2))
    x = torch.ones(2, requires_grad=True)

    def two_groups_sharing():
        optimizer = optim.SGD(p, lr=0.1)
        optimizer.add_param_group({"params": p})

    def mismatched_load():
        optimizer = optim.SGD(p, lr=0.1)
        optimizer.load_state_dict(optim.SGD([q, nn.Parameter(torch.ones(1))], lr=0.1).state_dict())

    return {
        "empty_list": error_of(lambda: optim.SGD([], lr=0.1)),
        "empty_generator": error_of(lambda: optim.Adam(nn.ReLU().parameters())),
        "single_tensor": error_of(lambda: optim.SGD(q, lr=0.1)),
        "not_a_tensor": error_of(lambda: optim.SGD([1.0], lr=0.1)),
        "non_leaf": error_of(lambda: optim.SGD([x * 2], lr=0.1)),
        "set_of_params_in_group": error_of(lambda: optim.SGD([{"params": {q}}], lr=0.1)),
        "shared_between_groups": error_of(two_groups_sharing),
        "sgd_lr": error_of(lambda: optim.SGD(p, lr=-0.1)),
        "sgd_momentum": error_of(lambda: optim.SGD(p, lr=0.1, momentum=-0.5)),
        "sgd_weight_decay": error_of(lambda: optim.SGD(p, lr=0.1, weight_decay=-1e-4)),
        "sgd_nesterov": error_of(lambda: optim.SGD(p, lr=0.1, nesterov=True)),
        "sgd_nesterov_dampening": error_of(lambda: optim.SGD(p, lr=0.1, momentum=0.9, dampening=0.1,
                                                             nesterov=True)),
        "adam_lr": error_of(lambda: optim.Adam(p, lr=-1.0)),
        "adam_eps": error_of(lambda: optim.Adam(p, eps=-1e-8)),
        "adam_beta0": error_of(lambda: optim.Adam(p, betas=(1.0, 0.999))),
        "adam_beta1": error_of(lambda: optim.Adam(p, betas=(0.9, -0.1))),
        "adam_int_betas": error_of(lambda: optim.Adam(p, betas=(0, 0.5))),
        "adam_weight_decay": error_of(lambda: optim.Adam(p, weight_decay=-0.1)),
        "load_mismatch": error_of(mismatched_load),
        "mixed_names": error_of(lambda: optim.SGD([("w", q), x], lr=0.1)),
        "group_not_dict": error_of(lambda: optim.SGD(p, lr=0.1).add_param_group([q])),
    }


@case
def optim_duplicate_warning(torch):
    q = torch.nn.Parameter(torch.ones(2))
    _, caught = warnings_of(lambda: torch.optim.SGD([q, q], lr=0.1))
    return {"warnings": caught}


# --------------------------------------------------------------------------
# Encoding, replay comparison (shared with the tests).
# --------------------------------------------------------------------------
def encode(value):
    """JSON-ready form of an observation: arrays become {"dtype", "shape", "values"}."""
    if isinstance(value, np.ndarray):
        return {"dtype": value.dtype.name, "shape": list(value.shape), "values": value.tolist()}
    if isinstance(value, AtScale):
        return dict(encode(value.array), tolerance="scale")
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value)
    if isinstance(value, str):
        return normalise(value)      # torch.float32 -> autograd_core.float32, as everywhere
    if value is None:
        return value
    raise TypeError(f"cannot record a {type(value).__name__}: {value!r}")


def _is_array(value):
    return isinstance(value, dict) and set(value) - {"tolerance"} == {"dtype", "shape", "values"}


def compare(expected, actual, where="", rtol=RTOL, atol=ATOL):
    """Differences between two encoded observations, as a list of readable lines."""
    if _is_array(expected):
        if not _is_array(actual):
            return [f"{where}: expected an array, got {actual!r}"]
        if (expected["dtype"], expected["shape"]) != (actual["dtype"], actual["shape"]):
            return [f"{where}: expected {expected['dtype']} {expected['shape']}, "
                    f"got {actual['dtype']} {actual['shape']}"]
        want = np.array(expected["values"], dtype=np.float64)
        got = np.array(actual["values"], dtype=np.float64)
        if expected.get("tolerance") == "scale" and want.size:
            atol = atol + rtol * float(np.max(np.abs(want)))       # see AtScale
        close = np.isclose(got, want, rtol=rtol, atol=atol, equal_nan=True)
        if not np.all(close):
            bad = [tuple(i) for i in np.argwhere(~close)[:5].tolist()]
            lines = [f"  at {i}: expected {want[i]!r}, got {got[i]!r}" for i in bad]
            return [f"{where}: {int(np.sum(~close))} of {want.size} values differ "
                    f"(rtol={rtol}, atol={atol})\n" + "\n".join(lines)]
        return []
    if isinstance(expected, dict):
        if not isinstance(actual, dict) or set(expected) != set(actual):
            return [f"{where}: expected keys {sorted(expected) if isinstance(expected, dict) else ''}, "
                    f"got {sorted(actual) if isinstance(actual, dict) else actual!r}"]
        problems = []
        for key in expected:
            problems += compare(expected[key], actual[key], f"{where}.{key}" if where else key, rtol, atol)
        return problems
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(expected) != len(actual):
            return [f"{where}: expected {expected!r}\n  got {actual!r}"]
        problems = []
        for i, (e, a) in enumerate(zip(expected, actual)):
            problems += compare(e, a, f"{where}[{i}]", rtol, atol)
        return problems
    if isinstance(expected, float) and isinstance(actual, float):
        if not math.isclose(expected, actual, rel_tol=rtol, abs_tol=atol):
            return [f"{where}: expected {expected!r}, got {actual!r}"]
        return []
    if type(expected) is not type(actual) or expected != actual:
        return [f"{where}:\n  expected {expected!r}\n  got      {actual!r}"]
    return []


def run_case(torch, name):
    """Run one case with the engine ``torch``; the encoded observations."""
    # Only Linear's initial weights are random (and then overwritten, or only their
    # bounds recorded); seeding makes the replay repeatable all the same.
    torch.manual_seed(0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")          # cases that care use warnings_of
        return encode(CASES[name](torch))


# --------------------------------------------------------------------------
# Recording.
# --------------------------------------------------------------------------
def record():
    import torch
    import torch.nn  # noqa: F401
    import torch.optim  # noqa: F401

    return {
        "torch_version": torch.__version__,
        "numpy_version": np.__version__,
        "cases": {name: run_case(torch, name) for name in sorted(CASES)},
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with nn_optim.json, write nothing")
    args = parser.parse_args(argv)
    golden = record()
    if args.check:
        old = json.loads(JSON_PATH.read_text(encoding="utf-8"))
        problems = compare(old["cases"], golden["cases"])
        print("\n".join(problems) if problems else "nn_optim.json is up to date")
        return 1 if problems else 0
    JSON_PATH.write_text(json.dumps(golden, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                         encoding="utf-8")
    print(f"wrote {len(golden['cases'])} cases to {JSON_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
