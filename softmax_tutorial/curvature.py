"""The curvature of the risk: its Hessian, and a bound on it that gives a safe step.

The Hessian of the log-sum-exp is the softmax Jacobian ``diag(s) - s s^T``,
whose largest eigenvalue is at most 1/2. Through the chain rule the Hessian of
the risk is an average of those matrices, one per sample, each multiplied by
``x x^T``. Hence the risk's curvature is bounded by
``L = lambda_max(X^T X / N) / 2 + lambda`` at every ``W``, and gradient descent
with the step ``1 / L`` lowers the risk at every step (the descent lemma):
the estimator's ``learning_rate="auto"``.

Derived in the book, chapter 7: Curvature, convexity and faster solvers.
"""

import numpy as np

from ._validation import as_float_array, check_scalar, check_weights
from .loss import _scores_or_overflow_error
from .softmax import softmax

__all__ = ["risk_hessian", "curvature_bound"]


def risk_hessian(W, X, l2=0.0):
    r"""Hessian of :func:`~softmax_tutorial.risk` with respect to ``W``.

    Parameters
    ----------
    W : array_like of shape (n_features, n_classes)
        The point; one column ``w_c`` per class.
    X : array_like of shape (n_samples, n_features)
        One sample per row (append a column of ones for a bias).
    l2 : float, default=0.0
        Weight-decay strength: adds ``l2`` times the identity.

    Returns
    -------
    H : ndarray of shape (n_features, n_classes, n_features, n_classes)
        ``H[i, c, j, k]`` is the second derivative of the risk with respect to
        ``W[i, c]`` and ``W[j, k]``. ``H.reshape(D * C, D * C)`` is the Hessian
        in the order of ``W.ravel()`` (row by row of ``W``).

    Notes
    -----
    With :math:`\hat{\boldsymbol{y}}^{(n)} = \operatorname{softmax}(W^\top \boldsymbol{x}^{(n)})`
    and :math:`J_n = \operatorname{diag}(\hat{\boldsymbol{y}}^{(n)}) -
    \hat{\boldsymbol{y}}^{(n)} (\hat{\boldsymbol{y}}^{(n)})^\top`,

    .. math:: \frac{\partial^2 R_\lambda}{\partial W_{ic}\, \partial W_{jk}}
              = \frac{1}{N} \sum_{n=1}^N x^{(n)}_i x^{(n)}_j (J_n)_{ck}
              + \lambda\, \delta_{ij} \delta_{ck},

    that is :math:`\frac{1}{N} \sum_n \boldsymbol{x}^{(n)} (\boldsymbol{x}^{(n)})^\top
    \otimes J_n + \lambda I` in the row-by-row order of ``W.ravel()``, or
    :math:`\frac{1}{N} \sum_n J_n \otimes \boldsymbol{x}^{(n)} (\boldsymbol{x}^{(n)})^\top
    + \lambda I` in the column-by-column order of :math:`\operatorname{vec}(W)`.
    The labels do not appear: the second derivative of
    :math:`\operatorname{LSE}(\boldsymbol{z}) - z_y` in :math:`\boldsymbol{z}` is
    :math:`J` whatever :math:`y` is. With ``l2=0`` this is the Hessian of the
    risk :math:`R`; ``H`` is then positive semi-definite (each :math:`J_n` is),
    so the risk is convex, and the penalty adds :math:`\lambda I`.

    It is formed here for teaching and checking, on small problems: it has
    :math:`(DC)^2` entries.

    Examples
    --------
    >>> import numpy as np
    >>> from softmax_tutorial import risk_hessian
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0]])
    >>> H = risk_hessian(np.zeros((2, 2)), X).reshape(4, 4)
    >>> print(H)
    [[ 0.125 -0.125  0.     0.   ]
     [-0.125  0.125  0.     0.   ]
     [ 0.     0.     0.125 -0.125]
     [ 0.     0.    -0.125  0.125]]

    Derived in the book, chapter 7: Curvature, convexity and faster solvers.
    """
    X = as_float_array(X, "X", ndim=2).astype(np.float64, copy=False)
    W, _ = check_weights(W, X.shape[1])
    W = W.astype(np.float64, copy=False)
    check_scalar(l2, "l2", low=0.0)
    n, d = X.shape
    c = W.shape[1]
    p = softmax(_scores_or_overflow_error(W, X), axis=-1)  # (N, C)
    # The diag(y_hat) part: for each class k, (1/N) sum_n p_nk x_n x_n^T, on the
    # diagonal blocks c = k.
    H = np.zeros((d, c, d, c))
    for k in range(c):
        H[:, k, :, k] = (X * p[:, k : k + 1]).T @ X
    # The - y_hat y_hat^T part: (1/N) sum_n (x_n p_n^T)_(ic) (x_n p_n^T)_(jk).
    outer = (X[:, :, None] * p[:, None, :]).reshape(n, d * c)
    H -= (outer.T @ outer).reshape(d, c, d, c)
    H /= n
    if l2:
        H += l2 * np.eye(d * c).reshape(d, c, d, c)
    return H


def curvature_bound(X, l2=0.0):
    r"""An upper bound ``L`` on the curvature of the risk, valid at every ``W``.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
        The training inputs as the model sees them (with the column of ones
        appended if there is a bias: see :func:`add_bias_feature`).
    l2 : float, default=0.0
        Weight-decay strength.

    Returns
    -------
    L : float
        ``lambda_max(X^T X / N) / 2 + l2``. The largest eigenvalue of
        :func:`risk_hessian` never exceeds it, so gradient descent with step
        ``1 / L`` lowers the risk at every step, from any start.

    Notes
    -----
    Every softmax Jacobian satisfies :math:`J \preceq \frac{1}{2} I`: for a unit
    vector :math:`\boldsymbol{v}`, :math:`\boldsymbol{v}^\top J \boldsymbol{v}` is
    the variance of :math:`v` under the distribution :math:`\hat{\boldsymbol{y}}`,
    and a variance of values spread over an interval of width
    :math:`\max v - \min v \le \sqrt{2}` is at most a quarter of its square, 1/2.
    Then :math:`\frac{1}{N} \sum_n \boldsymbol{x}^{(n)} (\boldsymbol{x}^{(n)})^\top
    \otimes J_n \preceq \frac{1}{2}\, \frac{X^\top X}{N} \otimes I`, whose
    largest eigenvalue is :math:`\lambda_{\max}(X^\top X / N) / 2`.

    .. math:: L = \frac{1}{2} \lambda_{\max}\!\left(\frac{X^\top X}{N}\right) + \lambda

    By the descent lemma, :math:`R_\lambda(W - \alpha \nabla R_\lambda) \le
    R_\lambda(W) - \alpha (1 - \alpha L / 2) \lVert \nabla R_\lambda \rVert^2`,
    a decrease for every
    :math:`0 < \alpha < 2 / L`; :math:`\alpha = 1/L` gives the largest guaranteed
    decrease.

    Examples
    --------
    >>> import numpy as np
    >>> from softmax_tutorial import curvature_bound
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    >>> print(round(curvature_bound(X), 6))  # lambda_max(X^T X / 3) = 1, halved
    0.5

    Derived in the book, chapter 7: Curvature, convexity and faster solvers.
    """
    X = as_float_array(X, "X", ndim=2).astype(np.float64, copy=False)
    check_scalar(l2, "l2", low=0.0)
    gram = X.T @ X
    gram /= X.shape[0]
    return float(0.5 * np.linalg.eigvalsh(gram)[-1] + l2)
