"""Checking a gradient by central differences.

Derived in the book, chapter 5 (the Jacobian) and chapter 6 (the gradient).
"""

import numpy as np

from ._validation import as_float_array, check_scalar

__all__ = ["numerical_gradient", "relative_error", "elementwise_relative_error"]


def numerical_gradient(f, x, eps=1e-6):
    r"""Central-difference gradient of a scalar function ``f`` at ``x``.

    Parameters
    ----------
    f : callable
        Takes an array shaped like ``x`` and returns a real scalar.
    x : array_like
        The point, any shape. It is copied: ``x`` is left as it was found.
    eps : float, default=1e-6
        The *relative* step: coordinate ``i`` moves by
        ``h_i = eps * max(1, |x_i|)``. A fixed absolute step is lost in
        rounding at large ``|x_i|`` (at ``x = 1e20``, ``x + 1e-6 == x``);
        scaling it with ``|x_i|`` keeps the truncation error ``O(h^2)`` and the
        rounding error ``O(eps_mach |f| / h)`` in balance at every magnitude,
        and ``max(1, .)`` keeps it from vanishing at ``x_i = 0``.

    Returns
    -------
    grad : ndarray of float64, the shape of ``x``

    Notes
    -----
    .. math:: \frac{\partial f}{\partial x_i} \approx
              \frac{f(x + h_i e_i) - f(x - h_i e_i)}{2 h_i},
              \qquad h_i = \varepsilon \max(1, |x_i|)

    The step actually used is ``(x_i + h_i) - (x_i - h_i)``, the difference of
    the two points as stored in floating point, so that rounding of ``x_i +
    h_i`` does not bias the quotient. Two evaluations of ``f`` per element of
    ``x``: fine for checking a formula on a small problem, far too slow for
    training.

    Examples
    --------
    >>> import numpy as np
    >>> from softmax_tutorial import numerical_gradient
    >>> g = numerical_gradient(lambda v: float(np.sum(v ** 2)), np.array([1.0, -2.0]))
    >>> print(g.round(6))
    [ 2. -4.]

    The step grows with ``|x|``, so large coordinates are handled too:

    >>> print(numerical_gradient(lambda v: float(v[0] ** 2), np.array([1e10]))[0] / 2e10)
    1.0

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
        h = eps * max(1.0, abs(float(original)))
        up, down = original + h, original - h
        work[index] = up
        f_plus = value(work)
        work[index] = down
        f_minus = value(work)
        work[index] = original  # restore before moving to the next coordinate
        grad[index] = (f_plus - f_minus) / (up - down)
    return grad


def relative_error(a, b):
    r"""The gradient-check figure ``max|a - b| / max(|a| + |b|)``: one number for a whole array.

    Parameters
    ----------
    a, b : array_like of the same shape

    Returns
    -------
    float
        0 when ``a`` and ``b`` are both exactly zero. As a rule of thumb in
        float64 (CS231n's), below ``1e-7`` the analytic gradient is right;
        around ``1e-2`` something is wrong.

    Notes
    -----
    .. math:: \frac{\max_i |a_i - b_i|}{\max_i (|a_i| + |b_i|)}

    This is the error of the worst entry measured against the scale of the
    *largest* entries: scale-free, and defined at zero. What it does not see
    is a large relative error in an entry much smaller than the rest:
    ``relative_error([1e-8, 1], [2e-8, 1])`` is ``5e-9`` although the first
    entries differ by a factor of 2. Use :func:`elementwise_relative_error`
    when every entry must be right on its own scale.

    Examples
    --------
    >>> from softmax_tutorial import relative_error
    >>> print(f"{relative_error([1.0, 2.0], [1.0, 2.000002]):.2e}")
    5.00e-07
    >>> print(relative_error([0.0], [0.0]))
    0.0
    >>> print(f"{relative_error([1e-8, 1.0], [2e-8, 1.0]):.0e}")  # hides the small entry
    5e-09

    Used in the book's gradient checks, chapters 5 and 6.
    """
    a_arr, b_arr = _same_shape(a, b)
    scale = float(np.max(np.abs(a_arr) + np.abs(b_arr)))
    if scale == 0.0:
        return 0.0
    return float(np.max(np.abs(a_arr - b_arr))) / scale


def elementwise_relative_error(a, b):
    r"""Relative error entry by entry: ``|a_i - b_i| / (|a_i| + |b_i|)``.

    Parameters
    ----------
    a, b : array_like of the same shape

    Returns
    -------
    ndarray of float, the shape of ``a``
        In [0, 1]: 0 where the entries agree (including both zero), 1 where
        one is zero and the other not, or where they have opposite signs and
        equal size.

    Notes
    -----
    .. math:: r_i = \frac{|a_i - b_i|}{|a_i| + |b_i|}, \qquad r_i = 0 \text{ if } a_i = b_i = 0

    Unlike :func:`relative_error`, a small entry is judged on its own scale,
    so its maximum exposes an error that the whole-array figure hides. The
    price: an entry that should be exactly 0 but comes out as ``1e-17`` from
    rounding scores 1. Use it where no entry is meant to vanish.

    Examples
    --------
    >>> from softmax_tutorial import elementwise_relative_error
    >>> print(elementwise_relative_error([1e-8, 1.0], [2e-8, 1.0]).round(3))
    [0.333 0.   ]

    Used in the book, chapter 5.
    """
    a_arr, b_arr = _same_shape(a, b)
    scale = np.abs(a_arr) + np.abs(b_arr)
    diff = np.abs(a_arr - b_arr)
    out = np.zeros(np.broadcast_shapes(a_arr.shape, b_arr.shape))
    nonzero = scale > 0
    out[nonzero] = diff[nonzero] / scale[nonzero]
    return out


def _same_shape(a, b):
    a_arr = as_float_array(a, "a", allow_empty=False)
    b_arr = as_float_array(b, "b", allow_empty=False)
    if a_arr.shape != b_arr.shape:
        raise ValueError(f"a and b must have the same shape, got {a_arr.shape} and {b_arr.shape}.")
    return a_arr, b_arr
