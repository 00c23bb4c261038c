"""The practice workbooks on the website: each page shows its check cells'
"not implemented yet" output and offers the notebook for download, which is
how a reader gets a workbook to fill in."""

import json
from urllib.parse import urlsplit

import pytest
from test_site import PAGES

WORKBOOKS = [p for p in PAGES if p.startswith("book/practice/practice_")]


def test_every_chapter_of_the_derivation_has_a_workbook_in_the_toc():
    assert len(WORKBOOKS) >= 8
    assert "book/practice/index" in PAGES


@pytest.mark.parametrize("name", WORKBOOKS)
def test_workbook_page_shows_the_stub_output_and_offers_the_notebook(visit, name):
    record = visit(name)
    page = record.page
    outputs = page.evaluate(
        "() => Array.from(document.querySelectorAll('.cell_output pre')).map(pre => pre.innerText)"
    )
    stubs = [text for text in outputs if text.startswith("Not implemented yet: ")]
    assert len(stubs) >= 3, f"{name}: check outputs {outputs}"
    links = page.evaluate(
        "() => Array.from(document.querySelectorAll('a[href$=\".ipynb\"]')).map(a => a.href)"
    )
    assert links, f"{name}: no download link to the notebook"
    response = page.request.get(links[0])
    assert response.status == 200
    assert urlsplit(links[0]).path.endswith(name.split("/")[-1] + ".ipynb")
    notebook = json.loads(response.text())
    sources = ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]
    assert sum("raise NotImplementedError" in s for s in sources) == len(stubs)
