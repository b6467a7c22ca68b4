"""Test-wide set-up: keep every run's side effects out of the user's home folder."""

import os
import tempfile


def pytest_configure(config):
    # Exercise checks remember passes in a progress file; tests and the notebook kernels
    # they start (which inherit this environment) write to a throw-away one instead.
    os.environ["JOURNEYLAB_PROGRESS"] = os.path.join(tempfile.mkdtemp(prefix="journeylab-"), "progress.json")
