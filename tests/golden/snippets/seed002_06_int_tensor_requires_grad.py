# "float tensor가 아니면 requires_grad 조차도 할 수 없다"
import torch

x = torch.tensor([1, 2, 3], requires_grad=True)
