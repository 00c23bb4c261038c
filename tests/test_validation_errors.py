"""One test per kind of bad input, for every public function and method.

Each case names the call, the exception type it must raise and a fragment of the message
(a regular expression for pytest.raises(match=...)): the message has to name the problem.
"""

import re

import numpy as np
import pytest
from sklearn.exceptions import DataConversionWarning

from softmax_tutorial import (
    NotFittedError,
    SoftmaxRegression,
    add_bias_feature,
    classify,
    cross_entropy,
    discriminants,
    log_softmax,
    logsumexp,
    make_toy_data,
    numerical_gradient,
    one_hot,
    relative_error,
    risk,
    risk_gradient,
    sigmoid,
    softmax,
    softmax_jacobian,
)

NAN, INF = np.nan, np.inf
Z = np.array([[1.0, 2.0, 3.0], [0.0, -1.0, 1.0]])  # good logits, 2 samples x 3 classes
X = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])  # good data, 3 samples x 2 features
W = np.zeros((2, 3))  # good weights, 2 features x 3 classes
B = np.zeros(3)
Y = np.array([0, 2, 1])  # good labels for X
T = np.full((3, 3), 1 / 3)  # good target distributions for X


def with_value(a, index, value):
    a = np.array(a, dtype=float)
    a[index] = value
    return a


def case(call, exc, match, id):
    return pytest.param(call, exc, match, id=id)


def softmax_family_cases():
    cases = []
    for f in (softmax, log_softmax, logsumexp):
        name = f.__name__
        cases += [
            case(lambda f=f: f(3.0), ValueError, "at least one dimension", f"{name}-scalar"),
            case(lambda f=f: f(np.zeros((0, 3))), ValueError, "empty", f"{name}-no-rows"),
            case(lambda f=f: f(np.zeros((3, 0))), ValueError, "class axis", f"{name}-no-classes"),
            case(lambda f=f: f([]), ValueError, "class axis", f"{name}-empty-list"),
            case(lambda f=f: f(with_value(Z, (1, 2), NAN)), ValueError, "NaN", f"{name}-nan"),
            case(lambda f=f: f(with_value(Z, (0, 1), INF)), ValueError, r"\+inf", f"{name}-inf"),
            case(lambda f=f: f(Z + 1j), TypeError, "real numbers", f"{name}-complex"),
            case(lambda f=f: f(["a", "b"]), TypeError, "real numbers", f"{name}-strings"),
            case(lambda f=f: f("abc"), TypeError, "string", f"{name}-a-string"),
            case(lambda f=f: f(np.array([1.0, None])), TypeError, "real numbers", f"{name}-object"),
            case(lambda f=f: f([True, False]), TypeError, "booleans", f"{name}-bool"),
            case(lambda f=f: f([[1.0, 2.0], [3.0]]), ValueError, "rectangular", f"{name}-ragged"),
            case(lambda f=f: f(Z, axis=2), ValueError, "out of range", f"{name}-axis-too-big"),
            case(lambda f=f: f(Z, axis=-3), ValueError, "out of range", f"{name}-axis-too-small"),
            case(
                lambda f=f: f(Z, axis=1.0),
                TypeError,
                "axis must be an integer",
                f"{name}-float-axis",
            ),
            case(
                lambda f=f: f(Z, axis=None), TypeError, "axis must be an integer", f"{name}-no-axis"
            ),
        ]
    for f in (softmax, log_softmax):
        cases.append(
            case(
                lambda f=f: f(with_value(Z, 1, -INF)),
                ValueError,
                "all -inf",
                f"{f.__name__}-all-neg-inf",
            )
        )
    cases.append(
        case(
            lambda: logsumexp(Z, keepdims=1),
            TypeError,
            "keepdims must be True or False",
            "keepdims-int",
        )
    )
    return cases


def sigmoid_and_jacobian_cases():
    return [
        case(lambda: sigmoid([0.0, NAN]), ValueError, "NaN", "sigmoid-nan"),
        case(lambda: sigmoid([INF, NAN]), ValueError, "NaN", "sigmoid-inf-and-nan"),
        case(lambda: sigmoid([1j]), TypeError, "real numbers", "sigmoid-complex"),
        case(lambda: sigmoid("x"), TypeError, "string", "sigmoid-string"),
        case(
            lambda: softmax_jacobian(np.zeros((2, 2, 2))), ValueError, "1-D or 2-D", "jacobian-3d"
        ),
        case(lambda: softmax_jacobian(5.0), ValueError, "1-D or 2-D", "jacobian-scalar"),
        case(lambda: softmax_jacobian([]), ValueError, "empty", "jacobian-empty"),
        case(lambda: softmax_jacobian([1.0, NAN]), ValueError, "NaN", "jacobian-nan"),
        case(lambda: softmax_jacobian([1.0, INF]), ValueError, r"\+inf", "jacobian-inf"),
        case(
            lambda: softmax_jacobian([-INF, -INF]), ValueError, "all -inf", "jacobian-all-neg-inf"
        ),
        case(lambda: softmax_jacobian([1j, 0]), TypeError, "real numbers", "jacobian-complex"),
    ]


def label_cases():
    """Bad labels, for every function that takes integer labels 0..C-1."""
    takers = {
        "one_hot": lambda y: one_hot(y, 3),
        "cross_entropy": lambda y: cross_entropy(y, np.zeros((len(y), 3))),
        "risk": lambda y: risk(np.zeros((2, 3)), np.ones((len(y), 2)), y),
        "risk_gradient": lambda y: risk_gradient(np.zeros((2, 3)), np.ones((len(y), 2)), y),
    }
    cases = []
    for name, take in takers.items():
        cases += [
            case(
                lambda t=take: t(np.array([0, 3])),
                ValueError,
                "label 3, out of range",
                f"{name}-too-big",
            ),
            case(
                lambda t=take: t(np.array([0, -1])),
                ValueError,
                "negative label -1",
                f"{name}-negative",
            ),
            case(
                lambda t=take: t(np.array([0, 1.5])),
                ValueError,
                "non-integer value 1.5",
                f"{name}-1.5",
            ),
            case(lambda t=take: t(np.array([True, False])), TypeError, "booleans", f"{name}-bool"),
            case(lambda t=take: t(np.array([0, NAN])), ValueError, "NaN", f"{name}-nan-label"),
            case(
                lambda t=take: t(np.array(["a", "b"])),
                TypeError,
                "integer labels",
                f"{name}-strings",
            ),
            case(
                lambda t=take: t(np.array([0, 1j])), TypeError, "integer labels", f"{name}-complex"
            ),
        ]
    cases += [
        case(lambda: one_hot([], 3), ValueError, "empty", "one_hot-empty"),
        case(
            lambda: one_hot(np.array([1, 2**63], dtype=np.uint64), 3),
            ValueError,
            "too large to be a class index",
            "one_hot-uint64-huge",
        ),
        case(lambda: one_hot([[0, 1]], 3), ValueError, "1-D array", "one_hot-2d"),
        case(lambda: one_hot("01", 3), TypeError, "integer labels", "one_hot-a-string"),
        case(
            lambda: one_hot([0, 1], 0), ValueError, "n_classes must be >= 1", "one_hot-no-classes"
        ),
        case(
            lambda: one_hot([0, 1], 2.0),
            TypeError,
            "n_classes must be an integer",
            "one_hot-float-c",
        ),
        case(
            lambda: one_hot([0, 1], True),
            TypeError,
            "n_classes must be an integer",
            "one_hot-bool-c",
        ),
        case(
            lambda: one_hot([0, 1], "3"), TypeError, "n_classes must be an integer", "one_hot-str-c"
        ),
    ]
    return cases


def cross_entropy_cases():
    return [
        case(
            lambda: cross_entropy([0, 1, 2], Z),
            ValueError,
            "3 labels but there are 2 samples",
            "ce-too-many-labels",
        ),
        case(
            lambda: cross_entropy([[0.5, 0.5, 0.0]], Z),
            ValueError,
            r"shape \(1, 3\)",
            "ce-targets-shape",
        ),
        case(
            lambda: cross_entropy(np.full((2, 4), 0.25), Z),
            ValueError,
            r"\(2, 4\)",
            "ce-targets-classes",
        ),
        case(
            lambda: cross_entropy([[1.5, -0.5, 0.0]] * 2, Z),
            ValueError,
            "negative entry",
            "ce-targets-negative",
        ),
        case(
            lambda: cross_entropy([[0.5, 0.6, 0.0]] * 2, Z),
            ValueError,
            "sums to 1.1",
            "ce-targets-sum",
        ),
        case(lambda: cross_entropy([[0.5, NAN, 0.5]] * 2, Z), ValueError, "NaN", "ce-targets-nan"),
        case(
            lambda: cross_entropy(np.zeros((2, 3, 1)), Z), ValueError, "got a 3-D", "ce-targets-3d"
        ),
        case(
            lambda: cross_entropy([0, 0], np.zeros((2, 3, 1))),
            ValueError,
            "1-D or 2-D",
            "ce-logits-3d",
        ),
        case(
            lambda: cross_entropy([0, 0], with_value(Z, (0, 0), NAN)),
            ValueError,
            "NaN",
            "ce-logits-nan",
        ),
        case(
            lambda: cross_entropy([0, 0], with_value(Z, (0, 0), INF)),
            ValueError,
            r"\+inf",
            "ce-logits-inf",
        ),
        case(
            lambda: cross_entropy([0, 0], with_value(Z, 1, -INF)),
            ValueError,
            "all -inf",
            "ce-all-neg-inf",
        ),
        case(lambda: cross_entropy([0], np.zeros((1, 0))), ValueError, "empty", "ce-no-classes"),
        case(lambda: cross_entropy([], np.zeros((0, 3))), ValueError, "empty", "ce-no-samples"),
        case(lambda: cross_entropy([0, 0], Z + 1j), TypeError, "real numbers", "ce-logits-complex"),
        case(
            lambda: cross_entropy([0, 0], [["a", "b", "c"]] * 2),
            TypeError,
            "real numbers",
            "ce-logits-strings",
        ),
    ]


def risk_cases():
    cases = []
    for f in (risk, risk_gradient):
        n = f.__name__
        cases += [
            case(
                lambda f=f: f(W, X[:, 0], Y),
                ValueError,
                r"2-D array.*reshape\(-1, 1\)",
                f"{n}-X-1d",
            ),
            case(lambda f=f: f(W, X[None], Y), ValueError, "X must be a 2-D array", f"{n}-X-3d"),
            case(lambda f=f: f(W[:, 0], X, Y), ValueError, "W must be a 2-D array", f"{n}-W-1d"),
            case(
                lambda f=f: f(np.zeros((3, 3)), X, Y),
                ValueError,
                r"W has shape \(3, 3\) but X has 2 features",
                f"{n}-W-rows",
            ),
            case(
                lambda f=f: f(W, X, Y[:2]),
                ValueError,
                "2 labels but there are 3 samples",
                f"{n}-y-short",
            ),
            case(
                lambda f=f: f(W, X, [0, 1, 3]),
                ValueError,
                "out of range for 3 classes",
                f"{n}-y-range",
            ),
            case(
                lambda f=f: f(W, X, T[:, :2] * 1.5), ValueError, r"\(3, 2\)", f"{n}-targets-shape"
            ),
            case(lambda f=f: f(W, X, T * 2), ValueError, "summing to 1", f"{n}-targets-sum"),
            case(lambda f=f: f(W, X, -T), ValueError, "negative entry", f"{n}-targets-negative"),
            case(lambda f=f: f(W, X, Y[:, None, None]), ValueError, "3-D", f"{n}-y-3d"),
            case(
                lambda f=f: f(W, with_value(X, (2, 1), NAN), Y),
                ValueError,
                r"X contains NaN \(first at index \(2, 1\)",
                f"{n}-X-nan",
            ),
            case(
                lambda f=f: f(W, with_value(X, (0, 0), INF), Y),
                ValueError,
                r"X contains \+inf",
                f"{n}-X-inf",
            ),
            case(
                lambda f=f: f(W, with_value(X, (0, 0), -INF), Y),
                ValueError,
                "X contains -inf",
                f"{n}-X-neg-inf",
            ),
            case(
                lambda f=f: f(with_value(W, (1, 2), NAN), X, Y),
                ValueError,
                "W contains NaN",
                f"{n}-W-nan",
            ),
            case(
                lambda f=f: f(with_value(W, (1, 2), INF), X, Y),
                ValueError,
                r"W contains \+inf",
                f"{n}-W-inf",
            ),
            case(lambda f=f: f(W, np.zeros((0, 2)), []), ValueError, "X is empty", f"{n}-X-empty"),
            case(
                lambda f=f: f(np.zeros((2, 0)), X, Y), ValueError, "W is empty", f"{n}-no-classes"
            ),
            case(
                lambda f=f: f(W, X.astype(str), Y),
                TypeError,
                "X must hold real numbers",
                f"{n}-X-strings",
            ),
            case(
                lambda f=f: f(W, X.astype(object), Y),
                TypeError,
                "X must hold real numbers",
                f"{n}-X-object",
            ),
            case(
                lambda f=f: f(W, X + 1j, Y), TypeError, "X must hold real numbers", f"{n}-X-complex"
            ),
            case(
                lambda f=f: f(W + 0j, X, Y), TypeError, "W must hold real numbers", f"{n}-W-complex"
            ),
            case(
                lambda f=f: f(W, X, Y, l2=-0.1), ValueError, "l2 must be >= 0", f"{n}-l2-negative"
            ),
            case(
                lambda f=f: f(W, X, Y, l2="0.1"),
                TypeError,
                "l2 must be a real number",
                f"{n}-l2-string",
            ),
            case(lambda f=f: f(W, X, Y, l2=NAN), ValueError, "l2 must be finite", f"{n}-l2-nan"),
        ]
    return cases


def linear_cases():
    cases = []
    for f in (discriminants, classify):
        n = f.__name__
        cases += [
            case(lambda f=f: f(X[None], W), ValueError, "1-D or 2-D", f"{n}-X-3d"),
            case(lambda f=f: f(X, W[:, 0]), ValueError, "W must be a 2-D array", f"{n}-W-1d"),
            case(lambda f=f: f(X, np.zeros((3, 3))), ValueError, "W has shape", f"{n}-W-rows"),
            case(
                lambda f=f: f(X, W, np.zeros(2)),
                ValueError,
                r"b has shape \(2,\) but W has 3 columns",
                f"{n}-b-length",
            ),
            case(
                lambda f=f: f(X, W, np.zeros((1, 3))),
                ValueError,
                "b must be a 1-D array",
                f"{n}-b-2d",
            ),
            case(
                lambda f=f: f(with_value(X, (0, 0), NAN), W),
                ValueError,
                "X contains NaN",
                f"{n}-X-nan",
            ),
            case(
                lambda f=f: f(X, with_value(W, (0, 0), INF)),
                ValueError,
                r"W contains \+inf",
                f"{n}-W-inf",
            ),
            case(
                lambda f=f: f(X, W, with_value(B, 0, NAN)),
                ValueError,
                "b contains NaN",
                f"{n}-b-nan",
            ),
            case(lambda f=f: f(np.zeros((0, 2)), W), ValueError, "X is empty", f"{n}-X-empty"),
            case(lambda f=f: f(X, np.zeros((2, 0))), ValueError, "W is empty", f"{n}-no-classes"),
            case(lambda f=f: f(X + 1j, W), TypeError, "X must hold real numbers", f"{n}-X-complex"),
            case(
                lambda f=f: f(X.astype(str), W),
                TypeError,
                "X must hold real numbers",
                f"{n}-X-strings",
            ),
            case(
                lambda f=f: f(X, W, ["a", "b", "c"]),
                TypeError,
                "b must hold real numbers",
                f"{n}-b-strings",
            ),
        ]
    cases += [
        case(lambda: add_bias_feature(2.0), ValueError, "1-D or 2-D", "add_bias_feature-scalar"),
        case(lambda: add_bias_feature(X[None]), ValueError, "1-D or 2-D", "add_bias_feature-3d"),
        case(
            lambda: add_bias_feature(with_value(X, (1, 1), NAN)),
            ValueError,
            "NaN",
            "add_bias_feature-nan",
        ),
        case(
            lambda: add_bias_feature(np.zeros((0, 2))),
            ValueError,
            "empty",
            "add_bias_feature-empty",
        ),
        case(
            lambda: add_bias_feature([["a"]]), TypeError, "real numbers", "add_bias_feature-strings"
        ),
    ]
    return cases


def gradcheck_and_data_cases():
    square = lambda v: float(np.sum(v**2))  # noqa: E731
    return [
        case(
            lambda: numerical_gradient(3, [1.0]),
            TypeError,
            "f must be a callable",
            "ng-not-callable",
        ),
        case(
            lambda: numerical_gradient(square, [1.0], eps=0),
            ValueError,
            "eps must be > 0",
            "ng-eps-zero",
        ),
        case(
            lambda: numerical_gradient(square, [1.0], eps=-1e-6),
            ValueError,
            "eps must be > 0",
            "ng-eps-negative",
        ),
        case(
            lambda: numerical_gradient(square, [1.0], eps="1e-6"),
            TypeError,
            "eps must be a real",
            "ng-eps-string",
        ),
        case(lambda: numerical_gradient(square, []), ValueError, "x is empty", "ng-x-empty"),
        case(
            lambda: numerical_gradient(square, [1.0, NAN]), ValueError, "x contains NaN", "ng-x-nan"
        ),
        case(
            lambda: numerical_gradient(square, ["a"]),
            TypeError,
            "x must hold real numbers",
            "ng-x-strings",
        ),
        case(
            lambda: numerical_gradient(lambda v: v, [1.0, 2.0]),
            TypeError,
            "real scalar",
            "ng-f-vector",
        ),
        case(
            lambda: numerical_gradient(lambda v: "1", [1.0]),
            TypeError,
            "real scalar",
            "ng-f-string",
        ),
        case(
            lambda: numerical_gradient(lambda v: NAN, [1.0]),
            ValueError,
            "f returned nan",
            "ng-f-nan",
        ),
        case(lambda: relative_error([1.0], [1.0, 2.0]), ValueError, "same shape", "re-shapes"),
        case(lambda: relative_error([], []), ValueError, "empty", "re-empty"),
        case(lambda: relative_error([NAN], [1.0]), ValueError, "NaN", "re-nan"),
        case(lambda: relative_error([1.0], [INF]), ValueError, r"\+inf", "re-inf"),
        case(lambda: relative_error(["a"], [1.0]), TypeError, "real numbers", "re-strings"),
        case(lambda: make_toy_data(0), ValueError, "n_per_class must be >= 1", "toy-no-samples"),
        case(
            lambda: make_toy_data(2.5), TypeError, "n_per_class must be an integer", "toy-float-n"
        ),
        case(
            lambda: make_toy_data(True), TypeError, "n_per_class must be an integer", "toy-bool-n"
        ),
        case(
            lambda: make_toy_data(n_classes=1),
            ValueError,
            "n_classes must be >= 2",
            "toy-one-class",
        ),
        case(
            lambda: make_toy_data(spread=0.0), ValueError, "spread must be > 0", "toy-spread-zero"
        ),
        case(
            lambda: make_toy_data(spread=INF), ValueError, "spread must be finite", "toy-spread-inf"
        ),
        case(
            lambda: make_toy_data(random_state="0"),
            TypeError,
            "random_state must be an int",
            "toy-seed-str",
        ),
        case(lambda: make_toy_data(random_state=None), TypeError, "reproducible", "toy-seed-none"),
    ]


ALL_CASES = (
    softmax_family_cases()
    + sigmoid_and_jacobian_cases()
    + label_cases()
    + cross_entropy_cases()
    + risk_cases()
    + linear_cases()
    + gradcheck_and_data_cases()
)


@pytest.mark.parametrize(("call", "exc", "match"), ALL_CASES)
def test_functions_reject_bad_input(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


# --- SoftmaxRegression ------------------------------------------------------------------------
# The estimator validates its data with scikit-learn's own helpers (validate_data,
# check_classification_targets), so its messages are the ones scikit-learn users know.

X_TOY, Y_TOY = make_toy_data(n_per_class=10, random_state=0)


BAD_HYPER_PARAMETERS = [
    ({"solver": "sgd"}, ValueError, "solver must be one of"),
    ({"learning_rate": 0.0, "solver": "gd"}, ValueError, "learning_rate must be > 0"),
    ({"learning_rate": -1.0, "solver": "gd"}, ValueError, "learning_rate must be > 0"),
    ({"learning_rate": "fast", "solver": "gd"}, ValueError, "'auto' or a positive number"),
    ({"learning_rate": NAN, "solver": "gd"}, ValueError, "learning_rate must be finite"),
    ({"learning_rate": INF, "solver": "gd"}, ValueError, "learning_rate must be finite"),
    ({"learning_rate": 0.1}, ValueError, "used only by solver='gd'"),
    ({"batch_size": 8}, ValueError, "used only by solver='gd'"),
    ({"max_iter": 0}, ValueError, "max_iter must be >= 1"),
    ({"max_iter": 100.0}, TypeError, "max_iter must be an integer"),
    ({"max_iter": 1.5}, TypeError, "max_iter must be an integer"),
    ({"max_iter": None}, TypeError, "max_iter must be an integer"),
    ({"batch_size": 0, "solver": "gd"}, ValueError, "batch_size must be >= 1.*batch_size=None"),
    ({"batch_size": 8.0, "solver": "gd"}, TypeError, "batch_size must be an integer"),
    ({"l2": -1e-3}, ValueError, "l2 must be >= 0"),
    ({"l2": "0"}, TypeError, "l2 must be a real number"),
    ({"tol": -1e-3}, ValueError, "tol must be >= 0"),
    ({"fit_intercept": 1}, TypeError, "fit_intercept must be True or False"),
    ({"fit_intercept": "yes"}, TypeError, "fit_intercept must be True or False"),
    ({"warm_start": None}, TypeError, "warm_start must be True or False"),
    ({"verbose": 1}, TypeError, "verbose must be True or False"),
    ({"random_state": "42"}, TypeError, "random_state must be None, an int"),
    ({"random_state": 4.2}, TypeError, "random_state must be None, an int"),
    ({"random_state": True}, TypeError, "random_state must be None, an int"),
]


@pytest.mark.parametrize(
    ("params", "exc", "match"),
    BAD_HYPER_PARAMETERS,
    ids=[",".join(f"{k}={v!r}" for k, v in p.items()) for p, _, _ in BAD_HYPER_PARAMETERS],
)
def test_bad_hyper_parameters_are_rejected_by_fit(params, exc, match):
    with pytest.raises(exc, match=match):
        SoftmaxRegression(**params).fit(X_TOY, Y_TOY)


def nan_at(a, index):
    return with_value(a, index, NAN)


@pytest.mark.parametrize(
    ("X_in", "y_in", "exc", "match"),
    [
        pytest.param(X_TOY[:, 0], Y_TOY, ValueError, r"reshape\(-1, 1\)", id="X-1d"),
        pytest.param(X_TOY[None], Y_TOY, ValueError, "Found array with dim 3", id="X-3d"),
        pytest.param(nan_at(X_TOY, (4, 1)), Y_TOY, ValueError, "Input X contains NaN", id="X-nan"),
        pytest.param(
            with_value(X_TOY, (4, 1), INF), Y_TOY, ValueError, "contains infinity", id="X-inf"
        ),
        pytest.param(np.zeros((0, 2)), [], ValueError, "Found array with 0 sample", id="X-empty"),
        pytest.param(
            np.zeros((30, 0)), Y_TOY, ValueError, "Found array with 0 feature", id="X-no-features"
        ),
        pytest.param(X_TOY + 1j, Y_TOY, ValueError, "Complex data not supported", id="X-complex"),
        pytest.param(
            np.full((30, 2), "a"), Y_TOY, ValueError, "could not convert string", id="X-words"
        ),
        pytest.param(
            X_TOY,
            Y_TOY[:-1],
            ValueError,
            r"inconsistent numbers of samples: \[30, 29\]",
            id="y-short",
        ),
        pytest.param(X_TOY, np.c_[Y_TOY, Y_TOY], ValueError, "y should be a 1d array", id="y-2d"),
        pytest.param(X_TOY, nan_at(Y_TOY, 3), ValueError, "Input y contains NaN", id="y-nan"),
        pytest.param(X_TOY, Y_TOY + 0.5, ValueError, "Unknown label type: continuous", id="y-1.5"),
        pytest.param(X_TOY, Y_TOY + 0j, ValueError, "Complex data not supported", id="y-complex"),
        pytest.param(X_TOY, [None] * 30, ValueError, "Unknown label type", id="y-none"),
        pytest.param(
            X_TOY,
            np.array([0, "a"] * 15, dtype=object),
            ValueError,
            "Unknown label type",
            id="y-mixed",
        ),
        pytest.param(X_TOY, "abc", ValueError, "y should be a 1d array", id="y-a-string"),
        pytest.param(X_TOY, np.zeros(30, int), ValueError, "only one class: 0", id="y-one-class"),
        pytest.param(
            X_TOY, ["cat"] * 30, ValueError, "only one class: 'cat'", id="y-one-str-class"
        ),
    ],
)
def test_bad_training_data_is_rejected(X_in, y_in, exc, match):
    with pytest.raises(exc, match=match):
        SoftmaxRegression().fit(X_in, y_in)


def test_a_column_vector_y_warns_and_is_flattened():
    with pytest.warns(DataConversionWarning, match="ravel"):
        model = SoftmaxRegression().fit(X_TOY, Y_TOY[:, None])
    assert model.classes_.tolist() == [0, 1, 2]


PREDICTORS = {
    "predict": lambda m, X: m.predict(X),
    "predict_proba": lambda m, X: m.predict_proba(X),
    "predict_log_proba": lambda m, X: m.predict_log_proba(X),
    "decision_function": lambda m, X: m.decision_function(X),
    "score": lambda m, X: m.score(X, np.zeros(len(X), int)),
}


@pytest.mark.parametrize("method", PREDICTORS)
def test_predicting_before_fitting_raises_not_fitted_error(method):
    with pytest.raises(NotFittedError, match=re.escape("Call 'fit'")) as info:
        PREDICTORS[method](SoftmaxRegression(), X_TOY)
    # scikit-learn's: code catching either ValueError or AttributeError still works.
    assert isinstance(info.value, ValueError) and isinstance(info.value, AttributeError)


@pytest.fixture(scope="module")
def fitted_toy():
    return SoftmaxRegression().fit(X_TOY, Y_TOY)


@pytest.mark.parametrize("method", PREDICTORS)
def test_a_different_number_of_features_at_predict_time(fitted_toy, method):
    X3 = np.c_[X_TOY, X_TOY[:, :1]]
    message = "X has 3 features, but SoftmaxRegression is expecting 2 features"
    with pytest.raises(ValueError, match=message):
        PREDICTORS[method](fitted_toy, X3)


@pytest.mark.parametrize("method", PREDICTORS)
@pytest.mark.parametrize(
    ("X_in", "exc", "match"),
    [
        pytest.param(X_TOY[0], ValueError, r"reshape\(1, -1\)", id="single-sample-1d"),
        pytest.param(nan_at(X_TOY, (0, 0)), ValueError, "Input X contains NaN", id="nan"),
        pytest.param(np.full((3, 2), "a"), ValueError, "could not convert string", id="words"),
        pytest.param(np.zeros((0, 2)), ValueError, "Found array with 0 sample", id="empty"),
    ],
)
def test_bad_prediction_data(fitted_toy, method, X_in, exc, match):
    with pytest.raises(exc, match=match):
        PREDICTORS[method](fitted_toy, X_in)


def test_score_with_mismatched_labels(fitted_toy):
    with pytest.raises(ValueError, match="inconsistent numbers of samples"):
        fitted_toy.score(X_TOY, Y_TOY[:-1])


def test_set_params_rejects_unknown_names():
    with pytest.raises(ValueError, match="Invalid parameter 'alpha'.*Valid parameters are"):
        SoftmaxRegression().set_params(alpha=1.0)


def test_failed_fit_leaves_inputs_and_model_alone():
    X_bad = nan_at(X_TOY, (1, 1))
    copy = X_bad.copy()
    model = SoftmaxRegression()
    with pytest.raises(ValueError):
        model.fit(X_bad, Y_TOY)
    np.testing.assert_array_equal(X_bad, copy)
    assert not hasattr(model, "coef_")


def test_a_class_with_no_sample_weight_is_rejected():
    # Its intercept would fall for ever: no optimum, so no "converged" fit.
    X = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [2.0, 0.5]])
    y = np.array([0, 1, 2, 2])
    weights = np.array([1.0, 1.0, 0.0, 0.0])
    with pytest.raises(ValueError, match="samples of class 2 all have weight 0"):
        SoftmaxRegression().fit(X, y, sample_weight=weights)
