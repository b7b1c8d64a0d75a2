# "tensor가 아닌 그냥 scalar를 쓰면 backward를 할 수 없다": a Python number has
# no backward(). (.item() turns the scalar tensor into a Python float.)
import torch

x = torch.tensor(3.0, requires_grad=True)
y = (x * x).item()
print(y, type(y))
y.backward()
