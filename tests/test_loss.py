"""one_hot, cross_entropy, risk and risk_gradient.

References: scipy.special.log_softmax and scikit-learn's log_loss and OneHotEncoder.
"""

import numpy as np
import pytest
import scipy.special as sp
from _strategies import finite_floats
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from sklearn.metrics import log_loss
from sklearn.preprocessing import OneHotEncoder

from softmax_tutorial import add_bias_feature, cross_entropy, one_hot, risk, risk_gradient


def random_problem(rng, n=30, d=4, c=3, scale=1.0):
    X = rng.standard_normal((n, d))
    W = scale * rng.standard_normal((d, c))
    y = rng.integers(0, c, n)
    y[:c] = np.arange(c)  # every class present
    return W, X, y


def random_targets(rng, n, c):
    """Soft targets: rows of a Dirichlet draw, non-negative and summing to 1."""
    return rng.dirichlet(np.ones(c), size=n)


# --- one_hot ------------------------------------------------------------------------------


@pytest.mark.parametrize("n_classes", [1, 2, 3, 10])
def test_one_hot_matches_sklearn(rng, n_classes):
    y = rng.integers(0, n_classes, 25)
    encoder = OneHotEncoder(categories=[list(range(n_classes))], sparse_output=False)
    expected = encoder.fit_transform(y[:, None])
    Y = one_hot(y, n_classes)
    assert Y.shape == (25, n_classes)
    assert Y.dtype == np.float64
    np.testing.assert_allclose(Y, expected, rtol=0, atol=0)


def test_one_hot_unused_classes_are_zero_columns():
    np.testing.assert_allclose(
        one_hot([1, 1], 4), [[0.0, 1.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0]], rtol=0, atol=0
    )


def test_one_hot_accepts_numpy_integers_and_integral_floats():
    y = np.array([0, 2, 1])
    # y.max() + 1 is a numpy integer, the natural way to count classes.
    np.testing.assert_allclose(one_hot(y, y.max() + 1), np.eye(3)[y], rtol=0, atol=0)
    np.testing.assert_allclose(one_hot([0.0, 2.0, 1.0], 3), np.eye(3)[y], rtol=0, atol=0)


# --- cross_entropy --------------------------------------------------------------------------


def test_cross_entropy_is_minus_log_softmax_at_the_label(rng):
    z = 5.0 * rng.standard_normal((40, 4))
    y = rng.integers(0, 4, 40)
    expected = -sp.log_softmax(z, axis=1)[np.arange(40), y]
    np.testing.assert_allclose(cross_entropy(y, z), expected, rtol=1e-13, atol=1e-14)


@pytest.mark.parametrize("n_classes", [2, 3, 7])
def test_mean_cross_entropy_equals_sklearn_log_loss(rng, n_classes):
    z = 2.0 * rng.standard_normal((60, n_classes))
    y = rng.integers(0, n_classes, 60)
    expected = log_loss(y, sp.softmax(z, axis=1), labels=list(range(n_classes)))
    np.testing.assert_allclose(cross_entropy(y, z).mean(), expected, rtol=1e-12, atol=0)


def test_cross_entropy_with_target_distributions(rng):
    z = 3.0 * rng.standard_normal((20, 5))
    T = random_targets(rng, 20, 5)
    expected = -(T * sp.log_softmax(z, axis=1)).sum(axis=1)
    np.testing.assert_allclose(cross_entropy(T, z), expected, rtol=1e-13, atol=1e-14)


def test_one_hot_targets_give_the_label_loss(rng):
    z = 3.0 * rng.standard_normal((20, 5))
    y = rng.integers(0, 5, 20)
    np.testing.assert_allclose(
        cross_entropy(one_hot(y, 5), z), cross_entropy(y, z), rtol=1e-14, atol=1e-15
    )


def test_cross_entropy_is_finite_where_the_naive_formula_is_inf():
    z = np.array([[1000.0, 0.0], [0.0, 1000.0], [-1000.0, 1000.0]])
    y = np.array([1, 0, 0])
    with np.errstate(divide="ignore"):
        naive = -np.log(sp.softmax(z, axis=1)[np.arange(3), y])
    assert np.isinf(naive).all()  # the probability underflowed to 0
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        loss = cross_entropy(y, z)
    np.testing.assert_allclose(loss, [1000.0, 1000.0, 2000.0], rtol=1e-15, atol=0)
    np.testing.assert_allclose(
        cross_entropy(one_hot(y, 2), z), [1000.0, 1000.0, 2000.0], rtol=1e-15, atol=0
    )


def test_cross_entropy_with_neg_inf_logits():
    z = np.array([[-np.inf, 0.0, 0.0], [-np.inf, 0.0, 0.0]])
    # A target class with probability exactly 0 costs inf; any other class is finite.
    np.testing.assert_allclose(cross_entropy([1, 0], z), [np.log(2), np.inf], rtol=1e-15, atol=0)
    # A target of weight 0 on a -inf logit contributes 0, not 0 * -inf = nan.
    T = np.array([[0.0, 0.5, 0.5], [0.0, 1.0, 0.0]])
    np.testing.assert_allclose(cross_entropy(T, z), [np.log(2)] * 2, rtol=1e-15, atol=0)


def test_cross_entropy_of_a_single_sample():
    z = np.array([2.0, 0.0, -1.0])
    expected = -sp.log_softmax(z)[0]
    np.testing.assert_allclose(cross_entropy([0], z), [expected], rtol=1e-14, atol=0)
    np.testing.assert_allclose(cross_entropy([[1.0, 0.0, 0.0]], z), [expected], rtol=1e-14, atol=0)
    np.testing.assert_allclose(cross_entropy([1.0, 0.0, 0.0], z), [expected], rtol=1e-14, atol=0)


@given(
    hnp.arrays(
        np.float64,
        st.tuples(st.integers(1, 8), st.integers(1, 6)),
        elements=finite_floats(),
    ),
    st.data(),
)
def test_cross_entropy_is_non_negative_and_matches_scipy(z, data):
    n, c = z.shape
    y = np.array(data.draw(st.lists(st.integers(0, c - 1), min_size=n, max_size=n)))
    loss = cross_entropy(y, z)
    assert loss.shape == (n,)
    assert (loss >= 0).all()
    expected = -sp.log_softmax(z, axis=1)[np.arange(n), y]
    np.testing.assert_allclose(loss, expected, rtol=1e-13, atol=1e-12)


def test_cross_entropy_does_not_modify_its_inputs(rng):
    z = rng.standard_normal((6, 3))
    y = rng.integers(0, 3, 6)
    T = random_targets(rng, 6, 3)
    copies = z.copy(), y.copy(), T.copy()
    cross_entropy(y, z)
    cross_entropy(T, z)
    for original, copy in zip((z, y, T), copies, strict=True):
        np.testing.assert_array_equal(original, copy)


# --- risk ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("n", "c"), [(1, 2), (7, 3), (100, 10), (1000, 7)])
def test_risk_at_zero_weights_is_log_c(rng, n, c):
    # Every class has probability 1/C: each loss is exactly log C. Only the mean of N equal
    # numbers can round, by an ulp or two.
    X = rng.standard_normal((n, 3))
    y = rng.integers(0, c, n)
    np.testing.assert_allclose(risk(np.zeros((3, c)), X, y), np.log(c), rtol=1e-15, atol=0)
    T = random_targets(rng, n, c)
    np.testing.assert_allclose(risk(np.zeros((3, c)), X, T), np.log(c), rtol=1e-15, atol=0)


@pytest.mark.parametrize("l2", [0.0, 0.3])
def test_risk_equals_sklearn_log_loss_plus_weight_decay(rng, l2):
    W, X, y = random_problem(rng)
    expected = log_loss(y, sp.softmax(X @ W, axis=1), labels=[0, 1, 2]) + 0.5 * l2 * np.sum(W**2)
    actual = risk(W, X, y, l2=l2)
    assert isinstance(actual, float)
    np.testing.assert_allclose(actual, expected, rtol=1e-12, atol=0)


def test_risk_with_target_distributions(rng):
    W, X, _ = random_problem(rng)
    T = random_targets(rng, X.shape[0], 3)
    expected = -(T * sp.log_softmax(X @ W, axis=1)).sum(axis=1).mean()
    np.testing.assert_allclose(risk(W, X, T), expected, rtol=1e-13, atol=0)


def test_risk_with_bias_feature_is_risk_with_bias(rng):
    W, X, y = random_problem(rng)
    b = rng.standard_normal(3)
    expected = log_loss(y, sp.softmax(X @ W + b, axis=1), labels=[0, 1, 2])
    W_aug = np.vstack([W, b])
    np.testing.assert_allclose(risk(W_aug, add_bias_feature(X), y), expected, rtol=1e-12, atol=0)


def test_risk_without_penalty_is_finite_for_weights_whose_square_overflows():
    # |W| ~ 1e155: W * W overflows, but with l2=0 the penalty must not turn a finite mean
    # loss into 0 * inf = nan. The scores X @ W are finite here (X is tiny).
    W = np.array([[1e155, -1e155], [0.0, 0.0]])
    X = np.array([[1e-150, 0.0], [-1e-150, 1.0]])
    value = risk(W, X, [0, 1])
    expected = float(np.mean(cross_entropy([0, 1], X @ W)))
    assert np.isfinite(value)
    np.testing.assert_allclose(value, expected, rtol=1e-12)
    with np.errstate(over="ignore"):
        assert risk(W, X, [0, 1], l2=1.0) == np.inf  # a real penalty that large is inf


def test_one_hot_rejects_an_unsigned_label_too_large_for_an_index():
    with pytest.raises(ValueError, match="too large"):
        one_hot(np.array([0, 2**63], dtype=np.uint64), 3)


def test_risk_is_finite_for_huge_scores():
    X = np.array([[1.0], [-1.0]])
    W = np.array([[1000.0, -1000.0]])  # scores +-1000: the wrong class costs 2000
    np.testing.assert_allclose(risk(W, X, [1, 1]), 1000.0, rtol=1e-15, atol=0)


# --- risk_gradient -----------------------------------------------------------------------------


@pytest.mark.parametrize("l2", [0.0, 0.1])
def test_risk_gradient_formula(rng, l2):
    W, X, y = random_problem(rng)
    expected = X.T @ (sp.softmax(X @ W, axis=1) - np.eye(3)[y]) / X.shape[0] + l2 * W
    grad = risk_gradient(W, X, y, l2=l2)
    assert grad.shape == W.shape
    np.testing.assert_allclose(grad, expected, rtol=1e-12, atol=1e-15)


def test_risk_gradient_with_targets_equals_with_labels(rng):
    W, X, y = random_problem(rng)
    np.testing.assert_allclose(
        risk_gradient(W, X, one_hot(y, 3)), risk_gradient(W, X, y), rtol=1e-14, atol=1e-16
    )


@pytest.mark.parametrize("l2", [0.0, 0.25])
def test_gradient_summed_over_classes_is_only_weight_decay(rng, l2):
    # Adding the same vector to every column w_c changes no probability, so the data term
    # of the gradient has no component along that direction: sum_c dR/dw_c = l2 * sum_c w_c.
    W, X, y = random_problem(rng, scale=2.0)
    grad = risk_gradient(W, X, y, l2=l2)
    np.testing.assert_allclose(grad.sum(axis=1), l2 * W.sum(axis=1), rtol=1e-12, atol=1e-15)


def test_shifting_every_column_together_changes_nothing(rng):
    W, X, y = random_problem(rng)
    v = rng.standard_normal((X.shape[1], 1))
    np.testing.assert_allclose(risk(W + v, X, y), risk(W, X, y), rtol=1e-13, atol=0)
    np.testing.assert_allclose(
        risk_gradient(W + v, X, y), risk_gradient(W, X, y), rtol=1e-12, atol=1e-15
    )


def test_risk_gradient_at_the_docstring_example():
    # At W = 0 the probabilities are 1/2: grad = X^T (1/2 - Y) / N, worked by hand.
    X = np.eye(2)
    np.testing.assert_allclose(
        risk_gradient(np.zeros((2, 2)), X, [0, 1]), [[-0.25, 0.25], [0.25, -0.25]], rtol=0, atol=0
    )


def test_risk_functions_do_not_modify_their_inputs(rng):
    W, X, y = random_problem(rng)
    T = random_targets(rng, X.shape[0], 3)
    copies = W.copy(), X.copy(), y.copy(), T.copy()
    risk(W, X, y, l2=0.1)
    grad = risk_gradient(W, X, y, l2=0.1)
    risk_gradient(W, X, T, l2=0.1)
    for original, copy in zip((W, X, y, T), copies, strict=True):
        np.testing.assert_array_equal(original, copy)
    assert not np.shares_memory(grad, W)
