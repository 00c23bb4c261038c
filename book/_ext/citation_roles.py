"""Give bibliography entries an ARIA role that screen readers still know.

docutils writes each citation as ``<div role="doc-biblioentry">`` inside a
``<div role="list">``. DPUB-ARIA 1.1 deprecated ``doc-biblioentry``, so
assistive technology ignores it and the list then seems to contain the entries'
labels and links rather than list items (axe rules aria-deprecated-role and
aria-required-children). ``listitem`` is the role the deprecation note names as
the replacement. docutils offers no setting for it, hence this rewrite of the
page body Sphinx is about to write.
"""

_DEPRECATED = 'role="doc-biblioentry"'


def _replace_deprecated_role(app, pagename, templatename, context, doctree):
    body = context.get("body")
    if body and _DEPRECATED in body:
        context["body"] = body.replace(_DEPRECATED, 'role="listitem"')


def setup(app):
    app.connect("html-page-context", _replace_deprecated_role)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
