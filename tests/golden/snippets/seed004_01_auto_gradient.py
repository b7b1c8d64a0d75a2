# Copy-paste fixes: the blog lost all indentation of 03_Auto_gradient.py
# (restored as in the original script), and a line of prose ("계산이 완료된
# 후, .backward()를 호출하여 변화도를 자동으로 계산할 수 있다.") pasted into the
# code was turned into a comment. Code otherwise as written.
import torch
import pdb
# 필요한 라이브러리를 import 합니다.
x_data = [1.0, 2.0, 3.0]
y_data = [2.0, 4.0, 6.0]
# 해당 실습에 필요한 데이터 셋을 정의합니다.
w = torch.tensor([1.0], requires_grad = True)
# w 값에 대한 tensor를 제작합니다. requires_grad 인자는 tensor에서 이뤄진 모든 연산을 추적하는 인자입니다.
# 계산이 완료된 후, .backward()를 호출하여 변화도를 자동으로 계산할 수 있다.
def forward(x):
    return x * w
# 선형 모델을 함수로 생성합니다.
def loss(y_pred, y_val):
    return (y_pred - y_val) ** 2
# 모델을 토대로 손실 함수를 생성합니다.
print("Prediction (before training)", 4, forward(4).item())
# 우선 학습 전 value 4에 대해서 forward(4)를 진행하고 출력을 확인합니다.
for epoch in range(10):
    for x_val, y_val in zip(x_data, y_data):
        y_pred = forward(x_val)
        l = loss(y_pred, y_val)
        l.backward()
        print('\tgrad : ', x_val, y_val, w.grad.data[0])
        w.data = w.data - 0.01 * w.grad.data
        w.grad.data.zero_()
    print(f"Epoch : {epoch} | Loss : {l.item()}")
# 10번의 반복동안 기울기를 계속 업데이트 하면서 결과를 출력합니다. 0.01은 learning_rate입니다.
print("Prediction (after training)", 4, forward(4).item())
# 학습 후 value 4에 대해서 결과룰 출력하여 확인합니다.
