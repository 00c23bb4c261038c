"""The machinery shared by every checker (softmax_tutorial.practice._core):
how the reader's function is run, and how what goes wrong is reported."""

import signal
import warnings

import numpy as np
import pytest
from _practice_helpers import flat, leaked_values

from softmax_tutorial.practice import Checker, Diagnosis
from softmax_tutorial.practice import chapter02 as practice
from softmax_tutorial.practice._core import show


def _double_procedure(t):
    """A small checker for these tests: double(a) must return 2 * a."""
    t.stage("doubles a vector")
    a = np.array([1.0, 2.5, -4.0])
    out = t.array(t.call(a), "double(a)")
    t.require_shape(out, a.shape, "double(a)")
    t.require_finite(out, "double(a)")
    expected = t.ref(2 * a)
    if not t.close(out, expected, rtol=1e-12, atol=0):
        t.mismatch(out, expected, "double(a)", rtol=1e-12, atol=0)


def make_checker(time_limit=10.0):
    return Checker(
        "double",
        "double(a)",
        _double_procedure,
        hint="Multiply by two.",
        solution="def double(a):\n    return 2 * a\n",
        time_limit=time_limit,
    )


def _helper_that_fails(a):
    return a.reshape(7)  # cannot reshape 3 numbers into 7


def calls_a_failing_helper(a):
    b = a + 1
    return _helper_that_fails(b)


def test_a_correct_function_passes_and_lists_the_checks():
    found = make_checker().diagnose(lambda a: 2 * a)
    assert found.passed and found.code == "correct"
    assert found.message.splitlines()[:2] == ["All 1 checks passed:", "  1. doubles a vector"]


def test_an_exception_is_reported_with_its_type_message_and_the_readers_line():
    found = make_checker().diagnose(calls_a_failing_helper)
    assert found.code == "raised"
    text = flat(found.message)
    assert "double raised ValueError: cannot reshape array of size 3 into shape (7,)" in text
    # The deepest line of the file the function came from: the helper's line.
    assert "It happened in _helper_that_fails, line 2 of the function:" in text
    assert "`return a.reshape(7) # cannot reshape 3 numbers into 7`" in text


def test_a_wrong_signature_is_named():
    found = practice.softmax.diagnose(lambda z: np.exp(z) / np.exp(z).sum(-1, keepdims=True))
    assert found.code == "raised"
    assert "The exercise asks for the signature softmax(z, axis=-1)" in flat(found.message)


def test_mutation_names_the_argument_and_the_first_changed_entry():
    def doubles_in_place(a):
        a *= 2
        return a

    found = make_checker().diagnose(doubles_in_place)
    assert found.code == "mutated_input"
    text = flat(found.message)
    assert "double changed its argument a in place: entry 0 was 1 before the call and is 2" in text


def test_a_change_in_the_last_digits_is_shown_in_full():
    def nudges(a):
        a[1] += 1e-15
        return 2 * a

    text = flat(make_checker().diagnose(nudges).message)
    assert "entry 1 was 2.5 before the call and is 2.500000000000001 after" in text


def test_an_endless_loop_is_stopped_by_the_time_limit():
    def endless(a):
        while True:
            try:
                a = a + 0
            except Exception:  # cannot swallow the time limit
                pass

    previous = signal.getsignal(signal.SIGALRM)
    found = make_checker(time_limit=0.2).diagnose(endless)
    assert found.code == "timeout"
    assert "was still running after 0.2 seconds" in flat(found.message)
    assert signal.getsignal(signal.SIGALRM) is previous
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_the_result_instead_of_the_function_is_explained():
    found = practice.softmax.diagnose(np.array([0.2, 0.8]))
    assert found.code == "not_callable"
    assert "practice.softmax.check(softmax) (no parentheses after softmax)" in flat(found.message)
    assert "ndarray [0.2, 0.8]" in found.message


@pytest.mark.parametrize(
    ("fn", "code", "words"),
    [
        (lambda a: None, "returned_none", "double returned None. Did you forget the `return`"),
        (lambda a: "2a", "wrong_type", "double(a) should be an array of numbers, but double"),
        (lambda a: 2 * a[:2], "wrong_shape", "double(a) should have shape (3,), but yours has"),
        (lambda a: a / 0.0, "not_finite", "double(a) contains inf at 0 (numpy warned: divide"),
        (lambda a: 3 * a, "wrong_values", "double(a) is not right at entry 2: yours is -12 there"),
    ],
)
def test_generic_problems(fn, code, words):
    found = make_checker().diagnose(fn)
    assert found.code == code
    assert words in flat(found.message)
    assert found.stage == "doubles a vector"


def test_a_check_that_cannot_read_the_output_reports_instead_of_crashing():
    def procedure(t):
        t.stage("reads a field")
        t.call(1.0).field  # noqa: B018

    checker = Checker("f", "f(x)", procedure, hint="", solution="def f(x):\n    return x\n")
    found = checker.diagnose(lambda x: 2.0)
    assert found.code == "checker_error"
    assert "could not make sense of what f returned (AttributeError" in flat(found.message)


def test_numpy_warnings_are_reported_not_printed():
    def naive(z, axis=-1):
        return np.exp(z) / np.exp(z).sum(axis=axis, keepdims=True)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        found = practice.softmax.diagnose(naive)
    assert caught == []
    assert "numpy warned: overflow encountered in exp" in flat(found.message)


def test_check_prints_the_message_and_returns_nothing(capsys):
    checker = make_checker()
    assert checker.check(lambda a: 3 * a) is None
    printed = capsys.readouterr().out
    assert printed == checker.diagnose(lambda a: 3 * a).message + "\n"
    assert flat(printed).endswith("For a nudge: practice.double.hint()")


def test_hint_and_solution_print(capsys):
    checker = make_checker()
    checker.hint()
    assert capsys.readouterr().out == "Multiply by two.\n"
    checker.solution()
    assert capsys.readouterr().out == "def double(a):\n    return 2 * a\n"


def test_messages_fit_in_79_columns():
    def naive(z, axis=-1):
        return np.exp(z) / np.exp(z).sum(axis=axis, keepdims=True)

    message = practice.softmax.diagnose(naive).message
    assert max(len(line) for line in message.splitlines()) <= 79


def test_the_leak_detector_can_fail():
    """The bank tests rely on leaked_values: it must see a reference value
    that the message shows, and ignore one that the reader returned."""
    reference = np.array([0.09003057, 0.24472847])
    leaking = Diagnosis(False, "x", "should be 0.09003 here", references=(reference,))
    assert leaked_values(leaking) == ["0.09003"]
    own = Diagnosis(
        False, "x", "yours is 0.09003", references=(reference,), seen=(np.array([0.09003]),)
    )
    assert leaked_values(own) == []


def test_show_is_short_and_stable():
    assert show(np.array([[1.0, 2.5], [-1e-300, np.inf]])) == "[[1, 2.5], [-1e-300, inf]]"
    assert show(np.arange(30.0)) == "an array of shape (30,) starting 0, 1, 2, ..."
    assert show(np.float64(0.123456)) == "0.1235"
