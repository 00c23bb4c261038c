"""Chapter 3's checkers: one_hot, posteriors, true_class_probability."""

import numpy as np
from _practice_helpers import standard_tests

from softmax_tutorial import softmax
from softmax_tutorial.practice import chapter03 as practice


def one_hot_transposed(y, n_classes):
    return np.eye(n_classes)[y].T


def one_hot_from_the_labels_present(y, n_classes):
    return np.eye(y.max() + 1)[y]


def one_hot_book_labels(y, n_classes):
    return np.eye(n_classes)[y - 1]  # as if the labels were 1..C


def posteriors_samples_as_columns(X, W):
    return softmax(W.T @ X.T, axis=0)


def posteriors_down_the_columns(X, W):
    return softmax(X @ W, axis=0)


def posteriors_are_scores(X, W):
    return X @ W


def posteriors_without_shift(X, W):
    E = np.exp(X @ W)
    return E / E.sum(axis=1, keepdims=True)


def probability_all_rows(Y_hat, y):
    return Y_hat[:, y]


def probability_whole_rows(Y_hat, y):
    return Y_hat[y]


def probability_of_the_prediction(Y_hat, y):
    return Y_hat.max(axis=1)


BANK = {
    "one_hot": [
        ("transposed", one_hot_transposed),
        ("ignores_n_classes", one_hot_from_the_labels_present),
        ("off_by_one", one_hot_book_labels),
    ],
    "posteriors": [
        ("transposed", posteriors_samples_as_columns),
        ("wrong_axis", posteriors_down_the_columns),
        ("scores_not_probabilities", posteriors_are_scores),
        ("no_max_shift", posteriors_without_shift),
    ],
    "true_class_probability": [
        ("picked_columns", probability_all_rows),
        ("picked_rows", probability_whole_rows),
        ("max_not_true_class", probability_of_the_prediction),
    ],
}

(
    test_solution_passes,
    test_stub_fails_as_not_implemented,
    test_mistake_gets_its_own_diagnosis,
    test_every_checker_has_a_bank_of_three_diagnoses,
) = standard_tests(practice, BANK)
