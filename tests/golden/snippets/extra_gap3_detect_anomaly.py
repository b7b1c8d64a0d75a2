import os
import warnings

import torch


def shown(caught):
    # The forward call's stack names this file: show its own frames only, by file name.
    for w in caught:
        for line in str(w.message).splitlines():
            if line.startswith("  File "):
                if __file__ in line:
                    print(line.replace(__file__, os.path.basename(__file__)))
            elif not line.startswith("    ") and not line.startswith(" (Triggered"):
                print(type(w.message).__name__ + ":", line)


x = torch.tensor([1.0, 2.0], requires_grad=True)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    with torch.autograd.detect_anomaly():
        y = x.sigmoid()
        y.mul_(2)
        try:
            y.sum().backward()
        except RuntimeError as e:
            print("ERR", e)
shown(caught)
print(torch.is_anomaly_enabled())
torch.autograd.set_detect_anomaly(True)
print(torch.is_anomaly_enabled(), torch.is_anomaly_check_nan_enabled())
z = torch.tensor([0.0], requires_grad=True)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    try:
        (z / z).sum().backward()
    except RuntimeError as e:
        print("ERR", e)
shown(caught)
torch.autograd.set_detect_anomaly(False)
print(torch.is_anomaly_enabled())
with torch.autograd.set_detect_anomaly(True, check_nan=False):
    print(torch.is_anomaly_enabled(), torch.is_anomaly_check_nan_enabled())
    (z / z).sum().backward()
    print(z.grad)
print(torch.is_anomaly_enabled(), torch.is_anomaly_check_nan_enabled())
y = x.exp()
y.add_(1)
try:
    y.sum().backward()
except RuntimeError as e:
    print(e)
