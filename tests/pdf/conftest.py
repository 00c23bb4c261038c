"""Fixtures for the PDF edition's tests: the PDF that `make book` (or `make pdf`)
built, its LaTeX log, and its text."""

import shutil
import subprocess
from pathlib import Path

import pytest
from _book_sources import normalise

ROOT = Path(__file__).resolve().parents[2]
LATEX = ROOT / "_build" / "latex"
PDF = LATEX / "softmax-regression.pdf"


def _require_pdf():
    if PDF.exists():
        return
    if shutil.which("xelatex") is None:
        pytest.skip(
            "PDF tests skipped: TeX Live (xelatex) not found. Install the README's "
            "system packages to build and test the PDF edition."
        )
    pytest.fail(f"No PDF at {PDF.relative_to(ROOT)}: run `make book` (or `make pdf`) first.")


@pytest.fixture(scope="session")
def pdf():
    _require_pdf()
    return PDF


@pytest.fixture(scope="session")
def latex_log(pdf):
    return pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")


@pytest.fixture(scope="session")
def pdf_pages(pdf):
    """The text of each page, in order (pdftotext, one string per physical page).

    -layout keeps a line of code output on one line even where it has runs of
    spaces, which pdftotext would otherwise read as separate columns.
    """
    out = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return out.split("\f")[:-1] if out.endswith("\f") else out.split("\f")


@pytest.fixture(scope="session")
def pdf_text(pdf_pages):
    return normalise("\n".join(pdf_pages))
