"""Serve MathJax's SVG output instead of its CHTML (web-font) output.

sphinx-mathjax-offline ships MathJax with the site and points ``mathjax_path``
at ``tex-chtml.js`` during its own setup. At 1x pixel density the CHTML fonts
lose the thin crossbar of the transpose sign (``\\top``), which then reads as a
broken bar; the SVG output draws every glyph as a path and keeps it. The
switch has to happen after all extensions are set up, hence ``config-inited``.
"""


def _use_svg(app, config):
    config.mathjax_path = "mathjax/tex-svg.js"


def setup(app):
    app.connect("config-inited", _use_svg)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
