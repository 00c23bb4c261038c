"""Shared by the practice-checker tests: run a checker's own solution, a stub,
and a bank of typical mistakes, and make sure no message gives the answer away.

Each chapter's test file defines BANK, a dict from checker name to a list of
(expected diagnosis code, wrong implementation) pairs, and gets the standard
tests from ``standard_tests``:

- the solution that ``solution()`` prints passes its checker;
- a stub that raises NotImplementedError gets ``not_implemented``;
- every wrong implementation in the bank gets exactly the diagnosis meant for
  it (not just "fails"), and its message leaks no reference value;
- every checker of the chapter has a bank with at least three different
  diagnoses.
"""

import numpy as np
import pytest


def solution_function(checker):
    """The function defined by the code that ``checker.solution()`` prints."""
    namespace = {}
    code = compile(checker.solution_code, f"<solution of {checker.name}>", "exec")
    exec(code, namespace)
    return namespace[checker.name]


def stub(*args, **kwargs):
    """What a practice notebook's stub cell defines."""
    raise NotImplementedError


def flat(message):
    """The message on one line: wrapping may break any phrase."""
    return " ".join(message.split())


def _floats(obj):
    """Every finite number in obj (arrays, tuples, lists, scalars)."""
    if callable(obj) or obj is None:
        return []
    if isinstance(obj, (tuple, list)) and any(
        isinstance(o, (tuple, list, np.ndarray)) for o in obj
    ):
        return [x for o in obj for x in _floats(o)]
    try:
        arr = np.asarray(obj, dtype=float)
    except (TypeError, ValueError):
        return []
    return [float(x) for x in arr.ravel() if np.isfinite(x)]


def leaked_values(diagnosis):
    """Reference values whose 4-digit form appears in the message although
    neither the inputs nor the reader's own output contain them."""
    seen = np.abs(np.array([x for s in diagnosis.seen for x in _floats(s)] or [np.nan]))
    leaks = []
    for value in {abs(x) for r in diagnosis.references for x in _floats(r)}:
        if not 1e-3 <= value < 1e5 or abs(value - round(value)) < 1e-9:
            continue  # whole numbers appear in shapes, counts and inputs
        if np.any(np.isclose(seen, value, rtol=5e-4, atol=0)):
            continue  # the reader's own number, or an input
        text = f"{value:.4g}"
        if len(text) >= 4 and text in diagnosis.message:
            leaks.append(text)
    return leaks


def assert_diagnosis(checker, fn, code):
    """``fn`` fails ``checker`` with diagnosis ``code`` and leaks nothing."""
    found = checker.diagnose(fn)
    assert not found.passed, f"{checker.name} passed a wrong implementation ({code})"
    assert found.code == code, (
        f"{checker.name}: expected the diagnosis {code!r}, got {found.code!r}:\n{found.message}"
    )
    assert leaked_values(found) == [], (
        f"{checker.name} ({code}) shows reference values {leaked_values(found)}:\n{found.message}"
    )
    assert "practice." + checker.name + ".hint()" in found.message
    assert max(len(line) for line in found.message.splitlines()) <= 79
    return found


def standard_tests(module, bank):
    """The tests every chapter's checkers get; assign them to test_* names."""
    names = list(module.__all__)
    cases = [(name, code, fn) for name, mistakes in bank.items() for code, fn in mistakes]

    @pytest.mark.parametrize("name", names)
    def test_solution_passes(name):
        checker = getattr(module, name)
        found = checker.diagnose(solution_function(checker))
        assert found.passed, found.message
        assert found.code == "correct"
        assert found.message.startswith(f"All {found.message.split()[1]} checks passed")

    @pytest.mark.parametrize("name", names)
    def test_stub_fails_as_not_implemented(name):
        checker = getattr(module, name)
        found = checker.diagnose(stub)
        assert not found.passed
        assert found.code == "not_implemented"
        assert found.message.startswith(f"Not implemented yet: {name} still raises")

    @pytest.mark.parametrize(
        ("name", "code", "fn"), cases, ids=[f"{name}-{code}" for name, code, _ in cases]
    )
    def test_mistake_gets_its_own_diagnosis(name, code, fn):
        assert_diagnosis(getattr(module, name), fn, code)

    def test_every_checker_has_a_bank_of_three_diagnoses():
        assert sorted(bank) == sorted(names)
        for name, mistakes in bank.items():
            codes = {code for code, _ in mistakes}
            assert len(codes) >= 3, f"{name}: only {sorted(codes)}"
            assert "not_implemented" not in codes

    return (
        test_solution_passes,
        test_stub_fails_as_not_implemented,
        test_mistake_gets_its_own_diagnosis,
        test_every_checker_has_a_bank_of_three_diagnoses,
    )
