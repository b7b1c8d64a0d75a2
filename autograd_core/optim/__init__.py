"""``autograd_core.optim``: optimizers that update parameters from their gradients.

    optimizer = optim.SGD(model.parameters(), lr=0.1)
    for x, y in data:
        optimizer.zero_grad()           # forget the previous step's gradients
        loss = criterion(model(x), y)
        loss.backward()                 # fill p.grad for every parameter
        optimizer.step()                # p <- p - lr * p.grad (for SGD)

Where to read: optimizer.py (param_groups, state, zero_grad, state_dict),
sgd.py and adam.py (one update rule each, written as PyTorch computes it).
"""
from .adam import Adam  # noqa: F401
from .optimizer import Optimizer  # noqa: F401
from .sgd import SGD  # noqa: F401
