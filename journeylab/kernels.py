"""How the package starts the kernels that run notebooks: over sockets in a folder of their own.

Over TCP, a kernel's ports are picked free and bound a moment later, so two
runs starting at once (a cohort's processes, ``verify --jobs``, two test
workers) could pick the same port, and one kernel died before it replied
("Address already in use"). Sockets that are files in a folder made for one
run cannot be taken by another. Windows has no such sockets (ZeroMQ's
``ipc``), so there a kernel keeps TCP.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from traitlets.config import Config

__all__ = ["own_sockets"]


@contextmanager
def own_sockets() -> Iterator[Config]:
    """The ``config`` for papermill or nbclient whose kernel uses a new socket folder, removed afterwards."""
    if os.name != "posix":
        yield Config()
        return
    folder = tempfile.mkdtemp(prefix="journeylab-kernel-")
    try:
        yield Config({"KernelManager": {"transport": "ipc", "ip": os.path.join(folder, "kernel")}})
    finally:
        shutil.rmtree(folder, ignore_errors=True)
