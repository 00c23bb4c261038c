"""The PDF edition as `make book` built it from a clean _build.

LaTeX reported no error, no undefined reference and no character missing from
its fonts; every page of the toc is in the PDF, in toc order and numbered as on
the site; each chapter's first proposition, first code line, figures and
solutions (collected at the chapter's end) are there; the bibliography and the
Chinese glossary terms are in the text; the CJK subset font is embedded. A few
pages are rendered to PNG in _build/pdf-pages/ for a person to look at.
"""

import re
import subprocess

import pytest
from _book_sources import (
    ROOT,
    code_cells_of,
    count_directives,
    first_directive_title,
    markdown_of,
    normalise,
    numbered_chapters,
    title_of,
    toc_entries,
    without_maths,
)

PAGES_FOR_A_PERSON = ROOT / "_build" / "pdf-pages"

# 243 pages on 2026-11-26: 9 numbered chapters (the second edition), the
# practice workbooks, notation, glossary, bibliography. The range catches a PDF
# that lost its figures or a few chapters, or one flooded by a runaway output.
PAGE_RANGE = (200, 300)

CHAPTERS = numbered_chapters()
PAGES = [doc for doc, _ in toc_entries()]


def test_latex_reported_no_error(latex_log):
    errors = [line for line in latex_log.splitlines() if line.startswith("!")]
    assert errors == [], f"LaTeX errors: {errors[:5]}"


def test_every_reference_and_citation_resolved(latex_log, pdf_text):
    undefined = re.findall(
        r"(?:Reference|Citation|Hyper reference) `([^']+)'[^\n]*undefined", latex_log
    )
    assert undefined == [], f"undefined references (printed as ??): {sorted(set(undefined))}"
    assert "There were undefined references" not in latex_log
    assert "??" not in pdf_text


def test_no_character_is_missing_from_the_fonts(latex_log):
    missing = sorted(set(re.findall(r"Missing character: There is no (.+?) in font", latex_log)))
    assert missing == [], (
        f"characters no font of the PDF has (printed as nothing): {missing}. Chinese ones: "
        "regenerate the subset with scripts/subset_cjk_font.py"
    )


def test_page_count_in_range(pdf_pages):
    low, high = PAGE_RANGE
    assert low <= len(pdf_pages) <= high, f"{len(pdf_pages)} pages, expected {low} to {high}"


def _aux_doc_labels(pdf):
    """docname -> (number, page) from LaTeX's own record of where each page of the toc starts."""
    aux = pdf.with_suffix(".aux").read_text(encoding="utf-8")
    found = re.findall(r"\\newlabel\{(.+?)::doc\}\{\{([^}]*)\}\{(\d+)\}", aux)
    return {doc: (number, int(page)) for doc, number, page in found}


def test_every_toc_page_in_toc_order(pdf):
    labels = _aux_doc_labels(pdf)
    assert [doc for doc in PAGES if doc not in labels] == [], "toc pages missing from the PDF"
    pages = [labels[doc][1] for doc in PAGES]
    assert pages == sorted(pages), f"toc pages out of order: {list(zip(PAGES, pages, strict=True))}"


def test_chapters_numbered_as_on_the_site(pdf):
    labels = _aux_doc_labels(pdf)
    assert [(n, doc) for n, doc in CHAPTERS if labels[doc][0] != str(n)] == [], {
        doc: labels[doc][0] for _, doc in CHAPTERS
    }


@pytest.mark.parametrize("doc", PAGES)
def test_page_title_in_text(pdf_text, doc):
    text = pdf_text.casefold()
    for fragment in without_maths(title_of(doc)):
        assert normalise(fragment).casefold() in text, f"{doc}: title {fragment!r} not in the PDF"


@pytest.mark.parametrize(("number", "doc"), CHAPTERS)
def test_first_proposition_numbered_and_titled(pdf_text, number, doc):
    title = first_directive_title(doc, "prf:proposition")
    if title is None:
        pytest.skip(f"{doc} has no proposition")
    fragments = without_maths(title)
    heading = f"Proposition {number}.1"
    if fragments:
        heading += f" ({normalise(fragments[0])}"
    assert heading in pdf_text, f"{doc}: {heading!r} not in the PDF"


def test_some_chapters_have_propositions():
    # Guards the skip above: the check must run for most chapters.
    assert sum(first_directive_title(d, "prf:proposition") is not None for _, d in CHAPTERS) >= 5


@pytest.mark.parametrize(("number", "doc"), CHAPTERS)
def test_code_and_its_output_typeset(pdf_text, number, doc):
    cells = [c for c in code_cells_of(doc) if "".join(c["source"]).strip()]
    if not cells:
        pytest.skip(f"{doc} has no code")
    first_line = next(line for line in "".join(cells[0]["source"]).splitlines() if line.strip())
    assert normalise(first_line) in pdf_text, f"{doc}: first code line {first_line!r} missing"
    streams = [
        line
        for cell in cells
        for output in cell.get("outputs", [])
        if output.get("output_type") == "stream" and output.get("name") == "stdout"
        for line in "".join(output["text"]).splitlines()
        if len(line.strip()) > 10
    ]
    if streams:
        assert normalise(streams[0]) in pdf_text, f"{doc}: printed output {streams[0]!r} missing"


def _chapter_spans(pdf_text):
    """The text of each numbered chapter, from its (upper-case) heading to the next one."""
    starts = []
    for _, doc in CHAPTERS:
        heading = " ".join(without_maths(title_of(doc))).upper()
        where = pdf_text.find(normalise(heading))
        assert where >= 0, f"chapter heading {heading!r} not found"
        starts.append(where)
    assert starts == sorted(starts)
    ends = starts[1:] + [pdf_text.find("GLOSSARY", starts[-1])]
    return {doc: pdf_text[a:b] for (_, doc), a, b in zip(CHAPTERS, starts, ends, strict=True)}


@pytest.mark.parametrize(("number", "doc"), CHAPTERS)
def test_solutions_collected_at_the_chapter_end(pdf_text, number, doc):
    expected = count_directives(doc, "solution", "solution-start")
    if expected == 0:
        pytest.skip(f"{doc} has no solutions")
    span = _chapter_spans(pdf_text)[doc]
    heading = re.search(rf"{number}\.\d+ Solutions ", span)
    assert heading, f"{doc}: no 'Solutions' section"
    solutions = [m.start() for m in re.finditer(rf"Solution to Exercise {number}\.\d+", span)]
    assert len(solutions) == expected, f"{doc}: {len(solutions)} solutions, sources have {expected}"
    assert min(solutions) > heading.start(), f"{doc}: a solution is printed before 'Solutions'"
    exercises = re.findall(rf"Exercise {number}\.\d+", span[: heading.start()])
    assert len(exercises) >= expected, f"{doc}: exercises missing before the solutions"


def test_figures_included(pdf):
    listing = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    images = [line for line in listing.splitlines()[2:] if line.split()[2] == "image"]
    expected = sum(
        "image/png" in output.get("data", {})
        for _, doc in CHAPTERS
        for cell in code_cells_of(doc)
        for output in cell.get("outputs", [])
    )
    assert expected > 0
    assert len(images) >= expected, f"{len(images)} images in the PDF, {expected} in the chapters"


def test_chinese_glossary_terms_in_the_text(pdf_text):
    glossary = markdown_of("book/glossary")
    # Terms are the unindented lines of the glossary (definitions are indented).
    terms = [
        line.strip()
        for line in glossary.splitlines()
        if re.search(r"[\u4e00-\u9fff]", line) and not line.startswith((" ", "#", "Each"))
    ]
    assert len(terms) > 20
    missing = [t for t in terms if normalise(t) not in pdf_text]
    assert missing == [], f"glossary terms not in the PDF text: {missing}"


def test_cited_works_in_the_bibliography(pdf_text):
    from pybtex.database import parse_file

    sources = "\n".join(markdown_of(doc) for doc in PAGES)
    cited = set(re.findall(r"\{cite(?::\w+)?\}`([^`]+)`", sources))
    keys = {key.strip() for group in cited for key in group.split(",")}
    entries = parse_file(ROOT / "book" / "references.bib").entries
    assert keys and keys <= set(entries), keys - set(entries)
    # LaTeX may hyphenate a title across lines ("cali- brated"): join those.
    text = re.sub(r"(?<=[a-z])- (?=[a-z])", "", pdf_text).casefold()
    for key in sorted(keys):
        title = re.sub(r"[{}\\]", "", entries[key].fields["title"])
        words = " ".join(title.split()[:4])
        assert words.casefold() in text, f"{key}: {words!r} not in the PDF"


def test_fonts_embedded_including_the_cjk_subset(pdf):
    listing = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    not_embedded = [line for line in listing if line.split()[-5] != "yes"]
    assert not_embedded == [], not_embedded
    assert any("NotoSansCJKsc" in line for line in listing), "the CJK subset is not embedded"


def _first_page_with(pdf_pages, needle):
    for number, text in enumerate(pdf_pages, start=1):
        if needle in normalise(text):
            return number
    raise AssertionError(f"no page contains {needle!r}")


def test_pages_rendered_for_a_person(pdf, pdf_pages):
    """PNGs of a chapter opening, a page of maths and the glossary, in _build/pdf-pages/."""
    from PIL import Image

    first_number, first_doc = CHAPTERS[0]
    jacobian = next((n, d) for n, d in CHAPTERS if "jacobian" in d)
    glossary_term = next(
        line.strip()
        for line in markdown_of("book/glossary").splitlines()
        if re.search(r"[\u4e00-\u9fff]", line) and not line.startswith((" ", "#", "Each"))
    )
    wanted = {
        "chapter-opening": _first_page_with(pdf_pages, title_of(first_doc).upper()),
        "maths": _first_page_with(pdf_pages, f"Proposition {jacobian[0]}.1 ("),
        "glossary": _first_page_with(pdf_pages, glossary_term),
    }
    PAGES_FOR_A_PERSON.mkdir(parents=True, exist_ok=True)
    for name, page in wanted.items():
        stem = PAGES_FOR_A_PERSON / f"{name}-p{page}"
        for old in PAGES_FOR_A_PERSON.glob(f"{name}-*.png"):
            old.unlink()
        subprocess.run(
            ["pdftoppm", "-f", str(page), "-l", str(page), "-r", "100", "-png", "-singlefile"]
            + [str(pdf), str(stem)],
            check=True,
        )
        image = Image.open(f"{stem}.png").convert("L")
        inked = sum(image.histogram()[:128]) / (image.width * image.height)
        assert inked > 0.01, f"{name} (page {page}) is nearly blank: {inked:.1%} dark pixels"


def test_the_site_offers_this_pdf(pdf):
    """Every page's sidebar links to the PDF, and the site serves the same file."""
    site = ROOT / "_build" / "html"
    if not (site / "index.html").exists():
        pytest.skip("no site in _build/html (make pdf alone builds no site)")
    assert (site / pdf.name).read_bytes() == pdf.read_bytes(), "the site's PDF is stale"
    for doc in PAGES:
        html = (site / f"{doc}.html").read_text(encoding="utf-8")
        depth = doc.count("/")
        href = "../" * depth + pdf.name
        assert f'href="{href}" download' in html, f"{doc}: no link to {href}"
