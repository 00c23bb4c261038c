"""Text with inline maths, written once and shown three ways (private).

The in-page questions (``quiz``) and the interactive figures
(``interactive``) take their text as a plain string in which ``$...$`` marks
inline maths and backticks mark code, as in the book's own markdown. They show
it as HTML on the website (maths in the ``span.math`` that MathJax typesets,
exactly what Sphinx writes for ``$...$`` in a chapter), as MyST markdown for
the PDF (the LaTeX builder renders a notebook's ``text/markdown`` output), and
as plain text in a terminal. Element ids are checked here too, because an id
that changes between runs makes nbval fail.
"""

import html
import re

__all__ = []  # nothing public here

# $...$ not preceded by a backslash; $$ (display maths) is not inline text.
_MATH = re.compile(r"(?<![\\$])\$(?!\$)(.+?)(?<!\\)\$")
_CODE = re.compile(r"`([^`]+)`")
_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def check_text(text, name):
    """Return ``text`` stripped, or raise if it is not a non-empty string with balanced ``$``."""
    if not isinstance(text, str):
        raise TypeError(f"{name} must be a string, got {type(text).__name__} {text!r}.")
    text = text.strip()
    if not text:
        raise ValueError(f"{name} is empty; write the text the reader should see.")
    unescaped = _MATH.sub("", text.replace(r"\$", ""))
    if "$" in unescaped.replace("$$", ""):
        raise ValueError(
            f"{name} has an unmatched '$' (inline maths is written $...$, a literal dollar"
            f" as \\$): {text!r}"
        )
    if "$$" in text:
        raise ValueError(f"{name} must hold inline maths only ($...$), not $$...$$: {text!r}")
    return text


def check_id(value, name="id"):
    """Return ``value`` if it is a valid element id: lower-case words and digits joined by '-'."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, got {type(value).__name__} {value!r}.")
    if not _ID.fullmatch(value) or len(value) > 60:
        raise ValueError(
            f"{name} must be lower-case letters and digits joined by single hyphens, at most"
            f" 60 characters (for example '02-temperature-limit'), got {value!r}."
        )
    return value


def to_html(text):
    """Escape ``text`` for HTML; ``$x$`` becomes MathJax's inline span, `x` becomes <code>."""
    parts = []
    last = 0
    for match in _MATH.finditer(text):
        parts.append(_plain_html(text[last : match.start()]))
        tex = html.escape(match.group(1), quote=False)
        parts.append(f'<span class="math notranslate nohighlight">\\({tex}\\)</span>')
        last = match.end()
    parts.append(_plain_html(text[last:]))
    return "".join(parts)


def _plain_html(text):
    escaped = html.escape(text.replace(r"\$", "$"), quote=False)
    return _CODE.sub(r'<code class="docutils literal notranslate">\1</code>', escaped)


def to_plain(text):
    """The text for a terminal: maths and code as typed, escaped dollars unescaped."""
    return text.replace(r"\$", "$")
