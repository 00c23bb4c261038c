"""softmax_tutorial: the small, tested library behind the softmax regression course.

One module per step of the derivation:

- ``linear``     linear discriminant functions and the argmax rule (chapter 1)
- ``softmax``    softmax, log-softmax, log-sum-exp, sigmoid, the Jacobian (chapters 2, 5)
- ``loss``       one-hot targets, cross-entropy, the risk and its gradient (chapters 3, 4, 6)
- ``gradcheck``  central differences and the relative error (chapters 5, 6)
- ``estimator``  ``SoftmaxRegression``, trained by gradient descent (chapters 6, 7)
- ``datasets``   a reproducible toy data set
- ``plotting``   figures (imported on demand: ``from softmax_tutorial import plotting``)

Labels are integers 0..C-1 (the book's 1..C, shifted by one); ``X`` is
(n_samples, n_features) and ``W`` is (n_features, n_classes).
"""

from .datasets import make_toy_data
from .estimator import SoftmaxRegression
from .exceptions import ConvergenceWarning, DivergenceError, NotFittedError
from .gradcheck import numerical_gradient, relative_error
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
    "SoftmaxRegression",
    "ConvergenceWarning",
    "DivergenceError",
    "NotFittedError",
    "make_toy_data",
]

__version__ = "0.1.0"
