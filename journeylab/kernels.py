"""How the package starts the kernels that run notebooks unwatched (runs, cohorts, ``verify``, ``collect``, ``execute``).

Two settings, both for the person at the terminal:

* **Sockets in a folder of their own.** Over TCP, a kernel's ports are picked
  free and bound a moment later, so two runs starting at once (a cohort's
  processes, ``verify --jobs``, two test workers) could pick the same port, and
  one kernel died before it replied ("Address already in use"). Sockets that
  are files in a folder made for one run cannot be taken by another. Windows
  has no such sockets (ZeroMQ's ``ipc``), so there a kernel keeps TCP.
* **A kernel log that keeps quiet.** jupyter_client interrupts a kernel just
  before asking it to stop; when that lands while the kernel answers
  papermill's last question, ipykernel prints
  ``[IPKernelApp] ERROR | KeyboardInterrupt caught in kernel.`` into the
  instructor's terminal after a run that went well. What a run did is in the
  notebook it writes and in the summary (a crashed kernel is a failed run
  there), so the kernel's own log is left out.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from traitlets.config import Config

__all__ = ["kernel_config"]

QUIET_KERNEL_LOG = ("--IPKernelApp.log_level=CRITICAL",)
"""Arguments for the kernel: only a failure of the kernel itself reaches the terminal."""


@contextmanager
def kernel_config() -> Iterator[Config]:
    """The ``config`` for papermill or nbclient: a new socket folder (removed afterwards) and a quiet kernel log."""
    quiet = {"NotebookClient": {"extra_arguments": list(QUIET_KERNEL_LOG)}}  # a new list: nbclient adds to it
    if os.name != "posix":
        yield Config(quiet)
        return
    folder = tempfile.mkdtemp(prefix="journeylab-kernel-")
    try:
        yield Config({**quiet, "KernelManager": {"transport": "ipc", "ip": os.path.join(folder, "kernel")}})
    finally:
        shutil.rmtree(folder, ignore_errors=True)
