r"""Quick questions that answer back, in the page, offline.

A question is made in a notebook cell, with its answer computed there by the
library, and shown as the cell's output. On the website it is a small form
(a fieldset, radio buttons or a text box, a "Check" button) that
``_static/quiz.js`` checks in the browser, with no kernel and no network: a
wrong answer gets "Not yet" and the hint, the right one "Correct" and the
explanation, in a region that screen readers announce. Elsewhere it degrades
to text: in the PDF the question and its options, without the answer; in a
running notebook the same form, which ``check`` answers from Python.

How to add a question to a chapter
----------------------------------
1. Add a code cell under the chapter's "Check your understanding" heading,
   tag it ``remove-input`` (the code computes the answer: readers of the site
   must not see it), and make the question its last expression::

       from softmax_tutorial import quiz

       quiz.numeric(
           "What is $\mathcal{R}(0)$ for $C = 10$ classes, to 3 decimals?",
           answer=risk(np.zeros((D, 10)), X, y_10),
           tol=5e-4,
           id="04-risk-at-zero",
           hint="At $W = 0$ every class has probability $1/C$.",
           explanation="$\mathcal{R}(0) = \log C$ whatever the data.",
       )

   or, for a choice (``answer`` is the position of the right option, from 0)::

       quiz.multiple_choice(
           "Which layout does the Jacobian of chapter 5 use?",
           options=["numerator layout", "denominator layout"],
           answer=0,
           id="05-jacobian-layout",
       )

   The answer must come from the library (``risk``, ``softmax``, ...), never
   typed in; ``id`` is the chapter number and a few words, unique in the book.
2. Add the same answer, computed independently, to the answer key of the site
   tests, ``tests/site/quiz_key.py`` (a number from the library, or the text of
   the right option). The browser tests answer every question on every page
   wrongly and then with the key, and fail on a question the key lacks.
3. Re-execute the notebook (its stored outputs are compared by nbval).

Text may hold inline maths, ``$...$``, and code in backticks, as in the
chapter's markdown; a literal dollar is ``\$``.
"""

import hashlib
import html
import math
import numbers

import numpy as np

from ._markup import check_id, check_text, to_html, to_plain

__all__ = ["Question", "numeric", "multiple_choice"]

_NOT_YET = "Not yet."
_CORRECT = "Correct."
_NO_SCRIPT = (
    "Answers are checked on the book's website. In a running notebook, keep the question"
    " in a variable, <code>q = ...</code>, and call <code>q.check(your_answer)</code>."
)


class Question:
    """One question: shown as a form on the website, as text in the PDF.

    Made by :func:`numeric` or :func:`multiple_choice`, not directly.

    Attributes
    ----------
    id : str
        The question's id, unique in the book; the HTML element is
        ``quiz-<id>``.
    kind : {"numeric", "choice"}
    text : str
    options : tuple of str
        The options of a choice; empty for a numeric question.
    """

    def __init__(self, kind, text, answer, *, tol, options, id, hint, explanation):
        self.kind = kind
        self.text = text
        self.options = options
        self.id = id
        self.hint = hint
        self.explanation = explanation
        self._answer = answer
        self._tol = tol

    # -- checking from Python (a notebook without the website's JavaScript) --------

    def check(self, response):
        """Check an answer as the page would: print the feedback, return True if right.

        Parameters
        ----------
        response : float for a numeric question; int (the option's position,
            from 0) or str (the option's text) for a choice.

        Returns
        -------
        bool
        """
        correct = self._is_correct(response)
        message = _CORRECT if correct else _NOT_YET
        extra = self.explanation if correct else self.hint
        print(message + (" " + to_plain(extra) if extra else ""))
        return correct

    def _is_correct(self, response):
        if self.kind == "numeric":
            if isinstance(response, bool) or not isinstance(response, numbers.Real):
                raise TypeError(
                    f"the answer to a numeric question must be a number, got"
                    f" {type(response).__name__} {response!r}."
                )
            return abs(float(response) - self._answer) <= self._tol
        if isinstance(response, str):
            if response not in self.options:
                raise ValueError(f"{response!r} is not one of the options: {list(self.options)}.")
            return self.options.index(response) == self._answer
        if isinstance(response, bool) or not isinstance(response, numbers.Integral):
            raise TypeError(
                f"the answer to a choice is the option's position (an int from 0) or its text,"
                f" got {type(response).__name__} {response!r}."
            )
        if not 0 <= response < len(self.options):
            raise ValueError(
                f"there are {len(self.options)} options, numbered 0 to"
                f" {len(self.options) - 1}; got {response}."
            )
        return int(response) == self._answer

    # -- the three ways the question is shown ----------------------------------------

    def _repr_html_(self):
        base = f"quiz-{self.id}"
        if self.kind == "numeric":
            data = (
                f' data-kind="numeric" data-answer="{_format_answer(self._answer, self._tol)}"'
                f' data-tol="{self._tol!r}"'
            )
            control = (
                f'<div class="sq-numeric">'
                f'<label for="{base}-input">Your answer</label>'
                f'<input type="text" id="{base}-input" inputmode="decimal"'
                f' autocomplete="off" spellcheck="false">'
                f"</div>"
            )
        else:
            data = f' data-kind="choice" data-answer="{self._answer}"'
            items = "".join(
                f'<li><input type="radio" name="{base}" id="{base}-option-{k}" value="{k}">'
                f'<label for="{base}-option-{k}">{to_html(option)}</label></li>'
                for k, option in enumerate(self.options)
            )
            control = f'<ul class="sq-options">{items}</ul>'
        hint = _hidden_paragraph("sq-hint", "Hint: ", self.hint)
        explanation = _hidden_paragraph("sq-explanation", "", self.explanation)
        return (
            f'<div class="sq-quiz" id="{base}"{data}>'
            f"<fieldset><legend>{to_html(self.text)}</legend>"
            f"{control}"
            f'<button type="button" class="sq-check">Check</button>'
            f'<div class="sq-feedback" id="{base}-feedback" role="status" aria-live="polite"'
            f' aria-atomic="true"><p class="sq-verdict"></p>{hint}{explanation}</div>'
            f'<p class="sq-noscript">{_NO_SCRIPT}</p>'
            f"</fieldset></div>"
        )

    def _repr_markdown_(self):
        # What the PDF shows (the LaTeX builder renders text/markdown as MyST):
        # the question and its options, never the answer.
        if self.kind == "numeric":
            return f"**Question.** {self.text} *(A number; answer it on the website.)*\n"
        options = "\n".join(f"- ({chr(97 + k)}) {option}" for k, option in enumerate(self.options))
        return f"**Question.** {self.text} *(One answer; check it on the website.)*\n\n{options}\n"

    def __repr__(self):
        if self.kind == "numeric":
            return f"Question (a number): {to_plain(self.text)}"
        options = "\n".join(
            f"  {chr(97 + k)}) {to_plain(option)}" for k, option in enumerate(self.options)
        )
        return f"Question (one answer): {to_plain(self.text)}\n{options}"


def numeric(text, answer, *, tol, id=None, hint=None, explanation=None):
    r"""A question whose answer is a number, accepted within an absolute tolerance.

    Parameters
    ----------
    text : str
        The question, with ``$...$`` for inline maths. Say how precise the
        answer must be ("to 3 decimals").
    answer : float
        The right answer, computed by the library in the notebook cell.
    tol : float
        Answers within ``tol`` of ``answer`` are right (``5e-4`` for "to 3
        decimals").
    id : str, optional
        Lower-case words joined by hyphens, unique in the book; by default a
        hash of ``text``. Give one: it survives rewording.
    hint : str, optional
        Shown after a wrong answer.
    explanation : str, optional
        Shown after the right answer.

    Returns
    -------
    Question

    Examples
    --------
    >>> import numpy as np
    >>> from softmax_tutorial import quiz
    >>> q = quiz.numeric("What is $\\log 10$, to 3 decimals?", answer=np.log(10), tol=5e-4,
    ...                  id="log-ten")
    >>> q
    Question (a number): What is $\log 10$, to 3 decimals?
    >>> q.check(2.303)
    Correct.
    True
    """
    text = check_text(text, "text")
    if isinstance(answer, np.ndarray) and answer.shape == ():
        answer = answer[()]
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
        raise TypeError(
            f"answer must be a real number computed by the library, got"
            f" {type(answer).__name__} {answer!r}."
        )
    if not math.isfinite(answer):
        raise ValueError(f"answer must be finite, got {answer!r}.")
    if isinstance(tol, bool) or not isinstance(tol, numbers.Real):
        raise TypeError(f"tol must be a positive number, got {type(tol).__name__} {tol!r}.")
    if not (math.isfinite(tol) and tol > 0):
        raise ValueError(f"tol must be a positive finite number, got {tol!r}.")
    return Question(
        "numeric",
        text,
        float(answer),
        tol=float(tol),
        options=(),
        id=_question_id(id, "numeric", text),
        hint=_optional_text(hint, "hint"),
        explanation=_optional_text(explanation, "explanation"),
    )


def multiple_choice(text, options, answer, *, id=None, hint=None, explanation=None):
    """A question with one right option among several.

    Parameters
    ----------
    text : str
        The question, with ``$...$`` for inline maths.
    options : sequence of str
        At least two distinct options, shown in this order.
    answer : int
        The position of the right option in ``options``, from 0.
    id, hint, explanation
        As in :func:`numeric`.

    Returns
    -------
    Question

    Examples
    --------
    >>> from softmax_tutorial import quiz
    >>> q = quiz.multiple_choice("Is softmax shift invariant?", ["yes", "no"], answer=0,
    ...                          id="shift")
    >>> q.check("no")
    Not yet.
    False
    """
    text = check_text(text, "text")
    if isinstance(options, str) or not hasattr(options, "__len__"):
        raise TypeError(
            f"options must be a list of strings, got {type(options).__name__} {options!r}."
        )
    options = tuple(check_text(option, f"options[{k}]") for k, option in enumerate(options))
    if len(options) < 2:
        raise ValueError(f"a choice needs at least 2 options, got {len(options)}.")
    if len(set(options)) < len(options):
        raise ValueError(f"the options must differ from one another, got {list(options)}.")
    if isinstance(answer, np.integer):
        answer = int(answer)
    if isinstance(answer, bool) or not isinstance(answer, int):
        raise TypeError(
            f"answer must be the position of the right option (an int from 0), got"
            f" {type(answer).__name__} {answer!r}."
        )
    if not 0 <= answer < len(options):
        raise ValueError(
            f"answer must be between 0 and {len(options) - 1} (the positions of the"
            f" {len(options)} options), got {answer}."
        )
    return Question(
        "choice",
        text,
        answer,
        tol=None,
        options=options,
        id=_question_id(id, "choice", text + "\n" + "\n".join(options)),
        hint=_optional_text(hint, "hint"),
        explanation=_optional_text(explanation, "explanation"),
    )


def _question_id(id, kind, content):
    if id is not None:
        return check_id(id)
    # Derived from the question, so the same question has the same id on every run
    # (nbval compares the HTML byte for byte).
    return "q-" + hashlib.sha256(f"{kind}\n{content}".encode()).hexdigest()[:12]


def _optional_text(text, name):
    return None if text is None else check_text(text, name)


def _hidden_paragraph(css_class, prefix, text):
    if text is None:
        return ""
    return f'<p class="{css_class}" hidden>{html.escape(prefix)}{to_html(text)}</p>'


def _format_answer(answer, tol):
    # Rounded to a hundredth of the tolerance: far finer than the check, and
    # coarse enough that rounding noise between machines does not change the
    # digits stored in the notebook.
    decimals = max(0, math.ceil(-math.log10(tol)) + 2)
    return f"{answer:.{decimals}f}"
