"""Checkers for the practice notebook of chapter 5, the softmax Jacobian.

Exercises: ``softmax_jacobian(z)`` (``diag(s) - s s^T``),
``log_softmax_jacobian(z)`` (``I - 1 s^T``, which is not symmetric) and
``numerical_jacobian(f, z, h)`` (central differences, row i for output i).

The softmax Jacobian is symmetric, so no check on it can see a transpose; the
other two exercises can, and their cases are built so that it shows. The
references are the library's ``softmax_jacobian`` and ``softmax`` and, for
``numerical_jacobian``, central differences computed here with the same
step; tolerance rtol 1e-9, atol 1e-12 for the formulas, rtol 1e-7, atol 1e-9
for the differences.
"""

import numpy as np

from .. import softmax as _softmax
from .. import softmax_jacobian as _softmax_jacobian
from ._core import exercise, show

__all__ = ["softmax_jacobian", "log_softmax_jacobian", "numerical_jacobian"]

_RTOL, _ATOL = 1e-9, 1e-12

_Z = np.array([2.0, 1.0, 0.1, -1.0])
# Large scores: exp overflows unless the maximum is subtracted first.
_Z_BIG = np.array([1000.0, 999.0, 998.5])

_OVERFLOW = (
    " exp overflows float64 above about 709.78: compute s = softmax(z) with the "
    "maximum subtracted first (chapter 2), then build the matrix from s."
)


def _jacobian_stages(t, name, reference, mistakes):
    """The shared checks: square shape, values (with ``mistakes``, a list of
    ``(code, wrong matrix, text)`` tried in order), and large scores."""
    k = _Z.shape[0]
    t.stage("a K x K matrix for K scores")
    out = t.array(t.call(_Z), f"{name}(z)")
    if out.shape == (k,):
        t.fail(
            "vector_not_matrix",
            f"{name}(z) for {k} scores should be a {k} x {k} matrix, entry (i, j) "
            f"the derivative of output i with respect to score j, but yours has "
            f"shape {out.shape}: a vector. Every output depends on every score.",
        )
    t.require_shape(out, (k, k), f"{name}(z)", " (K x K)")

    t.stage("the entries, at z = " + show(_Z))
    expected = t.ref(reference(_Z))
    if not t.close(out, expected, rtol=_RTOL, atol=_ATOL):
        for code, wrong, text in mistakes:
            if t.close(out, wrong, rtol=_RTOL, atol=_ATOL):
                t.fail(code, text)
        t.mismatch(out, expected, f"{name}(z) at z = {show(_Z)}", rtol=_RTOL, atol=_ATOL)

    t.stage("scores of 1000 (overflow)")
    out = t.array(t.call(_Z_BIG), f"{name}(z)")
    t.require_shape(out, (3, 3), f"{name}(z)")
    what = f"{name}(z) for z = {show(_Z_BIG)}"
    t.require_finite(out, what, code="no_max_shift", why=_OVERFLOW)
    expected = t.ref(reference(_Z_BIG))
    if not t.close(out, expected, rtol=_RTOL, atol=_ATOL):
        t.mismatch(out, expected, what, rtol=_RTOL, atol=_ATOL)


@exercise(
    "softmax_jacobian(z)",
    hint="""
    Entry (i, j) is s_i (delta_ij - s_j) with s = softmax(z): s_i (1 - s_i) on
    the diagonal and -s_i s_j off it. As matrices: np.diag(s) minus the outer
    product np.outer(s, s). Compute s stably first.
    """,
    solution="""
    import numpy as np


    def softmax_jacobian(z):
        z = np.asarray(z, dtype=float)
        e = np.exp(z - z.max())  # stable softmax
        s = e / e.sum()
        return np.diag(s) - np.outer(s, s)  # J[i, j] = s_i (delta_ij - s_j)
    """,
)
def softmax_jacobian(t):
    """``diag(s) - s s^T`` for a vector of scores."""
    s = _softmax(_Z)
    mistakes = [
        (
            "diag_missing",
            -np.outer(s, s),
            "your matrix is -s s^T: every entry, diagonal included, is -s_i s_j. "
            "The diagonal also gets the derivative of the numerator exp(z_i), "
            "which adds s_i: J = diag(s) - s s^T.",
        ),
        (
            "elementwise_not_outer",
            np.diag(s) - s**2,
            "your matrix is diag(s) - s**2 (numpy broadcast the vector s**2 along "
            "every row): entry (i, j) should be -s_i s_j off the diagonal, the "
            "outer product np.outer(s, s), not s_j squared.",
        ),
        (
            "sign_error",
            np.outer(s, s) - np.diag(s),
            "your matrix is s s^T - diag(s), the negative of J: its diagonal is "
            "negative, but raising a score raises its own probability, so "
            "J_ii = s_i (1 - s_i) > 0.",
        ),
        (
            "scores_not_probabilities",
            np.diag(_Z) - np.outer(_Z, _Z),
            "your matrix is diag(z) - z z^T, built from the scores z; the formula "
            "uses the probabilities s = softmax(z).",
        ),
        (
            "off_diagonal_missing",
            np.diag(s * (1 - s)),
            "your matrix is diagonal, s_i (1 - s_i) on the diagonal and 0 "
            "elsewhere, but every probability depends on every score: entry "
            "(i, j) for i != j is -s_i s_j.",
        ),
    ]
    _jacobian_stages(t, "softmax_jacobian", _softmax_jacobian, mistakes)


def _log_softmax_jacobian(z):
    s = _softmax(z)
    return np.eye(z.shape[0]) - np.outer(np.ones(z.shape[0]), s)


@exercise(
    "log_softmax_jacobian(z)",
    hint="""
    log s_i = z_i - LSE(z), and the derivative of LSE(z) with respect to z_j is
    s_j. So entry (i, j), the derivative of output i with respect to score j,
    is delta_ij - s_j: the identity minus a matrix whose every ROW is s^T,
    np.eye(K) - np.outer(np.ones(K), s). Mind the order of the outer product.
    """,
    solution="""
    import numpy as np


    def log_softmax_jacobian(z):
        z = np.asarray(z, dtype=float)
        e = np.exp(z - z.max())
        s = e / e.sum()
        K = z.shape[0]
        return np.eye(K) - np.outer(np.ones(K), s)  # row i: e_i - s
    """,
)
def log_softmax_jacobian(t):
    """``I - 1 s^T``: row i is the gradient of ``log s_i``. Not symmetric."""
    s = _softmax(_Z)
    k = _Z.shape[0]
    mistakes = [
        (
            "transposed",
            np.eye(k) - np.outer(s, np.ones(k)),
            "your matrix is the transpose of J_log: its COLUMNS are e_j - s, so "
            "entry (i, j) holds -s_i where the derivative of log s_i with respect "
            "to z_j is -s_j. Row i belongs to the output log s_i, column j to the "
            "score z_j: J_log = I - 1 s^T, np.outer(np.ones(K), s). The softmax "
            "Jacobian is symmetric and hides this mistake; this one is not.",
        ),
        (
            "identity_missing",
            -np.outer(np.ones(k), s),
            "your matrix is -1 s^T: the derivative of log s_i = z_i - LSE(z) has "
            "two parts, delta_ij from z_i and -s_j from LSE(z). Add the identity.",
        ),
        (
            "softmax_jacobian_instead",
            _softmax_jacobian(_Z),
            "your matrix is the softmax Jacobian diag(s) - s s^T. The log changes "
            "it: d log s_i / dz_j = (1 / s_i) d s_i / dz_j = delta_ij - s_j.",
        ),
    ]
    _jacobian_stages(t, "log_softmax_jacobian", _log_softmax_jacobian, mistakes)


# -- numerical_jacobian -------------------------------------------------------


def _curvy(z):
    """R^3 -> R^3, not symmetric, with large second derivatives: a forward
    difference and a central one differ visibly with h = 1e-2."""
    return np.array([np.exp(2.0 * z[0]) + z[1] * z[2], np.sin(3.0 * z[1]) * z[0], z[2] ** 3])


_A = np.array([[1.0, -2.0, 0.5], [3.0, 0.0, -1.0]])


def _linear(z):
    """R^3 -> R^2: the Jacobian is A, (2, 3), and its transpose is (3, 2)."""
    return _A @ z + np.array([1.0, -1.0])


def _central(f, z, h):
    z = np.asarray(z, dtype=float)
    columns = []
    for j in range(z.shape[0]):
        step = np.zeros_like(z)
        step[j] = h
        columns.append((f(z + step) - f(z - step)) / (2 * h))
    return np.column_stack(columns)


def _forward(f, z, h):
    z = np.asarray(z, dtype=float)
    columns = []
    for j in range(z.shape[0]):
        step = np.zeros_like(z)
        step[j] = h
        columns.append((f(z + step) - f(z)) / h)
    return np.column_stack(columns)


_Z3 = np.array([0.3, -0.5, 0.8])
_NRTOL, _NATOL = 1e-7, 1e-9


@exercise(
    "numerical_jacobian(f, z, h=1e-6)",
    hint="""
    Column j holds the central difference in direction j,
    (f(z + h e_j) - f(z - h e_j)) / (2 h), a vector with one entry per output
    of f. Build the K columns in a loop and stack them side by side
    (np.column_stack), so that row i belongs to output i. Perturb a copy of z
    (z + step), never z itself, and use the h you are given.
    """,
    solution="""
    import numpy as np


    def numerical_jacobian(f, z, h=1e-6):
        z = np.asarray(z, dtype=float)
        columns = []
        for j in range(z.shape[0]):
            step = np.zeros_like(z)
            step[j] = h  # h e_j
            columns.append((f(z + step) - f(z - step)) / (2 * h))
        return np.column_stack(columns)  # column j: derivatives along z_j
    """,
)
def numerical_jacobian(t):
    """Central differences, arranged with row i for output i (numerator layout)."""
    t.stage("a map from R^3 to R^2 gives a 2 x 3 matrix")
    out = t.array(t.call(_linear, _Z3, h=1e-6), "numerical_jacobian(f, z)")
    if out.shape == (3, 2):
        t.fail(
            "transposed",
            "for f from R^3 to R^2 the Jacobian has one row per output and one "
            "column per input, shape (2, 3), but yours has shape (3, 2): the "
            "transpose. Make the difference along z_j the COLUMN j (np.column_stack, "
            "or np.stack(..., axis=1)).",
        )
    t.require_shape(out, (2, 3), "numerical_jacobian(f, z)", " (outputs, inputs)")
    expected = t.ref(_central(_linear, _Z3, 1e-6))
    if not t.close(out, expected, rtol=_NRTOL, atol=1e-7):
        if t.close(out, 2 * expected, rtol=_NRTOL, atol=1e-7):
            t.fail(
                "factor_two",
                "your matrix is twice the derivative of this linear map: the "
                "central difference f(z + h e_j) - f(z - h e_j) spans a distance "
                "2h, so divide by 2 * h, not h.",
            )
        t.mismatch(out, expected, "numerical_jacobian(f, z) for a linear f", rtol=_NRTOL, atol=1e-7)

    t.stage("a non-symmetric Jacobian, with the step h given")
    h = 1e-2
    out = t.array(t.call(_curvy, _Z3, h=h), "numerical_jacobian(f, z, h=1e-2)")
    t.require_shape(out, (3, 3), "numerical_jacobian(f, z, h=1e-2)")
    expected = t.ref(_central(_curvy, _Z3, h))
    if not t.close(out, expected, rtol=_NRTOL, atol=_NATOL):
        if t.close(out, expected.T, rtol=_NRTOL, atol=_NATOL):
            t.fail(
                "transposed",
                "your matrix is the transpose of the Jacobian: its row j holds the "
                "differences along z_j. In this book's Jacobian, row i belongs to "
                "output f_i and column j to the input z_j; with a symmetric "
                "Jacobian, such as the softmax's, the two cannot be told apart, "
                "here they can.",
            )
        if t.close(out, _forward(_curvy, _Z3, h), rtol=_NRTOL, atol=_NATOL):
            t.fail(
                "forward_difference",
                "your matrix is the forward difference (f(z + h e_j) - f(z)) / h, "
                "whose error shrinks like h; the central difference "
                "(f(z + h e_j) - f(z - h e_j)) / (2h) has an error like h^2, far "
                "smaller for the same h.",
            )
        if t.close(out, 2 * expected, rtol=_NRTOL, atol=_NATOL):
            t.fail(
                "factor_two",
                "your matrix is twice the central difference: divide by 2 * h.",
            )
        if t.close(out, _central(_curvy, _Z3, 1e-6), rtol=1e-5, atol=1e-6):
            t.fail(
                "ignores_h",
                "numerical_jacobian(f, z, h=1e-2) should use the step h = 1e-2, "
                "but yours matches a step of 1e-6: the function ignores its "
                "argument h.",
            )
        t.mismatch(
            out,
            expected,
            f"numerical_jacobian(f, z, h={h:g})",
            rtol=_NRTOL,
            atol=_NATOL,
            advice="Column j should be (f(z + h e_j) - f(z - h e_j)) / (2 h).",
        )

    t.stage("the default step")
    z = np.array([0.5, -1.0, 2.0])

    def log_softmax_3(v):
        return v - np.log(np.sum(np.exp(v - v.max()))) - v.max()

    out = t.array(t.call(log_softmax_3, z), "numerical_jacobian(f, z)")
    t.require_shape(out, (3, 3), "numerical_jacobian(f, z)")
    expected = t.ref(_log_softmax_jacobian(z))
    if not t.close(out, expected, rtol=1e-6, atol=1e-8):
        t.mismatch(
            out,
            expected,
            "numerical_jacobian(log_softmax, z) with the default h",
            rtol=1e-6,
            atol=1e-8,
            advice="The default step should be h=1e-6.",
        )
