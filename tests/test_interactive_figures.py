"""softmax_tutorial.interactive: every frame against an independent computation, the
decision regions against the argmax rule, byte-stable HTML, and bad input."""

import html.parser
import json

import numpy as np
import pytest
from scipy.special import log_softmax as scipy_log_softmax
from scipy.special import softmax as scipy_softmax

from softmax_tutorial import interactive, make_toy_data


@pytest.fixture(scope="module")
def temperature_figure():
    return interactive.softmax_temperature_figure()


@pytest.fixture(scope="module")
def toy():
    return make_toy_data(random_state=0)


@pytest.fixture(scope="module")
def descent_figure(toy):
    X, y = toy
    return interactive.gradient_descent_figure(X, y, learning_rate=1.0, n_steps=60)


def _descent_by_hand(X, y, alpha, n_steps):
    """W_0, ..., W_n and R(W_t) from the formulas, with scipy: no library code."""
    Xb = np.column_stack([X, np.ones(len(X))])
    Y = np.eye(y.max() + 1)[y]
    W = np.zeros((3, Y.shape[1]))
    iterates = [W]
    for _ in range(n_steps):
        W = W - alpha * Xb.T @ (scipy_softmax(Xb @ W, axis=1) - Y) / len(X)
        iterates.append(W)
    risks = [-np.mean(np.sum(Y * scipy_log_softmax(Xb @ W, axis=1), axis=1)) for W in iterates]
    return iterates, np.array(risks)


def _numbers(text):
    return [
        float(v)
        for v in text.replace("(", " ").replace(")", " ").replace(",", " ").split()
        if v.lstrip("-").replace(".", "", 1).isdigit()
    ]


# --- figure 1: the softmax at temperature T -----------------------------------------------------


def test_every_frame_shows_softmax_of_z_over_T(temperature_figure):
    fig = temperature_figure
    temperatures = [float(v.split("= ")[1]) for v in fig.sliders[0]["values"]]
    scores = [float(v.split("= ")[1]) for v in fig.sliders[1]["values"]]
    assert len(fig.figure.frames) == len(temperatures) * len(scores) == 15 * 13
    for i, frame in enumerate(fig.figure.frames):
        T, s = temperatures[i // len(scores)], scores[i % len(scores)]
        expected = scipy_softmax(np.array([2.0, s, -1.0]) / T)
        np.testing.assert_allclose(frame.data[0].y, expected, rtol=0, atol=5e-4 + 1e-12)
        assert list(frame.data[0].text) == [f"{v:.3f}" for v in frame.data[0].y]
        assert fig.descriptions[i] == (
            f"At T = {T:g}, with scores z = (2, {s:g}, -1): probabilities p = "
            f"({', '.join(f'{v:.3f}' for v in np.round(expected, 3) + 0.0)})."
        )


def test_initial_frame_is_T_1_and_the_given_scores(temperature_figure):
    fig = temperature_figure
    assert fig.sliders[0]["values"][fig.sliders[0]["initial"]] == "T = 1"
    # The second slider moves the score of class 2 (book numbering).
    assert fig.sliders[1]["values"][fig.sliders[1]["initial"]] == "z2 = 1"
    shown = fig.figure.data[0].y
    np.testing.assert_allclose(shown, scipy_softmax([2.0, 1.0, -1.0]), rtol=0, atol=5e-4)
    assert fig.figure.frames[fig.initial_frame].data[0].y == shown


def test_low_temperature_is_one_hot_and_high_is_uniform(temperature_figure):
    fig = temperature_figure
    n_scores = len(fig.sliders[1]["values"])
    start = fig.sliders[1]["initial"]
    coldest = fig.figure.frames[0 * n_scores + start].data[0].y
    hottest = fig.figure.frames[14 * n_scores + start].data[0].y
    # The bounds of the chapter's proposition (gap 1, range 3), plus the rounding to 3 decimals.
    np.testing.assert_allclose(coldest, [1.0, 0.0, 0.0], rtol=0, atol=2 * np.exp(-1 / 0.1) + 5e-4)
    np.testing.assert_allclose(hottest, [1 / 3] * 3, rtol=0, atol=np.expm1(3 / 100) / 3 + 5e-4)


def test_other_scores_and_moving_class():
    fig = interactive.softmax_temperature_figure(
        [0.5, -1.0, 2.0, 0.0], moving_class=2, scores=[-1.0, 2.0, 4.0], temperatures=[1.0, 4.0]
    )
    assert len(fig.figure.frames) == 6
    np.testing.assert_allclose(
        fig.figure.frames[5].data[0].y,
        scipy_softmax(np.array([0.5, -1.0, 4.0, 0.0]) / 4.0),
        atol=5e-4,
    )
    assert fig.initial_frame == 1  # T = 1, z2 = 2


# --- figure 2: gradient descent ----------------------------------------------------------------


def test_descent_frames_show_the_risk_and_accuracy_of_each_step(descent_figure, toy):
    X, y = toy
    iterates, risks = _descent_by_hand(X, y, 1.0, 60)
    steps = [int(v.split("= ")[1]) for v in descent_figure.sliders[0]["values"]]
    assert steps == [*range(51), 60]
    for k, t in enumerate(steps):
        correct = int(
            (np.argmax(np.column_stack([X, np.ones(len(X))]) @ iterates[t], 1) == y).sum()
        )
        assert descent_figure.descriptions[k] == (
            f"Step t = {t}: risk R(W_t) = {risks[t]:.4f}; {correct} of {len(y)}"
            " training points classified correctly."
        )
        marker = descent_figure.figure.frames[k].data[-1]
        assert list(marker.x) == [t]
        np.testing.assert_allclose(marker.y, [risks[t]], rtol=0, atol=5e-5 + 1e-12)
    curve = descent_figure.figure.data[-2]
    np.testing.assert_allclose(curve.y, risks, rtol=0, atol=5e-5 + 1e-12)


def test_regions_partition_the_box_and_follow_the_argmax_rule(descent_figure, toy):
    X, y = toy
    iterates, _ = _descent_by_hand(X, y, 1.0, 60)
    (x0, x1), (y0, y1) = (
        descent_figure.figure.layout.xaxis.range,
        descent_figure.figure.layout.yaxis.range,
    )
    rng = np.random.default_rng(0)
    steps = [int(v.split("= ")[1]) for v in descent_figure.sliders[0]["values"]]
    for k in (1, 2, 5, 20, len(steps) - 1):
        W = iterates[steps[k]]
        area = 0.0
        for c, trace in enumerate(descent_figure.figure.frames[k].data[:3]):
            P = np.column_stack([trace.x, trace.y])
            assert np.allclose(P[0], P[-1])  # closed
            xs, ys = P[:, 0], P[:, 1]
            area += abs(np.sum(xs[:-1] * ys[1:] - xs[1:] * ys[:-1])) / 2
            # Random points inside the (convex) polygon get class c by the argmax rule.
            weights = rng.dirichlet(np.ones(len(P) - 1), size=50)
            inside = weights @ P[:-1]
            scores = np.column_stack([inside, np.ones(len(inside))]) @ W
            margins = np.sort(scores, axis=1)[:, -1] - np.sort(scores, axis=1)[:, -2]
            clear = margins > 1e-2  # rounding of the vertices moves boundaries by 1e-3
            assert (np.argmax(scores[clear], axis=1) == c).all()
        np.testing.assert_allclose(area, (x1 - x0) * (y1 - y0), rtol=1e-3)


def test_at_step_0_class_0_has_the_whole_plane(descent_figure):
    frame = descent_figure.figure.frames[0]
    assert len(frame.data[0].x) == 5 and len(frame.data[1].x) == 0 and len(frame.data[2].x) == 0
    labels = [a.text for a in frame.layout.annotations]
    assert labels == ["<b>region of class 1</b>"]


def test_markdown_table_has_the_numbers_of_the_frames(descent_figure, temperature_figure):
    text = descent_figure._repr_markdown_()
    assert "| 50 | " in text and "| 60 |" not in text  # 60 is not one of the table's steps
    row_5 = next(line for line in text.splitlines() if line.startswith("| 5 |"))
    assert row_5 in (
        f"| 5 | {d.split('= ')[2][:6]} | {d.split('; ')[1][:10]} |"
        for d in descent_figure.descriptions
    )
    row_1 = next(
        line
        for line in temperature_figure._repr_markdown_().splitlines()
        if line.startswith("| 1 |")
    )
    assert _numbers(row_1)[1:] == pytest.approx(scipy_softmax([2.0, 1.0, -1.0]), abs=5e-4)


# --- the HTML ---------------------------------------------------------------------------------


class _Tags(html.parser.HTMLParser):
    def __init__(self, fragment):
        super().__init__()
        self.tags, self.scripts, self._in_script = [], [], False
        self.feed(fragment)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


@pytest.mark.parametrize("which", ["temperature_figure", "descent_figure"])
def test_html_is_labelled_sliders_a_live_status_and_the_frames(request, which):
    fig = request.getfixturevalue(which)
    page = _Tags(fig._repr_html_())
    sliders = [a for t, a in page.tags if t == "input"]
    labels = [a["for"] for t, a in page.tags if t == "label"]
    assert [s["type"] for s in sliders] == ["range"] * len(fig.sliders)
    assert labels == [s["id"] for s in sliders]
    for slider, spec in zip(sliders, fig.sliders, strict=True):
        assert int(slider["max"]) == len(spec["values"]) - 1
        assert slider["aria-valuetext"] == spec["values"][int(slider["value"])]
    (status,) = [a for t, a in page.tags if a.get("class") == "sm-status"]
    assert status["aria-live"] == "polite"
    (plot,) = [a for t, a in page.tags if a.get("class") == "sm-plot"]
    assert plot["role"] == "img" and plot["aria-label"] == fig.descriptions[fig.initial_frame]
    (payload,) = page.scripts
    data = json.loads(payload)
    assert len(data["figure"]["frames"]) == len(data["descriptions"]) == len(fig.descriptions)
    assert "uid" not in payload and "bdata" not in payload  # no random ids, plain numbers


@pytest.mark.parametrize("which", ["temperature_figure", "descent_figure"])
def test_html_is_the_same_bytes_on_every_run(request, toy, which):
    fig = request.getfixturevalue(which)
    again = (
        interactive.softmax_temperature_figure()
        if which == "temperature_figure"
        else interactive.gradient_descent_figure(*toy, learning_rate=1.0, n_steps=60)
    )
    assert fig._repr_html_() == again._repr_html_()


def test_script_payload_cannot_close_the_script_element():
    fig = interactive.softmax_temperature_figure(id="x")
    fig.descriptions[0] = "</script><b>"
    assert "</script><b>" not in fig._repr_html_()


def test_plain_text_is_a_table():
    text = repr(interactive.softmax_temperature_figure())
    assert text.startswith("Interactive figure: ")
    assert "0.705       0.259       0.035" in text


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"z": [1.0]}, ValueError, "at least 2 scores"),
        ({"z": [[1.0, 2.0]]}, ValueError, "1-D"),
        ({"z": ["a", "b"]}, TypeError, "real numbers"),
        ({"moving_class": 3}, ValueError, "moving_class must be <= 2"),
        ({"moving_class": 1.0}, TypeError, "moving_class must be an integer"),
        ({"temperatures": [0.0, 1.0]}, ValueError, "must be positive"),
        ({"temperatures": [2.0, 3.0]}, ValueError, "must include 1"),
        ({"temperatures": [1.0, 0.5]}, ValueError, "increasing"),
        ({"scores": [0.0, 2.0]}, ValueError, "must include z\\[1\\] = 1"),
        ({"id": "Fig 1"}, ValueError, "lower-case"),
    ],
)
def test_temperature_figure_rejects_bad_input(kwargs, error, message):
    with pytest.raises(error, match=message):
        interactive.softmax_temperature_figure(**kwargs)


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "message"),
    [
        ((np.zeros((4, 3)), [0, 1, 0, 1]), {}, ValueError, "2 columns"),
        ((np.zeros((4, 2)), [0, 1, 0]), {}, ValueError, "3 labels but there are 4"),
        ((np.zeros((4, 2)), [0, 1, 0, 1]), {"learning_rate": 0.0}, ValueError, "> 0"),
        ((np.zeros((4, 2)), [0, 1, 0, 1]), {"n_steps": 0}, ValueError, "n_steps must be >= 1"),
        ((np.zeros((4, 2)), [0, 1, 0, 1]), {"n_steps": 2.5}, TypeError, "integer"),
        ((np.zeros((4, 2)), [0, 1, 0, 1]), {"every": [1, 2, 3]}, TypeError, "tuple"),
        ((np.zeros((4, 2)), [0, 1, 0, 1]), {"every": (1, 0, 3)}, ValueError, "every\\[1\\]"),
    ],
)
def test_descent_figure_rejects_bad_input(args, kwargs, error, message):
    with pytest.raises(error, match=message):
        interactive.gradient_descent_figure(*args, **kwargs)


def test_descent_figure_does_not_modify_its_input(toy):
    X, y = toy
    X_copy, y_copy = X.copy(), y.copy()
    interactive.gradient_descent_figure(X, y, n_steps=3)
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(y, y_copy)
