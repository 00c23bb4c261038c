"""softmax, log_softmax, logsumexp, sigmoid and softmax_jacobian.

Reference values come from scipy.special, which is computed independently of this library.
"""

import numpy as np
import pytest
import scipy.special as sp
from _strategies import (
    arrays_with_neg_inf,
    finite_floats,
    grid_logit_arrays,
    logit_arrays,
    logit_vectors,
)
from hypothesis import assume, given
from hypothesis import strategies as st

from softmax_tutorial import log_softmax, logsumexp, sigmoid, softmax, softmax_jacobian

# Tolerances against scipy in float64. Both shift by the row maximum, so they differ only
# in the order of the summation: a few ulp relative. atol=1e-300 only forgives subnormals.
P_TOL = {"rtol": 1e-13, "atol": 1e-300}
# log_softmax and logsumexp subtract numbers up to 1e3: absolute error up to ~1e-13.
LOG_TOL = {"rtol": 1e-13, "atol": 1e-12}


def shapes_and_axes():
    """(shape, axis) pairs covering 1-D, 2-D and 3-D arrays and every axis of each."""
    cases = []
    for shape in [(5,), (4, 7), (3, 4, 5)]:
        for axis in range(-len(shape), len(shape)):
            cases.append((shape, axis))
    return cases


# --- against scipy.special ---------------------------------------------------------------


@pytest.mark.parametrize(("shape", "axis"), shapes_and_axes())
def test_softmax_matches_scipy_along_any_axis(rng, shape, axis):
    z = 10.0 * rng.standard_normal(shape)
    np.testing.assert_allclose(softmax(z, axis=axis), sp.softmax(z, axis=axis), **P_TOL)


@pytest.mark.parametrize(("shape", "axis"), shapes_and_axes())
def test_log_softmax_matches_scipy_along_any_axis(rng, shape, axis):
    z = 10.0 * rng.standard_normal(shape)
    np.testing.assert_allclose(log_softmax(z, axis=axis), sp.log_softmax(z, axis=axis), **LOG_TOL)


@pytest.mark.parametrize("keepdims", [False, True])
@pytest.mark.parametrize(("shape", "axis"), shapes_and_axes())
def test_logsumexp_matches_scipy_along_any_axis(rng, shape, axis, keepdims):
    z = 10.0 * rng.standard_normal(shape)
    actual = logsumexp(z, axis=axis, keepdims=keepdims)
    expected = sp.logsumexp(z, axis=axis, keepdims=keepdims)
    assert np.shape(actual) == np.shape(expected)
    np.testing.assert_allclose(actual, expected, **LOG_TOL)


def test_logsumexp_keepdims_broadcasts_back_to_log_softmax(rng):
    z = 5.0 * rng.standard_normal((3, 4, 5))
    for axis in range(3):
        lse = logsumexp(z, axis=axis, keepdims=True)
        assert lse.shape[axis] == 1
        np.testing.assert_allclose(z - lse, sp.log_softmax(z, axis=axis), **LOG_TOL)


def test_default_axis_is_the_last_not_the_whole_array(rng):
    z = rng.standard_normal((4, 3))
    np.testing.assert_allclose(softmax(z), sp.softmax(z, axis=-1), **P_TOL)
    np.testing.assert_allclose(log_softmax(z), sp.log_softmax(z, axis=-1), **LOG_TOL)
    np.testing.assert_allclose(logsumexp(z), sp.logsumexp(z, axis=-1), **LOG_TOL)
    # scipy's own default (axis=None) normalises all 12 entries together: not what we want.
    np.testing.assert_allclose(softmax(z).sum(axis=-1), np.ones(4), rtol=0, atol=1e-14)
    assert abs(sp.softmax(z).sum(axis=-1) - 1.0).max() > 0.1


@pytest.mark.parametrize(
    ("shape", "axis"),
    [
        ((2 * 4096 + 5, 3), -1),  # several row blocks, few classes (column-wise reduction)
        ((4100, 40), -1),  # many classes (numpy's row reduction)
        ((3, 9001), 0),  # the class axis first, many samples along the other one
        ((7, 1500, 4), 1),  # huge middle axis of a 3-D array
    ],
)
def test_large_arrays_match_scipy(rng, shape, axis):
    z = 50.0 * rng.standard_normal(shape)
    np.testing.assert_allclose(softmax(z, axis=axis), sp.softmax(z, axis=axis), **P_TOL)
    np.testing.assert_allclose(log_softmax(z, axis=axis), sp.log_softmax(z, axis=axis), **LOG_TOL)
    np.testing.assert_allclose(logsumexp(z, axis=axis), sp.logsumexp(z, axis=axis), **LOG_TOL)


@pytest.mark.parametrize(
    "make_view",
    [
        lambda a: a.T,  # transposed view
        np.asfortranarray,
        lambda a: a[::2, ::-1],  # strided and reversed
    ],
    ids=["transposed", "fortran", "strided"],
)
def test_non_contiguous_inputs(rng, make_view):
    z = make_view(3.0 * rng.standard_normal((6, 5)))
    for axis in (0, 1):
        np.testing.assert_allclose(softmax(z, axis=axis), sp.softmax(z, axis=axis), **P_TOL)
        np.testing.assert_allclose(
            log_softmax(z, axis=axis), sp.log_softmax(z, axis=axis), **LOG_TOL
        )


def test_sigmoid_matches_scipy_expit():
    t = np.linspace(-700.0, 700.0, 20001)
    np.testing.assert_allclose(sigmoid(t), sp.expit(t), rtol=1e-13, atol=0)


def test_sigmoid_extremes_without_overflow():
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        s = sigmoid([-1e300, -800.0, 0.0, 800.0, 1e300])
    np.testing.assert_allclose(s, [0.0, 0.0, 0.5, 1.0, 1.0], rtol=0, atol=1e-300)


def test_sigmoid_keeps_float32_and_shape():
    t = np.linspace(-50, 50, 12, dtype=np.float32).reshape(3, 4)
    s = sigmoid(t)
    assert s.dtype == np.float32
    assert s.shape == (3, 4)
    np.testing.assert_allclose(s, sp.expit(t.astype(np.float64)), rtol=1e-6, atol=1e-7)


def test_two_classes_give_the_logistic_sigmoid_of_the_weight_difference(rng):
    # softmax(X W)[:, 1] = 1 / (1 + exp(-(w_1 - w_0)^T x)): logistic regression is C = 2.
    X = rng.standard_normal((200, 4))
    W = 3.0 * rng.standard_normal((4, 2))
    t = X @ (W[:, 1] - W[:, 0])
    p = softmax(X @ W)
    np.testing.assert_allclose(p[:, 1], sp.expit(t), rtol=1e-14, atol=0)
    np.testing.assert_allclose(p[:, 0], sp.expit(-t), rtol=1e-14, atol=0)
    np.testing.assert_allclose(sigmoid(t), p[:, 1], rtol=1e-14, atol=0)


# --- extreme inputs -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("z", "p", "log_p", "lse"),
    [
        # exp(-1000) underflows to 0 in float64: the probability is 0 but its log is not -inf.
        ([1000.0, 0.0], [1.0, 0.0], [0.0, -1000.0], 1000.0),
        ([-1000.0, 0.0], [0.0, 1.0], [-1000.0, 0.0], 0.0),
        ([1000.0, 1000.0, 1000.0], [1 / 3] * 3, [-np.log(3)] * 3, 1000.0 + np.log(3)),
        ([-1000.0, -1000.0], [0.5, 0.5], [-np.log(2)] * 2, -1000.0 + np.log(2)),
        ([1e300, -1e300], [1.0, 0.0], [0.0, -2e300], 1e300),
        ([-1e300, -1e300], [0.5, 0.5], [-np.log(2)] * 2, -1e300),
        ([1e300, 1e300], [0.5, 0.5], [-np.log(2)] * 2, 1e300),
    ],
)
def test_extreme_logits_exact_values_without_overflow(z, p, log_p, lse):
    with np.errstate(
        over="raise", invalid="raise", divide="raise"
    ):  # any overflow or invalid operation fails the test
        np.testing.assert_allclose(softmax(z), p, rtol=1e-15, atol=0)
        np.testing.assert_allclose(log_softmax(z), log_p, rtol=1e-15, atol=0)
        np.testing.assert_allclose(logsumexp(z), lse, rtol=1e-15, atol=0)


def test_the_naive_formula_fails_where_softmax_does_not():
    # The reason for the shift: without it this input gives nan (so the test above is not
    # trivially satisfied by any formula).
    z = np.array([1000.0, 0.0])
    with np.errstate(over="ignore", invalid="ignore"):
        naive = np.exp(z) / np.exp(z).sum()
    assert np.isnan(naive[0])
    np.testing.assert_allclose(softmax(z), [1.0, 0.0], rtol=0, atol=1e-300)


def test_neg_inf_entries_have_probability_exactly_zero():
    z = np.array([[-np.inf, 0.0, 1.0], [2.0, -np.inf, -np.inf]])
    p = softmax(z)
    np.testing.assert_allclose(p[0, 0], 0.0, rtol=0, atol=0)  # exactly zero
    np.testing.assert_allclose(p[1], [1.0, 0.0, 0.0], rtol=0, atol=0)
    np.testing.assert_allclose(p, sp.softmax(z, axis=-1), **P_TOL)
    log_p = log_softmax(z)
    np.testing.assert_array_equal(np.isneginf(log_p), np.isneginf(z))  # -inf only there
    assert np.isfinite(log_p[np.isfinite(z)]).all()
    np.testing.assert_allclose(log_p, sp.log_softmax(z, axis=-1), **LOG_TOL)
    np.testing.assert_allclose(logsumexp(z), sp.logsumexp(z, axis=-1), **LOG_TOL)


@given(arrays_with_neg_inf(), st.data())
def test_neg_inf_entries_match_scipy(z, data):
    axis = data.draw(st.integers(-z.ndim, z.ndim - 1), label="axis")
    # Every slice along the axis needs one finite entry: make its first entry 0 if it has none.
    z = np.moveaxis(z.copy(), axis, -1)
    z[np.isneginf(z).all(axis=-1), 0] = 0.0
    z = np.moveaxis(z, -1, axis)
    np.testing.assert_allclose(softmax(z, axis=axis), sp.softmax(z, axis=axis), **P_TOL)
    log_p = log_softmax(z, axis=axis)
    np.testing.assert_array_equal(np.isneginf(log_p), np.isneginf(z))
    np.testing.assert_allclose(log_p, sp.log_softmax(z, axis=axis), **LOG_TOL)


def test_all_neg_inf_row():
    z = np.array([[0.0, 1.0], [-np.inf, -np.inf]])
    with pytest.raises(ValueError, match="all -inf"):
        softmax(z)
    with pytest.raises(ValueError, match="all -inf"):
        log_softmax(z)
    # log(0) = -inf is the right answer for the normaliser of an empty row.
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        lse = logsumexp(z)
    np.testing.assert_allclose(lse, [np.log(np.e + 1), -np.inf], rtol=1e-15, atol=0)


@pytest.mark.parametrize("func", [softmax, log_softmax, logsumexp])
def test_float32_in_float32_out_without_overflow(func):
    # exp(100) already overflows float32 (max ~3.4e38): the shift must happen in float32 too.
    z = np.array([[1000.0, 0.0, -1000.0], [1e38, -1e38, 0.0], [3e38, 3e38, 3e38]], np.float32)
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        out = func(z)
    assert out.dtype == np.float32
    expected = getattr(sp, func.__name__)(z.astype(np.float64), axis=-1)
    np.testing.assert_allclose(out, expected, rtol=1e-6, atol=1e-7)


@given(logit_arrays(dtype=np.float32))
def test_float32_agrees_with_float64(z):
    p = softmax(z)
    assert p.dtype == np.float32
    np.testing.assert_allclose(p, sp.softmax(z.astype(np.float64), axis=-1), rtol=0, atol=1e-6)
    np.testing.assert_allclose(p.sum(axis=-1), 1.0, rtol=0, atol=1e-5)


@pytest.mark.parametrize(
    "z",
    [[1, 2, 3], np.array([1, 2, 3]), np.array([1, 2, 3], np.float16), (1.0, 2.0, 3.0)],
    ids=["list", "int", "float16", "tuple"],
)
def test_other_inputs_give_float64(z):
    for func in (softmax, log_softmax, logsumexp, sigmoid):
        assert func(z).dtype == np.float64
    np.testing.assert_allclose(softmax(z), sp.softmax([1.0, 2.0, 3.0]), **P_TOL)


def test_single_class_is_certain():
    np.testing.assert_allclose(softmax([[3.0], [-1e300]]), [[1.0], [1.0]], rtol=0, atol=0)
    np.testing.assert_allclose(log_softmax([[3.0], [-1e300]]), [[0.0], [0.0]], rtol=0, atol=0)


# --- properties over many inputs ------------------------------------------------------------


@given(logit_arrays(), st.data())
def test_softmax_is_a_distribution_along_the_axis(z, data):
    axis = data.draw(st.integers(-z.ndim, z.ndim - 1), label="axis")
    p = softmax(z, axis=axis)
    assert p.shape == z.shape
    assert (p >= 0).all() and (p <= 1).all()
    np.testing.assert_allclose(p.sum(axis=axis), 1.0, rtol=0, atol=1e-14)


@given(logit_arrays(), finite_floats())
def test_shift_invariance(z, c):
    # z + c rounds each logit by up to ulp(2e3)/2 ~ 1e-13, which moves p by that much relative.
    np.testing.assert_allclose(softmax(z + c), softmax(z), rtol=1e-11, atol=1e-300)
    np.testing.assert_allclose(log_softmax(z + c), log_softmax(z), rtol=1e-11, atol=1e-11)
    np.testing.assert_allclose(logsumexp(z + c), logsumexp(z) + c, rtol=1e-13, atol=1e-11)


@given(logit_arrays(), st.data())
def test_exp_of_log_softmax_is_softmax(z, data):
    axis = data.draw(st.integers(-z.ndim, z.ndim - 1), label="axis")
    # exp magnifies an absolute error of ~1e-13 in log p into a relative one of the same size.
    np.testing.assert_allclose(
        np.exp(log_softmax(z, axis=axis)), softmax(z, axis=axis), rtol=1e-12, atol=1e-300
    )


@given(logit_arrays(), st.data())
def test_log_softmax_is_z_minus_logsumexp(z, data):
    axis = data.draw(st.integers(-z.ndim, z.ndim - 1), label="axis")
    lse = logsumexp(z, axis=axis, keepdims=True)
    np.testing.assert_allclose(log_softmax(z, axis=axis), z - lse, rtol=1e-13, atol=1e-12)
    assert (log_softmax(z, axis=axis) <= 0).all()


@given(logit_arrays(), st.data())
def test_logsumexp_is_a_smooth_maximum(z, data):
    axis = data.draw(st.integers(-z.ndim, z.ndim - 1), label="axis")
    lse = logsumexp(z, axis=axis)
    m = z.max(axis=axis)
    k = z.shape[axis]
    slack = 1e-13 * np.maximum(1.0, np.abs(m))
    assert (lse >= m - slack).all()
    assert (lse <= m + np.log(k) + slack).all()


@given(grid_logit_arrays(), st.data())
def test_argmax_is_preserved_with_ties(z, data):
    # On a grid of step 1/8 ties are exact (equal logits give equal probabilities, so both
    # argmaxes take the first) and distinct maxima stay distinct.
    axis = data.draw(st.integers(-z.ndim, z.ndim - 1), label="axis")
    np.testing.assert_array_equal(
        np.argmax(softmax(z, axis=axis), axis=axis), np.argmax(z, axis=axis)
    )


@given(logit_vectors())
def test_argmax_is_preserved(z):
    top_two = np.sort(z)[-2:]
    assume(z.size == 1 or top_two[1] - top_two[0] > 1e-9 * max(1.0, abs(top_two[1])))
    assert np.argmax(softmax(z)) == np.argmax(z)


@given(logit_arrays(max_dims=2), st.data())
def test_matches_scipy_on_random_arrays(z, data):
    axis = data.draw(st.integers(-z.ndim, z.ndim - 1), label="axis")
    np.testing.assert_allclose(softmax(z, axis=axis), sp.softmax(z, axis=axis), **P_TOL)
    np.testing.assert_allclose(log_softmax(z, axis=axis), sp.log_softmax(z, axis=axis), **LOG_TOL)
    np.testing.assert_allclose(logsumexp(z, axis=axis), sp.logsumexp(z, axis=axis), **LOG_TOL)


@given(finite_floats(), finite_floats())
def test_softmax_of_two_is_a_sigmoid(a, b):
    np.testing.assert_allclose(softmax([a, b])[1], sp.expit(b - a), rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(sigmoid(b - a), sp.expit(b - a), rtol=1e-13, atol=1e-300)


# --- the Jacobian ---------------------------------------------------------------------------


def test_jacobian_is_diag_s_minus_s_s_transpose(rng):
    z = 2.0 * rng.standard_normal(5)
    s = sp.softmax(z)
    np.testing.assert_allclose(
        softmax_jacobian(z), np.diag(s) - np.outer(s, s), rtol=1e-13, atol=1e-16
    )


def test_jacobian_of_a_batch_stacks_the_single_jacobians(rng):
    Z = 2.0 * rng.standard_normal((4, 3))
    J = softmax_jacobian(Z)
    assert J.shape == (4, 3, 3)
    for n in range(4):
        np.testing.assert_allclose(J[n], softmax_jacobian(Z[n]), rtol=1e-15, atol=0)


def test_jacobian_at_equal_scores():
    # s = 1/C: J = I/C - 1/C^2, known in closed form.
    C = 4
    np.testing.assert_allclose(
        softmax_jacobian(np.full(C, 7.0)), np.eye(C) / C - 1.0 / C**2, rtol=1e-15, atol=1e-17
    )


def test_jacobian_with_a_neg_inf_score_has_a_zero_row_and_column():
    J = softmax_jacobian([-np.inf, 0.0, 0.0])
    np.testing.assert_allclose(J[0], 0.0, rtol=0, atol=0)
    np.testing.assert_allclose(J[:, 0], 0.0, rtol=0, atol=0)
    np.testing.assert_allclose(J[1:, 1:], [[0.25, -0.25], [-0.25, 0.25]], rtol=1e-15, atol=0)


@given(logit_vectors(bound=50.0))
def test_jacobian_properties(z):
    J = softmax_jacobian(z)
    C = z.shape[0]
    assert J.shape == (C, C)
    np.testing.assert_allclose(J, J.T, rtol=0, atol=1e-16)  # symmetric
    np.testing.assert_allclose(J.sum(axis=1), 0.0, rtol=0, atol=1e-15)  # rows sum to 0
    np.testing.assert_allclose(J @ np.ones(C), 0.0, rtol=0, atol=1e-15)  # 1 in the null space
    # Positive semi-definite: eigvalsh is accurate to ~eps * ||J|| <= 1e-16.
    assert np.linalg.eigvalsh(J).min() >= -1e-14
    # The diagonal is s(1 - s) in [0, 1/4].
    assert (np.diag(J) >= 0).all() and (np.diag(J) <= 0.25 + 1e-16).all()


# --- inputs are left alone ------------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda z: softmax(z, axis=0),
        lambda z: log_softmax(z),
        lambda z: logsumexp(z, axis=0, keepdims=True),
        sigmoid,
        softmax_jacobian,
    ],
    ids=["softmax", "log_softmax", "logsumexp", "sigmoid", "softmax_jacobian"],
)
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_inputs_are_not_modified(rng, call, dtype):
    z = (10.0 * rng.standard_normal((5, 3))).astype(dtype)
    original = z.copy()
    out = call(z)
    np.testing.assert_array_equal(z, original)
    assert not np.shares_memory(out, z)


def test_sigmoid_of_infinities_is_its_limits():
    np.testing.assert_array_equal(sigmoid([-np.inf, np.inf]), [0.0, 1.0])
    out = sigmoid(np.array([np.inf, -np.inf, 0.0], dtype=np.float32))
    assert out.dtype == np.float32
    np.testing.assert_array_equal(out, [1.0, 0.0, 0.5])
    with pytest.raises(ValueError, match="NaN"):
        sigmoid([np.inf, np.nan])
