"""Hypothesis strategies shared by the test modules (bounded, so every example is finite)."""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

BOUND = 1e3  # large enough that exp(z) overflows in float64 (it does above ~709.8)


def finite_floats(bound=BOUND, width=64):
    return st.floats(-bound, bound, allow_nan=False, allow_infinity=False, width=width)


def logit_arrays(*, min_dims=1, max_dims=3, max_side=6, bound=BOUND, dtype=np.float64):
    """Arrays of any shape with at least one element along every axis."""
    width = 32 if dtype == np.float32 else 64
    return hnp.arrays(
        dtype,
        hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=1, max_side=max_side),
        elements=finite_floats(bound, width),
    )


def logit_vectors(*, max_classes=8, bound=BOUND):
    return hnp.arrays(np.float64, st.integers(1, max_classes), elements=finite_floats(bound))


def grid_logit_arrays(*, max_dims=3, max_side=6):
    """Logits on a grid of step 1/8: ties are exact, distinct values differ by >= 1/8."""
    return hnp.arrays(
        np.float64,
        hnp.array_shapes(min_dims=1, max_dims=max_dims, min_side=1, max_side=max_side),
        elements=st.integers(-8000, 8000).map(lambda i: i / 8),
    )


def arrays_with_neg_inf(*, max_dims=3, max_side=6):
    """Finite logits with some entries replaced by -inf (probability exactly 0)."""
    return hnp.arrays(
        np.float64,
        hnp.array_shapes(min_dims=1, max_dims=max_dims, min_side=1, max_side=max_side),
        elements=st.one_of(finite_floats(), st.just(-np.inf)),
    )
