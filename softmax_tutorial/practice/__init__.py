"""Practice checkers: the course looks at the reader's own code.

One module per chapter, one checker per coding exercise of that chapter's
practice notebook (``book/practice/``). In a notebook::

    from softmax_tutorial.practice import chapter02 as practice

    def softmax(z, axis=-1):
        ...  # the reader's attempt

    practice.softmax.check(softmax)   # the first problem found, then a verdict
    practice.softmax.hint()           # a nudge
    practice.softmax.solution()       # one correct answer

``check`` runs the reader's function on targeted cases (each built to expose
one typical mistake) and says, in words a learner can act on, the first thing
that is wrong. It never prints the reference answer; only ``solution()`` does.
``diagnose`` returns the same finding as a :class:`Diagnosis` (a passed flag,
a stable code, the message), which is what the tests use.

The checkers are the model of Kaggle Learn's ``learntools``; unlike a
self-check that compares a pre-filled function with itself, each one is
tested against a bank of typical wrong answers (``tests/practice/``), every
one of which must get its own diagnosis.
"""

from ._core import Checker, Diagnosis

__all__ = ["Checker", "Diagnosis"]
