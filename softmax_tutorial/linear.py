"""Linear discriminant functions and the argmax decision rule.

Derived in the book, chapter 1: Linear discriminant functions.
"""

import numpy as np

from ._validation import as_float_array, check_weights

__all__ = ["discriminants", "classify", "add_bias_feature"]


def _scores(X, W, b):
    x = as_float_array(X, "X", ndim=(1, 2))
    single = x.ndim == 1
    x2 = x[None, :] if single else x
    W, b = check_weights(W, x2.shape[1], b)
    z = x2 @ W
    if b is not None:
        z += b
    return z[0] if single else z


def discriminants(X, W, b=None):
    r"""The C linear discriminant functions ``f_c(x) = w_c^T x + b_c``.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features) or (n_features,)
        Samples, one per row, or a single sample.
    W : array_like of shape (n_features, n_classes)
        One column ``w_c`` per class.
    b : array_like of shape (n_classes,), optional
        One bias per class; omitted means no bias (or a bias absorbed into an
        augmented ``x``, see :func:`add_bias_feature`).

    Returns
    -------
    scores : ndarray of shape (n_samples, n_classes), or (n_classes,) for a single sample
        ``scores[n, c] = f_c(x_n)``: the matrix ``X @ W (+ b)``, whose row ``n``
        is the book's ``W^T x_n``.

    Notes
    -----
    .. math:: f_c(\mathbf{x}; \mathbf{w}_c) = \mathbf{w}_c^\top \mathbf{x} + b_c,
              \qquad c = 1, \dots, C

    Examples
    --------
    >>> import numpy as np
    >>> from softmax_tutorial import discriminants
    >>> W = np.array([[1.0, 0.0, -1.0], [0.0, 1.0, -1.0]])
    >>> print(discriminants(np.array([2.0, 1.0]), W))
    [ 2.  1. -3.]

    Derived in the book, chapter 1: Linear discriminant functions.
    """
    return _scores(X, W, b)


def classify(X, W, b=None):
    r"""The argmax decision rule: the class whose discriminant is largest.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features) or (n_features,)
    W : array_like of shape (n_features, n_classes)
    b : array_like of shape (n_classes,), optional

    Returns
    -------
    labels : ndarray of int, shape (n_samples,), or int for a single sample
        Labels 0..C-1 (the book's classes 1..C, shifted by one). Ties go to
        the smallest label.

    Notes
    -----
    .. math:: \hat{y} = \operatorname*{arg\,max}_{c} \; \mathbf{w}_c^\top \mathbf{x} + b_c

    Unlike one-vs-rest, every point gets exactly one class: there is no
    ambiguous region.

    Examples
    --------
    >>> import numpy as np
    >>> from softmax_tutorial import classify
    >>> W = np.array([[1.0, 0.0, -1.0], [0.0, 1.0, -1.0]])
    >>> print(classify(np.array([[2.0, 1.0], [0.0, 3.0], [-2.0, -2.0]]), W))
    [0 1 2]

    Derived in the book, chapter 1: Linear discriminant functions.
    """
    scores = _scores(X, W, b)
    labels = np.argmax(scores, axis=-1)
    return int(labels) if scores.ndim == 1 else labels


def add_bias_feature(X):
    r"""Append a constant feature 1 to every sample, so a bias becomes a weight.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features) or (n_features,)

    Returns
    -------
    X_aug : ndarray of shape (n_samples, n_features + 1) or (n_features + 1,)
        A new array; ``X`` is not modified.

    Notes
    -----
    With :math:`\tilde{\mathbf{x}} = [\mathbf{x}; 1]` and
    :math:`\tilde{\mathbf{w}}_c = [\mathbf{w}_c; b_c]`,
    :math:`\tilde{\mathbf{w}}_c^\top \tilde{\mathbf{x}} = \mathbf{w}_c^\top \mathbf{x} + b_c`.

    Examples
    --------
    >>> from softmax_tutorial import add_bias_feature
    >>> print(add_bias_feature([[2.0, 3.0]]))
    [[2. 3. 1.]]

    Derived in the book, chapter 1: Linear discriminant functions.
    """
    x = as_float_array(X, "X", ndim=(1, 2))
    ones = np.ones(x.shape[:-1] + (1,), dtype=x.dtype)
    return np.concatenate([x, ones], axis=-1)
