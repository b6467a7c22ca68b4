"""How long one cell may run, for each way the package runs notebooks: one place to read and change them.

Every limit is per cell, in seconds; a cell that runs longer is stopped and the
run is reported as failed (or, for a submission, as stopped), never left hanging.
"""

__all__ = ["COURSE_RUN_CELL_SECONDS", "AUTHOR_EXECUTE_CELL_SECONDS", "SUBMISSION_CELL_SECONDS"]

COURSE_RUN_CELL_SECONDS = 300
"""A notebook run by ``journeylab run``, ``cohort`` or ``verify``: generous, as a cohort shares the machine."""

AUTHOR_EXECUTE_CELL_SECONDS = 120
"""A notebook executed in place by ``journeylab execute`` to store its outputs."""

SUBMISSION_CELL_SECONDS = 60
"""A submitted notebook run again by ``journeylab collect`` (the default of ``--time-limit``)."""
