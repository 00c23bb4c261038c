"""The website as readers see it, in a real (headless) Chromium.

For every page in _toc.yml: no console error or failed request, no request to
any host but the local server, every formula typeset by MathJax, every image
loaded, every internal link and anchor resolving, and exercise solutions
hidden until clicked. Once for the site: search finds the Jacobian chapter and
the download button offers the notebook.
"""

import json
import re
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
import yaml


def toc_pages():
    """Every page listed in _toc.yml, as paths relative to the repo root (no suffix)."""
    toc = yaml.safe_load((Path(__file__).resolve().parents[2] / "_toc.yml").read_text())
    pages = [toc["root"]]
    for part in toc.get("parts", []):
        pages += [chapter["file"] for chapter in part["chapters"]]
    return pages


PAGES = toc_pages()
CHAPTERS = [p for p in PAGES if re.search(r"/\d\d_", p)]


@pytest.mark.parametrize("name", PAGES)
def test_no_console_errors_or_failed_requests(visit, name):
    record = visit(name)
    assert record.console_errors == [], f"{name}: console errors {record.console_errors}"
    assert record.failed_requests == [], f"{name}: failed requests {record.failed_requests}"


@pytest.mark.parametrize("name", PAGES)
def test_requests_stay_on_the_local_server(visit, base_url, name):
    record = visit(name)
    outside = [
        url
        for url in record.requested_urls
        if not url.startswith(base_url + "/") and not url.startswith(("data:", "blob:"))
    ]
    assert outside == [], f"{name} requested other hosts (the site must work offline): {outside}"


# Text left raw when maths is not typeset (code blocks excluded, where such
# strings can legitimately appear).
_VISIBLE_TEXT = """() => {
    const main = document.querySelector('main') || document.body;
    const copy = main.cloneNode(true);
    copy.querySelectorAll('pre, code, script, style, mjx-container, .highlight')
        .forEach(el => el.remove());
    return copy.innerText;
}"""


@pytest.mark.parametrize("name", PAGES)
def test_every_formula_is_typeset(visit, name):
    page = visit(name).page
    maths = page.evaluate("() => document.querySelectorAll('.math').length")
    untypeset = page.evaluate(
        "() => Array.from(document.querySelectorAll('.math'))"
        ".filter(el => !el.querySelector('mjx-container'))"
        ".map(el => el.textContent.slice(0, 80))"
    )
    assert untypeset == [], (
        f"{name}: {len(untypeset)} of {maths} formulas not typeset: {untypeset[:5]}"
    )
    errors = page.evaluate(
        "() => Array.from(document.querySelectorAll('mjx-merror, [data-mjx-error]'))"
        ".map(el => el.getAttribute('data-mjx-error') || el.textContent)"
    )
    assert errors == [], f"{name}: MathJax errors {errors}"
    text = page.evaluate(_VISIBLE_TEXT)
    for raw in ("$$", "\\(", "\\[", "\\begin"):
        where = text.find(raw)
        assert where < 0, (
            f"{name}: raw TeX {raw!r} in the text: ...{text[max(0, where - 60) : where + 60]}..."
        )


def test_chapters_have_formulas(visit):
    """Guards the check above: MathJax must really have run on the chapters."""
    for name in CHAPTERS[:7]:
        page = visit(name).page
        assert page.evaluate("() => document.querySelectorAll('mjx-container').length") > 0, name


@pytest.mark.parametrize("name", PAGES)
def test_every_image_has_loaded(visit, name):
    page = visit(name).page
    broken = page.evaluate(
        "() => Array.from(document.images)"
        ".filter(img => !img.complete || img.naturalWidth === 0)"
        ".map(img => img.getAttribute('src'))"
    )
    assert broken == [], f"{name}: images that did not load: {broken}"


def _ids_of(html):
    return set(re.findall(r'\sid="([^"]+)"', html))


@pytest.mark.parametrize("name", PAGES)
def test_internal_links_and_anchors_resolve(visit, base_url, name):
    record = visit(name)
    page = record.page
    hrefs = page.evaluate("() => Array.from(document.querySelectorAll('a[href]')).map(a => a.href)")
    here_ids = set(
        page.evaluate("() => Array.from(document.querySelectorAll('[id]')).map(e => e.id)")
    )
    checked, problems = {}, []
    for href in hrefs:
        if not href.startswith(base_url + "/"):
            continue  # external reference links are not requested by the reader's browser
        target, anchor = urldefrag(href)
        if target not in checked:
            response = page.request.get(target)
            checked[target] = (response.status, _ids_of(response.text()) if response.ok else set())
        status, ids = checked[target]
        if status != 200:
            problems.append(f"{href} -> HTTP {status}")
        elif anchor and anchor not in ids and not (target == record.url and anchor in here_ids):
            problems.append(f"{href} -> no element with id {anchor!r}")
    assert problems == [], f"{name}: broken links: {problems}"


@pytest.mark.parametrize("name", CHAPTERS)
def test_solutions_hidden_until_clicked(browser, base_url, name):
    # A fresh page: clicking changes state the other checks should not see.
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(f"{base_url}/{name}.html", wait_until="networkidle")
        solutions = page.locator("div.solution")
        count = solutions.count()
        assert count >= 3, f"{name}: expected at least 3 solutions, found {count}"
        for i in range(count):
            solution = solutions.nth(i)
            body = solution.locator(":scope > :not(.admonition-title)").first
            assert not body.is_visible(), f"{name}: solution {i + 1} is visible before a click"
            # Where a reader clicks: the middle of the title, which may be on
            # the "Exercise N.M" link inside it.
            solution.locator(":scope > .admonition-title").click()
            body.wait_for(state="visible", timeout=5_000)
        assert errors == [], f"{name}: errors while opening solutions: {errors}"
    finally:
        page.close()


def test_search_finds_the_jacobian_chapter(browser, base_url):
    page = browser.new_page()
    try:
        page.goto(f"{base_url}/search.html?q=Jacobian", wait_until="networkidle")
        page.wait_for_selector("#search-results ul.search li a", timeout=30_000)
        hits = page.evaluate(
            "() => Array.from(document.querySelectorAll('#search-results ul.search li a'))"
            ".map(a => a.getAttribute('href'))"
        )
        assert any("05_softmax_jacobian" in h for h in hits), f"search hits: {hits}"
    finally:
        page.close()


def test_download_button_offers_the_notebook(visit):
    record = visit("book/05_softmax_jacobian")
    page = record.page
    links = page.evaluate(
        "() => Array.from(document.querySelectorAll('a[href$=\".ipynb\"]')).map(a => a.href)"
    )
    assert links, "no link to an .ipynb on the chapter page (download button missing)"
    response = page.request.get(links[0])
    assert response.status == 200
    assert urlsplit(links[0]).path.endswith("05_softmax_jacobian.ipynb")
    notebook = json.loads(response.text())
    assert notebook["nbformat"] == 4 and len(notebook["cells"]) > 5
