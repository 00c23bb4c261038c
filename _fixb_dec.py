import time
from decimal import Decimal, localcontext
import numpy as np
from softmax_tutorial import make_toy_data, add_bias_feature, risk, risk_gradient, one_hot
X, y = make_toy_data(random_state=0)
Xb = add_bias_feature(X); N, D = Xb.shape; C = 3; Y = one_hot(y, C)

def risks_in_decimal(alpha, n_steps, digits):
    # R(W_1), ..., R(W_n) of gradient_descent(alpha, n_steps), computed in
    # decimal arithmetic with `digits` significant digits (float64 has 16).
    exp = np.vectorize(Decimal.exp, otypes=[object])
    ln = np.vectorize(Decimal.ln, otypes=[object])
    with localcontext() as context:
        context.prec = digits
        X_dec = np.vectorize(Decimal, otypes=[object])(Xb)  # exact copies
        W_dec = np.full((D, C), Decimal(0), dtype=object)
        risks = []
        for _ in range(n_steps):
            Z = X_dec @ W_dec
            E = np.exp(Z - Z.max(axis=1, keepdims=True)) if False else exp(Z - Z.max(axis=1, keepdims=True))
            S = E.sum(axis=1, keepdims=True)
            W_dec = W_dec - Decimal(alpha) * (X_dec.T @ (E / S - Y.astype(int))) / N
            Z = X_dec @ W_dec
            m = Z.max(axis=1)
            lse = m + ln(exp(Z - m[:, None]).sum(axis=1))
            risks.append(float(np.mean(lse - Z[np.arange(N), y])))
    return np.array(risks)

def left_minimum(r):
    lowest = np.minimum.accumulate(r)
    return int(np.flatnonzero(r > lowest + 1e-3)[0]) + 1

t0=time.time()
r40 = risks_in_decimal(30.0, 320, 40); print(time.time()-t0)
r60 = risks_in_decimal(30.0, 320, 60); print(time.time()-t0)
W=np.zeros((D,C)); r64=[]
for _ in range(400):
    W = W - 30.0*risk_gradient(W, Xb, y); r64.append(risk(W, Xb, y))
r64=np.array(r64)
print(left_minimum(r40), left_minimum(r60), left_minimum(r64))
print(np.abs(r40[:150]-r64[:150]).max(), np.abs(r40-r60).max())
lowest = np.minimum.accumulate(r64); print(np.flatnonzero(r64 > lowest + 1e-6)[:20])
