"""The Chinese font the site and the PDF ship (scripts/subset_cjk_font.py).

Fails when a page of the book uses a Chinese character the subset cannot draw;
the fix is to regenerate the subset, as the message says.
"""

import importlib.util
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "_static" / "fonts"


def _load_script():
    spec = importlib.util.spec_from_file_location(
        "subset_cjk_font", ROOT / "scripts" / "subset_cjk_font.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


subset_cjk_font = _load_script()


def test_subset_draws_every_chinese_character_in_the_sources():
    used = subset_cjk_font.used_characters()
    assert len(used) > 50, "the glossary alone has more Chinese characters than that"
    missing = subset_cjk_font.missing_characters()
    assert missing == "", (
        f"the book uses {missing!r}, which the shipped font subset lacks: run "
        "`.venv/bin/python scripts/subset_cjk_font.py` (needs Debian's fonts-noto-cjk)"
    )


def test_subset_is_small_and_only_what_is_used():
    drawn = subset_cjk_font.font_characters()
    used = set(subset_cjk_font.used_characters())
    # The space is there for XeTeX, which measures it in every font it loads.
    assert drawn - used == {" "}, f"characters the book no longer uses: {drawn - used - {' '}}"
    assert subset_cjk_font.FONT.stat().st_size < 200_000


def _book(tmp_path, notebook_text):
    (tmp_path / "book").mkdir()
    cell = {"cell_type": "markdown", "metadata": {}, "source": [notebook_text]}
    notebook = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    # ensure_ascii: the notebook stores Chinese as \\uXXXX escapes, as some tools write it.
    (tmp_path / "book" / "ch.ipynb").write_text(json.dumps(notebook, ensure_ascii=True))
    (tmp_path / "_config.yml").write_text("title: x\n")
    (tmp_path / "_toc.yml").write_text("root: book/ch\n")
    return tmp_path


def test_characters_stored_as_json_escapes_are_found(tmp_path):
    root = _book(tmp_path, "Softmax 回归 (softmax regression)")
    assert subset_cjk_font.used_characters(root) == "".join(sorted("回归"))


def test_a_character_the_subset_lacks_is_reported(tmp_path):
    root = _book(tmp_path, "学习 and 龘")  # 龘: surely in no softmax book
    assert subset_cjk_font.missing_characters(root) == "龘"
    assert subset_cjk_font.cjk_characters("a 龘, b。") == {"龘", "。"}


def test_css_unicode_range_is_the_scripts_ranges():
    css = (ROOT / "_static" / "cjk-font.css").read_text()
    declared = re.search(r"unicode-range:([^;]+);", css).group(1)
    ranges = [tuple(int(x, 16) for x in r.strip()[2:].split("-")) for r in declared.split(",")]
    from cjk_ranges import CJK_RANGES  # put on sys.path by the script

    assert ranges == list(CJK_RANGES)


def test_licence_shipped_next_to_the_font():
    licence = (FONTS / "OFL.txt").read_text()
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert "Adobe" in licence  # the copyright holder of Noto Sans CJK


@pytest.mark.parametrize("name_id", [0, 13])
def test_font_keeps_its_copyright_and_licence_records(name_id):
    from fontTools.ttLib import TTFont

    record = TTFont(subset_cjk_font.FONT)["name"].getDebugName(name_id)
    assert record and ("Adobe" in record or "Open Font License" in record)
