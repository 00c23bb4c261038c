"""Every page on a phone held upright (390 x 844 CSS pixels, a mobile browser).

The page body never scrolls sideways; wide maths, code, tables and figures fit
or scroll inside their own boxes; the site navigation, folded away behind a
button at this width, opens and leads to the chapters; and axe finds no WCAG
2.1 A/AA violation here either. A full-page screenshot of every page is saved
in _build/screenshots/phone/ to look at.
"""

import pytest
from axe_checks import CONTRAST, axe_violations, describe
from site_pages import PHONE
from test_site import PAGES

# Where wide content must fit or scroll: maths (MathJax's container and
# Sphinx's div.math or span.math around it), code and outputs, tables, figures.
_WIDE_CONTENT = (
    'mjx-container[display="true"], div.math, span.math, div.highlight pre,'
    " div.cell_output pre, div.output pre, table, img, svg:not(mjx-container svg), iframe,"
    " video"
)

# Each wide element of the page's content must either fit on the screen or be
# inside a box that scrolls sideways (overflow-x auto or scroll; itself, or an
# ancestor such as a table's wrapper) which itself lies within the screen.
# (The sidebars, folded away off the screen at this width, are checked by
# opening them.)
_OVERFLOWING = """([selector, width]) => {
    const INK = 3;  // px: glyphs may overhang their box by a little, invisibly
    const out = [];
    for (const el of document.querySelector('article.bd-article').querySelectorAll(selector)) {
        if (!el.checkVisibility({visibilityProperty: true})) continue;  // a closed solution
        const within = box => {
            const r = box.getBoundingClientRect();
            return r.left >= -1 && r.right <= width + 1;
        };
        let scrolls = false;
        for (let box = el; box && box !== document.body; box = box.parentElement) {
            if (['auto', 'scroll'].includes(getComputedStyle(box).overflowX) && within(box)) {
                scrolls = true;
                break;
            }
        }
        const r = el.getBoundingClientRect();
        const fits = el.scrollWidth <= el.clientWidth + INK || el.clientWidth === 0;
        if (!scrolls && !(within(el) && fits)) {
            out.push(`${el.tagName.toLowerCase()}.${el.className.baseVal ?? el.className}`
                     + ` (${Math.round(r.left)}..${Math.round(r.right)} px`
                     + `${scrolls ? ', in a scrolling box' : ''}): `
                     + (el.textContent || el.getAttribute('src') || '').trim().slice(0, 50));
        }
    }
    // Content cut off at the side without a way to scroll to it.
    for (const el of document.querySelector('article.bd-article').querySelectorAll('*')) {
        if (el.closest('mjx-container') || !el.checkVisibility({visibilityProperty: true})) {
            continue;  // MathJax hides its copy for screen readers on purpose
        }
        if (['hidden', 'clip'].includes(getComputedStyle(el).overflowX)
            && el.scrollWidth > el.clientWidth + INK) {
            out.push(`${el.tagName.toLowerCase()}.${el.className.baseVal ?? el.className}`
                     + ` cuts off ${el.scrollWidth - el.clientWidth} px: `
                     + (el.textContent || '').trim().slice(0, 50));
        }
    }
    return out;
}"""

# Elements wider than the viewport that are not inside a scrolling box: the
# culprits when the body scrolls sideways.
_STICKING_OUT = """(width) => Array.from(document.querySelectorAll('body *'))
    .filter(el => {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.right <= width + 1) return false;
        for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
            if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(a).overflowX)) {
                return false;
            }
        }
        return true;
    })
    .slice(0, 8)
    .map(el => `${el.tagName.toLowerCase()}.${el.className.baseVal ?? el.className}`
               + ` right edge ${Math.round(el.getBoundingClientRect().right)} px`)"""


@pytest.mark.parametrize("name", PAGES)
def test_page_body_does_not_scroll_sideways(phone_visit, name):
    page = phone_visit(name).page
    sizes = page.evaluate(
        """() => {
            const before = window.scrollY;
            window.scrollTo(10000, before);
            const scrolled = window.scrollX;
            window.scrollTo(0, before);
            return {scrollWidth: document.documentElement.scrollWidth,
                    clientWidth: document.documentElement.clientWidth,
                    innerWidth: window.innerWidth, scrolled};
        }"""
    )
    assert sizes["clientWidth"] == PHONE["width"], f"{name}: viewport not phone-sized: {sizes}"
    culprits = page.evaluate(_STICKING_OUT, PHONE["width"])
    assert sizes["scrollWidth"] <= sizes["clientWidth"] and sizes["scrolled"] == 0, (
        f"{name}: the page scrolls sideways on a phone ({sizes}); wider than the screen: {culprits}"
    )
    assert sizes["innerWidth"] == PHONE["width"], (
        f"{name}: the phone browser zoomed out to fit wide content ({sizes}): {culprits}"
    )


@pytest.mark.parametrize("name", PAGES)
def test_maths_code_and_figures_fit_or_scroll_in_their_own_box(phone_visit, name):
    page = phone_visit(name).page
    problems = page.evaluate(_OVERFLOWING, [_WIDE_CONTENT, PHONE["width"]])
    assert problems == [], f"{name}: content wider than the phone screen: {problems}"


def test_wide_maths_really_scrolls_in_its_box(phone_visit):
    """Guards the check above: some display maths is wider than a phone and
    must therefore be in a box that scrolls (not merely clipped or hidden)."""
    page = phone_visit("book/05_softmax_jacobian").page
    wide = page.evaluate(
        """() => Array.from(document.querySelectorAll('mjx-container[display="true"]'))
            .filter(el => el.scrollWidth > el.clientWidth + 1
                          || el.getBoundingClientRect().width > window.innerWidth)
            .map(el => getComputedStyle(el).overflowX)"""
    )
    assert wide, "no display formula is wider than a phone: this guard needs a wider one"
    assert set(wide) <= {"auto", "scroll"}, f"wide formulas that do not scroll: {wide}"


def _open_navigation(page):
    """Open the folded site navigation with the button in the header."""
    toggle = page.locator("button.primary-toggle:visible").first
    assert toggle.is_visible(), "the navigation button is not shown on a phone"
    box = toggle.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    toggle.click()
    links = page.locator("#pst-primary-sidebar-modal nav.bd-links a, dialog[open] nav.bd-links a")
    links.first.wait_for(state="visible", timeout=5_000)
    return links


@pytest.fixture
def phone_page(browser, base_url):
    """open(name): a new page on a phone, for tests that open drawers and tap."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)

    def open_page(name):
        page = context.new_page()
        page.goto(f"{base_url}/{name}.html", wait_until="networkidle")
        return page

    yield open_page
    context.close()


@pytest.mark.parametrize("name", PAGES)
def test_navigation_opens_and_lists_every_page(phone_page, base_url, name):
    page = phone_page(name)
    nav = page.locator("nav.bd-links").first
    assert not nav.is_visible(), f"{name}: the sidebar takes up the phone screen unasked"
    links = _open_navigation(page)
    urls = set(links.evaluate_all("els => els.map(a => a.href.split('#')[0])"))
    missing = [p for p in PAGES if f"{base_url}/{p}.html" not in urls]
    assert missing == [], f"{name}: the opened navigation lacks {missing}"
    for i in range(links.count()):
        box = links.nth(i).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1, (
            f"{name}: navigation link {i} is off the screen: {box}"
        )
    violations = axe_violations(page, include=["dialog[open]"])
    assert violations == [], f"{name}, navigation drawer: {describe(violations)}"
    page.keyboard.press("Escape")
    links.first.wait_for(state="hidden", timeout=5_000)


def test_navigation_leads_to_a_chapter(phone_page):
    page = phone_page("book/intro")
    links = _open_navigation(page)
    links.and_(page.locator('[href="05_softmax_jacobian.html"]')).first.tap()
    page.wait_for_url("**/book/05_softmax_jacobian.html*", timeout=10_000)


def test_page_contents_open_on_a_phone(phone_page):
    page = phone_page("book/05_softmax_jacobian")
    page.locator("button.secondary-toggle:visible").first.tap()
    entries = page.locator("dialog[open] nav.page-toc a")
    entries.first.wait_for(state="visible", timeout=5_000)
    assert entries.count() >= 5, f"only {entries.count()} entries in the page contents"
    entries.last.tap()  # the last section: the page scrolls there behind the drawer
    page.wait_for_function("() => location.hash === '#summary' && window.scrollY > 1000")
    page.touchscreen.tap(30, PHONE["height"] // 2)  # beside the drawer: it closes
    entries.first.wait_for(state="hidden", timeout=5_000)


@pytest.mark.parametrize("name", PAGES)
def test_no_accessibility_violations_on_a_phone(phone_visit, name):
    page = phone_visit(name).page
    # Every rule but the colour contrast on the whole page; the contrast
    # (checked everywhere at full width by test_accessibility) again where the
    # layout differs on a phone: the header here, the navigation drawer in
    # test_navigation_opens_and_lists_every_page.
    violations = axe_violations(page, skip=[CONTRAST])
    violations += axe_violations(page, include=["header", ".bd-header-article"], only=[CONTRAST])
    assert violations == [], f"{name} at phone width: {describe(violations)}"
