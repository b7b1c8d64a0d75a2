"""``autograd_core.nn``: modules, parameters, layers and losses, as in ``torch.nn``.

    import autograd_core.nn as nn

    model = nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 1))
    loss = nn.MSELoss()(model(x), y)
    loss.backward()             # autograd fills p.grad for p in model.parameters()

Where to read: module.py (Module: registration, state_dict, repr),
parameter.py, layers.py, losses.py, functional.py (the math and its derivatives).
"""
from . import functional, init  # noqa: F401
from .layers import (Dropout, Flatten, Identity, Linear, LogSoftmax, ModuleList, ReLU,  # noqa: F401
                     Sequential, Sigmoid, Softmax, Tanh)
from .losses import BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, L1Loss, MSELoss, NLLLoss  # noqa: F401
from .module import Module  # noqa: F401
from .parameter import Parameter  # noqa: F401
