"""Keyboard-only operation, as reusable checks for any control on a page.

A reader without a mouse reaches a control with Tab, must see where the focus
is, and operates the control with Enter, Space or the arrow keys. The three
checks below say exactly that, so a new kind of control (a quiz question, a
slider on an interactive figure) is tested by describing it once as a
``Widget`` in ``test_keyboard.py``: a CSS selector, and the keys with the state
each key must lead to.

- ``tab_to(page, element)`` presses Tab until the element has the focus (and
  fails if Tab never gets there: the control is not in the tab order);
- ``focus_indicator(page)`` says whether the focused element is drawn visibly
  and differently from when it is not focused (WCAG 2.4.7 "Focus Visible");
- ``press_and_wait(page, element, key, state_js, expected)`` presses a key and
  waits for the element's state to become the expected one.
"""

from dataclasses import dataclass

# Everything a browser can put in the tab order (tabindex="-1" is not in it).
FOCUSABLE = (
    "a[href], area[href], button, input, select, textarea, summary, iframe,"
    ' [contenteditable="true"], [tabindex]:not([tabindex="-1"])'
)


# An expected state that only has to differ from the one before the key.
CHANGED = object()


@dataclass(frozen=True)
class Widget:
    """A kind of control, as the keyboard test needs to know it.

    selector : CSS selector of the element that takes the focus (for a group
        of radio buttons, the first one: a group is a single tab stop).
    steps : (key, expected state) pairs, pressed in order on the focused
        control. The expected state is a string, ``CHANGED`` (any other state
        than before the key) or None (press only, e.g. to reach a known start).
    state_js : JavaScript function of that element returning its state as a
        string, e.g. ``"el => el.getAttribute('aria-expanded')"``.
    focus_within : CSS selector of the ancestor that must still contain the
        focus after each key (arrow keys move it between radio buttons); by
        default the control itself must keep it.
    """

    name: str
    selector: str
    steps: tuple
    state_js: str
    focus_within: str = ""


# Transitions make the focus ring and a dropdown's content fade in over a few
# hundred milliseconds; the checks look at the end state, not the animation.
_NO_TRANSITIONS = (
    "*, *::before, *::after { transition: none !important; animation: none !important; }"
)

# What a focus indicator can change: outline, box shadow, border, background.
_LOOK = """el => {
    const s = getComputedStyle(el);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.outlineOffset, s.boxShadow,
            s.borderTopColor, s.borderBottomColor, s.backgroundColor].join('|');
}"""


def disable_transitions(page):
    """Make style changes (focus, a dropdown, the colour mode) take effect at once."""
    page.add_style_tag(content=_NO_TRANSITIONS)


def prepare(page):
    """Turn transitions off and remember how every focusable element looks unfocused."""
    disable_transitions(page)
    page.evaluate(
        """([selector, look]) => {
            const lookOf = eval(look);
            if (document.activeElement) document.activeElement.blur();
            window.__unfocusedLook = new Map();
            for (const el of document.querySelectorAll(selector)) {
                window.__unfocusedLook.set(el, lookOf(el));
            }
        }""",
        [FOCUSABLE, _LOOK],
    )


def start_from_top(page):
    """Put the sequential focus starting point at the top of the document."""
    page.evaluate(
        """() => {
            window.scrollTo(0, 0);
            const body = document.body;
            body.setAttribute('tabindex', '-1');
            body.focus();
            body.removeAttribute('tabindex');
        }"""
    )


def describe_focused(page):
    """A short description of the focused element (for messages)."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            if (!el || el === document.body) return '<body>';
            const label = el.getAttribute('aria-label') || el.textContent.trim().slice(0, 40);
            const cls = (typeof el.className === 'string' ? el.className : '').split(' ')[0];
            return `<${el.tagName.toLowerCase()}${cls ? '.' + cls : ''}> ${JSON.stringify(label)}`;
        }"""
    )


def tab_to(page, element, *, max_presses=1500):
    """Press Tab until ``element`` (an ElementHandle) has the focus; return the count.

    Starts from wherever the focus is now (call ``start_from_top`` first to
    start from the top). Fails if the focus leaves the page or ``max_presses``
    are used up first.
    """
    for presses in range(1, max_presses + 1):
        page.keyboard.press("Tab")
        if page.evaluate("el => document.activeElement === el", element):
            return presses
        if page.evaluate("() => document.activeElement === document.body"):
            break  # past the last control: Tab went to the browser
    raise AssertionError(
        f"Tab never reached {element.evaluate('el => el.outerHTML.slice(0, 120)')} "
        f"({presses} presses, the focus was last on {describe_focused(page)})"
    )


def focus_indicator(page):
    """Whether the focused element is visible and looks different from unfocused.

    Visible: not hidden, not fully transparent (an opacity-0 copy button that
    takes the focus is invisible), not of zero size. Different: its outline,
    box shadow, border or background changed on focus, and an outline or a box
    shadow (the usual focus rings) is actually drawn, or the background or
    border changed. Needs ``prepare(page)`` first.
    """
    return page.evaluate(
        """(look) => {
            const el = document.activeElement;
            const lookOf = eval(look);
            const rect = el.getBoundingClientRect();
            const visible = el.checkVisibility({opacityProperty: true, visibilityProperty: true})
                && rect.width > 0 && rect.height > 0;
            const s = getComputedStyle(el);
            const now = lookOf(el).split('|');
            if (!window.__unfocusedLook.has(el)) {  // added to the page after prepare()
                el.blur();
                window.__unfocusedLook.set(el, lookOf(el));
                el.focus({focusVisible: true});
            }
            const before = window.__unfocusedLook.get(el).split('|');
            const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
                          && now.slice(0, 4).join() !== before.slice(0, 4).join())
                || (s.boxShadow !== 'none' && now[4] !== before[4]);
            const fill = now.slice(5).join() !== before.slice(5).join();
            return {visible, changed: ring || fill};
        }""",
        _LOOK,
    )


def walk_tab_order(page, *, max_presses=3000):
    """Tab through the whole page once; return (description, indicator) per stop."""
    start_from_top(page)
    stops = []
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement === document.body"):
            return stops
        stops.append((describe_focused(page), focus_indicator(page)))
    raise AssertionError(f"still tabbing after {max_presses} presses: a focus trap?")


def press_and_wait(page, element, key, state_js, expected, *, timeout=5_000):
    """Press ``key`` and wait until ``state_js(element)`` returns ``expected``.

    ``expected`` may be ``CHANGED`` (anything but the state before the key) or
    None (do not wait).
    """
    before = page.evaluate("([el, f]) => String(eval(f)(el))", [element, state_js])
    page.keyboard.press(key)
    if expected is None:
        return
    try:
        if expected is CHANGED:
            page.wait_for_function(
                "([el, f, old]) => String(eval(f)(el)) !== old",
                arg=[element, state_js, before],
                timeout=timeout,
            )
            return
        page.wait_for_function(
            "([el, f, want]) => String(eval(f)(el)) === want",
            arg=[element, state_js, str(expected)],
            timeout=timeout,
        )
    except Exception as error:  # playwright's TimeoutError: say what was seen instead
        seen = page.evaluate("([el, f]) => String(eval(f)(el))", [element, state_js])
        want = f"a change from {before!r}" if expected is CHANGED else repr(expected)
        raise AssertionError(
            f"after pressing {key} the state is {seen!r}, expected {want}"
        ) from error
