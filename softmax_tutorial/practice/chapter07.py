"""Checkers for the practice notebook of chapter 7, curvature, convexity and
solvers.

Exercises: ``risk_hessian(W, X, l2)`` (the Hessian of the risk as a
(D, C, D, C) array), ``curvature_bound(X, l2)`` (the bound
``L = lambda_max(X^T X / N) / 2 + l2`` on its largest eigenvalue, whose
inverse is a safe learning rate) and ``newton_step(W, X, y, l2)``.

The references are the library's ``softmax_tutorial.curvature`` functions and
``numpy.linalg.solve`` for the Newton step; the typical mistakes are built from
an independent einsum over the softmax Jacobians, and the tests check the
Hessian against central differences of ``risk_gradient``. Tolerance rtol 1e-9,
atol 1e-12.
"""

import numpy as np

from .. import risk_gradient as _risk_gradient
from .. import softmax as _softmax
from .. import softmax_jacobian as _softmax_jacobian
from ..curvature import curvature_bound as _curvature_bound
from ..curvature import risk_hessian as _risk_hessian
from ._core import exercise

__all__ = ["risk_hessian", "curvature_bound", "newton_step"]

_RTOL, _ATOL = 1e-9, 1e-12

# N=5, D=2, C=3: D != C, so axes in the wrong order show in the shape.
_X = np.array([[1.0, 2.0], [-1.0, 0.5], [0.0, -1.5], [2.0, 1.0], [0.5, 0.5]])
_W = np.array([[0.5, -0.2, 0.1], [0.3, 0.4, -0.6]])
_Y = np.array([0, 1, 2, 2, 1])
_L2 = 0.1


def _hessian(W, X, l2, *, diag=True):
    """(1/N) sum_n x_i x_j J_n[c, k] + l2 delta_ij delta_ck, shape (D, C, D, C)."""
    n, d = X.shape
    c = W.shape[1]
    if diag:
        J = _softmax_jacobian(X @ W)
    else:
        S = _softmax(X @ W)
        J = -S[:, :, None] * S[:, None, :]
    H = np.einsum("ni,nj,nck->icjk", X, X, J) / n
    return H + l2 * np.eye(d)[:, None, :, None] * np.eye(c)[None, :, None, :]


@exercise(
    "risk_hessian(W, X, l2=0.0)",
    hint="""
    For one sample the Hessian of the loss with respect to W has the entries
    x_i x_j J[c, k], with J = diag(s) - s s^T the softmax Jacobian at the
    scores W^T x (exercise 6.3). Average over the samples and add l2 where
    (i, c) = (j, k). With J of shape (N, C, C) for all samples,
    np.einsum("ni,nj,nck->icjk", X, X, J) / N does the sum in one line.
    """,
    solution="""
    import numpy as np


    def risk_hessian(W, X, l2=0.0):
        X, W = np.asarray(X, float), np.asarray(W, float)
        N, D = X.shape
        C = W.shape[1]
        Z = X @ W
        E = np.exp(Z - Z.max(axis=1, keepdims=True))
        S = E / E.sum(axis=1, keepdims=True)  # (N, C)
        J = np.einsum("nc,ck->nck", S, np.eye(C)) - S[:, :, None] * S[:, None, :]
        H = np.einsum("ni,nj,nck->icjk", X, X, J) / N  # (D, C, D, C)
        return H + l2 * np.einsum("ij,ck->icjk", np.eye(D), np.eye(C))
    """,
)
def risk_hessian(t):
    """``H[i, c, j, k] = d^2 R / dW_ic dW_jk``: the Hessian as a 4-D array."""
    d, c = _W.shape
    t.stage("a (D, C, D, C) array")
    out = t.array(t.call(_W, _X, l2=_L2), "risk_hessian(W, X, l2)")
    expected = t.ref(_risk_hessian(_W, _X, l2=_L2))
    if out.shape == (d * c, d * c):
        t.fail(
            "flattened",
            f"risk_hessian should return the 4-D array H[i, c, j, k], shape "
            f"({d}, {c}, {d}, {c}), but yours is the {out.shape} matrix. Keep the "
            "four indices; H.reshape(D * C, D * C) gives the matrix when it is "
            "needed (the Newton step of exercise 3).",
        )
    if out.shape != (d, c, d, c) and sorted(out.shape) == sorted((d, c, d, c)):
        t.fail(
            "axes_order",
            f"H should have shape (D, C, D, C) = ({d}, {c}, {d}, {c}), entry "
            "[i, c, j, k] the second derivative with respect to W[i, c] and "
            f"W[j, k]; yours has shape {out.shape}: the axes are in another order.",
        )
    t.require_shape(out, (d, c, d, c), "risk_hessian(W, X, l2)", " (D, C, D, C)")

    t.stage("the entries (1/N) sum_n x_i x_j J_n[c, k] + l2")
    if not t.close(out, expected, rtol=_RTOL, atol=_ATOL):
        if t.close(out, _hessian(_W, _X, 0.0), rtol=_RTOL, atol=_ATOL):
            t.fail(
                "l2_missing",
                f"your Hessian has no weight-decay part: with l2 = {_L2:g} the "
                "penalty (l2 / 2) ||W||^2 adds l2 to every diagonal entry "
                "H[i, c, i, c].",
            )
        n = _X.shape[0]
        if t.close(out, n * _hessian(_W, _X, _L2 / n), rtol=_RTOL, atol=_ATOL) or t.close(
            out,
            n * _hessian(_W, _X, 0.0) + _L2 * np.eye(d * c).reshape(d, c, d, c),
            rtol=_RTOL,
            atol=_ATOL,
        ):
            t.fail(
                "missing_1_over_N",
                f"your Hessian is N = {n} times too large: the risk is the MEAN "
                "loss, so its Hessian is the mean of the per-sample Hessians.",
            )
        if t.close(out, _hessian(_W, _X, _L2, diag=False), rtol=_RTOL, atol=_ATOL):
            t.fail(
                "diag_missing",
                "your Hessian uses -s s^T for the softmax Jacobian: J = diag(s) - "
                "s s^T has a diagonal part too. Without it the matrix is negative "
                "semi-definite, and the risk would look concave.",
            )
        swapped = _hessian(_W, _X, _L2).transpose(0, 3, 2, 1)
        if t.close(out, swapped, rtol=_RTOL, atol=_ATOL):
            t.fail(
                "axes_order",
                "your entries [i, c, j, k] hold the value of [i, k, j, c]: the "
                "class indices are swapped. c goes with the feature i (W[i, c]), "
                "k with the feature j (W[j, k]).",
            )
        t.mismatch(
            out,
            expected,
            "risk_hessian(W, X, l2)",
            rtol=_RTOL,
            atol=_ATOL,
            advice="Compare H.reshape(D * C, D * C) with central differences of "
            "risk_gradient (softmax_tutorial.numerical_gradient on each entry).",
        )

    t.stage("the default, l2 = 0")
    out = t.array(t.call(_W, _X), "risk_hessian(W, X)")
    t.require_shape(out, (d, c, d, c), "risk_hessian(W, X)")
    expected = t.ref(_risk_hessian(_W, _X))
    if not t.close(out, expected, rtol=_RTOL, atol=_ATOL):
        t.mismatch(out, expected, "risk_hessian(W, X) with the default l2", rtol=_RTOL, atol=_ATOL)


# Features of different scales, so the largest eigenvalue differs from the
# trace and from the smallest one.
_XB = np.array(
    [[2.0, 0.1, 1.0], [-1.0, 0.3, 1.0], [3.0, -0.2, 1.0], [0.5, 0.4, 1.0], [-2.5, 0.0, 1.0]]
)
_LB = 0.05


@exercise(
    "curvature_bound(X, l2=0.0)",
    hint="""
    Every eigenvalue of the softmax Jacobian is at most 1/2, so the Hessian of
    the risk is at most (1/2) X^T X / N plus l2 (in the order of symmetric
    matrices). The bound is L = lambda_max(X^T X / N) / 2 + l2: the largest
    eigenvalue, np.linalg.eigvalsh(X.T @ X / N)[-1] (eigvalsh sorts them in
    increasing order).
    """,
    solution="""
    import numpy as np


    def curvature_bound(X, l2=0.0):
        X = np.asarray(X, dtype=float)
        N = X.shape[0]
        largest = np.linalg.eigvalsh(X.T @ X / N)[-1]  # ascending order
        return float(largest / 2 + l2)
    """,
)
def curvature_bound(t):
    """``L = lambda_max(X^T X / N) / 2 + l2``: a number."""
    t.stage("a single number")
    out = t.scalar(t.call(_XB, l2=_LB), "curvature_bound(X, l2)")

    t.stage("lambda_max(X^T X / N) / 2 + l2")
    expected = t.ref(_curvature_bound(_XB, l2=_LB))
    if not t.close(out, expected, rtol=_RTOL, atol=_ATOL):
        n = _XB.shape[0]
        gram = _XB.T @ _XB
        eig = np.linalg.eigvalsh(gram / n)
        candidates = [
            (
                "missing_half",
                eig[-1] + _LB,
                "your L is lambda_max(X^T X / N) + l2, twice the bound: the "
                "eigenvalues of the softmax Jacobian are at most 1/2, not 1, so "
                "the data part is lambda_max / 2.",
            ),
            (
                "missing_1_over_N",
                np.linalg.eigvalsh(gram)[-1] / 2 + _LB,
                f"your L uses X^T X, not X^T X / N: it is N = {n} times too large "
                "in its data part. The risk is a mean over the samples.",
            ),
            (
                "smallest_eigenvalue",
                eig[0] / 2 + _LB,
                "your L uses the smallest eigenvalue of X^T X / N: the step size "
                "must respect the LARGEST curvature, lambda_max. np.linalg.eigvalsh "
                "returns the eigenvalues in increasing order: take the last.",
            ),
            (
                "trace",
                np.trace(gram / n) / 2 + _LB,
                "your L uses the trace of X^T X / N, the sum of all its "
                "eigenvalues: an upper bound on lambda_max, but not the bound "
                "asked for, and a looser one (a smaller safe step).",
            ),
            (
                "l2_missing",
                eig[-1] / 2,
                f"your L has no weight-decay part: with l2 = {_LB:g} the penalty "
                "adds l2 to every eigenvalue of the Hessian, so L = lambda_max / 2 "
                "+ l2.",
            ),
            (
                "singular_value_not_squared",
                np.linalg.svd(_XB / np.sqrt(n), compute_uv=False)[0] / 2 + _LB,
                "your L uses the largest singular value of X / sqrt(N); the "
                "eigenvalue of X^T X / N is its square.",
            ),
        ]
        for code, wrong, text in candidates:
            if t.close(out, wrong, rtol=_RTOL, atol=_ATOL):
                t.fail(code, text)
        t.mismatch(out, expected, "curvature_bound(X, l2)", rtol=_RTOL, atol=_ATOL)

    t.stage("the default, l2 = 0")
    out = t.scalar(t.call(_XB), "curvature_bound(X)")
    expected = t.ref(_curvature_bound(_XB))
    if not t.close(out, expected, rtol=_RTOL, atol=_ATOL):
        t.mismatch(out, expected, "curvature_bound(X) with the default l2", rtol=_RTOL, atol=_ATOL)


def _newton(W, X, y, l2):
    d, c = W.shape
    H = _risk_hessian(W, X, l2=l2).reshape(d * c, d * c)
    g = _risk_gradient(W, X, y, l2=l2).ravel()
    return W - np.linalg.solve(H, g).reshape(d, c)


_WN = np.zeros((2, 3))
_L2N = 0.5


@exercise(
    "newton_step(W, X, y, l2)",
    hint="""
    Flatten W and the gradient the same way, entry (i, c) at position
    i * C + c (numpy's default, g.ravel()), so that the Hessian becomes the
    matrix H.reshape(D * C, D * C). Solve H d = g with np.linalg.solve (l2 > 0
    makes H invertible: without it, the shift directions are flat), then
    return W - d.reshape(D, C). softmax_tutorial.curvature.risk_hessian
    gives the 4-D Hessian if you prefer it to your own.
    """,
    solution="""
    import numpy as np
    from softmax_tutorial import risk_gradient
    from softmax_tutorial.curvature import risk_hessian


    def newton_step(W, X, y, l2):
        W = np.asarray(W, dtype=float)
        D, C = W.shape
        H = risk_hessian(W, X, l2=l2).reshape(D * C, D * C)  # W.ravel() order
        g = risk_gradient(W, X, y, l2=l2).ravel()  # entry (i, c) at i * C + c
        return W - np.linalg.solve(H, g).reshape(D, C)
    """,
)
def newton_step(t):
    """``W - H^{-1} g``, with ``H`` and ``g`` flattened in the same order."""
    d, c = _W.shape
    t.stage("the shape of W")
    out = t.array(t.call(_W, _X, _Y, _L2N), "newton_step(W, X, y, l2)")
    t.require_shape(out, (d, c), "newton_step(W, X, y, l2)", " (the shape of W)")

    t.stage("W - H^-1 g")
    expected = t.ref(_newton(_W, _X, _Y, _L2N))
    if not t.close(out, expected, rtol=1e-8, atol=1e-10):
        H = _hessian(_W, _X, _L2N).reshape(d * c, d * c)
        g = _risk_gradient(_W, _X, _Y, l2=_L2N)
        step = np.linalg.solve(H, g.ravel()).reshape(d, c)
        fortran = np.linalg.solve(H, g.ravel(order="F")).reshape(d, c, order="F")
        candidates = [
            (
                "wrong_sign",
                _W + step,
                "your step goes the wrong way, W + H^-1 g: Newton's method moves "
                "to the minimiser of the quadratic model, W - H^-1 g.",
            ),
            (
                "ignores_hessian",
                _W - g,
                "your step is W - g, a gradient step with learning rate 1: "
                "Newton's method divides by the curvature, W - H^-1 g "
                "(np.linalg.solve(H, g)).",
            ),
            (
                "multiplied_by_hessian",
                _W - (H @ g.ravel()).reshape(d, c),
                "your step is W - H g: Newton's method multiplies by the INVERSE "
                "of the Hessian. Solve H d = g with np.linalg.solve(H, g) (no "
                "need to form the inverse).",
            ),
            (
                "flatten_order",
                _W - fortran,
                "you flattened the gradient column by column (order='F'), while "
                "H.reshape(D * C, D * C) puts entry (i, c) at position i * C + c, "
                "row by row: flatten both the same way, g.ravel() and "
                "step.reshape(D, C).",
            ),
        ]
        for code, wrong, text in candidates:
            if t.close(out, wrong, rtol=1e-8, atol=1e-10):
                t.fail(code, text)
        t.mismatch(out, expected, "newton_step(W, X, y, l2)", rtol=1e-8, atol=1e-10)

    t.stage("from W = 0, where the gradient is largest")
    out = t.array(t.call(_WN, _X, _Y, _L2N), "newton_step(0, X, y, l2)")
    t.require_shape(out, (d, c), "newton_step(0, X, y, l2)")
    expected = t.ref(_newton(_WN, _X, _Y, _L2N))
    if not t.close(out, expected, rtol=1e-8, atol=1e-10):
        t.mismatch(out, expected, "newton_step(0, X, y, l2)", rtol=1e-8, atol=1e-10)
