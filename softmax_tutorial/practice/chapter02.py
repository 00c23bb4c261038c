"""Checkers for the practice notebook of chapter 2, the softmax posterior.

Exercises: ``softmax(z, axis=-1)``, ``logsumexp(z, axis=-1)`` and
``log_softmax(z, axis=-1)``, each along the class axis and stable for scores
of any size.

Reference values come from the library (``softmax_tutorial.softmax`` and
friends, themselves tested against scipy.special). Tolerances: rtol 1e-9,
atol 1e-12 (a correct float64 implementation is good to about 1e-15).
"""

import numpy as np

from .. import log_softmax as _log_softmax
from .. import logsumexp as _logsumexp
from .. import softmax as _softmax
from ._core import exercise, show

__all__ = ["softmax", "logsumexp", "log_softmax"]

_RTOL, _ATOL = 1e-9, 1e-12

# Two rows of moderate scores, not square, so the two axes cannot be confused.
_Z = np.array([[1.0, 2.0, 3.0], [1.0, -1.0, 0.5]])
# One row whose exponentials overflow float64 (exp(t) = inf above t ~ 709.78).
_Z_BIG = np.array([[1000.0, 1.0, 999.0]])
# Rows far apart: shifting by the maximum of the whole array underflows row 2.
_Z_APART = np.array([[1000.0, 999.0, 998.0], [-1000.0, -1001.0, -999.0]])

_OVERFLOW = (
    " exp(t) overflows float64 for t above about 709.78, and inf / inf or "
    "inf - inf is nan. Subtract each row's maximum before exp: the result does "
    "not change when the same number is subtracted from a whole row (chapter 2, "
    "section 'Computing softmax without overflow')."
)
_GLOBAL_SHIFT = (
    " It looks as if you subtracted the maximum of the whole array (1000): row "
    "2, whose scores are near -1000, then becomes about -2000, and exp of that "
    "is 0 in every entry. Subtract each row's own maximum, "
    "`z.max(axis=axis, keepdims=True)`."
)


def _moved(z):
    """z with its rows turned into columns: the same scores along axis 0."""
    return np.ascontiguousarray(z.T)


def _stability_stages(t, name, reference, shape_of, shape_note):
    """The two stages every function of this family shares: scores of 1000
    (overflow without the max shift) and rows far apart (one shift for the
    whole array underflows the lower row)."""
    for stage, z, code, why in (
        ("scores of 1000 (overflow)", _Z_BIG, "no_max_shift", _OVERFLOW),
        ("rows of very different sizes", _Z_APART, "global_max_shift", _GLOBAL_SHIFT),
    ):
        t.stage(stage)
        out = t.array(t.call(z), f"{name}(z)")
        t.require_shape(out, shape_of(z), f"{name}(z)", shape_note)
        what = f"{name}(z) for z = {show(z)}"
        t.require_finite(out, what, code=code, why=why)
        expected = t.ref(reference(z))
        if not t.close(out, expected, rtol=_RTOL, atol=_ATOL):
            t.mismatch(out, expected, what, rtol=_RTOL, atol=_ATOL)


# -- softmax -------------------------------------------------------------------------


@exercise(
    "softmax(z, axis=-1)",
    hint="""
    Three steps along the class axis, each with keepdims=True so that the
    result broadcasts against z: m = z.max(axis=axis, keepdims=True), then
    e = np.exp(z - m), then e / e.sum(axis=axis, keepdims=True). Subtracting m
    changes nothing mathematically (shift invariance) but keeps exp from
    overflowing. Do not write z -= m: that changes the caller's array.
    """,
    solution="""
    import numpy as np


    def softmax(z, axis=-1):
        z = np.asarray(z, dtype=float)
        m = z.max(axis=axis, keepdims=True)  # shift: nothing can overflow
        e = np.exp(z - m)  # a new array: z is left as it was
        return e / e.sum(axis=axis, keepdims=True)
    """,
)
def softmax(t):
    """softmax along ``axis``, stable for large scores, input unchanged."""
    t.stage("a batch of two score rows")
    out = t.array(t.call(_Z), "softmax(z)")
    t.require_shape(out, _Z.shape, "softmax(z)", " (the shape of z)")
    expected = t.ref(_softmax(_Z))
    if not t.close(out, expected, rtol=_RTOL, atol=_ATOL):
        rows = out.sum(axis=-1)
        with np.errstate(all="ignore"):
            if t.close(out, np.exp(_Z), rtol=_RTOL, atol=_ATOL):
                t.fail(
                    "not_normalised",
                    f"each row of softmax(z) should sum to 1 (it is a probability "
                    f"distribution over the classes), but yours sum to {show(rows)}: "
                    "your output is exp(z) itself. Divide each row by its sum.",
                )
        if t.close(out.sum(axis=0), 1.0, rtol=1e-9, atol=1e-9):
            t.fail(
                "wrong_axis",
                f"each row (the class axis, axis=-1) should sum to 1, but your rows "
                f"sum to {show(rows)}; it is your columns (axis 0) that sum to 1. "
                "Take the max and the sum along `axis`, with keepdims=True.",
            )
        if t.close(out.sum(), 1.0, rtol=1e-9, atol=1e-9):
            t.fail(
                "normalised_whole_array",
                f"each row should sum to 1, but your rows sum to {show(rows)}: the "
                "whole array sums to 1, as with scipy.special.softmax's default "
                "axis=None. Normalise each row on its own: sum along `axis` with "
                "keepdims=True.",
            )
        t.mismatch(
            out,
            expected,
            "softmax(z) for z =" + show(_Z),
            rtol=_RTOL,
            atol=_ATOL,
            advice="Compare with the formula exp(z_c) / sum over c' of exp(z_c'), "
            "row by row; subtract one number per row (its maximum), not per column.",
        )

    t.stage("the axis argument")
    zt = _moved(_Z)
    out = t.array(t.call(zt, axis=0), "softmax(z, axis=0)")
    t.require_shape(out, zt.shape, "softmax(z, axis=0)", " (the shape of z)")
    expected = t.ref(_softmax(zt, axis=0))
    if not t.close(out, expected, rtol=_RTOL, atol=_ATOL):
        if t.close(out, _softmax(zt, axis=-1), rtol=_RTOL, atol=_ATOL):
            t.fail(
                "ignores_axis",
                "softmax(z, axis=0) should normalise along axis 0 (each column "
                "sums to 1), but yours normalises along the last axis: the "
                "function ignores its `axis` argument. Pass `axis` on to every "
                "max and sum.",
            )
        t.mismatch(out, expected, "softmax(z, axis=0)", rtol=_RTOL, atol=_ATOL)

    _stability_stages(t, "softmax", _softmax, np.shape, " (the shape of z)")


# -- logsumexp -----------------------------------------------------------------------


@exercise(
    "logsumexp(z, axis=-1)",
    hint="""
    LSE(z) = m + log(sum(exp(z - m))) with m the maximum along the axis: the
    largest exponent is then exp(0) = 1, so nothing overflows and the sum is
    at least 1. Keep the axis while you subtract (keepdims=True), then drop it
    from the result: for z of shape (N, C) the answer has shape (N,).
    """,
    solution="""
    import numpy as np


    def logsumexp(z, axis=-1):
        z = np.asarray(z, dtype=float)
        m = z.max(axis=axis, keepdims=True)
        lse = m + np.log(np.exp(z - m).sum(axis=axis, keepdims=True))
        return np.squeeze(lse, axis=axis)  # drop the class axis
    """,
)
def logsumexp(t):
    """log(sum(exp(z))) along ``axis``, without overflow, class axis dropped."""
    t.stage("a batch of two score rows")
    out = t.array(t.call(_Z), "logsumexp(z)")
    if out.shape == (_Z.shape[0], 1):
        t.fail(
            "kept_dims",
            f"logsumexp(z) for z of shape {_Z.shape} should have shape "
            f"({_Z.shape[0]},), one number per row, but yours has shape {out.shape}: "
            "the class axis is still there. keepdims=True is right for the maximum "
            "you subtract, but drop the axis from the result (np.squeeze).",
        )
    if out.shape == (_Z.shape[1],):
        t.fail(
            "wrong_axis",
            f"logsumexp(z) for z of shape {_Z.shape} should have one number per "
            f"row, shape ({_Z.shape[0]},), but yours has shape {out.shape}: one "
            "per column. Reduce along `axis` (the class axis, -1 by default).",
        )
    t.require_shape(out, (_Z.shape[0],), "logsumexp(z)", " (one number per row)")
    expected = t.ref(_logsumexp(_Z))
    if not t.close(out, expected, rtol=_RTOL, atol=_ATOL):
        m = _Z.max(axis=-1)
        if t.close(out, expected - m, rtol=_RTOL, atol=_ATOL):
            t.fail(
                "max_not_added",
                f"logsumexp(z) should be at least the row maximum {show(m)}, but "
                f"yours is {show(out)}. You subtracted the maximum m inside the "
                "exp; add it back outside the log: LSE(z) = m + log(sum(exp(z - m))).",
            )
        t.mismatch(out, expected, "logsumexp(z) for z =" + show(_Z), rtol=_RTOL, atol=_ATOL)

    t.stage("the axis argument")
    zt = _moved(_Z)
    out = t.array(t.call(zt, axis=0), "logsumexp(z, axis=0)")
    if out.shape == (zt.shape[0],):
        t.fail(
            "ignores_axis",
            f"logsumexp(z, axis=0) for z of shape {zt.shape} should reduce along "
            f"axis 0 and have shape ({zt.shape[1]},), but yours has shape "
            f"{out.shape}: the function ignores its `axis` argument.",
        )
    t.require_shape(out, (zt.shape[1],), "logsumexp(z, axis=0)")
    expected = t.ref(_logsumexp(zt, axis=0))
    if not t.close(out, expected, rtol=_RTOL, atol=_ATOL):
        t.mismatch(out, expected, "logsumexp(z, axis=0)", rtol=_RTOL, atol=_ATOL)

    _stability_stages(t, "logsumexp", _logsumexp, lambda z: z.shape[:-1], " (one number per row)")


# -- log_softmax ---------------------------------------------------------------------

# Square, so that a log-sum-exp that lost its axis still broadcasts (silently).
_Z_SQUARE = np.array([[1.0, 2.0, 3.0], [0.5, -1.0, 0.0], [2.0, 2.0, -2.0]])
# The second probability is exp(-999): it underflows to 0, its log is -999.
_Z_UNDER = np.array([[1000.0, 1.0]])


@exercise(
    "log_softmax(z, axis=-1)",
    hint="""
    Never take the log of a probability: a probability that rounds to 0 gives
    -inf. Use log softmax(z) = z - LSE(z), with the log-sum-exp computed after
    subtracting the row maximum, and keep the class axis (keepdims=True) so
    that z - LSE(z) subtracts one number per row.
    """,
    solution="""
    import numpy as np


    def log_softmax(z, axis=-1):
        z = np.asarray(z, dtype=float)
        m = z.max(axis=axis, keepdims=True)
        shifted = z - m
        lse = np.log(np.exp(shifted).sum(axis=axis, keepdims=True))
        return shifted - lse  # (z - m) - log(sum(exp(z - m)))
    """,
)
def log_softmax(t):
    """z - LSE(z) along ``axis``, finite for every finite input."""
    t.stage("a batch of three score rows")
    out = t.array(t.call(_Z_SQUARE), "log_softmax(z)")
    t.require_shape(out, _Z_SQUARE.shape, "log_softmax(z)", " (the shape of z)")
    expected = t.ref(_log_softmax(_Z_SQUARE))
    if not t.close(out, expected, rtol=_RTOL, atol=_ATOL):
        lse_rows = _logsumexp(_Z_SQUARE, axis=-1)
        if t.close(out, _softmax(_Z_SQUARE), rtol=_RTOL, atol=_ATOL):
            t.fail(
                "returned_softmax",
                "log_softmax(z) should be the logarithm of the probabilities, so "
                f"every entry is <= 0, but yours are {show(out)}, the probabilities "
                "themselves.",
            )
        if t.close(out, _Z_SQUARE - lse_rows[None, :], rtol=_RTOL, atol=_ATOL):
            t.fail(
                "missing_keepdims",
                "each row of log_softmax(z) should be that row minus its own "
                "log-sum-exp, so exp of each row sums to 1, but yours sum to "
                f"{show(np.exp(out).sum(axis=-1))}. Your log-sum-exp lost its axis "
                "(shape (3,) instead of (3, 1)) and was subtracted along the wrong "
                "axis; numpy broadcast it silently because z is square. Use "
                "keepdims=True.",
            )
        if t.close(out, _Z_SQUARE - _Z_SQUARE.max(axis=-1, keepdims=True), rtol=_RTOL, atol=_ATOL):
            t.fail(
                "missing_log_sum",
                "exp of each row of log_softmax(z) should sum to 1, but yours sum "
                f"to {show(np.exp(out).sum(axis=-1))}: you subtracted the row "
                "maximum but not the log of the sum, log(sum(exp(z - m))).",
            )
        if t.close(np.exp(out).sum(axis=0), 1.0, rtol=1e-9, atol=1e-9):
            t.fail(
                "wrong_axis",
                "exp of each row of log_softmax(z) should sum to 1 (the class "
                "axis, axis=-1), but in yours it is the columns that do: reduce "
                "along `axis`.",
            )
        t.mismatch(
            out, expected, "log_softmax(z) for z =" + show(_Z_SQUARE), rtol=_RTOL, atol=_ATOL
        )

    t.stage("the axis argument")
    zt = _moved(_Z)
    out = t.array(t.call(zt, axis=0), "log_softmax(z, axis=0)")
    t.require_shape(out, zt.shape, "log_softmax(z, axis=0)", " (the shape of z)")
    expected = t.ref(_log_softmax(zt, axis=0))
    if not t.close(out, expected, rtol=_RTOL, atol=_ATOL):
        if t.close(out, _log_softmax(zt, axis=-1), rtol=_RTOL, atol=_ATOL):
            t.fail(
                "ignores_axis",
                "log_softmax(z, axis=0) should work along axis 0, but yours works "
                "along the last axis: the function ignores its `axis` argument.",
            )
        t.mismatch(out, expected, "log_softmax(z, axis=0)", rtol=_RTOL, atol=_ATOL)

    t.stage("a probability that underflows")
    out = t.array(t.call(_Z_UNDER), "log_softmax(z)")
    t.require_shape(out, _Z_UNDER.shape, "log_softmax(z)", " (the shape of z)")
    what = f"log_softmax(z) for z = {show(_Z_UNDER)}"
    if not np.isfinite(out).any():
        t.fail("no_max_shift", f"{what} is {show(out)}{t.warned()}.{_OVERFLOW}")
    if np.isfinite(out[0, 0]) and out[0, 1] == -np.inf:
        t.fail(
            "log_of_softmax",
            f"{what} is {show(out)}{t.warned()}. The true value of the second "
            "entry is about -999, a perfectly ordinary number, but the "
            "probability exp(-999) rounds to 0 in float64 and log(0) = -inf: "
            "this is np.log(softmax(z)). Compute z - LSE(z) instead, never the "
            "log of a probability.",
        )
    t.require_finite(out, what)
    if -100.0 < out[0, 1] < -1.0:
        t.fail(
            "log_epsilon",
            f"{what} is {show(out)}: the second entry should be about -999, but "
            "yours stops at log(eps) for the small eps added inside the log. "
            "np.log(p + eps) avoids -inf by giving a wrong, capped answer; "
            "compute z - LSE(z) instead.",
        )
    expected = t.ref(_log_softmax(_Z_UNDER))
    if not t.close(out, expected, rtol=_RTOL, atol=_ATOL):
        t.mismatch(out, expected, what, rtol=_RTOL, atol=_ATOL)

    _stability_stages(t, "log_softmax", _log_softmax, np.shape, " (the shape of z)")
