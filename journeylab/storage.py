"""Writing files so that a crash never leaves a half-written one, and reading text files one way."""

from __future__ import annotations

import errno
import glob
import json
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from journeylab.errors import FileFormatError

__all__ = ["atomic_write", "atomic_file", "parse_json", "read_text"]


def read_text(path: str | os.PathLike[str]) -> str:
    """A text file saved as UTF-8, with or without the byte-order mark Windows editors add.

    Anything else (Latin-1, UTF-16, a picture renamed .json) is a :class:`FileFormatError`
    that says so, never a raw ``UnicodeDecodeError``.
    """
    data = Path(path).read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileFormatError(Path(path).name, "is not a text file saved as UTF-8 (it may be Latin-1 or UTF-16, "
                              "or not text at all)", allowed="a file saved as UTF-8, as the course writes them") from None


def parse_json(text: str) -> Any:
    """The data in a JSON text; whatever Python's reader refuses is a :class:`FileFormatError`.

    Besides broken JSON that covers what a hand-edited or hostile file can hold:
    nesting thousands of levels deep (a ``RecursionError`` in the reader) and a
    number thousands of digits long (a ``ValueError`` since Python 3.11).
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise FileFormatError("", f"the file is not valid JSON: {error.msg} at line {error.lineno}, "
                              f"column {error.colno}") from None
    except RecursionError:
        raise FileFormatError("", "the file nests lists or sections too deeply to read",
                              allowed="a file as the course saves it, a few levels deep") from None
    except ValueError:
        raise FileFormatError("", "the file holds a number thousands of digits long",
                              allowed="numbers as a person writes them, such as 25 or 2.5") from None


@contextmanager
def atomic_file(path: str | os.PathLike[str], binary: bool = False) -> Iterator[IO]:
    """Open a temporary file next to ``path``; on success it replaces ``path`` in one rename.

    A crash mid-write leaves the previous file as it was, never a half-written one
    (and the next save clears what a killed one left behind). The file gets the
    usual permissions (the user's umask), not the private ones of a temporary
    file, so a learner can share what they exported. A symbolic link is written
    through (the link stays, its target changes); a read-only file is refused and
    left as it is.
    """
    path = Path(path)
    if path.is_symlink():
        path = path.resolve()
    if path.is_file() and not path.stat().st_mode & stat.S_IWUSR:
        raise PermissionError(errno.EACCES, "the file is read-only, so it was left as it is; save under another name "
                              "or make it writable", str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    _clear_leftovers(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        opened = os.fdopen(handle, "wb") if binary else os.fdopen(handle, "w", encoding="utf-8", newline="")
        with opened as file:
            yield file
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


STALE_SECONDS = 600
"""A temporary file of a save this much older than now belongs to a save that was killed."""


def _clear_leftovers(path: Path) -> None:
    now = time.time()
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        try:
            if now - leftover.stat().st_mtime > STALE_SECONDS:
                leftover.unlink()
        except OSError:
            pass  # another save's, or gone already


def atomic_write(path: str | os.PathLike[str], content: str) -> Path:
    """Write text to ``path`` atomically (see :func:`atomic_file`)."""
    with atomic_file(path) as file:
        file.write(content)
    return Path(path)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
