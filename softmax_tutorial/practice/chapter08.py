"""Checkers for the practice notebook of chapter 8, softmax regression on real
data.

Exercises: ``standardise(X_fit, X_other)`` (statistics of the training part
only), ``confusion_matrix(y_true, y_pred, n_classes)`` and
``choose_l2(make_model, X_fit, y_fit, X_val, y_val, l2_values)`` (model
selection on the validation part).

References: scikit-learn's ``StandardScaler`` and ``confusion_matrix``. For
``choose_l2`` the checker passes a scripted model in place of
``SoftmaxRegression``: its training and validation accuracies for each ``l2``
are fixed in advance, so the check is fast, exact, and independent of how the
real estimator trains.
"""

import numpy as np
from sklearn.metrics import confusion_matrix as _sk_confusion_matrix
from sklearn.preprocessing import StandardScaler

from ._core import exercise, show

__all__ = ["standardise", "confusion_matrix", "choose_l2"]

_RTOL, _ATOL = 1e-10, 1e-12

# Six training images of four pixels: pixel 3 is 0 in all of them (sigma = 0),
# like the pixels at the edge of the digits' frame.
_X_FIT = np.array(
    [
        [0.0, 4.0, 10.0, 0.0],
        [2.0, 8.0, 12.0, 0.0],
        [4.0, 0.0, 14.0, 0.0],
        [6.0, 4.0, 16.0, 0.0],
        [8.0, 12.0, 10.0, 0.0],
        [10.0, 8.0, 16.0, 0.0],
    ]
)
# Held-out images from another distribution, with ink on pixel 3.
_X_OTHER = np.array([[1.0, 6.0, 20.0, 3.0], [9.0, 2.0, 8.0, 0.0], [5.0, 5.0, 13.0, 1.0]])


def _scaled(X_fit, X_other):
    scaler = StandardScaler().fit(X_fit)
    return scaler.transform(X_fit), scaler.transform(X_other)


@exercise(
    "standardise(X_fit, X_other)",
    hint="""
    Compute the mean and the standard deviation of every feature (column) on
    X_fit only: X_fit.mean(axis=0) and X_fit.std(axis=0) (numpy's default
    ddof=0, like StandardScaler). Where the standard deviation is 0, use 1
    instead. Then apply the SAME shift and scale to both arrays, and return the
    two results. The held-out data must not influence the statistics.
    """,
    solution="""
    import numpy as np


    def standardise(X_fit, X_other):
        X_fit, X_other = np.asarray(X_fit, float), np.asarray(X_other, float)
        mean = X_fit.mean(axis=0)  # per feature, on the training part only
        scale = X_fit.std(axis=0)
        scale = np.where(scale == 0, 1.0, scale)  # constant feature: keep it 0
        return (X_fit - mean) / scale, (X_other - mean) / scale
    """,
)
def standardise(t):
    """``(X - mu) / sigma`` with ``mu``, ``sigma`` from ``X_fit``; sigma 0 -> 1."""
    t.stage("returns the pair (Z_fit, Z_other)")
    raw = t.call(_X_FIT, _X_OTHER)
    if not isinstance(raw, (tuple, list)) or len(raw) != 2:
        t.fail(
            "wrong_type",
            "standardise should return two arrays, the standardised X_fit and "
            "X_other (as in `return Z_fit, Z_other`), but it returned "
            f"{type(raw).__name__} {show(raw)}.",
        )
    Z_fit = t.array(raw[0], "Z_fit")
    Z_other = t.array(raw[1], "Z_other")
    t.require_shape(Z_fit, _X_FIT.shape, "Z_fit", " (the shape of X_fit)")
    t.require_shape(Z_other, _X_OTHER.shape, "Z_other", " (the shape of X_other)")

    t.stage("a feature that is constant in the training part")
    if not (np.isfinite(Z_fit).all() and np.isfinite(Z_other).all()):
        t.fail(
            "zero_variance",
            f"your result contains {show(Z_fit[:, 3])} in the last column of Z_fit"
            f"{t.warned()}: that pixel is 0 in every training image, its standard "
            "deviation is 0, and 0 / 0 is nan. Use a scale of 1 where the "
            "standard deviation is 0 (as StandardScaler does): the feature then "
            "becomes 0 for every training image.",
        )

    t.stage("the statistics of X_fit, applied to both")
    expected_fit, expected_other = _scaled(_X_FIT, _X_OTHER)
    t.ref(expected_fit)
    t.ref(expected_other)
    if not t.close(Z_fit, expected_fit, rtol=_RTOL, atol=_ATOL):
        mean = _X_FIT.mean(axis=0)
        std1 = _X_FIT.std(axis=0, ddof=1)
        if t.close(Z_fit, (_X_FIT - mean) / np.where(std1 == 0, 1.0, std1), rtol=_RTOL, atol=_ATOL):
            t.fail(
                "ddof",
                "your columns of Z_fit have a standard deviation of "
                f"{show(Z_fit[:, :3].std(axis=0))} instead of 1: you divided by "
                "the sample standard deviation (ddof=1). Standardising uses "
                "X.std(axis=0), ddof=0, as StandardScaler does.",
            )
        rows = Z_fit.mean(axis=1)
        if t.close(rows, 0.0, rtol=0, atol=1e-9):
            t.fail(
                "wrong_axis",
                "each ROW of your Z_fit has mean 0: you standardised each image "
                "over its pixels (axis=1). Standardise each feature over the "
                "images: mean and standard deviation along axis=0.",
            )
        both = np.vstack([_X_FIT, _X_OTHER])
        pooled_fit, _ = _scaled(both, _X_OTHER)
        if t.close(Z_fit, pooled_fit[: _X_FIT.shape[0]], rtol=_RTOL, atol=_ATOL):
            t.fail(
                "pooled_statistics",
                "your mean and standard deviation were computed on X_fit and "
                "X_other together: the held-out images then influence training. "
                "Compute them on X_fit alone.",
            )
        t.mismatch(Z_fit, expected_fit, "Z_fit", rtol=_RTOL, atol=_ATOL)
    if not t.close(Z_other, expected_other, rtol=_RTOL, atol=_ATOL):
        own, _ = _scaled(_X_OTHER, _X_OTHER)
        if t.close(Z_other, own, rtol=_RTOL, atol=_ATOL):
            t.fail(
                "statistics_of_other",
                "your Z_other has mean 0 and standard deviation 1 in every varying "
                "column: it was standardised with its own statistics. The "
                "held-out data must go through the SAME shift and scale as the "
                "training data (the scaler is part of the model, learned on X_fit).",
            )
        t.mismatch(Z_other, expected_other, "Z_other", rtol=_RTOL, atol=_ATOL)


_Y_TRUE = np.array([0, 0, 1, 1, 1, 2, 2, 0, 1, 2])
_Y_PRED = np.array([0, 1, 1, 1, 2, 2, 0, 0, 1, 1])
_K = 4  # class 3 never occurs: its row and column are zero


@exercise(
    "confusion_matrix(y_true, y_pred, n_classes)",
    hint="""
    Start from np.zeros((n_classes, n_classes), dtype=int) and add 1 at
    [y_true[n], y_pred[n]] for every sample: row = the true class, column =
    the predicted one. np.add.at(M, (y_true, y_pred), 1) does it in one call
    (M[y_true, y_pred] += 1 would count a repeated pair only once).
    """,
    solution="""
    import numpy as np


    def confusion_matrix(y_true, y_pred, n_classes):
        M = np.zeros((n_classes, n_classes), dtype=int)
        np.add.at(M, (np.asarray(y_true), np.asarray(y_pred)), 1)  # row: true
        return M
    """,
)
def confusion_matrix(t):
    """``M[i, j]`` = number of samples of true class ``i`` predicted as ``j``."""
    t.stage("a C x C matrix of counts")
    out = t.array(t.call(_Y_TRUE, _Y_PRED, _K), "confusion_matrix(y_true, y_pred, n_classes)")
    top = int(max(_Y_TRUE.max(), _Y_PRED.max())) + 1
    if out.shape == (top, top):
        t.fail(
            "ignores_n_classes",
            f"confusion_matrix(y_true, y_pred, {_K}) should be {_K} x {_K}, one "
            f"row and column per class, but yours is {out.shape}: its size came "
            "from the labels present. A class that never occurs still has its "
            "row and column (of zeros).",
        )
    t.require_shape(out, (_K, _K), f"confusion_matrix(y_true, y_pred, {_K})")

    t.stage("rows: the true class, columns: the predicted class")
    expected = t.ref(_sk_confusion_matrix(_Y_TRUE, _Y_PRED, labels=np.arange(_K)))
    if not t.close(out, expected, rtol=0, atol=1e-9):
        if t.close(out, expected.T, rtol=0, atol=1e-9):
            t.fail(
                "transposed",
                "your matrix is transposed: row i should hold the samples whose "
                "TRUE class is i (scikit-learn's convention, and the book's), "
                "split by their predicted class along the row.",
            )
        sums = expected.sum(axis=1, keepdims=True)
        if t.close(out, expected / np.where(sums == 0, 1, sums), rtol=1e-9, atol=1e-9):
            t.fail(
                "normalised",
                f"your rows sum to {show(out.sum(axis=1))}: you divided each row "
                "by its total. The confusion matrix holds counts; normalise "
                "separately when you need proportions.",
            )
        if out.sum() != _Y_TRUE.shape[0]:
            t.fail(
                "lost_counts",
                f"your counts add up to {show(out.sum())}, but there are "
                f"{_Y_TRUE.shape[0]} samples: each sample adds 1 to exactly one "
                "cell. (M[y_true, y_pred] += 1 counts a repeated pair only once; "
                "np.add.at counts them all.)",
            )
        t.mismatch(out, expected, "confusion_matrix(y_true, y_pred, n_classes)", rtol=0, atol=1e-9)


# -- choosing l2 on the validation part ---------------------------------------------

_L2_VALUES = [1e-4, 1e-3, 1e-2, 1e-1, 1.0]
# Training accuracy falls as l2 grows (the model fits the training part less
# closely); validation accuracy peaks in the middle, at l2 = 1e-2.
_TRAIN_ACCURACY = {1e-4: 1.0, 1e-3: 0.99, 1e-2: 0.97, 1e-1: 0.93, 1.0: 0.85}
_VAL_ACCURACY = {1e-4: 0.90, 1e-3: 0.93, 1e-2: 0.96, 1e-1: 0.94, 1.0: 0.84}
_BEST = 1e-2


def _data(n, seed):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, 3)), rng.integers(0, 3, size=n)


_XF, _YF = _data(100, 1)
_XV, _YV = _data(100, 2)


class _ScriptedModel:
    """Stands in for SoftmaxRegression(l2=...): ``score`` and ``predict`` give
    the accuracies of the script, on the data the checker knows."""

    fitted_on = []  # which part each model was fitted on, in order

    def __init__(self, l2):
        self.l2 = l2
        self.part = None

    def fit(self, X, y):
        X = np.asarray(X)
        self.part = "fit" if X.shape == _XF.shape and np.array_equal(X, _XF) else "other"
        if X.shape == _XV.shape and np.array_equal(X, _XV):
            self.part = "val"
        type(self).fitted_on.append(self.part)
        return self

    def _accuracy(self, X):
        X = np.asarray(X)
        if self.part is None:
            raise ValueError("This model is not fitted yet: call fit first.")
        on_val = X.shape == _XV.shape and np.array_equal(X, _XV)
        seen = (self.part == "val") == on_val
        return (_TRAIN_ACCURACY if seen else _VAL_ACCURACY)[self.l2], on_val

    def predict(self, X):
        accuracy, on_val = self._accuracy(X)
        y = (_YV if on_val else _YF).copy()
        wrong = int(round((1 - accuracy) * y.shape[0]))
        y[:wrong] = (y[:wrong] + 1) % 3  # exactly that many mistakes
        return y

    def score(self, X, y):
        return float(np.mean(self.predict(X) == np.asarray(y)))


@exercise(
    "choose_l2(make_model, X_fit, y_fit, X_val, y_val, l2_values)",
    hint="""
    For each l2 in l2_values: model = make_model(l2), fit it on the fit part,
    and measure its accuracy on the VALIDATION part, model.score(X_val, y_val).
    Return the l2 (the value, not its position) whose validation accuracy is
    the highest. Training accuracy always favours the smallest l2 and says
    nothing about new images.
    """,
    solution="""
    def choose_l2(make_model, X_fit, y_fit, X_val, y_val, l2_values):
        scores = [
            make_model(l2).fit(X_fit, y_fit).score(X_val, y_val)
            for l2 in l2_values
        ]
        best = max(range(len(scores)), key=scores.__getitem__)  # first best
        return l2_values[best]
    """,
)
def choose_l2(t):
    """The ``l2`` of ``l2_values`` with the best accuracy on the validation part."""
    t.stage("returns one of the l2 values")
    _ScriptedModel.fitted_on = []
    raw = t.call(_ScriptedModel, _XF, _YF, _XV, _YV, list(_L2_VALUES))
    chosen = t.scalar(raw, "choose_l2(...)")
    if "val" in _ScriptedModel.fitted_on:
        t.fail(
            "fit_on_validation",
            "a model was fitted on the validation part: the validation images "
            "must stay unseen, to measure how each l2 does on new data. Fit on "
            "X_fit, y_fit; score on X_val, y_val.",
        )
    if not any(np.isclose(chosen, v, rtol=1e-12, atol=0) for v in _L2_VALUES):
        if 0 <= chosen < len(_L2_VALUES) and chosen == int(chosen):
            t.fail(
                "returned_index",
                f"choose_l2 returned {show(chosen)}, a position in l2_values = "
                f"{show(np.array(_L2_VALUES))}, not one of its values: return "
                "l2_values[best].",
            )
        if 0 < chosen <= 1 and any(
            np.isclose(chosen, a, rtol=1e-12, atol=0)
            for a in [*_VAL_ACCURACY.values(), *_TRAIN_ACCURACY.values()]
        ):
            t.fail(
                "returned_accuracy",
                f"choose_l2 returned {show(chosen)}, an accuracy, not one of the "
                f"l2 values {show(np.array(_L2_VALUES))}: return the l2 whose "
                "accuracy is best.",
            )
        t.fail(
            "wrong_values",
            f"choose_l2 returned {show(chosen)}, which is not one of the l2 "
            f"values {show(np.array(_L2_VALUES))}.",
        )

    t.stage("the best accuracy on the validation part")
    t.ref(_BEST)
    if np.isclose(chosen, _BEST, rtol=1e-12, atol=0):
        return
    train_best = max(_L2_VALUES, key=_TRAIN_ACCURACY.__getitem__)
    val_worst = min(_L2_VALUES, key=_VAL_ACCURACY.__getitem__)
    if np.isclose(chosen, train_best, rtol=1e-12, atol=0):
        t.fail(
            "chose_on_training",
            f"you chose l2 = {show(chosen)}, the value with the best accuracy on "
            "the images the model was trained on. Training accuracy rewards "
            "fitting those images closely and always favours the smallest l2; "
            "choose on the validation part, which the model has not seen.",
        )
    if np.isclose(chosen, val_worst, rtol=1e-12, atol=0):
        t.fail(
            "argmin",
            f"you chose l2 = {show(chosen)}, the value with the LOWEST validation "
            "accuracy: take the highest (max, not min).",
        )
    t.fail(
        "wrong_values",
        f"you chose l2 = {show(chosen)}, which is not the value with the best validation accuracy.",
    )
