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
from pathlib import Path

import pytest
from site_pages import PHONE, page_loader

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


@pytest.fixture(scope="session")
def visit(browser, base_url):
    """visit(name) loads the page for a _toc.yml entry once per session."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield page_loader(context, base_url, SCREENSHOTS)
    context.close()


@pytest.fixture(scope="session")
def phone_visit(browser, base_url):
    """Like visit, in a phone-sized mobile browser; screenshots go to screenshots/phone/."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    yield page_loader(context, base_url, SCREENSHOTS / "phone")
    context.close()
