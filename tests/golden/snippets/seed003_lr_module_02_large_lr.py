# requires: nn
# The LR class of seed 003 (copy-paste fixes: `def init (self` is __init__,
# methods indented into the class; device = "cpu") trained with lr=0.5 for 20
# steps on fixed data; prints the learned w and b and the predictions.
import torch
import torch.nn as nn

device = "cpu"


class LR(nn.Module):
    def __init__(self, dim, lr=torch.scalar_tensor(0.01)):
        super(LR, self).__init__()
        # intialize parameters
        self.w = torch.zeros(dim, 1, dtype=torch.float).to(device)
        self.b = torch.scalar_tensor(0).to(device)
        self.grads = {"dw": torch.zeros(dim, 1, dtype=torch.float).to(device),
                      "db": torch.scalar_tensor(0).to(device)}
        self.lr = lr.to(device)

    def forward(self, x):
        ## compute forward
        z = torch.mm(self.w.T, x)
        a = self.sigmoid(z)
        return a

    def sigmoid(self, z):
        return 1/ (1 + torch.exp(-z))

    def backward(self, x, yhat, y):
        ## compute backward
        self.grads["dw"] = (1/x.shape[1]) * torch.mm(x, (yhat - y).T)
        self.grads["db"] = (1/x.shape[1]) * torch.sum(yhat - y)

    def optimize(self):
        ## optimization step
        self.w = self.w - self.lr * self.grads["dw"]
        self.b = self.b - self.lr * self.grads["db"]


x = torch.arange(8.0).reshape(2, 4) / 4 - 0.8
y = torch.tensor([[0.0, 0.0, 1.0, 1.0]])
model = LR(2, lr=torch.scalar_tensor(0.5))
for step in range(20):
    yhat = model(x)
    model.backward(x, yhat, y)
    model.optimize()
print(model.w)
print(model.b)
print(model(x))
