"""The answer key of the in-page questions, kept apart from the chapters.

The browser tests answer every question on every page with this key, never
with what the page says is right: a question whose stored answer went wrong
(a changed cell, a bad rounding, a broken check in quiz.js) fails here. A
number is recomputed with the library, by another route than the chapter's
cell where there is one; a choice is a piece of the right option's text, which
must match exactly one option.

A question on a page without an entry here fails the tests, and so does an
entry whose question is on no page.
"""

import numpy as np

from softmax_tutorial import sigmoid, softmax

KEY = {
    # Chapter 2. z / T = (3, 0, 0) / 1.5 = (2, 0, 0): the first probability of that.
    "02-temperature-probability": float(softmax(np.array([2.0, 0.0, 0.0]))[0]),
    # Two classes: p_2 = sigmoid(z_2 - z_1) (the chapter's proposition), with no large numbers.
    "02-two-class-large-scores": float(sigmoid(3.0)),
    "02-temperature-infinity": "uniform distribution",
}
