"""The in-page questions and the interactive figures, used as a reader would.

Questions: on every page, every question is answered with something that is
not a number (numeric ones), then wrongly, then rightly, with the keyboard as
well as the mouse; the feedback must say so in words. The right answers come
from tests/site/quiz_key.py, not from the page.

Figures: each slider is moved with the keyboard; the figure must change, and
the numbers it then shows (the text under the plot, the bar labels, the
title, the regions drawn) must equal what the library computes for the
slider's position, recomputed here.

Throughout: no request leaves the local server and no console error.
"""

import math
import re
from pathlib import Path

import numpy as np
import pytest
from bs4 import BeautifulSoup
from quiz_key import KEY
from test_site import CHAPTERS, PAGES

from softmax_tutorial import (
    add_bias_feature,
    classify,
    make_toy_data,
    risk,
    risk_gradient,
    softmax,
)

SITE = Path(__file__).resolve().parents[2] / "_build" / "html"
SCREENSHOTS = SITE.parent / "screenshots"

# Questions every chapter must have at least, the outlook of chapter 9 included.
EVERY_CHAPTER = 3


def _built(name):
    path = SITE / f"{name}.html"
    if not path.exists():
        pytest.fail(f"No built page {path}: run `make book` first (or `make site`).")
    return path.read_text(encoding="utf-8")


def _quiz_ids(name):
    return re.findall(r'<div class="sq-quiz" id="quiz-([a-z0-9-]+)"', _built(name))


def _figure_ids(name):
    return re.findall(r'<figure class="sm-interactive" id="sm-([a-z0-9-]+)"', _built(name))


class _Reader:
    """A fresh page (answers change state), with what the browser reported."""

    def __init__(self, browser, base_url, name):
        self.base_url = base_url
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.errors, self.outside = [], []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        self.page.on("request", self._request)
        self.page.goto(f"{base_url}/{name}.html", wait_until="networkidle")
        self.page.evaluate("() => window.MathJax && MathJax.startup && MathJax.startup.promise")

    def _request(self, request):
        url = request.url
        if not url.startswith(self.base_url + "/") and not url.startswith(("data:", "blob:")):
            self.outside.append(url)

    def check_clean(self, name):
        assert self.outside == [], f"{name} requested other hosts: {self.outside}"
        assert self.errors == [], f"{name}: console errors {self.errors}"


@pytest.fixture
def reader(browser, base_url):
    readers = []

    def open_page(name):
        readers.append(_Reader(browser, base_url, name))
        return readers[-1]

    yield open_page
    for r in readers:
        r.page.close()


# --- questions -------------------------------------------------------------------------------


def _forget(quiz):
    """Clear the last verdict's state, so that the next one can be waited for."""
    quiz.evaluate("el => { delete el.dataset.state; }")


def _verdict(quiz, state):
    """Wait for quiz.js to judge the answer given after _forget; the verdict, if it is `state`."""
    quiz.page.wait_for_function(
        "el => el.dataset.state !== undefined", arg=quiz.element_handle(), timeout=5_000
    )
    got = quiz.get_attribute("data-state")
    message = quiz.locator(".sq-verdict").inner_text().strip()
    assert got == state, f"{quiz.get_attribute('id')}: expected {state}, got {got}: {message!r}"
    return message


def _press_check_with_the_keyboard(page, quiz):
    """Tab from the focused control to the Check button, as a keyboard user would."""
    button = quiz.locator(".sq-check")
    for _ in range(12):
        if button.evaluate("b => b === document.activeElement"):
            break
        page.keyboard.press("Tab")
    assert button.evaluate("b => b === document.activeElement"), "Tab never reached Check"
    page.keyboard.press("Enter")


def _answer_numeric(page, quiz, qid):
    field = quiz.locator("input[type=text]")
    tol = float(quiz.get_attribute("data-tol"))
    right = KEY[qid]
    decimals = max(0, math.ceil(-math.log10(2 * tol)))  # "to 3 decimals" for tol = 5e-4

    _forget(quiz)
    field.fill("two point three")
    quiz.locator(".sq-check").click()
    message = _verdict(quiz, "invalid")
    assert "is not a number" in message, f"{qid}: {message!r}"

    # Wrong, by keyboard: type, Tab to the button, Enter.
    _forget(quiz)
    field.fill("")
    field.focus()
    page.keyboard.type(f"{right + 4 * tol:.{decimals + 1}f}")
    _press_check_with_the_keyboard(page, quiz)
    assert _verdict(quiz, "incorrect") == "Not yet.", qid
    hint = quiz.locator(".sq-hint")
    if hint.count():
        assert hint.is_visible(), f"{qid}: no hint after a wrong answer"
    assert field.get_attribute("aria-invalid") == "true"

    # Right, rounded as a reader would, submitted with Enter in the box.
    _forget(quiz)
    field.fill(f"{right:.{decimals}f}")
    field.press("Enter")
    assert _verdict(quiz, "correct") == "Correct.", qid
    explanation = quiz.locator(".sq-explanation")
    if explanation.count():
        assert explanation.is_visible(), f"{qid}: no explanation after the right answer"
        assert not hint.is_visible() if hint.count() else True


def _answer_choice(page, quiz, qid):
    radios = quiz.locator("input[type=radio]")
    labels = [lab.inner_text() for lab in quiz.locator("label").all()]
    matches = [k for k, text in enumerate(labels) if KEY[qid] in text]
    assert len(matches) == 1, f"{qid}: the key {KEY[qid]!r} matches options {matches} of {labels}"
    right = matches[0]
    wrong = 0 if right != 0 else 1

    _forget(quiz)
    quiz.locator(".sq-check").click()
    assert "Choose one" in _verdict(quiz, "empty")

    _forget(quiz)
    radios.nth(wrong).check()
    quiz.locator(".sq-check").click()
    assert _verdict(quiz, "incorrect") == "Not yet.", qid

    # Right, keyboard only: arrows move through the radio group.
    _forget(quiz)
    radios.nth(wrong).focus()
    key = "ArrowDown" if right > wrong else "ArrowUp"
    for _ in range(abs(right - wrong)):
        page.keyboard.press(key)
    assert radios.nth(right).is_checked(), f"{qid}: the arrows did not reach option {right}"
    _press_check_with_the_keyboard(page, quiz)
    assert _verdict(quiz, "correct") == "Correct.", qid


@pytest.mark.parametrize("name", PAGES)
def test_questions_answer_back(reader, name):
    ids = _quiz_ids(name)
    if not ids:
        pytest.skip(f"{name} has no questions")
    missing = [qid for qid in ids if qid not in KEY]
    assert missing == [], f"{name}: no answer key for {missing}: add each to tests/site/quiz_key.py"
    r = reader(name)
    page = r.page
    for qid in ids:
        quiz = page.locator(f"#quiz-{qid}")
        quiz.scroll_into_view_if_needed()
        page.wait_for_function("el => el.dataset.ready === 'true'", arg=quiz.element_handle())
        assert not quiz.locator(".sq-noscript").is_visible()
        if quiz.get_attribute("data-kind") == "numeric":
            _answer_numeric(page, quiz, qid)
        else:
            _answer_choice(page, quiz, qid)
        if qid == ids[0]:
            quiz.screenshot(path=str(SCREENSHOTS / f"quiz-{qid}-right.png"))
    r.check_clean(name)


def test_a_wrong_answer_looks_wrong(reader):
    """Screenshots of the first question answered wrongly (the right one is taken above)."""
    r = reader("book/02_softmax_posterior")
    qid = _quiz_ids("book/02_softmax_posterior")[0]
    quiz = r.page.locator(f"#quiz-{qid}")
    r.page.wait_for_function("el => el.dataset.ready === 'true'", arg=quiz.element_handle())
    _forget(quiz)
    quiz.locator("input[type=text]").fill("0.5")
    quiz.locator(".sq-check").click()
    assert _verdict(quiz, "incorrect") == "Not yet."
    quiz.screenshot(path=str(SCREENSHOTS / f"quiz-{qid}-wrong.png"))
    r.check_clean("book/02_softmax_posterior")


@pytest.mark.parametrize("name", PAGES)
def test_the_code_that_makes_a_question_is_not_shown(name):
    # It computes the answer: its cell must be tagged remove-input.
    soup = BeautifulSoup(_built(name), "html.parser")
    shown = " ".join(cell.get_text() for cell in soup.select("div.cell_input"))
    for call in ("quiz.numeric(", "quiz.multiple_choice("):
        assert call not in shown, f"{name} shows the code of a question: tag it remove-input"


def test_every_question_in_the_key_is_on_a_page():
    on_pages = {qid for name in PAGES for qid in _quiz_ids(name)}
    stale = sorted(set(KEY) - on_pages)
    assert stale == [], f"quiz_key.py has answers for questions on no page: {stale}"
    ids = [qid for name in PAGES for qid in _quiz_ids(name)]
    assert len(ids) == len(set(ids)), f"question ids used twice: {ids}"


@pytest.mark.parametrize("name", CHAPTERS)
def test_chapter_has_enough_questions(name):
    count = len(_quiz_ids(name))
    assert count >= EVERY_CHAPTER, f"{name} has {count} questions, fewer than {EVERY_CHAPTER}"


# --- figures -----------------------------------------------------------------------------------

_NUMBER = r"-?\d+(?:\.\d+)?"


def _softmax_values(figure):
    """The temperature and score the sliders show, and softmax(z / T) by the library."""
    T = float(figure.locator("output").nth(0).inner_text().split("= ")[1])
    z1 = float(figure.locator("output").nth(1).inner_text().split("= ")[1])
    return T, z1, softmax(np.array([2.0, z1, -1.0]) / T)


def _check_softmax_figure(figure):
    T, z1, p = _softmax_values(figure)
    status = figure.locator(".sm-status").inner_text()
    head, shown = status.split("probabilities p = ")
    assert re.fullmatch(rf"At T = {T:g}, with scores z = \(2, {z1:g}, -1\): ", head), status
    np.testing.assert_allclose([float(v) for v in re.findall(_NUMBER, shown)], p, atol=5e-4)
    bars = figure.locator(".sm-plot .bartext").all_text_contents()
    np.testing.assert_allclose([float(v) for v in bars], p, rtol=0, atol=5e-4)
    assert f"T = {T:g}" in figure.locator(".sm-plot .gtitle").text_content()
    return figure.evaluate("f => f.querySelector('.sm-plot').data[0].y")


def _descent(n_steps):
    X, y = make_toy_data(random_state=0)
    Xb = add_bias_feature(X)
    W = np.zeros((3, 3))
    iterates = [W]
    for _ in range(n_steps):
        W = W - 1.0 * risk_gradient(W, Xb, y)
        iterates.append(W)
    return Xb, y, iterates


def _check_descent_figure(figure):
    t = int(figure.locator("output").inner_text().split("= ")[1])
    Xb, y, iterates = _descent(t)
    W = iterates[t]
    R = risk(W, Xb, y)
    correct = int((classify(Xb, W) == y).sum())
    status = figure.locator(".sm-status").inner_text()
    assert status == (
        f"Step t = {t}: risk R(W_t) = {R:.4f}; {correct} of {len(y)}"
        " training points classified correctly."
    ), status
    assert f"= {R:.4f}" in figure.locator(".sm-plot .gtitle").text_content()
    # The regions plotly now draws: points well inside each get its class by the argmax rule.
    drawn = figure.evaluate(
        "f => f.querySelector('.sm-plot').data.slice(0, 3).map(d => [d.x, d.y])"
    )
    for c, (xs, ys) in enumerate(drawn):
        if len(xs) < 4:
            continue
        P = np.column_stack([xs, ys])[:-1]
        inside = 0.9 * P + 0.1 * P.mean(axis=0)  # towards the centroid of a convex polygon
        assert (classify(add_bias_feature(inside), W) == c).all(), f"region {c} at t = {t}"
    marker = figure.evaluate("f => f.querySelector('.sm-plot').data[7]")
    assert marker["x"] == [t]
    np.testing.assert_allclose(marker["y"], [R], rtol=0, atol=5e-5)
    return drawn


FIGURES = {
    "02-softmax-temperature": ("book/02_softmax_posterior", _check_softmax_figure),
    "06-gradient-descent-steps": ("book/06_gradient_descent", _check_descent_figure),
}


def test_the_figures_are_on_their_pages():
    found = {fid: name for name in PAGES for fid in _figure_ids(name)}
    assert found == {fid: name for fid, (name, _) in FIGURES.items()}


@pytest.mark.parametrize("fid", FIGURES)
def test_sliders_move_the_figure_to_the_library_values(reader, fid):
    name, check = FIGURES[fid]
    r = reader(name)
    page = r.page
    figure = page.locator(f"#sm-{fid}")
    figure.scroll_into_view_if_needed()
    page.wait_for_function("el => el.dataset.ready === 'true'", arg=figure.element_handle())
    assert not figure.locator(".sm-noscript").is_visible()
    assert figure.locator(".sm-plot svg.main-svg").count() > 0, "plotly drew nothing"
    before = check(figure)
    figure.screenshot(path=str(SCREENSHOTS / f"figure-{fid}-start.png"))

    sliders = figure.locator("input[type=range]")
    for k in range(sliders.count()):
        slider = sliders.nth(k)
        for key in ("ArrowRight", "ArrowRight", "Home", "End", "ArrowLeft"):
            frame = figure.get_attribute("data-frame")
            old_value = slider.input_value()
            slider.focus()
            page.keyboard.press(key)
            if slider.input_value() == old_value:
                continue  # e.g. ArrowRight at the end
            page.wait_for_function(
                "([el, old]) => el.dataset.frame !== old", arg=[figure.element_handle(), frame]
            )
            value_text = figure.locator("output").nth(k).inner_text()
            assert slider.get_attribute("aria-valuetext") == value_text
            after = check(figure)
            assert after != before, f"{fid}: {key} on slider {k} did not change the plot"
            before = after
        # Back to a middle position for the second screenshot.
        slider.focus()
        page.keyboard.press("Home")
        for _ in range(5):
            page.keyboard.press("ArrowRight")
    page.wait_for_timeout(200)
    check(figure)
    figure.screenshot(path=str(SCREENSHOTS / f"figure-{fid}-moved.png"))
    r.check_clean(name)
