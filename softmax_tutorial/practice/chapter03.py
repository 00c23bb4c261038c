"""Checkers for the practice notebook of chapter 3, one-hot targets and the
vector form.

Exercises: ``one_hot(y, n_classes)``, ``posteriors(X, W)`` (the batch form
``softmax(X @ W)``) and ``true_class_probability(Y_hat, y)`` (the entries
``Y_hat[n, y_n]``).

References: the library's ``one_hot`` and ``softmax`` and numpy indexing;
tolerance rtol 1e-10, atol 1e-12. Labels are 0..C-1.
"""

import numpy as np

from .. import one_hot as _one_hot
from .. import softmax as _softmax
from ._core import exercise, show

__all__ = ["one_hot", "posteriors", "true_class_probability"]

_RTOL, _ATOL = 1e-10, 1e-12

# Five labels of four classes, class 3 absent: the size must come from n_classes.
_Y = np.array([0, 2, 1, 2, 0])
_K = 4


@exercise(
    "one_hot(y, n_classes)",
    hint="""
    Row n has a single 1, in column y[n]. Either index the identity matrix by
    the labels, np.eye(n_classes)[y], or compare the labels (as a column)
    with the class numbers: (y[:, None] == np.arange(n_classes)).astype(float).
    The number of columns is n_classes, even if some class has no sample.
    """,
    solution="""
    import numpy as np


    def one_hot(y, n_classes):
        y = np.asarray(y)
        return (y[:, None] == np.arange(n_classes)).astype(float)
    """,
)
def one_hot(t):
    """Labels 0..C-1 to an (N, C) matrix with a single 1 per row."""
    t.stage("one row per label, n_classes columns")
    out = t.array(t.call(_Y, _K), "one_hot(y, n_classes)")
    n = _Y.shape[0]
    if out.shape == (_K, n):
        t.fail(
            "transposed",
            f"one_hot(y, {_K}) for {n} labels should have shape ({n}, {_K}): one "
            f"row per sample, like X. Yours has shape {out.shape}, the transpose.",
        )
    if out.shape == (n, _Y.max() + 1):
        t.fail(
            "ignores_n_classes",
            f"one_hot(y, {_K}) for y = {show(_Y)} should have {_K} columns, one "
            f"per class, but yours has {out.shape[1]}: the number of columns came "
            f"from the labels present (y.max() + 1) instead of n_classes. Class "
            f"{_K - 1} has no sample here, yet it still needs its column.",
        )
    t.require_shape(out, (n, _K), f"one_hot(y, {_K})", " (samples, classes)")

    t.stage("a single 1 per row, in the column of the label")
    expected = t.ref(_one_hot(_Y, _K))
    if not t.close(out, expected, rtol=_RTOL, atol=_ATOL):
        if t.close(out, np.eye(_K)[_Y - 1], rtol=_RTOL, atol=_ATOL):
            t.fail(
                "off_by_one",
                f"for y = {show(_Y)} your rows are {show(out)}: the 1 of label 0 "
                "is in the last column and every other 1 is one column to the "
                "left. The labels already run from 0 to C-1, like the columns: "
                "no shift is needed (the book's class c is label c - 1).",
            )
        t.mismatch(
            out,
            expected,
            f"one_hot({show(_Y)}, {_K})",
            rtol=_RTOL,
            atol=_ATOL,
            advice="Row n should be 1 in column y[n] and 0 elsewhere.",
        )


_XP = np.array([[1.0, 2.0], [-1.0, 0.5], [0.0, -1.5], [2.0, 1.0], [0.5, 0.5]])
_WP = np.array([[1.0, -0.5, 0.3], [0.4, 0.8, -1.0]])
# The same problem with scores in the hundreds: exp overflows unless shifted.
_XP_BIG = 500.0 * _XP


@exercise(
    "posteriors(X, W)",
    hint="""
    The scores of all samples are the rows of Z = X @ W, shape (N, C); the
    posteriors are the softmax of each row, along the class axis (the last
    one). Subtract each row's maximum before exp, or use the softmax you
    wrote for chapter 2 (softmax_tutorial.softmax does the same).
    """,
    solution="""
    import numpy as np


    def posteriors(X, W):
        Z = np.asarray(X) @ np.asarray(W)  # (N, C): row n is W^T x_n
        Z = Z - Z.max(axis=1, keepdims=True)  # stable: nothing overflows
        E = np.exp(Z)
        return E / E.sum(axis=1, keepdims=True)
    """,
)
def posteriors(t):
    """``softmax(X @ W)`` row by row: one distribution per sample."""
    n, c = _XP.shape[0], _WP.shape[1]
    t.stage("one row per sample, one column per class")
    out = t.array(t.call(_XP, _WP), "posteriors(X, W)")
    if out.shape == (c, n):
        t.fail(
            "transposed",
            f"with X of shape {_XP.shape} and W of shape {_WP.shape}, the "
            f"posteriors should have shape ({n}, {c}), row n for sample n. Yours "
            f"has shape {out.shape}, the transpose (the samples-as-columns "
            "convention, W^T X^T): the book stacks samples as rows, Z = X @ W.",
        )
    t.require_shape(out, (n, c), "posteriors(X, W)", " (samples, classes)")

    t.stage("each row a probability distribution, softmax of W^T x_n")
    expected = t.ref(_softmax(_XP @ _WP))
    if not t.close(out, expected, rtol=_RTOL, atol=_ATOL):
        rows = out.sum(axis=1)
        if t.close(out, _XP @ _WP, rtol=_RTOL, atol=_ATOL):
            t.fail(
                "scores_not_probabilities",
                f"your rows sum to {show(rows)} and contain negative numbers: they "
                "are the scores X @ W themselves. The posteriors are their "
                "softmax, row by row.",
            )
        if t.close(out.sum(axis=0), 1.0, rtol=1e-9, atol=1e-9):
            t.fail(
                "wrong_axis",
                f"each row should sum to 1 (a distribution over the {c} classes "
                f"of one sample), but yours sum to {show(rows)}: your columns sum "
                "to 1, so the softmax ran down each column, over the samples. "
                "Apply it along the class axis, axis=1 (or -1).",
            )
        t.mismatch(out, expected, "posteriors(X, W)", rtol=_RTOL, atol=_ATOL)

    t.stage("scores in the hundreds (overflow)")
    out = t.array(t.call(_XP_BIG, _WP), "posteriors(X, W)")
    t.require_shape(out, (n, c), "posteriors(X, W)")
    scores = _XP_BIG @ _WP
    t.require_finite(
        out,
        f"posteriors(X, W) for scores X @ W as large as {show(np.abs(scores).max())}",
        code="no_max_shift",
        why=" exp overflows float64 above about 709.78: subtract each row's "
        "maximum score before exp (chapter 2, 'Computing softmax without overflow').",
    )
    expected = t.ref(_softmax(scores))
    if not t.close(out, expected, rtol=_RTOL, atol=_ATOL):
        t.mismatch(out, expected, "posteriors(X, W) for large scores", rtol=_RTOL, atol=_ATOL)


# Four samples, three classes; samples 1 and 3 are predicted wrong, so the
# probability of the true class is not the largest of the row.
_Y_HAT = np.array(
    [
        [0.7, 0.2, 0.1],
        [0.6, 0.3, 0.1],
        [0.1, 0.1, 0.8],
        [0.25, 0.15, 0.6],
    ]
)
_YT = np.array([0, 1, 2, 1])


@exercise(
    "true_class_probability(Y_hat, y)",
    hint="""
    You need one number per sample: entry y[n] of row n. Index with two arrays
    of the same length, one for the rows and one for the columns:
    Y_hat[np.arange(N), y]. (Y_hat[:, y] is something else: all rows, and the
    columns y, an N x N matrix.)
    """,
    solution="""
    import numpy as np


    def true_class_probability(Y_hat, y):
        Y_hat, y = np.asarray(Y_hat), np.asarray(y)
        return Y_hat[np.arange(len(y)), y]  # row n, column y[n]
    """,
)
def true_class_probability(t):
    """``Y_hat[n, y[n]]`` for every n: the probability given to the true class."""
    n, c = _Y_HAT.shape
    t.stage("one number per sample")
    out = t.array(t.call(_Y_HAT, _YT), "true_class_probability(Y_hat, y)")
    if out.shape == (n, n):
        t.fail(
            "picked_columns",
            f"the result should have one number per sample, shape ({n},), but "
            f"yours has shape {out.shape}: Y_hat[:, y] takes every row and, from "
            "each, the columns listed in y. Pair row n with column y[n]: "
            "Y_hat[np.arange(N), y].",
        )
    if out.shape == (n, c):
        t.fail(
            "picked_rows",
            f"the result should have one number per sample, shape ({n},), but "
            f"yours has shape {out.shape}: Y_hat[y] picks whole rows, row y[n] "
            "for each n. Pick one entry per row: Y_hat[np.arange(N), y].",
        )
    t.require_shape(out, (n,), "true_class_probability(Y_hat, y)", " (one per sample)")

    t.stage("the entry of the true class in each row")
    expected = t.ref(_Y_HAT[np.arange(n), _YT])
    if not t.close(out, expected, rtol=_RTOL, atol=_ATOL):
        if t.close(out, _Y_HAT.max(axis=1), rtol=_RTOL, atol=_ATOL):
            t.fail(
                "max_not_true_class",
                f"your values {show(out)} are the largest probability of each row, "
                "the probability of the predicted class. The loss needs the "
                f"probability of the true class y = {show(_YT)}, which is not the "
                "largest in rows 1 and 3.",
            )
        t.mismatch(
            out,
            expected,
            "true_class_probability(Y_hat, y)",
            rtol=_RTOL,
            atol=_ATOL,
            advice="Entry n should be Y_hat[n, y[n]].",
        )
