"""The PDF edition's handling of interactive outputs (book/_ext/pdf_edition.py).

The rest of the extension is tested on the built PDF (tests/pdf); no chapter has
an interactive output yet, so this is tested on hand-made output bundles.
"""

import sys
from pathlib import Path

import pytest
from docutils import nodes
from docutils.utils import new_document

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "book" / "_ext"))
import pdf_edition  # noqa: E402


def _typeset_for_latex(outputs):
    """Run the transform on a page holding one output bundle {mime type: content}."""
    bundle = nodes.container(nb_element="mime_bundle")
    for mime_type, content in outputs.items():
        item = nodes.container(mime_type=mime_type)
        item += nodes.raw("", content, format="html")
        bundle += item
    document = new_document("test")
    document += nodes.section("", nodes.paragraph("", "Before."), bundle)
    transform = object.__new__(pdf_edition.InteractiveOutputsToTheSite)
    transform.document = document
    transform.run()
    return document.astext()


@pytest.mark.parametrize(
    "outputs",
    [
        {"text/html": "<div id=q></div><script>quiz()</script>", "text/plain": "<HTML>"},
        {"application/vnd.plotly.v1+json": "{}", "text/html": "<div></div>"},
        {"application/javascript": "alert(1)"},
    ],
)
def test_interactive_output_without_static_form_points_to_the_site(outputs):
    assert _typeset_for_latex(outputs) == "Before.\n\n" + pdf_edition.INTERACTIVE_NOTE


@pytest.mark.parametrize(
    "outputs",
    [
        # a static image alongside: myst-nb picks it
        {"application/vnd.plotly.v1+json": "{}", "image/png": "PNG"},
        # an HTML table (a DataFrame) is not interactive: its text form is fine
        {"text/html": "<table><tr><td>1</td></tr></table>", "text/plain": "   a\n0  1"},
    ],
)
def test_outputs_with_a_static_form_are_left_alone(outputs):
    text = _typeset_for_latex(outputs)
    assert pdf_edition.INTERACTIVE_NOTE not in text
    assert "Before." in text
