"""Test-wide set-up: keep every run's side effects out of the user's home folder, slowest files first."""

import os
import tempfile


def pytest_configure(config):
    # Exercise checks remember passes in a progress file; tests and the notebook kernels
    # they start (which inherit this environment) write to a throw-away one instead.
    os.environ["JOURNEYLAB_PROGRESS"] = os.path.join(tempfile.mkdtemp(prefix="journeylab-"), "progress.json")
    if getattr(config.option, "loadscopereorder", None) is not None:  # pytest-xdist is installed
        config.option.loadscopereorder = False  # the order below, not "the files with most tests first"


def _file_weight(item) -> int:
    """0: starts a browser; 1: starts kernels, a JupyterLab or a build (``slow``), or is a notebook; 2: the rest."""
    if item.get_closest_marker("browser"):
        return 0
    return 1 if item.get_closest_marker("slow") or item.path.suffix == ".ipynb" else 2


def pytest_collection_modifyitems(session, config, items):
    # `--dist loadfile` hands out whole files in this order: the few long ones first, so that the
    # many short ones fill the gaps at the end and both workers finish together. (xdist's own
    # order, most tests first, left the long files with few tests to the end, and one worker idle.)
    weights: dict = {}
    for item in items:
        weights[item.path] = min(weights.get(item.path, 2), _file_weight(item))
    items.sort(key=lambda item: weights[item.path])  # stable: each file's tests keep their order
