"""One-hot targets, the cross-entropy loss and the risk R(W) with its gradient.

Labels are integers 0..C-1: the book's classes 1..C shifted by one, so they can
index arrays. Everything is computed from the scores (logits), never from the
log of a probability.

Derived in the book, chapters 3 (one-hot targets), 4 (the cross-entropy risk)
and 6 (the gradient).
"""

import numbers

import numpy as np

from ._blocked_kernel import rowwise
from ._validation import as_float_array, as_labels, as_targets, check_scalar, check_weights
from .softmax import log_softmax, softmax

__all__ = ["one_hot", "cross_entropy", "risk", "risk_gradient"]


def one_hot(y, n_classes):
    r"""Integer labels to one-hot rows.

    Parameters
    ----------
    y : array_like of int, shape (n_samples,)
        Labels 0..n_classes-1 (the book's classes 1..C, shifted by one).
    n_classes : int
        C, the number of classes (at least 1).

    Returns
    -------
    Y : ndarray of shape (n_samples, n_classes)
        ``Y[n, c] = 1`` if ``y[n] == c`` else 0, as float64.

    Notes
    -----
    .. math:: \mathbf{y} = [I(1 = c), I(2 = c), \dots, I(C = c)]^\top

    Examples
    --------
    >>> from softmax_tutorial import one_hot
    >>> print(one_hot([0, 2, 1], 3))
    [[1. 0. 0.]
     [0. 0. 1.]
     [0. 1. 0.]]

    Derived in the book, chapter 3: One-hot targets and the vector form.
    """
    check_scalar(n_classes, "n_classes", kind=numbers.Integral, low=1)
    labels = as_labels(y, "y", n_classes=n_classes)
    return as_targets(labels, labels.shape[0], n_classes)


def _logits_2d(logits):
    z = as_float_array(logits, "logits", ndim=(1, 2), allow_neg_inf=True)
    return z[None, :] if z.ndim == 1 else z


def cross_entropy(y, logits):
    r"""Per-sample cross-entropy ``-log softmax(logits)[y]``, from the logits.

    Parameters
    ----------
    y : array_like
        Either integer labels of shape (n_samples,), 0..C-1, or target
        distributions of shape (n_samples, n_classes) whose rows are
        non-negative and sum to 1 (one-hot rows, for instance).
    logits : array_like of shape (n_samples, n_classes)
        Scores, e.g. ``X @ W``. A single sample of shape (n_classes,) is
        accepted with ``y`` of shape (1,) or (1, n_classes).

    Returns
    -------
    loss : ndarray of shape (n_samples,)
        Non-negative. ``inf`` only if a target class has a ``-inf`` logit
        (probability exactly 0).

    Notes
    -----
    .. math:: \ell(\mathbf{y}, \mathbf{z}) = -\sum_c y_c \log \operatorname{softmax}(\mathbf{z})_c
              = \operatorname{LSE}(\mathbf{z}) - z_y

    the second form for a label ``y``. This is what scikit-learn's multinomial
    loss computes too; ``-np.log(softmax(z)[y])`` would give ``inf`` as soon as
    the probability underflows.

    Examples
    --------
    >>> import numpy as np
    >>> from softmax_tutorial import cross_entropy
    >>> print(cross_entropy([0, 1], np.array([[2.0, 0.0], [0.0, 0.0]])).round(4))
    [0.1269 0.6931]
    >>> print(cross_entropy([1], np.array([[1000.0, 0.0]])))  # finite, not inf
    [1000.]

    Derived in the book, chapter 4: The cross-entropy risk.
    """
    z = _logits_2d(logits)
    n, k = z.shape
    y_arr = np.asarray(y)
    # A 1-D float y of length C with a single row of logits is one target distribution.
    one_distribution = y_arr.shape == (k,) and n == 1 and np.issubdtype(y_arr.dtype, np.floating)
    if y_arr.ndim == 1 and not one_distribution:
        labels = as_labels(y_arr, "y", n_samples=n, n_classes=k)
        # A row of all -inf is no distribution (and -inf - -inf would be nan).
        lse = rowwise(np.ascontiguousarray(z), "logsumexp", "logits", all_neg_inf_ok=False)
        return lse - z[np.arange(n), labels]
    targets = as_targets(y_arr[None, :] if y_arr.ndim == 1 else y_arr, n, k)
    log_p = log_softmax(z, axis=-1)
    # Where a target is 0 the term is 0 even if log_p is -inf (0 * -inf would be nan).
    terms = np.where(targets > 0, targets * np.where(targets > 0, log_p, 0.0), 0.0)
    return -terms.sum(axis=-1)


def _check_problem(W, X, y, l2):
    X = as_float_array(X, "X", ndim=2)
    W, _ = check_weights(W, X.shape[1])
    check_scalar(l2, "l2", low=0.0)
    y_arr = np.asarray(y)
    if y_arr.ndim == 2:
        return W, X, as_targets(y_arr, X.shape[0], W.shape[1]), None
    labels = as_labels(y_arr, "y", n_samples=X.shape[0], n_classes=W.shape[1])
    return W, X, None, labels


def _scores_or_overflow_error(W, X):
    """X @ W, with an error that names X and W if the product overflows."""
    with np.errstate(over="ignore", invalid="ignore"):
        z = X @ W
    if not np.isfinite(z.max()):
        raise ValueError(
            "X @ W overflows float64 (the scores reach +-inf) although X and W are "
            f"finite: max |X| = {float(np.abs(X).max()):.3g}, max |W| = "
            f"{float(np.abs(W).max()):.3g}. Standardise X or use smaller weights."
        )
    return z


def risk(W, X, y, l2=0.0):
    r"""The cross-entropy risk ``R(W)``: the mean loss over the data, plus weight decay.

    Parameters
    ----------
    W : array_like of shape (n_features, n_classes)
        One column ``w_c`` per class (the book's ``W = [w_1, ..., w_C]``).
    X : array_like of shape (n_samples, n_features)
        One sample per row. To include a bias, append a column of ones to ``X``
        (see :func:`add_bias_feature`).
    y : array_like
        Integer labels (n_samples,), 0..C-1, or target distributions
        (n_samples, n_classes).
    l2 : float, default=0.0
        Weight-decay strength, ``>= 0``.

    Returns
    -------
    float

    Notes
    -----
    .. math:: R(W) = -\frac{1}{N} \sum_{n=1}^N (\mathbf{y}^{(n)})^\top
              \log \operatorname{softmax}(W^\top \mathbf{x}^{(n)})
              + \frac{\lambda}{2} \lVert W \rVert_F^2

    At ``W = 0`` every class has probability ``1/C``, so ``R(0) = log C``.

    Examples
    --------
    >>> import numpy as np
    >>> from softmax_tutorial import risk
    >>> X = np.array([[1.0, 2.0], [3.0, -1.0]])
    >>> print(round(risk(np.zeros((2, 3)), X, [0, 2]), 6), round(float(np.log(3)), 6))
    1.098612 1.098612

    Derived in the book, chapter 4: The cross-entropy risk.
    """
    W, X, targets, labels = _check_problem(W, X, y, l2)
    z = _scores_or_overflow_error(W, X)
    losses = cross_entropy(labels if targets is None else targets, z)
    mean_loss = float(losses.mean())
    if not l2:
        # Without a penalty, a W so large that W * W overflows (|W| > 1e154)
        # must not turn a finite mean loss into 0 * inf = nan.
        return mean_loss
    return mean_loss + 0.5 * l2 * float(np.sum(W * W))


def risk_gradient(W, X, y, l2=0.0):
    r"""Gradient of :func:`risk` with respect to ``W``, without any Jacobian.

    Parameters
    ----------
    W : array_like of shape (n_features, n_classes)
    X : array_like of shape (n_samples, n_features)
    y : array_like
        Integer labels (n_samples,) or target distributions (n_samples, n_classes).
    l2 : float, default=0.0
        Weight-decay strength.

    Returns
    -------
    grad : ndarray of shape (n_features, n_classes)

    Notes
    -----
    .. math:: \frac{\partial R}{\partial W} = -\frac{1}{N} \sum_{n=1}^N
              \mathbf{x}^{(n)} (\mathbf{y}^{(n)} - \hat{\mathbf{y}}^{(n)})^\top + \lambda W
              = \frac{1}{N} X^\top (\hat{Y} - Y) + \lambda W

    The chain rule goes through the softmax Jacobian, but
    ``J^T (-y / y_hat) = y_hat - y`` whenever ``y`` sums to 1, so the
    (C, C) Jacobian never needs to be formed.

    Examples
    --------
    >>> import numpy as np
    >>> from softmax_tutorial import risk_gradient
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0]])
    >>> print(risk_gradient(np.zeros((2, 2)), X, [0, 1]))
    [[-0.25  0.25]
     [ 0.25 -0.25]]

    Derived in the book, chapter 6: The gradient and gradient descent.
    """
    W, X, targets, labels = _check_problem(W, X, y, l2)
    n = X.shape[0]
    residual = softmax(_scores_or_overflow_error(W, X), axis=-1)  # y_hat
    if targets is None:
        residual[np.arange(n), labels] -= 1.0  # y_hat - y without forming Y
    else:
        residual -= targets
    grad = X.T @ residual
    grad /= n
    if l2:
        grad += l2 * W
    return grad
