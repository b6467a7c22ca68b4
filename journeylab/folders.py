"""Where the course lives on disk: the course folder and its data folder.

The package can be installed anywhere (an editable checkout, a wheel in
site-packages, a conda environment), so nothing here assumes that the course's
files sit next to the code. A *course folder* is a folder that holds
``notebooks/`` and ``exercises/``: a checkout of the course, or a copy of it.
It is found, in this order, from

1. a folder given explicitly (the ``--course`` option of the ``journeylab`` command),
2. the environment variable ``JOURNEYLAB_COURSE``,
3. the current folder or one of its parents (a notebook's kernel runs in
   ``notebooks/``, whose parent is the course folder),
4. the checkout the package itself was imported from (an editable install).

The course data needs no folder: without one, :mod:`journeylab.data` makes the
default data afresh from its seed, which gives the committed files byte for byte.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as empty:
...     course_folder(empty)
Traceback (most recent call last):
    ...
journeylab.errors.CourseFolderError: course folder: ... has no notebooks/ and exercises/ folders. Run the command inside...
"""

from __future__ import annotations

import os
import sysconfig
from pathlib import Path

from journeylab.errors import CourseFolderError

__all__ = ["COURSE_ENV", "is_course_folder", "find_course_folder", "course_folders", "course_folder", "data_folder",
           "refuse_package_folder"]

COURSE_ENV = "JOURNEYLAB_COURSE"
"""The environment variable that points to a course folder from anywhere."""

_PACKAGE = Path(__file__).resolve().parent
_HOW_TO_POINT = (f"run the command inside the course folder (the one with notebooks/ and exercises/), "
                 f"or give it with --course FOLDER or the environment variable {COURSE_ENV}")


def is_course_folder(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` holds the course's ``notebooks/`` and ``exercises/`` folders."""
    path = Path(path)
    return (path / "notebooks").is_dir() and (path / "exercises").is_dir()


def find_course_folder(explicit: str | os.PathLike[str] | None = None) -> Path | None:
    """The course folder (see the module's docstring for where it looks), or None when there is none."""
    if explicit is not None:
        return Path(explicit).resolve() if is_course_folder(explicit) else None
    if os.environ.get(COURSE_ENV):
        return find_course_folder(os.environ[COURSE_ENV])
    here = Path.cwd().resolve()
    for folder in (here, *here.parents, _PACKAGE.parent):
        if is_course_folder(folder):
            return folder
    return None


def course_folders() -> list[Path]:
    """Every course folder there is from here, in the order of :func:`find_course_folder`, each once.

    A workbook made by ``journeylab cohort`` is a course folder of its own, inside
    no other; the course it was made from is usually the checkout the package was
    imported from, which comes last.
    """
    candidates = [Path(os.environ[COURSE_ENV])] if os.environ.get(COURSE_ENV) else []
    here = Path.cwd().resolve()
    found: list[Path] = []
    for folder in (*candidates, here, *here.parents, _PACKAGE.parent):
        if is_course_folder(folder) and folder.resolve() not in found:
            found.append(folder.resolve())
    return found


def course_folder(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The course folder, or a :class:`CourseFolderError` that says how to point to one."""
    found = find_course_folder(explicit)
    if found is not None:
        return found
    if explicit is not None:
        where = f"{explicit} has no notebooks/ and exercises/ folders"
    elif os.environ.get(COURSE_ENV):
        where = f"{COURSE_ENV}={os.environ[COURSE_ENV]} has no notebooks/ and exercises/ folders"
    else:
        where = f"no course folder in {Path.cwd()} or any folder above it"
    raise CourseFolderError("course folder", where, allowed=_HOW_TO_POINT)


def data_folder() -> Path | None:
    """The ``data/`` folder of the course folder, or None outside a course (the data is then generated)."""
    found = find_course_folder()
    if found is None or not (found / "data").is_dir():
        return None
    return found / "data"


def refuse_package_folder(path: str | os.PathLike[str]) -> Path:
    """Stop before writing into the installed package or site-packages, which are not the user's files."""
    target = Path(path).resolve()
    installed = {Path(sysconfig.get_paths()[key]).resolve() for key in ("purelib", "platlib")} | {_PACKAGE}
    for folder in installed:
        if target == folder or folder in target.parents:
            raise CourseFolderError("--out", f"{target} is inside {folder}, where Python keeps installed packages",
                                    allowed="write to a folder of your own, such as the course's data/ folder")
    return target
