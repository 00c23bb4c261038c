"""Checkers for the practice notebook of chapter 1, linear discriminant functions.

Exercises: ``discriminants(X, W, b)`` (the scores ``X @ W + b``),
``classify(X, W, b)`` (the argmax rule) and ``nearest_centre(X, y, n_classes)``
(the nearest-centre classifier as a linear rule, exercise 1.4 of the chapter).

Shapes as in the book: ``X`` (N, D), one sample per row; ``W`` (D, C), one
column per class; ``b`` (C,); labels 0..C-1. The cases use N=5, D=2, C=3, all
different, so that a transpose shows in the shape. References: the library's
``discriminants`` and ``classify``, and class means computed here; tolerance
rtol 1e-10, atol 1e-12.
"""

import numpy as np

from .. import classify as _classify
from .. import discriminants as _discriminants
from ._core import exercise, show

__all__ = ["discriminants", "classify", "nearest_centre"]

_RTOL, _ATOL = 1e-10, 1e-12

_X = np.array([[1.0, 2.0], [-1.5, 0.5], [0.0, -2.0], [2.0, -1.0], [-0.5, -0.5]])
_W = np.array([[1.0, -0.5, 0.2], [0.3, 1.0, -1.2]])
# Large enough to change some decisions, so a forgotten bias shows.
_B = np.array([0.5, -1.0, 2.0])
_N, _D = _X.shape
_C = _W.shape[1]


@exercise(
    "discriminants(X, W, b)",
    hint="""
    Row n of the answer holds the C scores of sample n, w_c^T x_n + b_c. The
    matrix product X @ W computes all the w_c^T x_n at once, shape (N, C); then
    add b, which numpy broadcasts to every row.
    """,
    solution="""
    import numpy as np


    def discriminants(X, W, b):
        return np.asarray(X) @ np.asarray(W) + np.asarray(b)
    """,
)
def discriminants(t):
    """The scores ``X @ W + b``: one row per sample, one column per class."""
    t.stage("one row of scores per sample, one column per class")
    out = t.array(t.call(_X, _W, _B), "discriminants(X, W, b)")
    if out.shape == (_C, _N):
        t.fail(
            "transposed",
            f"with X of shape {_X.shape} (one sample per row) and W of shape "
            f"{_W.shape} (one column per class), the scores should have shape "
            f"({_N}, {_C}): one row per sample. Yours has shape {out.shape}, the "
            "transpose. X @ W gives every row's W^T x at once.",
        )
    t.require_shape(out, (_N, _C), "discriminants(X, W, b)", " (samples, classes)")

    t.stage("the values w_c^T x_n + b_c")
    expected = t.ref(_discriminants(_X, _W, _B))
    if not t.close(out, expected, rtol=_RTOL, atol=_ATOL):
        if t.close(out, _X @ _W, rtol=_RTOL, atol=_ATOL):
            t.fail(
                "bias_missing",
                f"your scores are X @ W without the biases b = {show(_B)}: every "
                "score f_c(x) = w_c^T x + b_c includes the bias of its class.",
            )
        if t.close(out, _X @ _W - _B, rtol=_RTOL, atol=_ATOL):
            t.fail(
                "bias_sign",
                "your scores are X @ W - b: the biases have the wrong sign. "
                "f_c(x) = w_c^T x + b_c adds them.",
            )
        t.mismatch(out, expected, "discriminants(X, W, b)", rtol=_RTOL, atol=_ATOL)


@exercise(
    "classify(X, W, b)",
    hint="""
    Compute the scores X @ W + b, shape (N, C), then take the argmax of each
    row: np.argmax(..., axis=1). The labels run from 0 to C-1, which is
    exactly what argmax returns (the book's classes 1..C shifted by one).
    """,
    solution="""
    import numpy as np


    def classify(X, W, b):
        scores = np.asarray(X) @ np.asarray(W) + np.asarray(b)
        return np.argmax(scores, axis=1)  # ties go to the smallest label
    """,
)
def classify(t):
    """The argmax rule: for each sample, the label 0..C-1 of its largest score."""
    t.stage("one label per sample")
    raw = t.call(_X, _W, _B)
    shape = np.shape(raw)
    if shape == (_N, _C):
        t.fail(
            "returned_scores",
            f"classify should return one label per sample, shape ({_N},), but "
            f"yours has shape {shape}, one number per sample and class: the "
            "scores themselves. Take the argmax of each row.",
        )
    if shape == (_C,):
        t.fail(
            "wrong_axis",
            f"classify should return one label per sample, shape ({_N},), but "
            f"yours has shape {shape}, one per class: the argmax was taken down "
            "each column (over the samples). Take it along axis=1, over the "
            "classes of each sample.",
        )
    out = t.array(raw, "classify(X, W, b)", kind="i")
    t.require_shape(out, (_N,), "classify(X, W, b)", " (one label per sample)")

    t.stage("the class with the largest score")
    expected = t.ref(_classify(_X, _W, _B))
    scores = _X @ _W + _B
    if not np.array_equal(out, expected):
        if np.array_equal(out, np.argmin(scores, axis=1)):
            t.fail(
                "argmin",
                f"your labels {show(out)} pick the class with the smallest score "
                "of each sample; the rule picks the largest (argmax).",
            )
        if np.array_equal(out, expected + 1):
            t.fail(
                "off_by_one",
                f"your labels {show(out)} run from 1 to C, like the book's class "
                "numbers. In code the labels run from 0 to C-1, so that a label "
                "can index a column of the scores: np.argmax already returns them.",
            )
        if np.array_equal(out, np.argmax(_X @ _W, axis=1)):
            t.fail(
                "bias_missing",
                f"your labels {show(out)} are those of the scores X @ W, without "
                f"the biases b = {show(_B)}; here the biases change some decisions.",
            )
        wrong = int(np.flatnonzero(out != expected)[0])
        t.fail(
            "wrong_values",
            f"sample {wrong}, x = {show(_X[wrong])}, has the scores "
            f"{show(scores[wrong])}, but your label for it is {out[wrong]}: the "
            "label should be the position of the largest score.",
        )


# Nine samples of three classes, of 4, 3 and 2 samples: sums are not means.
_XC = np.array(
    [
        [1.0, 2.0],
        [2.0, 2.5],
        [1.5, 3.0],
        [0.5, 2.5],
        [-2.0, 0.0],
        [-3.0, 1.0],
        [-2.5, -1.0],
        [2.0, -2.0],
        [3.0, -3.0],
    ]
)
_YC = np.array([0, 0, 0, 0, 1, 1, 1, 2, 2])


@exercise(
    "nearest_centre(X, y, n_classes)",
    hint="""
    Expand ||x - mu_c||^2 = ||x||^2 - 2 mu_c^T x + ||mu_c||^2: the first term
    is the same for every class, so the nearest centre maximises
    mu_c^T x - ||mu_c||^2 / 2. Column c of W is the mean of the samples of
    class c, X[y == c].mean(axis=0), and b_c = -||mu_c||^2 / 2.
    """,
    solution="""
    import numpy as np


    def nearest_centre(X, y, n_classes):
        X, y = np.asarray(X, dtype=float), np.asarray(y)
        # Column c: the mean of the samples of class c.
        W = np.column_stack([X[y == c].mean(axis=0) for c in range(n_classes)])
        b = -0.5 * np.sum(W**2, axis=0)  # -||mu_c||^2 / 2
        return W, b
    """,
)
def nearest_centre(t):
    """``(W, b)`` of the nearest-centre rule: class means, ``-||mu_c||^2 / 2``."""
    t.stage("returns the pair (W, b)")
    raw = t.call(_XC, _YC, 3)
    if not isinstance(raw, (tuple, list)) or len(raw) != 2:
        t.fail(
            "wrong_type",
            "nearest_centre should return two arrays, the weights W and the "
            f"biases b (as in `return W, b`), but it returned {type(raw).__name__} "
            f"{show(raw)}.",
        )
    W = t.array(raw[0], "W")
    b = t.array(raw[1], "b")
    d, c = _XC.shape[1], 3
    if W.shape == (c, d) and d != c:
        t.fail(
            "transposed",
            f"W should have shape ({d}, {c}), one column per class like every "
            f"weight matrix of the book, but yours has shape {W.shape}: one row "
            "per class. Stack the class means as columns (np.column_stack).",
        )
    t.require_shape(W, (d, c), "W", " (features, classes)")
    t.require_shape(b, (c,), "b", " (one bias per class)")

    t.stage("the columns of W are the class means")
    means = t.ref(np.column_stack([_XC[_YC == k].mean(axis=0) for k in range(c)]))
    if not t.close(W, means, rtol=_RTOL, atol=_ATOL):
        sums = np.column_stack([_XC[_YC == k].sum(axis=0) for k in range(c)])
        if t.close(W, sums, rtol=_RTOL, atol=_ATOL):
            t.fail(
                "sum_not_mean",
                "your columns of W are the sums of the samples of each class, "
                "not their means: divide by the number of samples of the class "
                "(here 4, 3 and 2).",
            )
        t.mismatch(
            W,
            means,
            "W",
            rtol=_RTOL,
            atol=_ATOL,
            advice="Column c should be X[y == c].mean(axis=0).",
        )

    t.stage("b_c = -||mu_c||^2 / 2")
    expected = t.ref(-0.5 * np.sum(means**2, axis=0))
    if not t.close(b, expected, rtol=_RTOL, atol=_ATOL):
        if t.close(b, -expected, rtol=_RTOL, atol=_ATOL):
            t.fail(
                "bias_sign",
                f"your biases {show(b)} are positive: b_c = -||mu_c||^2 / 2 comes "
                "with a minus sign (minimising ||x - mu_c||^2 maximises "
                "mu_c^T x - ||mu_c||^2 / 2).",
            )
        if t.close(b, 2 * expected, rtol=_RTOL, atol=_ATOL):
            t.fail(
                "bias_half_missing",
                f"your biases {show(b)} are -||mu_c||^2, twice too large: the rule "
                "maximises mu_c^T x - ||mu_c||^2 / 2 (half of -2 mu_c^T x + "
                "||mu_c||^2, negated).",
            )
        if t.close(b, -0.5 * np.sqrt(np.sum(means**2, axis=0)), rtol=_RTOL, atol=_ATOL):
            t.fail(
                "norm_not_squared",
                f"your biases {show(b)} are -||mu_c|| / 2: the norm should be "
                "squared, -||mu_c||^2 / 2 = -0.5 * np.sum(mu_c**2).",
            )
        t.mismatch(b, expected, "b", rtol=_RTOL, atol=_ATOL)
