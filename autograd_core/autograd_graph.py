"""``torch.autograd.graph``: the graph's nodes, and hooks for the tensors they save.

``saved_tensors_hooks(pack_hook, unpack_hook)``: inside, every tensor an operation saves
for backward is handed to ``pack_hook``, and the node keeps what it returns; when backward
(or ``grad_fn._saved_self``) needs the tensor, ``unpack_hook`` gets that back and must
return a tensor with the same values.  The autograd mechanics docs' example::

    with torch.autograd.graph.saved_tensors_hooks(pack_hook, unpack_hook):
        y = a * b          # pack_hook(b), pack_hook(a)
    y.sum().backward()     # unpack_hook(...) twice
"""
from .function import Node, _SavedHooks, update_extras  # noqa: F401  (torch.autograd.graph.Node)


class saved_tensors_hooks:
    """Context manager: pack and unpack every tensor saved inside (the innermost pair wins)."""

    def __init__(self, pack_hook, unpack_hook):
        self.pack_hook, self.unpack_hook = pack_hook, unpack_hook

    def __enter__(self):
        if _SavedHooks.disabled is not None:
            raise RuntimeError(_SavedHooks.disabled)
        _SavedHooks.stack.append((self.pack_hook, self.unpack_hook))
        update_extras()

    def __exit__(self, *exc_info):
        _SavedHooks.stack.pop()
        update_extras()
        return False


class save_on_cpu(saved_tensors_hooks):
    """Saved tensors are kept on the CPU (every tensor is on the CPU here: nothing moves)."""

    def __init__(self, pin_memory=False, device_type="cuda"):
        super().__init__(lambda tensor: tensor, lambda tensor: tensor)


class disable_saved_tensors_hooks:
    """Inside, entering saved_tensors_hooks raises RuntimeError(error_message)."""

    def __init__(self, error_message):
        self.error_message = error_message

    def __enter__(self):
        self._previous, _SavedHooks.disabled = _SavedHooks.disabled, self.error_message

    def __exit__(self, *exc_info):
        _SavedHooks.disabled = self._previous
        return False
