"""Chapter 8's checkers: standardise, confusion_matrix, choose_l2."""

import warnings

import numpy as np
from _practice_helpers import solution_function, standard_tests
from sklearn.datasets import load_digits
from sklearn.preprocessing import StandardScaler

from softmax_tutorial import SoftmaxRegression
from softmax_tutorial.practice import chapter08 as practice


def _safe(scale):
    return np.where(scale == 0, 1.0, scale)


def standardise_divides_by_zero(X_fit, X_other):
    mean, std = X_fit.mean(axis=0), X_fit.std(axis=0)
    return (X_fit - mean) / std, (X_other - mean) / std


def standardise_sample_std(X_fit, X_other):
    mean, std = X_fit.mean(axis=0), _safe(X_fit.std(axis=0, ddof=1))
    return (X_fit - mean) / std, (X_other - mean) / std


def standardise_each_image(X_fit, X_other):
    def rows(X):
        return (X - X.mean(axis=1, keepdims=True)) / _safe(X.std(axis=1, keepdims=True))

    return rows(X_fit), rows(X_other)


def standardise_pooled(X_fit, X_other):
    both = np.vstack([X_fit, X_other])
    mean, std = both.mean(axis=0), _safe(both.std(axis=0))
    return (X_fit - mean) / std, (X_other - mean) / std


def standardise_each_part(X_fit, X_other):
    def own(X):
        return (X - X.mean(axis=0)) / _safe(X.std(axis=0))

    return own(X_fit), own(X_other)


def standardise_in_place(X_fit, X_other):
    mean, std = X_fit.mean(axis=0), _safe(X_fit.std(axis=0))
    X_fit -= mean
    X_fit /= std
    return X_fit, (X_other - mean) / std


def confusion_from_labels_present(y_true, y_pred, n_classes):
    size = max(y_true.max(), y_pred.max()) + 1
    M = np.zeros((size, size), dtype=int)
    np.add.at(M, (y_true, y_pred), 1)
    return M


def confusion_transposed(y_true, y_pred, n_classes):
    M = np.zeros((n_classes, n_classes), dtype=int)
    np.add.at(M, (y_pred, y_true), 1)
    return M


def confusion_normalised(y_true, y_pred, n_classes):
    M = np.zeros((n_classes, n_classes))
    np.add.at(M, (y_true, y_pred), 1)
    totals = M.sum(axis=1, keepdims=True)
    return M / np.where(totals == 0, 1, totals)


def confusion_buffered_add(y_true, y_pred, n_classes):
    M = np.zeros((n_classes, n_classes), dtype=int)
    M[y_true, y_pred] += 1  # a repeated pair is counted once
    return M


def _scores(make_model, X_fit, y_fit, X, y, l2_values):
    return [make_model(l2).fit(X_fit, y_fit).score(X, y) for l2 in l2_values]


def choose_on_training(make_model, X_fit, y_fit, X_val, y_val, l2_values):
    scores = _scores(make_model, X_fit, y_fit, X_fit, y_fit, l2_values)
    return l2_values[int(np.argmax(scores))]


def choose_worst(make_model, X_fit, y_fit, X_val, y_val, l2_values):
    scores = _scores(make_model, X_fit, y_fit, X_val, y_val, l2_values)
    return l2_values[int(np.argmin(scores))]


def choose_index(make_model, X_fit, y_fit, X_val, y_val, l2_values):
    return int(np.argmax(_scores(make_model, X_fit, y_fit, X_val, y_val, l2_values)))


def choose_returns_accuracy(make_model, X_fit, y_fit, X_val, y_val, l2_values):
    return max(_scores(make_model, X_fit, y_fit, X_val, y_val, l2_values))


def choose_fits_on_validation(make_model, X_fit, y_fit, X_val, y_val, l2_values):
    scores = [make_model(l2).fit(X_val, y_val).score(X_fit, y_fit) for l2 in l2_values]
    return l2_values[int(np.argmax(scores))]


BANK = {
    "standardise": [
        ("zero_variance", standardise_divides_by_zero),
        ("ddof", standardise_sample_std),
        ("wrong_axis", standardise_each_image),
        ("pooled_statistics", standardise_pooled),
        ("statistics_of_other", standardise_each_part),
        ("mutated_input", standardise_in_place),
    ],
    "confusion_matrix": [
        ("ignores_n_classes", confusion_from_labels_present),
        ("transposed", confusion_transposed),
        ("normalised", confusion_normalised),
        ("lost_counts", confusion_buffered_add),
    ],
    "choose_l2": [
        ("chose_on_training", choose_on_training),
        ("argmin", choose_worst),
        ("returned_index", choose_index),
        ("returned_accuracy", choose_returns_accuracy),
        ("fit_on_validation", choose_fits_on_validation),
    ],
}

(
    test_solution_passes,
    test_stub_fails_as_not_implemented,
    test_mistake_gets_its_own_diagnosis,
    test_every_checker_has_a_bank_of_three_diagnoses,
) = standard_tests(practice, BANK)


def test_choose_l2_works_with_the_real_estimator():
    """The notebook passes make_model=lambda l2: SoftmaxRegression(l2=l2): the
    solution must run with the real estimator, whatever its solver."""
    X, y = load_digits(return_X_y=True)
    X, y = StandardScaler().fit_transform(X[:400]), y[:400]
    choose = solution_function(practice.choose_l2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence is not what this test is about
        chosen = choose(
            lambda l2: SoftmaxRegression(l2=l2),
            X[:300],
            y[:300],
            X[300:],
            y[300:],
            [1e-3, 1e-1],
        )
    assert chosen in (1e-3, 1e-1)
