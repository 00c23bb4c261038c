"""Accessibility of every page: axe-core's WCAG 2.1 A and AA rules, and alt text.

axe-core (bundled, pinned, by axe-playwright-python: nothing is fetched) runs
on every page as loaded, then once more on each chapter with every solution
open and once in dark mode, the two states a reader can switch to. Every
image must carry alt text that says what it shows: Sphinx writes the image's
file name when a notebook cell gives none, which a screen reader then reads
out, hash and all.
"""

import json
import re
from pathlib import Path

import pytest
from axe_checks import CONTRAST, axe_violations, describe
from keyboard_checks import disable_transitions
from site_pages import page_loader
from test_site import CHAPTERS, PAGES

ROOT = Path(__file__).resolve().parents[2]

# The generated pages a reader also lands on, besides those in _toc.yml.
SITE_PAGES = ["search", "genindex"]


@pytest.fixture(scope="module")
def axe_visit(browser, base_url):
    """Pages of their own for axe: its CSS preloading requests a stylesheet that
    the theme imports with a path axe resolves against the page instead of the
    stylesheet (a 404 the browser itself never makes), which must not reach the
    console checks of test_site."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield page_loader(context, base_url)
    context.close()


@pytest.mark.parametrize("name", PAGES + SITE_PAGES)
def test_no_accessibility_violations(axe_visit, name):
    page = axe_visit(name).page
    assert page.locator("div.solution.dropdown:not(.toggle-hidden)").count() == 0, (
        f"{name}: a solution is already open; this test checks the page as loaded"
    )
    violations = axe_violations(page)
    assert violations == [], f"{name}: {describe(violations)}"


# The two states a reader can switch a page to, checked after the page as
# loaded (pytest runs the tests of a module in order), on the same page.


@pytest.mark.parametrize("name", CHAPTERS)
def test_no_violations_with_the_solutions_open(axe_visit, name):
    page = axe_visit(name).page
    titles = page.locator("div.solution.dropdown.toggle-hidden > .admonition-title")
    assert titles.count() > 0, f"{name}: no closed solution to open"
    for i in reversed(range(titles.count())):  # opened ones leave the locator
        titles.nth(i).click()
    page.locator("div.solution.dropdown.toggle-hidden").first.wait_for(state="detached")
    # What opening changes: the solutions' content, now shown.
    violations = axe_violations(page, include=["div.solution"])
    assert violations == [], f"{name} with the solutions open: {describe(violations)}"


@pytest.mark.parametrize("name", PAGES)
def test_no_contrast_violations_in_dark_mode(axe_visit, name):
    page = axe_visit(name).page
    disable_transitions(page)  # measure the dark colours, not a fade towards them
    switch = page.locator("button.theme-switch-button").first
    for _ in range(3):  # the button cycles through light, auto (= light here) and dark
        if page.evaluate("() => document.documentElement.dataset.theme") == "dark":
            break
        switch.click()
    assert page.evaluate("() => document.documentElement.dataset.theme") == "dark"
    try:
        # What the mode changes: colours, everywhere.
        violations = axe_violations(page, only=[CONTRAST])
        assert violations == [], f"{name} in dark mode: {describe(violations)}"
    finally:
        page.evaluate(  # back to light, and forget the choice, for whatever runs next
            "() => { localStorage.removeItem('mode'); localStorage.removeItem('theme');"
            " document.documentElement.dataset.mode = 'light';"
            " document.documentElement.dataset.theme = 'light'; }"
        )


# --- alt text ---------------------------------------------------------------------------------

# Alt text that names no content: a file type or a kind of thing.
_GENERIC = {
    "png", "jpg", "jpeg", "svg", "gif", "image", "img", "output", "figure", "fig", "plot",
    "graph", "chart", "picture", "diagram",
}  # fmt: skip
_FILE_NAME = re.compile(r"(^|/)[\w.-]+\.(png|jpe?g|gif|svg|webp|pdf)$|_images/|[0-9a-f]{16}", re.I)
_MIN_WORDS = 4


def alt_problem(alt):
    """What is wrong with an image's alt text, or None if it can describe the image."""
    if alt is None:
        return "no alt attribute"
    text = alt.strip()
    if not text:
        return "empty alt"
    if _FILE_NAME.search(text):
        return "a file name"
    if re.sub(r"[\W\d_]+", " ", text).strip().lower() in _GENERIC:
        return "a generic word"
    if len(text.split()) < _MIN_WORDS:
        return f"fewer than {_MIN_WORDS} words"
    return None


@pytest.mark.parametrize(
    ("alt", "problem"),
    [
        (None, "no alt attribute"),
        ("  ", "empty alt"),
        ("../_images/499f05c816bb0491b319f24e5b09368671.png", "a file name"),
        ("figure.png", "a file name"),
        ("png", "a generic word"),
        ("Output 3", "a generic word"),
        ("Image", "a generic word"),
        ("decision regions", "fewer than 4 words"),
        ("Three decision regions with the weight vectors drawn as arrows.", None),
    ],
)
def test_alt_problem_tells_a_description_from_a_placeholder(alt, problem):
    assert alt_problem(alt) == problem


@pytest.mark.parametrize("name", PAGES)
def test_every_image_has_alt_text_that_describes_it(visit, name):
    images = visit(name).page.evaluate(
        "() => Array.from(document.images)"
        ".map(img => [img.getAttribute('src'), img.getAttribute('alt')])"
    )
    lacking = [(src, alt_problem(alt)) for src, alt in images if alt_problem(alt)]
    assert lacking == [], (
        f"{name}: {len(lacking)} of {len(images)} images lack alt text that says what they "
        f"show (give the notebook cell metadata mystnb.image.alt): {lacking}"
    )


def _cell_alt_texts(notebook):
    """The alt texts that a notebook's cells ask for (mystnb.image.alt)."""
    cells = json.loads(notebook.read_text())["cells"]
    return [
        cell["metadata"]["mystnb"]["image"]["alt"]
        for cell in cells
        if "alt" in cell["metadata"].get("mystnb", {}).get("image", {})
    ]


def test_cell_metadata_alt_text_reaches_the_page(visit):
    """The mechanism: mystnb.image.alt in a code cell's metadata becomes the alt
    of that cell's image on the page (demonstrated in chapter 1)."""
    demonstrated = 0
    for name in CHAPTERS:
        wanted = _cell_alt_texts(ROOT / f"{name}.ipynb")
        demonstrated += len(wanted)
        if not wanted:
            continue
        alts = visit(name).page.evaluate(
            "() => Array.from(document.images).map(img => img.getAttribute('alt'))"
        )
        missing = [alt for alt in wanted if alt not in alts]
        assert missing == [], f"{name}: alt texts in the notebook but not on the page: {missing}"
    assert demonstrated > 0, "no notebook cell sets mystnb.image.alt (chapter 1 should)"
