"""Input checks shared by every public function (private).

Each check either returns a clean array or raises ``TypeError`` (wrong kind of
object) / ``ValueError`` (right kind, wrong value or shape) with a message that
names the argument, says what was expected, shows what was received and, where
it helps, how to fix it. Keeping them here means every function speaks the
same language about bad input.
"""

import numbers

import numpy as np

__all__ = []  # nothing public here


def _describe(a):
    """Short description of an array for error messages: shape and dtype."""
    return f"array of shape {a.shape} and dtype {a.dtype}"


def as_float_array(
    x, name, *, ndim=None, allow_neg_inf=False, allow_inf=False, allow_empty=False, check=True
):
    """Return ``x`` as a float array (float32 kept, everything else float64).

    Parameters
    ----------
    x : array_like
    name : str
        The argument's name, used in messages.
    ndim : int or tuple of int, optional
        Allowed numbers of dimensions.
    allow_neg_inf : bool
        ``-inf`` is allowed (a logit of ``-inf`` means probability 0).
        ``nan`` is never allowed, ``+inf`` only with ``allow_inf``.
    allow_inf : bool
        Both ``+inf`` and ``-inf`` are allowed (the sigmoid's limits are 0 and 1).
    allow_empty : bool
        Whether an array with a zero-length axis is acceptable.
    check : bool
        Check for nan and inf. The softmax family passes False and finds them
        more cheaply from its row maxima.
    """
    if isinstance(x, (str, bytes)):
        raise TypeError(f"{name} must be an array of numbers, got the string {x!r}.")
    try:
        a = np.asarray(x)
    except (ValueError, TypeError) as exc:  # ragged nested lists
        raise ValueError(
            f"{name} must be a rectangular array of numbers; numpy could not convert it: {exc}"
        ) from None
    if a.dtype == bool:
        raise TypeError(
            f"{name} must hold real numbers, got an array of booleans; "
            f"convert it with {name}.astype(float) if that is what you mean."
        )
    if not (np.issubdtype(a.dtype, np.integer) or np.issubdtype(a.dtype, np.floating)):
        raise TypeError(f"{name} must hold real numbers, got an {_describe(a)}.")
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if a.ndim not in allowed:
            want = " or ".join(f"{d}-D" for d in allowed)
            hint = ""
            if a.ndim == 1 and 2 in allowed:
                hint = (
                    " Reshape your data with x.reshape(-1, 1) if it has a single "
                    "feature or x.reshape(1, -1) if it is a single sample."
                )
            raise ValueError(
                f"{name} must be a {want} array, got a {a.ndim}-D {_describe(a)}.{hint}"
            )
    if a.dtype != np.float32:
        a = a.astype(np.float64, copy=False)
    if not allow_empty and a.size == 0:
        raise ValueError(
            f"{name} is empty ({_describe(a)}); at least one element is needed along every axis."
        )
    if check:
        check_finite(a, name, allow_neg_inf=allow_neg_inf, allow_inf=allow_inf)
    return a


def check_finite(a, name, *, allow_neg_inf=False, allow_inf=False):
    """Raise ``ValueError`` if ``a`` holds nan or +inf (or -inf, unless allowed)."""
    if a.size == 0:
        return
    if allow_inf:
        if np.isnan(np.max(a)):  # max propagates nan
            where = tuple(int(i) for i in np.argwhere(np.isnan(a))[0])
            raise ValueError(
                f"{name} contains NaN (first at index {where} of an {_describe(a)}); "
                "remove or impute missing values first."
            )
        return
    # max and min propagate nan and see +inf / -inf, without the N x D boolean
    # temporary np.isfinite(a).all() would make (an eighth of X's memory).
    top, bottom = np.max(a), np.min(a)
    if np.isfinite(top) and (np.isfinite(bottom) or (allow_neg_inf and not np.isnan(bottom))):
        return
    if np.isnan(a).any():
        where = tuple(int(i) for i in np.argwhere(np.isnan(a))[0])
        raise ValueError(
            f"{name} contains NaN (first at index {where} of an {_describe(a)}); "
            "remove or impute missing values first."
        )
    if (a == np.inf).any():
        where = tuple(int(i) for i in np.argwhere(a == np.inf)[0])
        raise ValueError(
            f"{name} contains +inf (first at index {where} of an {_describe(a)}); "
            "only finite values are accepted."
        )
    if not allow_neg_inf:
        where = tuple(int(i) for i in np.argwhere(a == -np.inf)[0])
        raise ValueError(
            f"{name} contains -inf (first at index {where} of an {_describe(a)}); "
            "only finite values are accepted."
        )


def normalize_axis(axis, ndim, name="axis"):
    """Return ``axis`` as a non-negative int, checking its type and range."""
    if isinstance(axis, bool) or not isinstance(axis, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {axis!r}.")
    if not -ndim <= axis < ndim:
        raise ValueError(
            f"{name}={axis} is out of range for an array with {ndim} dimension(s); "
            f"use a value from {-ndim} to {ndim - 1} (the default -1 is the class axis)."
        )
    return int(axis) % ndim


def _check_whole_numbers(a, name, expected):
    """Raise ``ValueError`` unless the float array ``a`` holds whole numbers only."""
    if not np.isfinite(a).all():
        raise ValueError(f"{name} contains NaN or inf; {expected}.")
    fractional = a != np.round(a)
    if fractional.any():
        raise ValueError(
            f"{name} contains the non-integer value {float(a[fractional][0])!r}; {expected}."
        )


def as_class_labels(y, n_samples):
    """Check the labels given to ``SoftmaxRegression.fit``: any sortable type.

    Returns ``y`` as a 1-D array of length ``n_samples``; floats must be whole
    numbers (a classifier has no use for a continuous target).
    """
    if isinstance(y, (str, bytes)):
        raise TypeError(f"y must be an array of labels, got the string {y!r}.")
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[1] == 1:
        raise ValueError(
            f"y must be 1-D of shape (n_samples,), got shape {y.shape}; use "
            "y.ravel() to flatten a column vector."
        )
    if y.ndim != 1:
        raise ValueError(
            f"y must be a 1-D array of class labels of shape (n_samples,), got a "
            f"{y.ndim}-D array of shape {y.shape}."
        )
    if y.shape[0] != n_samples:
        raise ValueError(
            f"X and y have inconsistent numbers of samples: X has {n_samples} "
            f"rows, y has {y.shape[0]} labels."
        )
    if y.dtype.kind == "f":
        _check_whole_numbers(
            y, "y", "SoftmaxRegression is a classifier and expects discrete class labels"
        )
    if y.dtype.kind in "cV" or (y.dtype.kind == "O" and any(v is None for v in y)):
        raise TypeError(f"y must hold class labels (ints or strings), got dtype {y.dtype}.")
    return y


def check_random_state(random_state, *, allow_none=True, why=""):
    """Check a seed: an int, a ``numpy.random.Generator`` or (if allowed) None.

    ``why`` is appended to the message (say, why None is not allowed).
    """
    ok = isinstance(random_state, np.random.Generator) or (
        isinstance(random_state, numbers.Integral) and not isinstance(random_state, bool)
    )
    if not (ok or (allow_none and random_state is None)):
        what = "None, an int" if allow_none else "an int"
        raise TypeError(
            f"random_state must be {what} or a numpy.random.Generator{why}, got {random_state!r}."
        )
    return random_state


def as_labels(y, name="y", *, n_samples=None, n_classes=None):
    """Return integer class labels 0..C-1 as an int array of shape (N,)."""
    if isinstance(y, (str, bytes)):
        raise TypeError(f"{name} must be an array of integer labels, got {y!r}.")
    a = np.asarray(y)
    if a.ndim != 1:
        raise ValueError(
            f"{name} must be a 1-D array of integer labels of shape (n_samples,), "
            f"got a {a.ndim}-D {_describe(a)}."
        )
    if a.size == 0:
        raise ValueError(f"{name} is empty; at least one label is needed.")
    if a.dtype == bool:
        raise TypeError(f"{name} must hold integer labels, got booleans; use {name}.astype(int).")
    if np.issubdtype(a.dtype, np.floating):
        _check_whole_numbers(a, name, "labels must be integers 0..C-1")
        a = a.astype(np.intp)
    elif np.issubdtype(a.dtype, np.integer):
        # An unsigned label beyond intp's range would wrap round to a negative one.
        if a.dtype.kind == "u" and int(a.max()) > np.iinfo(np.intp).max:
            raise ValueError(
                f"{name} contains the label {int(a.max())}, too large to be a class "
                f"index (at most {np.iinfo(np.intp).max}); labels must be 0..C-1."
            )
        a = a.astype(np.intp, copy=False)
    else:
        raise TypeError(
            f"{name} must hold integer labels 0..C-1, got an {_describe(a)}. "
            "Use SoftmaxRegression for labels of any type (strings, ...)."
        )
    if n_samples is not None and a.shape[0] != n_samples:
        raise ValueError(
            f"{name} has {a.shape[0]} labels but there are {n_samples} samples; they must match."
        )
    if a.min() < 0:
        raise ValueError(
            f"{name} contains the negative label {int(a.min())}; labels run from "
            "0 to C-1 (the book's classes 1..C, shifted by one)."
        )
    if n_classes is not None and a.max() >= n_classes:
        raise ValueError(
            f"{name} contains the label {int(a.max())}, out of range for "
            f"{n_classes} classes; labels must be 0..{n_classes - 1}."
        )
    return a


def as_targets(y, n_samples, n_classes, name="y"):
    """Return targets as an (N, C) array of distributions.

    ``y`` may be integer labels of shape (N,) or a matrix of shape (N, C)
    whose rows are probability distributions (one-hot rows, for instance).
    """
    a = np.asarray(y)
    if a.ndim == 1:
        labels = as_labels(a, name, n_samples=n_samples, n_classes=n_classes)
        targets = np.zeros((n_samples, n_classes))
        targets[np.arange(n_samples), labels] = 1.0
        return targets
    if a.ndim != 2:
        raise ValueError(
            f"{name} must be integer labels of shape (n_samples,) or target "
            f"distributions of shape (n_samples, n_classes), got a {a.ndim}-D "
            f"{_describe(a)}."
        )
    t = as_float_array(a, name, ndim=2)
    if t.shape != (n_samples, n_classes):
        raise ValueError(
            f"{name} has shape {t.shape} but the logits imply "
            f"({n_samples}, {n_classes}); they must match."
        )
    check_distributions(t, name)
    return t


def check_distributions(t, name):
    """Raise ``ValueError`` unless every row of ``t`` is non-negative and sums to 1."""
    if (t < 0).any():
        row = int(np.argwhere(t < 0)[0, 0])
        raise ValueError(
            f"{name} must hold probability distributions, but row {row} has a "
            f"negative entry: {t[row]}."
        )
    sums = t.sum(axis=-1)
    tol = 1e-4 if t.dtype == np.float32 else 1e-8
    bad = np.abs(sums - 1.0) > tol * np.maximum(1.0, t.shape[-1])
    if bad.any():
        row = int(np.argmax(bad))
        raise ValueError(
            f"{name} must hold probability distributions (rows summing to 1), but "
            f"row {row} sums to {float(sums[row])!r}."
        )


def check_weights(W, n_features, b=None, *, name_x="X"):
    """Check W of shape (D, C) against D features, and b of shape (C,)."""
    W = as_float_array(W, "W", ndim=2)
    if W.shape[0] != n_features:
        raise ValueError(
            f"W has shape {W.shape} but {name_x} has {n_features} features: W must "
            f"have shape ({n_features}, n_classes), one column w_c per class."
        )
    if b is None:
        return W, None
    b = as_float_array(b, "b", ndim=1)
    if b.shape[0] != W.shape[1]:
        raise ValueError(
            f"b has shape {b.shape} but W has {W.shape[1]} columns (classes); b must "
            f"have shape ({W.shape[1]},)."
        )
    return W, b


def check_scalar(
    value, name, *, kind=numbers.Real, low=None, high=None, low_inclusive=True, hint=""
):
    """Check a hyper-parameter: its type and range. Returns it unchanged."""
    if isinstance(value, bool) or not isinstance(value, kind):
        want = "an integer" if kind is numbers.Integral else "a real number"
        raise TypeError(f"{name} must be {want}, got {value!r} ({type(value).__name__}).")
    if isinstance(value, numbers.Real) and not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value!r}.")
    if low is not None and (value < low or (value == low and not low_inclusive)):
        op = ">=" if low_inclusive else ">"
        raise ValueError(f"{name} must be {op} {low}, got {value!r}.{hint}")
    if high is not None and value > high:
        raise ValueError(f"{name} must be <= {high}, got {value!r}.{hint}")
    return value
