"""Shared test settings: a headless matplotlib backend and a repeatable hypothesis profile."""

import os

import matplotlib
import numpy as np
import pytest
from hypothesis import settings

# Before anything imports pyplot: CI has no display.
matplotlib.use("Agg")

# derandomize: the same examples on every run and every machine, so a CI failure can be
# reproduced locally. HYPOTHESIS_PROFILE=thorough searches longer (and randomly).
settings.register_profile(
    "ci", derandomize=True, max_examples=100, deadline=None, database=None, print_blob=True
)
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def rng():
    """A seeded generator: each test that uses it gets the same numbers on every run."""
    return np.random.default_rng(20240611)
