"""Chinese text is drawn with the font the site ships, on a machine with no CJK font.

For every page: each Chinese character on it is in the shipped subset, the
browser loaded that font from the site, `document.fonts.check` passes for the
page's characters, and Chromium's own report of the fonts it drew each element
with (DevTools' CSS.getPlatformFontsForNode) gives every Chinese glyph to the
web font. Pages without Chinese must not download the font at all
(unicode-range).
"""

import sys
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from test_site import PAGES

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "book" / "_ext"))
from cjk_ranges import CJK_CHARACTER as CJK  # noqa: E402  (the build's own definition)

FAMILY = "Noto Sans CJK SC subset"  # the @font-face name in _static/cjk-font.css
FONT_FILE = "NotoSansCJKsc-subset.otf"

# Mark every element with Chinese in its own text nodes, and return that text.
_PROBE = """(pattern) => {
    const cjk = new RegExp(pattern, 'u');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const owners = new Map();
    while (walker.nextNode()) {
        const node = walker.currentNode, owner = node.parentElement;
        if (!owner || owner.closest('script, style, noscript') || !cjk.test(node.data)) continue;
        if (owner.getClientRects().length === 0) continue;  // not rendered
        owners.set(owner, (owners.get(owner) || '') + node.data);
    }
    let i = 0;
    return Array.from(owners, ([owner, text]) => {
        owner.setAttribute('data-cjk-probe', String(i));
        return {probe: String(i++), text};
    });
}"""


@pytest.fixture(scope="module")
def subset_characters():
    font = TTFont(ROOT / "_build" / "html" / "_static" / "fonts" / FONT_FILE)
    return {chr(code) for code in font.getBestCmap()}


def _platform_fonts(page, probe):
    session = page.context.new_cdp_session(page)
    try:
        session.send("DOM.enable")
        session.send("CSS.enable")
        root = session.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
        node = session.send(
            "DOM.querySelector", {"nodeId": root, "selector": f'[data-cjk-probe="{probe}"]'}
        )["nodeId"]
        return session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    finally:
        session.detach()


@pytest.mark.parametrize("name", PAGES)
def test_chinese_drawn_with_the_shipped_font(visit, subset_characters, name):
    record = visit(name)
    page = record.page
    page.evaluate("() => document.fonts.ready.then(() => true)")
    owners = page.evaluate(_PROBE, CJK.pattern)
    requested = [url for url in record.requested_urls if FONT_FILE in url]
    if not owners:
        assert requested == [], f"{name} has no Chinese but downloaded the font: {requested}"
        return
    used = set().union(*(set(CJK.findall(o["text"])) for o in owners))
    assert used <= subset_characters, (
        f"{name}: {''.join(sorted(used - subset_characters))} not in the shipped subset: "
        "run scripts/subset_cjk_font.py"
    )
    assert requested, f"{name} has Chinese text but never requested {FONT_FILE}"
    statuses = page.evaluate(
        "(family) => Array.from(document.fonts).filter(f => f.family.replace(/\"/g, '') === family)"
        ".map(f => f.status)",
        FAMILY,
    )
    assert statuses and set(statuses) == {"loaded"}, f"{name}: font faces {statuses}"
    assert page.evaluate(
        '([family, text]) => document.fonts.check(`16px "${family}"`, text)',
        [FAMILY, "".join(sorted(used))],
    ), f"{name}: document.fonts.check fails for {''.join(sorted(used))}"
    for owner in owners:
        n_cjk = len(CJK.findall(owner["text"]))
        fonts = _platform_fonts(page, owner["probe"])
        web = sum(f["glyphCount"] for f in fonts if f["isCustomFont"])
        assert web == n_cjk, (
            f"{name}: {owner['text'][:40]!r} has {n_cjk} Chinese characters but the web font "
            f"drew {web} glyphs; Chromium used {fonts}"
        )


def test_the_glossary_has_chinese_to_check(visit):
    """Guards the early return above: the glossary must exercise the font checks."""
    owners = visit("book/glossary").page.evaluate(_PROBE, CJK.pattern)
    assert len(owners) > 20
