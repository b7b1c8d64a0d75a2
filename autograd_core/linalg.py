"""``autograd_core.linalg``: the part of ``torch.linalg`` that the course uses."""
from .ops.reduction import vector_norm  # noqa: F401
