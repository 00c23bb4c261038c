r"""Interactive figures for the website: a slider, and the library's numbers behind it.

Every value a figure can show is computed here, by the library, when the
notebook runs; the page only picks the precomputed frame that a slider points
to. The figure is drawn by plotly.js, which the site ships itself (the Sphinx
extension ``book/_ext/plotly_offline.py`` copies it from the pinned plotly
package and loads it on the pages that have a figure), so the site works
offline. The sliders are native ``<input type="range">`` elements with a
label, which the keyboard moves (arrows, Home, End); a text line under the
plot, announced by screen readers, states the numbers of the current frame.
In the PDF and in a terminal a figure is a short table of the same numbers.

Imported on demand, like ``plotting``: ``from softmax_tutorial import
interactive``. It needs plotly (``pip install softmax-tutorial[interactive]``).

How to add a figure to a chapter
--------------------------------
Write a function here that computes the frames with the library and returns
an :class:`InteractiveFigure` (see the two below), test it in
``tests/test_interactive_figures.py``, and show it as the last expression of
a code cell in the chapter, where the idea is taught::

    from softmax_tutorial import interactive

    interactive.softmax_temperature_figure(z)

Then teach the browser tests what to recompute for it (``FIGURES`` in
``tests/site/test_interactive.py``: a function that reads the sliders' values
and checks the numbers shown against the library) and re-execute the
notebook.
"""

import html
import json
import math
import numbers

import numpy as np

from ._markup import check_id, check_text, to_html, to_plain
from ._validation import as_float_array, as_labels, check_scalar
from .linear import add_bias_feature, classify, discriminants
from .loss import risk, risk_gradient
from .softmax import softmax

try:
    import plotly.graph_objects as go
    from plotly.colors import sample_colorscale
    from plotly.subplots import make_subplots
except ImportError as error:  # pragma: no cover - plotly is in requirements.txt
    raise ImportError(
        "softmax_tutorial.interactive draws with plotly, which is not installed: "
        "pip install 'softmax-tutorial[interactive]' (or pip install plotly)."
    ) from error

__all__ = ["InteractiveFigure", "softmax_temperature_figure", "gradient_descent_figure"]

# Everything plotly shows is given explicitly, so no template: the figure's JSON
# stays small and the same on every machine.
_FONT = {"family": "sans-serif", "size": 14, "color": "#222832"}
_MARKERS = ["circle", "square", "triangle-up", "diamond", "triangle-down"]
_LIGHT = 0.35  # how washed-out region colours are, as in plotting.py


class InteractiveFigure:
    """A plotly figure with precomputed frames, driven by native range sliders.

    Made by the figure functions of this module. The frames are ordered
    row-major over the sliders (the last slider varies fastest), and frame
    ``i`` has the description ``descriptions[i]``.

    Attributes
    ----------
    id : str
        The figure's element id, unique in the book.
    figure : plotly.graph_objects.Figure
        The figure at its initial frame, with every frame in ``figure.frames``.
    sliders : list of dict
        ``{"label", "values", "initial"}`` for each slider: the label, the
        displayed value at each position, and the initial position.
    descriptions : list of str
        What frame ``i`` shows, in words and numbers.
    """

    def __init__(self, id, figure, sliders, descriptions, caption, table):
        self.id = check_id(id)
        self.figure = figure
        self.sliders = sliders
        self.descriptions = descriptions
        self.caption = check_text(caption, "caption")
        self._table = table  # (header, rows) for the PDF and the terminal
        n_frames = math.prod(len(s["values"]) for s in sliders)
        if len(figure.frames) != n_frames or len(descriptions) != n_frames:
            raise ValueError(
                f"{n_frames} slider positions but {len(figure.frames)} frames and"
                f" {len(descriptions)} descriptions."
            )

    @property
    def initial_frame(self):
        """The index of the frame shown before any slider moves."""
        index = 0
        for slider in self.sliders:
            index = index * len(slider["values"]) + slider["initial"]
        return index

    def _repr_html_(self):
        base = f"sm-{self.id}"
        controls = []
        for k, slider in enumerate(self.sliders):
            values, initial = slider["values"], slider["initial"]
            controls.append(
                f'<div class="sm-control">'
                f'<label for="{base}-slider-{k}">{html.escape(slider["label"])}</label>'
                f'<input type="range" id="{base}-slider-{k}" min="0"'
                f' max="{len(values) - 1}" step="1" value="{initial}"'
                f' aria-valuetext="{html.escape(values[initial])}">'
                f'<output id="{base}-value-{k}" for="{base}-slider-{k}">'
                f"{html.escape(values[initial])}</output></div>"
            )
        description = html.escape(self.descriptions[self.initial_frame])
        data = {
            "figure": self.figure.to_plotly_json(),
            "sliders": [{"values": s["values"]} for s in self.sliders],
            "descriptions": self.descriptions,
        }
        # "</" cannot end the script element early once its slash is escaped.
        payload = json.dumps(data, separators=(",", ":")).replace("</", "<\\/")
        return (
            f'<figure class="sm-interactive" id="{base}">'
            f'<div class="sm-controls">{"".join(controls)}</div>'
            f'<div class="sm-plot" id="{base}-plot" role="img"'
            f' aria-label="{description}"></div>'
            f'<p class="sm-status" id="{base}-status" aria-live="polite">{description}</p>'
            f'<p class="sm-noscript">The interactive figure is drawn on the book\'s website;'
            f" the line above describes its first frame.</p>"
            f"<figcaption>{to_html(self.caption)}</figcaption>"
            f'<script type="application/json" class="sm-data">{payload}</script>'
            f"</figure>"
        )

    def _repr_markdown_(self):
        header, rows = self._table
        lines = [
            "| " + " | ".join(header) + " |",
            "|" + "---|" * len(header),
            *("| " + " | ".join(row) + " |" for row in rows),
        ]
        return (
            f"*Interactive figure on the book's website.* {self.caption}"
            " The values it shows at a few positions:\n\n" + "\n".join(lines) + "\n"
        )

    def __repr__(self):
        header, rows = self._table
        widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]
        lines = [
            "  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True))
            for row in (header, *rows)
        ]
        return f"Interactive figure: {to_plain(self.caption)}\n" + "\n".join(lines)


# -- figure 1: the softmax at temperature T --------------------------------------------

_SCORES = (-3.0, -2.5, -2.0, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0)
_TEMPERATURES = (0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 1.5, 2.0, 3.0, 5.0, 7.0, 10.0, 20.0, 50.0, 100.0)


def softmax_temperature_figure(
    z=(2.0, 1.0, -1.0),
    *,
    moving_class=1,
    scores=_SCORES,
    temperatures=_TEMPERATURES,
    id="02-softmax-temperature",
):
    r"""Bars of ``softmax(z / T)``, with a slider for T and one for the score of one class.

    Parameters
    ----------
    z : array_like of shape (n_classes,), default=(2, 1, -1)
        The scores, as in the chapter. ``z[moving_class]`` is replaced by the
        second slider's value.
    moving_class : int, default=1
        The class whose score the second slider sets.
    scores : array_like of shape (n_scores,), default=(-3, -2.5, ..., 3)
        The values of that score on the slider; must include ``z[moving_class]``
        (the initial position).
    temperatures : array_like of shape (n_temperatures,), default=(0.1, 0.2, ..., 100)
        Positive, increasing; must include 1 (the initial position).
    id : str
        The element id (``sm-<id>``).

    Returns
    -------
    InteractiveFigure
        One frame per (temperature, score) pair, the score varying fastest.

    Notes
    -----
    .. math:: p_c(T) = \operatorname{softmax}(\mathbf{z} / T)_c

    Derived in the book, chapter 2: The softmax posterior (temperature).
    """
    z = as_float_array(z, "z", ndim=1)
    C = z.shape[0]
    if C < 2:
        raise ValueError(f"z must hold at least 2 scores, got {C}.")
    check_scalar(moving_class, "moving_class", kind=numbers.Integral, low=0, high=C - 1)
    scores = _increasing(scores, "scores")
    temperatures = _increasing(temperatures, "temperatures")
    if (temperatures <= 0).any():
        raise ValueError(f"temperatures must be positive, got {temperatures.tolist()}.")
    start_T = _position(temperatures, 1.0, "temperatures", "1 (the initial temperature)")
    start_s = _position(
        scores, z[moving_class], "scores", f"z[{moving_class}] = {z[moving_class]:g}"
    )

    # All frames at once: one row of scores per (T, score) pair, divided by T.
    Z = np.tile(z, (len(temperatures) * len(scores), 1))
    Z[:, moving_class] = np.tile(scores, len(temperatures))
    T_rows = np.repeat(temperatures, len(scores))
    P = softmax(Z / T_rows[:, None])

    classes = [f"class {c}" for c in range(C)]
    frames, descriptions = [], []
    for i, (T, z_row, p) in enumerate(zip(T_rows, Z, P, strict=True)):
        shown = np.round(p, 3) + 0.0
        z_text = "(" + ", ".join(f"{v:g}" for v in z_row) + ")"
        p_text = "(" + ", ".join(f"{v:.3f}" for v in shown) + ")"
        title = f"softmax(z / T) at T = {T:g}, z = {z_text}"
        frames.append(
            go.Frame(
                name=str(i),
                data=[go.Bar(y=shown.tolist(), text=[f"{v:.3f}" for v in shown])],
                traces=[0],
                layout={"title": {"text": title}},
            )
        )
        descriptions.append(f"At T = {T:g}, with scores z = {z_text}: probabilities p = {p_text}.")

    first = start_T * len(scores) + start_s
    figure = go.Figure(
        data=[
            go.Bar(
                x=classes,
                y=frames[first].data[0].y,
                text=frames[first].data[0].text,
                textposition="outside",
                marker={"color": "#21918c", "line": {"color": "#222832", "width": 1}},
                name="probability",
                hovertemplate="%{x}: %{y:.3f}<extra></extra>",
                cliponaxis=False,
            )
        ],
        layout=_layout(
            title=frames[first].layout.title.text,
            height=420,
            xaxis={"title": {"text": "class"}, "fixedrange": True},
            yaxis={"title": {"text": "probability"}, "range": [0, 1.12], "fixedrange": True},
            shapes=[
                {
                    "type": "line",
                    "xref": "paper",
                    "x0": 0,
                    "x1": 1,
                    "y0": 1 / C,
                    "y1": 1 / C,
                    "line": {"color": "#555555", "dash": "dash", "width": 1.5},
                }
            ],
            annotations=[
                {
                    "xref": "paper",
                    "x": 1,
                    "y": 1 / C,
                    "text": f"uniform, 1/C = {1 / C:.3f}",
                    "showarrow": False,
                    "xanchor": "right",
                    "yanchor": "bottom",
                    "font": {"size": 12, "color": "#222832"},
                }
            ],
        ),
        frames=frames,
    )
    table_T = [T for T in (0.1, 0.5, 1.0, 2.0, 10.0, 100.0) if T in temperatures]
    rows = [
        [f"{T:g}", *(f"{v:.3f}" for v in P[list(temperatures).index(T) * len(scores) + start_s])]
        for T in table_T
    ]
    z_start = "(" + ", ".join(f"{v:g}" for v in z) + ")"
    return InteractiveFigure(
        id,
        figure,
        sliders=[
            {
                "label": "Temperature T",
                "values": [f"T = {T:g}" for T in temperatures],
                "initial": start_T,
            },
            {
                "label": f"Score of class {moving_class}",
                "values": [f"z{moving_class} = {s:g}" for s in scores],
                "initial": start_s,
            },
        ],
        descriptions=descriptions,
        caption=(
            f"The probabilities $\\operatorname{{softmax}}(\\boldsymbol{{z}} / T)$ of three"
            f" classes, starting from the scores $\\boldsymbol{{z}} = {z_start}$. Move the"
            f" temperature down and the largest score takes all the probability; move it up"
            f" and the bars level out at $1/C$. Moving the score of class {moving_class}"
            f" past another score swaps their bars' order, at every temperature."
        ),
        table=(["T", *(f"p(class {c})" for c in range(C))], rows),
    )


# -- figure 2: gradient descent on the toy set, step by step ---------------------------


def gradient_descent_figure(
    X, y, *, learning_rate=1.0, n_steps=200, every=(1, 50, 10), id="06-gradient-descent-steps"
):
    r"""Decision regions and risk of gradient descent from ``W_0 = 0``, one frame per step.

    Parameters
    ----------
    X : array_like of shape (n_samples, 2)
        2-D points (the toy set); a constant feature 1 is appended, so the
        bias is the last row of ``W``.
    y : array_like of int, shape (n_samples,)
        Labels 0..C-1.
    learning_rate : float, default=1.0
        The step size alpha.
    n_steps : int, default=200
        Steps to run; the risk curve shows every one of them.
    every : (int, int, int), default=(1, 50, 10)
        ``(a, t1, b)``: a frame every ``a`` steps up to step ``t1``, then every
        ``b`` steps up to ``n_steps`` (the boundaries hardly move late on, and
        each frame adds to the page's weight).
    id : str
        The element id (``sm-<id>``).

    Returns
    -------
    InteractiveFigure
        Frame t shows the regions of ``W_t`` (the argmax rule), the risk curve
        with ``R(W_t)`` marked, and the risk and training accuracy in words.

    Notes
    -----
    .. math:: W_{t+1} = W_t - \alpha \frac{\partial R(W_t)}{\partial W}, \qquad W_0 = 0

    Derived in the book, chapter 6: The gradient and gradient descent.
    """
    X = as_float_array(X, "X", ndim=2)
    if X.shape[1] != 2:
        raise ValueError(f"X must have 2 columns (points in the plane), got shape {X.shape}.")
    y = as_labels(y, "y", n_samples=X.shape[0])
    C = int(y.max()) + 1
    check_scalar(learning_rate, "learning_rate", low=0.0, low_inclusive=False)
    check_scalar(n_steps, "n_steps", kind=numbers.Integral, low=1)
    steps = _frame_steps(n_steps, every)

    Xb = add_bias_feature(X)
    W = np.zeros((Xb.shape[1], C))
    iterates = [W]
    for _ in range(n_steps):
        W = W - learning_rate * risk_gradient(W, Xb, y)
        iterates.append(W)
    risks = np.array([risk(W_t, Xb, y) for W_t in iterates])
    correct = [int((classify(Xb, W_t) == y).sum()) for W_t in iterates]

    # The plotting box, [[x0, y0], [x1, y1]], a margin of 1 around the data.
    box = np.round([X.min(axis=0) - 1.0, X.max(axis=0) + 1.0], 3)
    colours = sample_colorscale("Viridis", list(np.linspace(0.0, 0.9, C)), colortype="tuple")
    light = [_rgb(1 - _LIGHT * (1 - np.array(c))) for c in colours]
    colours = [_rgb(np.array(c)) for c in colours]

    fig = make_subplots(rows=2, cols=1, row_heights=[0.7, 0.3], vertical_spacing=0.16)
    for c in range(C):  # traces 0..C-1: the regions, updated by the frames
        fig.add_trace(_region_trace(c, light[c]), row=1, col=1)
    for c in range(C):  # traces C..2C-1: the data
        fig.add_trace(
            go.Scatter(
                x=np.round(X[y == c, 0], 4).tolist(),
                y=np.round(X[y == c, 1], 4).tolist(),
                mode="markers",
                name=f"class {c}",
                marker={
                    "symbol": _MARKERS[c % len(_MARKERS)],
                    "color": colours[c],
                    "size": 7,
                    "line": {"color": "#000000", "width": 0.7},
                },
                hovertemplate=f"class {c}: (%{{x:.2f}}, %{{y:.2f}})<extra></extra>",
            ),
            row=1,
            col=1,
        )
    fig.add_trace(  # trace 2C: the risk curve
        go.Scatter(
            x=list(range(n_steps + 1)),
            y=np.round(risks, 4).tolist(),
            mode="lines",
            name="risk",
            line={"color": "#222832", "width": 2},
            showlegend=False,
            hovertemplate="t = %{x}: R = %{y:.4f}<extra></extra>",
        ),
        row=2,
        col=1,
    )
    fig.add_trace(_step_marker(), row=2, col=1)  # trace 2C + 1

    frames, descriptions = [], []
    for t in steps:
        W_t = iterates[t]
        polygons = _regions(W_t, box)
        title = f"Step t = {t}: risk R(W<sub>t</sub>) = {risks[t]:.4f}"
        frames.append(
            go.Frame(
                name=str(t),
                data=[
                    *(go.Scatter(_polygon_xy(polygons[c])) for c in range(C)),
                    go.Scatter(x=[t], y=[round(float(risks[t]), 4)]),
                ],
                traces=[*range(C), 2 * C + 1],
                layout={"title": {"text": title}, "annotations": _region_labels(polygons)},
            )
        )
        descriptions.append(
            f"Step t = {t}: risk R(W_t) = {risks[t]:.4f}; {correct[t]} of {len(y)}"
            f" training points classified correctly."
        )
    for c in range(C):
        fig.data[c].update(frames[0].data[c])
    fig.data[2 * C + 1].update(frames[0].data[C])
    fig.update_layout(
        _layout(
            title=frames[0].layout.title.text,
            height=640,
            annotations=frames[0].layout.annotations,
            legend={"orientation": "h", "y": -0.12, "itemclick": False, "itemdoubleclick": False},
        )
    )
    # Assigned, not merged: make_subplots starts from plotly's default template.
    fig.layout.template = {"layout": {"annotationdefaults": _LABEL_STYLE}}
    fig.update_xaxes(
        range=box[:, 0].tolist(),
        title_text="x<sub>1</sub>",
        row=1,
        col=1,
        fixedrange=True,
        zeroline=False,
        constrain="domain",  # equal scales: narrow the plot, not widen the range
    )
    fig.update_yaxes(
        range=box[:, 1].tolist(),
        title_text="x<sub>2</sub>",
        row=1,
        col=1,
        fixedrange=True,
        zeroline=False,
        scaleanchor="x",
        scaleratio=1,
        constrain="domain",
    )
    fig.update_xaxes(range=[0, n_steps], title_text="step t", row=2, col=1, fixedrange=True)
    fig.update_yaxes(
        range=[0, math.ceil(12 * risks.max()) / 10],  # room for the marker
        fixedrange=True,
        title_text="risk R(W<sub>t</sub>)",
        row=2,
        col=1,
    )
    fig.frames = frames

    table_steps = [t for t in (0, 1, 2, 5, 10, 20, 50, 100, 200, 500) if t in steps]
    rows = [[str(t), f"{risks[t]:.4f}", f"{correct[t]} of {len(y)}"] for t in table_steps]
    return InteractiveFigure(
        id,
        fig,
        sliders=[{"label": "Step t", "values": [f"t = {t}" for t in steps], "initial": 0}],
        descriptions=descriptions,
        caption=(
            f"Gradient descent from $W_0 = 0$ with $\\alpha = {learning_rate:g}$, for"
            f" {n_steps} steps (the slider moves {_step_phrase(steps)}): the decision regions"
            f" of $W_t$, each shaded in the colour of its class and labelled, and the risk"
            f" curve with $\\mathcal{{R}}(W_t)$ marked. At $t = 0$ every score is 0 and the"
            f" argmax rule gives class 0 everywhere."
        ),
        table=(["step t", "risk R(W_t)", "correct"], rows),
    )


def _regions(W, box):
    """The decision region of each class inside ``box``, as a polygon (a list of vertices).

    The region of class c is where its score is the largest, ties going to the
    smaller label (as ``classify``): the intersection of the box with C - 1
    half-planes, each cut off by the line where two scores are equal. The
    scores at the vertices come from ``discriminants``; being affine in x,
    they are interpolated exactly along an edge.
    """
    (x0, y0), (x1, y1) = box
    C = W.shape[1]
    polygons = []
    for c in range(C):
        polygon = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
        for k in range(C):
            if k != c and len(polygon) > 0:
                polygon = _clip(polygon, W, c, k)
        polygons.append(polygon)
    return polygons


def _clip(polygon, W, c, k):
    """Sutherland-Hodgman: the part of a convex polygon where class c beats class k."""
    scores = discriminants(polygon, W[:-1], b=W[-1])
    m = scores[:, c] - scores[:, k]
    inside = m > 0 if k < c else m >= 0  # ties go to the smaller label
    out = []
    n = len(polygon)
    for i in range(n):
        j = (i + 1) % n
        if inside[i]:
            out.append(polygon[i])
        if inside[i] != inside[j] and m[i] != m[j]:
            s = m[i] / (m[i] - m[j])
            out.append(polygon[i] + s * (polygon[j] - polygon[i]))
    return np.array(out).reshape(-1, 2)


def _region_trace(c, colour):
    # The style of the region of class c; its vertices come from the frames.
    return go.Scatter(
        x=[],
        y=[],
        mode="lines",
        fill="toself",
        fillcolor=colour,
        line={"width": 0},
        name=f"region of class {c}",
        showlegend=False,
        hoverinfo="skip",
    )


def _polygon_xy(polygon):
    if len(polygon) == 0:
        return {"x": [], "y": []}
    closed = np.vstack([polygon, polygon[:1]])
    xs, ys = (np.round(closed, 3) + 0.0).T.tolist()
    return {"x": xs, "y": ys}


def _region_labels(polygons):
    # Each region named in words, at its centroid: colour is not the only clue.
    labels = []
    for c, polygon in enumerate(polygons):
        if len(polygon) >= 3:
            cx, cy = np.round(_centroid(polygon), 3) + 0.0
            labels.append({"x": cx, "y": cy, "text": f"<b>region of class {c}</b>"})
    return labels


# The style every region label shares, so that the frames carry only its place.
_LABEL_STYLE = {
    "xref": "x",
    "yref": "y",
    "showarrow": False,
    "bgcolor": "rgba(255,255,255,0.8)",
    "font": {"size": 12, "color": "#222832"},
}


def _centroid(polygon):
    x, y = polygon[:, 0], polygon[:, 1]
    xn, yn = np.roll(x, -1), np.roll(y, -1)
    cross = x * yn - xn * y
    area = cross.sum() / 2
    return np.array([((x + xn) * cross).sum(), ((y + yn) * cross).sum()]) / (6 * area)


def _step_marker():
    # The current step on the risk curve; its place comes from the frames.
    return go.Scatter(
        x=[],
        y=[],
        mode="markers",
        name="current step",
        marker={
            "symbol": "diamond",
            "size": 12,
            "color": "#d72d47",
            "line": {"color": "#000000", "width": 1},
        },
        showlegend=False,
        hoverinfo="skip",
        cliponaxis=False,  # t = 0 sits on the axis
    )


# -- shared helpers --------------------------------------------------------------------


def _layout(*, title, height, **extra):
    return {
        "template": "none",
        "title": {"text": title, "x": 0.02, "xanchor": "left", "font": {"size": 16}},
        "font": _FONT,
        "height": height,
        "margin": {"l": 60, "r": 20, "t": 50, "b": 50},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        **extra,
    }


def _rgb(colour):
    r, g, b = (int(round(255 * v)) for v in np.asarray(colour)[:3])
    return f"rgb({r},{g},{b})"


def _step_phrase(steps):
    gaps = np.diff(steps)
    if (gaps == gaps[0]).all():
        return f"{gaps[0]} step at a time" if gaps[0] == 1 else f"{gaps[0]} steps at a time"
    change = int(np.flatnonzero(gaps != gaps[0])[0])
    return (
        f"{gaps[0]} step{'s' if gaps[0] > 1 else ''} at a time up to $t = {steps[change]}$,"
        f" then {gaps[change]} at a time"
    )


def _frame_steps(n_steps, every):
    if not (isinstance(every, tuple) and len(every) == 3):
        raise TypeError(f"every must be a tuple (a, t1, b) of 3 integers, got {every!r}.")
    a, t1, b = every
    for value, name in ((a, "every[0]"), (t1, "every[1]"), (b, "every[2]")):
        check_scalar(value, name, kind=numbers.Integral, low=1)
    steps = sorted({*range(0, min(t1, n_steps) + 1, a), *range(t1, n_steps + 1, b), n_steps})
    return [t for t in steps if t <= n_steps]


def _increasing(values, name):
    a = as_float_array(values, name, ndim=1)
    if len(a) < 2 or (np.diff(a) <= 0).any():
        raise ValueError(f"{name} must hold at least 2 increasing values, got {a.tolist()}.")
    return a


def _position(values, value, name, what):
    matches = np.flatnonzero(np.isclose(values, value, rtol=0, atol=1e-12))
    if len(matches) == 0:
        raise ValueError(f"{name} must include {what}, got {values.tolist()}.")
    return int(matches[0])
