"""Chapter 5's checkers: softmax_jacobian, log_softmax_jacobian, numerical_jacobian."""

import numpy as np
from _practice_helpers import standard_tests

from softmax_tutorial import softmax
from softmax_tutorial.practice import chapter05 as practice


def jacobian_outer_only(z):
    s = softmax(z)
    return -np.outer(s, s)


def jacobian_elementwise(z):
    s = softmax(z)
    return np.diag(s) - s**2


def jacobian_negated(z):
    s = softmax(z)
    return np.outer(s, s) - np.diag(s)


def jacobian_of_scores(z):
    return np.diag(z) - np.outer(z, z)


def jacobian_diagonal_only(z):
    s = softmax(z)
    return np.diag(s * (1 - s))


def jacobian_as_vector(z):
    s = softmax(z)
    return s * (1 - s)


def jacobian_naive_softmax(z):
    s = np.exp(z) / np.exp(z).sum()
    return np.diag(s) - np.outer(s, s)


def log_jacobian_transposed(z):
    s = softmax(z)
    return np.eye(len(z)) - np.outer(s, np.ones(len(z)))


def log_jacobian_without_identity(z):
    s = softmax(z)
    return -np.outer(np.ones(len(z)), s)


def log_jacobian_is_softmax_jacobian(z):
    s = softmax(z)
    return np.diag(s) - np.outer(s, s)


def log_jacobian_naive_softmax(z):
    s = np.exp(z) / np.exp(z).sum()
    return np.eye(len(z)) - np.outer(np.ones(len(z)), s)


def numerical_rows_per_input(f, z, h=1e-6):
    rows = []
    for j in range(len(z)):
        step = np.zeros_like(z)
        step[j] = h
        rows.append((f(z + step) - f(z - step)) / (2 * h))
    return np.array(rows)  # row j: the differences along z_j


def numerical_forward(f, z, h=1e-6):
    columns = []
    for j in range(len(z)):
        step = np.zeros_like(z)
        step[j] = h
        columns.append((f(z + step) - f(z)) / h)
    return np.column_stack(columns)


def numerical_divides_by_h(f, z, h=1e-6):
    columns = []
    for j in range(len(z)):
        step = np.zeros_like(z)
        step[j] = h
        columns.append((f(z + step) - f(z - step)) / h)
    return np.column_stack(columns)


def numerical_fixed_step(f, z, h=1e-6):
    step_size = 1e-6  # the argument h is ignored
    columns = []
    for j in range(len(z)):
        step = np.zeros_like(z)
        step[j] = step_size
        columns.append((f(z + step) - f(z - step)) / (2 * step_size))
    return np.column_stack(columns)


def numerical_moves_z(f, z, h=1e-6):
    columns = []
    for j in range(len(z)):
        z[j] += h
        up = f(z)
        z[j] -= 2 * h
        down = f(z)  # z[j] is never put back
        columns.append((up - down) / (2 * h))
    return np.column_stack(columns)


BANK = {
    "softmax_jacobian": [
        ("diag_missing", jacobian_outer_only),
        ("elementwise_not_outer", jacobian_elementwise),
        ("sign_error", jacobian_negated),
        ("scores_not_probabilities", jacobian_of_scores),
        ("off_diagonal_missing", jacobian_diagonal_only),
        ("vector_not_matrix", jacobian_as_vector),
        ("no_max_shift", jacobian_naive_softmax),
    ],
    "log_softmax_jacobian": [
        ("transposed", log_jacobian_transposed),
        ("identity_missing", log_jacobian_without_identity),
        ("softmax_jacobian_instead", log_jacobian_is_softmax_jacobian),
        ("no_max_shift", log_jacobian_naive_softmax),
    ],
    "numerical_jacobian": [
        ("transposed", numerical_rows_per_input),
        ("forward_difference", numerical_forward),
        ("factor_two", numerical_divides_by_h),
        ("ignores_h", numerical_fixed_step),
        ("mutated_input", numerical_moves_z),
    ],
}

(
    test_solution_passes,
    test_stub_fails_as_not_implemented,
    test_mistake_gets_its_own_diagnosis,
    test_every_checker_has_a_bank_of_three_diagnoses,
) = standard_tests(practice, BANK)


def test_the_transpose_is_caught_on_a_square_jacobian_too():
    """A square, non-symmetric Jacobian: the transpose has the right shape and
    must be caught by its values (stage 2), not only by the shape of stage 1."""

    def rows_per_input_unless_square(f, z, h=1e-6):
        found = numerical_rows_per_input(f, z, h)
        return found.T if found.shape[0] != found.shape[1] else found

    found = practice.numerical_jacobian.diagnose(rows_per_input_unless_square)
    assert found.code == "transposed"
    assert found.stage == "a non-symmetric Jacobian, with the step h given"
