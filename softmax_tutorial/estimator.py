"""``SoftmaxRegression``: the classifier, trained by the book's gradient descent.

Derived in the book, chapter 6 (gradient descent) and used on real data in
chapter 7.
"""

import inspect
import math
import numbers
import sys
import time
import warnings

import numpy as np

from ._validation import as_class_labels, as_float_array, check_random_state, check_scalar
from .exceptions import ConvergenceWarning, DivergenceError, NotFittedError
from .softmax import _softmax_columns_inplace, log_softmax, softmax

__all__ = ["SoftmaxRegression"]

# The risk starts at log C (all weights zero). Gradient descent with a sound
# learning rate never rises far above it; this many times higher means the
# iterates are running away.
_DIVERGENCE_FACTOR = 10.0


class SoftmaxRegression:
    r"""Softmax (multinomial logistic) regression trained by gradient descent.

    Minimises the cross-entropy risk with weight decay,

    .. math:: R(W, b) = -\frac{1}{N} \sum_{n=1}^N (\mathbf{y}^{(n)})^\top
              \log \operatorname{softmax}(W^\top \mathbf{x}^{(n)} + \mathbf{b})
              + \frac{\lambda}{2} \lVert W \rVert_F^2,

    by the update :math:`W \leftarrow W + \alpha \frac{1}{N} \sum_n
    \mathbf{x}^{(n)} (\mathbf{y}^{(n)} - \hat{\mathbf{y}}^{(n)})^\top - \alpha \lambda W`
    from :math:`W_0 = 0`, over the whole training set (``batch_size=None``)
    or over shuffled mini-batches.

    Parameters
    ----------
    learning_rate : float, default=1.0
        The step size :math:`\alpha > 0`. 1.0 suits standardised features
        (zero mean, unit variance); unscaled features usually need a much
        smaller value, and training that diverges raises
        :class:`DivergenceError` naming the learning rate.
    max_iter : int, default=1000
        Maximum number of epochs (passes over the training set; with
        ``batch_size=None`` one epoch is one gradient step).
    batch_size : int or None, default=None
        ``None`` for full-batch gradient descent; an int for mini-batch
        stochastic gradient descent with that many samples per step (the last
        batch of an epoch may be smaller).
    l2 : float, default=0.0
        Weight decay :math:`\lambda \ge 0` on ``coef_`` (not on the intercept).
        ``l2 = 1 / (C * n_samples)`` gives the objective of scikit-learn's
        ``LogisticRegression(C=C)``.
    fit_intercept : bool, default=True
        Learn a bias :math:`b_c` per class.
    tol : float, default=1e-3
        Training stops when the risk has improved by less than ``tol`` for
        ``n_iter_no_change`` consecutive epochs.
    n_iter_no_change : int, default=5
        See ``tol``.
    random_state : int, numpy.random.Generator or None, default=None
        Seeds the shuffling of mini-batches (unused when ``batch_size=None``).
    verbose : bool, default=False
        Show one progress line on standard error, updated in place.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features, n_classes)
        The weights :math:`W = [\mathbf{w}_1, \dots, \mathbf{w}_C]`, one column
        per class (the book's orientation; scikit-learn's ``coef_`` is the
        transpose).
    intercept_ : ndarray of shape (n_classes,)
    classes_ : ndarray of shape (n_classes,)
        The class labels, sorted; any type numpy can sort (ints, strings, ...).
    n_features_in_ : int
    n_iter_ : int
        Number of epochs run.
    loss_curve_ : list of float
        The risk after each epoch: exact for full batch, the mean of the
        mini-batch risks during the epoch otherwise.

    Examples
    --------
    >>> from softmax_tutorial import SoftmaxRegression, make_toy_data
    >>> X, y = make_toy_data(random_state=0)
    >>> model = SoftmaxRegression().fit(X, y)
    >>> print(model.coef_.shape, model.classes_)
    (2, 3) [0 1 2]
    >>> print(round(model.score(X, y), 2))
    0.97

    Derived in the book, chapter 6 (The gradient and gradient descent); used on
    real data in chapter 7.
    """

    def __init__(
        self,
        *,
        learning_rate=1.0,
        max_iter=1000,
        batch_size=None,
        l2=0.0,
        fit_intercept=True,
        tol=1e-3,
        n_iter_no_change=5,
        random_state=None,
        verbose=False,
    ):
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.batch_size = batch_size
        self.l2 = l2
        self.fit_intercept = fit_intercept
        self.tol = tol
        self.n_iter_no_change = n_iter_no_change
        self.random_state = random_state
        self.verbose = verbose

    # -- scikit-learn's parameter protocol, so clone() and grid searches work --
    def get_params(self, deep=True):
        """The constructor's arguments, as a dict."""
        names = [
            p.name
            for p in inspect.signature(type(self).__init__).parameters.values()
            if p.kind == p.KEYWORD_ONLY
        ]
        return {name: getattr(self, name) for name in names}

    def set_params(self, **params):
        """Set constructor arguments; returns ``self``."""
        valid = self.get_params()
        for name, value in params.items():
            if name not in valid:
                raise ValueError(
                    f"Invalid parameter {name!r} for SoftmaxRegression; valid "
                    f"parameters are {sorted(valid)}."
                )
            setattr(self, name, value)
        return self

    def __repr__(self):
        defaults = {
            p.name: p.default
            for p in inspect.signature(type(self).__init__).parameters.values()
            if p.kind == p.KEYWORD_ONLY
        }
        changed = [
            f"{k}={v!r}"
            for k, v in self.get_params().items()
            if v is not defaults[k]
            and not (
                isinstance(v, (int, float))
                and not isinstance(v, bool)
                and type(v) is type(defaults[k])
                and v == defaults[k]
            )
        ]
        return f"SoftmaxRegression({', '.join(changed)})"

    # -- validation ----------------------------------------------------------
    def _check_params(self):
        check_scalar(self.learning_rate, "learning_rate", low=0.0, low_inclusive=False)
        check_scalar(self.max_iter, "max_iter", kind=numbers.Integral, low=1)
        if self.batch_size is not None:
            check_scalar(
                self.batch_size,
                "batch_size",
                kind=numbers.Integral,
                low=1,
                hint=" Use batch_size=None for full-batch gradient descent.",
            )
        check_scalar(self.l2, "l2", low=0.0)
        check_scalar(self.tol, "tol", low=0.0)
        check_scalar(self.n_iter_no_change, "n_iter_no_change", kind=numbers.Integral, low=1)
        for name in ("fit_intercept", "verbose"):
            if not isinstance(getattr(self, name), (bool, np.bool_)):
                raise TypeError(f"{name} must be True or False, got {getattr(self, name)!r}.")
        check_random_state(self.random_state)

    def _check_X(self, X, *, fitting=False):
        X = as_float_array(X, "X", ndim=2).astype(np.float64, copy=False)
        if not fitting:
            if X.shape[1] != self.n_features_in_:
                raise ValueError(
                    f"X has {X.shape[1]} features, but SoftmaxRegression is expecting "
                    f"{self.n_features_in_} features as input (the number it was "
                    "fitted with)."
                )
        return X

    def _check_fitted(self):
        if not hasattr(self, "coef_"):
            raise NotFittedError(
                "This SoftmaxRegression instance is not fitted yet. Call 'fit' with "
                "training data before using this method."
            )

    # -- training --------------------------------------------------------------
    def fit(self, X, y):
        """Train on ``X`` (n_samples, n_features) and labels ``y`` (n_samples,).

        Returns
        -------
        self : SoftmaxRegression
            The fitted model.
        """
        self._check_params()
        X = self._check_X(X, fitting=True)
        y = as_class_labels(y, X.shape[0])
        try:
            # unique + searchsorted needs about half the memory of
            # unique(return_inverse=True) on a large y.
            classes = np.unique(y)
            labels = np.searchsorted(classes, y)
        except TypeError as exc:
            raise TypeError(f"y's labels cannot be sorted into classes: {exc}") from None
        if classes.shape[0] < 2:
            raise ValueError(
                "SoftmaxRegression needs samples of at least 2 classes, but y contains "
                f"only one class: {classes[:1].tolist()[0]!r}."  # tolist: 'a', not np.str_('a')
            )
        n_samples, n_features = X.shape
        n_classes = classes.shape[0]
        W = np.zeros((n_features, n_classes))
        b = np.zeros(n_classes)
        if self.batch_size is None or self.batch_size >= n_samples:
            epochs = self._full_batch(X, labels.astype(np.intp), W, b)
        else:
            epochs = self._mini_batch(X, labels.astype(np.intp), W, b)
        self.coef_ = W
        self.intercept_ = b
        self.classes_ = classes
        self.n_features_in_ = n_features
        self.n_iter_, self.loss_curve_ = epochs
        return self

    def _forward(self, X_t, labels, W, b, cols):
        """Risk (without weight decay) and the residual (y_hat - y)^T, shape (C, n).

        Works on the transposed data X_t (n_features, n): see
        _softmax_columns_inplace for why.
        """
        scores_t = W.T @ X_t
        if self.fit_intercept:
            scores_t += b[:, None]
        true_scores = scores_t[labels, cols]
        try:
            lse = _softmax_columns_inplace(scores_t, "the scores X @ W + b")
        except ValueError:
            raise self._divergence(None) from None
        risk = (lse.sum() - true_scores.sum()) / X_t.shape[1]
        scores_t[labels, cols] -= 1.0  # y_hat - y, without forming the one-hot Y
        return risk, scores_t

    def _step(self, X_t, residual_t, W, b):
        """One gradient step from the residual (y_hat - y)^T of the batch."""
        n = X_t.shape[1]
        grad_W = X_t @ residual_t.T
        grad_W *= 1.0 / n
        if self.l2:
            grad_W += self.l2 * W
        W -= self.learning_rate * grad_W
        if self.fit_intercept:
            b -= (self.learning_rate / n) * residual_t.sum(axis=1)

    def _divergence(self, risk):
        seen = "non-finite scores" if risk is None else f"a risk of {risk:.4g}"
        return DivergenceError(
            f"Gradient descent diverged with learning_rate={self.learning_rate!r}: it "
            f"reached {seen}, far above the starting value log(C). Use a smaller "
            "learning_rate (try dividing it by 10), and standardise the features "
            "(zero mean, unit variance) if they are not."
        )

    def _full_batch(self, X, labels, W, b):
        X_t = np.ascontiguousarray(X.T)
        cols = np.arange(X.shape[0])
        # The residual at the current weights feeds the next step.
        _, residual = self._forward(X_t, labels, W, b, cols)
        state = {"residual": residual}

        def epoch():
            self._step(X_t, state["residual"], W, b)
            risk, state["residual"] = self._forward(X_t, labels, W, b, cols)
            return risk

        return self._loop(epoch, W, _divergence_limit(b.shape[0]))

    def _mini_batch(self, X, labels, W, b):
        rng = np.random.default_rng(self.random_state)
        n, size = X.shape[0], self.batch_size
        cols = np.arange(size)

        def epoch():
            order = rng.permutation(n)
            total = 0.0
            for start in range(0, n, size):
                idx = order[start : start + size]
                # Only this batch is copied (and transposed): memory stays O(batch).
                X_t = np.ascontiguousarray(X[idx].T)
                risk, residual = self._forward(X_t, labels[idx], W, b, cols[: idx.shape[0]])
                total += risk * idx.shape[0]
                self._step(X_t, residual, W, b)
            return total / n

        return self._loop(epoch, W, _divergence_limit(b.shape[0]))

    def _loop(self, run_epoch, W, limit):
        """Run epochs until the risk stops improving by tol, or max_iter."""
        curve = []
        best = np.inf
        stalled = 0
        progress = _Progress(self.max_iter) if self.verbose else None
        for epoch in range(1, self.max_iter + 1):
            risk = run_epoch()
            if self.l2:
                risk += 0.5 * self.l2 * float(np.sum(W * W))
            if not np.isfinite(risk) or risk > limit:
                raise self._divergence(risk)
            curve.append(float(risk))
            if progress:
                progress.update(epoch, risk)
            stalled = stalled + 1 if risk > best - self.tol else 0
            best = min(best, risk)
            if stalled >= self.n_iter_no_change:
                if progress:
                    progress.close(epoch, risk, converged=True)
                return epoch, curve
        if progress:
            progress.close(self.max_iter, curve[-1], converged=False)
        last_change = curve[-2] - curve[-1] if len(curve) > 1 else float("nan")
        warnings.warn(
            f"SoftmaxRegression did not converge in max_iter={self.max_iter} epochs: "
            f"the risk still fell by {last_change:.2g} in the last epoch (tol={self.tol}). "
            "Increase max_iter, increase the learning_rate, or standardise the features.",
            ConvergenceWarning,
            stacklevel=3,
        )
        return self.max_iter, curve

    # -- prediction ------------------------------------------------------------
    def decision_function(self, X):
        """The scores ``X @ coef_ + intercept_``, shape (n_samples, n_classes)."""
        self._check_fitted()
        X = self._check_X(X)
        return X @ self.coef_ + self.intercept_

    def predict_proba(self, X):
        """Class probabilities ``softmax(X @ coef_ + intercept_)``, shape (n_samples, n_classes).

        Columns follow ``classes_``.
        """
        return softmax(self.decision_function(X), axis=-1)

    def predict_log_proba(self, X):
        """Log-probabilities from :func:`log_softmax` (not the log of ``predict_proba``)."""
        return log_softmax(self.decision_function(X), axis=-1)

    def predict(self, X):
        """The most probable class for each sample, shape (n_samples,), from ``classes_``."""
        scores = self.decision_function(X)  # checks fitted first: classes_ may not exist
        return self.classes_[np.argmax(scores, axis=1)]

    def score(self, X, y):
        """Accuracy: the fraction of samples whose predicted class equals ``y``."""
        predicted = self.predict(X)
        y = as_class_labels(y, predicted.shape[0])
        return float(np.mean(predicted == y))


def _divergence_limit(n_classes):
    """A risk this high means gradient descent is running away (R(0) = log C)."""
    return _DIVERGENCE_FACTOR * max(math.log(n_classes), 1.0)


class _Progress:
    """One line on stderr, rewritten at most every 0.2 s."""

    def __init__(self, total):
        self.total = total
        self.last = 0.0
        self.start = time.perf_counter()

    def update(self, epoch, risk):
        now = time.perf_counter()
        if now - self.last >= 0.2:
            self.last = now
            done = int(20 * epoch / self.total)
            bar = "#" * done + "." * (20 - done)
            sys.stderr.write(f"\r[{bar}] epoch {epoch}/{self.total}  risk {risk:.5f}")
            sys.stderr.flush()

    def close(self, epoch, risk, converged):
        how = "converged" if converged else "stopped at max_iter"
        elapsed = time.perf_counter() - self.start
        sys.stderr.write(
            f"\r{how} after {epoch} epochs in {elapsed:.2f} s, risk {risk:.5f}" + " " * 20 + "\n"
        )
        sys.stderr.flush()
