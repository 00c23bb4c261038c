"""discriminants, classify and add_bias_feature."""

import numpy as np
import pytest
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from softmax_tutorial import add_bias_feature, classify, discriminants


def test_discriminants_are_the_inner_products(rng):
    X = rng.standard_normal((6, 3))
    W = rng.standard_normal((3, 4))
    b = rng.standard_normal(4)
    # f_c(x_n) = sum_d x_nd w_dc + b_c, written out with einsum.
    expected = np.einsum("nd,dc->nc", X, W) + b
    np.testing.assert_allclose(discriminants(X, W, b), expected, rtol=1e-14, atol=1e-15)
    np.testing.assert_allclose(discriminants(X, W), expected - b, rtol=1e-14, atol=1e-15)


def test_discriminants_of_a_single_sample(rng):
    x = rng.standard_normal(3)
    W = rng.standard_normal((3, 4))
    b = rng.standard_normal(4)
    scores = discriminants(x, W, b)
    assert scores.shape == (4,)
    np.testing.assert_allclose(scores, discriminants(x[None, :], W, b)[0], rtol=1e-15, atol=0)


def test_discriminants_docstring_example_by_hand():
    W = np.array([[1.0, 0.0, -1.0], [0.0, 1.0, -1.0]])
    np.testing.assert_allclose(discriminants([2.0, 1.0], W), [2.0, 1.0, -3.0], rtol=0, atol=0)


def test_classify_is_the_argmax_of_the_scores(rng):
    X = rng.standard_normal((50, 3))
    W = rng.standard_normal((3, 5))
    b = rng.standard_normal(5)
    labels = classify(X, W, b)
    assert labels.shape == (50,)
    assert np.issubdtype(labels.dtype, np.integer)
    np.testing.assert_array_equal(labels, np.argmax(X @ W + b, axis=1))


def test_classify_single_sample_returns_an_int():
    W = np.array([[1.0, 0.0, -1.0], [0.0, 1.0, -1.0]])
    label = classify([0.0, 3.0], W)
    assert isinstance(label, int)
    assert label == 1


def test_classify_ties_go_to_the_smallest_label():
    W = np.array([[1.0, 1.0, 1.0]])
    np.testing.assert_array_equal(classify([[2.0], [-1.0]], W), [0, 0])
    np.testing.assert_array_equal(classify([[1.0]], W, b=[0.0, 1.0, 1.0]), [1])


def test_classify_agrees_with_sklearn_logistic_regression():
    # Independent weights: scikit-learn's fitted coef_ is (C, D), ours (D, C).
    X, y = load_iris(return_X_y=True)
    X = StandardScaler().fit_transform(X)
    model = LogisticRegression(max_iter=1000).fit(X, y)
    np.testing.assert_array_equal(classify(X, model.coef_.T, model.intercept_), model.predict(X))
    np.testing.assert_allclose(
        discriminants(X, model.coef_.T, model.intercept_),
        model.decision_function(X),
        rtol=1e-12,
        atol=1e-12,
    )


def test_add_bias_feature_absorbs_the_bias(rng):
    X = rng.standard_normal((5, 3))
    W = rng.standard_normal((3, 2))
    b = rng.standard_normal(2)
    X_aug = add_bias_feature(X)
    assert X_aug.shape == (5, 4)
    np.testing.assert_allclose(X_aug[:, :3], X, rtol=0, atol=0)
    np.testing.assert_allclose(X_aug[:, 3], 1.0, rtol=0, atol=0)
    np.testing.assert_allclose(
        discriminants(X_aug, np.vstack([W, b])), discriminants(X, W, b), rtol=1e-14, atol=1e-15
    )


def test_add_bias_feature_single_sample_and_dtype():
    np.testing.assert_allclose(add_bias_feature([2.0, 3.0]), [2.0, 3.0, 1.0], rtol=0, atol=0)
    assert add_bias_feature(np.ones((2, 2), np.float32)).dtype == np.float32
    assert add_bias_feature([[1, 2]]).dtype == np.float64


@pytest.mark.parametrize(
    "call",
    [
        lambda X, W, b: discriminants(X, W, b),
        lambda X, W, b: classify(X, W, b),
        lambda X, W, b: add_bias_feature(X),
    ],
    ids=["discriminants", "classify", "add_bias_feature"],
)
def test_inputs_are_not_modified(rng, call):
    X = rng.standard_normal((4, 3))
    W = rng.standard_normal((3, 2))
    b = rng.standard_normal(2)
    copies = X.copy(), W.copy(), b.copy()
    out = call(X, W, b)
    for original, copy in zip((X, W, b), copies, strict=True):
        np.testing.assert_array_equal(original, copy)
    assert not np.shares_memory(out, X)
