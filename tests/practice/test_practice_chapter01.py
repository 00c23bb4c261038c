"""Chapter 1's checkers: discriminants, classify, nearest_centre."""

import numpy as np
from _practice_helpers import standard_tests

from softmax_tutorial.practice import chapter01 as practice


def discriminants_transposed(X, W, b):
    return W.T @ X.T + b[:, None]  # samples as columns


def discriminants_without_bias(X, W, b):
    return X @ W


def discriminants_bias_subtracted(X, W, b):
    return X @ W - b


def classify_returns_scores(X, W, b):
    return X @ W + b


def classify_down_the_columns(X, W, b):
    return np.argmax(X @ W + b, axis=0)


def classify_argmin(X, W, b):
    return np.argmin(X @ W + b, axis=1)


def classify_book_labels(X, W, b):
    return np.argmax(X @ W + b, axis=1) + 1  # classes 1..C


def classify_without_bias(X, W, b):
    return np.argmax(X @ W, axis=1)


def _means(X, y, n_classes):
    return [X[y == c].mean(axis=0) for c in range(n_classes)]


def centres_as_rows(X, y, n_classes):
    W = np.array(_means(X, y, n_classes))  # (C, D)
    return W, -0.5 * np.sum(W**2, axis=1)


def centres_summed(X, y, n_classes):
    W = np.column_stack([X[y == c].sum(axis=0) for c in range(n_classes)])
    return W, -0.5 * np.sum(W**2, axis=0)


def centres_bias_positive(X, y, n_classes):
    W = np.column_stack(_means(X, y, n_classes))
    return W, 0.5 * np.sum(W**2, axis=0)


def centres_bias_without_half(X, y, n_classes):
    W = np.column_stack(_means(X, y, n_classes))
    return W, -np.sum(W**2, axis=0)


def centres_bias_norm_not_squared(X, y, n_classes):
    W = np.column_stack(_means(X, y, n_classes))
    return W, -0.5 * np.linalg.norm(W, axis=0)


BANK = {
    "discriminants": [
        ("transposed", discriminants_transposed),
        ("bias_missing", discriminants_without_bias),
        ("bias_sign", discriminants_bias_subtracted),
    ],
    "classify": [
        ("returned_scores", classify_returns_scores),
        ("wrong_axis", classify_down_the_columns),
        ("argmin", classify_argmin),
        ("off_by_one", classify_book_labels),
        ("bias_missing", classify_without_bias),
    ],
    "nearest_centre": [
        ("transposed", centres_as_rows),
        ("sum_not_mean", centres_summed),
        ("bias_sign", centres_bias_positive),
        ("bias_half_missing", centres_bias_without_half),
        ("norm_not_squared", centres_bias_norm_not_squared),
    ],
}

(
    test_solution_passes,
    test_stub_fails_as_not_implemented,
    test_mistake_gets_its_own_diagnosis,
    test_every_checker_has_a_bank_of_three_diagnoses,
) = standard_tests(practice, BANK)
