"""SoftmaxRegression inside scikit-learn's own tools, used for real.

Each test runs the tool a reader would use and checks its result against a
computation done by hand, so that a tool that "runs" but returns nonsense (the
old estimator gave cross_val_score [nan nan nan nan nan] with only a warning)
fails here.
"""

import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.calibration import CalibratedClassifierCV
from sklearn.datasets import load_breast_cancer, load_iris, load_wine
from sklearn.ensemble import VotingClassifier
from sklearn.feature_selection import RFE, SelectFromModel
from sklearn.inspection import permutation_importance
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import ConfusionMatrixDisplay, get_scorer, roc_auc_score
from sklearn.model_selection import (
    GridSearchCV,
    StratifiedKFold,
    cross_val_score,
    learning_curve,
)
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from softmax_tutorial import SoftmaxRegression


@pytest.fixture(autouse=True)
def _scikit_learn_warnings_are_errors():
    # A tool that swallows a failed fit warns (FitFailedWarning) and scores nan:
    # make every warning fail the test instead.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


@pytest.fixture(scope="module")
def iris():
    return load_iris(return_X_y=True)


@pytest.fixture(scope="module")
def cancer():
    return load_breast_cancer(return_X_y=True)


def test_pipeline_fit_predict_score(iris):
    X, y = iris
    pipe = make_pipeline(StandardScaler(), SoftmaxRegression()).fit(X, y)
    scaler = StandardScaler().fit(X)
    alone = SoftmaxRegression().fit(scaler.transform(X), y)
    np.testing.assert_array_equal(pipe.predict(X), alone.predict(scaler.transform(X)))
    np.testing.assert_allclose(pipe.predict_proba(X), alone.predict_proba(scaler.transform(X)))
    assert pipe.score(X, y) == alone.score(scaler.transform(X), y) > 0.95


def test_cross_val_score_is_finite_and_equals_a_manual_fold_loop(iris):
    X, y = iris
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    pipe = make_pipeline(StandardScaler(), SoftmaxRegression())
    scores = cross_val_score(pipe, X, y, cv=cv)
    assert np.isfinite(scores).all() and scores.min() > 0.85
    manual = []
    for train, test in cv.split(X, y):
        scaler = StandardScaler().fit(X[train])
        model = SoftmaxRegression().fit(scaler.transform(X[train]), y[train])
        manual.append(np.mean(model.predict(scaler.transform(X[test])) == y[test]))
    np.testing.assert_allclose(scores, manual, rtol=0, atol=1e-12)


def test_grid_search_over_step_size_and_penalty(iris):
    X, y = iris
    pipe = make_pipeline(
        StandardScaler(), SoftmaxRegression(solver="gd", max_iter=20_000, tol=1e-6)
    )
    grid = {
        "softmaxregression__learning_rate": ["auto", 0.5],
        "softmaxregression__l2": [1e-3, 1e-1, 1.0],
    }
    search = GridSearchCV(pipe, grid, cv=StratifiedKFold(4, shuffle=True, random_state=0))
    search.fit(X, y)
    means = search.cv_results_["mean_test_score"]
    assert np.isfinite(means).all()
    best = int(np.argmax(means))
    assert search.best_index_ == best
    assert search.best_params_ == search.cv_results_["params"][best]
    # The scores differ across the grid: a heavy penalty costs accuracy.
    assert means.max() - means.min() > 0.01


@pytest.mark.parametrize("binary", [True, False])
def test_calibrated_classifier(iris, cancer, binary):
    X, y = cancer if binary else iris
    base = make_pipeline(StandardScaler(), SoftmaxRegression())
    calibrated = CalibratedClassifierCV(base, cv=3, method="sigmoid").fit(X, y)
    proba = calibrated.predict_proba(X)
    assert proba.shape == (len(y), len(np.unique(y)))
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-10)
    assert np.isfinite(proba).all()
    assert np.mean(calibrated.predict(X) == y) > 0.9


def test_soft_voting_averages_the_probabilities(iris):
    X, y = iris
    X = StandardScaler().fit_transform(X)
    ours = SoftmaxRegression()
    theirs = LogisticRegression()
    vote = VotingClassifier([("ours", ours), ("theirs", theirs)], voting="soft").fit(X, y)
    expected = (ours.fit(X, y).predict_proba(X) + theirs.fit(X, y).predict_proba(X)) / 2
    np.testing.assert_allclose(vote.predict_proba(X), expected, rtol=1e-10)


def test_select_from_model_keeps_the_informative_features():
    rng = np.random.default_rng(0)
    X, y = load_wine(return_X_y=True)
    X = StandardScaler().fit_transform(X)[:, :4]
    noise = 0.01 * rng.standard_normal((len(y), 6))  # near-useless features
    X_all = np.c_[X, noise]
    selector = SelectFromModel(SoftmaxRegression()).fit(X_all, y)
    mask = selector.get_support()
    assert mask.shape == (10,)
    # coef_ is (n_classes, n_features), read as every scikit-learn model's.
    assert mask[:4].sum() >= 3 and not mask[4:].any()
    rfe = RFE(SoftmaxRegression(), n_features_to_select=4).fit(X_all, y)
    assert rfe.support_.shape == (10,) and rfe.support_[:4].sum() >= 3


def test_roc_auc_on_a_binary_problem(cancer):
    X, y = cancer
    pipe = make_pipeline(StandardScaler(), SoftmaxRegression())
    scores = cross_val_score(pipe, X, y, cv=5, scoring="roc_auc")
    assert np.isfinite(scores).all() and scores.min() > 0.95
    pipe.fit(X, y)
    # The scorer uses the one-column decision_function, z_1 - z_0.
    expected = roc_auc_score(y, pipe.decision_function(X))
    assert get_scorer("roc_auc")(pipe, X, y) == pytest.approx(expected, abs=1e-12)
    assert roc_auc_score(y, pipe.predict_proba(X)[:, 1]) == pytest.approx(expected, abs=1e-12)


def test_other_tools_run_and_give_sane_numbers(iris):
    X, y = iris
    pipe = make_pipeline(StandardScaler(), SoftmaxRegression())
    sizes, train_scores, test_scores = learning_curve(
        pipe,
        X,
        y,
        cv=StratifiedKFold(3, shuffle=True, random_state=0),
        train_sizes=[0.5, 1.0],
        shuffle=True,
        random_state=0,
    )
    assert np.isfinite(test_scores).all() and test_scores.mean() > 0.85
    pipe.fit(X, y)
    display = ConfusionMatrixDisplay.from_estimator(pipe, X, y)
    assert display.confusion_matrix.sum() == len(y)
    assert np.trace(display.confusion_matrix) == int(np.sum(pipe.predict(X) == y))
    importance = permutation_importance(pipe, X, y, n_repeats=3, random_state=0)
    assert importance.importances_mean.shape == (4,)
    assert importance.importances_mean[2:].max() > importance.importances_mean[:2].max()
    ovr = OneVsRestClassifier(SoftmaxRegression()).fit(StandardScaler().fit_transform(X), y)
    assert len(ovr.estimators_) == 3


def test_dataframe_columns_are_checked_by_name(iris):
    X, y = iris
    names = ["sepal length", "sepal width", "petal length", "petal width"]
    frame = pd.DataFrame(StandardScaler().fit_transform(X), columns=names)
    model = SoftmaxRegression().fit(frame, y)
    np.testing.assert_array_equal(model.feature_names_in_, names)
    assert model.score(frame, y) > 0.95
    # The old estimator silently predicted from the wrong columns (accuracy 0.36).
    with pytest.raises(ValueError, match="Feature names must be in the same order"):
        model.predict(frame[names[::-1]])
    with pytest.raises(ValueError, match="Feature names unseen at fit time"):
        model.predict(frame.rename(columns={"petal width": "stalk"}))
