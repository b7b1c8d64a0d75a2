import torch

x = torch.ones(2, 2, requires_grad=True)
print(x.requires_grad)
print((x ** 2).requires_grad)
with torch.no_grad():  # autograd 연산 생략
    print((x ** 2).requires_grad)
print('')
y = x.detach()  # autograd가 없이 내용물만 복사.
print(y.requires_grad)
print(x.eq(y).all())  # x와 y의 내용물은 같다.
