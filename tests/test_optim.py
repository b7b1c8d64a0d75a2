"""autograd_core.optim: SGD and Adam.

1. Golden replay: every ``optim_*`` case of tests/golden/record_nn_optim.py
   (parameter trajectories over 10 steps for SGD with and without momentum,
   dampening, Nesterov, weight decay, and Adam with its options; param_groups;
   state_dict; zero_grad; error messages) must give what PyTorch 2.13 gave.
2. A second oracle: the update rules written out in float64 NumPy from their
   formulas (``reference_sgd``, ``reference_adam``), on a quadratic loss whose
   gradient is known exactly; float64 makes the comparison tight.
3. Behaviour: zero_grad, parameters without gradients, closures, param_groups
   edited between steps, state_dict round trip, nothing recorded by step().
"""
import json

import numpy as np
import pytest

import autograd_core as torch
import autograd_core.nn as nn
import autograd_core.optim as optim

from nn_optim_golden import GOLDEN, check_matches_pytorch, recorder


# -- 1. golden replay ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(n for n in GOLDEN if n.startswith("optim_")))
def test_matches_pytorch(name):
    check_matches_pytorch(torch, name)


def test_trajectory_comparison_can_fail():
    """One parameter off by 1e-5 after some step is noticed, despite the scale tolerance."""
    expected = GOLDEN["optim_adam"]
    wrong = json.loads(json.dumps(expected))
    wrong["weights"]["values"][5][1][2] += 1e-5
    assert recorder.compare(expected, wrong)


# -- 2. the update rules, from their formulas --------------------------------------------------

TARGET = np.array([[1.0, -2.0, 0.5], [0.25, 3.0, -1.0]])
SCALES = np.array([[1.0, 4.0, 0.5], [2.0, 0.1, 1.0]])


def quadratic_loss(p):
    """L(p) = ½ Σ s (p − t)², so dL/dp = s (p − t): a gradient known exactly."""
    return 0.5 * (torch.tensor(SCALES) * (p - torch.tensor(TARGET)) ** 2).sum()


def reference_sgd(p, steps, lr, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False,
                  maximize=False):
    buf = None
    trajectory = []
    for _ in range(steps):
        g = SCALES * (p - TARGET)
        if maximize:
            g = -g
        g = g + weight_decay * p
        if momentum:
            buf = g.copy() if buf is None else momentum * buf + (1 - dampening) * g
            g = g + momentum * buf if nesterov else buf
        p = p - lr * g
        trajectory.append(p)
    return np.array(trajectory)


def reference_adam(p, steps, lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, amsgrad=False,
                   decoupled_weight_decay=False, maximize=False):
    beta1, beta2 = betas
    m = v = v_max = np.zeros_like(p)
    trajectory = []
    for t in range(1, steps + 1):
        g = SCALES * (p - TARGET)
        if maximize:
            g = -g
        if decoupled_weight_decay:
            p = p * (1 - lr * weight_decay)
        else:
            g = g + weight_decay * p
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        v_max = np.maximum(v_max, v)
        m_hat = m / (1 - beta1 ** t)
        v_hat = (v_max if amsgrad else v) / (1 - beta2 ** t)
        p = p - lr * m_hat / (np.sqrt(v_hat) + eps)
        trajectory.append(p)
    return np.array(trajectory)


def run(optimizer_class, steps, **options):
    p = nn.Parameter(torch.zeros(2, 3, dtype=torch.float64))
    optimizer = optimizer_class([p], **options)
    trajectory = []
    for _ in range(steps):
        optimizer.zero_grad()
        quadratic_loss(p).backward()
        optimizer.step()
        trajectory.append(p.detach().numpy().copy())
    return np.array(trajectory)


SGD_OPTIONS = [
    {"lr": 0.1},
    {"lr": 0.05, "momentum": 0.9},
    {"lr": 0.05, "momentum": 0.9, "dampening": 0.3},
    {"lr": 0.05, "momentum": 0.9, "nesterov": True},
    {"lr": 0.1, "weight_decay": 0.2},
    {"lr": 0.05, "momentum": 0.5, "weight_decay": 0.1, "nesterov": True},
    {"lr": 0.01, "maximize": True},
]
ADAM_OPTIONS = [
    {"lr": 0.1},
    {"lr": 0.1, "betas": (0.5, 0.9)},
    {"lr": 0.1, "eps": 0.1},
    {"lr": 0.1, "weight_decay": 0.3},
    {"lr": 0.1, "weight_decay": 0.3, "decoupled_weight_decay": True},
    {"lr": 0.3, "amsgrad": True},
    {"lr": 0.1, "maximize": True},
]


@pytest.mark.parametrize("options", SGD_OPTIONS, ids=str)
def test_sgd_follows_the_formula(options):
    expected = reference_sgd(np.zeros((2, 3)), 15, **options)
    np.testing.assert_allclose(run(optim.SGD, 15, **options), expected, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("options", ADAM_OPTIONS, ids=str)
def test_adam_follows_the_formula(options):
    expected = reference_adam(np.zeros((2, 3)), 15, **options)
    np.testing.assert_allclose(run(optim.Adam, 15, **options), expected, rtol=1e-12, atol=1e-12)


def test_amsgrad_makes_a_difference_here():
    """(So that the amsgrad case above tests something: v shrinks at some point.)"""
    plain = reference_adam(np.zeros((2, 3)), 15, lr=0.3)
    assert not np.allclose(plain, reference_adam(np.zeros((2, 3)), 15, lr=0.3, amsgrad=True))


def test_the_reference_can_fail():
    options = {"lr": 0.05, "momentum": 0.9, "nesterov": True}
    wrong = reference_sgd(np.zeros((2, 3)), 15, lr=0.05, momentum=0.9)   # Nesterov forgotten
    assert not np.allclose(run(optim.SGD, 15, **options), wrong)


def test_sgd_converges_on_a_model():
    torch.manual_seed(0)
    x = torch.randn(64, 3)
    y = x @ torch.tensor([[1.0], [-2.0], [0.5]]) + 0.3
    model = nn.Linear(3, 1)
    optimizer = optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    criterion = nn.MSELoss()
    for _ in range(200):
        optimizer.zero_grad()
        loss = criterion(model(x), y)
        loss.backward()
        optimizer.step()
    assert loss.item() < 1e-6
    assert np.allclose(model.weight.detach().numpy(), [[1.0, -2.0, 0.5]], atol=1e-3)
    assert model.bias.item() == pytest.approx(0.3, abs=1e-3)


# -- 3. behaviour -------------------------------------------------------------------------------

def test_step_changes_parameters_in_place_without_recording():
    model = nn.Linear(2, 1)
    weight = model.weight
    optimizer = optim.Adam(model.parameters(), lr=0.1)
    model(torch.ones(3, 2)).sum().backward()
    version = weight._version
    optimizer.step()
    assert model.weight is weight                    # the same tensor the model holds
    assert weight.is_leaf and weight.grad_fn is None and weight.requires_grad
    assert weight._version > version                 # an in-place change, as PyTorch counts it
    state = optimizer.state[weight]
    assert all(not v.requires_grad for v in state.values())


def test_zero_grad_defaults_to_none():
    model = nn.Linear(2, 1)
    optimizer = optim.SGD(model.parameters(), lr=0.1)
    model(torch.ones(3, 2)).sum().backward()
    optimizer.zero_grad()
    assert model.weight.grad is None and model.bias.grad is None
    model(torch.ones(3, 2)).sum().backward()
    grad = model.weight.grad
    optimizer.zero_grad(set_to_none=False)
    assert model.weight.grad is grad and grad.tolist() == [[0.0, 0.0]]


def test_parameters_without_gradient_are_left_alone():
    used, unused = nn.Parameter(torch.ones(2)), nn.Parameter(torch.ones(2))
    optimizer = optim.SGD([used, unused], lr=0.5, momentum=0.9, weight_decay=0.1)
    (used * 2).sum().backward()
    optimizer.step()
    assert unused.tolist() == [1.0, 1.0] and unused not in optimizer.state
    assert "momentum_buffer" in optimizer.state[used]


def test_plain_sgd_keeps_no_state():
    p = nn.Parameter(torch.ones(2))
    optimizer = optim.SGD([p], lr=0.1)
    (p * p).sum().backward()
    optimizer.step()
    assert optimizer.state_dict()["state"] == {}


def test_closure():
    p = nn.Parameter(torch.tensor([3.0]))
    optimizer = optim.SGD([p], lr=0.25)

    def closure():
        optimizer.zero_grad()
        loss = (p ** 2).sum()
        loss.backward()
        return loss

    with torch.no_grad():                             # step() turns gradients on for the closure
        loss = optimizer.step(closure)
    assert loss.item() == 9.0 and p.item() == 1.5


def test_learning_rate_can_be_changed_between_steps():
    p = nn.Parameter(torch.tensor([1.0]))
    optimizer = optim.SGD([p], lr=0.1)
    for lr in (0.1, 0.5):
        for group in optimizer.param_groups:          # what a learning-rate schedule does
            group["lr"] = lr
        optimizer.zero_grad()
        p.sum().backward()
        optimizer.step()
    assert p.item() == pytest.approx(1.0 - 0.1 - 0.5)


def test_param_groups_take_defaults_and_their_own_options():
    a, b = nn.Parameter(torch.ones(1)), nn.Parameter(torch.ones(1))
    optimizer = optim.SGD([{"params": [a]}, {"params": [b], "lr": 0.5}], lr=0.1, momentum=0.9)
    assert [g["lr"] for g in optimizer.param_groups] == [0.1, 0.5]
    assert [g["momentum"] for g in optimizer.param_groups] == [0.9, 0.9]
    c = nn.Parameter(torch.ones(1))
    optimizer.add_param_group({"params": c, "momentum": 0.0})
    assert optimizer.param_groups[2]["params"] == [c] and optimizer.param_groups[2]["lr"] == 0.1


def test_state_dict_round_trip_resumes_training():
    def make():
        p = nn.Parameter(torch.tensor([2.0, -1.0]))
        return p, optim.Adam([p], lr=0.1)

    def steps(p, optimizer, n):
        for _ in range(n):
            optimizer.zero_grad()
            ((p - 1.0) ** 2).sum().backward()
            optimizer.step()

    p, optimizer = make()
    steps(p, optimizer, 3)
    saved_p, saved_state = p.detach().clone(), optimizer.state_dict()
    assert saved_state["state"][0]["step"].item() == 3.0
    assert saved_state["param_groups"][0]["params"] == [0]

    q, resumed = make()
    with torch.no_grad():
        q.copy_(saved_p)
    import copy
    resumed.load_state_dict(copy.deepcopy(saved_state))
    steps(p, optimizer, 4)
    steps(q, resumed, 4)
    assert p.tolist() == q.tolist()


def test_empty_parameter_list():
    with pytest.raises(ValueError, match="^optimizer got an empty parameter list$"):
        optim.SGD([], lr=0.1)
    with pytest.raises(ValueError, match="^optimizer got an empty parameter list$"):
        optim.Adam(nn.ReLU().parameters())            # a model without parameters


def test_a_generator_is_read_once():
    model = nn.Linear(2, 1)
    params = model.parameters()
    optimizer = optim.SGD(params, lr=0.1)
    assert len(optimizer.param_groups[0]["params"]) == 2
    with pytest.raises(ValueError, match="empty parameter list"):
        optim.SGD(params, lr=0.1)                     # the same generator again: exhausted
