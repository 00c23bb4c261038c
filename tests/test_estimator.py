"""SoftmaxRegression: the scikit-learn estimator contract, training, and a cross-check
against scikit-learn's LogisticRegression."""

import numpy as np
import pytest
import scipy.special as sp
from sklearn.base import clone
from sklearn.datasets import load_digits, load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, log_loss
from sklearn.preprocessing import StandardScaler

from softmax_tutorial import (
    ConvergenceWarning,
    DivergenceError,
    NotFittedError,
    SoftmaxRegression,
    make_toy_data,
)


@pytest.fixture(scope="module")
def toy():
    return make_toy_data(n_per_class=40, random_state=0)


@pytest.fixture(scope="module")
def fitted(toy):
    X, y = toy
    return SoftmaxRegression().fit(X, y)


# --- the estimator contract -------------------------------------------------------------------


def test_init_stores_its_arguments_unchanged():
    rng = np.random.default_rng(0)
    params = {
        "learning_rate": 0.5,
        "max_iter": 77,
        "batch_size": 16,
        "l2": 1e-3,
        "fit_intercept": False,
        "tol": 1e-6,
        "n_iter_no_change": 3,
        "random_state": rng,
        "verbose": True,
    }
    model = SoftmaxRegression(**params)
    got = model.get_params()
    assert set(got) == set(params)
    for name, value in params.items():
        assert got[name] is value, name
        assert getattr(model, name) is value, name


def test_init_does_not_validate():
    # Validation belongs to fit (scikit-learn's rule), so set_params/clone can pass anything.
    model = SoftmaxRegression(learning_rate="not a number", max_iter=-3)
    assert model.learning_rate == "not a number"
    assert model.max_iter == -3


def test_set_params_returns_self_and_sets(toy):
    model = SoftmaxRegression()
    assert model.set_params(l2=0.5, max_iter=10) is model
    assert model.get_params()["l2"] == 0.5
    assert model.max_iter == 10


def test_repr_shows_changed_parameters():
    assert repr(SoftmaxRegression()) == "SoftmaxRegression()"
    assert repr(SoftmaxRegression(l2=0.1)) == "SoftmaxRegression(l2=0.1)"


def test_fit_returns_self(toy):
    X, y = toy
    model = SoftmaxRegression()
    assert model.fit(X, y) is model


def test_fitted_attributes(fitted, toy):
    X, y = toy
    assert fitted.coef_.shape == (2, 3)
    assert fitted.intercept_.shape == (3,)
    np.testing.assert_array_equal(fitted.classes_, [0, 1, 2])
    assert fitted.n_features_in_ == 2
    assert isinstance(fitted.n_iter_, int)
    assert 1 <= fitted.n_iter_ <= fitted.max_iter
    assert len(fitted.loss_curve_) == fitted.n_iter_
    assert all(isinstance(v, float) for v in fitted.loss_curve_)
    assert np.isfinite(fitted.coef_).all() and np.isfinite(fitted.intercept_).all()
    assert fitted.score(X, y) > 0.9


def test_clone_gives_an_unfitted_copy_with_the_same_parameters(fitted):
    model = SoftmaxRegression(l2=0.01, batch_size=8, random_state=3)
    copy = clone(model)
    assert copy is not model
    assert copy.get_params() == model.get_params()
    unfitted = clone(fitted)
    assert not hasattr(unfitted, "coef_")
    assert unfitted.get_params() == fitted.get_params()


def test_predict_proba_is_the_softmax_of_the_decision_function(fitted, toy):
    X, _ = toy
    scores = fitted.decision_function(X)
    np.testing.assert_allclose(scores, X @ fitted.coef_ + fitted.intercept_, rtol=1e-14, atol=1e-14)
    proba = fitted.predict_proba(X)
    assert proba.shape == (X.shape[0], 3)
    np.testing.assert_allclose(proba, sp.softmax(scores, axis=1), rtol=1e-13, atol=1e-300)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=0, atol=1e-14)


def test_predict_is_the_most_probable_class(fitted, toy):
    X, _ = toy
    np.testing.assert_array_equal(
        fitted.predict(X), fitted.classes_[np.argmax(fitted.predict_proba(X), axis=1)]
    )


def test_predict_log_proba_is_log_softmax_and_finite_where_proba_underflows(fitted, toy):
    X, _ = toy
    far = 1000.0 * X  # scores in the thousands: most probabilities underflow to exactly 0
    proba = fitted.predict_proba(far)
    assert (proba == 0.0).any()  # the situation this test is about
    log_proba = fitted.predict_log_proba(far)
    assert np.isfinite(log_proba).all()
    np.testing.assert_allclose(
        log_proba, sp.log_softmax(fitted.decision_function(far), axis=1), rtol=1e-13, atol=1e-9
    )
    np.testing.assert_allclose(
        fitted.predict_log_proba(X), np.log(fitted.predict_proba(X)), rtol=1e-12, atol=1e-12
    )


def test_score_is_the_accuracy(fitted, toy):
    X, y = toy
    np.testing.assert_allclose(
        fitted.score(X, y), accuracy_score(y, fitted.predict(X)), rtol=1e-15, atol=0
    )


def test_string_labels(toy):
    X, y = toy
    names = np.array(["setosa", "versicolor", "virginica"])
    model = SoftmaxRegression().fit(X, names[y])
    reference = SoftmaxRegression().fit(X, y)
    np.testing.assert_array_equal(model.classes_, names)
    np.testing.assert_array_equal(model.predict(X), names[reference.predict(X)])
    np.testing.assert_allclose(model.coef_, reference.coef_, rtol=1e-15, atol=0)
    np.testing.assert_allclose(model.score(X, names[y]), reference.score(X, y), rtol=1e-15, atol=0)


@pytest.mark.parametrize(
    "codes", [[7, 3, 5], [-1, 0, 1], [2.0, 1.0, 0.0]], ids=["unsorted", "negative", "floats"]
)
def test_unsorted_integer_labels(toy, codes):
    # classes_ is sorted: the label with code k is column argsort position of k.
    X, y = toy
    codes = np.array(codes)
    model = SoftmaxRegression().fit(X, codes[y])
    reference = SoftmaxRegression().fit(X, np.argsort(np.argsort(codes))[y])
    np.testing.assert_array_equal(model.classes_, np.sort(codes))
    np.testing.assert_array_equal(model.predict(X), np.sort(codes)[reference.predict(X)])
    np.testing.assert_allclose(model.predict_proba(X), reference.predict_proba(X), rtol=0, atol=0)


def test_boolean_labels_are_two_classes(toy):
    # As in scikit-learn, a boolean y is a binary problem with classes [False, True].
    X, y = toy
    model = SoftmaxRegression().fit(X, y == 0)
    np.testing.assert_array_equal(model.classes_, [False, True])
    assert model.predict(X).dtype == bool


def test_fit_does_not_modify_x_or_y(toy):
    X, y = toy
    X = X.copy()
    y = y.copy()
    X_before, y_before = X.copy(), y.copy()
    model = SoftmaxRegression(batch_size=16, random_state=0).fit(X, y)
    np.testing.assert_array_equal(X, X_before)
    np.testing.assert_array_equal(y, y_before)
    assert not np.shares_memory(model.coef_, X)
    model.predict_proba(X)
    np.testing.assert_array_equal(X, X_before)


def test_fit_accepts_lists_float32_and_fortran_arrays(toy):
    X, y = toy
    reference = SoftmaxRegression().fit(X, y)
    for X_in in (X.tolist(), np.asfortranarray(X)):
        model = SoftmaxRegression().fit(X_in, list(y))
        np.testing.assert_allclose(model.coef_, reference.coef_, rtol=1e-13, atol=1e-14)
    model = SoftmaxRegression().fit(X.astype(np.float32), y)
    np.testing.assert_allclose(model.coef_, reference.coef_, rtol=1e-4, atol=1e-5)


def test_fit_intercept_false(toy):
    X, y = toy
    model = SoftmaxRegression(fit_intercept=False).fit(X, y)
    np.testing.assert_allclose(model.intercept_, 0.0, rtol=0, atol=0)
    np.testing.assert_allclose(model.decision_function(X), X @ model.coef_, rtol=1e-15, atol=0)


def test_refit_starts_from_scratch(toy):
    X, y = toy
    model = SoftmaxRegression()
    first = model.fit(X, y).coef_.copy()
    second = model.fit(X, y).coef_
    np.testing.assert_allclose(second, first, rtol=0, atol=0)


def test_public_names_and_exception_classes():
    import softmax_tutorial

    for name in softmax_tutorial.__all__:
        assert hasattr(softmax_tutorial, name), name
    # The errors are the standard kinds, so ordinary except clauses catch them.
    assert issubclass(DivergenceError, ValueError)
    assert issubclass(NotFittedError, ValueError) and issubclass(NotFittedError, AttributeError)
    assert issubclass(ConvergenceWarning, UserWarning)


# --- training -----------------------------------------------------------------------------------


def test_full_batch_loss_curve_decreases_and_ends_at_the_risk(toy):
    X, y = toy
    l2 = 0.01
    model = SoftmaxRegression(l2=l2, learning_rate=0.5).fit(X, y)
    curve = np.array(model.loss_curve_)
    assert curve[0] < np.log(3)  # below R(0) = log C after the first step
    assert (np.diff(curve) <= 1e-12).all()  # gradient descent with a small step never rises
    proba = sp.softmax(X @ model.coef_ + model.intercept_, axis=1)
    expected = log_loss(y, proba, labels=[0, 1, 2]) + 0.5 * l2 * np.sum(model.coef_**2)
    np.testing.assert_allclose(curve[-1], expected, rtol=1e-12, atol=0)


def test_weight_decay_shrinks_the_weights(toy):
    X, y = toy
    norms = [
        np.linalg.norm(SoftmaxRegression(l2=l2).fit(X, y).coef_) for l2 in (0.0, 0.01, 0.1, 1.0)
    ]
    assert all(a > b for a, b in zip(norms, norms[1:], strict=False))


def test_columns_of_coef_sum_to_zero(toy):
    # From W = 0 each step adds a gradient whose rows sum to zero over the classes (the data
    # term is X^T (P - Y), with rows of P - Y summing to 0; weight decay keeps the sum 0).
    X, y = toy
    model = SoftmaxRegression(l2=0.01).fit(X, y)
    np.testing.assert_allclose(model.coef_.sum(axis=1), 0.0, rtol=0, atol=1e-12)
    np.testing.assert_allclose(model.intercept_.sum(), 0.0, rtol=0, atol=1e-12)


def test_mini_batch_is_reproducible_from_random_state(toy):
    X, y = toy
    params = {"batch_size": 10, "random_state": 42, "max_iter": 30, "tol": 1e-2}
    a = SoftmaxRegression(**params).fit(X, y)
    b = SoftmaxRegression(**params).fit(X, y)
    # Same seed, same batches: bit-for-bit the same weights.
    np.testing.assert_allclose(a.coef_, b.coef_, rtol=0, atol=0)
    np.testing.assert_allclose(a.loss_curve_, b.loss_curve_, rtol=0, atol=0)
    c = SoftmaxRegression(**{**params, "random_state": 43}).fit(X, y)
    assert np.abs(a.coef_ - c.coef_).max() > 1e-6


def test_mini_batch_with_a_generator(toy):
    X, y = toy
    a = SoftmaxRegression(batch_size=10, random_state=np.random.default_rng(5)).fit(X, y)
    b = SoftmaxRegression(batch_size=10, random_state=np.random.default_rng(5)).fit(X, y)
    np.testing.assert_allclose(a.coef_, b.coef_, rtol=0, atol=0)
    assert a.score(X, y) > 0.9


def test_batch_as_large_as_the_data_is_full_batch(toy):
    X, y = toy
    full = SoftmaxRegression().fit(X, y)
    big = SoftmaxRegression(batch_size=X.shape[0], random_state=0).fit(X, y)
    np.testing.assert_allclose(big.coef_, full.coef_, rtol=0, atol=0)


def test_convergence_warning_when_max_iter_ends_training(toy):
    X, y = toy
    with pytest.warns(ConvergenceWarning, match="did not converge in max_iter=3"):
        model = SoftmaxRegression(max_iter=3).fit(X, y)
    assert model.n_iter_ == 3
    assert len(model.loss_curve_) == 3


def test_no_convergence_warning_when_it_converges(toy):
    # pyproject.toml turns ConvergenceWarning into an error, so this fails if one is raised.
    X, y = toy
    model = SoftmaxRegression(max_iter=1000).fit(X, y)
    assert model.n_iter_ < 1000


def test_verbose_writes_one_progress_line_to_stderr(toy, capsys):
    X, y = toy
    model = SoftmaxRegression(verbose=True, tol=1e-6).fit(X, y)
    assert model.n_iter_ > 20
    out, err = capsys.readouterr()
    assert out == ""
    assert "converged" in err and f"{model.n_iter_} epochs" in err
    # One line, rewritten in place with \r: not one line per epoch.
    assert err.count("\n") == 1
    assert err.count("\r") < model.n_iter_


def test_silent_by_default(toy, capsys):
    X, y = toy
    SoftmaxRegression().fit(X, y)
    assert capsys.readouterr() == ("", "")


# --- divergence -----------------------------------------------------------------------------------


class _WatchedRegression(SoftmaxRegression):
    """Records whether the weights were finite after every gradient step."""

    def _step(self, X_t, residual_t, W, b):
        super()._step(X_t, residual_t, W, b)
        self.finite_after_step_ = getattr(self, "finite_after_step_", [])
        self.finite_after_step_.append(bool(np.isfinite(W).all() and np.isfinite(b).all()))


@pytest.mark.parametrize("learning_rate", [1e4, 1e8])
@pytest.mark.parametrize("batch_size", [None, 64])
def test_huge_learning_rate_raises_divergence_error(learning_rate, batch_size):
    X, y = load_digits(return_X_y=True)  # unscaled pixels 0..16
    model = _WatchedRegression(learning_rate=learning_rate, batch_size=batch_size, random_state=0)
    with pytest.raises(DivergenceError, match=f"learning_rate={learning_rate!r}") as info:
        model.fit(X, y)
    assert isinstance(info.value, ValueError)
    assert "smaller learning_rate" in str(info.value)
    # Caught before anything became nan or inf, and nothing half-trained was stored.
    assert model.finite_after_step_ and all(model.finite_after_step_)
    assert not hasattr(model, "coef_")


# --- the cross-check with scikit-learn ---------------------------------------------------------


def _iris():
    X, y = load_iris(return_X_y=True)
    return StandardScaler().fit_transform(X), y


def _digits_subset():
    X, y = load_digits(return_X_y=True)
    return StandardScaler().fit_transform(X[:500]), y[:500]


@pytest.mark.parametrize(
    ("load", "C", "tol"),
    [(_iris, 1.0, 1e-14), (_iris, 0.1, 1e-14), (_digits_subset, 0.1, 1e-14)],
    ids=["iris-C1", "iris-C0.1", "digits-C0.1"],
)
def test_matches_sklearn_logistic_regression(load, C, tol):
    # scikit-learn minimises C * sum_n loss_n + ||W||^2 / 2; dividing by C N gives our
    # mean loss + (l2 / 2) ||W||^2 with l2 = 1 / (C N). Both leave the intercept unpenalised.
    X, y = load()
    n = X.shape[0]
    ours = SoftmaxRegression(l2=1.0 / (C * n), tol=tol, max_iter=100_000).fit(X, y)
    theirs = LogisticRegression(C=C, tol=1e-10, max_iter=10_000).fit(X, y)
    np.testing.assert_array_equal(ours.classes_, theirs.classes_)
    np.testing.assert_allclose(ours.predict_proba(X), theirs.predict_proba(X), rtol=0, atol=1e-4)
    # Both models are over-parameterised (adding a vector to every class changes nothing):
    # compare the weights after removing each feature's mean over the classes. With l2 > 0
    # the minimiser is unique with columns summing to zero, so the coef_ themselves agree.
    # scikit-learn's coef_ is (C, D), ours (D, C).
    theirs_coef = theirs.coef_.T - theirs.coef_.T.mean(axis=1, keepdims=True)
    ours_coef = ours.coef_ - ours.coef_.mean(axis=1, keepdims=True)
    np.testing.assert_allclose(ours_coef, theirs_coef, rtol=0, atol=1e-4)
    np.testing.assert_allclose(ours.coef_, theirs_coef, rtol=0, atol=1e-4)
    np.testing.assert_allclose(
        ours.intercept_ - ours.intercept_.mean(),
        theirs.intercept_ - theirs.intercept_.mean(),
        rtol=0,
        atol=1e-4,
    )
    np.testing.assert_array_equal(ours.predict(X), theirs.predict(X))
