"""The machinery every practice checker shares: run the reader's function
safely, notice the generic mistakes, and word the finding (private).

A checker is a :class:`Checker` built from a *procedure*, a function of one
:class:`Trial`. The procedure declares its checks one after another with
``trial.stage(title)``, calls the reader's function with ``trial.call(...)``
and stops at the first problem with ``trial.fail(code, text)``. Everything a
reader's function can do wrong whatever the exercise is handled here, once:

- it still raises ``NotImplementedError`` (the stub): ``not_implemented``;
- it raises anything else: ``raised``, with the exception and the line of the
  reader's code where it happened;
- it runs for longer than the time limit (an endless loop): ``timeout``;
- it changes an argument in place: ``mutated_input``, with the first entry
  that changed (every call gets its own copies, so the check can compare);
- it returns ``None`` (a forgotten ``return``): ``returned_none``;
- it returns something that is not numbers: ``wrong_type``;
- a shape, or a nan or inf, where the procedure asks for it:
  ``wrong_shape`` and ``not_finite``.

Messages show the reader's inputs and the reader's own output, and describe
the property that fails; they never show the reference output.
"""

import contextlib
import copy
import linecache
import re
import signal
import textwrap
import threading
import traceback
import warnings
from dataclasses import dataclass, field

import numpy as np

__all__ = ["Checker", "Diagnosis", "Trial", "exercise", "show"]

_WIDTH = 79


@dataclass(frozen=True)
class Diagnosis:
    """What :meth:`Checker.diagnose` found.

    Attributes
    ----------
    passed : bool
        True when every check passed.
    code : str
        ``"correct"``, or a stable name for the first problem found
        (``"not_implemented"``, ``"no_max_shift"``, ...): the tests assert it.
    message : str
        The text ``check()`` prints: the problem, then the verdict.
    stage : str
        The title of the check that failed ("" if none did).
    """

    passed: bool
    code: str
    message: str
    stage: str = ""
    # Everything the procedure compared with (references) and everything the
    # reader's function received or returned (seen): the tests use them to
    # make sure no message gives the answer away.
    references: tuple = field(default=(), repr=False, compare=False)
    seen: tuple = field(default=(), repr=False, compare=False)

    def __str__(self):
        return self.message


class _Problem(Exception):
    """Raised by a procedure to stop at the first problem found."""

    def __init__(self, code, text):
        super().__init__(code)
        self.code = code
        self.text = text


class _TimeLimit(BaseException):
    """Raised by the alarm; a BaseException, so ``except Exception`` in the
    reader's code cannot swallow it."""


@contextlib.contextmanager
def _time_limit(seconds):
    """Interrupt the block after ``seconds`` (main thread on Unix only;
    elsewhere the block simply runs without a limit)."""
    usable = (
        seconds
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def alarm(signum, frame):
        raise _TimeLimit

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _num(x):
    """A number as a reader would write it: 4 significant digits."""
    x = float(x)
    if not np.isfinite(x):
        return str(x)
    return f"{x:.4g}"


def _nested(a):
    if a.ndim == 0:
        return _num(a) if a.dtype.kind == "f" else str(a.item())
    return "[" + ", ".join(_nested(row) for row in a) + "]"


def show(a):
    """A short, stable, one-line text form of ``a`` for messages: numbers to
    4 significant digits, as nested lists; large arrays summarised."""
    if isinstance(a, (bool, np.bool_)):
        return str(bool(a))
    try:
        arr = np.asarray(a)
    except Exception:  # ragged lists and other odd objects
        arr = np.asarray(None)
    if arr.dtype.kind not in "biuf":
        text = repr(a)
        return text if len(text) <= 60 else text[:57] + "..."
    if arr.dtype.kind == "b":
        arr = arr.astype(int)
    if arr.size <= 24:
        return _nested(arr)
    flat = arr.ravel()
    first = ", ".join(_nested(v) for v in flat[:3])
    return f"an array of shape {arr.shape} starting {first}, ..."


def _first_difference(before, after):
    """Where and how ``after`` differs from ``before``, or None if equal."""
    if isinstance(before, np.ndarray) or isinstance(after, np.ndarray):
        b, a = np.asarray(before), np.asarray(after)
        if b.shape != a.shape:
            return f"its shape was {b.shape} and is now {a.shape}"
        if b.dtype != a.dtype:
            return f"its dtype was {b.dtype} and is now {a.dtype}"
        try:
            differs = ~((b == a) | (np.isnan(b) & np.isnan(a)))
        except TypeError:
            differs = b != a
        if not differs.any():
            return None
        where = tuple(int(i) for i in np.argwhere(differs)[0])
        at = where if len(where) != 1 else where[0]
        was, now = show(b[where]), show(a[where])
        if was == now:  # a change in the last digits: show them all
            was, now = repr(b[where].item()), repr(a[where].item())
        return f"entry {at} was {was} before the call and is {now} after"
    if isinstance(before, (list, tuple)) and isinstance(after, (list, tuple)):
        if len(before) != len(after):
            return f"its length was {len(before)} and is now {len(after)}"
        for i, (b, a) in enumerate(zip(before, after, strict=True)):
            found = _first_difference(b, a)
            if found:
                return f"item {i}: {found}"
        return None
    if isinstance(before, (int, float, str, np.number)):
        return None if before == after else f"it was {before!r} and is now {after!r}"
    return None


def _parameter_names(signature):
    """``"softmax(z, axis=-1)"`` -> ``["z", "axis"]``."""
    inside = signature[signature.index("(") + 1 : signature.rindex(")")]
    return [part.split("=")[0].strip() for part in inside.split(",") if part.strip()]


def _where_raised(exc, fn):
    """The reader's line where ``exc`` started, as text ("" if unknown).

    The deepest frame of the traceback that belongs to the file (notebook
    cell) where the reader's function was defined: the reader's own line,
    even when the error itself happened inside numpy.
    """
    code = getattr(fn, "__code__", None)
    if code is None:
        return ""
    where = ""
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        if frame.f_code.co_filename != code.co_filename:
            continue
        line = linecache.getline(frame.f_code.co_filename, lineno).strip()
        offset = lineno - frame.f_code.co_firstlineno + 1
        name = frame.f_code.co_name
        where = f" It happened in {name}, line {offset} of the function"
        where += f": `{line}`." if line else "."
    return where


def _wrap(text):
    """Wrap each line of ``text`` at 79 columns; indented lines (arrays,
    code) are kept as they are."""
    out = []
    for line in text.strip("\n").split("\n"):
        if line.startswith("  ") or len(line) <= _WIDTH:
            out.append(line)
        else:
            out.append(
                textwrap.fill(
                    line,
                    _WIDTH,
                    break_long_words=False,
                    break_on_hyphens=False,
                )
            )
    return "\n".join(out)


class Trial:
    """One run of a checker's procedure on the reader's function.

    The procedure uses:

    - ``stage(title)`` to start a new check (its title appears in the report);
    - ``call(*args, **kwargs)`` to run the reader's function on copies of the
      arguments, handling the generic mistakes listed in the module docstring;
    - ``array(out, what)`` / ``scalar(out, what)`` to read the output as
      numbers, ``require_shape`` and ``require_finite`` for the common
      properties;
    - ``ref(value)`` for every reference value it compares with (recorded,
      so the tests can check that no message leaks it);
    - ``fail(code, text)`` to stop at the first problem;
    - ``mismatch(...)``, the last resort when no specific diagnosis fits.
    """

    def __init__(self, fn, name, signature, time_limit):
        self.fn = fn
        self.name = name
        self.signature = signature
        self.params = _parameter_names(signature)
        self.time_limit = time_limit
        self.stages = []
        self.warnings = []
        self.references = []
        self.seen = []

    # -- checks and problems ------------------------------------------------
    def stage(self, title):
        """Start the next check."""
        self.stages.append(title)

    def fail(self, code, text):
        """Stop: ``text`` is the first problem found, ``code`` its name."""
        raise _Problem(code, text)

    def ref(self, value):
        """Record a reference value (never shown) and return it."""
        self.references.append(value)
        return value

    # -- running the reader's function ------------------------------------------
    def call(self, *args, **kwargs):
        """``fn(*args, **kwargs)`` on deep copies of the arguments.

        Stops with ``not_implemented``, ``raised``, ``timeout``,
        ``mutated_input`` or ``returned_none``; otherwise returns the output.
        Warnings (numpy's overflow, ...) are collected in ``self.warnings``
        instead of being printed.
        """
        given_args = copy.deepcopy(args)
        given_kwargs = copy.deepcopy(kwargs)
        self.seen.extend(a for a in args if not callable(a))
        try:
            with (
                _time_limit(self.time_limit),
                warnings.catch_warnings(record=True) as caught,
                np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"),
            ):
                warnings.simplefilter("always")
                out = self.fn(*given_args, **given_kwargs)
        except NotImplementedError:
            self.fail(
                "not_implemented",
                f"Not implemented yet: {self.name} still raises "
                "NotImplementedError. Replace that line with your code, run "
                "the cell, then run this check again.",
            )
        except _TimeLimit:
            self.fail(
                "timeout",
                f"{self.name} was still running after {self.time_limit:g} "
                "seconds on a small problem, so it was stopped. Is there a loop "
                "whose stopping condition is never met?",
            )
        except Exception as exc:  # the reader's error, reported, not raised
            self.fail("raised", self._explain_exception(exc))
        self.warnings = list(dict.fromkeys(str(w.message) for w in caught))
        names = self.params[: len(args)] + list(kwargs)
        originals = list(args) + list(kwargs.values())
        changed = list(given_args) + list(given_kwargs.values())
        for name, before, after in zip(names, originals, changed, strict=False):
            found = _first_difference(before, after)
            if found:
                self.fail(
                    "mutated_input",
                    f"{self.name} changed its argument {name} in place: {found}. "
                    "A function like this must leave its inputs as it found them "
                    "(the caller may still need them): compute into a new array, "
                    "for instance `a = a - m` instead of `a -= m`, or start from "
                    "`a = a.copy()`.",
                )
        if out is None:
            self.fail(
                "returned_none",
                f"{self.name} returned None. Did you forget the `return` statement?",
            )
        self.seen.append(out)
        return out

    def _explain_exception(self, exc):
        kind = type(exc).__name__
        text = f"{self.name} raised {kind}: {exc}." if str(exc) else f"{self.name} raised {kind}."
        text += _where_raised(exc, self.fn)
        if isinstance(exc, TypeError) and "argument" in str(exc):
            text += f" The exercise asks for the signature {self.signature}."
        if isinstance(exc, ValueError) and "broadcast" in str(exc):
            text += (
                " A reduction such as `a.sum(axis=axis)` drops that axis; with "
                "`keepdims=True` it keeps it (with length 1), so the result "
                "broadcasts against `a`."
            )
        return text

    # -- reading the output ---------------------------------------------------
    def array(self, out, what, *, kind="f"):
        """The output as a numpy array of numbers (``kind`` "f" float, "i" int)."""
        try:
            arr = np.asarray(out)
        except Exception:  # ragged lists and other odd objects
            arr = np.asarray(None)
        ok = arr.dtype.kind in ("biuf" if kind == "f" else "biu")
        if kind == "i" and arr.dtype.kind == "f" and arr.size and np.isfinite(arr).all():
            ok = bool(np.all(arr == np.round(arr)))
        if not ok:
            wanted = "an array of numbers" if kind == "f" else "an array of integer labels"
            self.fail(
                "wrong_type",
                f"{what} should be {wanted}, but {self.name} returned "
                f"{type(out).__name__} {show(out)}.",
            )
        return arr.astype(float) if kind == "f" else arr.astype(np.intp)

    def scalar(self, out, what):
        """The output as one float; a (1,)-array or numpy scalar is accepted."""
        arr = self.array(out, what)
        if arr.size != 1:
            self.fail(
                "wrong_shape",
                f"{what} should be a single number, but {self.name} returned an "
                f"array of shape {arr.shape}.",
            )
        return float(arr.reshape(()))

    def require_shape(self, arr, shape, what, why=""):
        """Stop with ``wrong_shape`` unless ``arr.shape == shape``."""
        if tuple(arr.shape) != tuple(shape):
            self.fail(
                "wrong_shape",
                f"{what} should have shape {tuple(shape)}{why}, but yours has "
                f"shape {tuple(arr.shape)}.",
            )

    def require_finite(self, arr, what, *, code="not_finite", why=""):
        """Stop with ``code`` if ``arr`` holds nan or inf."""
        bad = ~np.isfinite(arr)
        if bad.any():
            where = tuple(int(i) for i in np.argwhere(bad)[0])
            at = f" at {where if len(where) != 1 else where[0]}" if arr.ndim else ""
            value = arr[where] if arr.ndim else arr
            self.fail(code, f"{what} contains {show(value)}{at}{self.warned()}.{why}")

    def warned(self):
        """ ", numpy warned: ..." for the warnings of the last call, or ""."""
        if not self.warnings:
            return ""
        return " (numpy warned: " + "; ".join(self.warnings) + ")"

    # -- comparing ---------------------------------------------------------------
    @staticmethod
    def close(a, b, *, rtol, atol):
        """Same shape and equal within the tolerances (nan never equal)."""
        a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
        if b.ndim and a.shape != b.shape:
            return False
        return bool(np.allclose(a, b, rtol=rtol, atol=atol))

    def mismatch(self, arr, reference, what, *, rtol, atol, advice=""):
        """The last resort: ``arr`` is not ``reference`` and no specific
        diagnosis fits. Names the worst entry with the reader's value only."""
        arr = np.asarray(arr, dtype=float)
        reference = np.asarray(reference, dtype=float)
        error = np.abs(arr - reference) - (atol + rtol * np.abs(reference))
        error = np.where(np.isnan(error), np.inf, error)
        where = np.unravel_index(int(np.argmax(error)), arr.shape) if arr.ndim else ()
        at = ""
        if arr.ndim:
            index = tuple(int(i) for i in where)
            at = f" at entry {index if len(index) != 1 else index[0]}"
        self.fail(
            "wrong_values",
            f"{what} is not right{at}: yours is {show(arr[where])} there, which is "
            f"not within the tolerance (rtol={rtol:g}, atol={atol:g}) of the "
            f"correct value. {advice}".rstrip(),
        )


class Checker:
    """A practice exercise: check a reader's function, give a hint, show a solution.

    Parameters
    ----------
    name : str
        The function the reader writes, e.g. ``"softmax"``.
    signature : str
        Its signature as the exercise states it, e.g. ``"softmax(z, axis=-1)"``.
    procedure : callable
        ``procedure(trial)``: the checks, see :class:`Trial`.
    hint : str
        A nudge, printed by :meth:`hint`.
    solution : str
        Source code of one correct answer, printed by :meth:`solution`. The
        tests run this very code through the checker: it must pass.
    time_limit : float, default=10.0
        Seconds one call of the reader's function may take (endless loops).
    """

    def __init__(self, name, signature, procedure, *, hint, solution, time_limit=10.0):
        self.name = name
        self.signature = signature
        self._procedure = procedure
        self._hint = textwrap.dedent(hint).strip()
        self.solution_code = textwrap.dedent(solution).strip() + "\n"
        self.time_limit = time_limit
        self.__doc__ = procedure.__doc__

    def __repr__(self):
        return f"<practice exercise {self.signature}: .check({self.name}), .hint(), .solution()>"

    def diagnose(self, fn):
        """Run the checks on ``fn``; return a :class:`Diagnosis` (prints nothing)."""
        if not callable(fn):
            got = f"{type(fn).__name__} {show(fn)}".strip()
            message = _wrap(
                f"check() needs your function itself, as in "
                f"practice.{self.name}.check({self.name}) (no parentheses after "
                f"{self.name}), but it was given {got}.\nNot yet."
            )
            return Diagnosis(False, "not_callable", message)
        trial = Trial(fn, self.name, self.signature, self.time_limit)
        try:
            self._procedure(trial)
        except _Problem as problem:
            return self._failed(trial, problem.code, problem.text)
        except Exception as exc:  # the output fooled a check: say so, do not crash
            text = (
                f"The checker could not make sense of what {self.name} returned "
                f"({type(exc).__name__}: {exc}). Check the type and shape of "
                "your output against the exercise."
            )
            return self._failed(trial, "checker_error", text)
        done = "\n".join(f"  {i}. {title}" for i, title in enumerate(trial.stages, 1))
        message = (
            f"All {len(trial.stages)} checks passed:\n{done}\n"
            f"Correct. practice.{self.name}.solution() shows the book's version, "
            "to compare with yours."
        )
        return Diagnosis(
            True,
            "correct",
            _wrap(message),
            references=tuple(trial.references),
            seen=tuple(trial.seen),
        )

    def _failed(self, trial, code, text):
        stage = trial.stages[-1] if trial.stages else ""
        passed = max(len(trial.stages) - 1, 0)
        if code == "not_implemented":
            head, verdict = text, "Not yet."
        else:
            head = f"Check {len(trial.stages)}, {stage}: {text}"
            before = {0: "No check", 1: "1 check"}.get(passed, f"{passed} checks")
            verdict = f"Not yet. {before} passed before this one; fix this and run the check again."
        message = f"{head}\n{verdict} For a nudge: practice.{self.name}.hint()"
        return Diagnosis(
            False,
            code,
            _wrap(message),
            stage=stage,
            references=tuple(trial.references),
            seen=tuple(trial.seen),
        )

    def check(self, fn):
        """Check ``fn`` and print what was found: the first problem and the
        verdict, or the list of checks passed."""
        print(self.diagnose(fn).message)

    def hint(self):
        """Print a hint."""
        print(_wrap(self._hint))

    def solution(self):
        """Print one correct answer."""
        print(self.solution_code, end="")


def exercise(signature, *, hint, solution, time_limit=10.0):
    """Decorator: turn a procedure ``def softmax(trial): ...`` into the
    :class:`Checker` named after it."""

    def make(procedure):
        name = re.match(r"\s*(\w+)", signature).group(1)
        return Checker(
            name, signature, procedure, hint=hint, solution=solution, time_limit=time_limit
        )

    return make
