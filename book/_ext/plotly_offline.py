"""Ship plotly.js with the site; load it only where an interactive figure is.

The interactive figures (``softmax_tutorial.interactive``) are written into the
notebooks without plotly.js: embedding it would add 4.8 MB to every output,
and a CDN breaks the site offline. This extension copies the ``plotly.min.js``
bundled in the pinned plotly package into ``_static/`` of the HTML build and
adds it to the pages whose body holds a figure (``class="sm-interactive"``),
before ``interactive-figures.js`` runs, which every page loads from
``_static/``.
"""

import shutil
from pathlib import Path

_MARKER = 'class="sm-interactive"'
_FILE = "plotly.min.js"


def _bundle():
    import plotly

    return Path(plotly.__file__).parent / "package_data" / _FILE


def _add_to_pages_with_figures(app, pagename, templatename, context, doctree):
    if _MARKER in context.get("body", ""):
        # Before the _static/ scripts (priority 500), which use it once the
        # document is parsed; deferred, so the text shows while it loads.
        app.add_js_file(_FILE, priority=400, defer="defer")


def _copy_bundle(app, exception):
    if exception is None and app.builder.format == "html":
        static = Path(app.outdir) / "_static"
        static.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(_bundle(), static / _FILE)


def setup(app):
    if not _bundle().is_file():
        raise RuntimeError(
            f"plotly.js not found at {_bundle()}: is plotly installed?"
        )
    app.connect("html-page-context", _add_to_pages_with_figures)
    app.connect("build-finished", _copy_bundle)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
