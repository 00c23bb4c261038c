"""``SoftmaxRegression``: the book's classifier, as a scikit-learn estimator.

It minimises the penalised risk of chapters 4 and 6 with the gradient of
chapter 6 (no Jacobian is ever formed), either by L-BFGS (scipy) or by the
book's own gradient descent, and reports convergence only at the optimum: when
the largest entry of the gradient is below ``tol``. Any other stop (max_iter,
L-BFGS unable to make progress, or no optimum at all) is reported with a
ConvergenceWarning.

The only module of the library that imports scikit-learn and scipy: the base
classes give the parameter protocol, ``repr``, the tags every scikit-learn tool
reads and ``score``; scikit-learn's validation gives ``n_features_in_``,
``feature_names_in_`` and the messages users of scikit-learn already know.

Derived in the book, chapter 6 (the gradient and gradient descent) and
chapter 7 (curvature and faster solvers); used on real data in chapter 8.
"""

import contextlib
import functools
import math
import numbers
import sys
import warnings

import numpy as np
import scipy.optimize
import scipy.sparse
import scipy.sparse.linalg
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.exceptions import ConvergenceWarning, NotFittedError
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import _check_sample_weight, check_is_fitted, validate_data
from threadpoolctl import ThreadpoolController

from ._blocked_kernel import softmax_columns_inplace
from ._validation import check_random_state, check_scalar
from .exceptions import DivergenceError
from .softmax import log_softmax, softmax

__all__ = ["SoftmaxRegression", "ConvergenceWarning", "NotFittedError"]

_SOLVERS = ("lbfgs", "gd")
# A risk this many times above its starting value (at least log C) means the
# iterates are running away: gradient descent with a sound step never rises.
_DIVERGENCE_FACTOR = 10.0
# The objective is evaluated over chunks of this many samples when training on
# mini-batches, so that memory stays proportional to the batch, not to N.
_CHUNK = 4096
# Below this many multiply-adds per pass (N * D * C), training uses one BLAS thread.
_SMALL_PROBLEM = 5_000_000


class SoftmaxRegression(ClassifierMixin, BaseEstimator):
    r"""Softmax (multinomial logistic) regression, trained to the optimum.

    Minimises the penalised cross-entropy risk

    .. math:: R_\lambda(W, \mathbf{b}) = \frac{1}{\sum_n s_n} \sum_{n=1}^N s_n
              \Big(\operatorname{LSE}(\mathbf{z}^{(n)}) - z^{(n)}_{y^{(n)}}\Big)
              + \frac{\lambda}{2} \lVert W \rVert_F^2,
              \qquad \mathbf{z}^{(n)} = W^\top \mathbf{x}^{(n)} + \mathbf{b},

    the book's :math:`R(W) + \frac{\lambda}{2}\lVert W \rVert_F^2` with sample
    weights :math:`s_n` (all 1 by default, giving the plain mean). The bias
    :math:`\mathbf{b}` is not penalised. Its gradient is chapter 6's,
    :math:`\nabla_W R_\lambda = \frac{1}{\sum_n s_n} \sum_n s_n\, \mathbf{x}^{(n)}
    (\hat{\mathbf{y}}^{(n)} - \mathbf{y}^{(n)})^\top + \lambda W`: each sample's
    term is simply multiplied by its weight.

    Parameters
    ----------
    l2 : float, default=1e-2
        The weight decay :math:`\lambda \ge 0` on ``coef_`` (not on the
        intercept). The default suits standardised features: on the
        standardised digits, iris, wine and breast-cancer sets it gives
        held-out accuracies within a point of ``LogisticRegression()``'s. It
        is the same for every data size, unlike ``LogisticRegression(C=1)``,
        whose penalty per sample is :math:`1/N`. With three or more classes,
        ``l2 = 1 / (C * n_samples)`` gives exactly the objective of
        ``LogisticRegression(C=C)`` (with sample weights, their sum in place
        of ``n_samples``); with two classes scikit-learn fits the single
        vector :math:`\mathbf{w}_2 - \mathbf{w}_1`, and the match is
        ``l2 = 2 / (C * n_samples)`` (chapter 9 shows why).

        With :math:`\lambda > 0` the objective is strictly convex in
        ``coef_``, so the optimum is unique, up to one flat direction: adding
        the same number to every intercept changes no probability. Both
        solvers start from zero and their steps keep ``intercept_.sum()`` at
        0, so they return the optimum with that property.

        ``l2=0`` is the book's unpenalised risk. Then, if the classes can be
        separated by the linear scores (as the digits can), no minimiser
        exists: the risk falls towards 0 as the weights grow, and its gradient
        vanishes on the way, so the stopping rule is met at weights whose size
        is set by ``tol``. When the fitted weights classify every training
        sample correctly (proof that the classes are separable), the fit says
        so with a :class:`ConvergenceWarning` and ``converged_`` is False.
        (Partial separation, one class separable from the rest, also has no
        minimiser and is not detected.)
    solver : {"lbfgs", "gd"}, default="lbfgs"
        ``"lbfgs"``: the quasi-Newton method L-BFGS, from
        ``scipy.optimize.minimize``, fed with the risk and its gradient from one
        pass over the data. ``"gd"``: the book's gradient descent, full batch
        or (with ``batch_size``) on shuffled mini-batches.
    learning_rate : "auto" or float, default="auto"
        The step size :math:`\alpha` of ``solver="gd"`` (an error with
        ``"lbfgs"``, which chooses its own steps). ``"auto"`` uses
        :math:`\alpha = 1/L` with :math:`L = \lambda_{\max}(\tilde X^\top
        \operatorname{diag}(\mathbf{s}) \tilde X / \sum_n s_n)/2 + \lambda`, where
        :math:`\tilde X` is ``X`` with a column of ones for the intercept and
        :math:`\mathbf{s}` holds the sample weights. ``L``
        bounds the curvature of the risk everywhere (from
        :math:`\lambda_{\max}(\operatorname{diag}(\hat{\mathbf{y}}) -
        \hat{\mathbf{y}}\hat{\mathbf{y}}^\top) \le 1/2`; chapter 7), so every
        full-batch step lowers the risk, on any data, scaled or not. A given
        step that makes the risk rise gets a :class:`ConvergenceWarning`
        naming it; one that makes it explode raises :class:`DivergenceError`.
    batch_size : int or None, default=None
        ``solver="gd"`` only. ``None`` for full-batch gradient descent; an int
        for that many samples per step, in an order reshuffled every epoch.
        Mini-batch steps are noisy, so they rarely bring the gradient below a
        tight ``tol``: the gradient that decides convergence is always the
        full one, computed once per epoch.
    max_iter : int, default=1000
        The largest number of iterations (L-BFGS) or epochs (gradient descent).
    tol : float, default=1e-6
        Convergence: the fit stops, converged, when
        :math:`\max_j |g_j| \le` ``tol``, where :math:`g` is the gradient of
        :math:`R_\lambda` with respect to every entry of ``coef_`` and
        ``intercept_``. :math:`R_\lambda` is a weighted *mean*, so the scale of
        ``tol`` does not depend on the number of samples. A fit that stops for
        any other reason (``max_iter``; L-BFGS unable to decrease the risk in
        floating point) warns with a :class:`ConvergenceWarning` that gives the
        gradient it reached.
    fit_intercept : bool, default=True
        Learn a bias :math:`b_c` per class.
    warm_start : bool, default=False
        Start from the previous fit's ``coef_`` and ``intercept_`` (when the
        classes and features are the same) instead of from zero: useful for a
        path of decreasing ``l2``.
    random_state : int, numpy.random.Generator or None, default=None
        Seeds the shuffling of mini-batches (unused otherwise).
    verbose : bool, default=False
        Show a progress bar (tqdm) with the risk and the largest gradient entry.

    Attributes
    ----------
    coef_ : ndarray of shape (n_classes, n_features)
        One row per class, scikit-learn's layout: the book's
        :math:`W = [\mathbf{w}_1, \dots, \mathbf{w}_C]` is ``coef_.T``. With two
        classes both rows are kept (the softmax's parameterisation; with
        ``l2 > 0`` they are opposite), unlike ``LogisticRegression``'s single
        row, which is the difference ``coef_[1] - coef_[0]``.
    intercept_ : ndarray of shape (n_classes,)
    classes_ : ndarray of shape (n_classes,)
        The sorted class labels; ``predict`` returns values from it.
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (n_features_in_,)
        Defined only when ``X`` has string column names (a DataFrame).
    n_iter_ : int
        Iterations (L-BFGS) or epochs (gradient descent) run.
    loss_curve_ : list of float
        :math:`R_\lambda` on the training set after each iteration or epoch.
    converged_ : bool
        Whether the gradient criterion ``tol`` was met.
    learning_rate_ : float
        The step size used (``solver="gd"`` only).

    Examples
    --------
    >>> from softmax_tutorial import SoftmaxRegression, make_toy_data
    >>> X, y = make_toy_data(random_state=0)
    >>> model = SoftmaxRegression().fit(X, y)
    >>> print(model.coef_.shape, model.classes_, model.converged_)
    (3, 2) [0 1 2] True
    >>> print(round(model.score(X, y), 2))
    0.96

    The book's gradient descent reaches the same optimum, in many more steps:

    >>> gd = SoftmaxRegression(solver="gd", max_iter=10_000).fit(X, y)
    >>> print(gd.converged_, gd.n_iter_ > 1000)
    True True
    >>> print(bool(abs(gd.predict_proba(X) - model.predict_proba(X)).max() < 1e-4))
    True

    Derived in the book, chapter 6 (The gradient and gradient descent) and
    chapter 7 (Curvature, convexity and faster solvers); used on real data in
    chapter 8.
    """

    def __init__(
        self,
        *,
        l2=1e-2,
        solver="lbfgs",
        learning_rate="auto",
        batch_size=None,
        max_iter=1000,
        tol=1e-6,
        fit_intercept=True,
        warm_start=False,
        random_state=None,
        verbose=False,
    ):
        self.l2 = l2
        self.solver = solver
        self.learning_rate = learning_rate
        self.batch_size = batch_size
        self.max_iter = max_iter
        self.tol = tol
        self.fit_intercept = fit_intercept
        self.warm_start = warm_start
        self.random_state = random_state
        self.verbose = verbose

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        return tags

    # -- validation ----------------------------------------------------------
    def _check_params(self):
        if self.solver not in _SOLVERS:
            raise ValueError(
                f"solver must be one of {_SOLVERS}, got {self.solver!r}: 'lbfgs' "
                "(L-BFGS, the fast default) or 'gd' (the book's gradient descent)."
            )
        check_scalar(self.l2, "l2", low=0.0)
        check_scalar(self.max_iter, "max_iter", kind=numbers.Integral, low=1)
        check_scalar(self.tol, "tol", low=0.0)
        for name in ("fit_intercept", "warm_start", "verbose"):
            if not isinstance(getattr(self, name), (bool, np.bool_)):
                raise TypeError(f"{name} must be True or False, got {getattr(self, name)!r}.")
        check_random_state(self.random_state)
        if isinstance(self.learning_rate, str):
            if self.learning_rate != "auto":
                raise ValueError(
                    "learning_rate must be 'auto' or a positive number, got "
                    f"{self.learning_rate!r}."
                )
        else:
            check_scalar(self.learning_rate, "learning_rate", low=0.0, low_inclusive=False)
        if self.batch_size is not None:
            check_scalar(
                self.batch_size,
                "batch_size",
                kind=numbers.Integral,
                low=1,
                hint=" Use batch_size=None for full-batch gradient descent.",
            )
        if self.solver == "lbfgs":
            # Silently ignoring these would let a reader believe they are
            # running gradient descent with their step size.
            for name, default in (("learning_rate", "auto"), ("batch_size", None)):
                if getattr(self, name) != default:
                    raise ValueError(
                        f"{name}={getattr(self, name)!r} is used only by solver='gd' "
                        f"(gradient descent); solver='lbfgs' chooses its own steps. "
                        f"Pass solver='gd' to run gradient descent, or leave {name} "
                        "at its default."
                    )

    # -- training --------------------------------------------------------------
    def fit(self, X, y, sample_weight=None):
        """Fit the model to the training data.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            Training inputs, one sample per row. Sparse input (CSR or CSC) is
            used as it is: the scores are ``X @ coef_.T`` and the gradient
            ``residual.T @ X``, which scipy.sparse computes without densifying.
        y : array-like of shape (n_samples,)
            Class labels of any sortable type (ints, strings, ...); at least 2
            distinct classes.
        sample_weight : array-like of shape (n_samples,), default=None
            Non-negative weights :math:`s_n`: the risk becomes the weighted
            mean :math:`\\sum_n s_n \\ell_n / \\sum_n s_n`, and each sample's term
            of chapter 6's gradient is multiplied by :math:`s_n`. Integer
            weights act like repeating samples; ``None`` means all 1. Every
            class needs some sample of positive weight (a ValueError otherwise:
            without one the optimum does not exist).

        Returns
        -------
        self : SoftmaxRegression
            The fitted model.
        """
        self._check_params()
        X, y = validate_data(
            self,
            X,
            y,
            accept_sparse=["csr", "csc"],
            dtype=np.float64,
            reset=True,
        )
        check_classification_targets(y)
        # unique + searchsorted needs about half the memory of
        # unique(return_inverse=True) on a large y.
        classes = np.unique(y)
        labels = np.searchsorted(classes, y)
        if classes.shape[0] < 2:
            raise ValueError(
                "SoftmaxRegression needs samples of at least 2 classes in the data, but "
                f"y contains only one class: {classes[:1].tolist()[0]!r}."
            )
        weights = None  # None: every sample weighs 1/N (no N-sized array needed)
        if sample_weight is not None:
            weights = _check_sample_weight(
                sample_weight, X, dtype=np.float64, ensure_non_negative=True
            )
            weights = weights / weights.sum()  # a sum of 0 was rejected above
            # A class whose samples all weigh 0 is in classes_ but not in the
            # objective: its intercept falls for ever and no optimum exists.
            class_weight = np.bincount(labels, weights=weights, minlength=classes.shape[0])
            if not (class_weight > 0).all():
                empty = classes[class_weight <= 0].tolist()
                raise ValueError(
                    "Every class needs some sample with a positive sample_weight, but the "
                    f"samples of class {empty[0]!r} all have weight 0 (classes with no "
                    f"weight: {empty}). Drop those samples, or give them weight: "
                    "otherwise the class's intercept falls for ever and no optimum exists."
                )
        n_classes, n_features = classes.shape[0], X.shape[1]

        # One parameter matrix, [coef | intercept] of shape (C, D + 1) (or coef
        # alone without an intercept): the scores are then one product with the
        # data, and the flat vector L-BFGS works on is a view of it.
        theta = np.zeros((n_classes, n_features + (1 if self.fit_intercept else 0)))
        if (
            self.warm_start
            and hasattr(self, "coef_")
            and self.coef_.shape == (n_classes, n_features)
            and np.array_equal(self.classes_, classes)
        ):
            theta[:, :n_features] = self.coef_
            if self.fit_intercept:
                theta[:, n_features] = self.intercept_

        problem = _Problem(X, labels.astype(np.intp), weights, self.l2, self.fit_intercept)
        solve = self._fit_lbfgs if self.solver == "lbfgs" else self._fit_gd
        with _blas_threads_for(X.shape[0] * n_features * n_classes):
            theta, n_iter, curve, grad_max = solve(problem, theta)
        coef = theta[:, :n_features].copy()
        intercept = theta[:, n_features].copy() if self.fit_intercept else np.zeros(n_classes)

        self.coef_ = coef
        self.intercept_ = intercept
        self.classes_ = classes
        self.n_iter_ = n_iter
        self.loss_curve_ = curve
        self.converged_ = bool(grad_max <= self.tol)
        if not self.converged_:
            self._warn_not_converged(grad_max, n_iter)
        elif self.l2 == 0 and _separates(problem, coef, intercept):
            # The fitted weights are a witness that the classes are linearly
            # separable; then R(sW) -> 0 as s -> infinity, so no minimiser exists
            # and the small gradient only reflects how far out the solver went.
            self.converged_ = False
            warnings.warn(
                "With l2=0 the training classes are linearly separable (the fitted "
                "weights classify every sample correctly), so the risk has no "
                "minimiser: it falls towards 0 as the weights grow without bound, and "
                "the gradient fell below tol only because the weights are large. Their "
                "size is set by tol, not by the data. Set l2 > 0 for a unique optimum.",
                ConvergenceWarning,
                stacklevel=2,
            )
        return self

    def _fit_lbfgs(self, problem, theta):
        shape = theta.shape

        def objective(flat):
            value, grad = problem.value_and_grad(flat.reshape(shape))
            return value, grad.ravel()

        curve = []
        with _progress(self) as bar:

            def record(intermediate_result):
                curve.append(float(intermediate_result.fun))
                bar.update(1)
                bar.set_postfix_str(f"risk={curve[-1]:.6g}", refresh=False)

            result = scipy.optimize.minimize(
                objective,
                theta.ravel(),
                method="L-BFGS-B",
                jac=True,
                callback=record,
                options={
                    "maxiter": self.max_iter,
                    "gtol": self.tol,
                    # Stop on the gradient only, never on a stalled risk: near
                    # the optimum the risk changes by less than its rounding
                    # error while the gradient can still shrink tenfold.
                    "ftol": 0.0,
                    "maxcor": 20,
                    "maxls": 50,
                },
            )
        # Judge convergence on the gradient at the point returned, whatever
        # scipy's reason for stopping was.
        grad_max = float(np.max(np.abs(result.jac)))
        return result.x.reshape(shape).copy(), int(result.nit), curve, grad_max

    def _fit_gd(self, problem, theta):
        if self.learning_rate == "auto":
            step = 1.0 / problem.curvature_bound()
        else:
            step = float(self.learning_rate)
        self.learning_rate_ = step
        full_batch = self.batch_size is None or self.batch_size >= problem.n_samples
        chunk = None if full_batch else max(self.batch_size, _CHUNK)
        rng = np.random.default_rng(self.random_state)

        value, grad = problem.value_and_grad(theta, chunk=chunk)
        limit = _DIVERGENCE_FACTOR * max(value, math.log(theta.shape[0]), 1.0)
        curve = []
        rose_at = None
        epoch = 0
        with _progress(self) as bar:
            for epoch in range(1, self.max_iter + 1):
                if _max_abs(grad) <= self.tol:
                    epoch -= 1
                    break
                if full_batch:
                    theta -= step * grad
                else:
                    self._mini_batch_epoch(problem, theta, step, rng)
                previous = value
                try:
                    value, grad = problem.value_and_grad(theta, chunk=chunk)
                except FloatingPointError:
                    raise self._divergence("non-finite scores") from None
                if not np.isfinite(value) or value > limit:
                    raise self._divergence(f"a risk of {value:.4g}")
                # Full batch with a sound step never raises the risk (beyond
                # rounding); mini-batch noise can, so only full batch is judged.
                if full_batch and rose_at is None and value > previous + 1e-12 * abs(previous):
                    rose_at = epoch
                    self._warn_risk_rose(epoch, previous, value, problem)
                curve.append(float(value))
                bar.update(1)
                bar.set_postfix_str(
                    f"risk={value:.6g} max|grad|={_max_abs(grad):.2e}", refresh=False
                )
        return theta, epoch, curve, _max_abs(grad)

    def _mini_batch_epoch(self, problem, theta, step, rng):
        order = rng.permutation(problem.n_samples)
        for start in range(0, problem.n_samples, self.batch_size):
            batch = problem.subset(order[start : start + self.batch_size])
            if batch is None:  # every weight in the batch is zero
                continue
            _, grad = batch.value_and_grad(theta)
            theta -= step * grad

    def _divergence(self, seen):
        return DivergenceError(
            f"Gradient descent diverged with learning_rate={self.learning_rate!r}: it "
            f"reached {seen}, far above the starting risk. Use learning_rate='auto' "
            "(the step 1/L, which cannot diverge), or a smaller learning_rate; "
            "standardising the features also helps."
        )

    def _warn_risk_rose(self, epoch, before, after, problem):
        if self.learning_rate == "auto":  # pragma: no cover - the descent lemma forbids it
            advice = "This should not happen with the step 1/L; please report it."
        else:
            advice = (
                f"The step learning_rate={self.learning_rate!r} is too large for this data "
                f"(the safe step 1/L is {1.0 / problem.curvature_bound():.4g}): use "
                "learning_rate='auto', or a smaller value."
            )
        warnings.warn(
            f"The risk rose at epoch {epoch} of gradient descent, from {before!r} to "
            f"{after!r} (by {after - before:.3g}). {advice}",
            ConvergenceWarning,
            stacklevel=4,
        )

    def _warn_not_converged(self, grad_max, n_iter):
        how = "iterations" if self.solver == "lbfgs" else "epochs"
        if n_iter >= self.max_iter:
            why = f"it stopped at max_iter={self.max_iter} {how}"
            advice = "Increase max_iter"
            if self.solver == "gd":
                advice += ", use solver='lbfgs' (much faster)"
            if self.l2 == 0:
                advice += ", or set l2 > 0 (with l2=0 separable classes have no optimum)"
            else:
                advice += ", or standardise the features"
        else:
            why = "the solver could not lower the risk any further in floating point"
            advice = "A tol this small may be below what float64 resolves here; use a larger tol"
        warnings.warn(
            f"SoftmaxRegression(solver={self.solver!r}) did not reach the optimum: {why}, "
            f"with the largest gradient entry at {grad_max:.3g} > tol={self.tol!r}. {advice}.",
            ConvergenceWarning,
            stacklevel=3,
        )

    # -- prediction ------------------------------------------------------------
    def _scores(self, X):
        check_is_fitted(self)
        X = validate_data(self, X, accept_sparse=["csr", "csc"], dtype=np.float64, reset=False)
        scores = X @ self.coef_.T
        return np.asarray(scores) + self.intercept_

    def decision_function(self, X):
        """The scores ``z = X @ coef_.T + intercept_``.

        Returns
        -------
        scores : ndarray of shape (n_samples, n_classes), or (n_samples,) for two classes
            With two classes, the single column ``z_1 - z_0``: the logit of the
            second class, ``log(p_1 / p_0)``, as every scikit-learn binary
            classifier returns it (positive means ``classes_[1]``). The book's
            "two classes: logistic regression" result, chapter 2.
        """
        scores = self._scores(X)
        if scores.shape[1] == 2:
            return scores[:, 1] - scores[:, 0]
        return scores

    def predict_proba(self, X):
        """Class probabilities ``softmax(X @ coef_.T + intercept_)``.

        Returns
        -------
        proba : ndarray of shape (n_samples, n_classes)
            Rows sum to 1; columns follow ``classes_`` (two columns for two classes).
        """
        return softmax(self._scores(X), axis=-1)

    def predict_log_proba(self, X):
        """Log-probabilities from :func:`log_softmax` (not the log of ``predict_proba``).

        Returns
        -------
        log_proba : ndarray of shape (n_samples, n_classes)
        """
        return log_softmax(self._scores(X), axis=-1)

    def predict(self, X):
        """The most probable class, ``classes_[argmax(predict_proba(X))]``.

        Returns
        -------
        labels : ndarray of shape (n_samples,)
            Values from ``classes_``; ties go to the first class.
        """
        # argmax of the scores is the argmax of the probabilities (softmax is
        # monotone), without computing exp. Scores first: they check fitting.
        scores = self._scores(X)
        return self.classes_[np.argmax(scores, axis=1)]


class _Problem:
    """The training objective R_lambda on fixed data: its value and gradient.

    The parameters are one matrix ``theta = [coef | intercept]`` of shape
    (C, D + 1), or (C, D) without an intercept. Scores are kept transposed,
    classes by samples (C, N): the softmax then reduces over C contiguous rows
    of length N, several times faster than over N rows of length C when C is
    small. Dense data is used transposed too, with a row of ones appended for
    the intercept, (D + 1, N): ``theta @ X_t`` is then a single product, and it
    runs about twice as fast on a contiguous X_t as on the view ``X.T``. The
    price is one copy of X, made on first use (only full-batch training uses
    it; mini-batches copy one batch at a time).
    """

    def __init__(self, X, labels, weights, l2, fit_intercept, scale=None):
        self.sparse = scipy.sparse.issparse(X)
        self.X = X
        self.labels = labels
        self.n_samples, self.n_features = X.shape
        # weights: non-negative and summing to 1 over the training set, or None
        # for all equal to `scale` (1/N for the whole set; 1/N_total for a chunk).
        self.weights = weights
        self.scale = 1.0 / self.n_samples if scale is None else scale
        self.l2 = l2
        self.fit_intercept = fit_intercept
        self._X_t = None
        self._true_flat = None

    @property
    def X_t(self):
        """X transposed, (D, N), with a last row of ones if fitting an intercept."""
        if self._X_t is None:
            rows = self.n_features + (1 if self.fit_intercept else 0)
            X_t = np.empty((rows, self.n_samples))
            X_t[: self.n_features] = self.X.T
            if self.fit_intercept:
                X_t[self.n_features] = 1.0
            self._X_t = X_t
        return self._X_t

    @property
    def true_flat(self):
        """Positions of the true-class scores in the flattened (C, N) scores."""
        if self._true_flat is None:
            self._true_flat = self.labels * self.n_samples + np.arange(self.n_samples)
        return self._true_flat

    def subset(self, idx):
        """The objective of one mini-batch (its weights renormalised to sum 1)."""
        if self.weights is None:
            return _Problem(self.X[idx], self.labels[idx], None, self.l2, self.fit_intercept)
        w = self.weights[idx]
        total = w.sum()
        if total <= 0:
            return None
        return _Problem(self.X[idx], self.labels[idx], w / total, self.l2, self.fit_intercept)

    def value_and_grad(self, theta, chunk=None):
        """R_lambda and its gradient in theta, from one forward pass.

        With ``chunk``, the data term is accumulated over chunks of that many
        samples, so that no (C, N) array and no copy of X is formed.
        """
        if chunk is None or chunk >= self.n_samples:
            value, grad = self._data_term(theta)
        else:
            value, grad = 0.0, np.zeros_like(theta)
            for start in range(0, self.n_samples, chunk):
                idx = slice(start, start + chunk)
                weights = None if self.weights is None else self.weights[idx]
                part = _Problem(
                    self.X[idx], self.labels[idx], weights, 0.0, self.fit_intercept, self.scale
                )
                v, g = part._data_term(theta)
                value += v
                grad += g
        if self.l2:
            coef = theta[:, : self.n_features]  # the intercept is not penalised
            value += 0.5 * self.l2 * float(np.vdot(coef, coef))
            grad[:, : self.n_features] += self.l2 * coef
        return value, grad

    def _data_term(self, theta):
        d = self.n_features
        if self.sparse:
            scores_t = np.ascontiguousarray((self.X @ theta[:, :d].T).T)
            if self.fit_intercept:
                scores_t += theta[:, d : d + 1]
        else:
            scores_t = theta @ self.X_t
        true_flat = self.true_flat
        flat = scores_t.reshape(-1)  # a view: scores_t is contiguous
        true_scores = flat[true_flat]
        try:
            lse = softmax_columns_inplace(scores_t, "the scores X @ coef_.T + intercept_")
        except ValueError:
            raise FloatingPointError("non-finite scores") from None
        flat[true_flat] -= 1.0  # scores_t now holds y_hat - y, transposed
        residual_t = scores_t
        if self.weights is None:
            # Every weight is the same: scale the small results, not the residual.
            # One sum of the differences: summing lse and the true scores apart
            # and subtracting would cancel digits near the optimum.
            value = np.sum(lse - true_scores) * self.scale
        else:
            value = float(np.dot(self.weights, lse - true_scores))
            residual_t *= self.weights
        grad = np.empty_like(theta)
        if self.sparse:
            grad[:, :d] = (self.X.T @ residual_t.T).T
        else:
            np.matmul(residual_t, self.X, out=grad[:, :d])
        if self.fit_intercept:
            residual_t.sum(axis=1, out=grad[:, d])
        if self.weights is None:
            grad *= self.scale
        return float(value), grad

    def curvature_bound(self):
        """L = lambda_max(X~^T S X~) / 2 + l2, X~ = [X, 1] if fitting an intercept.

        S holds the weights, summing to 1. See curvature.curvature_bound.
        """
        weights = self.weights
        if weights is None:
            weights = np.broadcast_to(self.scale, (self.n_samples,))  # no N-sized copy
        top = _largest_weighted_gram_eigenvalue(self.X, weights, self.fit_intercept)
        return 0.5 * top + self.l2


def _largest_weighted_gram_eigenvalue(X, weights, with_ones):
    """lambda_max([X, 1]^T diag(w) [X, 1]), dense or sparse, without forming [X, 1]."""
    n_features = X.shape[1]
    if not scipy.sparse.issparse(X) and n_features < 1000:
        # Accumulated over chunks of rows, so that memory stays O(chunk * D)
        # rather than a weighted copy of X.
        size = n_features + (1 if with_ones else 0)
        gram = np.zeros((size, size))
        for start in range(0, X.shape[0], _CHUNK):
            part = X[start : start + _CHUNK]
            w = weights[start : start + _CHUNK, None]
            if with_ones:
                part = np.hstack([part, np.ones((part.shape[0], 1))])
            gram += part.T @ (part * w)
        return float(np.linalg.eigvalsh(gram)[-1])

    size = n_features + (1 if with_ones else 0)

    def matvec(v):
        v = np.ravel(v)
        Xv = X @ v[:n_features]
        if with_ones:
            Xv = Xv + v[n_features]
        Xv = np.asarray(Xv).ravel() * weights
        out = np.asarray(X.T @ Xv).ravel()
        return np.concatenate([out, [Xv.sum()]]) if with_ones else out

    op = scipy.sparse.linalg.LinearOperator((size, size), matvec=matvec, dtype=np.float64)
    return float(scipy.sparse.linalg.eigsh(op, k=1, which="LA", return_eigenvectors=False)[0])


def _blas_threads_for(work):
    """One BLAS thread for small problems, the default otherwise.

    On matrices this small (the digits: 1347 x 64 x 10) the cost of waking
    and synchronising BLAS threads exceeds the work, and on a busy machine
    spinning threads slow each iteration down many times over.
    """
    if work < _SMALL_PROBLEM:
        return _threadpools().limit(limits=1, user_api="blas")
    return contextlib.nullcontext()


@functools.cache
def _threadpools():
    # Finding the loaded BLAS libraries reads /proc/self/maps: about 5 ms, as
    # much as a whole fit of the digits. Done once, then each limit is cheap.
    return ThreadpoolController()


def _separates(problem, coef, intercept):
    """Whether every sample's true class has the strictly largest score."""
    scores = np.asarray(problem.X @ coef.T) + intercept
    rows = np.arange(problem.n_samples)
    true = scores[rows, problem.labels].copy()
    scores[rows, problem.labels] = -np.inf
    return bool(np.all(true > scores.max(axis=1)))


def _max_abs(grad):
    return float(np.max(np.abs(grad)))


class _progress:
    """A tqdm progress bar on stderr when verbose, a no-op otherwise.

    tqdm is imported only when a bar is wanted, and its plain text bar is used
    (``tqdm.std``): ``tqdm.auto`` would warn in every notebook without
    ipywidgets, even when nothing is shown.
    """

    def __init__(self, estimator):
        if estimator.verbose:
            from tqdm.std import tqdm

            self.bar = tqdm(
                total=estimator.max_iter,
                desc=f"SoftmaxRegression({estimator.solver})",
                unit="it" if estimator.solver == "lbfgs" else "epoch",
                file=sys.stderr,
                leave=True,
            )
        else:
            self.bar = _NoBar()

    def __enter__(self):
        return self.bar

    def __exit__(self, *exc):
        self.bar.close()
        return False


class _NoBar:
    def update(self, n):
        pass

    def set_postfix_str(self, text, refresh=True):
        pass

    def close(self):
        pass
