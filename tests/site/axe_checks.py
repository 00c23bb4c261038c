"""axe-core on a Playwright page: the WCAG 2.1 A and AA rules, and a readable report.

axe-core itself comes bundled (and pinned) in axe-playwright-python, whose
copy of axe.min.js is injected into the page: nothing is fetched.
"""

from axe_playwright_python.sync_playwright import Axe

# The rules of WCAG 2.0 and 2.1, levels A and AA.
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Rules switched off because the theme, not the book, breaks them, with the
# reason. None is needed at present: every violation axe found was fixed in
# _static/ or book/_ext/.
THEME_EXCLUSIONS = {}

# The rule that compares text and background colours. It is by far the
# slowest (three quarters of axe's time on a chapter, whose MathJax output
# has some 20,000 elements), so the tests that re-check a page in another
# state restrict it to what that state changes.
CONTRAST = "color-contrast"

_AXE_SCRIPT = Axe().axe_script


def axe_violations(page, *, include=None, only=None, skip=()):
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now.

    include : CSS selectors of the parts to check (default: the whole page).
    only : rule ids to run instead of all the WCAG 2.1 A/AA ones.
    skip : rule ids not to run.
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_AXE_SCRIPT)
    if only:
        run_only = {"type": "rule", "values": list(only)}
    else:
        run_only = {"type": "tag", "values": WCAG_21_AA}
    off = {rule: {"enabled": False} for rule in [*THEME_EXCLUSIONS, *skip]}
    options = {"runOnly": run_only, "resultTypes": ["violations"], "rules": off}
    context = {"include": [[s] for s in include]} if include else None
    return page.evaluate(
        "([context, options]) => axe.run(context || document, options)"
        ".then(results => results.violations)",
        [context, options],
    )


def describe(violations):
    """One line per violated rule: id, impact, how many elements, the first one."""
    lines = []
    for v in violations:
        node = v["nodes"][0]
        checks = node.get("any", []) + node.get("all", []) + node.get("none", [])
        message = checks[0]["message"] if checks else v["help"]
        lines.append(
            f"\n  {v['id']} ({v['impact']}, {len(v['nodes'])} elements), e.g. "
            f"{node['target']}: {message}"
        )
    return "".join(lines)
