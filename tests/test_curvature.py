"""risk_hessian and curvature_bound: the curvature of the risk, checked independently."""

import numpy as np
import pytest

from softmax_tutorial import (
    add_bias_feature,
    curvature_bound,
    make_toy_data,
    numerical_gradient,
    relative_error,
    risk,
    risk_gradient,
    risk_hessian,
    softmax_jacobian,
)


def _problem(seed, n=12, d=3, c=4):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d))
    W = rng.standard_normal((d, c))
    y = rng.integers(0, c, n)
    return W, X, y


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("l2", [0.0, 0.3])
def test_hessian_equals_central_differences_of_the_gradient(seed, l2):
    # Independent of the formula: differentiate risk_gradient numerically, one entry of W
    # at a time. Each column of the numerical Jacobian of the gradient is a row of H.
    W, X, y = _problem(seed)
    d, c = W.shape
    H = risk_hessian(W, X, l2=l2).reshape(d * c, d * c)
    numeric = np.empty((d * c, d * c))
    for k in range(d * c):
        numeric[k] = numerical_gradient(
            lambda V, k=k: float(risk_gradient(V, X, y, l2=l2).ravel()[k]), W
        ).ravel()
    assert relative_error(H, numeric) < 1e-7


def test_hessian_is_the_second_derivative_of_the_risk_along_a_direction():
    W, X, y = _problem(7)
    V = np.random.default_rng(8).standard_normal(W.shape)
    h = 1e-4
    second = (risk(W + h * V, X, y) - 2 * risk(W, X, y) + risk(W - h * V, X, y)) / h**2
    H = risk_hessian(W, X)
    np.testing.assert_allclose(np.einsum("ic,icjk,jk->", V, H, V), second, rtol=1e-5)


def test_hessian_does_not_depend_on_the_labels_and_is_symmetric_psd():
    W, X, y = _problem(3)
    H = risk_hessian(W, X).reshape(12, 12)
    np.testing.assert_allclose(H, H.T, rtol=0, atol=1e-15)
    assert np.linalg.eigvalsh(H).min() > -1e-12
    # The labels enter the gradient but not its derivative: check with other labels.
    other = (y + 1) % 4
    numeric = np.array(
        [
            numerical_gradient(lambda V, k=k: float(risk_gradient(V, X, other).ravel()[k]), W)
            for k in range(12)
        ]
    ).reshape(12, 12)
    assert relative_error(H, numeric) < 1e-7


def test_hessian_in_kronecker_form():
    # (1/N) sum_n x x^T (kron) J_n in the order of W.ravel(), the book's chapter-7 formula.
    W, X, _ = _problem(5, n=6)
    J = softmax_jacobian(X @ W)
    expected = sum(np.kron(np.outer(x, x), Jn) for x, Jn in zip(X, J, strict=True)) / len(X)
    np.testing.assert_allclose(risk_hessian(W, X).reshape(12, 12), expected, rtol=1e-12)


def test_the_over_parameterisation_is_a_null_direction():
    # Adding the same vector to every w_c changes nothing: W = u 1^T is in the null space.
    W, X, _ = _problem(2)
    H = risk_hessian(W, X)
    u = np.array([0.3, -1.0, 2.0])
    V = np.outer(u, np.ones(4))
    np.testing.assert_allclose(np.einsum("icjk,jk->ic", H, V), 0.0, atol=1e-14)
    # ... and weight decay removes it: then H V = l2 V.
    H2 = risk_hessian(W, X, l2=0.5)
    np.testing.assert_allclose(np.einsum("icjk,jk->ic", H2, V), 0.5 * V, atol=1e-14)


def test_curvature_bound_is_half_the_top_eigenvalue_of_the_gram_matrix():
    X, _ = make_toy_data(random_state=0)
    Xb = add_bias_feature(X)
    expected = 0.5 * np.linalg.svd(Xb, compute_uv=False)[0] ** 2 / len(Xb)
    np.testing.assert_allclose(curvature_bound(Xb), expected, rtol=1e-12)
    np.testing.assert_allclose(curvature_bound(Xb, l2=0.2), expected + 0.2, rtol=1e-12)


@pytest.mark.parametrize("seed", range(6))
def test_no_hessian_eigenvalue_exceeds_the_bound(seed):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((20, 3)) * rng.uniform(0.1, 5.0, 3)
    for scale in (0.0, 1.0, 10.0):  # at W = 0, in the middle, and saturated
        W = scale * rng.standard_normal((3, 5))
        top = np.linalg.eigvalsh(risk_hessian(W, X, l2=0.1).reshape(15, 15)).max()
        assert top <= curvature_bound(X, l2=0.1) * (1 + 1e-12)


def test_the_bound_is_attained_for_two_classes_at_w_zero():
    # With C = 2 and W = 0, J = diag(1/2, 1/2) - 1/4 has top eigenvalue 1/2: the bound's
    # factor 1/2 cannot be improved.
    X = np.array([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]])
    top = np.linalg.eigvalsh(risk_hessian(np.zeros((2, 2)), X).reshape(4, 4)).max()
    np.testing.assert_allclose(top, curvature_bound(X), rtol=1e-12)


def test_step_one_over_l_never_raises_the_risk_on_unscaled_data():
    rng = np.random.default_rng(0)
    X = np.c_[rng.normal(50.0, 20.0, 60), rng.normal(0.0, 0.01, 60), np.ones(60)]
    y = rng.integers(0, 3, 60)
    step = 1.0 / curvature_bound(X)
    W = np.zeros((3, 3))
    values = [risk(W, X, y)]
    for _ in range(200):
        W = W - step * risk_gradient(W, X, y)
        values.append(risk(W, X, y))
    assert np.all(np.diff(values) <= 1e-15)
    # Twice the safe step's threshold, 4/L (beyond 2/L), makes it rise at once.
    W = -4.0 * step * risk_gradient(np.zeros((3, 3)), X, y)
    assert risk(W, X, y) > values[0]


@pytest.mark.parametrize(
    ("call", "exc", "match"),
    [
        (lambda: risk_hessian(np.zeros((3, 2)), np.zeros((4, 2))), ValueError, "W has shape"),
        (lambda: risk_hessian(np.zeros((2, 2)), np.zeros(2)), ValueError, "2-D"),
        (lambda: risk_hessian(np.zeros((2, 2)), np.eye(2), l2=-1), ValueError, "l2 must be"),
        (lambda: curvature_bound([[np.nan, 1.0]]), ValueError, "NaN"),
        (lambda: curvature_bound(np.zeros(3)), ValueError, "2-D"),
        (lambda: curvature_bound("X"), TypeError, "string"),
    ],
)
def test_bad_input(call, exc, match):
    with pytest.raises(exc, match=match):
        call()
