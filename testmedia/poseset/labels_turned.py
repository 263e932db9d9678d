# Hand labels (by eye, |yaw| bin lower edge in degrees: 0=[0,15) 15=[15,30) 30=[30,45) 45=[45,60) 60=[60,90]) for sets/turned.mp4 frame index.
L = {}
def s(a, b, v):
    for i in range(a, b + 1): L[i] = v
s(0, 15, 0)
for i, v in zip(range(16, 28), [30,30,30,30,30,30,30,30,30,45,15,30]): L[i] = v
for i, v in zip(range(28, 39), [30,30,30,30,15,0,15,15,30,30,15]): L[i] = v
for i, v in zip(range(39, 51), [0,0,15,15,15,15,15,0,0,0,0,0]): L[i] = v
for i, v in zip(range(51, 58), [15,0,15,15,15,15,15]): L[i] = v
s(58, 85, 30)
s(86, 104, 0)
for i in (86, 88, 102, 103, 104): L[i] = 15
for i, v in zip(range(105, 122), [60,60,60,45,45,30,30,15,15,15,45,45,45,45,45,45,45]): L[i] = v
for i, v in zip(range(122, 135), [60,60,60,60,60,60,45,30,45,45,45,45,60]): L[i] = v
for i, v in zip(range(135, 146), [60,45,45,45,45,60,60,60,60,60,60]): L[i] = v
s(146, 170, 15)
s(171, 175, 0)
s(176, 212, 0)
for i in (176, 198): L[i] = 15
