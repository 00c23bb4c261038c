"""The workbooks in book/practice/ as a reader uses them: fill a stub cell, run
the check cell, read what it prints.

The cells are run in order in one namespace (plain Python: they use no IPython
syntax), with the stub cell replaced by the reader's attempt. nbval checks the
stored outputs; these tests check that the cells are wired right: each stub
defines the function its check cell checks, a correct answer gets "Correct.",
and a typical mistake gets its diagnosis.
"""

import contextlib
import io
import json
import re
from pathlib import Path

import pytest
from _practice_helpers import flat

from softmax_tutorial.practice import (
    chapter01,
    chapter02,
    chapter03,
    chapter04,
    chapter05,
    chapter06,
    chapter07,
    chapter08,
)

BOOK = Path(__file__).resolve().parents[2] / "book"
WORKBOOKS = sorted((BOOK / "practice").glob("practice_*.ipynb"))
MODULES = [chapter01, chapter02, chapter03, chapter04, chapter05, chapter06, chapter07, chapter08]


def code_cells(path):
    cells = json.loads(path.read_text())["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]


def run_workbook(path, answers):
    """Run the code cells of ``path`` with the stub of each function named in
    ``answers`` replaced by that code; return what each check cell printed."""
    namespace, printed = {}, {}
    for source in code_cells(path):
        stub = re.match(r"def (\w+)\(", source)
        if stub and stub.group(1) in answers:
            source = answers[stub.group(1)]
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(source, f"<{path.name}>", "exec"), namespace)
        check = re.match(r"practice\.(\w+)\.check\(", source)
        if check:
            printed[check.group(1)] = out.getvalue()
    return printed


def test_one_workbook_per_chapter_with_three_checked_exercises():
    assert [p.name[:11] for p in WORKBOOKS] == [f"practice_0{k}" for k in range(1, 9)]
    for path, module in zip(WORKBOOKS, MODULES, strict=True):
        sources = code_cells(path)
        assert (
            f"from softmax_tutorial.practice import {module.__name__[-9:]} as practice"
            in (sources[0])
        )
        checks = [re.match(r"practice\.(\w+)\.check\((\w+)\)", s) for s in sources]
        checked = [m.group(1) for m in checks if m]
        assert checked == list(module.__all__), path.name
        assert all(m.group(1) == m.group(2) for m in checks if m)
        assert len(checked) >= 3


@pytest.mark.parametrize("path", WORKBOOKS, ids=lambda p: p.stem)
def test_as_shipped_every_check_says_not_implemented(path):
    printed = run_workbook(path, {})
    assert printed and all(text.startswith("Not implemented yet: ") for text in printed.values())


@pytest.mark.parametrize(
    ("path", "module"),
    list(zip(WORKBOOKS, MODULES, strict=True)),
    ids=[p.stem for p in WORKBOOKS],
)
def test_filled_with_the_solutions_every_check_says_correct(path, module):
    answers = {name: getattr(module, name).solution_code for name in module.__all__}
    printed = run_workbook(path, answers)
    assert sorted(printed) == sorted(answers)
    for name, text in printed.items():
        assert text.startswith("All ") and "\nCorrect." in text, f"{name}:\n{text}"


def test_a_typical_mistake_in_a_workbook_gets_its_diagnosis():
    """The user trial of the report, as a test: chapter 2's softmax without the
    shift by the maximum."""
    attempt = (
        "def softmax(z, axis=-1):\n"
        "    e = np.exp(z)\n"
        "    return e / e.sum(axis=axis, keepdims=True)\n"
    )
    printed = run_workbook(WORKBOOKS[1], {"softmax": attempt})
    text = flat(printed["softmax"])
    assert text.startswith(
        "Check 3, scores of 1000 (overflow): softmax(z) for z = [[1000, 1, 999]]"
    )
    assert "Subtract each row's maximum before exp" in text
    assert text.endswith("For a nudge: practice.softmax.hint()")
