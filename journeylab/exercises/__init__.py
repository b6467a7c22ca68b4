"""The course's exercises: one module per notebook, one checker per exercise.

Ids read ``NN-short-name``, where ``NN`` is the notebook that asks the question.
A checker returns ``None`` for a right answer, or one sentence that says what is
wrong without giving the answer away; hints go from gentle to nearly the answer.
``wrong`` is a plausible wrong answer, with which the tests prove that every
check can fail. Importing this package registers them all with
:mod:`journeylab.checks`.
"""

from journeylab.exercises import nb00, nb01, nb02, nb03, nb04, nb05, nb06, nb07  # noqa: F401

__all__: list[str] = []
