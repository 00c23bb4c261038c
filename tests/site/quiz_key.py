"""The answer key of the in-page questions, kept apart from the chapters.

The browser tests answer every question on every page with this key, never
with what the page says is right: a question whose stored answer went wrong
(a changed cell, a bad rounding, a broken check in quiz.js) fails here. A
number is recomputed with the library, by another route than the chapter's
cell where there is one; a choice is a piece of the right option's text, which
must match exactly one option.

A question on a page without an entry here fails the tests, and so does an
entry whose question is on no page.
"""

import numpy as np

from softmax_tutorial import (
    add_bias_feature,
    make_toy_data,
    numerical_gradient,
    risk,
    sigmoid,
    softmax,
)


def _slice_curvature():
    """Chapter 6's two-dimensional example, by another route than the chapter's.

    The slice of chapter 4 (two classes, no bias, w_1 = 0, w_2 = (u, v)) is
    logistic regression without intercept: its minimiser by Newton's method, and
    its Hessian by the two-class formula (1/N) sum sigma (1 - sigma) x x^T.
    Returns the largest eigenvalue of that Hessian at the minimiser.
    """
    X, y = make_toy_data(n_per_class=50, n_classes=2, spread=2.0, random_state=0)

    def hessian(p):
        s = sigmoid(X @ p)
        return (X.T * (s * (1 - s))) @ X / len(X)

    p = np.zeros(2)
    for _ in range(50):
        p = p - np.linalg.solve(hessian(p), X.T @ (sigmoid(X @ p) - y) / len(X))
    return float(np.linalg.eigvalsh(hessian(p))[-1])


def _digits_guaranteed_step():
    """4 / lambda_max(S) on chapter 8's standardised fit part with its column of ones.

    Recomputed from the data with numpy's eigvalsh, not with the library's
    curvature_bound (which the chapter uses).
    """
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    X, y = load_digits(return_X_y=True)
    X_train, _, y_train, _ = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)
    X_fit, *_ = train_test_split(X_train, y_train, test_size=0.25, stratify=y_train, random_state=0)
    scale = X_fit.std(axis=0)
    Z = (X_fit - X_fit.mean(axis=0)) / np.where(scale > 0, scale, 1.0)
    Z1 = np.column_stack([Z, np.ones(len(Z))])
    return 4.0 / np.linalg.eigvalsh(Z1.T @ Z1 / len(Z1))[-1]


KEY = {
    # ---- Chapter 1 (01_linear_discriminants) ----
    # The boundary (w_2 - w_1)^T x + (b_2 - b_1) = 0 with w_1 = (2, 1), w_2 = (-1, 3),
    # b_1 = 0.5, b_2 = -1 meets the x_1-axis at x_1 = -(b_2 - b_1) / (w_2 - w_1)_1.
    "01-boundary-crossing": -(-1.0 - 0.5) / (-1.0 - 2.0),
    "01-one-vs-rest": "no class claims",
    "01-invariances": "reverses the order",
    "01-scores-layout": "X @ W",
    # ---- Chapter 2 (02_softmax_posterior) ----
    # Chapter 2. z / T = (3, 0, 0) / 1.5 = (2, 0, 0): the first probability of that.
    "02-temperature-probability": float(softmax(np.array([2.0, 0.0, 0.0]))[0]),
    # Two classes: p_2 = sigmoid(z_2 - z_1) (the chapter's proposition), with no large numbers.
    "02-two-class-large-scores": float(sigmoid(3.0)),
    "02-temperature-infinity": "uniform distribution",
    # Different covariances: -x^T (S_2^-1 - S_1^-1) x / 2 stays in the log-odds.
    "02-gaussian-covariances": "quadratic function",
    # ---- Chapter 3 (03_one_hot_vector_form) ----
    # y^T log y_hat picks log y_hat_3 for class 3.
    "03-select-log": float(np.log(0.3)),
    "03-batch-form": "one softmax per row",
    # A common shift of (2, 0, -1) changes nothing: e^2 / (e^2 + e^0 + e^-1).
    "03-shift-columns": float(np.exp(2.0) / (np.exp(2.0) + 1.0 + np.exp(-1.0))),
    # ---- Chapter 4 (04_cross_entropy_risk) ----
    # R(0) = log C whatever the data.
    "04-risk-at-zero": float(np.log(10.0)),
    # Minus the log-probability of class 2 (the route the chapter warns about,
    # harmless at these scores), against the chapter's LSE(z) - z_2.
    "04-loss-from-scores": float(-np.log(softmax(np.array([1.0, 3.0, 0.0]))[1])),
    "04-stable-loss": "logsumexp(z) - z[c]",
    # The variance of (1, 0, -1) under the uniform distribution (np.var weights equally).
    "04-lse-curvature": float(np.var([1.0, 0.0, -1.0])),
    # ---- Chapter 5 (05_softmax_jacobian) ----
    # J_13 = ds_1/dz_3 at z = (0, 0, log 2), by central differences of the softmax.
    "05-jacobian-entry": float(
        numerical_gradient(lambda z: softmax(z)[0], np.array([0.0, 0.0, np.log(2.0)]))[2]
    ),
    "05-log-softmax-layout": "every row is the same vector",
    "05-null-space": "adding the same number to every score",
    # D + (D - r)(C - 1) zero eigenvalues (the null-space proposition, not the Hessian):
    # D = 4, C = 3, r the rank of the toy inputs with a column of zeros appended.
    "05-flat-directions": 4
    + (
        4
        - int(
            np.linalg.matrix_rank(
                np.column_stack([add_bias_feature(make_toy_data(random_state=0)[0]), np.zeros(150)])
            )
        )
    )
    * (3 - 1),
    # ---- Chapter 6 (06_gradient_descent) ----
    "06-step-direction": "the more probability the model is missing",
    # dL/dW_12 at W = 0 for x = (2, -1, 1) of class 2: central differences of the risk.
    "06-gradient-entry": float(
        numerical_gradient(
            lambda W: risk(W, np.array([[2.0, -1.0, 1.0]]), np.array([1])), np.zeros((3, 3))
        )[0, 1]
    ),
    "06-one-over-n": "the risk is a mean",
    # 1 - 7.5 lambda_max at the minimiser of chapter 4's slice; see _slice_curvature.
    "06-cycle-factor": 1.0 - 7.5 * _slice_curvature(),
    # ---- Chapter 7 (07_curvature) ----
    # 2 / L with L = lambda_max / 2 + l2, from the eigenvalues of X^T X / N = diag(6, 0.5).
    "07-safe-step": float(2 / (np.linalg.eigvalsh(np.diag([6.0, 0.5]))[-1] / 2 + 0.01)),
    # The dimension of the null space, D + (D - r)(C - 1), with D = 5, r = 4, C = 3.
    "07-zero-eigenvalues": float(5 + (5 - 4) * (3 - 1)),
    "07-partial-separation": "pushing class 1",
    "07-hessian-order": "pair of features",
    # ---- Chapter 8 (08_real_data) ----
    # The descent lemma with L = lambda_max(S)/2 (lambda = 0): alpha < 2/L = 4/lambda_max(S).
    "08-guaranteed-step": float(_digits_guaranteed_step()),
    "08-blank-pixel-weights": "at every step, and decay",
    "08-temperature-accuracy": "It does not change",
    # The ECE by its definition: bin weights 100/400 and 300/400 times |accuracy - confidence|.
    "08-ece-by-hand": (100 * abs(80 / 100 - 0.9) + 300 * abs(291 / 300 - 0.99)) / 400,
    # ---- Chapter 9 (09_what_next) ----
    # Label smoothing: softmax(z) = (1 - eps) y + eps/C at the optimum, so the gap is
    # log((1 - eps + eps/C) / (eps/C)) with eps = 0.1, C = 10: log(91).
    "09-smoothing-gap": float(np.log((1 - 0.1 + 0.1 / 10) / (0.1 / 10))),
    "09-double-softmax": "The loss applies a second softmax",
    "09-logistic-weights": "class 2's minus class 1's",
}
