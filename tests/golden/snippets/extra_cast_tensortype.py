# The old tensor-type names (torch.FloatTensor ...), as many answers online use them.
import torch

x = torch.tensor([0.5, -1.5, 2.0], requires_grad=True)
print(torch.FloatTensor, torch.LongTensor, type(torch.FloatTensor))
print(x.type(torch.LongTensor), x.type(torch.LongTensor).requires_grad)
print(x.type(torch.DoubleTensor))
print(x.type(torch.FloatTensor) is x)
print(isinstance(x, torch.FloatTensor), isinstance(x, torch.LongTensor), isinstance(x.long(), torch.LongTensor))
print(torch.FloatTensor([1, 2]), torch.LongTensor([1, 2]), torch.DoubleTensor([[1.5]]), torch.BoolTensor([1, 0]))
print(torch.IntTensor([3]), torch.FloatTensor(2, 3).shape, torch.FloatTensor.dtype)
