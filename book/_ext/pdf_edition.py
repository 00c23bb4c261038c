"""The PDF edition (LaTeX builder), and the link to it on the site (HTML).

For the LaTeX builder, on the one document the whole book is assembled into:

- Solutions move to the end of their chapter. On the site a solution is a
  dropdown under its exercise, closed until the reader clicks it; on paper an
  inline solution would sit in full view under the question. Each chapter's
  solutions, in order, become its last section, "Solutions"; each keeps its
  title "Solution to Exercise N.M", which links back to the exercise.
- Chapters of the toc's unnumbered parts (Notation, Glossary, References) are
  unnumbered, so chapter, proposition and exercise numbers match the site's.
- Runs of Chinese characters are set in the shipped CJK font subset.
- Proofs are running text ending in a square, not a box with an empty title.
- An interactive output (JavaScript, a widget, a plotly figure) with no
  static form becomes a line sending the reader to the website, instead of
  its text fallback ("<IPython.core.display.HTML object>") or a build error.
- A reference to an exercise in another chapter resolves (sphinx-exercise
  handles only references within a page).

For the HTML builder: if the PDF has been built (``make pdf``; ``make book``
builds it first), it is copied into the site and the sidebar offers it below
the table of contents. Without it the site has no PDF link rather than a broken
one.

sphinx-jupyterbook-latex rebuilds parts of the assembled tree without updating
the children's ``parent`` attributes, so everything here walks the tree from
the top down instead of climbing ``parent`` links.
"""

import re
import shutil
from pathlib import Path

from cjk_ranges import CJK_CHARACTER
from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx_exercise.nodes import (
    exercise_enumerable_node,
    exercise_latex_number_reference,
    solution_node,
)

SOLUTIONS_TITLE = "Solutions"
PDF_NAME = "softmax-regression.pdf"  # latex_documents' targetname, with .pdf
TEMPLATES = Path(__file__).parent / "templates"
INTERACTIVE_NOTE = "This output is interactive: open the page on the website."

# Text the LaTeX writer does not typeset as prose, left alone by _mark_chinese.
_VERBATIM = (
    nodes.FixedTextElement,
    nodes.literal,
    nodes.raw,
    nodes.math,
    nodes.comment,
)
_CJK_RUN = re.compile(f"{CJK_CHARACTER.pattern}+")


def _walk(node, skip=()):
    """Yield (parent, child) for each node below ``node``, not in ``skip``."""
    for child in list(node.children):
        yield node, child
        if isinstance(child, nodes.Element) and not isinstance(child, skip):
            yield from _walk(child, skip)


def _chapters(app, doctree):
    """The inlined documents, not the part headings made from toc captions."""
    return [
        node
        for node in doctree.findall(addnodes.start_of_file)
        if node["docname"] in app.env.all_docs
    ]


def collect_solutions(app, doctree, docname):
    """Move each chapter's solutions into a closing "Solutions" section."""
    if app.builder.format != "latex":
        return
    for chapter in _chapters(app, doctree):
        found = [
            (parent, child)
            for parent, child in _walk(
                chapter, skip=(addnodes.start_of_file, solution_node)
            )
            if isinstance(child, solution_node)
        ]
        sections = [
            child
            for child in chapter.children
            if isinstance(child, nodes.section)
        ]
        if not found or not sections:
            continue
        block = nodes.section(
            ids=[f"solutions-{chapter['docname'].replace('/', '-')}"]
        )
        block["docname"] = chapter["docname"]
        block += nodes.title(SOLUTIONS_TITLE, SOLUTIONS_TITLE)
        for parent, solution in found:
            parent.remove(solution)
            block += solution
        sections[-1] += block


def link_exercises_across_chapters(app, doctree, docname):
    """Point references to another chapter's exercise at its LaTeX label.

    sphinx-exercise labels an exercise ``exercise:<label>`` in LaTeX and
    rewrites the references within a page to match, but a {numref} from
    another page still names Sphinx's ``<docname>:<label>``, undefined in the
    PDF ("??").
    """
    if app.builder.format != "latex":
        return
    registry = getattr(app.env, "sphinx_exercise_registry", {})
    for parent, child in list(_walk(doctree)):
        if not isinstance(child, addnodes.number_reference) or child.get(
            "refid"
        ):
            continue
        label = child.get("refuri", "").rpartition("#")[2]
        if not isinstance(
            registry.get(label, {}).get("node"), exercise_enumerable_node
        ):
            continue
        link = exercise_latex_number_reference(refid=label)
        link += nodes.Text(child.astext())
        parent.replace(child, link)


def typeset_proofs(app, doctree, docname):
    """Set a proof as text, "*Proof.* ... □", not a box with an empty title."""
    if app.builder.format != "latex":
        return
    for parent, child in list(_walk(doctree)):
        if not (
            isinstance(child, nodes.admonition) and "proof" in child["classes"]
        ):
            continue
        body = nodes.container(classes=["proof"], ids=child["ids"])
        body.extend(list(child.children))
        first = body.children[0] if body.children else None
        if isinstance(first, nodes.paragraph) and str(first[0]).startswith(
            "Proof. "
        ):
            rest = str(first[0])[len("Proof. ") :]
            first[0:1] = [
                nodes.emphasis("Proof.", "Proof."),
                nodes.Text(" " + rest),
            ]
        end = nodes.raw(
            "", "\\nobreak\\hfill\\ensuremath{\\square}", format="latex"
        )
        if isinstance(body.children[-1], nodes.paragraph):
            body.children[-1] += end
        else:
            body += nodes.paragraph("", "", end)
        parent.replace(child, body)


def number_like_the_site(app, doctree, docname):
    """Switch LaTeX's numbering off for the chapters the site leaves out."""
    if app.builder.format != "latex":
        return
    numbered = {
        doc for doc, numbers in app.env.toc_secnumbers.items() if numbers
    }
    for chapter in _chapters(app, doctree):
        switch = "Numbered" if chapter["docname"] in numbered else "Unnumbered"
        chapter.insert(
            0, nodes.raw("", f"\\pdfedition{switch}\n", format="latex")
        )


def mark_chinese(app, doctree, docname):
    """Wrap each run of Chinese in prose in \\pdfeditionCJK, pdfedition.sty."""
    if app.builder.format != "latex":
        return
    for parent, child in list(_walk(doctree, skip=_VERBATIM)):
        if not isinstance(child, nodes.Text) or isinstance(parent, _VERBATIM):
            continue
        text = str(child)
        runs = _CJK_RUN.findall(text)
        if not runs:
            continue
        pieces = _CJK_RUN.split(text)
        replacement = [nodes.Text(pieces[0])] if pieces[0] else []
        for run, after in zip(runs, pieces[1:], strict=True):
            replacement.append(
                nodes.raw("", f"\\pdfeditionCJK{{{run}}}", format="latex")
            )
            if after:
                replacement.append(nodes.Text(after))
        index = parent.index(child)
        parent[index : index + 1] = replacement


_STATIC = {
    "application/pdf",
    "image/png",
    "image/jpeg",
    "text/latex",
    "text/markdown",
}
_SCRIPTED = {
    "application/javascript",
    "application/vnd.jupyter.widget-view+json",
    "application/vnd.plotly.v1+json",
}


class InteractiveOutputsToTheSite(SphinxPostTransform):
    """Replace interactive outputs that have no static form (LaTeX only).

    Runs before myst-nb picks one type from each output bundle (priority 4).
    """

    default_priority = 3
    formats = ("latex",)

    def run(self, **kwargs):
        for parent, child in list(_walk(self.document)):
            if not isinstance(child, nodes.Element):
                continue
            if child.get("nb_element") != "mime_bundle":
                continue
            types = {item["mime_type"]: item for item in child.children}
            if _STATIC & set(types):
                continue
            html = types.get("text/html")
            if not (
                _SCRIPTED & set(types) or (html and "<script" in html.astext())
            ):
                continue
            note = INTERACTIVE_NOTE
            parent.replace(
                child, nodes.paragraph("", "", nodes.emphasis(note, note))
            )


def number_by_chapter(app):
    # sphinx-jupyterbook-latex sets 2 at builder-inited, which numbers
    # propositions and exercises by section ("Proposition 1.2.1"); the site
    # numbers them by chapter ("Proposition 1.1"), and LaTeX's report class
    # numbers equations and figures by chapter when this is 1.
    if app.builder.format == "latex":
        app.config.numfig_secnum_depth = 1


def use_sphinx_manual_class_and_templates(app, config):
    config.templates_path.append(str(TEMPLATES))  # pdf-edition.html
    # sphinx-jupyterbook-latex switches to its own class at config-inited; that
    # class needs bbm.sty (Debian: only in the 500 MB texlive-fonts-extra) and
    # sets a 17.5 cm text width. Sphinx's manual class instead; the two
    # environments the other class defined are in pdfedition.sty.
    config.latex_theme = "manual"
    # It also loads unicode-math, whose Latin Modern Math has no bold: every
    # \boldsymbol vector of the book would print as a plain letter. Without
    # it, the maths use amsmath's Computer Modern, bold included. ucharclasses
    # is loaded there with no transition set, so it only slows XeTeX down.
    preamble = config.latex_elements.get("preamble", "")
    for package in (
        r"\usepackage[Latin,Greek]{ucharclasses}",
        r"\usepackage{unicode-math}",
    ):
        preamble = preamble.replace(package, "")
    config.latex_elements["preamble"] = preamble


def _built_pdf(app):
    return Path(app.outdir).parent / "latex" / PDF_NAME


def offer_pdf(app, pagename, templatename, context, doctree):
    """Add the PDF link below the table of contents when the PDF exists."""
    if app.builder.format != "html" or not _built_pdf(app).exists():
        return
    context["pdf_edition_url"] = context["pathto"](PDF_NAME, 1)
    context["pdf_edition_size_mb"] = (
        f"{_built_pdf(app).stat().st_size / 1e6:.1f}"
    )
    sidebars = list(context.get("sidebars") or [])
    if "pdf-edition.html" not in sidebars:
        context["sidebars"] = [*sidebars, "pdf-edition.html"]


def copy_pdf(app, exception):
    if (
        exception is None
        and app.builder.format == "html"
        and _built_pdf(app).exists()
    ):
        shutil.copy2(_built_pdf(app), Path(app.outdir) / PDF_NAME)


def setup(app):
    app.connect(
        "config-inited", use_sphinx_manual_class_and_templates, priority=900
    )
    app.connect("builder-inited", number_by_chapter, priority=900)
    app.add_post_transform(InteractiveOutputsToTheSite)
    app.connect("doctree-resolved", collect_solutions)
    app.connect("doctree-resolved", number_like_the_site)
    app.connect("doctree-resolved", link_exercises_across_chapters)
    app.connect("doctree-resolved", typeset_proofs)
    app.connect("doctree-resolved", mark_chinese)
    # Before the theme's handler (priority 500), which renders the sidebars.
    app.connect("html-page-context", offer_pdf, priority=400)
    app.connect("build-finished", copy_pdf)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
