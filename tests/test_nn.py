"""autograd_core.nn: modules, layers, losses and nn.functional.

1. Golden replay: every ``nn_*`` case of tests/golden/record_nn_optim.py runs
   here with autograd_core as ``torch``, and must give what PyTorch 2.13 gave
   (tests/golden/nn_optim.json): reprs, forward values, grad_fn names,
   gradients, loss values for every reduction, warnings, error messages.
2. gradcheck (float64, finite differences) of every function in nn.functional
   and every loss, for each input that takes a gradient, and a second-order
   check: the backward of each op is itself differentiable.
3. Module behaviour: registration, state_dict round trip, train/eval,
   zero_grad, repr, Linear's initialisation; seed 003's LR module.
"""
import copy
import math
from collections import OrderedDict

import numpy as np
import pytest

import autograd_core as torch
import autograd_core.nn as nn
import autograd_core.nn.functional as F
import autograd_core.optim  # noqa: F401  (the recorder's cases reach it as torch.optim)
from autograd_core import autograd

from nn_optim_golden import GOLDEN, check_matches_pytorch, recorder


# -- 1. golden replay ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(n for n in GOLDEN if n.startswith("nn_")))
def test_matches_pytorch(name):
    check_matches_pytorch(torch, name)


def test_every_case_is_recorded():
    assert sorted(recorder.CASES) == sorted(GOLDEN), (
        "record_nn_optim.py and nn_optim.json disagree: re-run "
        "/tmp/torchenv/bin/python tests/golden/record_nn_optim.py")


def test_compare_catches_differences():
    """The replay can fail: a value off by 1e-5, a different string, a missing key."""
    expected = GOLDEN["nn_loss_mse_mean"]
    assert recorder.compare(expected, expected) == []
    wrong = copy.deepcopy(expected)
    wrong["loss"]["values"] *= 1 + 1e-5
    assert recorder.compare(expected, wrong)
    wrong = copy.deepcopy(expected)
    wrong["grad_fn"] = "MseLossBackward1"
    assert recorder.compare(expected, wrong)
    wrong = copy.deepcopy(expected)
    del wrong["grad input"]
    assert recorder.compare(expected, wrong)
    wrong = copy.deepcopy(expected)
    wrong["grad input"]["dtype"] = "float64"
    assert recorder.compare(expected, wrong)


# -- 2. gradcheck, first and second order --------------------------------------------------------

def leaf(*shape, seed, low=-1.0, high=1.0, grad=True):
    array = np.random.default_rng(seed).uniform(low, high, shape)
    return torch.tensor(array, dtype=torch.float64, requires_grad=grad)


def const(array, dtype=torch.float64):
    return torch.tensor(np.array(array), dtype=dtype)


def probabilities(*shape, seed, grad=True):
    return leaf(*shape, seed=seed, low=0.05, high=0.95, grad=grad)


CLASSES = const([0, 3, 1, 1, 2], torch.int64)
CLASS_WEIGHT = const([1.0, 2.0, 0.5, 1.5])


def _relu_input():
    # Away from the kink at 0, where the derivative is not defined.
    x = leaf(3, 4, seed=1)
    with torch.no_grad():
        x.array[np.abs(x.array) < 0.1] = 0.5
    return x


# name -> (function, inputs).  Inputs that require grad are checked; the others are constants.
GRADCHECK_CASES = {
    "relu": (F.relu, lambda: (_relu_input(),)),
    "sigmoid": (F.sigmoid, lambda: (leaf(3, 4, seed=2, low=-4, high=4),)),
    "tanh": (F.tanh, lambda: (leaf(3, 4, seed=3),)),
    "softmax_dim1": (lambda x: F.softmax(x, dim=1), lambda: (leaf(3, 4, seed=4, low=-3, high=3),)),
    "softmax_dim0": (lambda x: F.softmax(x, dim=0), lambda: (leaf(3, 4, seed=5, low=-3, high=3),)),
    "softmax_3d": (lambda x: F.softmax(x, dim=-1), lambda: (leaf(2, 3, 4, seed=6),)),
    "log_softmax_dim1": (lambda x: F.log_softmax(x, dim=1), lambda: (leaf(3, 4, seed=7, low=-3, high=3),)),
    "log_softmax_dim0": (lambda x: F.log_softmax(x, dim=0), lambda: (leaf(3, 4, seed=8),)),
    "linear_2d": (F.linear, lambda: (leaf(4, 3, seed=9), leaf(2, 3, seed=10), leaf(2, seed=11))),
    "linear_1d": (F.linear, lambda: (leaf(3, seed=12), leaf(2, 3, seed=13), leaf(2, seed=14))),
    "linear_3d": (F.linear, lambda: (leaf(2, 4, 3, seed=15), leaf(2, 3, seed=16), leaf(2, seed=17))),
    "linear_no_bias": (F.linear, lambda: (leaf(2, 4, 3, seed=18), leaf(2, 3, seed=19))),
    "mse_weight": (lambda x, y, w: F.mse_loss(x, y, weight=w),
                   lambda: (leaf(4, 3, seed=20), leaf(4, 3, seed=21), leaf(4, 3, seed=22, low=0.5, high=2, grad=False))),
    "mse_broadcast": (F.mse_loss, lambda: (leaf(4, 3, seed=23), leaf(4, 1, seed=24))),
    "bce_logits_large": (lambda x, y: F.binary_cross_entropy_with_logits(x, y, reduction="none"),
                         lambda: (const([40.0, -40.0, 15.0, -15.0]).requires_grad_(),
                                  probabilities(4, seed=25))),
    "cross_entropy_1d": (F.cross_entropy, lambda: (leaf(4, seed=26), const(2, torch.int64))),
    "cross_entropy_probabilities": (
        lambda x, p: F.cross_entropy(x, p),
        lambda: (leaf(5, 4, seed=27), F.softmax(leaf(5, 4, seed=28, grad=False), dim=1).requires_grad_())),
    "cross_entropy_large": (F.cross_entropy,
                            lambda: (leaf(5, 4, seed=29, low=-500, high=500), CLASSES)),
    "nll_weight_ignore": (lambda x: F.nll_loss(x, CLASSES, weight=CLASS_WEIGHT, ignore_index=3),
                          lambda: (leaf(5, 4, seed=30),)),
}

for _r in ("mean", "sum", "none"):
    GRADCHECK_CASES.update({
        f"mse_{_r}": (lambda x, y, r=_r: F.mse_loss(x, y, reduction=r),
                      lambda: (leaf(4, 3, seed=40), leaf(4, 3, seed=41))),
        f"bce_{_r}": (lambda x, y, r=_r: F.binary_cross_entropy(x, y, reduction=r),
                      lambda: (probabilities(4, 3, seed=42), probabilities(4, 3, seed=43))),
        f"bce_weight_{_r}": (lambda x, y, w, r=_r: F.binary_cross_entropy(x, y, weight=w, reduction=r),
                             lambda: (probabilities(4, 3, seed=44), probabilities(4, 3, seed=45),
                                      leaf(4, 3, seed=46, low=0.5, high=2, grad=False))),
        f"bce_logits_{_r}": (lambda x, y, r=_r: F.binary_cross_entropy_with_logits(x, y, reduction=r),
                             lambda: (leaf(4, 3, seed=47, low=-4, high=4), probabilities(4, 3, seed=48))),
        f"bce_logits_pos_weight_{_r}": (
            lambda x, y, w, pw, r=_r: F.binary_cross_entropy_with_logits(
                x, y, weight=w, pos_weight=pw, reduction=r),
            lambda: (leaf(4, 3, seed=49, low=-4, high=4), probabilities(4, 3, seed=50),
                     leaf(4, 3, seed=51, low=0.5, high=2, grad=False), const([0.5, 1.0, 3.0]))),
        f"cross_entropy_{_r}": (lambda x, r=_r: F.cross_entropy(x, CLASSES, reduction=r),
                                lambda: (leaf(5, 4, seed=52, low=-3, high=3),)),
        f"cross_entropy_weight_{_r}": (
            lambda x, r=_r: F.cross_entropy(x, CLASSES, weight=CLASS_WEIGHT, ignore_index=1, reduction=r),
            lambda: (leaf(5, 4, seed=53, low=-3, high=3),)),
        f"nll_{_r}": (lambda x, r=_r: F.nll_loss(x, CLASSES, reduction=r),
                      lambda: (leaf(5, 4, seed=54),)),
        f"mse_module_{_r}": (lambda x, y, r=_r: nn.MSELoss(reduction=r)(x, y),
                             lambda: (leaf(3, 2, seed=55), leaf(3, 2, seed=56))),
        f"bce_module_{_r}": (lambda x, y, r=_r: nn.BCELoss(reduction=r)(x, y),
                             lambda: (probabilities(3, 2, seed=57), probabilities(3, 2, seed=58))),
        f"bce_logits_module_{_r}": (lambda x, y, r=_r: nn.BCEWithLogitsLoss(reduction=r)(x, y),
                                    lambda: (leaf(3, 2, seed=59), probabilities(3, 2, seed=60))),
        f"cross_entropy_module_{_r}": (lambda x, r=_r: nn.CrossEntropyLoss(reduction=r)(x, CLASSES),
                                       lambda: (leaf(5, 4, seed=61),)),
    })


@pytest.mark.filterwarnings("ignore:Using a target size")
@pytest.mark.parametrize("name", sorted(GRADCHECK_CASES))
def test_gradcheck(name):
    function, make_inputs = GRADCHECK_CASES[name]
    assert autograd.gradcheck(function, make_inputs())


# Ops whose derivative is constant in every input (nll, linear's bias...) have a zero
# second derivative that autograd does not even record; they are left out here.
SECOND_ORDER = [name for name in sorted(GRADCHECK_CASES)
                if not name.startswith(("relu", "nll", "linear"))] + ["linear_no_bias"]


def gradient_of(function):
    """x ↦ dL/dx, with L = Σ u · function(x) for a fixed u: built with create_graph=True."""
    def gradients(*inputs):
        with torch.enable_grad():        # gradcheck evaluates it under no_grad too
            out = function(*inputs)
            u = torch.tensor(np.random.default_rng(99).uniform(0.5, 1.5, out.shape))
            wanted = [x for x in inputs if isinstance(x, torch.Tensor) and x.requires_grad]
            return autograd.grad(out, wanted, u, create_graph=True)
    return gradients


@pytest.mark.filterwarnings("ignore:Using a target size")
@pytest.mark.parametrize("name", SECOND_ORDER)
def test_backward_is_differentiable(name):
    """gradcheck of the gradient itself: each backward is made of differentiable tensor ops."""
    function, make_inputs = GRADCHECK_CASES[name]
    assert autograd.gradcheck(gradient_of(function), make_inputs())


def test_gradcheck_can_fail():
    """A loss whose backward is wrong by a factor 2 is caught."""
    class BadMse(autograd.Function):
        @staticmethod
        def forward(ctx, x, y):
            ctx.save_for_backward(x, y)
            return ((x - y) ** 2).mean()

        @staticmethod
        def backward(ctx, grad):
            x, y = ctx.saved_tensors
            return grad * (x - y) / x.numel(), None   # forgot the 2 of d/dx (x - y)²

    assert not autograd.gradcheck(BadMse.apply, (leaf(3, seed=70), leaf(3, seed=71, grad=False)),
                                  raise_exception=False)


def test_log_softmax_and_cross_entropy_are_stable():
    """Scores of ±1000: exp() alone overflows, the shifted forms stay finite and exact."""
    x = torch.tensor([[1000.0, 0.0, -1000.0]], requires_grad=True)
    logp = F.log_softmax(x, dim=1)
    assert np.allclose(logp.detach().numpy(), [[0.0, -1000.0, -2000.0]])
    loss = F.cross_entropy(x, torch.tensor([1]))
    loss.backward()
    assert loss.item() == pytest.approx(1000.0)
    assert np.allclose(x.grad.numpy(), [[1.0, -1.0, 0.0]])


def test_bce_clamps_log_at_minus_100():
    p = torch.tensor([0.0, 1.0])
    y = torch.tensor([1.0, 0.0])
    assert F.binary_cross_entropy(p, y, reduction="none").tolist() == [100.0, 100.0]


# -- 3. modules ---------------------------------------------------------------------------------

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(2, 3)
        self.act = nn.ReLU()
        self.fc2 = nn.Linear(3, 1)
        self.scale = nn.Parameter(torch.ones(1))
        self.offset = torch.zeros(1)          # a plain tensor: not a parameter
        self.history = []

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x))) * self.scale + self.offset


def test_setattr_registers_parameters_and_modules():
    net = Net()
    assert list(net._parameters) == ["scale"]
    assert list(net._modules) == ["fc1", "act", "fc2"]
    assert "offset" in net.__dict__ and "history" in net.__dict__
    assert [n for n, _ in net.named_parameters()] == [
        "scale", "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"]
    # parameters() hands out the very tensors the layers use (an optimizer changes them).
    assert next(iter(net.fc1.parameters())) is net.fc1.weight
    assert list(net.children()) == [net.fc1, net.act, net.fc2]
    assert list(net.modules()) == [net, net.fc1, net.act, net.fc2]


def test_reassigning_attributes():
    net = Net()
    net.fc2 = nn.Linear(3, 2)                # a new layer replaces the old one
    assert net.fc2.out_features == 2 and list(net._modules) == ["fc1", "act", "fc2"]
    net.scale = None                         # a parameter slot may be emptied
    assert "scale" not in dict(net.named_parameters())
    net.scale = nn.Parameter(torch.ones(2))
    assert net.scale.shape == (2,)
    with pytest.raises(TypeError, match="cannot assign 'torch.FloatTensor' as parameter 'scale'"):
        net.scale = torch.ones(2)
    del net.fc1
    assert "fc1" not in net._modules
    with pytest.raises(AttributeError, match="'Net' object has no attribute 'fc1'"):
        net.fc1


def test_call_runs_forward():
    class Twice(nn.Module):
        def forward(self, x, factor=2):
            return x * factor

    x = torch.tensor([1.0, 2.0])
    assert Twice()(x).tolist() == [2.0, 4.0]
    assert Twice()(x, factor=3).tolist() == [3.0, 6.0]


def test_shared_parameters_are_listed_once():
    layer = nn.Linear(2, 2)
    model = nn.Sequential(layer, nn.ReLU(), layer)
    assert len(list(model.parameters())) == 2
    assert list(model.state_dict()) == ["0.weight", "0.bias", "2.weight", "2.bias"]


def test_state_dict_round_trip():
    torch.manual_seed(0)
    a = Net()
    b = Net()
    x = torch.randn(5, 2)
    assert not np.allclose(a(x).detach().numpy(), b(x).detach().numpy())
    weight_before = b.fc1.weight
    assert str(b.load_state_dict(a.state_dict())) == "<All keys matched successfully>"
    assert np.array_equal(a(x).detach().numpy(), b(x).detach().numpy())
    # Loading copies values into the existing parameters: an optimizer made before still works.
    assert b.fc1.weight is weight_before
    # The values are copies: changing one model leaves the other alone.
    with torch.no_grad():
        a.fc1.weight.add_(1.0)
    assert not np.allclose(a.fc1.weight.detach().numpy(), b.fc1.weight.detach().numpy())


def test_state_dict_values_are_detached_views():
    net = Net()
    state = net.state_dict()
    assert isinstance(state, OrderedDict)
    assert all(not v.requires_grad for v in state.values())
    with torch.no_grad():
        net.fc1.bias.fill_(3.0)
    assert state["fc1.bias"].tolist() == [3.0, 3.0, 3.0]   # the same memory, as in PyTorch


def test_load_state_dict_strict_false():
    layer = nn.Linear(2, 1)
    result = layer.load_state_dict({"weight": torch.ones(1, 2), "extra": torch.ones(1)}, strict=False)
    assert result.missing_keys == ["bias"] and result.unexpected_keys == ["extra"]
    assert layer.weight.tolist() == [[1.0, 1.0]]


def test_train_eval_flags_reach_every_submodule():
    net = Net()
    assert all(m.training for m in net.modules())
    assert net.eval() is net
    assert not any(m.training for m in net.modules())
    net.train()
    assert all(m.training for m in net.modules())
    with pytest.raises(ValueError, match="training mode is expected to be boolean"):
        net.train("no")


def test_dropout_follows_train_and_eval():
    torch.manual_seed(0)
    dropout = nn.Dropout(p=0.5)
    x = torch.ones(1000)
    y = dropout(x)
    kept = y.detach().numpy()
    assert set(np.unique(kept)) <= {0.0, 2.0} and 300 < np.count_nonzero(kept) < 700
    dropout.eval()
    assert dropout(x) is x


def test_zero_grad():
    net = Net()
    x = torch.ones(4, 2)
    net(x).sum().backward()
    assert all(p.grad is not None for p in net.parameters())
    net.zero_grad()                                  # set_to_none=True by default
    assert all(p.grad is None for p in net.parameters())
    net(x).sum().backward()
    grads = [p.grad for p in net.parameters()]
    net.zero_grad(set_to_none=False)
    assert all(p.grad is g and not g.numpy().any() for p, g in zip(net.parameters(), grads))


def test_gradients_accumulate_until_zero_grad():
    layer = nn.Linear(2, 1)
    x = torch.tensor([[1.0, 2.0]])
    layer(x).sum().backward()
    layer(x).sum().backward()
    assert layer.weight.grad.tolist() == [[2.0, 4.0]]


def test_linear_initialisation():
    """PyTorch's default: weight and bias uniform in ±1/√in_features (values are ours)."""
    torch.manual_seed(3)
    layer = nn.Linear(400, 50)
    bound = 1 / math.sqrt(400)
    w, b = layer.weight.detach().numpy(), layer.bias.detach().numpy()
    assert layer.weight.shape == (50, 400) and layer.bias.shape == (50,)
    assert w.dtype == np.float32 and layer.weight.requires_grad and layer.weight.is_leaf
    assert np.abs(w).max() <= bound and np.abs(b).max() <= bound
    assert abs(w.std() - bound / math.sqrt(3)) < 0.02 * bound       # the std of U(-a, a) is a/√3
    assert abs(w.mean()) < 0.02 * bound
    torch.manual_seed(3)
    assert np.array_equal(nn.Linear(400, 50).weight.detach().numpy(), w)   # manual_seed repeats it


def test_sequential_container():
    model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
    assert len(model) == 3 and isinstance(model[1], nn.ReLU) and model[-1] is model[2]
    assert [type(m).__name__ for m in model] == ["Linear", "ReLU", "Linear"]
    model.append(nn.Sigmoid())
    assert repr(model[3]) == "Sigmoid()" and len(model) == 4
    head = model[:2]
    assert isinstance(head, nn.Sequential) and len(head) == 2
    x = torch.ones(5, 2)
    expected = torch.sigmoid(model[2](model[1](model[0](x))))
    assert np.array_equal(model(x).detach().numpy(), expected.detach().numpy())


def test_deepcopy_makes_an_independent_model():
    net = Net()
    twin = copy.deepcopy(net)
    assert twin.fc1.weight is not net.fc1.weight
    assert isinstance(twin.fc1.weight, nn.Parameter)
    with torch.no_grad():
        twin.fc1.weight.fill_(0.0)
    assert net.fc1.weight.detach().numpy().any()


def test_module_to_double():
    layer = nn.Linear(2, 1).double()
    assert layer.weight.dtype is torch.float64
    assert layer(torch.ones(1, 2, dtype=torch.float64)).dtype is torch.float64


def test_repr_with_extra_repr():
    class Scaled(nn.Module):
        def __init__(self, factor):
            super().__init__()
            self.factor = factor
            self.inner = nn.Linear(1, 1)

        def extra_repr(self):
            return f"factor={self.factor}"

    assert repr(Scaled(2)) == (
        "Scaled(\n  factor=2\n  (inner): Linear(in_features=1, out_features=1, bias=True)\n)")


def test_parameter():
    p = nn.Parameter(torch.tensor([1.0, 2.0]))
    assert isinstance(p, torch.Tensor) and p.requires_grad and p.is_leaf
    assert repr(p) == "Parameter containing:\ntensor([1., 2.], requires_grad=True)"
    data = torch.tensor([1.0, 2.0])
    assert np.shares_memory(nn.Parameter(data).array, data.array)   # as in PyTorch: no copy


def test_brief_error_messages():
    """The two mistakes named in the issue, spelled out (the golden file has many more)."""
    with pytest.raises(RuntimeError, match=r"^mat1 and mat2 shapes cannot be multiplied \(4x3 and 5x2\)$"):
        nn.Linear(5, 2)(torch.ones(4, 3))

    class Forgot(nn.Module):
        def __init__(self):
            self.fc = nn.Linear(1, 1)                 # no super().__init__()

    with pytest.raises(AttributeError, match=r"cannot assign module before Module.__init__\(\) call"):
        Forgot()


# -- seed 003: the logistic regression module with its own backward -----------------------------

device = "cpu"


class LR(nn.Module):
    """seed 003's class, unchanged (apart from the tutorial's `def init (self` typo)."""

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


def test_seed003_lr_module_trains_like_the_formula():
    rng = np.random.default_rng(3)
    x_np = rng.normal(size=(2, 20)).astype(np.float32)
    y_np = (x_np[0] + 0.5 * x_np[1] > 0).astype(np.float32)[None]
    model = LR(2, lr=torch.scalar_tensor(0.5))
    assert list(model.parameters()) == [] and repr(model) == "LR()"
    assert isinstance(model.w, torch.Tensor) and not isinstance(model.w, nn.Parameter)

    w, b = np.zeros((2, 1)), 0.0                      # the same algorithm in float64 NumPy
    x, y = torch.tensor(x_np), torch.tensor(y_np)
    for _ in range(50):
        yhat = model(x)
        model.backward(x, yhat, y)
        model.optimize()
        a = 1 / (1 + np.exp(-(w.T @ x_np)))          # (the tutorial's forward leaves b out)
        w, b = w - 0.5 * (x_np @ (a - y_np).T) / 20, b - 0.5 * np.sum(a - y_np) / 20
    assert np.allclose(model.w.numpy(), w, atol=1e-5) and abs(model.b.item() - b) < 1e-5
    accuracy = ((model(x).numpy() > 0.5) == (y_np > 0.5)).mean()
    assert accuracy >= 0.9
    assert model.w.grad_fn is None                    # nothing required grad: no graph was built


def test_softmax_is_also_a_tensor_method_and_a_top_level_function():
    x = torch.tensor([[1.0, 2.0, 3.0], [0.0, 0.0, 1.0]])
    e = np.exp(x.numpy() - x.numpy().max(axis=1, keepdims=True))
    expected = e / e.sum(axis=1, keepdims=True)
    for result in (x.softmax(dim=1), torch.softmax(x, 1), x.log_softmax(1).exp(), torch.log_softmax(x, 1).exp()):
        np.testing.assert_allclose(result.numpy(), expected, rtol=1e-6)
