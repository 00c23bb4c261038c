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

from softmax_tutorial import sigmoid, softmax

KEY = {
    # ---- Chapter 1 (01_linear_discriminants) ----
    # ---- Chapter 2 (02_softmax_posterior) ----
    # Chapter 2. z / T = (3, 0, 0) / 1.5 = (2, 0, 0): the first probability of that.
    "02-temperature-probability": float(softmax(np.array([2.0, 0.0, 0.0]))[0]),
    # Two classes: p_2 = sigmoid(z_2 - z_1) (the chapter's proposition), with no large numbers.
    "02-two-class-large-scores": float(sigmoid(3.0)),
    "02-temperature-infinity": "uniform distribution",
    # ---- Chapter 3 (03_one_hot_vector_form) ----
    # ---- Chapter 4 (04_cross_entropy_risk) ----
    # ---- Chapter 5 (05_softmax_jacobian) ----
    # ---- Chapter 6 (06_gradient_descent) ----
    # ---- Chapter 7 (07_curvature) ----
    # 2 / L with L = lambda_max / 2 + l2, from the eigenvalues of X^T X / N = diag(6, 0.5).
    "07-safe-step": float(2 / (np.linalg.eigvalsh(np.diag([6.0, 0.5]))[-1] / 2 + 0.01)),
    # The dimension of the null space, D + (D - r)(C - 1), with D = 5, r = 4, C = 3.
    "07-zero-eigenvalues": float(5 + (5 - 4) * (3 - 1)),
    "07-partial-separation": "pushing class 1",
    "07-hessian-order": "pair of features",
    # ---- Chapter 8 (08_real_data) ----
    # ---- Chapter 9 (09_what_next) ----
}
