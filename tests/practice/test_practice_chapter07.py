"""Chapter 7's checkers: risk_hessian, curvature_bound, newton_step."""

import numpy as np
from _practice_helpers import solution_function, standard_tests

from softmax_tutorial import numerical_gradient, relative_error, risk, risk_gradient, softmax
from softmax_tutorial.practice import chapter07 as practice


def _jacobians(W, X):
    S = softmax(X @ W)
    return np.einsum("nc,ck->nck", S, np.eye(W.shape[1])) - S[:, :, None] * S[:, None, :]


def _penalty(D, C):
    return np.einsum("ij,ck->icjk", np.eye(D), np.eye(C))


def hessian_summed(W, X, l2=0.0):
    H = np.einsum("ni,nj,nck->icjk", X, X, _jacobians(W, X))
    return H + l2 * _penalty(*W.shape)


def hessian_outer_only(W, X, l2=0.0):
    S = softmax(X @ W)
    J = -S[:, :, None] * S[:, None, :]
    H = np.einsum("ni,nj,nck->icjk", X, X, J) / len(X)
    return H + l2 * _penalty(*W.shape)


def hessian_without_decay(W, X, l2=0.0):
    return np.einsum("ni,nj,nck->icjk", X, X, _jacobians(W, X)) / len(X)


def hessian_features_first(W, X, l2=0.0):
    H = np.einsum("ni,nj,nck->ijck", X, X, _jacobians(W, X)) / len(X)
    return H + l2 * np.einsum("ij,ck->ijck", np.eye(W.shape[0]), np.eye(W.shape[1]))


def hessian_as_matrix(W, X, l2=0.0):
    D, C = W.shape
    H = np.einsum("ni,nj,nck->icjk", X, X, _jacobians(W, X)) / len(X)
    return (H + l2 * _penalty(D, C)).reshape(D * C, D * C)


def bound_without_half(X, l2=0.0):
    return np.linalg.eigvalsh(X.T @ X / len(X))[-1] + l2


def bound_without_n(X, l2=0.0):
    return np.linalg.eigvalsh(X.T @ X)[-1] / 2 + l2


def bound_smallest(X, l2=0.0):
    return np.linalg.eigvalsh(X.T @ X / len(X))[0] / 2 + l2


def bound_trace(X, l2=0.0):
    return np.trace(X.T @ X / len(X)) / 2 + l2


def bound_without_decay(X, l2=0.0):
    return np.linalg.eigvalsh(X.T @ X / len(X))[-1] / 2


def bound_singular_value(X, l2=0.0):
    return np.linalg.svd(X / np.sqrt(len(X)), compute_uv=False)[0] / 2 + l2


def _matrix(W, X, l2):
    D, C = W.shape
    H = np.einsum("ni,nj,nck->icjk", X, X, _jacobians(W, X)) / len(X)
    return H.reshape(D * C, D * C) + l2 * np.eye(D * C)


def newton_uphill(W, X, y, l2):
    g = risk_gradient(W, X, y, l2=l2).ravel()
    return W + np.linalg.solve(_matrix(W, X, l2), g).reshape(W.shape)


def newton_gradient_step(W, X, y, l2):
    return W - risk_gradient(W, X, y, l2=l2)


def newton_times_hessian(W, X, y, l2):
    g = risk_gradient(W, X, y, l2=l2).ravel()
    return W - (_matrix(W, X, l2) @ g).reshape(W.shape)


def newton_column_major(W, X, y, l2):
    g = risk_gradient(W, X, y, l2=l2).ravel(order="F")
    return W - np.linalg.solve(_matrix(W, X, l2), g).reshape(W.shape, order="F")


BANK = {
    "risk_hessian": [
        ("missing_1_over_N", hessian_summed),
        ("diag_missing", hessian_outer_only),
        ("l2_missing", hessian_without_decay),
        ("axes_order", hessian_features_first),
        ("flattened", hessian_as_matrix),
    ],
    "curvature_bound": [
        ("missing_half", bound_without_half),
        ("missing_1_over_N", bound_without_n),
        ("smallest_eigenvalue", bound_smallest),
        ("trace", bound_trace),
        ("l2_missing", bound_without_decay),
        ("singular_value_not_squared", bound_singular_value),
    ],
    "newton_step": [
        ("wrong_sign", newton_uphill),
        ("ignores_hessian", newton_gradient_step),
        ("multiplied_by_hessian", newton_times_hessian),
        ("flatten_order", newton_column_major),
    ],
}

(
    test_solution_passes,
    test_stub_fails_as_not_implemented,
    test_mistake_gets_its_own_diagnosis,
    test_every_checker_has_a_bank_of_three_diagnoses,
) = standard_tests(practice, BANK)


def test_the_reference_hessian_is_the_derivative_of_the_gradient():
    """The checker's reference (its solution) against central differences of the
    library's risk_gradient: an independent check of the formula it enforces."""
    rng = np.random.default_rng(7)
    X, W, y = rng.normal(size=(6, 3)), rng.normal(size=(3, 4)), rng.integers(0, 4, size=6)
    H = solution_function(practice.risk_hessian)(W, X, l2=0.3).reshape(12, 12)
    numeric = np.array(
        [
            numerical_gradient(
                lambda w, i=i: risk_gradient(w.reshape(3, 4), X, y, 0.3).ravel()[i], W.ravel()
            )
            for i in range(12)
        ]
    )
    assert relative_error(H, numeric) < 1e-7


def test_the_bound_holds_and_one_over_it_is_a_descent_step():
    rng = np.random.default_rng(8)
    X, W, y = rng.normal(size=(40, 3)), rng.normal(size=(3, 4)), rng.integers(0, 4, size=40)
    L = solution_function(practice.curvature_bound)(X, l2=0.1)
    H = solution_function(practice.risk_hessian)(W, X, l2=0.1).reshape(12, 12)
    assert np.linalg.eigvalsh(H)[-1] <= L * (1 + 1e-12)
    step = W - risk_gradient(W, X, y, l2=0.1) / L
    assert risk(step, X, y, l2=0.1) < risk(W, X, y, l2=0.1)


def test_the_mistakes_are_built_from_an_independent_hessian():
    """The checker's own einsum Hessian (from which its typical mistakes are
    made) agrees with the library's risk_hessian, its reference."""
    from softmax_tutorial.curvature import risk_hessian

    rng = np.random.default_rng(9)
    X, W = rng.normal(size=(7, 3)), rng.normal(size=(3, 4))
    np.testing.assert_allclose(
        practice._hessian(W, X, 0.2), risk_hessian(W, X, l2=0.2), rtol=1e-12, atol=1e-15
    )
