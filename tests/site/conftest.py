"""Fixtures for the browser tests: the built site served on loopback, and
Debian's Chromium driven by Playwright (never a browser Playwright downloads).

The site is the one `make book` built into _build/html (`make site` builds it
from a clean state first).
"""

import functools
import http.server
import os
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "_build" / "html"
SCREENSHOTS = ROOT / "_build" / "screenshots"

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def base_url():
    if not (SITE / "index.html").exists():
        pytest.fail("No built site in _build/html: run `make book` first (or `make site`).")
    handler = functools.partial(_QuietHandler, directory=str(SITE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    if CHROMIUM is None:
        pytest.skip(
            "Browser tests skipped: Chromium not found. Install Debian's chromium "
            "(sudo apt-get install chromium) to run them."
        )
    from playwright.sync_api import sync_playwright

    args = [
        "--headless=new",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        # The network is closed here; without these Chromium keeps trying to
        # reach its own services (and such requests would not be the site's).
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]
    if os.geteuid() == 0:
        args.append("--no-sandbox")  # Chromium refuses to start as root otherwise
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        yield browser
        browser.close()


@dataclass
class Visit:
    """A page loaded once, with everything the browser reported while loading it."""

    name: str
    url: str
    page: object
    console_errors: list = field(default_factory=list)
    failed_requests: list = field(default_factory=list)
    requested_urls: list = field(default_factory=list)


def _page_loader(context, base_url, screenshots=None):
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


@pytest.fixture(scope="session")
def visit(browser, base_url):
    """visit(name) loads the page for a _toc.yml entry once per session."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield _page_loader(context, base_url, SCREENSHOTS)
    context.close()


# A phone held upright (an iPhone 12 to 15 is 390 x 844 CSS pixels). is_mobile
# makes Chromium honour the page's viewport meta tag as a phone browser does.
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def phone_visit(browser, base_url):
    """Like visit, in a phone-sized mobile browser; screenshots go to screenshots/phone/."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    yield _page_loader(context, base_url, SCREENSHOTS / "phone")
    context.close()
