"""Checkers for the practice notebook of chapter 6, the gradient and gradient
descent.

Exercises: ``risk_gradient(W, X, y)`` (``(1/N) X^T (Y_hat - Y)``),
``gradients(W, b, X, y, l2)`` (the gradients with a separate bias and weight
decay on ``W`` only) and ``gradient_descent(grad, W0, learning_rate, tol,
max_iter)`` (the loop, stopping when the largest gradient entry is at most
``tol``).

References: the library's ``risk_gradient`` (itself checked against central
differences of ``risk``), and for the bias and weight decay the same formula
on the augmented data; tolerance rtol 1e-9, atol 1e-12. The gradient-descent
cases run on a quadratic whose minimiser and step-by-step iterates are known.
"""

import numpy as np

from .. import add_bias_feature as _add_bias_feature
from .. import one_hot as _one_hot
from .. import risk_gradient as _risk_gradient
from .. import softmax as _softmax
from ._core import exercise, show

__all__ = ["risk_gradient", "gradients", "gradient_descent"]

_RTOL, _ATOL = 1e-9, 1e-12

# N=6 samples, D=4 features, C=3 classes: all different, so a transpose shows.
_X = np.array(
    [
        [1.0, 2.0, -0.5, 1.0],
        [-1.0, 0.5, 1.5, 1.0],
        [0.0, -1.5, 0.5, 1.0],
        [2.0, 1.0, -1.0, 1.0],
        [0.5, 0.5, 2.0, 1.0],
        [-1.5, -1.0, 0.0, 1.0],
    ]
)
_W = np.array([[0.5, -0.2, 0.1], [0.3, 0.4, -0.6], [-0.1, 0.2, 0.3], [0.2, -0.3, 0.1]])
_Y = np.array([0, 2, 1, 0, 2, 1])


def _plain_gradient(W, X, y):
    n, c = X.shape[0], W.shape[1]
    return X.T @ (_softmax(X @ W) - _one_hot(y, c)) / n


@exercise(
    "risk_gradient(W, X, y)",
    hint="""
    The gradient has the shape of W, (D, C). With Y_hat = softmax(X @ W) (row
    by row) and Y = one_hot(y, C), it is (1/N) X^T (Y_hat - Y): X.T @ (Y_hat -
    Y) / N. Mind the order Y_hat - Y: the gradient points uphill, and gradient
    descent subtracts it.
    """,
    solution="""
    import numpy as np


    def risk_gradient(W, X, y):
        X, W, y = np.asarray(X, float), np.asarray(W, float), np.asarray(y)
        N, C = X.shape[0], W.shape[1]
        Z = X @ W
        E = np.exp(Z - Z.max(axis=1, keepdims=True))
        Y_hat = E / E.sum(axis=1, keepdims=True)
        Y = np.eye(C)[y]  # one-hot rows
        return X.T @ (Y_hat - Y) / N  # (D, C), like W
    """,
)
def risk_gradient(t):
    """``(1/N) X^T (softmax(X W) - Y)``: the gradient in the shape of ``W``."""
    (n, d), c = _X.shape, _W.shape[1]
    t.stage("the shape of W")
    out = t.array(t.call(_W, _X, _Y), "risk_gradient(W, X, y)")
    if out.shape == (c, d):
        t.fail(
            "transposed",
            f"the gradient should have the shape of W, ({d}, {c}), so that the "
            f"update W - alpha * gradient makes sense; yours has shape {out.shape}, "
            "the transpose (the numerator layout, or (Y_hat - Y)^T X). In the "
            "gradient layout it is X.T @ (Y_hat - Y) / N.",
        )
    t.require_shape(out, (d, c), "risk_gradient(W, X, y)", " (the shape of W)")

    t.stage("(1/N) X^T (Y_hat - Y)")
    expected = t.ref(_risk_gradient(_W, _X, _Y))
    if not t.close(out, expected, rtol=_RTOL, atol=_ATOL):
        if t.close(out, -expected, rtol=_RTOL, atol=_ATOL):
            t.fail(
                "sign_error",
                "your gradient has the wrong sign everywhere: it is "
                "(1/N) X^T (Y - Y_hat), the direction in which the risk DEcreases. "
                "The gradient is (1/N) X^T (Y_hat - Y) (that is, -(1/N) sum of "
                "x (y - y_hat)^T); gradient descent then subtracts it.",
            )
        if t.close(out, n * expected, rtol=_RTOL, atol=_ATOL):
            t.fail(
                "missing_1_over_N",
                f"your gradient is {n} times too large, N times the gradient: the "
                "risk is the MEAN loss, so its gradient carries the factor 1/N.",
            )
        if t.close(out, _X.T @ _softmax(_X @ _W) / n, rtol=_RTOL, atol=_ATOL):
            t.fail(
                "targets_missing",
                "your gradient is (1/N) X^T Y_hat: the one-hot targets Y are "
                "missing. The residual is Y_hat - Y.",
            )
        shifted = _X.T @ (_softmax(_X @ _W) - np.eye(c)[_Y - 1]) / n
        if t.close(out, shifted, rtol=_RTOL, atol=_ATOL):
            t.fail(
                "off_by_one",
                "your one-hot targets are shifted by one class (label 0 puts its 1 "
                "in the last column): the labels 0..C-1 index the columns directly.",
            )
        t.mismatch(
            out,
            expected,
            "risk_gradient(W, X, y)",
            rtol=_RTOL,
            atol=_ATOL,
            advice="Compare with central differences of the risk "
            "(softmax_tutorial.numerical_gradient) to find the entries that differ.",
        )


# -- gradients with a separate bias and weight decay ---------------------------------

_XB = _X[:, :2]  # two features, no constant column: the bias is separate here
_WB = _W[:2]
_B = np.array([0.4, -0.3, 0.1])
_L2 = 0.5


def _gradients(W, b, X, y, l2):
    """The reference: the gradient on augmented data, then weight decay on W only."""
    full = _risk_gradient(np.vstack([W, b]), _add_bias_feature(X), y)
    return full[:-1] + l2 * W, full[-1]


@exercise(
    "gradients(W, b, X, y, l2)",
    hint="""
    The scores are Z = X @ W + b. With the residual Y_hat - Y (Y_hat = softmax
    of Z, row by row), the gradient of the mean loss is X^T (Y_hat - Y) / N for
    W and the mean of the residual rows for b (the bias is the weight of a
    feature that is always 1). Weight decay (l2 / 2) ||W||^2 adds l2 * W to the
    gradient of W only: the bias is not penalised.
    """,
    solution="""
    import numpy as np


    def gradients(W, b, X, y, l2):
        X, W, b = np.asarray(X, float), np.asarray(W, float), np.asarray(b, float)
        N, C = X.shape[0], W.shape[1]
        Z = X @ W + b
        E = np.exp(Z - Z.max(axis=1, keepdims=True))
        residual = E / E.sum(axis=1, keepdims=True) - np.eye(C)[y]  # Y_hat - Y
        grad_W = X.T @ residual / N + l2 * W  # weight decay on W ...
        grad_b = residual.mean(axis=0)  # ... but not on the bias
        return grad_W, grad_b
    """,
)
def gradients(t):
    """``(grad_W, grad_b)`` of the mean loss of ``softmax(X W + b)`` plus
    ``(l2 / 2) ||W||^2``."""
    (n, d), c = _XB.shape, _WB.shape[1]
    t.stage("returns the pair (grad_W, grad_b)")
    raw = t.call(_WB, _B, _XB, _Y, _L2)
    if not isinstance(raw, (tuple, list)) or len(raw) != 2:
        t.fail(
            "wrong_type",
            "gradients should return two arrays, the gradient for W and the one "
            "for b (as in `return grad_W, grad_b`), but it returned "
            f"{type(raw).__name__} {show(raw)}.",
        )
    grad_W = t.array(raw[0], "grad_W")
    grad_b = t.array(raw[1], "grad_b")
    if grad_W.shape == (c, d) and c != d:
        t.fail(
            "transposed",
            f"grad_W should have the shape of W, ({d}, {c}); yours has shape "
            f"{grad_W.shape}, the transpose.",
        )
    t.require_shape(grad_W, (d, c), "grad_W", " (the shape of W)")
    if grad_b.shape == (n, c):
        t.fail(
            "bias_not_reduced",
            f"grad_b should have the shape of b, ({c},), but yours has shape "
            f"{grad_b.shape}: one row per sample. Average the residual rows over "
            "the samples.",
        )
    t.require_shape(grad_b, (c,), "grad_b", " (the shape of b)")

    t.stage("with the bias in the scores")
    expected_W, expected_b = _gradients(_WB, _B, _XB, _Y, _L2)
    t.ref(expected_W)
    t.ref(expected_b)
    no_bias_W, no_bias_b = _gradients(_WB, np.zeros(c), _XB, _Y, _L2)
    if t.close(grad_W, no_bias_W, rtol=_RTOL, atol=_ATOL) and not t.close(
        grad_W, expected_W, rtol=_RTOL, atol=_ATOL
    ):
        t.fail(
            "bias_forgotten",
            "your grad_W is the gradient at b = 0: the scores should include the "
            f"bias, Z = X @ W + b, with b = {show(_B)} here.",
        )
    if not t.close(grad_b, expected_b, rtol=_RTOL, atol=_ATOL):
        if t.close(grad_b, 0.0, rtol=0, atol=_ATOL):
            t.fail(
                "bias_forgotten",
                "your grad_b is zero: the bias changes the scores, so the risk "
                "depends on it. Its gradient is the mean of the residual rows "
                "Y_hat - Y (the last row of the gradient for augmented data).",
            )
        if t.close(grad_b, expected_b + _L2 * _B, rtol=_RTOL, atol=_ATOL):
            t.fail(
                "penalty_on_intercept",
                "your grad_b includes l2 * b: the weight decay (l2 / 2) ||W||^2 "
                "penalises W only, so the bias gets no such term (shrinking the "
                "intercept towards 0 has no reason to help).",
            )
        if t.close(grad_b, n * expected_b, rtol=_RTOL, atol=_ATOL):
            t.fail(
                "missing_1_over_N",
                "your grad_b is N times too large: average the residual rows "
                "(mean over the samples), do not sum them.",
            )
        t.mismatch(grad_b, expected_b, "grad_b", rtol=_RTOL, atol=_ATOL)

    t.stage("weight decay on W")
    if not t.close(grad_W, expected_W, rtol=_RTOL, atol=_ATOL):
        plain = expected_W - _L2 * _WB
        if t.close(grad_W, plain, rtol=_RTOL, atol=_ATOL):
            t.fail(
                "l2_missing",
                f"your grad_W has no weight-decay term: with l2 = {_L2:g} the "
                "penalty (l2 / 2) ||W||^2 adds l2 * W to the gradient.",
            )
        if t.close(grad_W, plain + 2 * _L2 * _WB, rtol=_RTOL, atol=_ATOL):
            t.fail(
                "l2_factor",
                "your weight-decay term is 2 * l2 * W: the penalty is "
                "(l2 / 2) ||W||^2, whose gradient is l2 * W (the 1/2 is there to "
                "cancel the 2).",
            )
        if t.close(grad_W, plain * n, rtol=_RTOL, atol=_ATOL) or t.close(
            grad_W, plain * n + _L2 * _WB, rtol=_RTOL, atol=_ATOL
        ):
            t.fail(
                "missing_1_over_N",
                f"your grad_W is N = {n} times too large: the risk is the MEAN "
                "loss, X.T @ (Y_hat - Y) / N.",
            )
        t.mismatch(grad_W, expected_W, "grad_W", rtol=_RTOL, atol=_ATOL)


# -- gradient descent --------------------------------------------------------------

# A quadratic with a known minimiser A: f(W) = sum_ij h_j (W_ij - A_ij)^2 / 2,
# gradient h * (W - A), largest curvature max(h) = 4: steps below 2 / 4 converge.
_A = np.array([[1.0, -2.0, 0.5], [0.0, 3.0, -1.0]])
_H = np.array([1.0, 4.0, 0.5])


def _quadratic_gradient(W):
    return _H * (np.asarray(W) - _A)


def _descend(grad, W0, learning_rate, tol, max_iter):
    W = np.array(W0, dtype=float)
    for step in range(max_iter):
        g = grad(W)
        if np.abs(g).max() <= tol:
            return W, step
        W = W - learning_rate * g
    return W, max_iter


@exercise(
    "gradient_descent(grad, W0, learning_rate, tol, max_iter)",
    hint="""
    Start from W = W0 (a copy: never change the caller's W0) and repeat at most
    max_iter times: g = grad(W); if np.abs(g).max() <= tol, stop; otherwise
    W = W - learning_rate * g. Return W and the number of steps taken. Check
    the gradient BEFORE each step, so that a W0 which is already a minimiser
    takes 0 steps.
    """,
    solution="""
    import numpy as np


    def gradient_descent(grad, W0, learning_rate, tol, max_iter):
        W = np.array(W0, dtype=float)  # a copy: W0 stays as it was
        for step in range(max_iter):
            g = grad(W)
            if np.abs(g).max() <= tol:  # small enough: stop before stepping
                return W, step
            W = W - learning_rate * g  # downhill
        return W, max_iter
    """,
)
def gradient_descent(t):
    """The loop ``W <- W - learning_rate * grad(W)``, stopping when
    ``max |grad(W)| <= tol`` or after ``max_iter`` steps."""
    W0 = np.zeros_like(_A)
    rate = 0.2

    def unpack(raw, what):
        if not isinstance(raw, (tuple, list)) or len(raw) != 2:
            t.fail(
                "wrong_type",
                "gradient_descent should return two things, the last W and the "
                "number of steps taken (as in `return W, n_steps`), but it "
                f"returned {type(raw).__name__} {show(raw)}.",
            )
        W = t.array(raw[0], f"the W returned by {what}")
        t.require_shape(W, _A.shape, f"the W returned by {what}", " (the shape of W0)")
        steps = t.array(raw[1], f"the step count returned by {what}", kind="i")
        if steps.size != 1:
            t.fail("wrong_type", f"the step count should be one integer, not {show(steps)}.")
        return W, int(steps.reshape(()))

    t.stage("one step goes downhill by learning_rate * gradient")
    what = "gradient_descent(grad, W0, learning_rate=0.2, tol=0.0, max_iter=1)"
    W1, steps = unpack(t.call(_quadratic_gradient, W0, rate, 0.0, 1), what)
    g0 = _quadratic_gradient(W0)
    expected = t.ref(W0 - rate * g0)
    if not t.close(W1, expected, rtol=_RTOL, atol=_ATOL):
        moved = W1 - W0
        if t.close(moved, rate * g0, rtol=_RTOL, atol=_ATOL):
            t.fail(
                "wrong_sign",
                f"after one step of {what}, W moved along +gradient, uphill: the "
                "function grows. A descent step subtracts: W - learning_rate * g.",
            )
        if t.close(moved, -g0, rtol=_RTOL, atol=_ATOL):
            t.fail(
                "ignores_learning_rate",
                f"after one step of {what}, W moved by the whole gradient, -g: "
                "the step should be learning_rate * g.",
            )
        if t.close(moved, -g0 / rate, rtol=_RTOL, atol=_ATOL):
            t.fail(
                "step_size",
                f"after one step of {what}, W moved by -g / learning_rate, 25 times "
                "the intended step: multiply the gradient by the learning rate, do "
                "not divide. Too long a step makes gradient descent diverge.",
            )
        t.mismatch(W1, expected, f"W after one step of {what}", rtol=_RTOL, atol=_ATOL)
    if steps != 1:
        t.fail(
            "wrong_count",
            f"{what} took one step, but reported {steps}: return the number of "
            "updates W = W - learning_rate * g that were made.",
        )

    t.stage("a W0 that is already a minimiser takes no step")
    what = "gradient_descent(grad, W0=minimiser, learning_rate=0.2, tol=1e-8, max_iter=50)"
    W_end, steps = unpack(t.call(_quadratic_gradient, _A, rate, 1e-8, 50), what)
    if steps == 50:
        t.fail(
            "ignores_tol",
            f"{what} ran all 50 steps although the gradient at W0 is exactly 0: "
            "the loop should stop as soon as max |gradient| <= tol.",
        )
    if steps != 0:
        t.fail(
            "checks_after_step",
            f"{what} reported {steps} step(s), but the gradient at W0 is already "
            "0: check the stopping rule BEFORE taking a step, so that the answer "
            "is 0 steps.",
        )

    t.stage("stops when max |gradient| <= tol, not before, not after")
    tol, max_iter = 1e-6, 10_000
    start = np.array([[3.0, 1.0, -2.0], [2.0, -1.0, 1.5]])
    what = f"gradient_descent(grad, W0, learning_rate={rate}, tol={tol:g}, max_iter={max_iter})"
    W_end, steps = unpack(t.call(_quadratic_gradient, start, rate, tol, max_iter), what)
    reference_W, reference_steps = _descend(_quadratic_gradient, start, rate, tol, max_iter)
    t.ref(reference_W)
    if not np.isfinite(W_end).all() or np.abs(W_end).max() > 1e6:
        t.fail(
            "diverged",
            f"{what} blew up (max |W| = {show(np.abs(W_end).max())}), although "
            f"learning_rate={rate} is below 2 / (largest curvature) = 0.5 for this "
            "problem, where gradient descent converges. Check the sign and the "
            "size of your step.",
        )
    if steps >= max_iter:
        t.fail(
            "ignores_tol",
            f"{what} ran all {max_iter} steps: the loop never stopped on the "
            "tolerance. Stop as soon as np.abs(g).max() <= tol.",
        )
    largest = float(np.abs(_quadratic_gradient(W_end)).max())
    if largest > tol:
        t.fail(
            "stopped_too_early",
            f"{what} stopped after {steps} steps, where the largest gradient "
            f"entry is still {largest:.2g} > tol = {tol:g}. Stop on the gradient "
            "itself, max |g| <= tol, not on the size of the step or the change "
            "in W (with a small learning rate those become small long before the "
            "gradient does).",
        )
    if steps > reference_steps + 1:
        t.fail(
            "stopped_too_late",
            f"{what} took {steps} steps, but the largest gradient entry was "
            f"already <= tol {steps - reference_steps} steps earlier. The rule is "
            "the largest absolute entry, np.abs(g).max() <= tol (the Euclidean "
            "norm, for instance, is larger and stops later).",
        )
    if not t.close(W_end, reference_W, rtol=1e-6, atol=1e-8):
        t.mismatch(W_end, reference_W, f"the W returned by {what}", rtol=1e-6, atol=1e-8)
