"""Chapter 4's checkers: cross_entropy, risk, soft_cross_entropy."""

import numpy as np
from _practice_helpers import standard_tests

from softmax_tutorial import logsumexp, softmax
from softmax_tutorial.practice import chapter04 as practice


def _rows(Z, y):
    return Z[np.arange(len(y)), y]


def ce_mean(y, Z):
    return np.mean(logsumexp(Z) - _rows(Z, y))


def ce_sign(y, Z):
    return _rows(Z, y) - logsumexp(Z)


def ce_book_labels(y, Z):
    return logsumexp(Z) - _rows(Z, y - 1)


def ce_log_of_probability(y, Z):
    return -np.log(_rows(softmax(Z), y))


def ce_log_plus_eps(y, Z):
    return -np.log(_rows(softmax(Z), y) + 1e-12)


def ce_no_shift(y, Z):
    return np.log(np.exp(Z).sum(axis=1)) - _rows(Z, y)


def risk_per_sample(W, X, y):
    Z = X @ W
    return logsumexp(Z) - _rows(Z, y)


def risk_summed(W, X, y):
    Z = X @ W
    return float(np.sum(logsumexp(Z) - _rows(Z, y)))


def risk_sign(W, X, y):
    Z = X @ W
    return float(np.mean(_rows(Z, y) - logsumexp(Z)))


def risk_log_of_probability(W, X, y):
    return float(-np.mean(np.log(_rows(softmax(X @ W), y))))


def risk_log_plus_eps(W, X, y):
    return float(-np.mean(np.log(_rows(softmax(X @ W), y) + 1e-12)))


def risk_no_shift(W, X, y):
    Z = X @ W
    return float(np.mean(np.log(np.exp(Z).sum(axis=1)) - _rows(Z, y)))


def soft_sign(T, Z):
    return np.sum(T * Z, axis=1) - logsumexp(Z)


def soft_argmax_labels(T, Z):
    return logsumexp(Z) - _rows(Z, np.argmax(T, axis=1))


def soft_log_of_probability(T, Z):
    return -np.sum(T * np.log(softmax(Z)), axis=1)


def soft_log_plus_eps(T, Z):
    return -np.sum(T * np.log(softmax(Z) + 1e-12), axis=1)


def soft_no_shift(T, Z):
    return np.log(np.exp(Z).sum(axis=1)) - np.sum(T * Z, axis=1)


BANK = {
    "cross_entropy": [
        ("averaged", ce_mean),
        ("sign_error", ce_sign),
        ("off_by_one", ce_book_labels),
        ("log_of_probability", ce_log_of_probability),
        ("log_epsilon", ce_log_plus_eps),
        ("no_max_shift", ce_no_shift),
    ],
    "risk": [
        ("not_averaged", risk_per_sample),
        ("missing_1_over_N", risk_summed),
        ("sign_error", risk_sign),
        ("log_of_probability", risk_log_of_probability),
        ("log_epsilon", risk_log_plus_eps),
        ("no_max_shift", risk_no_shift),
    ],
    "soft_cross_entropy": [
        ("sign_error", soft_sign),
        ("assumes_one_hot", soft_argmax_labels),
        ("log_of_probability", soft_log_of_probability),
        ("log_epsilon", soft_log_plus_eps),
        ("no_max_shift", soft_no_shift),
    ],
}

(
    test_solution_passes,
    test_stub_fails_as_not_implemented,
    test_mistake_gets_its_own_diagnosis,
    test_every_checker_has_a_bank_of_three_diagnoses,
) = standard_tests(practice, BANK)
