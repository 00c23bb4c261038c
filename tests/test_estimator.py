"""SoftmaxRegression: the estimator contract, its solvers, and honest convergence.

The scikit-learn tools that use it (pipelines, searches, calibration, ...) are
tested in test_sklearn_integration.py.
"""

import copy
import pickle
import subprocess
import sys
import warnings

import numpy as np
import pytest
import scipy.sparse
import sklearn.exceptions
from sklearn.base import clone, is_classifier
from sklearn.datasets import load_digits, load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from sklearn.utils.estimator_checks import parametrize_with_checks

from softmax_tutorial import (
    ConvergenceWarning,
    DivergenceError,
    NotFittedError,
    SoftmaxRegression,
    add_bias_feature,
    curvature_bound,
    log_softmax,
    make_toy_data,
    risk,
    risk_gradient,
    softmax,
)


@pytest.fixture(scope="module")
def toy():
    return make_toy_data(n_per_class=40, random_state=0)


@pytest.fixture(scope="module")
def fitted(toy):
    X, y = toy
    return SoftmaxRegression().fit(X, y)


def _digits_split():
    X, y = load_digits(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.25, random_state=0, stratify=y
    )
    scaler = StandardScaler().fit(X_train)
    return scaler.transform(X_train), scaler.transform(X_test), y_train, y_test


# --- scikit-learn's own checks ----------------------------------------------------------------


@parametrize_with_checks([SoftmaxRegression()])
def test_scikit_learn_check_estimator(estimator, check):
    # Every check of sklearn.utils.estimator_checks.check_estimator, none expected to fail.
    check(estimator)


def test_is_a_classifier_with_the_base_classes():
    from sklearn.base import BaseEstimator, ClassifierMixin

    model = SoftmaxRegression()
    assert is_classifier(model)
    assert isinstance(model, BaseEstimator) and isinstance(model, ClassifierMixin)
    assert model.__sklearn_tags__().input_tags.sparse


def test_init_stores_its_arguments_unchanged():
    rng = np.random.default_rng(0)
    params = {
        "l2": 0.5,
        "solver": "gd",
        "learning_rate": 0.25,
        "batch_size": 16,
        "max_iter": 77,
        "tol": 1e-6,
        "fit_intercept": False,
        "warm_start": True,
        "random_state": rng,
        "verbose": True,
    }
    model = SoftmaxRegression(**params)
    got = model.get_params()
    assert set(got) == set(params)
    for name, value in params.items():
        assert got[name] is value, name


def test_repr_and_clone_come_from_base_estimator(fitted):
    assert repr(SoftmaxRegression(l2=0.1, solver="gd")) == "SoftmaxRegression(l2=0.1, solver='gd')"
    copy = clone(fitted)
    assert copy.get_params() == fitted.get_params()
    assert not hasattr(copy, "coef_")


def test_sklearn_is_imported_only_by_the_estimator():
    # The numerical core is numpy-only; scikit-learn and scipy load on first use
    # of the estimator, matplotlib only with the plotting module.
    code = (
        "import sys, softmax_tutorial as st\n"
        "import numpy as np\n"
        "st.softmax([1.0, 2.0]); st.risk(np.zeros((2, 2)), np.eye(2), [0, 1])\n"
        "bad = [m for m in ('sklearn', 'scipy', 'matplotlib') if m in sys.modules]\n"
        "assert not bad, bad\n"
        "st.SoftmaxRegression\n"
        "assert 'sklearn' in sys.modules and 'matplotlib' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_errors_and_warnings_are_scikit_learns():
    assert NotFittedError is sklearn.exceptions.NotFittedError
    assert ConvergenceWarning is sklearn.exceptions.ConvergenceWarning
    assert issubclass(DivergenceError, ValueError)
    # The usual except clause catches the library's not-fitted error ...
    with pytest.raises(sklearn.exceptions.NotFittedError, match="not fitted yet"):
        SoftmaxRegression().predict(np.zeros((2, 2)))
    # ... and the usual filter silences its convergence warning.
    X, y = make_toy_data(n_per_class=10, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.filterwarnings("ignore", category=sklearn.exceptions.ConvergenceWarning)
        model = SoftmaxRegression(max_iter=2).fit(X, y)
    assert not model.converged_


# --- fitted attributes and predictions ---------------------------------------------------------


def test_fitted_attributes(fitted, toy):
    X, y = toy
    assert fitted.coef_.shape == (3, 2)  # scikit-learn's (n_classes, n_features)
    assert fitted.intercept_.shape == (3,)
    np.testing.assert_array_equal(fitted.classes_, [0, 1, 2])
    assert fitted.n_features_in_ == 2
    assert fitted.converged_
    assert 1 <= fitted.n_iter_ == len(fitted.loss_curve_)
    # The last recorded value is the penalised risk at the returned weights.
    W = np.r_[fitted.coef_.T, fitted.intercept_[None, :]]
    penalty = 0.5 * fitted.l2 * np.sum(fitted.coef_**2)
    expected = risk(W, add_bias_feature(X), y) + penalty
    np.testing.assert_allclose(fitted.loss_curve_[-1], expected, rtol=1e-12)
    assert not hasattr(fitted, "feature_names_in_")


def test_the_books_W_is_coef_transposed(fitted, toy):
    X, _ = toy
    W = fitted.coef_.T  # (D, C): one column w_c per class, as in the book
    np.testing.assert_allclose(
        fitted.predict_proba(X), softmax(X @ W + fitted.intercept_), rtol=1e-12
    )


def test_predictions_are_consistent(fitted, toy):
    X, _ = toy
    scores = fitted.decision_function(X)
    np.testing.assert_allclose(scores, X @ fitted.coef_.T + fitted.intercept_, rtol=1e-12)
    proba = fitted.predict_proba(X)
    np.testing.assert_allclose(proba, softmax(scores), rtol=1e-12)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-12)
    np.testing.assert_allclose(fitted.predict_log_proba(X), log_softmax(scores), rtol=1e-12)
    np.testing.assert_array_equal(fitted.predict(X), fitted.classes_[proba.argmax(axis=1)])


def test_predict_log_proba_is_finite_where_proba_underflows(fitted):
    far = np.array([[0.0, 500.0]])  # deep in class 0's region: others underflow to 0
    assert fitted.predict_proba(far).min() == 0.0
    assert np.isfinite(fitted.predict_log_proba(far)).all()


def test_binary_decision_function_is_the_logit_of_the_second_class():
    X, y = make_toy_data(n_per_class=30, n_classes=2, random_state=1)
    model = SoftmaxRegression().fit(X, np.where(y == 1, "yes", "no"))
    np.testing.assert_array_equal(model.classes_, ["no", "yes"])
    assert model.coef_.shape == (2, 2)  # both rows of the softmax are kept
    d = model.decision_function(X)
    assert d.shape == (60,)
    p = model.predict_proba(X)
    assert p.shape == (60, 2)
    np.testing.assert_allclose(d, np.log(p[:, 1] / p[:, 0]), rtol=1e-9, atol=1e-12)
    np.testing.assert_array_equal(model.predict(X), np.where(d > 0, "yes", "no"))
    # With l2 > 0 the optimum has w_0 + w_1 = 0: the softmax's redundancy removed.
    np.testing.assert_allclose(model.coef_.sum(axis=0), 0.0, atol=1e-6)


@pytest.mark.parametrize(
    "codes", [np.array([7, 3, 5]), np.array(["setosa", "versicolor", "virginica"])]
)
def test_labels_of_any_sortable_type(toy, codes):
    X, y = toy
    model = SoftmaxRegression().fit(X, codes[y])
    np.testing.assert_array_equal(model.classes_, np.sort(codes))
    reference = SoftmaxRegression().fit(X, y)
    order = np.argsort(codes)
    np.testing.assert_allclose(model.coef_, reference.coef_[order], rtol=1e-6, atol=1e-9)
    np.testing.assert_array_equal(model.predict(X), codes[reference.predict(X)])


def test_fit_does_not_modify_its_inputs(toy):
    X, y = toy
    X_in, y_in = X.copy(), y.copy()
    weights = np.ones(len(y))
    with pytest.warns(ConvergenceWarning):
        SoftmaxRegression(solver="gd", max_iter=5, tol=0.0).fit(X_in, y_in, sample_weight=weights)
    np.testing.assert_array_equal(X_in, X)
    np.testing.assert_array_equal(y_in, y)
    np.testing.assert_array_equal(weights, 1.0)


def test_float32_lists_and_fortran_arrays_give_the_same_model(toy, fitted):
    X, y = toy
    for X_in in (X.astype(np.float32), X.tolist(), np.asfortranarray(X)):
        model = SoftmaxRegression().fit(X_in, list(y))
        np.testing.assert_allclose(model.coef_, fitted.coef_, rtol=1e-4, atol=1e-5)


def test_pickle_round_trip(fitted, toy):
    X, _ = toy
    again = pickle.loads(pickle.dumps(fitted))
    np.testing.assert_array_equal(again.predict_proba(X), fitted.predict_proba(X))


def test_sparse_input_trains_the_same_model(toy, fitted):
    X, y = toy
    for fmt in (scipy.sparse.csr_matrix, scipy.sparse.csc_matrix, scipy.sparse.csr_array):
        model = SoftmaxRegression().fit(fmt(X), y)
        np.testing.assert_allclose(model.coef_, fitted.coef_, rtol=1e-7, atol=1e-9)
        np.testing.assert_allclose(model.predict_proba(fmt(X)), fitted.predict_proba(X), atol=1e-9)
    gd = SoftmaxRegression(solver="gd", max_iter=50, tol=0.0)
    with pytest.warns(ConvergenceWarning):
        dense = clone(gd).fit(X, y)
    with pytest.warns(ConvergenceWarning):
        sparse = clone(gd).fit(scipy.sparse.csr_matrix(X), y)
    np.testing.assert_allclose(sparse.coef_, dense.coef_, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(sparse.learning_rate_, dense.learning_rate_, rtol=1e-8)


# --- convergence means the optimum ------------------------------------------------------------


def _optimum(X, y, **params):
    """A reference fit run far beyond the default tolerance."""
    return SoftmaxRegression(tol=1e-8, max_iter=20_000, **params).fit(X, y)


def test_default_fit_is_at_its_objectives_optimum_on_digits():
    # The case: the old estimator stopped at risk 0.126 with the optimum at
    # 0.0697 and probabilities 0.60 away. The default now stops on the gradient.
    X_train, X_test, y_train, _ = _digits_split()
    model = SoftmaxRegression().fit(X_train, y_train)
    best = _optimum(X_train, y_train)
    assert model.converged_
    assert abs(model.loss_curve_[-1] - best.loss_curve_[-1]) < 1e-8
    gap = np.abs(model.predict_proba(X_test) - best.predict_proba(X_test)).max()
    assert gap < 1e-4


def test_converged_means_a_small_gradient(toy):
    X, y = toy
    model = SoftmaxRegression(tol=1e-6).fit(X, y)
    # The gradient of the penalised risk, computed independently with the book's formula.
    W = np.r_[model.coef_.T, model.intercept_[None, :]]
    grad = risk_gradient(W, add_bias_feature(X), y)
    grad[:-1] += model.l2 * model.coef_.T  # the intercept row is not penalised
    assert model.converged_ and np.abs(grad).max() <= 1e-6
    loose = SoftmaxRegression(tol=1e-2).fit(X, y)
    W = np.r_[loose.coef_.T, loose.intercept_[None, :]]
    grad = risk_gradient(W, add_bias_feature(X), y)
    grad[:-1] += loose.l2 * loose.coef_.T
    assert np.abs(grad).max() <= 1e-2


@pytest.mark.parametrize("solver", ["lbfgs", "gd"])
def test_both_solvers_reach_the_same_optimum(toy, solver):
    X, y = toy
    model = SoftmaxRegression(solver=solver, tol=1e-7, max_iter=20_000).fit(X, y)
    best = _optimum(X, y)
    assert model.converged_
    np.testing.assert_allclose(model.predict_proba(X), best.predict_proba(X), atol=1e-5)


def test_no_minimiser_without_penalty_on_separable_data():
    # Well-separated clouds: with l2=0 the risk keeps falling as |W| grows, and its
    # gradient vanishes on the way, so a small gradient is no proof of an optimum.
    X, y = make_toy_data(n_per_class=20, spread=0.3, random_state=0)
    with pytest.warns(ConvergenceWarning, match="separable.*no minimiser.*l2 > 0"):
        model = SoftmaxRegression(l2=0.0).fit(X, y)
    assert not model.converged_
    # The witness: the fitted weights classify every training sample correctly.
    assert model.score(X, y) == 1.0
    # Overlapping classes have a minimiser at l2=0, and reach it.
    X, y = make_toy_data(n_per_class=40, spread=1.5, random_state=0)
    assert SoftmaxRegression(l2=0.0).fit(X, y).converged_
    # With the default penalty the same data has a unique optimum, reached.
    assert SoftmaxRegression().fit(X, y).converged_


def test_max_iter_gives_an_honest_warning(toy):
    X, y = toy
    with pytest.warns(ConvergenceWarning, match=r"max_iter=3 iterations.*largest gradient"):
        model = SoftmaxRegression(max_iter=3).fit(X, y)
    assert model.n_iter_ == 3 and not model.converged_


def test_an_unreachable_tolerance_is_reported_not_claimed():
    X_train, _, y_train, _ = _digits_split()
    with pytest.warns(ConvergenceWarning, match="floating point"):
        model = SoftmaxRegression(tol=1e-13).fit(X_train, y_train)
    assert not model.converged_


def test_matched_objective_agrees_with_logistic_regression():
    # scikit-learn minimises C * sum_n loss_n + ||W||^2 / 2; divided by C N this is the
    # mean loss + (l2 / 2) ||W||^2 with l2 = 1 / (C N), intercept unpenalised in both.
    for X, y, C in [
        (StandardScaler().fit_transform(load_iris(return_X_y=True)[0]), load_iris().target, 1.0),
        (*_digits_split()[0:3:2], 1.0),
    ]:
        ours = SoftmaxRegression(l2=1.0 / (C * len(y)), tol=1e-8).fit(X, y)
        theirs = LogisticRegression(C=C, tol=1e-10, max_iter=10_000).fit(X, y)
        np.testing.assert_allclose(ours.predict_proba(X), theirs.predict_proba(X), atol=1e-6)
        # With l2 > 0 both minimisers have classes summing to zero: the weights agree too.
        np.testing.assert_allclose(ours.coef_, theirs.coef_, atol=1e-4)


# --- gradient descent, the book's solver -------------------------------------------------------


def test_gd_is_the_books_update(toy):
    # W <- W - alpha * dR/dW on add_bias_feature(X), the loop of chapter 6. With l2=0 the
    # unpenalised intercept makes no difference, so the two must agree step for step.
    X, y = toy
    alpha, steps = 0.5, 25
    Xb = add_bias_feature(X)
    W = np.zeros((3, 3))
    for _ in range(steps):
        W = W - alpha * risk_gradient(W, Xb, y)
    with pytest.warns(ConvergenceWarning):
        model = SoftmaxRegression(
            solver="gd", learning_rate=alpha, l2=0.0, max_iter=steps, tol=0.0
        ).fit(X, y)
    np.testing.assert_allclose(model.coef_, W[:2].T, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(model.intercept_, W[2], rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(model.loss_curve_[-1], risk(W, Xb, y), rtol=1e-12)


def test_auto_step_is_one_over_the_curvature_bound(toy):
    X, y = toy
    for l2 in (0.0, 0.01):
        model = SoftmaxRegression(solver="gd", l2=l2, max_iter=1, tol=0.0)
        with pytest.warns(ConvergenceWarning):
            model.fit(X, y)
        expected = 1.0 / curvature_bound(add_bias_feature(X), l2=l2)
        np.testing.assert_allclose(model.learning_rate_, expected, rtol=1e-10)
    no_bias = SoftmaxRegression(solver="gd", fit_intercept=False, max_iter=1, tol=0.0)
    with pytest.warns(ConvergenceWarning):
        no_bias.fit(X, y)
    np.testing.assert_allclose(
        no_bias.learning_rate_, 1.0 / curvature_bound(X, no_bias.l2), rtol=1e-10
    )


@pytest.mark.parametrize("data", ["iris", "digits"])
def test_auto_step_lowers_the_risk_at_every_epoch_on_unscaled_data(data):
    X, y = (load_iris if data == "iris" else load_digits)(return_X_y=True)
    with pytest.warns(ConvergenceWarning, match="max_iter"):  # unscaled: slow, never wrong
        model = SoftmaxRegression(solver="gd", max_iter=300).fit(X, y)
    curve = np.array(model.loss_curve_)
    assert len(curve) == 300
    # Monotone up to rounding: the descent lemma with the step 1/L.
    assert np.all(np.diff(curve) <= 1e-13 * curve[:-1])
    assert curve[-1] < 0.5 * np.log(len(np.unique(y)))


def test_a_step_that_raises_the_risk_is_never_convergence():
    # The case: unscaled iris with learning_rate=0.3 rose 1.19, 2.88, 2.17, 4.82 ...
    # and was reported converged after 6 epochs with accuracy 0.33.
    X, y = load_iris(return_X_y=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            model = SoftmaxRegression(solver="gd", learning_rate=0.3, max_iter=200).fit(X, y)
        except DivergenceError as exc:
            assert "learning_rate=0.3" in str(exc) and "'auto'" in str(exc)
            model = None
    messages = [str(w.message) for w in caught if issubclass(w.category, ConvergenceWarning)]
    assert any("rose" in m and "learning_rate=0.3" in m and "'auto'" in m for m in messages)
    assert model is None or not model.converged_


def test_a_constant_feature_with_a_large_step_is_caught():
    # The second case: standardised features plus a constant 5 (its curvature is
    # 25 / 2 per class, so a step of 1 overshoots), reported converged at 2.97 from 0.54.
    X, y = load_iris(return_X_y=True)
    X = np.c_[StandardScaler().fit_transform(X), np.full(len(y), 5.0)]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            model = SoftmaxRegression(solver="gd", learning_rate=1.0, max_iter=100).fit(X, y)
            assert not model.converged_
        except DivergenceError:
            pass
    assert any("rose" in str(w.message) for w in caught)
    # The constant feature is collinear with the intercept, so the problem is badly
    # conditioned and gradient descent is slow; but with the step 1/L the risk only falls.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        auto = SoftmaxRegression(solver="gd", max_iter=500).fit(X, y)
    assert not any("rose" in str(w.message) for w in caught)
    assert np.all(np.diff(auto.loss_curve_) <= 1e-13 * np.array(auto.loss_curve_[:-1]))


class _Watched(SoftmaxRegression):
    """Records whether the weights stayed finite at every step of a mini-batch epoch."""

    def _mini_batch_epoch(self, problem, theta, step, rng):
        super()._mini_batch_epoch(problem, theta, step, rng)
        self.finite_ = getattr(self, "finite_", []) + [bool(np.isfinite(theta).all())]


@pytest.mark.parametrize("learning_rate", [1e4, 1e8])
@pytest.mark.parametrize("batch_size", [None, 64])
def test_huge_step_raises_divergence_error_before_any_nan(learning_rate, batch_size):
    X, y = load_digits(return_X_y=True)  # unscaled pixels 0..16
    model = _Watched(solver="gd", learning_rate=learning_rate, batch_size=batch_size)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # the risk rises first
        with pytest.raises(DivergenceError, match=f"learning_rate={learning_rate!r}") as info:
            model.fit(X, y)
    assert "learning_rate='auto'" in str(info.value)
    assert all(getattr(model, "finite_", [True]))
    assert not hasattr(model, "coef_")  # nothing half-trained is stored


def test_mini_batches_are_reproducible_and_reach_near_the_optimum(toy):
    X, y = toy
    params = {"solver": "gd", "batch_size": 16, "max_iter": 60}
    with pytest.warns(ConvergenceWarning):  # mini-batch noise: the tight tol is not met
        a = SoftmaxRegression(random_state=3, **params).fit(X, y)
    with pytest.warns(ConvergenceWarning):
        b = SoftmaxRegression(random_state=3, **params).fit(X, y)
    with pytest.warns(ConvergenceWarning):
        c = SoftmaxRegression(random_state=np.random.default_rng(4), **params).fit(X, y)
    np.testing.assert_array_equal(a.coef_, b.coef_)
    assert np.abs(a.coef_ - c.coef_).max() > 1e-6
    best = _optimum(X, y)
    # Constant-step mini-batch steps hover around the optimum, within the noise.
    assert np.abs(a.predict_proba(X) - best.predict_proba(X)).max() < 0.1
    # The curve is the full-data risk, exact: the last value is the risk at coef_.
    W = np.r_[a.coef_.T, a.intercept_[None, :]]
    exact = risk(W, add_bias_feature(X), y) + 0.5 * a.l2 * np.sum(a.coef_**2)
    np.testing.assert_allclose(a.loss_curve_[-1], exact, rtol=1e-12)


def test_a_batch_as_large_as_the_data_is_full_batch(toy):
    X, y = toy
    full = SoftmaxRegression(solver="gd", max_iter=20, tol=0.0)
    with pytest.warns(ConvergenceWarning):
        a = clone(full).fit(X, y)
    with pytest.warns(ConvergenceWarning):
        b = clone(full).set_params(batch_size=len(y)).fit(X, y)
    np.testing.assert_array_equal(a.coef_, b.coef_)


def test_warm_start_continues_from_the_previous_fit(toy):
    X, y = toy
    model = SoftmaxRegression(warm_start=True, l2=0.1, tol=1e-8).fit(X, y)
    first = model.n_iter_
    model.set_params(l2=0.05).fit(X, y)
    cold = SoftmaxRegression(l2=0.05, tol=1e-8).fit(X, y)
    np.testing.assert_allclose(model.predict_proba(X), cold.predict_proba(X), atol=1e-6)
    assert model.n_iter_ < cold.n_iter_ and first > 0
    # Without warm_start every fit starts from zero: refitting gives the same iterations.
    again = SoftmaxRegression(l2=0.05, tol=1e-8).fit(X, y)
    assert again.n_iter_ == cold.n_iter_


# --- sample weights ------------------------------------------------------------------------------


def test_integer_weights_act_like_repeated_samples(toy):
    X, y = toy
    counts = np.arange(len(y)) % 3  # 0, 1 or 2 copies of each sample
    weighted = SoftmaxRegression(tol=1e-9).fit(X, y, sample_weight=counts)
    repeated = SoftmaxRegression(tol=1e-9).fit(np.repeat(X, counts, 0), np.repeat(y, counts))
    np.testing.assert_allclose(weighted.coef_, repeated.coef_, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(weighted.intercept_, repeated.intercept_, rtol=1e-6, atol=1e-8)


def test_the_weighted_gradient_vanishes_at_the_weighted_optimum(toy):
    X, y = toy
    s = np.random.default_rng(0).uniform(0.1, 3.0, len(y))
    model = SoftmaxRegression(tol=1e-9).fit(X, y, sample_weight=s)
    P = model.predict_proba(X)
    Y = np.eye(3)[y]
    # Chapter 6's gradient with each sample's term weighted by s_n (independently of the
    # library's training code).
    grad_coef = ((P - Y) * s[:, None]).T @ X / s.sum() + model.l2 * model.coef_
    grad_b = ((P - Y) * s[:, None]).sum(axis=0) / s.sum()
    assert np.abs(grad_coef).max() < 1e-8 and np.abs(grad_b).max() < 1e-8
    unweighted = SoftmaxRegression().fit(X, y)
    assert np.abs(unweighted.coef_ - model.coef_).max() > 1e-3


@pytest.mark.parametrize(
    ("weights", "match"),
    [
        (-np.ones(120), "Negative values in data passed to `sample_weight`"),
        (np.zeros(120), "at least one non-zero"),
        (np.ones(7), r"sample_weight.shape == \(7,\), expected \(120,\)"),
    ],
)
def test_bad_sample_weights(toy, weights, match):
    X, y = toy
    with pytest.raises(ValueError, match=match):
        SoftmaxRegression().fit(X, y, sample_weight=weights)


# --- progress display -----------------------------------------------------------------------------


def test_verbose_shows_a_tqdm_progress_bar_on_stderr(toy, capsys):
    X, y = toy
    SoftmaxRegression(verbose=True).fit(X, y)
    err = capsys.readouterr().err
    assert "SoftmaxRegression(lbfgs)" in err and "risk=" in err
    SoftmaxRegression(solver="gd", verbose=True, max_iter=50_000).fit(X, y)
    err = capsys.readouterr().err
    assert "SoftmaxRegression(gd)" in err and "epoch" in err


def test_silent_by_default(toy, capsys):
    X, y = toy
    SoftmaxRegression().fit(X, y)
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


# --- parameters that do not fit the solver --------------------------------------------------------


@pytest.mark.parametrize("params", [{"learning_rate": 0.5}, {"batch_size": 32}])
def test_gd_only_parameters_with_lbfgs_are_an_error_not_ignored(toy, params):
    X, y = toy
    with pytest.raises(ValueError, match="used only by solver='gd'"):
        SoftmaxRegression(**params).fit(X, y)


@pytest.mark.parametrize("solver", ["lbfgs", "gd"])
def test_the_returned_optimum_has_intercepts_and_classes_summing_to_zero(toy, solver):
    # The intercepts are unpenalised, so a common shift of them is a flat direction; the
    # solvers start at zero and every step's intercept gradient sums to zero over the
    # classes, so they return the optimum with intercept_.sum() == 0. With l2 > 0 the
    # weights also satisfy W1 = 0 (the w_c add up to the zero vector).
    X, y = toy
    model = SoftmaxRegression(solver=solver, max_iter=20_000).fit(X, y)
    np.testing.assert_allclose(model.intercept_.sum(), 0.0, atol=1e-12)
    np.testing.assert_allclose(model.coef_.sum(axis=0), 0.0, atol=1e-6)
    shifted = copy.deepcopy(model)
    shifted.intercept_ = shifted.intercept_ + 3.0
    np.testing.assert_allclose(shifted.predict_proba(X), model.predict_proba(X), rtol=1e-12)


def test_two_classes_match_logistic_regression_at_twice_the_penalty():
    # scikit-learn fits one vector w = w_2 - w_1 for two classes; ours keeps both, with
    # w_1 = -w_2 at the optimum, so ||W||_F^2 = ||w||^2 / 2 and the objectives agree at
    # l2 = 2 / (C N), not 1 / (C N) as for three or more classes.
    from sklearn.datasets import load_breast_cancer

    X, y = load_breast_cancer(return_X_y=True)
    X = StandardScaler().fit_transform(X)
    theirs = LogisticRegression(C=1.0, solver="newton-cg", tol=1e-12).fit(X, y)
    matched = SoftmaxRegression(l2=2.0 / len(y), tol=1e-9).fit(X, y)
    np.testing.assert_allclose(matched.predict_proba(X), theirs.predict_proba(X), atol=1e-6)
    np.testing.assert_allclose(matched.coef_[1] - matched.coef_[0], theirs.coef_[0], atol=1e-5)
    halved = SoftmaxRegression(l2=1.0 / len(y), tol=1e-9).fit(X, y)
    assert np.abs(halved.predict_proba(X) - theirs.predict_proba(X)).max() > 1e-2
