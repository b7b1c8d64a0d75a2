"""``autograd_core.cuda``: there is no GPU here, so that PyTorch's usual idiom

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

picks the CPU."""


def is_available():
    return False


def device_count():
    return 0
