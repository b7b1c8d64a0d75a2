# requires: nn
# Copy-paste fixes: `def init (self` / `super(LR, self). init ()` are
# `__init__`; the methods after __init__ are indented into the class as the
# tutorial's full listing shows. The tutorial assumes a global `device`; here
# device = "cpu". Everything else in the class is as written.
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


dim = 3
m = 4
x = torch.linspace(-1.0, 2.0, dim * m).reshape(dim, m)
y = torch.tensor([[1.0, 0.0, 1.0, 1.0]])
model = LR(dim)
print(model.w, model.b, model.lr)
for step in range(3):
    yhat = model(x)
    model.backward(x, yhat, y)
    model.optimize()
    print(step, yhat)
    print(model.grads["dw"])
    print(model.grads["db"])
    print(model.w)
    print(model.b)
