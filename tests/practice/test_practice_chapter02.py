"""Chapter 2's checkers: softmax, logsumexp, log_softmax."""

import numpy as np
from _practice_helpers import flat, standard_tests

from softmax_tutorial.practice import chapter02 as practice

# -- softmax -------------------------------------------------------------------


def softmax_no_shift(z, axis=-1):
    e = np.exp(z)
    return e / e.sum(axis=axis, keepdims=True)


def softmax_down_the_columns(z, axis=-1):
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def softmax_unnormalised(z, axis=-1):
    return np.exp(z)


def softmax_whole_array(z, axis=-1):
    e = np.exp(z - z.max())
    return e / e.sum()  # scipy.special.softmax's default axis=None


def softmax_global_max(z, axis=-1):
    e = np.exp(z - z.max())
    return e / e.sum(axis=axis, keepdims=True)


def softmax_ignores_axis(z, axis=-1):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def softmax_in_place(z, axis=-1):
    z -= z.max(axis=axis, keepdims=True)
    np.exp(z, out=z)
    return z / z.sum(axis=axis, keepdims=True)


def softmax_forgets_return(z, axis=-1):
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    e / e.sum(axis=axis, keepdims=True)  # noqa: B018 (the mistake)


def softmax_without_keepdims(z, axis=-1):
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis)


# -- logsumexp -------------------------------------------------------------------


def lse_keeps_axis(z, axis=-1):
    m = z.max(axis=axis, keepdims=True)
    return m + np.log(np.exp(z - m).sum(axis=axis, keepdims=True))


def lse_down_the_columns(z, axis=-1):
    m = z.max(axis=0, keepdims=True)
    return (m + np.log(np.exp(z - m).sum(axis=0, keepdims=True)))[0]


def lse_forgets_the_max(z, axis=-1):
    m = z.max(axis=axis, keepdims=True)
    return np.log(np.exp(z - m).sum(axis=axis))


def lse_ignores_axis(z, axis=-1):
    m = z.max(axis=-1, keepdims=True)
    return (m + np.log(np.exp(z - m).sum(axis=-1, keepdims=True)))[..., 0]


def lse_no_shift(z, axis=-1):
    return np.log(np.exp(z).sum(axis=axis))


def lse_global_max(z, axis=-1):
    m = z.max()
    return m + np.log(np.exp(z - m).sum(axis=axis))


# -- log_softmax -------------------------------------------------------------------


def _stable_softmax(z, axis=-1):
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def log_softmax_returns_softmax(z, axis=-1):
    return _stable_softmax(z, axis)


def log_softmax_without_keepdims(z, axis=-1):
    m = z.max(axis=axis, keepdims=True)
    lse = np.squeeze(m, axis) + np.log(np.exp(z - m).sum(axis=axis))
    return z - lse


def log_softmax_forgets_the_sum(z, axis=-1):
    return z - z.max(axis=axis, keepdims=True)


def log_softmax_down_the_columns(z, axis=-1):
    m = z.max(axis=0, keepdims=True)
    return z - m - np.log(np.exp(z - m).sum(axis=0, keepdims=True))


def log_softmax_ignores_axis(z, axis=-1):
    m = z.max(axis=-1, keepdims=True)
    return z - m - np.log(np.exp(z - m).sum(axis=-1, keepdims=True))


def log_of_softmax(z, axis=-1):
    return np.log(_stable_softmax(z, axis))


def log_of_softmax_plus_eps(z, axis=-1):
    return np.log(_stable_softmax(z, axis) + 1e-12)


def log_softmax_no_shift(z, axis=-1):
    return z - np.log(np.exp(z).sum(axis=axis, keepdims=True))


def log_softmax_global_max(z, axis=-1):
    m = z.max()
    return z - m - np.log(np.exp(z - m).sum(axis=axis, keepdims=True))


BANK = {
    "softmax": [
        ("no_max_shift", softmax_no_shift),
        ("wrong_axis", softmax_down_the_columns),
        ("not_normalised", softmax_unnormalised),
        ("normalised_whole_array", softmax_whole_array),
        ("global_max_shift", softmax_global_max),
        ("ignores_axis", softmax_ignores_axis),
        ("mutated_input", softmax_in_place),
        ("returned_none", softmax_forgets_return),
        ("raised", softmax_without_keepdims),
    ],
    "logsumexp": [
        ("kept_dims", lse_keeps_axis),
        ("wrong_axis", lse_down_the_columns),
        ("max_not_added", lse_forgets_the_max),
        ("ignores_axis", lse_ignores_axis),
        ("no_max_shift", lse_no_shift),
        ("global_max_shift", lse_global_max),
    ],
    "log_softmax": [
        ("returned_softmax", log_softmax_returns_softmax),
        ("missing_keepdims", log_softmax_without_keepdims),
        ("missing_log_sum", log_softmax_forgets_the_sum),
        ("wrong_axis", log_softmax_down_the_columns),
        ("ignores_axis", log_softmax_ignores_axis),
        ("log_of_softmax", log_of_softmax),
        ("log_epsilon", log_of_softmax_plus_eps),
        ("no_max_shift", log_softmax_no_shift),
        ("global_max_shift", log_softmax_global_max),
    ],
}

(
    test_solution_passes,
    test_stub_fails_as_not_implemented,
    test_mistake_gets_its_own_diagnosis,
    test_every_checker_has_a_bank_of_three_diagnoses,
) = standard_tests(practice, BANK)


def test_overflow_message_says_what_to_fix():
    found = flat(practice.softmax.diagnose(softmax_no_shift).message)
    assert "Subtract each row's maximum before exp" in found
    assert "overflow encountered in exp" in found  # numpy's own warning, quoted


def test_missing_keepdims_error_names_the_line_and_the_fix():
    found = flat(practice.softmax.diagnose(softmax_without_keepdims).message)
    assert "ValueError: operands could not be broadcast" in found
    assert "softmax_without_keepdims, line 3 of the function" in found
    assert "`return e / e.sum(axis=axis)`" in found
    assert "keepdims=True" in found
