"""The library's own exception.

The not-fitted error and the convergence warning are scikit-learn's own
(``sklearn.exceptions.NotFittedError`` and ``ConvergenceWarning``), re-exported
by the package, so that ``except`` clauses and warning filters written for
scikit-learn work unchanged.
"""

__all__ = ["DivergenceError"]


class DivergenceError(ValueError):
    """Gradient descent diverged: the step size is too large for the data.

    A ``ValueError``, because the cause is a bad ``learning_rate``; the message
    names it and suggests ``learning_rate="auto"``.
    """
