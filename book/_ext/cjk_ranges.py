"""Which characters are Chinese, for the shipped font subset.

One definition for the three places that need it: the PDF edition
(pdf_edition.py sets these characters in the subset font), the script that
makes the subset (scripts/subset_cjk_font.py) and the tests. The web font's
``unicode-range`` in _static/cjk-font.css lists the same ranges (tested).
"""

import re

CJK_RANGES = (
    (0x2E80, 0x2FDF),  # radicals
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3100, 0x312F),  # bopomofo
    (0x31A0, 0x31BF),  # bopomofo extended
    (
        0x3200,
        0x9FFF,
    ),  # enclosed and compatibility forms, extension A, unified ideographs
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0xFE30, 0xFE4F),  # compatibility forms
    (0xFF00, 0xFFEF),  # full-width forms such as ，：（）
    (0x20000, 0x3134F),  # extensions B to G
)

CJK_CHARACTER = re.compile(
    "[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in CJK_RANGES) + "]"
)


def cjk_characters(text):
    """The set of Chinese characters (in CJK_RANGES) in a string."""
    return set(CJK_CHARACTER.findall(text))
