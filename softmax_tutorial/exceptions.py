"""The library's own warning and exception classes."""

__all__ = ["ConvergenceWarning", "NotFittedError", "DivergenceError"]


class ConvergenceWarning(UserWarning):
    """Training stopped at ``max_iter`` before the risk stopped improving."""


class NotFittedError(ValueError, AttributeError):
    """A method that needs a fitted model was called before ``fit``.

    A ``ValueError`` and an ``AttributeError``, like scikit-learn's, so code
    written for either catches it.
    """


class DivergenceError(ValueError):
    """Gradient descent diverged: the learning rate is too large for the data."""
