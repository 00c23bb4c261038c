"""Loading the built site's pages in Chromium, shared by the browser tests.

A module of its own, not conftest.py: tests/site and tests/pdf both have a
conftest, and ``from conftest import ...`` would find whichever pytest put on
the path first when both folders run together.
"""

from dataclasses import dataclass, field
from pathlib import Path

# A phone held upright (an iPhone 12 to 15 is 390 x 844 CSS pixels). is_mobile
# makes Chromium honour the page's viewport meta tag as a phone browser does.
PHONE = {"width": 390, "height": 844}


@dataclass
class Visit:
    """A page loaded once, with everything the browser reported while loading it."""

    name: str
    url: str
    page: object
    console_errors: list = field(default_factory=list)
    failed_requests: list = field(default_factory=list)
    requested_urls: list = field(default_factory=list)


def page_loader(context, base_url, screenshots=None):
    """load(name) loads the page for a _toc.yml entry once in ``context``.

    With ``screenshots`` (a folder), also saves a full-page screenshot there.
    """
    cache = {}
    if screenshots is not None:
        screenshots.mkdir(parents=True, exist_ok=True)

    def load(name):
        if name in cache:
            return cache[name]
        page = context.new_page()
        record = Visit(name, f"{base_url}/{name}.html", page)
        page.on("console", lambda m: m.type == "error" and record.console_errors.append(m.text))
        page.on("pageerror", lambda e: record.console_errors.append(f"uncaught: {e}"))
        page.on("request", lambda r: record.requested_urls.append(r.url))
        page.on(
            "requestfailed",
            lambda r: record.failed_requests.append(f"{r.url} ({r.failure})"),
        )
        page.on(
            "response",
            lambda r: r.status >= 400 and record.failed_requests.append(f"{r.url} ({r.status})"),
        )
        response = page.goto(record.url, wait_until="networkidle")
        assert response is not None and response.status == 200, f"{record.url} did not load"
        # MathJax typesets asynchronously; wait for it where the page has maths.
        page.wait_for_function(
            "() => !document.querySelector('.math') ||"
            " (window.MathJax && MathJax.startup && MathJax.startup.promise)",
            timeout=30_000,
        )
        page.evaluate("() => window.MathJax && MathJax.startup ? MathJax.startup.promise : null")
        # Scroll through the page so anything lazily loaded is requested.
        page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_load_state("networkidle")
        page.evaluate("() => window.scrollTo(0, 0)")
        if screenshots is not None:
            page.screenshot(path=str(screenshots / f"{Path(name).name}.png"), full_page=True)
        cache[name] = record
        return record

    return load
