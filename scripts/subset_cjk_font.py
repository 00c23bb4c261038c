"""Regenerate the Chinese font the site and the PDF ship: only the glyphs the book uses.

The glossary, the intro and the references give terms and a title in Chinese
(the source book, nndl, is Chinese). A reader's machine may have no Chinese
font, so the site loads these glyphs from a font it ships, and XeLaTeX reads the
same file by path for the PDF. The file is a subset of Noto Sans CJK SC (SIL Open
Font License 1.1, see _static/fonts/OFL.txt) holding just the characters found
in the book's sources, so it stays a few tens of kilobytes instead of 16 MB.

Run it after adding Chinese text to a chapter (the font tests name any character
the subset lacks):

    sudo apt-get install fonts-noto-cjk      # the full font, only for this step
    .venv/bin/python scripts/subset_cjk_font.py

``--check`` only reports missing characters (exit status 1 if any), and needs no
source font.
"""

import argparse
import json
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "book" / "_ext"))
from cjk_ranges import cjk_characters  # noqa: E402  (one definition, shared with the build)

FONT = ROOT / "_static" / "fonts" / "NotoSansCJKsc-subset.otf"
# Debian's fonts-noto-cjk: a collection of which one member is the SC (Simplified
# Chinese) face.
SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
SOURCE_FAMILY = "Noto Sans CJK SC"


def book_sources(root=ROOT):
    """Every file whose text reaches a page: the book's pages, its bibliography, the config."""
    book = root / "book"
    files = sorted(
        path
        for pattern in ("*.md", "*.ipynb", "*.bib")
        for path in book.rglob(pattern)
        if ".ipynb_checkpoints" not in path.parts and "_build" not in path.parts
    )
    return files + [root / "_config.yml", root / "_toc.yml"]


def _notebook_text(path):
    # Parsed, not read raw: JSON may store a character as a \\uXXXX escape.
    notebook = json.loads(path.read_text(encoding="utf-8"))
    parts = []
    for cell in notebook["cells"]:
        parts.append("".join(cell["source"]))
        for output in cell.get("outputs", []):
            parts.append("".join(output.get("text", "")))
            for mime, data in output.get("data", {}).items():
                if mime.startswith("text/") or mime.endswith("json"):
                    parts.append(data if isinstance(data, str) else json.dumps(data))
    return "\n".join(parts)


def used_characters(root=ROOT):
    """The Chinese characters the book's sources use, as a sorted string."""
    found = set()
    for path in book_sources(root):
        if not path.exists():
            continue
        text = _notebook_text(path) if path.suffix == ".ipynb" else path.read_text("utf-8")
        found |= cjk_characters(text)
    return "".join(sorted(found))


def font_characters(path=FONT):
    """The characters a font file maps to a glyph."""
    font = TTFont(path, lazy=True)
    return {chr(code) for code in font.getBestCmap()}


def missing_characters(root=ROOT, font=FONT):
    """Characters the sources use that the shipped subset cannot draw, as a sorted string."""
    return "".join(sorted(set(used_characters(root)) - font_characters(font)))


def _open_source(path):
    if path.suffix.lower() in (".ttc", ".otc"):
        from fontTools.ttLib import TTCollection

        for number, face in enumerate(TTCollection(path, lazy=True).fonts):
            if face["name"].getDebugName(1) == SOURCE_FAMILY:
                return TTFont(path, fontNumber=number)
        raise ValueError(f"{path} has no face named {SOURCE_FAMILY!r}")
    return TTFont(path)


def make_subset(characters, source=SOURCE, out=FONT):
    """Write the subset of ``source`` that draws ``characters`` to ``out`` (OpenType/CFF)."""
    if not source.exists():
        raise FileNotFoundError(
            f"The full font {source} is needed to regenerate the subset: install "
            "Debian's fonts-noto-cjk (sudo apt-get install fonts-noto-cjk) or pass --source."
        )
    font = _open_source(source)
    options = subset.Options()
    options.name_IDs = ["*"]  # keep the copyright, licence and URL records
    options.name_languages = ["*"]
    options.layout_features = ["*"]  # every OpenType feature, e.g. punctuation alternates
    options.notdef_outline = True
    options.drop_tables += ["VORG", "vhea", "vmtx"]  # vertical writing: not used here
    options.flavor = None
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in characters])
    subsetter.subset(font)
    # The collection's faces share one CFF table named after the Japanese face;
    # name the subset's after the face it is (PDFs list fonts by this name).
    font["CFF "].cff.fontNames = [font["name"].getDebugName(6)]
    out.parent.mkdir(parents=True, exist_ok=True)
    font.save(out)
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=SOURCE, help=f"full font (default {SOURCE})")
    parser.add_argument("--check", action="store_true", help="only list missing characters")
    args = parser.parse_args(argv)
    if args.check:
        missing = missing_characters()
        if missing:
            print(f"The font subset lacks {len(missing)} character(s) the book uses: {missing}")
            print("Regenerate it: .venv/bin/python scripts/subset_cjk_font.py")
            return 1
        print(f"The font subset draws all {len(used_characters())} Chinese characters in use.")
        return 0
    characters = used_characters()
    # XeTeX measures the space of every font it loads; the site never asks
    # the font for it (unicode-range).
    out = make_subset(" " + characters, args.source)
    print(f"{out.relative_to(ROOT)}: {len(characters)} characters, {out.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
