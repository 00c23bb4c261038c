"""make_toy_data, and smoke tests for every figure in softmax_tutorial.plotting."""

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection, QuadMesh
from matplotlib.colors import to_rgb
from matplotlib.contour import ContourSet
from matplotlib.figure import Figure

from softmax_tutorial import SoftmaxRegression, make_toy_data, plotting, softmax_jacobian

# --- make_toy_data ----------------------------------------------------------------------------


def test_toy_data_shapes_and_labels():
    X, y = make_toy_data(n_per_class=7, n_classes=4, random_state=1)
    assert X.shape == (28, 2)
    assert X.dtype == np.float64
    assert np.issubdtype(y.dtype, np.integer)
    np.testing.assert_array_equal(y, np.repeat(np.arange(4), 7))  # grouped by class


def test_toy_data_is_reproducible():
    X1, y1 = make_toy_data(random_state=3)
    X2, y2 = make_toy_data(random_state=3)
    np.testing.assert_allclose(X1, X2, rtol=0, atol=0)
    np.testing.assert_array_equal(y1, y2)
    X3, _ = make_toy_data(random_state=4)
    assert np.abs(X1 - X3).max() > 0.1
    X4, _ = make_toy_data(random_state=np.random.default_rng(3))
    np.testing.assert_allclose(X4, X1, rtol=0, atol=0)


@pytest.mark.parametrize("n_classes", [2, 3, 5])
def test_toy_clouds_are_evenly_spaced_on_a_circle_of_radius_2_5(n_classes):
    # Many points with a small spread: the class means sit on the centres (standard error
    # spread / sqrt(n) = 0.1 / 60 ~ 0.002).
    X, y = make_toy_data(n_per_class=3600, n_classes=n_classes, spread=0.1, random_state=0)
    means = np.array([X[y == c].mean(axis=0) for c in range(n_classes)])
    np.testing.assert_allclose(np.linalg.norm(means, axis=1), 2.5, rtol=0, atol=0.01)
    angles = np.arctan2(means[:, 1], means[:, 0])
    steps = np.mod(np.diff(angles), 2 * np.pi)
    np.testing.assert_allclose(steps, 2 * np.pi / n_classes, rtol=0, atol=0.01)
    within = X - means[y]
    np.testing.assert_allclose(within.std(axis=0), 0.1, rtol=0.05, atol=0)


def test_toy_spread_scales_the_clouds():
    X1, y = make_toy_data(n_per_class=2000, spread=1.0, random_state=0)
    X2, _ = make_toy_data(n_per_class=2000, spread=2.0, random_state=0)
    centres = X1 - (X2 - X1)  # X = centre + spread * noise, with the same noise
    np.testing.assert_allclose(np.linalg.norm(centres, axis=1), 2.5, rtol=1e-12, atol=0)


# --- plotting ----------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def toy_model():
    X, y = make_toy_data(n_per_class=15, random_state=0)
    return SoftmaxRegression().fit(X, y), X, y


def _count(ax, kind):
    return sum(isinstance(c, kind) for c in ax.collections)


def test_plot_decision_regions_from_a_model(toy_model):
    model, X, y = toy_model
    X0, y0 = X.copy(), y.copy()
    ax = plotting.plot_decision_regions(model, X, y, resolution=25, class_names=["a", "b", "c"])
    assert isinstance(ax, Axes)
    assert _count(ax, QuadMesh) == 1  # the coloured regions
    assert _count(ax, PathCollection) == 3  # one scatter per class
    assert _count(ax, ContourSet) == 1  # the decision boundaries
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["a", "b", "c"]
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(y, y0)


def test_legends_number_classes_as_the_book_does(toy_model):
    # Code labels 0..C-1 are the book's classes 1..C (issue 9, finding 9).
    model, X, y = toy_model
    ax = plotting.plot_decision_regions(model, X, y, resolution=10)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["class 1", "class 2", "class 3"]
    W = model.coef_.T
    ax = plotting.plot_one_vs_rest_regions(W, X, y, resolution=10)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["class 1", "class 2", "class 3"]
    ax = plotting.plot_one_vs_rest_regions(W, X, y, resolution=10, class_names=list("xyz"))
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["x", "y", "z"]
    with pytest.raises(ValueError, match="class_names has 2 entries but there are 3 classes"):
        plotting.plot_one_vs_rest_regions(W, X, y, resolution=10, class_names=["x", "y"])
    plt.close("all")


def test_plot_decision_regions_from_weights_on_a_given_ax(toy_model):
    model, X, y = toy_model
    W, b = model.coef_.T.copy(), model.intercept_.copy()
    _, ax = plt.subplots()
    out = plotting.plot_decision_regions(W, X, y, b=b, ax=ax, resolution=25, show_boundaries=True)
    assert out is ax
    assert _count(ax, ContourSet) == 1 + 3  # the boundaries and every pairwise line f_i = f_j
    np.testing.assert_array_equal(W, model.coef_.T)
    np.testing.assert_array_equal(b, model.intercept_)


def test_plot_decision_regions_colours_the_predicted_class(toy_model):
    model, X, y = toy_model
    ax = plotting.plot_decision_regions(model, X, y, resolution=20)
    mesh = next(c for c in ax.collections if isinstance(c, QuadMesh))
    region = np.asarray(mesh.get_array()).reshape(20, 20)
    xs = np.linspace(X[:, 0].min() - 1, X[:, 0].max() + 1, 20)
    ys = np.linspace(X[:, 1].min() - 1, X[:, 1].max() + 1, 20)
    xx, yy = np.meshgrid(xs, ys)
    expected = model.predict(np.column_stack([xx.ravel(), yy.ravel()])).reshape(20, 20)
    np.testing.assert_array_equal(region, expected)


def test_plot_one_vs_rest_regions(toy_model):
    model, X, y = toy_model
    W = model.coef_.T.copy()
    ax = plotting.plot_one_vs_rest_regions(W, X, y, b=model.intercept_, resolution=25)
    assert isinstance(ax, Axes)
    assert _count(ax, QuadMesh) == 1
    assert _count(ax, PathCollection) == 3
    assert len(ax.figure.axes) == 2  # the plot and its colour bar
    np.testing.assert_array_equal(W, model.coef_.T)


def test_plot_loss_curves(toy_model):
    model, _, _ = toy_model
    curve = list(model.loss_curve_)
    ax = plotting.plot_loss_curves(curve)
    assert isinstance(ax, Axes)
    assert len(ax.lines) == 1
    np.testing.assert_allclose(ax.lines[0].get_ydata(), curve, rtol=0, atol=0)
    np.testing.assert_allclose(
        ax.lines[0].get_xdata(), np.arange(1, len(curve) + 1), rtol=0, atol=0
    )
    assert ax.get_legend() is None
    assert curve == model.loss_curve_


def test_plot_several_loss_curves_on_a_log_scale():
    curves = {"lr=0.1": [1.0, 0.5, 0.25], "lr=1": [1.0, 0.1], "lr=10": [1.0, 2.0, 4.0, 8.0]}
    ax = plotting.plot_loss_curves(curves, log_scale=True)
    assert len(ax.lines) == 3
    assert ax.get_yscale() == "log"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(curves)


def test_plot_lines_with_styles():
    x = np.linspace(0, 1, 5)
    series = {"a": x**2, "b": x}
    ax = plotting.plot_lines(x, series, styles={"b": {"linestyle": "--"}}, title="t")
    assert isinstance(ax, Axes)
    assert len(ax.lines) == 2
    assert ax.lines[1].get_linestyle() == "--"
    assert len(ax.get_legend().get_texts()) == 2
    assert ax.get_title() == "t"


def test_plot_matrix():
    M = np.arange(6.0).reshape(2, 3)
    M0 = M.copy()
    ax = plotting.plot_matrix(M, tick_labels=None, fmt="{:.1f}")
    assert isinstance(ax, Axes)
    assert len(ax.images) == 1
    assert len(ax.texts) == 6  # one annotation per entry
    assert sorted(t.get_text() for t in ax.texts) == [f"{v:.1f}" for v in range(6)]
    assert len(ax.figure.axes) == 2  # with a colour bar
    np.testing.assert_array_equal(M, M0)


def test_plot_matrix_without_annotations_or_colour_bar():
    ax = plotting.plot_matrix(
        np.eye(3), annotate=False, colorbar=False, tick_labels=["x", "y", "z"]
    )
    assert len(ax.texts) == 0
    assert len(ax.figure.axes) == 1
    assert [t.get_text() for t in ax.get_xticklabels()] == ["x", "y", "z"]


def test_plot_function_contours():
    calls = []

    def f(u, v):
        calls.append((u, v))
        return (u - 0.5) ** 2 + v**2

    ax = plotting.plot_function_contours(f, (-1, 1), (-1, 1), resolution=12, mark={"min": (0.5, 0)})
    assert isinstance(ax, Axes)
    assert len(calls) == 12 * 12
    assert _count(ax, ContourSet) == 2  # filled and line contours
    assert len(ax.lines) == 1  # the marked point
    assert len(ax.get_legend().get_texts()) == 1


def test_plot_matrix_and_matrices_annotation_fontsize():
    ax = plotting.plot_matrix(np.eye(2), fontsize=13)
    assert {t.get_fontsize() for t in ax.texts} == {13}
    _, axes = plotting.plot_matrices([np.eye(2), -np.eye(2)], fontsize=11)
    assert {t.get_fontsize() for ax in axes for t in ax.texts} == {11}


def test_matrix_annotations_never_show_minus_zero():
    # -1e-9 rounds to zero: it must read "0%", not "-0%", with any format.
    ax = plotting.plot_matrix(np.array([[-1e-9, 0.5]]), fmt="{:.0%}")
    assert [t.get_text() for t in ax.texts] == ["0%", "50%"]
    _, (ax2,) = plotting.plot_matrices([np.array([[-1e-9, 0.5]])], fmt="{:.2f}")
    assert [t.get_text() for t in ax2.texts] == ["0.00", "0.50"]


def test_plot_function_contours_mark_style_overrides_the_default():
    ax = plotting.plot_function_contours(
        lambda u, v: u**2 + v**2,
        (-1, 1),
        (-1, 1),
        resolution=8,
        mark={"min": (0.0, 0.0)},
        mark_style={"markersize": 20, "color": "black"},
    )
    (line,) = ax.lines
    assert line.get_markersize() == 20
    assert line.get_color() == "black"
    assert line.get_markeredgecolor() == "black"  # a default that was not overridden


def test_plot_image_grid():
    images = np.random.default_rng(0).standard_normal((7, 64))
    images0 = images.copy()
    fig, axes = plotting.plot_image_grid(images, titles=list("abcdefg"), n_cols=3, symmetric=True)
    assert isinstance(fig, Figure)
    assert axes.shape == (3, 3)
    assert sum(len(ax.images) for ax in axes.flat) == 7  # the last two cells stay empty
    assert [ax.get_title() for ax in axes.flat][:7] == list("abcdefg")
    low, high = axes.flat[0].images[0].get_clim()
    np.testing.assert_allclose(-low, high, rtol=0, atol=0)  # centred on zero
    np.testing.assert_array_equal(images, images0)


def test_plot_vectors():
    vectors = np.array([[1.0, 0.0], [0.0, 2.0], [-1.0, -1.0]])
    v0 = vectors.copy()
    artists = plotting.plot_vectors(vectors, labels=["$a$", "$b$", "$c$"])
    assert len(artists) == 3 + 3  # an arrow and a label per vector
    ax = artists[0].axes
    assert isinstance(ax, Axes)
    np.testing.assert_array_equal(vectors, v0)


def test_plot_marked_points():
    points = np.array([[0.0, 0.0], [1.0, 1.0]])
    markers, texts = plotting.plot_marked_points(points, ["p", "q"])
    assert isinstance(markers, PathCollection)
    assert [t.get_text() for t in texts] == ["p", "q"]
    np.testing.assert_allclose(markers.get_offsets(), points, rtol=0, atol=0)


def test_plot_matrices_share_one_colour_scale():
    mats = [softmax_jacobian([0.0, 0.0]), softmax_jacobian([2.0, -1.0, 0.0])]
    copies = [M.copy() for M in mats]
    fig, axes = plotting.plot_matrices(mats, titles=["equal", "unequal"])
    assert isinstance(fig, Figure)
    assert len(axes) == 2 and all(isinstance(ax, Axes) for ax in axes)
    assert [len(ax.texts) for ax in axes] == [4, 9]  # one number per entry
    assert [ax.get_title() for ax in axes] == ["equal", "unequal"]
    limit = max(np.abs(M).max() for M in mats)
    for ax in axes:
        np.testing.assert_allclose(ax.images[0].get_clim(), (-limit, limit), rtol=1e-15, atol=0)
    for M, copy in zip(mats, copies, strict=True):
        np.testing.assert_array_equal(M, copy)


def test_every_public_plotting_function_has_a_test():
    # "Has a test" = is called somewhere in this module (not just listed here).
    source = Path(__file__).read_text()
    functions = [name for name in plotting.__all__ if callable(getattr(plotting, name))]
    assert len(functions) == len(plotting.__all__) - 1  # all but SIGNED_CMAP
    untested = [name for name in functions if f"plotting.{name}(" not in source]
    assert untested == [], f"plotting functions no test calls: {untested}"


@pytest.mark.parametrize(
    ("call", "exc", "match"),
    [
        (
            lambda X, y: plotting.plot_decision_regions(np.zeros((3, 2)), np.c_[X, X], y),
            ValueError,
            "draws 2-D data",
        ),
        (
            lambda X, y: plotting.plot_decision_regions(np.zeros((2, 3)), X, y[:-1]),
            ValueError,
            "labels but there are",
        ),
        (
            lambda X, y: plotting.plot_one_vs_rest_regions(np.zeros((3, 3)), X, y),
            ValueError,
            "W has shape",
        ),
        (lambda X, y: plotting.plot_loss_curves([1.0, np.nan]), ValueError, "NaN"),
        (lambda X, y: plotting.plot_matrix(np.zeros(3)), ValueError, "2-D"),
        (lambda X, y: plotting.plot_image_grid(np.zeros(64)), ValueError, "2-D"),
        (lambda X, y: plotting.plot_vectors(np.zeros((2, 3))), ValueError, "draws 2-D data"),
        (
            lambda X, y: plotting.plot_vectors(np.eye(2), labels=["a"]),
            ValueError,
            "one label per vector",
        ),
        (
            lambda X, y: plotting.plot_marked_points(np.eye(2), ["a"]),
            ValueError,
            "one label per point",
        ),
        (lambda X, y: plotting.plot_matrices([]), ValueError, "at least one matrix"),
        (
            lambda X, y: plotting.plot_matrices([np.eye(2)], titles=["a", "b"]),
            ValueError,
            "one title per matrix",
        ),
    ],
    ids=[
        "regions-3-features",
        "regions-y-length",
        "one-vs-rest-W-shape",
        "loss-nan",
        "matrix-1d",
        "images-1d",
        "vectors-3d",
        "vectors-labels",
        "points-labels",
        "matrices-empty",
        "matrices-titles",
    ],
)
def test_plotting_rejects_bad_input(call, exc, match):
    X, y = make_toy_data(n_per_class=3, random_state=0)
    with pytest.raises(exc, match=match):
        call(X, y)


# --- figures that read in grey ----------------------------------------------------------------


def _lightness(colours):
    """CIE L* (0 black .. 100 white) of sRGB colours, shape (n, 3) or (n, 4)."""
    rgb = np.asarray(colours, dtype=float)[:, :3]
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    y = linear @ np.array([0.2126, 0.7152, 0.0722])
    return np.where(y > (6 / 29) ** 3, 116 * np.cbrt(y) - 16, y * (29 / 3) ** 3)


def _steps(cmap):
    return np.diff(_lightness(plt.get_cmap(cmap)(np.linspace(0, 1, 101))))


def test_signed_colour_map_is_red_positive_blue_negative_white_zero():
    cmap = plt.get_cmap(plotting.SIGNED_CMAP)
    red_end, middle, blue_end = cmap(1.0), cmap(0.5), cmap(0.0)
    assert red_end[0] > 2 * red_end[2], f"the positive end is not red: {red_end}"
    assert blue_end[2] > 2 * blue_end[0], f"the negative end is not blue: {blue_end}"
    assert min(middle[:3]) > 0.9, f"zero is not (nearly) white: {middle}"


def test_signed_colour_map_lightness_says_the_size():
    # In grey the signed map must still read as "darker = larger |value|":
    # lightness rises steadily up to zero, then falls steadily, symmetrically.
    lightness = _lightness(plt.get_cmap(plotting.SIGNED_CMAP)(np.linspace(0, 1, 101)))
    assert (np.diff(lightness[:51]) > 0).all()
    assert (np.diff(lightness[50:]) < 0).all()
    np.testing.assert_allclose(lightness, lightness[::-1], rtol=0, atol=8)  # L* units
    assert lightness[0] < 40 and lightness[-1] < 40 and lightness[50] > 95


def _image_cmaps(fig):
    return [im.get_cmap() for ax in fig.axes for im in ax.images]


def test_unsigned_figures_use_maps_whose_lightness_is_monotonic():
    rng = np.random.default_rng(0)
    cmaps = [
        plotting.plot_matrix(np.abs(rng.standard_normal((3, 3)))).images[0].get_cmap(),
        *_image_cmaps(plotting.plot_image_grid(rng.random((2, 64)))[0]),
    ]
    ax = plotting.plot_function_contours(lambda u, v: u + v, (0, 1), (0, 1), resolution=5)
    cmaps.append(next(c for c in ax.collections if isinstance(c, ContourSet)).get_cmap())
    X, y = make_toy_data(n_per_class=5, random_state=0)
    ax = plotting.plot_one_vs_rest_regions(np.eye(2, 3), X, y, resolution=5)
    cmaps.append(next(c for c in ax.collections if isinstance(c, QuadMesh)).get_cmap())
    for cmap in cmaps:
        steps = _steps(cmap)
        assert (steps > 0).all() or (steps < 0).all(), f"{cmap.name}: lightness not monotonic"


def test_every_signed_figure_follows_the_one_convention():
    rng = np.random.default_rng(1)
    signed = rng.standard_normal((4, 4))
    images = [plotting.plot_matrix(signed).images[0]]
    _, axes = plotting.plot_matrices([signed, 2 * signed])
    images += [ax.images[0] for ax in axes]
    fig, _ = plotting.plot_image_grid(
        rng.standard_normal((3, 16)), image_shape=(4, 4), symmetric=True
    )
    images += [im for ax in fig.axes for im in ax.images]
    for image in images:
        assert image.get_cmap().name == plotting.SIGNED_CMAP
        low, high = image.get_clim()
        np.testing.assert_allclose(low, -high, rtol=0, atol=0)  # centred on zero
    # A matrix of one sign keeps viridis over its own range.
    image = plotting.plot_matrix(np.abs(signed)).images[0]
    assert image.get_cmap().name == "viridis"
    np.testing.assert_allclose(image.get_clim(), (np.abs(signed).min(), np.abs(signed).max()))


def _minus_marks(ax):
    marks = [c for c in ax.collections if c.get_label() == "negative"]
    return np.asarray(marks[0].get_offsets()) if marks else np.empty((0, 2))


def test_image_grid_marks_the_negative_pixels():
    image = np.array([[1.0, -1.0, 0.05], [-0.1, -0.5, 0.3]])  # the scale is [-1, 1]
    fig, axes = plotting.plot_image_grid(image.reshape(1, -1), image_shape=(2, 3), symmetric=True)
    marks = _minus_marks(axes.flat[0])
    # (column, row) of the entries below -0.15: -1.0 and -0.5, not -0.1 (too pale to matter)
    assert sorted(map(tuple, marks.tolist())) == [(1.0, 0.0), (1.0, 1.0)]
    fig, axes = plotting.plot_image_grid(np.abs(image).reshape(1, -1), image_shape=(2, 3))
    assert len(_minus_marks(axes.flat[0])) == 0  # unsigned images: no marks


def test_signed_matrix_without_numbers_gets_minus_marks():
    M = np.array([[2.0, -2.0], [-1.0, 0.5]])
    assert len(_minus_marks(plotting.plot_matrix(M))) == 0  # the numbers carry the sign
    assert any(t.get_text().startswith("-") for t in plotting.plot_matrix(M).texts)
    marks = _minus_marks(plotting.plot_matrix(M, annotate=False))
    assert sorted(map(tuple, marks.tolist())) == [(0.0, 1.0), (1.0, 0.0)]
    _, (ax,) = plotting.plot_matrices([M], fmt=None)
    assert len(ax.texts) == 0 and len(_minus_marks(ax)) == 2


def _looks(ax):
    return [(line.get_linestyle(), line.get_marker()) for line in ax.lines]


def test_lines_that_only_colour_tells_apart_get_a_marker_each():
    x = np.linspace(0, 1, 30)
    ax = plotting.plot_lines(x, {f"s{k}": x**k for k in range(4)})
    looks = _looks(ax)
    assert len(set(looks)) == 4, looks
    assert all(marker not in ("None", "", None) for _, marker in looks)
    legend_markers = [h.get_marker() for h in ax.get_legend().legend_handles]
    assert legend_markers == [marker for _, marker in looks]  # the legend shows them too


def test_lines_already_told_apart_by_their_style_are_left_alone():
    x = np.linspace(0, 1, 30)
    styles = {"a": {"linestyle": "-"}, "b": {"linestyle": "--"}, "c": {"linestyle": ":"}}
    ax = plotting.plot_lines(x, {k: x for k in styles}, styles=styles)
    assert [marker for _, marker in _looks(ax)] == ["None"] * 3


def test_a_chosen_marker_is_kept_when_markers_are_added():
    x = np.linspace(0, 1, 30)
    styles = {"c": {"linestyle": "--", "marker": "x"}, "d": {"linestyle": "--"}}
    ax = plotting.plot_lines(x, {k: x for k in "abcd"}, styles=styles)
    looks = _looks(ax)
    assert len(set(looks)) == 4, looks
    assert looks[2] == ("--", "x")


def test_loss_curves_are_told_apart_without_colour():
    ax = plotting.plot_loss_curves({"full batch": [3.0, 2.0, 1.0], "mini-batch": [3.0, 1.5, 1.2]})
    assert len(set(_looks(ax))) == 2
    ax = plotting.plot_loss_curves([3.0, 2.0, 1.0])
    assert _looks(ax) == [("-", "None")]  # a single curve needs no marker


def test_class_colours_differ_in_lightness():
    # The decision-region colours also differ in grey, not only in hue.
    X, y = make_toy_data(n_per_class=5, random_state=0)
    ax = plotting.plot_decision_regions(np.eye(2, 3), X, y, resolution=5)
    mesh = next(c for c in ax.collections if isinstance(c, QuadMesh))
    regions = _lightness(mesh.get_cmap()(np.linspace(0, 1, 3)))
    assert np.diff(np.sort(regions)).min() > 8, regions  # L* units
    points = _lightness(
        [to_rgb(c.get_facecolor()[0]) for c in ax.collections if isinstance(c, PathCollection)]
    )
    assert np.diff(np.sort(points)).min() > 15, points
