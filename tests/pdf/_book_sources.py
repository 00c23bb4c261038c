"""What the sources say the PDF edition holds: read from _toc.yml, the notebooks and
the glossary, so that the PDF tests follow the book as chapters change."""

import json
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def normalise(text):
    """One space for any run of white space, typographic quotes and dashes made plain."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    text = text.replace("\u201d", '"').replace("\u2013", "-").replace("\u2014", "-")
    text = text.replace("\ufb01", "fi").replace("\ufb02", "fl").replace("\ufb00", "ff")
    return re.sub(r"\s+", " ", text).strip()


def toc_entries():
    """(docname, numbered) for every page of _toc.yml, in order."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    entries = [(toc["root"], False)]
    for part in toc.get("parts", []):
        entries += [(chapter["file"], bool(part.get("numbered"))) for chapter in part["chapters"]]
    return entries


def markdown_of(docname):
    """The markdown text of a toc page: a .md file, or a notebook's markdown cells."""
    path = ROOT / f"{docname}.md"
    if path.exists():
        return path.read_text(encoding="utf-8")
    notebook = json.loads((ROOT / f"{docname}.ipynb").read_text(encoding="utf-8"))
    return "\n\n".join(
        "".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "markdown"
    )


def code_cells_of(docname):
    path = ROOT / f"{docname}.ipynb"
    if not path.exists():
        return []
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]


def without_maths(text):
    """The text with $...$ and {math}`...` removed, split at where they were."""
    text = re.sub(r"\{math\}`[^`]*`|\$[^$]*\$", "\x00", text)
    text = re.sub(r"\{\w+\}`([^`<]*)(<[^>]*>)?`", r"\1", text)  # {doc}`title <x>` -> title
    return [part.strip() for part in text.split("\x00") if part.strip()]


def title_of(docname):
    match = re.search(r"^# (.+)$", markdown_of(docname), re.MULTILINE)
    assert match, f"{docname} has no '# ' title"
    return match.group(1).strip()


_DIRECTIVE = r"^(?:`{{3,}}|:{{3,}})\{{{name}\}}[ \t]*(.*)$"


def first_directive_title(docname, name):
    """The title of the first {name} directive of a page, or None if it has none."""
    match = re.search(_DIRECTIVE.format(name=re.escape(name)), markdown_of(docname), re.M)
    return match.group(1).strip() if match else None


def count_directives(docname, *names):
    pattern = "|".join(re.escape(n) for n in names)
    opening = r"^(?:`{3,}|:{3,})\{(?:" + pattern + r")\}"
    return len(re.findall(opening, markdown_of(docname), re.MULTILINE))


def numbered_chapters():
    """(chapter number as on the site, docname) for the toc's numbered chapters."""
    docs = [doc for doc, numbered in toc_entries() if numbered]
    return list(enumerate(docs, start=1))
