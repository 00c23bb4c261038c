"""softmax_tutorial: the small, tested library behind the softmax regression course.

One module per step of the derivation:

- ``linear``     linear discriminant functions and the argmax rule (chapter 1)
- ``softmax``    softmax, log-softmax, log-sum-exp, sigmoid, the Jacobian (chapters 2, 5)
- ``loss``       one-hot targets, cross-entropy, the risk and its gradient (chapters 3, 4, 6)
- ``gradcheck``  central differences and relative errors (chapters 5, 6)
- ``curvature``  the Hessian of the risk and the bound that gives a safe step (chapter 7)
- ``estimator``  ``SoftmaxRegression``, a scikit-learn estimator (chapters 6 to 8)
- ``datasets``   a reproducible toy data set
- ``plotting``   figures (imported on demand: ``from softmax_tutorial import plotting``)

The numerical modules need numpy only. The estimator needs scikit-learn and
scipy; it is imported on first use, so ``import softmax_tutorial`` stays light.

Labels are integers 0..C-1 (the book's 1..C, shifted by one); ``X`` is
(n_samples, n_features) and ``W`` is (n_features, n_classes). The estimator's
``coef_`` is scikit-learn's (n_classes, n_features): ``W = coef_.T``.
"""

from .curvature import curvature_bound, risk_hessian
from .datasets import make_toy_data
from .exceptions import DivergenceError
from .gradcheck import elementwise_relative_error, numerical_gradient, relative_error
from .linear import add_bias_feature, classify, discriminants
from .loss import cross_entropy, one_hot, risk, risk_gradient
from .softmax import log_softmax, logsumexp, sigmoid, softmax, softmax_jacobian

__all__ = [
    "discriminants",
    "classify",
    "add_bias_feature",
    "softmax",
    "log_softmax",
    "logsumexp",
    "sigmoid",
    "softmax_jacobian",
    "one_hot",
    "cross_entropy",
    "risk",
    "risk_gradient",
    "numerical_gradient",
    "relative_error",
    "elementwise_relative_error",
    "risk_hessian",
    "curvature_bound",
    "SoftmaxRegression",
    "ConvergenceWarning",
    "DivergenceError",
    "NotFittedError",
    "make_toy_data",
]

__version__ = "0.2.0"

# Imported on first use (PEP 562): these need scikit-learn and scipy.
_FROM_ESTIMATOR = ("SoftmaxRegression", "ConvergenceWarning", "NotFittedError")


def __getattr__(name):
    if name in _FROM_ESTIMATOR:
        from . import estimator

        return getattr(estimator, name)
    raise AttributeError(f"module 'softmax_tutorial' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_FROM_ESTIMATOR))
