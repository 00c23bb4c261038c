"""numerical_gradient and relative_error, and the gradient checks they exist for.

Every check uses central differences with step EPS = 1e-6 and requires a relative error
below TOL = 1e-7 in float64 (CS231n's rule of thumb: below 1e-7 the analytic gradient is
right, around 1e-2 it is wrong). With h = 1e-6 the truncation error is O(h^2) = 1e-12 and
the rounding error O(eps_mach / h) = 1e-10, well under the tolerance.
"""

import numpy as np
import pytest
import scipy.special as sp

from softmax_tutorial import (
    elementwise_relative_error,
    numerical_gradient,
    relative_error,
    risk,
    risk_gradient,
    softmax,
    softmax_jacobian,
)

EPS = 1e-6
TOL = 1e-7


# --- the tools themselves -----------------------------------------------------------------


def test_numerical_gradient_of_known_functions(rng):
    x = rng.standard_normal((3, 4))
    g = numerical_gradient(lambda v: float(np.sum(np.sin(v))), x, eps=EPS)
    assert g.shape == x.shape
    assert g.dtype == np.float64
    np.testing.assert_allclose(g, np.cos(x), rtol=0, atol=1e-9)

    A = rng.standard_normal((5, 5))
    v0 = rng.standard_normal(5)
    g = numerical_gradient(lambda v: float(v @ A @ v), v0, eps=EPS)
    np.testing.assert_allclose(g, (A + A.T) @ v0, rtol=1e-8, atol=1e-9)


def test_numerical_gradient_of_logsumexp_is_softmax(rng):
    # An independent pair: the gradient of scipy's logsumexp is scipy's softmax.
    z = 3.0 * rng.standard_normal(6)
    g = numerical_gradient(lambda v: sp.logsumexp(v), z, eps=EPS)
    assert relative_error(g, sp.softmax(z)) < TOL


def test_numerical_gradient_accepts_integers_and_lists():
    g = numerical_gradient(lambda v: float(np.sum(v**2)), [1, -2])
    np.testing.assert_allclose(g, [2.0, -4.0], rtol=0, atol=1e-8)


def test_numerical_gradient_leaves_x_alone_and_passes_a_copy(rng):
    x = rng.standard_normal(4)
    original = x.copy()
    seen = []
    numerical_gradient(lambda v: seen.append(v) or float(v.sum()), x)
    np.testing.assert_array_equal(x, original)
    assert not any(np.shares_memory(v, x) for v in seen)


@pytest.mark.parametrize("x0", [1e10, -3e15, 1e20, 1e150])
def test_numerical_gradient_scales_its_step_with_x(x0):
    # An absolute step of 1e-6 gave 3.28e10 for the derivative 2e10 at x = 1e10, and 0 at
    # 1e20, where x + 1e-6 == x. The relative step h = eps * |x| keeps both errors small.
    g = numerical_gradient(lambda v: float(v[0] ** 2), np.array([x0]))
    np.testing.assert_allclose(g, [2 * x0], rtol=1e-8)


def test_numerical_gradient_step_is_at_least_eps_near_zero():
    # max(1, |x|): at x = 0 the step is eps itself, not 0 (which would divide by zero).
    g = numerical_gradient(lambda v: float(np.sum(np.exp(v))), np.zeros(3))
    np.testing.assert_allclose(g, np.ones(3), rtol=0, atol=1e-9)


def test_relative_error_hides_a_small_entry_and_the_elementwise_one_does_not():
    a, b = [1e-8, 1.0], [2e-8, 1.0]
    assert relative_error(a, b) == pytest.approx(5e-9, rel=1e-6)
    r = elementwise_relative_error(a, b)
    np.testing.assert_allclose(r, [1 / 3, 0.0], rtol=1e-12, atol=0)


def test_elementwise_relative_error_formula_and_zeros(rng):
    a = rng.standard_normal((3, 4))
    b = a + 1e-3 * rng.standard_normal((3, 4))
    np.testing.assert_allclose(
        elementwise_relative_error(a, b), np.abs(a - b) / (np.abs(a) + np.abs(b)), rtol=1e-14
    )
    np.testing.assert_array_equal(elementwise_relative_error([0.0, 0.0], [0.0, 1e-300]), [0, 1])
    with pytest.raises(ValueError, match="same shape"):
        elementwise_relative_error([1.0], [1.0, 2.0])


def test_relative_error_formula():
    # max|a - b| / max(|a| + |b|), worked by hand: 2e-6 / 4.000002.
    np.testing.assert_allclose(
        relative_error([1.0, 2.0], [1.0, 2.000002]), 2e-6 / 4.000002, rtol=1e-9, atol=0
    )
    np.testing.assert_allclose(
        relative_error([[1.0, -1.0]], [[-1.0, 1.0]]), 1.0, rtol=1e-15, atol=0
    )
    np.testing.assert_allclose(relative_error([3.0], [0.0]), 1.0, rtol=1e-15, atol=0)


def test_relative_error_is_zero_for_equal_inputs_even_at_zero():
    np.testing.assert_allclose(relative_error([0.0, 0.0], [0.0, 0.0]), 0.0, rtol=0, atol=0)
    np.testing.assert_allclose(relative_error([1.5, -2.0], [1.5, -2.0]), 0.0, rtol=0, atol=0)


def test_relative_error_is_symmetric_and_scale_free(rng):
    a = rng.standard_normal(5)
    b = a + 1e-5 * rng.standard_normal(5)
    e = relative_error(a, b)
    assert isinstance(e, float)
    np.testing.assert_allclose(relative_error(b, a), e, rtol=1e-15, atol=0)
    np.testing.assert_allclose(relative_error(1e6 * a, 1e6 * b), e, rtol=1e-9, atol=0)


# --- the softmax Jacobian, one row at a time --------------------------------------------------


@pytest.mark.parametrize(
    "z",
    [
        [0.0, 0.0],
        [1.0, 2.0, 3.0],
        [5.0, -3.0, 0.5, 2.0, -1.0],
        # Far from uniform. (Not much further: at [20, 0, -20] the derivatives of s_0 ~ 1
        # are ~2e-9 and the rounding error eps_mach / h ~ 1e-10 is already 5% of them.)
        [5.0, 0.0, -5.0],
        [100.0, 99.0, 98.0],  # large scores: the softmax only sees the differences
    ],
)
def test_softmax_jacobian_against_central_differences(z):
    z = np.asarray(z)
    J = softmax_jacobian(z)
    for i in range(z.shape[0]):
        row = numerical_gradient(lambda v, i=i: softmax(v)[i], z, eps=EPS)
        assert relative_error(J[i], row) < TOL, f"row {i}"


@pytest.mark.parametrize("seed", range(5))
def test_softmax_jacobian_rows_for_random_scores(seed):
    rng = np.random.default_rng(seed)
    z = 3.0 * rng.standard_normal(rng.integers(2, 8))
    J = softmax_jacobian(z)
    for i in range(z.shape[0]):
        row = numerical_gradient(lambda v, i=i: softmax(v)[i], z, eps=EPS)
        assert relative_error(J[i], row) < TOL, f"row {i}"


# --- the risk gradient ------------------------------------------------------------------------


def problem(seed, n=20, d=3, c=4):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d))
    W = rng.standard_normal((d, c))
    y = rng.integers(0, c, n)
    T = rng.dirichlet(np.ones(c), size=n)
    return W, X, y, T


@pytest.mark.parametrize("l2", [0.0, 0.1])
@pytest.mark.parametrize("targets", ["labels", "distributions"])
@pytest.mark.parametrize("seed", range(3))
def test_risk_gradient_against_central_differences(seed, targets, l2):
    W, X, y, T = problem(seed)
    yy = y if targets == "labels" else T
    analytic = risk_gradient(W, X, yy, l2=l2)
    numeric = numerical_gradient(lambda V: risk(V, X, yy, l2=l2), W, eps=EPS)
    assert relative_error(analytic, numeric) < TOL


@pytest.mark.parametrize("l2", [0.0, 0.1])
@pytest.mark.parametrize("targets", ["labels", "distributions"])
def test_risk_gradient_one_class_column_at_a_time(targets, l2):
    # scikit-learn's trick: perturb one column w_c only. Shifting all columns together
    # changes nothing, so a check of the whole matrix could hide an error shared by all
    # columns; column by column it cannot.
    W, X, y, T = problem(7)
    yy = y if targets == "labels" else T
    analytic = risk_gradient(W, X, yy, l2=l2)
    for c in range(W.shape[1]):

        def risk_of_column(w, c=c):
            V = W.copy()
            V[:, c] = w
            return risk(V, X, yy, l2=l2)

        numeric = numerical_gradient(risk_of_column, W[:, c], eps=EPS)
        assert relative_error(analytic[:, c], numeric) < TOL, f"column {c}"


def test_the_check_catches_a_wrong_gradient():
    # The same check on gradients with classic mistakes: a relative error far above TOL,
    # so the tests above could fail.
    W, X, y, _ = problem(3)
    numeric = numerical_gradient(lambda V: risk(V, X, y), W, eps=EPS)
    P = sp.softmax(X @ W, axis=1)
    Y = np.eye(W.shape[1])[y]
    wrong_sign = X.T @ (Y - P) / X.shape[0]
    no_mean = X.T @ (P - Y)
    assert relative_error(wrong_sign, numeric) > 1e-2
    assert relative_error(no_mean, numeric) > 1e-2
    assert relative_error(X.T @ (P - Y) / X.shape[0], numeric) < TOL
