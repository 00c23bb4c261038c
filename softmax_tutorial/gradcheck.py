"""Checking a gradient by central differences.

Derived in the book, chapter 5 (the Jacobian) and chapter 6 (the gradient).
"""

import numpy as np

from ._validation import as_float_array, check_scalar

__all__ = ["numerical_gradient", "relative_error"]


def numerical_gradient(f, x, eps=1e-6):
    r"""Central-difference gradient of a scalar function ``f`` at ``x``.

    Parameters
    ----------
    f : callable
        Takes an array shaped like ``x`` and returns a real scalar.
    x : array_like
        The point, any shape. It is copied: ``x`` is left as it was found.
    eps : float, default=1e-6
        The step ``h``. About ``cbrt(machine epsilon) * |x|`` balances the
        truncation error ``O(h^2)`` against rounding ``O(eps_mach / h)``.

    Returns
    -------
    grad : ndarray of float64, the shape of ``x``

    Notes
    -----
    .. math:: \frac{\partial f}{\partial x_i} \approx
              \frac{f(x + h e_i) - f(x - h e_i)}{2h}

    Two evaluations of ``f`` per element of ``x``: fine for checking a
    formula on a small problem, far too slow for training.

    Examples
    --------
    >>> import numpy as np
    >>> from softmax_tutorial import numerical_gradient
    >>> g = numerical_gradient(lambda v: float(np.sum(v ** 2)), np.array([1.0, -2.0]))
    >>> print(g.round(6))
    [ 2. -4.]

    Derived in the book, chapter 5: The softmax Jacobian.
    """
    if not callable(f):
        raise TypeError(f"f must be a callable returning a scalar, got {type(f).__name__}.")
    check_scalar(eps, "eps", low=0.0, low_inclusive=False)
    point = np.array(as_float_array(x, "x", allow_empty=False), dtype=np.float64)
    grad = np.empty_like(point)
    work = point.copy()

    def value(at):
        out = f(at)
        arr = np.asarray(out)
        if arr.size != 1 or not np.issubdtype(arr.dtype, np.number):
            raise TypeError(
                f"f must return a real scalar, got {type(out).__name__} with shape {arr.shape}."
            )
        val = float(arr.reshape(()))
        if not np.isfinite(val):
            raise ValueError(f"f returned {val} at a point near x; the gradient is undefined.")
        return val

    for index in np.ndindex(point.shape):
        original = point[index]
        work[index] = original + eps
        f_plus = value(work)
        work[index] = original - eps
        f_minus = value(work)
        work[index] = original  # restore before moving to the next coordinate
        grad[index] = (f_plus - f_minus) / (2.0 * eps)
    return grad


def relative_error(a, b):
    r"""The gradient-check figure ``max|a - b| / max(|a| + |b|)``, safe at zero.

    Parameters
    ----------
    a, b : array_like of the same shape

    Returns
    -------
    float
        0 when ``a`` and ``b`` are both exactly zero. As a rule of thumb in
        float64, below ``1e-7`` the analytic gradient is right; around ``1e-2``
        something is wrong.

    Notes
    -----
    .. math:: \frac{\max_i |a_i - b_i|}{\max_i (|a_i| + |b_i|)}

    Scale-free, unlike the absolute difference, and defined at zero, unlike
    the element-wise ratio.

    Examples
    --------
    >>> from softmax_tutorial import relative_error
    >>> print(f"{relative_error([1.0, 2.0], [1.0, 2.000002]):.2e}")
    5.00e-07
    >>> print(relative_error([0.0], [0.0]))
    0.0

    Used in the book's gradient checks, chapters 5 and 6.
    """
    a_arr = as_float_array(a, "a", allow_empty=False)
    b_arr = as_float_array(b, "b", allow_empty=False)
    if a_arr.shape != b_arr.shape:
        raise ValueError(f"a and b must have the same shape, got {a_arr.shape} and {b_arr.shape}.")
    scale = float(np.max(np.abs(a_arr) + np.abs(b_arr)))
    if scale == 0.0:
        return 0.0
    return float(np.max(np.abs(a_arr - b_arr))) / scale
