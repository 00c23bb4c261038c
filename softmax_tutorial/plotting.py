"""Figures for the chapters (the only module that imports matplotlib).

Every function draws on an ``ax`` you pass (or a new one) and returns the
matplotlib objects; none calls ``show()``.

Colour is never the only thing that tells two things apart, so that the
figures read in grey, in print and with any colour vision:

- classes have a marker shape each as well as a colour; curves that share a
  line style get a marker each;
- magnitudes use viridis (or grey), whose lightness grows steadily;
- signed quantities (weights, Jacobians, differences) use one convention in
  every figure, ``SIGNED_CMAP``: a scale centred on zero, **red for positive,
  blue for negative**, white at zero, so lightness says how large and hue says
  which sign. In grey only the lightness is left, so the sign is also written
  down: as the numbers in each cell, or as a minus mark on the negative pixels
  of an image.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap

from ._validation import as_float_array, as_labels
from .linear import discriminants

__all__ = [
    "SIGNED_CMAP",
    "plot_decision_regions",
    "plot_one_vs_rest_regions",
    "plot_loss_curves",
    "plot_lines",
    "plot_matrix",
    "plot_function_contours",
    "plot_image_grid",
    "plot_vectors",
    "plot_marked_points",
    "plot_matrices",
]

SIGNED_CMAP = "RdBu_r"
"""The book's colour map for signed values: red positive, blue negative, white 0."""

_MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*", "h", "<"]
_LIGHT = 0.35  # how washed-out the region colours are, so points stand out
_MINUS_FROM = 0.15  # mark negative entries from this fraction of the scale on


def _class_colours(n_classes):
    return plt.get_cmap("viridis")(np.linspace(0.0, 0.9, n_classes))


def _new_ax(ax, figsize=(5.5, 4.5)):
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def _check_2d_points(X, who, name="X"):
    X = as_float_array(X, name, ndim=2)
    if X.shape[1] != 2:
        raise ValueError(f"{who} draws 2-D data: {name} must have 2 columns, got shape {X.shape}.")
    return X


def _grid(X, resolution, margin=1.0):
    x_min, y_min = X.min(axis=0) - margin
    x_max, y_max = X.max(axis=0) + margin
    xs = np.linspace(x_min, x_max, resolution)
    ys = np.linspace(y_min, y_max, resolution)
    xx, yy = np.meshgrid(xs, ys)
    return xx, yy, np.column_stack([xx.ravel(), yy.ravel()])


def _scatter_classes(ax, X, y, n_classes, colours, class_names):
    for c in range(n_classes):
        mask = y == c
        # The book numbers classes 1..C; code labels are 0..C-1.
        name = class_names[c] if class_names is not None else f"class {c + 1}"
        ax.scatter(
            X[mask, 0],
            X[mask, 1],
            s=22,
            marker=_MARKERS[c % len(_MARKERS)],
            color=colours[c],
            edgecolor="black",
            linewidth=0.5,
            label=name,
        )


def _draw_matrix(ax, M, *, cmap, fmt, fontsize, tick_labels, limits=None):
    """Heat map of M on ax, each cell annotated with ``fmt`` (None: no numbers).

    ``limits=(-m, m)`` puts M on a shared scale centred on 0 (a diverging map,
    dark at both ends); otherwise the scale is M's own range (dark at the low
    end). The text is white on the dark cells either way.
    """
    low, high = limits if limits is not None else (M.min(), M.max())
    image = ax.imshow(M, cmap=cmap, vmin=low, vmax=high)
    if fmt is not None:
        for (i, j), value in np.ndenumerate(M):
            text = fmt.format(value)
            if fmt.format(abs(value)) == fmt.format(0.0):
                text = fmt.format(0.0)  # "0.000", never "-0.000"
            if limits is not None:
                dark = abs(value) > 0.6 * high
            else:
                dark = value < (low + high) / 2
            ax.text(
                j,
                i,
                text,
                ha="center",
                va="center",
                fontsize=fontsize,
                color="white" if dark else "black",
            )
    if tick_labels is not None:
        ax.set_xticks(range(M.shape[1]), tick_labels)
        ax.set_yticks(range(M.shape[0]), tick_labels)
    return image


def _tell_lines_apart(lines, explicit_markers):
    """Give every line a marker if some lines share both line style and marker.

    Lines whose caller chose a marker keep it. Markers are spaced along each
    line (every tenth of the axes) and offset from one line to the next, so
    they do not sit on top of each other.
    """
    looks = [(line.get_linestyle(), line.get_marker()) for line in lines]
    if len(set(looks)) == len(looks):
        return
    for k, (line, explicit) in enumerate(zip(lines, explicit_markers, strict=True)):
        if not explicit:
            line.set_marker(_MARKERS[k % len(_MARKERS)])
            line.set_markersize(5)
            line.set_markevery((0.02 * (k % 5), 0.1))


def _mark_negative(ax, M, limit):
    """Write a minus mark on the entries of M below -_MINUS_FROM * limit.

    The sign of a signed heat map is carried by hue alone, which is lost in
    grey; the marks carry it too. Black on pale cells, white on dark ones.
    """
    rows, cols = np.nonzero(M < -_MINUS_FROM * limit) if limit > 0 else ([], [])
    dark = np.abs(M[rows, cols]) > 0.6 * limit
    return ax.scatter(
        cols,
        rows,
        marker="_",
        s=30,
        linewidths=1.2,
        c=np.where(dark, "white", "black"),
        label="negative",
    )


def _check_one_each(items, name, n, plural, singular):
    """Raise ``ValueError`` unless ``items`` has one entry per plotted thing."""
    if items is not None and len(items) != n:
        raise ValueError(
            f"{name} has {len(items)} entries but there are {n} {plural}; "
            f"give one {name[:-1]} per {singular}."
        )


def plot_decision_regions(
    model,
    X,
    y,
    *,
    b=None,
    ax=None,
    resolution=300,
    title="Decision regions",
    class_names=None,
    show_boundaries=False,
):
    """Colour the plane by predicted class and scatter the data on top.

    Parameters
    ----------
    model : SoftmaxRegression or array_like of shape (2, n_classes)
        A fitted model (anything with ``predict_proba``) or a weight
        matrix ``W``, with ``b`` its biases.
    X : array_like of shape (n_samples, 2)
    y : array_like of int, shape (n_samples,)
        Labels 0..C-1.
    b : array_like of shape (n_classes,), optional
        Biases, when ``model`` is a weight matrix.
    class_names : list of str, optional
        Legend names, one per class; by default "class 1", ..., "class C"
        (the book's numbering of the labels 0..C-1).
    show_boundaries : bool
        Also draw every pairwise line ``f_i = f_j`` (dashed, faint), of which
        only the pieces where ``i`` and ``j`` are the top two scores are
        decision boundaries.

    Returns
    -------
    ax : matplotlib.axes.Axes
    """
    X = _check_2d_points(X, "plot_decision_regions")
    y = as_labels(y, "y", n_samples=X.shape[0])
    xx, yy, points = _grid(X, resolution)
    if hasattr(model, "predict_proba"):
        # Probabilities, not decision_function: a binary model's is one column.
        scores = model.predict_proba(points)
    else:
        scores = discriminants(points, model, b)
    n_classes = scores.shape[1]
    colours = _class_colours(n_classes)
    light = colours.copy()
    light[:, :3] = 1 - _LIGHT * (1 - light[:, :3])
    ax = _new_ax(ax)
    region = np.argmax(scores, axis=1).reshape(xx.shape)
    ax.pcolormesh(
        xx,
        yy,
        region,
        cmap=ListedColormap(light),
        vmin=-0.5,
        vmax=n_classes - 0.5,
        shading="auto",
        rasterized=True,
    )
    if show_boundaries:
        for i in range(n_classes):
            for j in range(i + 1, n_classes):
                diff = (scores[:, i] - scores[:, j]).reshape(xx.shape)
                ax.contour(
                    xx, yy, diff, levels=[0.0], colors="grey", linestyles="dashed", linewidths=0.8
                )
    ax.contour(xx, yy, region, levels=np.arange(n_classes) + 0.5, colors="black", linewidths=1.2)
    _check_one_each(class_names, "class_names", n_classes, "classes", "class")
    _scatter_classes(ax, X, y, n_classes, colours, class_names)
    ax.set(title=title, xlabel="$x_1$", ylabel="$x_2$")
    ax.legend(loc="best", fontsize="small")
    return ax


def plot_one_vs_rest_regions(
    W,
    X,
    y,
    *,
    b=None,
    ax=None,
    resolution=300,
    title="One-vs-rest: regions claimed by 0, 1 or several classes",
    class_names=None,
):
    """Shade how many one-vs-rest classifiers ``f_c(x) > 0`` claim each point.

    Points claimed by none or by several classes are the ambiguous regions
    that the argmax rule does not have.

    Parameters
    ----------
    W : array_like of shape (2, n_classes)
    X : array_like of shape (n_samples, 2)
    y : array_like of int, shape (n_samples,)
        Labels 0..C-1.
    b : array_like of shape (n_classes,), optional
    class_names : list of str, optional
        Legend names, one per class; by default "class 1", ..., "class C"
        (the book's numbering of the labels 0..C-1).

    Returns
    -------
    ax : matplotlib.axes.Axes
    """
    X = _check_2d_points(X, "plot_one_vs_rest_regions")
    y = as_labels(y, "y", n_samples=X.shape[0])
    xx, yy, points = _grid(X, resolution)
    scores = discriminants(points, W, b)
    claims = (scores > 0).sum(axis=1).reshape(xx.shape)
    n_classes = scores.shape[1]
    ax = _new_ax(ax)
    mesh = ax.pcolormesh(
        xx, yy, claims, cmap="Greys", vmin=0, vmax=n_classes + 1, shading="auto", rasterized=True
    )
    cbar = ax.figure.colorbar(mesh, ax=ax, ticks=range(n_classes + 1))
    cbar.set_label("number of classes claiming the point")
    _check_one_each(class_names, "class_names", n_classes, "classes", "class")
    _scatter_classes(ax, X, y, n_classes, _class_colours(n_classes), class_names)
    ax.set(title=title, xlabel="$x_1$", ylabel="$x_2$")
    ax.legend(loc="best", fontsize="small")
    return ax


def plot_loss_curves(
    curves,
    *,
    ax=None,
    title="Risk during training",
    xlabel="epoch",
    ylabel="risk $R(W)$",
    log_scale=False,
):
    """Plot one or several loss curves.

    Parameters
    ----------
    curves : sequence of float, or dict mapping a label to a sequence
        E.g. ``model.loss_curve_`` or ``{"lr=0.1": c1, "lr=1": c2}``.

    Returns
    -------
    ax : matplotlib.axes.Axes
    """
    if not isinstance(curves, dict):
        curves = {None: curves}
    ax = _new_ax(ax, figsize=(6, 4))
    lines = []
    for label, curve in curves.items():
        values = as_float_array(curve, "curve", ndim=1)
        lines += ax.plot(np.arange(1, values.shape[0] + 1), values, label=label, linewidth=1.6)
    _tell_lines_apart(lines, [False] * len(lines))
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    if log_scale:
        ax.set_yscale("log")
    if len(curves) > 1:
        ax.legend(fontsize="small")
    ax.grid(alpha=0.3)
    return ax


def plot_lines(x, series, *, ax=None, title="", xlabel="", ylabel="", styles=None):
    """Several curves over the same ``x``: ``series`` maps a label to y values.

    ``styles`` optionally maps a label to keyword arguments for ``ax.plot``
    (say, a dashed line for a reference curve). Curves that the styles leave
    with the same line style and marker get a marker each, so that they can be
    told apart without their colour.

    Returns
    -------
    ax : matplotlib.axes.Axes
    """
    ax = _new_ax(ax, figsize=(6, 4))
    styles = styles or {}
    lines = []
    for label, values in series.items():
        lines += ax.plot(x, values, label=label, **{"linewidth": 1.8, **styles.get(label, {})})
    _tell_lines_apart(lines, ["marker" in styles.get(label, {}) for label in series])
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    if len(series) > 1:
        ax.legend(fontsize="small")
    ax.grid(alpha=0.3)
    return ax


def plot_matrix(
    M,
    *,
    ax=None,
    title="",
    xlabel="",
    ylabel="",
    annotate=True,
    fmt="{:.2f}",
    cmap=None,
    tick_labels=None,
    colorbar=True,
    fontsize=8,
):
    """A matrix as a heat map (a Jacobian, a confusion matrix, ...).

    A matrix with entries of both signs is drawn on ``SIGNED_CMAP``, centred
    on 0; any other on viridis over its own range. ``cmap`` overrides either.
    ``fontsize`` is the size in points of the number written in each cell.
    Without the numbers (``annotate=False``), negative entries of a signed
    matrix get a minus mark.

    Returns
    -------
    ax : matplotlib.axes.Axes
    """
    M = as_float_array(M, "M", ndim=2)
    ax = _new_ax(ax, figsize=(5, 4.2))
    signed = M.min() < 0 < M.max()
    limit = float(np.abs(M).max())
    image = _draw_matrix(
        ax,
        M,
        cmap=cmap or (SIGNED_CMAP if signed else "viridis"),
        fmt=fmt if annotate else None,
        fontsize=fontsize,
        tick_labels=tick_labels,
        limits=(-limit, limit) if signed else None,
    )
    if signed and not annotate:
        _mark_negative(ax, M, limit)
    if colorbar:
        ax.figure.colorbar(image, ax=ax)
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    return ax


def plot_function_contours(
    f,
    xlim,
    ylim,
    *,
    ax=None,
    resolution=120,
    levels=20,
    title="",
    xlabel="",
    ylabel="",
    mark=None,
    mark_style=None,
):
    """Contours of a scalar function of two variables (a risk surface, say).

    Parameters
    ----------
    f : callable
        ``f(u, v)`` returns a float.
    xlim, ylim : (float, float)
    mark : dict mapping a label to a point (u, v), optional
        Points to mark, such as a minimiser.
    mark_style : dict, optional
        Keyword arguments for ``ax.plot`` that override how the marked points
        are drawn (say ``{"markersize": 18, "markeredgecolor": "white"}``).

    Returns
    -------
    ax : matplotlib.axes.Axes
    """
    us = np.linspace(*xlim, resolution)
    vs = np.linspace(*ylim, resolution)
    values = np.array([[f(u, v) for u in us] for v in vs])
    ax = _new_ax(ax)
    filled = ax.contourf(us, vs, values, levels=levels, cmap="viridis")
    ax.contour(us, vs, values, levels=levels, colors="black", linewidths=0.3)
    ax.figure.colorbar(filled, ax=ax)
    for i, (label, point) in enumerate((mark or {}).items()):
        ax.plot(
            *point,
            **{
                "marker": _MARKERS[(i + 7) % len(_MARKERS)],
                "color": "white",
                "markeredgecolor": "black",
                "markersize": 11,
                **(mark_style or {}),
            },
            linestyle="none",
            label=label,
        )
    if mark:
        ax.legend(fontsize="small")
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    return ax


def plot_image_grid(
    images,
    *,
    image_shape=(8, 8),
    titles=None,
    n_cols=5,
    suptitle="",
    cmap="gray_r",
    symmetric=False,
):
    """Small images in a grid: learned weights, misclassified digits, ...

    Parameters
    ----------
    images : array_like of shape (n_images, n_pixels)
        One flattened image per row.
    symmetric : bool
        For signed images (weights): one scale centred on 0 shared by all
        images, on ``SIGNED_CMAP`` (red positive, blue negative), with a minus
        mark on the clearly negative pixels so that the sign survives in grey.

    Returns
    -------
    fig : matplotlib.figure.Figure
    axes : ndarray of matplotlib.axes.Axes
    """
    images = as_float_array(images, "images", ndim=2)
    n = images.shape[0]
    n_rows = int(np.ceil(n / n_cols))
    # At most ~8 inches wide: the book's column shows a figure at about that
    # width, so wider figures are shrunk and their titles become unreadable.
    cell = min(1.6, 8.0 / n_cols)
    fig, axes = plt.subplots(
        n_rows,
        n_cols,
        figsize=(cell * n_cols + (0.8 if symmetric else 0.0), (cell + 0.35) * n_rows + 0.5),
        squeeze=False,
        layout="constrained",
    )
    limit = np.abs(images).max() if symmetric else None
    kwargs = {"vmin": -limit, "vmax": limit, "cmap": SIGNED_CMAP} if symmetric else {"cmap": cmap}
    image = None
    for k, ax in enumerate(axes.flat):
        ax.set_axis_off()
        if k >= n:
            continue
        image = ax.imshow(images[k].reshape(image_shape), **kwargs)
        if symmetric:
            _mark_negative(ax, images[k].reshape(image_shape), limit)
        if titles is not None:
            ax.set_title(titles[k], fontsize=10)
    if symmetric and image is not None:
        # One shared, zero-centred scale: the colour bar says which sign is which.
        fig.colorbar(image, ax=axes, shrink=0.8, label="weight (\u2212 marks negative pixels)")
    if suptitle:
        fig.suptitle(suptitle, fontsize=12)
    return fig, axes


def plot_vectors(
    vectors, *, origins=None, labels=None, ax=None, title=None, color="black", linestyle="-"
):
    """Arrows for vectors in the plane: weight vectors ``w_c``, a normal ``w_i - w_j``, ...

    Parameters
    ----------
    vectors : array_like of shape (n_vectors, 2)
        One vector per row.
    origins : array_like of shape (n_vectors, 2) or (2,), optional
        Where each arrow starts; the origin by default.
    labels : sequence of str, optional
        Text written next to each arrow head (matplotlib mathtext, e.g. ``"$w_0$"``).
    title : str, optional
        Set the title (on a new ax the title is "Vectors"); ``None`` keeps an
        existing one.

    Returns
    -------
    arrows : list of matplotlib.text.Annotation
        One per vector, followed by the label texts.
    """
    vectors = _check_2d_points(vectors, "plot_vectors", "vectors")
    _check_one_each(labels, "labels", vectors.shape[0], "vectors", "vector")
    if origins is None:
        tails = np.zeros_like(vectors)
    else:
        tails = np.broadcast_to(as_float_array(origins, "origins", ndim=(1, 2)), vectors.shape)
    heads = tails + vectors
    new = ax is None
    ax = _new_ax(ax)
    artists = []
    for tail, head in zip(tails, heads, strict=True):
        artists.append(
            ax.annotate(
                "",
                xy=head,
                xytext=tail,
                arrowprops={
                    "arrowstyle": "-|>",
                    "color": color,
                    "linewidth": 1.6,
                    "linestyle": linestyle,
                    "shrinkA": 0,
                    "shrinkB": 0,
                },
            )
        )
    for head, vector, label in zip(heads, vectors, labels or [], strict=labels is not None):
        # Anchor the label on the side of the head the arrow points to, so the
        # text runs away from the arrow instead of across it.
        unit = vector / max(np.linalg.norm(vector), 1e-12)
        ha = "left" if unit[0] > 0.3 else "right" if unit[0] < -0.3 else "center"
        va = "bottom" if unit[1] > 0.3 else "top" if unit[1] < -0.3 else "center"
        artists.append(
            ax.annotate(
                label,
                xy=head,
                xytext=6 * unit,
                textcoords="offset points",
                color=color,
                fontsize=10,
                ha=ha,
                va=va,
                bbox={
                    "boxstyle": "round,pad=0.15",
                    "facecolor": "white",
                    "alpha": 0.8,
                    "edgecolor": "none",
                },
            )
        )
    ax.update_datalim(np.vstack([tails, heads]))
    ax.autoscale_view()
    if new:
        ax.set(xlabel="$x_1$", ylabel="$x_2$", title=title or "Vectors")
        ax.set_aspect("equal")
    elif title is not None:
        ax.set_title(title)
    return artists


def plot_marked_points(points, labels, *, ax=None, title=None, marker="*"):
    """Mark a few points of the plane with a large marker and a text label.

    For pointing at particular inputs on top of a region plot, e.g. a point
    that one-vs-rest leaves unclaimed.

    Parameters
    ----------
    points : array_like of shape (n_points, 2)
    labels : sequence of str
        One label per point, written beside it.
    title : str, optional
        Set the title (on a new ax the title is "Points"); ``None`` keeps an
        existing one.

    Returns
    -------
    markers : matplotlib.collections.PathCollection
    texts : list of matplotlib.text.Text
    """
    points = _check_2d_points(points, "plot_marked_points", "points")
    _check_one_each(labels, "labels", points.shape[0], "points", "point")
    new = ax is None
    ax = _new_ax(ax)
    markers = ax.scatter(
        points[:, 0],
        points[:, 1],
        s=260,
        marker=marker,
        color="white",
        edgecolor="black",
        linewidth=1.4,
        zorder=5,
    )
    texts = [
        ax.annotate(
            label,
            xy=point,
            xytext=(9, 9),
            textcoords="offset points",
            fontsize=10,
            zorder=6,
            bbox={
                "boxstyle": "round,pad=0.2",
                "facecolor": "white",
                "edgecolor": "black",
                "linewidth": 0.6,
            },
        )
        for point, label in zip(points, labels, strict=True)
    ]
    if new:
        ax.set(xlabel="$x_1$", ylabel="$x_2$", title=title or "Points")
    elif title is not None:
        ax.set_title(title)
    return markers, texts


def plot_matrices(
    matrices,
    *,
    titles=None,
    axes=None,
    xlabel="",
    ylabel="",
    tick_labels=None,
    fmt="{:.3f}",
    cmap=SIGNED_CMAP,
    fontsize=8,
):
    """Several matrices side by side on one colour scale centred on 0.

    For comparing signed matrices (Jacobians at different points, say): one
    shared scale ``[-m, m]`` on ``SIGNED_CMAP`` (red positive, blue negative),
    with ``m`` the largest absolute entry, so a matrix near zero looks pale
    next to a large one, and a single colour bar.

    Parameters
    ----------
    matrices : sequence of array_like of shape (n_rows, n_cols)
    titles : sequence of str, optional
        One title per matrix.
    axes : sequence of matplotlib.axes.Axes, optional
        One per matrix; by default a new figure with one row of axes.
    tick_labels : sequence of str, optional
        Labels for both the rows and the columns.
    fmt : str or None
        Format of the number written in each cell; None writes no numbers and
        puts a minus mark on the negative entries instead.
    fontsize : float
        Size in points of the number written in each cell.

    Returns
    -------
    fig : matplotlib.figure.Figure
    axes : list of matplotlib.axes.Axes
    """
    mats = [as_float_array(M, "matrix", ndim=2) for M in matrices]
    if not mats:
        raise ValueError("plot_matrices needs at least one matrix, got an empty sequence.")
    _check_one_each(titles, "titles", len(mats), "matrices", "matrix")
    if axes is None:
        fig, axes = plt.subplots(
            1, len(mats), figsize=(4.6 * len(mats) + 1.0, 4.2), squeeze=False, layout="constrained"
        )
        axes = list(axes[0])
    else:
        axes = list(axes)
        if len(axes) != len(mats):
            raise ValueError(f"got {len(axes)} axes for {len(mats)} matrices; give one each.")
        fig = axes[0].figure
    limit = max(float(np.abs(M).max()) for M in mats) or 1.0
    for k, (ax, M) in enumerate(zip(axes, mats, strict=True)):
        image = _draw_matrix(
            ax,
            M,
            cmap=cmap,
            fmt=fmt,
            fontsize=fontsize,
            tick_labels=tick_labels,
            limits=(-limit, limit),
        )
        if fmt is None:
            _mark_negative(ax, M, limit)
        ax.set(title=titles[k] if titles is not None else "", xlabel=xlabel, ylabel=ylabel)
    fig.colorbar(image, ax=axes, shrink=0.9)
    return fig, axes
