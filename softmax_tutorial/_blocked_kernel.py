"""The blocked, cache-friendly kernel behind softmax, log_softmax and logsumexp (private).

Why this module exists: with few classes (10 digits, 3 irises), numpy's per-row
reductions such as ``z.max(axis=1)`` spend most of their time on per-row
overhead rather than arithmetic. Reducing one column at a time over a block of
rows that stays in cache is two to three times faster, and it is what makes the
library's softmax family about twice as fast as ``scipy.special``'s (see the
README's performance section, measured by ``make bench``). The mathematics is
in :mod:`softmax_tutorial.softmax`; this is only the loop that computes it fast.
"""

import numpy as np

__all__ = []  # private: used by softmax.py, loss.py and the estimator

# Rows are processed in blocks so that each block's temporaries stay in cache.
_BLOCK_ROWS = 4096
# With few classes, numpy's per-row reductions (``z.max(axis=1)``) spend most of
# their time on per-row overhead; reducing one column at a time over a block is
# two to three times faster. With many classes the per-row reduction wins.
_COLUMN_LOOP_MAX_CLASSES = 32


def _row_reduce(ufunc, block, out):
    """``ufunc.reduce(block, axis=1)`` written into ``out``, column by column
    when there are few columns (see _COLUMN_LOOP_MAX_CLASSES)."""
    n_cols = block.shape[1]
    if n_cols <= _COLUMN_LOOP_MAX_CLASSES:
        np.copyto(out, block[:, 0])
        for j in range(1, n_cols):
            ufunc(out, block[:, j], out=out)
    else:
        ufunc.reduce(block, axis=1, out=out)
    return out


def raise_for_bad_maxima(row_max, z2d, name, all_neg_inf_ok):
    """Explain a row maximum that is not finite: nan, +inf or an all -inf row."""
    if np.isnan(row_max).any():
        raise ValueError(
            f"{name} contains NaN (in row {int(np.argmax(np.isnan(row_max)))} of "
            f"the {z2d.shape[0]} rows along the class axis); only finite values "
            "and -inf are accepted."
        )
    if (row_max == np.inf).any():
        raise ValueError(
            f"{name} contains +inf (in row {int(np.argmax(row_max == np.inf))}); "
            "only finite values and -inf are accepted."
        )
    if not all_neg_inf_ok:
        raise ValueError(
            f"{name} has a row whose entries are all -inf (row "
            f"{int(np.argmax(row_max == -np.inf))}): every class has probability 0, "
            "so softmax is undefined there. At least one entry per row must be finite."
        )


def rowwise(z2d, mode, name, *, all_neg_inf_ok=None):
    """The shared kernel over a C-contiguous (n, k) array.

    mode 'softmax' and 'log_softmax' return an (n, k) array, 'logsumexp' an
    (n,) array; 'softmax+lse' returns both the softmax and the log-normaliser.
    A row of all -inf is an error except in 'logsumexp' (log 0 = -inf), unless
    ``all_neg_inf_ok`` says otherwise (the cross-entropy needs a distribution).
    """
    if all_neg_inf_ok is None:
        all_neg_inf_ok = mode == "logsumexp"
    n, k = z2d.shape
    dtype = z2d.dtype
    row_max = np.empty(n, dtype=dtype)
    for start in range(0, n, _BLOCK_ROWS):
        stop = min(start + _BLOCK_ROWS, n)
        _row_reduce(np.maximum, z2d[start:stop], row_max[start:stop])
    bad = ~np.isfinite(row_max)
    if bad.any():
        raise_for_bad_maxima(row_max, z2d, name, all_neg_inf_ok=all_neg_inf_ok)
        # All -inf rows in logsumexp: shift by 0 so exp gives 0 and log gives -inf.
        row_max[bad] = 0.0

    want_matrix = mode != "logsumexp"
    out = np.empty_like(z2d) if want_matrix else None
    lse = np.empty(n, dtype=dtype)
    fused = mode in ("softmax", "softmax+lse")
    scratch = None if fused else np.empty((min(n, _BLOCK_ROWS), k), dtype)
    # log(0) = -inf for an all -inf row is right. z - m can overflow to -inf only
    # when z - m < -1.8e308, where exp(z - m) = 0 exactly, so that overflow is
    # harmless too, except for log_softmax, whose true value is then beyond float64.
    over = "warn" if mode == "log_softmax" else "ignore"
    with np.errstate(divide="ignore", over=over):
        for start in range(0, n, _BLOCK_ROWS):
            stop = min(start + _BLOCK_ROWS, n)
            m = row_max[start:stop, None]
            s = lse[start:stop]
            if mode in ("softmax", "softmax+lse"):
                e = out[start:stop]
                np.subtract(z2d[start:stop], m, out=e)
                np.exp(e, out=e)
                _row_reduce(np.add, e, s)
                np.divide(e, s[:, None], out=e)
                continue
            e = scratch[: stop - start]
            np.subtract(z2d[start:stop], m, out=e)
            if want_matrix:
                out[start:stop] = e  # z - m, kept for log_softmax
            np.exp(e, out=e)
            _row_reduce(np.add, e, s)
            np.log(s, out=s)  # s >= 1 for a finite row: the max contributes exp(0)
            if mode == "log_softmax":
                np.subtract(out[start:stop], s[:, None], out=out[start:stop])
    if mode in ("softmax", "log_softmax"):
        return out
    if mode == "softmax+lse":
        np.log(lse, out=lse)  # lse held the row sums of exp(z - m)
    lse += row_max
    if mode == "logsumexp":
        return lse
    return out, lse


def softmax_columns_inplace(scores_t, name):
    """Softmax down each column of a (k, n) array, in place; returns LSE (n,).

    The training loop keeps its scores transposed, classes by samples: the
    reductions then run over k contiguous rows of length n, several times
    faster than k-wide rows when n is large and k small.
    """
    col_max = scores_t.max(axis=0)
    if not np.isfinite(col_max).all():
        raise_for_bad_maxima(col_max, scores_t.T, name, all_neg_inf_ok=False)
    scores_t -= col_max
    np.exp(scores_t, out=scores_t)
    col_sum = scores_t.sum(axis=0)
    scores_t *= 1.0 / col_sum  # n divisions and k * n multiplications, not k * n divisions
    np.log(col_sum, out=col_sum)
    col_sum += col_max
    return col_sum
