"""The site with the keyboard alone: reach with Tab, see the focus, operate.

Every control a chapter offers is described once in WIDGETS; the test tabs
through each chapter and, at every such control, checks that Tab reaches it,
that the focus is visible there, and that its keys do what they should. A new
kind of control (a quiz question, a slider on an interactive figure) joins the
test by adding a Widget here: the selector of the element that takes the
focus, the keys a reader presses, and the state each key must lead to.
"""

import pytest
from keyboard_checks import (
    CHANGED,
    Widget,
    describe_focused,
    focus_indicator,
    prepare,
    press_and_wait,
    start_from_top,
    tab_to,
    walk_tab_order,
)
from test_site import CHAPTERS, PAGES

# A solution is "shown" when its content is rendered (not hidden) and the
# button says so to screen readers (aria-expanded).
_SOLUTION_STATE = """el => {
    const box = el.closest('.admonition');
    const body = box.querySelector(':scope > :not(.admonition-title)');
    const shown = body.checkVisibility({visibilityProperty: true, opacityProperty: true});
    return `${shown ? 'shown' : 'hidden'}, aria-expanded=${el.getAttribute('aria-expanded')}`;
}"""

# An in-page question (softmax_tutorial.quiz): which option is chosen, what
# the numeric field holds, whether the feedback has said anything yet.
_CHOSEN = """el => {
    const chosen = el.closest('.sq-quiz').querySelector('input[type=radio]:checked');
    return chosen ? chosen.value : 'none';
}"""
_FEEDBACK = """el => el.closest('.sq-quiz').querySelector('.sq-verdict').textContent.trim()
    ? 'answered' : 'silent'"""
# An interactive figure (softmax_tutorial.interactive): the slider's value and
# the figure's own description of what it shows.
_FIGURE_STATE = """el => el.value + ' | '
    + el.closest('figure.sm-interactive').querySelector('.sm-status').textContent"""

WIDGETS = [
    Widget(
        name="solution dropdown",
        selector="div.solution.dropdown > .admonition-title > button.toggle-button",
        steps=(
            ("Enter", "shown, aria-expanded=true"),
            ("Space", "hidden, aria-expanded=false"),
        ),
        state_js=_SOLUTION_STATE,
    ),
    Widget(
        name="question's options",
        selector='.sq-quiz[data-kind="choice"] .sq-options > li:first-child > input[type=radio]',
        steps=(("Space", "0"), ("ArrowDown", "1"), ("ArrowUp", "0")),
        state_js=_CHOSEN,
        focus_within=".sq-options",
    ),
    Widget(
        name="question's answer field",
        selector='.sq-quiz[data-kind="numeric"] input[type=text]',
        steps=(("2", CHANGED),),
        state_js="el => el.value",
    ),
    Widget(
        name="question's Check button",
        selector=".sq-quiz .sq-check",
        steps=(("Enter", "answered"),),
        state_js=_FEEDBACK,
    ),
    Widget(
        name="figure slider",
        selector="figure.sm-interactive input[type=range]",
        steps=(("End", None), ("Home", CHANGED), ("ArrowRight", CHANGED)),
        state_js=_FIGURE_STATE,
    ),
]


def _controls_in_document_order(page):
    """(widget, element) for every control on the page, in document order."""
    found = []
    for widget in WIDGETS:
        for element in page.query_selector_all(widget.selector):
            position = element.evaluate(
                "el => Array.prototype.indexOf.call(document.querySelectorAll('*'), el)"
            )
            found.append((position, widget, element))
    return [(widget, element) for _, widget, element in sorted(found, key=lambda t: t[0])]


@pytest.fixture
def fresh_page(browser, base_url):
    """open(name): a new desktop-sized page, for tests that change its state."""
    pages = []

    def open_page(name, viewport=None):
        page = browser.new_page(viewport=viewport or {"width": 1280, "height": 900})
        pages.append(page)
        page.goto(f"{base_url}/{name}.html", wait_until="networkidle")
        page.evaluate("() => window.MathJax && MathJax.startup ? MathJax.startup.promise : null")
        prepare(page)
        return page

    yield open_page
    for page in pages:
        page.close()


@pytest.mark.parametrize("name", CHAPTERS)
def test_every_control_works_with_the_keyboard_alone(fresh_page, name):
    page = fresh_page(name)
    controls = _controls_in_document_order(page)
    assert controls, f"{name}: no keyboard-operable control found (selectors out of date?)"
    start_from_top(page)
    for k, (widget, element) in enumerate(controls, start=1):
        where = f"{name}, {widget.name} {k}"
        tab_to(page, element)  # from the previous control on, as a reader would go
        look = focus_indicator(page)
        assert look == {"visible": True, "changed": True}, (
            f"{where}: no visible focus on {describe_focused(page)}: {look}"
        )
        for key, expected in widget.steps:
            try:
                press_and_wait(page, element, key, widget.state_js, expected)
            except AssertionError as error:
                raise AssertionError(f"{where}: {error}") from None
            assert page.evaluate(
                "([el, within]) => (within ? el.closest(within) : el)"
                ".contains(document.activeElement)",
                [element, widget.focus_within],
            ), f"{where}: pressing {key} moved the focus to {describe_focused(page)}"


def test_every_kind_of_control_is_on_the_site(visit):
    """Guards the test above: a selector that no longer matches (the markup of
    a quiz or a figure changed) would otherwise test nothing, silently."""
    counts = {
        widget.name: sum(
            len(visit(name).page.query_selector_all(widget.selector)) for name in PAGES
        )
        for widget in WIDGETS
    }
    assert all(counts.values()), f"kinds of control found nowhere on the site: {counts}"


@pytest.mark.parametrize("name", PAGES)
def test_focus_is_visible_at_every_tab_stop(fresh_page, name):
    page = fresh_page(name)
    stops = walk_tab_order(page)
    assert len(stops) > 10, f"{name}: only {len(stops)} tab stops: {stops}"
    invisible = [
        f"{n}: {label} {look}"
        for n, (label, look) in enumerate(stops, start=1)
        if look != {"visible": True, "changed": True}
    ]
    assert invisible == [], (
        f"{name}: {len(invisible)} of {len(stops)} tab stops show no visible focus: {invisible}"
    )


def test_skip_link_is_the_first_stop_and_jumps_to_the_content(fresh_page):
    page = fresh_page("book/02_softmax_posterior")
    start_from_top(page)
    page.keyboard.press("Tab")
    assert "Skip to main content" in describe_focused(page)
    assert focus_indicator(page) == {"visible": True, "changed": True}
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.hash === '#main-content'")
    page.keyboard.press("Tab")
    assert page.evaluate(
        "() => document.getElementById('main-content').contains(document.activeElement)"
    ), f"after the skip link, Tab went to {describe_focused(page)}, outside the content"


def test_sidebar_navigation_by_keyboard(fresh_page):
    page = fresh_page("book/intro")
    link = page.query_selector('nav.bd-links a[href="05_softmax_jacobian.html"]')
    assert link is not None, "no sidebar link to chapter 5"
    start_from_top(page)
    tab_to(page, link)
    assert focus_indicator(page) == {"visible": True, "changed": True}
    page.keyboard.press("Enter")
    page.wait_for_url("**/book/05_softmax_jacobian.html*", timeout=10_000)


def test_phone_navigation_by_keyboard(fresh_page):
    page = fresh_page("book/intro", viewport={"width": 390, "height": 844})
    toggle = page.locator("button.primary-toggle:visible").first.element_handle()
    start_from_top(page)
    tab_to(page, toggle)
    assert focus_indicator(page) == {"visible": True, "changed": True}
    page.keyboard.press("Enter")
    link = page.locator('dialog[open] nav.bd-links a[href="05_softmax_jacobian.html"]')
    link.wait_for(state="visible", timeout=5_000)
    tab_to(page, link.element_handle())
    assert focus_indicator(page) == {"visible": True, "changed": True}
    page.keyboard.press("Enter")
    page.wait_for_url("**/book/05_softmax_jacobian.html*", timeout=10_000)


def test_sidebar_button_folds_the_sidebar_away_and_back_on_desktop(fresh_page):
    page = fresh_page("book/03_one_hot_vector_form")
    button = page.locator("button.primary-toggle:visible").first.element_handle()
    sidebar = page.locator("#pst-primary-sidebar")
    assert sidebar.is_visible()
    start_from_top(page)
    tab_to(page, button)
    page.keyboard.press("Enter")
    sidebar.wait_for(state="hidden", timeout=5_000)
    page.keyboard.press("Enter")
    sidebar.wait_for(state="visible", timeout=5_000)
