"""Small reproducible data sets for the chapters."""

import numbers

import numpy as np

from ._validation import check_random_state, check_scalar

__all__ = ["make_toy_data"]


def make_toy_data(n_per_class=50, n_classes=3, spread=1.0, random_state=0):
    r"""A 2-D toy set: Gaussian clouds around centres evenly spaced on a circle.

    Parameters
    ----------
    n_per_class : int, default=50
        Samples drawn for each class.
    n_classes : int, default=3
        C, at least 2.
    spread : float, default=1.0
        Standard deviation of each cloud; the centres lie on a circle of
        radius 2.5, so ``spread=1`` gives a little overlap.
    random_state : int or numpy.random.Generator, default=0
        Seed: the same seed gives the same data on every machine.

    Returns
    -------
    X : ndarray of shape (n_per_class * n_classes, 2)
    y : ndarray of int, shape (n_per_class * n_classes,)
        Labels 0..C-1, grouped by class.

    Examples
    --------
    >>> from softmax_tutorial import make_toy_data
    >>> X, y = make_toy_data(n_per_class=2, random_state=0)
    >>> print(X.shape, y)
    (6, 2) [0 0 1 1 2 2]

    Used throughout the book, from chapter 1.
    """
    check_scalar(n_per_class, "n_per_class", kind=numbers.Integral, low=1)
    check_scalar(n_classes, "n_classes", kind=numbers.Integral, low=2)
    check_scalar(spread, "spread", low=0.0, low_inclusive=False)
    check_random_state(random_state, allow_none=False, why=" (the data set must be reproducible)")
    rng = np.random.default_rng(random_state)
    angles = 2 * np.pi * np.arange(n_classes) / n_classes + np.pi / 2
    centres = 2.5 * np.column_stack([np.cos(angles), np.sin(angles)])
    X = np.repeat(centres, n_per_class, axis=0)
    X += spread * rng.standard_normal(X.shape)
    y = np.repeat(np.arange(n_classes), n_per_class)
    return X, y
