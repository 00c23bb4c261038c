"""softmax_tutorial.quiz: the HTML the page checks, its text fallbacks, and bad input."""

import html.parser
import math

import numpy as np
import pytest

from softmax_tutorial import quiz


class _Elements(html.parser.HTMLParser):
    """Every start tag with its attributes, and the text, of an HTML fragment."""

    def __init__(self, fragment):
        super().__init__()
        self.tags = []
        self.text = []
        self.feed(fragment)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def all(self, tag):
        return [attrs for t, attrs in self.tags if t == tag]


def _numeric(**kwargs):
    args = {
        "text": "What is $\\log 10$, to 3 decimals?",
        "answer": np.log(10.0),
        "tol": 5e-4,
        "id": "log-ten",
    }
    args.update(kwargs)
    return quiz.numeric(args.pop("text"), **args)


def _choice(**kwargs):
    args = {
        "text": "Which limit does $T \\to \\infty$ give?",
        "options": ["one-hot", "uniform, $1/C$", "undefined"],
        "answer": 1,
        "id": "limit",
    }
    args.update(kwargs)
    return quiz.multiple_choice(args.pop("text"), **args)


# --- the HTML ------------------------------------------------------------------------------


def test_numeric_html_has_a_labelled_input_a_button_and_a_live_region():
    page = _Elements(_numeric(hint="Use $\\ln$.", explanation="It is $\\ln 10$.")._repr_html_())
    (box,) = [a for t, a in page.tags if a.get("class") == "sq-quiz"]
    assert box["id"] == "quiz-log-ten"
    assert box["data-kind"] == "numeric"
    assert math.isclose(float(box["data-answer"]), np.log(10.0), abs_tol=1e-6)
    assert float(box["data-tol"]) == 5e-4
    assert len(page.all("fieldset")) == 1 and len(page.all("legend")) == 1
    (field,) = page.all("input")
    (label,) = page.all("label")
    assert field["type"] == "text" and label["for"] == field["id"] == "quiz-log-ten-input"
    (button,) = page.all("button")
    assert button["type"] == "button"  # never submits a form (no page reload in JupyterLab)
    (region,) = [a for a in page.all("div") if a.get("role") == "status"]
    assert region["aria-live"] == "polite"
    hidden = [a["class"] for a in page.all("p") if "hidden" in a]
    assert hidden == ["sq-hint", "sq-explanation"]  # shown by quiz.js after an answer


def test_maths_becomes_the_span_mathjax_typesets_and_text_is_escaped():
    q = _numeric(text="Is $a < b$ when <b>x</b> & y? Give 1 decimal.", tol=0.05)
    fragment = q._repr_html_()
    assert '<span class="math notranslate nohighlight">\\(a &lt; b\\)</span>' in fragment
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in fragment
    assert "<b>" not in fragment


def test_choice_html_has_one_labelled_radio_per_option():
    page = _Elements(_choice()._repr_html_())
    radios = page.all("input")
    assert [r["type"] for r in radios] == ["radio"] * 3
    assert {r["name"] for r in radios} == {"quiz-limit"}
    assert [r["value"] for r in radios] == ["0", "1", "2"]
    assert [lab["for"] for lab in page.all("label")] == [r["id"] for r in radios]
    (box,) = [a for t, a in page.tags if a.get("class") == "sq-quiz"]
    assert box["data-kind"] == "choice" and box["data-answer"] == "1"


def test_every_id_in_a_question_is_unique():
    for q in (_numeric(hint="h", explanation="e"), _choice()):
        ids = [a["id"] for _, a in _Elements(q._repr_html_()).tags if "id" in a]
        assert len(ids) == len(set(ids)) and all(i.startswith("quiz-") for i in ids)


# --- stable output, for nbval ------------------------------------------------------------------


def test_the_same_question_gives_the_same_bytes():
    assert _numeric()._repr_html_() == _numeric()._repr_html_()
    assert _choice()._repr_html_() == _choice()._repr_html_()


def test_rounding_noise_in_the_answer_does_not_change_the_html():
    # The answer is computed: its last bits may differ between machines.
    x = np.log(10.0)
    assert _numeric(answer=x)._repr_html_() == _numeric(answer=x * (1 + 1e-14))._repr_html_()
    assert _numeric(answer=x)._repr_html_() != _numeric(answer=x + 1e-4)._repr_html_()


def test_default_id_is_derived_from_the_question():
    a = quiz.numeric("What is $1 + 1$?", answer=2.0, tol=0.1)
    b = quiz.numeric("What is $1 + 1$?", answer=2.0, tol=0.1)
    c = quiz.numeric("What is $1 + 2$?", answer=3.0, tol=0.1)
    assert a.id == b.id != c.id
    assert a.id.startswith("q-") and len(a.id) == 14
    d = quiz.multiple_choice("Pick one", ["x", "y"], answer=0)
    e = quiz.multiple_choice("Pick one", ["x", "z"], answer=0)
    assert d.id != e.id  # the options are part of the question


# --- the text fallbacks never give the answer away --------------------------------------------


def test_markdown_and_plain_text_show_the_question_not_the_answer():
    q = _numeric(answer=2.302585093, hint="a hint", explanation="the answer is 2.303")
    for text in (q._repr_markdown_(), repr(q)):
        assert "log 10" in text
        assert "2.30" not in text and "hint" not in text
    c = _choice(explanation="uniform is right")
    for text in (c._repr_markdown_(), repr(c)):
        assert "one-hot" in text and "uniform, $1/C$" in text and "undefined" in text
        assert "is right" not in text
    assert "$\\log 10$" in q._repr_markdown_()  # MyST maths, for the PDF
    assert "\n- (b) uniform, $1/C$\n" in c._repr_markdown_()  # a list in the PDF


# --- checking from Python ------------------------------------------------------------------


def test_numeric_check_accepts_within_the_tolerance_only(capsys):
    q = _numeric(hint="Use $\\ln$.", explanation="It is $\\ln 10$.")
    assert q.check(2.303) is True
    assert capsys.readouterr().out == "Correct. It is $\\ln 10$.\n"
    assert q.check(2.30) is False
    assert capsys.readouterr().out == "Not yet. Use $\\ln$.\n"
    assert q.check(np.float32(2.3026)) is True


def test_choice_check_by_position_or_text(capsys):
    q = _choice()
    assert q.check(1) is True
    assert q.check("uniform, $1/C$") is True
    assert q.check(np.int64(0)) is False
    assert q.check("undefined") is False
    assert capsys.readouterr().out == "Correct.\nCorrect.\nNot yet.\nNot yet.\n"


@pytest.mark.parametrize(
    ("make", "response", "error", "message"),
    [
        (_numeric, "2.3", TypeError, "must be a number"),
        (_numeric, True, TypeError, "must be a number"),
        (_choice, 1.0, TypeError, "position"),
        (_choice, 3, ValueError, "numbered 0 to 2"),
        (_choice, "maybe", ValueError, "not one of the options"),
    ],
)
def test_check_rejects_a_response_of_the_wrong_kind(make, response, error, message):
    with pytest.raises(error, match=message):
        make().check(response)


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"text": 3}, TypeError, "text must be a string"),
        ({"text": "   "}, ValueError, "text is empty"),
        ({"text": "costs $5"}, ValueError, "unmatched '\\$'"),
        ({"text": "display $$x$$"}, ValueError, "inline maths only"),
        ({"answer": "2.3"}, TypeError, "answer must be a real number"),
        ({"answer": True}, TypeError, "answer must be a real number"),
        ({"answer": np.array([1.0, 2.0])}, TypeError, "answer must be a real number"),
        ({"answer": float("nan")}, ValueError, "answer must be finite"),
        ({"answer": np.inf}, ValueError, "answer must be finite"),
        ({"tol": 0.0}, ValueError, "tol must be a positive"),
        ({"tol": -1e-3}, ValueError, "tol must be a positive"),
        ({"tol": float("inf")}, ValueError, "tol must be a positive"),
        ({"tol": "0.1"}, TypeError, "tol must be a positive number"),
        ({"id": "Q1"}, ValueError, "lower-case letters and digits"),
        ({"id": "a_b"}, ValueError, "lower-case letters and digits"),
        ({"id": "-a"}, ValueError, "lower-case letters and digits"),
        ({"id": "a" * 61}, ValueError, "at most"),
        ({"id": 7}, TypeError, "id must be a string"),
        ({"hint": ""}, ValueError, "hint is empty"),
        ({"explanation": 1}, TypeError, "explanation must be a string"),
    ],
)
def test_numeric_rejects_bad_input(kwargs, error, message):
    with pytest.raises(error, match=message):
        _numeric(**kwargs)


def test_numeric_accepts_numpy_scalars_and_zero_d_arrays():
    assert _numeric(answer=np.float32(2.5)).check(2.5)
    assert _numeric(answer=np.array(2.5)).check(2.5)
    assert _numeric(answer=np.int64(2)).check(2)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"options": "ab"}, TypeError, "options must be a list of strings"),
        ({"options": 3}, TypeError, "options must be a list of strings"),
        ({"options": ["only"]}, ValueError, "at least 2 options"),
        ({"options": ["a", "a"]}, ValueError, "must differ"),
        ({"options": ["a", ""]}, ValueError, "options\\[1\\] is empty"),
        ({"options": ["a", None]}, TypeError, "options\\[1\\] must be a string"),
        ({"answer": 3}, ValueError, "between 0 and 2"),
        ({"answer": -1}, ValueError, "between 0 and 2"),
        ({"answer": 1.0}, TypeError, "position of the right option"),
        ({"answer": True}, TypeError, "position of the right option"),
        ({"answer": "uniform, $1/C$"}, TypeError, "position of the right option"),
    ],
)
def test_multiple_choice_rejects_bad_input(kwargs, error, message):
    with pytest.raises(error, match=message):
        _choice(**kwargs)


def test_inputs_are_not_modified():
    options = ["a", "b"]
    quiz.multiple_choice("Pick", options, answer=np.int64(1), id="pick")
    assert options == ["a", "b"]
