"""The softmax family: softmax, log-softmax, log-sum-exp, the logistic sigmoid,
and the softmax Jacobian.

All of them work along one axis (the class axis, by default the last one) and
are stable for finite inputs of any magnitude: the row maximum is subtracted
before ``exp``, so the largest exponent is ``exp(0) = 1`` and nothing
overflows. A ``-inf`` entry is a class with probability exactly 0.

Derived in the book, chapter 2 (the softmax posterior) and chapter 5 (the
Jacobian).
"""

import numpy as np

from ._blocked_kernel import rowwise
from ._validation import as_float_array, normalize_axis

__all__ = ["softmax", "log_softmax", "logsumexp", "sigmoid", "softmax_jacobian"]


def softmax(z, axis=-1):
    r"""Softmax along ``axis``: ``exp(z) / sum(exp(z))``, computed stably.

    Parameters
    ----------
    z : array_like of shape (..., n_classes, ...)
        Scores (logits). Finite values or ``-inf`` (probability 0); at least one
        finite entry along ``axis``.
    axis : int, default=-1
        The class axis. Unlike ``scipy.special.softmax`` (which normalises the
        whole array by default), the default is the last axis, so a batch of
        scores of shape (n_samples, n_classes) gives one distribution per row.

    Returns
    -------
    p : ndarray of the same shape as ``z``
        Non-negative, summing to 1 along ``axis``. float32 in, float32 out;
        other inputs give float64.

    Raises
    ------
    ValueError
        If ``z`` contains NaN or +inf, if a row is entirely -inf, or if the
        class axis has length 0.
    TypeError
        If ``z`` is not numeric.

    Notes
    -----
    .. math:: \operatorname{softmax}(z)_c = \frac{\exp(z_c - m)}{\sum_{c'} \exp(z_{c'} - m)},
              \qquad m = \max_{c'} z_{c'}

    Subtracting ``m`` changes nothing mathematically (softmax is invariant to a
    common shift) but makes every exponent ``<= 0``, so ``exp`` cannot overflow
    and the denominator is at least 1 [1]_.

    References
    ----------
    .. [1] P. Blanchard, D. J. Higham and N. J. Higham, "Accurately computing
       the log-sum-exp and softmax functions", IMA J. Numer. Anal. 41 (2021).

    Examples
    --------
    >>> import numpy as np
    >>> from softmax_tutorial import softmax
    >>> print(softmax([1.0, 2.0, 3.0]).round(4))
    [0.09   0.2447 0.6652]

    The naive formula overflows for large scores; this one does not:

    >>> z = np.array([1000.0, 1.0])
    >>> with np.errstate(over="ignore", invalid="ignore"):
    ...     print(np.exp(z) / np.exp(z).sum())
    [nan  0.]
    >>> print(softmax(z))
    [1. 0.]

    Derived in the book, chapter 2: The softmax posterior.
    """
    return _apply(z, axis, "softmax")


def log_softmax(z, axis=-1):
    r"""Logarithm of the softmax along ``axis``, computed as ``z - logsumexp(z)``.

    Parameters
    ----------
    z : array_like of shape (..., n_classes, ...)
        Scores (logits); finite or ``-inf``, at least one finite per row.
    axis : int, default=-1
        The class axis.

    Returns
    -------
    log_p : ndarray of the same shape as ``z``
        ``log softmax(z)``; finite wherever ``z`` is finite, ``-inf`` where ``z``
        is ``-inf``.

    Raises
    ------
    ValueError
        If ``z`` contains NaN or +inf, a row is entirely -inf, or the class axis
        has length 0.

    Notes
    -----
    .. math:: \log \operatorname{softmax}(z)_c = z_c - \log \sum_{c'} \exp z_{c'}
              = (z_c - m) - \log \sum_{c'} \exp(z_{c'} - m)

    ``np.log(softmax(z))`` is the wrong way: a probability that underflows to 0
    turns a perfectly finite log-probability into ``-inf``.

    Examples
    --------
    >>> import numpy as np
    >>> from softmax_tutorial import log_softmax, softmax
    >>> z = np.array([1000.0, 1.0])
    >>> with np.errstate(divide="ignore"):
    ...     print(np.log(softmax(z)))
    [  0. -inf]
    >>> print(log_softmax(z))
    [   0. -999.]

    Derived in the book, chapter 2 (The softmax posterior) and used in chapter 4
    (The cross-entropy risk).
    """
    return _apply(z, axis, "log_softmax")


def logsumexp(z, axis=-1, keepdims=False):
    r"""``log(sum(exp(z)))`` along ``axis``, without overflow or underflow.

    Parameters
    ----------
    z : array_like of shape (..., n_classes, ...)
        Finite values or ``-inf``.
    axis : int, default=-1
        The axis to reduce (the class axis).
    keepdims : bool, default=False
        Keep ``axis`` with length 1, so the result broadcasts against ``z``.

    Returns
    -------
    lse : ndarray
        ``z``'s shape without ``axis`` (or with length 1 there if ``keepdims``).
        A row that is entirely ``-inf`` gives ``-inf`` (the log of 0).

    Raises
    ------
    ValueError
        If ``z`` contains NaN or +inf, or the axis has length 0.

    Notes
    -----
    .. math:: \operatorname{LSE}(z) = m + \log \sum_c \exp(z_c - m),
              \qquad m = \max_c z_c

    This is the normaliser of the softmax: ``log_softmax(z) = z - LSE(z)``. It
    is a smooth maximum: ``max(z) <= LSE(z) <= max(z) + log(K)``.

    Examples
    --------
    >>> from softmax_tutorial import logsumexp
    >>> print(logsumexp([1000.0, 1000.0]))  # 1000 + log 2
    1000.6931471805599
    >>> print(logsumexp([[0.0, 0.0], [-1e300, 1e300]]))
    [6.93147181e-001 1.00000000e+300]

    Derived in the book, chapter 2: The softmax posterior.
    """
    if not isinstance(keepdims, (bool, np.bool_)):
        raise TypeError(f"keepdims must be True or False, got {keepdims!r}.")
    out = _apply(z, axis, "logsumexp")
    if keepdims:
        out = np.expand_dims(out, normalize_axis(axis, out.ndim + 1))
    return out


def sigmoid(t):
    r"""The logistic sigmoid ``1 / (1 + exp(-t))``, stable for any ``t``.

    Parameters
    ----------
    t : array_like
        Any shape. ``+inf`` and ``-inf`` are accepted (their limits, 1 and 0,
        are returned), as ``softmax`` accepts ``-inf``; NaN is not.

    Returns
    -------
    ndarray of the same shape, in [0, 1].

    Notes
    -----
    .. math:: \sigma(t) = \frac{1}{1 + e^{-t}} = \exp(-\log(1 + e^{-t}))

    With two classes the softmax is a sigmoid:
    ``softmax([z0, z1])[1] == sigmoid(z1 - z0)``.

    Examples
    --------
    >>> import numpy as np
    >>> from softmax_tutorial import sigmoid, softmax
    >>> print(sigmoid([-800.0, 0.0, 800.0]))
    [0.  0.5 1. ]
    >>> print(sigmoid([-np.inf, np.inf]))
    [0. 1.]
    >>> print(round(float(sigmoid(2.0)), 6), round(float(softmax([0.0, 2.0])[1]), 6))
    0.880797 0.880797

    Derived in the book, chapter 2: The softmax posterior.
    """
    a = as_float_array(t, "t", allow_empty=True, allow_inf=True)
    # exp(-log(1 + e^-t)): at t = +inf this is exp(-0) = 1, at -inf exp(-inf) = 0.
    return np.exp(-np.logaddexp(0.0, -a))


def softmax_jacobian(z):
    r"""Jacobian of the softmax, ``diag(s) - s s^T`` with ``s = softmax(z)``.

    Parameters
    ----------
    z : array_like of shape (n_classes,) or (n_samples, n_classes)
        Scores; the softmax is taken along the last axis.

    Returns
    -------
    J : ndarray of shape (n_classes, n_classes) or (n_samples, n_classes, n_classes)
        ``J[..., i, j] = d softmax(z)_i / d z_j``.

    Notes
    -----
    .. math:: \frac{\partial s_i}{\partial z_j} = s_i(\delta_{ij} - s_j),
              \qquad J = \operatorname{diag}(s) - s s^\top

    ``J`` is symmetric and positive semi-definite, its rows sum to 0 and the
    all-ones vector is in its null space (adding the same number to every score
    changes nothing). Training never forms it: the gradient of the loss with
    respect to the scores is simply ``softmax(z) - one_hot(y)``.

    Examples
    --------
    >>> import numpy as np
    >>> from softmax_tutorial import softmax_jacobian
    >>> J = softmax_jacobian(np.array([0.0, 0.0]))
    >>> print(J)
    [[ 0.25 -0.25]
     [-0.25  0.25]]
    >>> print(J.sum(axis=1))
    [0. 0.]

    Derived in the book, chapter 5: The softmax Jacobian.
    """
    a = as_float_array(z, "z", ndim=(1, 2), allow_neg_inf=True)
    s = softmax(a, axis=-1)
    jac = -s[..., :, None] * s[..., None, :]
    diag = np.arange(s.shape[-1])
    jac[..., diag, diag] += s
    return jac


# -- shared by the public functions above -------------------------------------
def _apply(z, axis, mode, name="z"):
    """Validate ``z``, bring ``axis`` last as a C-contiguous 2-D array, run the
    kernel and put the axis back."""
    # Finiteness is checked inside the kernel from the row maxima (a nan or +inf
    # anywhere makes its row's maximum nan or +inf), which costs no extra pass.
    a = as_float_array(z, name, allow_neg_inf=True, allow_empty=True, check=False)
    if a.ndim == 0:
        raise ValueError(
            f"{name} must have at least one dimension (the class axis), got a scalar "
            f"{float(a)!r}; wrap it as [{float(a)!r}]."
        )
    ax = normalize_axis(axis, a.ndim)
    if a.shape[ax] == 0:
        raise ValueError(
            f"{name} has a class axis (axis {axis}) of length 0, shape {a.shape}: "
            "softmax needs at least one class."
        )
    if a.size == 0:
        raise ValueError(f"{name} is empty (shape {a.shape}); nothing to normalise.")
    moved = np.moveaxis(a, ax, -1)
    k = moved.shape[-1]
    z2d = np.ascontiguousarray(moved).reshape(-1, k)
    result = rowwise(z2d, mode, name)
    if mode == "logsumexp":
        return result.reshape(moved.shape[:-1])
    return np.moveaxis(result.reshape(moved.shape), -1, ax)
