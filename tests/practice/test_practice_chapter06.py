"""Chapter 6's checkers: risk_gradient, gradients, gradient_descent."""

import numpy as np
from _practice_helpers import standard_tests

from softmax_tutorial import one_hot, softmax
from softmax_tutorial.practice import chapter06 as practice


def _residual(Z, y):
    return softmax(Z) - one_hot(y, Z.shape[1])


def gradient_transposed(W, X, y):
    return _residual(X @ W, y).T @ X / len(y)


def gradient_sign(W, X, y):
    return -X.T @ _residual(X @ W, y) / len(y)


def gradient_summed(W, X, y):
    return X.T @ _residual(X @ W, y)


def gradient_without_targets(W, X, y):
    return X.T @ softmax(X @ W) / len(y)


def gradient_book_labels(W, X, y):
    return X.T @ (softmax(X @ W) - np.eye(W.shape[1])[y - 1]) / len(y)


def _parts(W, b, X, y, with_bias=True):
    residual = _residual(X @ W + (b if with_bias else 0.0), y)
    return X.T @ residual / len(y), residual


def gradients_bias_forgotten(W, b, X, y, l2):
    grad_W, residual = _parts(W, b, X, y, with_bias=False)
    return grad_W + l2 * W, residual.mean(axis=0)


def gradients_penalise_intercept(W, b, X, y, l2):
    grad_W, residual = _parts(W, b, X, y)
    return grad_W + l2 * W, residual.mean(axis=0) + l2 * b


def gradients_without_decay(W, b, X, y, l2):
    grad_W, residual = _parts(W, b, X, y)
    return grad_W, residual.mean(axis=0)


def gradients_decay_doubled(W, b, X, y, l2):
    grad_W, residual = _parts(W, b, X, y)
    return grad_W + 2 * l2 * W, residual.mean(axis=0)


def gradients_bias_per_sample(W, b, X, y, l2):
    grad_W, residual = _parts(W, b, X, y)
    return grad_W + l2 * W, residual


def gradients_bias_summed(W, b, X, y, l2):
    grad_W, residual = _parts(W, b, X, y)
    return grad_W + l2 * W, residual.sum(axis=0)


def _loop(step, stop=None, count_from=0):
    """A gradient_descent with the given step rule and stopping rule."""

    def gradient_descent(grad, W0, learning_rate, tol, max_iter):
        W = np.array(W0, dtype=float)
        for k in range(max_iter):
            g = grad(W)
            if (stop or (lambda g, lr: np.abs(g).max() <= tol))(g, learning_rate):
                return W, k + count_from
            W = step(W, g, learning_rate)
        return W, max_iter

    return gradient_descent


descent_uphill = _loop(lambda W, g, lr: W + lr * g)
descent_full_gradient = _loop(lambda W, g, lr: W - g)
descent_divides = _loop(lambda W, g, lr: W - g / lr)
descent_never_stops = _loop(lambda W, g, lr: W - lr * g, stop=lambda g, lr: False)
descent_stops_on_step = _loop(
    lambda W, g, lr: W - lr * g, stop=lambda g, lr: lr * np.abs(g).max() <= 1e-6
)
descent_euclidean = _loop(lambda W, g, lr: W - lr * g, stop=lambda g, lr: np.linalg.norm(g) <= 1e-6)


def descent_counts_first(grad, W0, learning_rate, tol, max_iter):
    W = np.array(W0, dtype=float)
    for k in range(1, max_iter + 1):
        g = grad(W)
        W = W - learning_rate * g
        if np.abs(g).max() <= tol:  # checked only after the step
            return W, k
    return W, max_iter


def descent_in_place(grad, W0, learning_rate, tol, max_iter):
    W = W0  # not a copy
    for k in range(max_iter):
        g = grad(W)
        if np.abs(g).max() <= tol:
            return W, k
        W -= learning_rate * g
    return W, max_iter


BANK = {
    "risk_gradient": [
        ("transposed", gradient_transposed),
        ("sign_error", gradient_sign),
        ("missing_1_over_N", gradient_summed),
        ("targets_missing", gradient_without_targets),
        ("off_by_one", gradient_book_labels),
    ],
    "gradients": [
        ("bias_forgotten", gradients_bias_forgotten),
        ("penalty_on_intercept", gradients_penalise_intercept),
        ("l2_missing", gradients_without_decay),
        ("l2_factor", gradients_decay_doubled),
        ("bias_not_reduced", gradients_bias_per_sample),
        ("missing_1_over_N", gradients_bias_summed),
    ],
    "gradient_descent": [
        ("wrong_sign", descent_uphill),
        ("ignores_learning_rate", descent_full_gradient),
        ("step_size", descent_divides),
        ("ignores_tol", descent_never_stops),
        ("checks_after_step", descent_counts_first),
        ("stopped_too_early", descent_stops_on_step),
        ("stopped_too_late", descent_euclidean),
        ("mutated_input", descent_in_place),
    ],
}

(
    test_solution_passes,
    test_stub_fails_as_not_implemented,
    test_mistake_gets_its_own_diagnosis,
    test_every_checker_has_a_bank_of_three_diagnoses,
) = standard_tests(practice, BANK)
