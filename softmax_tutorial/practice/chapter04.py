"""Checkers for the practice notebook of chapter 4, the cross-entropy risk.

Exercises: ``cross_entropy(y, Z)`` (the loss of every sample, from the
scores), ``risk(W, X, y)`` (their mean) and ``soft_cross_entropy(T, Z)`` (the
loss for target distributions, as in label smoothing).

References: the library's ``cross_entropy`` and ``risk`` (tested against
scikit-learn's ``log_loss``); tolerance rtol 1e-9, atol 1e-12. The cases
include a confident wrong prediction whose true class has probability
exp(-800), which rounds to 0: a loss computed as the log of a probability is
then infinite, while the right answer is about 800.
"""

import numpy as np

from .. import cross_entropy as _cross_entropy
from .. import logsumexp as _logsumexp
from .. import risk as _risk
from ._core import exercise, show

__all__ = ["cross_entropy", "risk", "soft_cross_entropy"]

_RTOL, _ATOL = 1e-9, 1e-12

_Z = np.array([[2.0, 0.5, -1.0], [0.0, 1.0, 3.0], [1.5, 1.5, 0.0], [-2.0, 0.5, 1.0]])
_Y = np.array([0, 2, 1, 0])
# Sure of label 1 (score 400 against -400), but the label is 0: the loss is
# LSE(z) - z_0 = 800 (to double precision), and exp(-800) underflows to 0.
_Z_WRONG = np.array([[-400.0, 400.0]])
_Y_WRONG = np.array([0])
# exp(1000) overflows: only a shifted log-sum-exp survives.
_Z_BIG = np.array([[1000.0, 0.0]])
_Y_BIG = np.array([1])

_FROM_LOGITS = (
    " Compute the loss from the scores, LSE(z) - z_y with a log-sum-exp that "
    "subtracts the row maximum first (chapter 4, 'Computing the risk from the "
    "scores'), never as the log of a probability."
)
_FROM_LOGITS_SOFT = _FROM_LOGITS.replace("LSE(z) - z_y", "LSE(z) - t^T z")


def _check_confident_wrong(t, out, what, advice=_FROM_LOGITS):
    """The loss of ``_Z_WRONG`` should be 800: diagnose inf and capped values."""
    if np.isposinf(out).any() or np.isnan(out).any():
        t.fail(
            "log_of_probability",
            f"{what} is {show(out)}{t.warned()}. The model gives the true class "
            "the probability exp(-800), which rounds to 0 in float64, and "
            "-log(0) = inf; the true loss is an ordinary number, about the score "
            f"gap 800.{advice}",
        )
    if (out < 100).all() and (out > 1).all():
        t.fail(
            "log_epsilon",
            f"{what} is {show(out)}: the loss should be about the score gap, 800, "
            "but yours is capped, as when a small eps is added to the probability "
            f"(or it is clipped) before the log.{advice}",
        )


@exercise(
    "cross_entropy(y, Z)",
    hint="""
    For one sample with scores z and label y, -log softmax(z)[y] simplifies to
    LSE(z) - z[y], where LSE(z) = m + log(sum(exp(z - m))) with m = max(z).
    For all samples at once: the log-sum-exp of each row (keepdims is not
    needed here: one number per row), minus Z[np.arange(N), y].
    """,
    solution="""
    import numpy as np


    def cross_entropy(y, Z):
        Z, y = np.asarray(Z, dtype=float), np.asarray(y)
        m = Z.max(axis=1)
        lse = m + np.log(np.exp(Z - m[:, None]).sum(axis=1))  # LSE of each row
        return lse - Z[np.arange(len(y)), y]  # LSE(z) - z_y, per sample
    """,
)
def cross_entropy(t):
    """The per-sample loss ``LSE(z_n) - z_n[y_n]``, finite for every finite score."""
    n = _Z.shape[0]
    t.stage("one loss per sample")
    out = t.array(t.call(_Y, _Z), "cross_entropy(y, Z)")
    if out.size == 1 and n > 1:
        t.fail(
            "averaged",
            f"cross_entropy(y, Z) should return the loss of each of the {n} "
            f"samples, shape ({n},), but yours returned the single number "
            f"{show(out.ravel()[0])}. Averaging comes later: that is the risk "
            "(next exercise).",
        )
    t.require_shape(out, (n,), "cross_entropy(y, Z)", " (one loss per sample)")

    t.stage("LSE(z) - z_y on moderate scores")
    expected = t.ref(_cross_entropy(_Y, _Z))
    if not t.close(out, expected, rtol=_RTOL, atol=_ATOL):
        if t.close(out, -expected, rtol=_RTOL, atol=_ATOL):
            t.fail(
                "sign_error",
                f"your losses {show(out)} are negative. The loss is -log of a "
                "probability, so it is >= 0: LSE(z) - z_y, not z_y - LSE(z).",
            )
        shifted = _logsumexp(_Z) - _Z[np.arange(n), _Y - 1]
        if t.close(out, shifted, rtol=_RTOL, atol=_ATOL):
            t.fail(
                "off_by_one",
                f"your losses use the score of label y - 1 (for y = {show(_Y)}, "
                "label 0 reads the last column). The labels already run from 0 to "
                "C-1 and index the columns directly: Z[np.arange(N), y].",
            )
        t.mismatch(out, expected, f"cross_entropy(y, Z) for Z = {show(_Z)}", rtol=_RTOL, atol=_ATOL)

    t.stage("a confident wrong prediction (probability exp(-800))")
    out = t.array(t.call(_Y_WRONG, _Z_WRONG), "cross_entropy(y, Z)")
    t.require_shape(out, (1,), "cross_entropy(y, Z)", " (one loss per sample)")
    what = f"cross_entropy(y, Z) for Z = {show(_Z_WRONG)}, y = {show(_Y_WRONG)}"
    _check_confident_wrong(t, out, what)
    expected = t.ref(_cross_entropy(_Y_WRONG, _Z_WRONG))
    if not t.close(out, expected, rtol=_RTOL, atol=_ATOL):
        t.mismatch(out, expected, what, rtol=_RTOL, atol=_ATOL)

    t.stage("scores of 1000 (overflow)")
    out = t.array(t.call(_Y_BIG, _Z_BIG), "cross_entropy(y, Z)")
    t.require_shape(out, (1,), "cross_entropy(y, Z)", " (one loss per sample)")
    what = f"cross_entropy(y, Z) for Z = {show(_Z_BIG)}, y = {show(_Y_BIG)}"
    t.require_finite(
        out,
        what,
        code="no_max_shift",
        why=" exp(1000) overflows float64: subtract the row maximum inside the "
        "log-sum-exp, LSE(z) = m + log(sum(exp(z - m))).",
    )
    expected = t.ref(_cross_entropy(_Y_BIG, _Z_BIG))
    if not t.close(out, expected, rtol=_RTOL, atol=_ATOL):
        t.mismatch(out, expected, what, rtol=_RTOL, atol=_ATOL)


_X = np.array([[1.0, 2.0], [-1.0, 0.5], [0.0, -1.5], [2.0, 1.0], [0.5, 0.5]])
_W = np.array([[1.0, -0.5, 0.3], [0.4, 0.8, -1.0]])
_YR = np.array([0, 1, 2, 2, 1])
# Scores 280 times larger: sample 3 (label 2) is then predicted confidently
# wrong, with a score gap of 784 (its probability exp(-784) rounds to 0), while
# every score stays below 709.78, where exp would overflow.
_X_WRONG = 280.0 * _X
# 1000 times larger: exp of the largest scores overflows.
_X_BIG = 1000.0 * _X


@exercise(
    "risk(W, X, y)",
    hint="""
    The risk is the mean, over the N samples, of the per-sample loss
    LSE(z_n) - z_n[y_n], where z_n is row n of Z = X @ W. Reuse your
    cross_entropy (or the library's) on Z and take np.mean: one number.
    """,
    solution="""
    import numpy as np


    def risk(W, X, y):
        Z = np.asarray(X, dtype=float) @ np.asarray(W, dtype=float)
        y = np.asarray(y)
        m = Z.max(axis=1)
        lse = m + np.log(np.exp(Z - m[:, None]).sum(axis=1))
        return float(np.mean(lse - Z[np.arange(len(y)), y]))  # the 1/N sum
    """,
)
def risk(t):
    """The mean cross-entropy of ``softmax(X @ W)`` against the labels: a number."""
    n = _X.shape[0]
    t.stage("a single number")
    raw = t.call(_W, _X, _YR)
    arr = t.array(raw, "risk(W, X, y)")
    if arr.shape == (n,):
        t.fail(
            "not_averaged",
            f"risk(W, X, y) should be one number, but yours is an array of shape "
            f"{arr.shape}, one loss per sample: the risk is their mean, "
            "(1/N) times their sum.",
        )
    out = t.scalar(raw, "risk(W, X, y)")

    t.stage("the mean loss on moderate scores")
    expected = t.ref(_risk(_W, _X, _YR))
    if not t.close(out, expected, rtol=_RTOL, atol=_ATOL):
        if t.close(out, n * expected, rtol=_RTOL, atol=_ATOL):
            t.fail(
                "missing_1_over_N",
                f"your risk {show(out)} is the sum of the {n} per-sample losses; the "
                "risk is their mean, with the factor 1/N, so that its value does "
                "not grow with the size of the data set.",
            )
        if t.close(out, -expected, rtol=_RTOL, atol=_ATOL):
            t.fail(
                "sign_error",
                f"your risk {show(out)} is negative. It is the mean of -log of "
                "probabilities, so it is >= 0: mind the minus sign.",
            )
        t.mismatch(out, expected, "risk(W, X, y)", rtol=_RTOL, atol=_ATOL)

    t.stage("W = 0 gives log C")
    zero = np.zeros_like(_W)
    out = t.scalar(t.call(zero, _X, _YR), "risk(0, X, y)")
    if not t.close(out, t.ref(np.log(_W.shape[1])), rtol=_RTOL, atol=_ATOL):
        t.fail(
            "wrong_values",
            f"at W = 0 every class has probability 1/C, so the risk is log C = "
            f"log {_W.shape[1]} for any data; yours is {show(out)}.",
        )

    t.stage("a confident wrong prediction (scores in the hundreds)")
    out = t.scalar(t.call(_W, _X_WRONG, _YR), "risk(W, X, y)")
    what = "risk(W, X, y) for X 280 times larger (scores up to 672)"
    if np.isposinf(out) or np.isnan(out):
        t.fail(
            "log_of_probability",
            f"{what} is {show(out)}{t.warned()}. Sample 3's true class gets the "
            "probability exp(-784), which rounds to 0, and -log(0) = inf makes the "
            "whole mean infinite, although every loss is an ordinary number."
            f"{_FROM_LOGITS}",
        )
    if 1.0 < out < 100.0:
        t.fail(
            "log_epsilon",
            f"{what} is {show(out)}, too small: sample 3 alone should contribute "
            "784 / 5 to the mean, but its loss is capped, as when a small eps is "
            f"added to the probability (or it is clipped) before the log.{_FROM_LOGITS}",
        )
    expected = t.ref(_risk(_W, _X_WRONG, _YR))
    if not t.close(out, expected, rtol=_RTOL, atol=_ATOL):
        t.mismatch(out, expected, what, rtol=_RTOL, atol=_ATOL)

    t.stage("scores in the thousands (overflow)")
    out = t.scalar(t.call(_W, _X_BIG, _YR), "risk(W, X, y)")
    what = "risk(W, X, y) for X 1000 times larger (scores up to 2400)"
    t.require_finite(
        np.asarray(out),
        what,
        code="no_max_shift",
        why=" exp overflows float64 above about 709.78: subtract each row's "
        "maximum score inside the log-sum-exp.",
    )
    expected = t.ref(_risk(_W, _X_BIG, _YR))
    if not t.close(out, expected, rtol=_RTOL, atol=_ATOL):
        t.mismatch(out, expected, what, rtol=_RTOL, atol=_ATOL)


# Soft targets: every row is a distribution, not one-hot.
_T = np.array([[0.8, 0.1, 0.1], [0.0, 0.3, 0.7], [0.5, 0.5, 0.0], [0.2, 0.2, 0.6]])
# Target weight 0 on a class whose probability is exp(-1000): 0 * log 0 = nan.
_T_ZERO = np.array([[1.0, 0.0]])
_Z_ZERO = np.array([[0.0, -1000.0]])
# Weight 1/2 on a class of probability exp(-800): the loss is 400.
_T_HALF = np.array([[0.5, 0.5]])


@exercise(
    "soft_cross_entropy(T, Z)",
    hint="""
    With a target distribution t (entries >= 0 that sum to 1) the loss
    -t^T log softmax(z) equals LSE(z) - t^T z, because t^T 1 = 1. Compute the
    log-sum-exp of each row, stably, and subtract the row sums of T * Z. No
    log of a probability: a target 0 times log 0 would be nan.
    """,
    solution="""
    import numpy as np


    def soft_cross_entropy(T, Z):
        T, Z = np.asarray(T, dtype=float), np.asarray(Z, dtype=float)
        m = Z.max(axis=1)
        lse = m + np.log(np.exp(Z - m[:, None]).sum(axis=1))
        return lse - np.sum(T * Z, axis=1)  # LSE(z) - t^T z, per sample
    """,
)
def soft_cross_entropy(t):
    """``LSE(z_n) - t_n^T z_n`` for target distributions ``t_n``."""
    n = _Z.shape[0]
    t.stage("one loss per sample")
    out = t.array(t.call(_T, _Z), "soft_cross_entropy(T, Z)")
    if out.size == 1 and n > 1:
        t.fail(
            "averaged",
            f"soft_cross_entropy(T, Z) should return one loss per sample, shape "
            f"({n},), but yours returned a single number.",
        )
    t.require_shape(out, (n,), "soft_cross_entropy(T, Z)", " (one loss per sample)")

    t.stage("targets that are not one-hot")
    expected = t.ref(_cross_entropy(_T, _Z))
    if not t.close(out, expected, rtol=_RTOL, atol=_ATOL):
        if t.close(out, -expected, rtol=_RTOL, atol=_ATOL):
            t.fail(
                "sign_error",
                f"your losses {show(out)} are negative: the loss is "
                "-t^T log softmax(z) = LSE(z) - t^T z, which is >= 0.",
            )
        hard = _cross_entropy(np.argmax(_T, axis=1), _Z)
        if t.close(out, hard, rtol=_RTOL, atol=_ATOL):
            t.fail(
                "assumes_one_hot",
                "your losses are those of the labels argmax(T): they use only the "
                "largest entry of each target row. With T = "
                f"{show(_T)}, every class with a positive target contributes: "
                "use the whole row, LSE(z) - t^T z.",
            )
        t.mismatch(out, expected, "soft_cross_entropy(T, Z)", rtol=_RTOL, atol=_ATOL)

    t.stage("a target 0 on a class of probability 0")
    out = t.array(t.call(_T_ZERO, _Z_ZERO), "soft_cross_entropy(T, Z)")
    t.require_shape(out, (1,), "soft_cross_entropy(T, Z)")
    what = f"soft_cross_entropy(T, Z) for T = {show(_T_ZERO)}, Z = {show(_Z_ZERO)}"
    if np.isnan(out).any() or np.isinf(out).any():
        t.fail(
            "log_of_probability",
            f"{what} is {show(out)}{t.warned()}. The second probability, exp(-1000), "
            "rounds to 0; its log is -inf, and the target 0 times -inf is nan. The "
            f"true loss is 0 to double precision.{_FROM_LOGITS_SOFT}",
        )
    expected = t.ref(_cross_entropy(_T_ZERO, _Z_ZERO))
    if not t.close(out, expected, rtol=_RTOL, atol=_ATOL):
        if (out < 0).all() and (out > -1e-6).all():
            t.fail(
                "log_epsilon",
                f"{what} is {show(out)}, slightly negative, but a cross-entropy "
                "is never below 0. That is the trace of a small eps added to the "
                f"probability before the log (log(1 + eps) > 0).{_FROM_LOGITS_SOFT}",
            )
        t.mismatch(out, expected, what, rtol=_RTOL, atol=_ATOL)

    t.stage("a target 1/2 on a class of probability exp(-800)")
    out = t.array(t.call(_T_HALF, _Z_WRONG), "soft_cross_entropy(T, Z)")
    t.require_shape(out, (1,), "soft_cross_entropy(T, Z)")
    what = f"soft_cross_entropy(T, Z) for T = {show(_T_HALF)}, Z = {show(_Z_WRONG)}"
    _check_confident_wrong(t, out, what, _FROM_LOGITS_SOFT)
    expected = t.ref(_cross_entropy(_T_HALF, _Z_WRONG))
    if not t.close(out, expected, rtol=_RTOL, atol=_ATOL):
        t.mismatch(out, expected, what, rtol=_RTOL, atol=_ATOL)

    t.stage("scores of 1000 (overflow)")
    out = t.array(t.call(_T_HALF, _Z_BIG), "soft_cross_entropy(T, Z)")
    t.require_shape(out, (1,), "soft_cross_entropy(T, Z)")
    what = f"soft_cross_entropy(T, Z) for T = {show(_T_HALF)}, Z = {show(_Z_BIG)}"
    t.require_finite(
        out,
        what,
        code="no_max_shift",
        why=" exp(1000) overflows float64: subtract the row maximum inside the log-sum-exp.",
    )
    expected = t.ref(_cross_entropy(_T_HALF, _Z_BIG))
    if not t.close(out, expected, rtol=_RTOL, atol=_ATOL):
        t.mismatch(out, expected, what, rtol=_RTOL, atol=_ATOL)
