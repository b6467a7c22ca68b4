"""An edit session: one model being changed by a learner, with no user interface in it.

Every builder (:mod:`journeylab.widgets`) is a view of an :class:`EditSession`.
The session owns what must never depend on the widgets: the model itself, the
road every change takes (:meth:`EditSession.change`: the model checks it, a
refused change leaves the model exactly as it was), Undo, the autosave file
written after every accepted change, and Save/Load. Each step answers with an
:class:`Outcome`, a sentence for the user; the view only shows it. Tests drive
a session without ipywidgets.

>>> from journeylab.journey import Journey
>>> from journeylab.journey_parts import Touchpoint
>>> session = EditSession(Journey("Nordlys Home"), new=lambda: Journey("My business"), from_data=Journey.from_dict)
>>> session.change(lambda: session.model.add_touchpoint("Trust", Touchpoint("Reviews page")) or "Added it.")
Outcome(text='Added it.', problem=False, changed=True)
>>> session.change(lambda: session.model.add_touchpoint("Trust", Touchpoint(" ")) or "Added it.").problem
True
>>> session.undo().text, len(session.model.touchpoints("Trust"))
('Undid the last change (0 more can be undone).', 0)
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from journeylab.errors import JourneyLabError
from journeylab.storage import atomic_write, parse_json, read_text

__all__ = ["EditSession", "Outcome", "UNDO_LIMIT"]

UNDO_LIMIT = 100
"""States kept for Undo: plenty for a session, bounded memory."""


@dataclass(frozen=True)
class Outcome:
    """What one step of an edit did, as a sentence for the user.

    ``problem`` marks a sentence to show as a problem; ``changed`` says the
    model is no longer what it was, so a view shows it again.
    """

    text: str
    problem: bool = False
    changed: bool = False

    @property
    def accepted(self) -> bool:
        """Whether the step was taken (a change that could not be autosaved still was)."""
        return self.changed or not self.problem


def _plain(error: Exception) -> str:
    """An error in words, when the view gives no better way to say it."""
    if isinstance(error, FileNotFoundError):
        return "there is no file of that name in this folder."
    if isinstance(error, OSError):
        return f"{error.strerror or error}."
    return str(error) if str(error).endswith(".") else f"{error}."


class EditSession:
    """One model under edit: every change checked, undoable and autosaved.

    Parameters
    ----------
    model:
        The model to edit; ``None`` opens the ``autosave`` file when it exists,
        else starts from ``new()``.
    new, from_data, to_data:
        Make an empty model; turn saved data into a model and back (``to_data``
        defaults to the model's ``to_dict``).
    read, write:
        Read a model from a file and write one (default: JSON of ``to_data``).
    autosave:
        A file every accepted change is written to at once, or ``None``.
    describe:
        How to put an error into words for the user (a view passes its form labels).
    noun, reopen:
        The model's name in messages ("journey") and how to reopen a file
        (``"JourneyBuilder.from_file"``), for the first message.
    """

    def __init__(self, model: Any, *, new: Callable[[], Any], from_data: Callable[[Any], Any],
                 to_data: Callable[[Any], Any] | None = None, read: Callable[[Path], Any] | None = None,
                 write: Callable[[Any, Path], Path] | None = None, autosave: str | Path | None = None,
                 describe: Callable[[Exception], str] = _plain, noun: str = "model", reopen: str = "from_file") -> None:
        self._new, self._from_data = new, from_data
        self._to_data = to_data or (lambda item: item.to_dict())
        self._read_file = read or self._read_json
        self._write_file = write or self._write_json
        self.autosave: Path | None = None if autosave is None else Path(autosave)
        self.describe, self.noun = describe, noun
        self._undo_states: list[Any] = []
        self.notice = self._start(model, reopen)
        """What to tell the user first: where the work is saved, or why a file could not be opened."""

    # -- starting ----------------------------------------------------------------------

    def _start(self, model: Any, reopen: str) -> Outcome:
        path = self.autosave
        if model is not None:
            self.model = model
            if path is not None and path.exists():
                return Outcome(f"Every change is saved to {path}, which already exists: your first change replaces "
                               f"it. To continue from that file instead, open it with {reopen}('{path}').")
            return Outcome(f"Every change is saved to {path} at once." if path is not None else "")
        self.model = self._new()
        if path is None:
            return Outcome("")
        if not path.exists():
            return Outcome(f"Started a new {self.noun}; every change is saved to {path} at once.")
        try:
            self.model = self.read(path)
        except (JourneyLabError, OSError) as error:
            self.autosave = None  # never overwrite a file we could not read
            return Outcome(f"Could not open {path}: {self.describe(error)} The file was left as it is; autosave is off.",
                           problem=True)
        return Outcome(f"Opened {path}; every change is saved there at once.")

    # -- changing ----------------------------------------------------------------------

    def change(self, action: Callable[[], str]) -> Outcome:
        """Apply one change: ``action`` changes :attr:`model` and returns what to tell the user.

        A :class:`JourneyLabError` leaves the model exactly as it was; an accepted
        change is remembered for Undo and written to the autosave file.
        """
        before = self._to_data(self.model)
        try:
            done = action()
        except JourneyLabError as error:
            if self._to_data(self.model) != before:
                self.model = self._from_data(before)
            return Outcome(self.describe(error) + " Nothing was changed.", problem=True)
        if self._to_data(self.model) == before:
            return Outcome(done)
        self._undo_states = [*self._undo_states[-(UNDO_LIMIT - 1):], before]
        return self._autosaved(done)

    def undo(self) -> Outcome:
        """Go back one change (up to :data:`UNDO_LIMIT`)."""
        if not self._undo_states:
            return Outcome("There is nothing to undo yet.", problem=True)
        self.model = self._from_data(self._undo_states.pop())
        return self._autosaved(f"Undid the last change ({len(self._undo_states)} more can be undone).")

    @property
    def can_undo(self) -> int:
        """How many changes Undo can still take back."""
        return len(self._undo_states)

    def _autosaved(self, done: str) -> Outcome:
        if self.autosave is None:
            return Outcome(done, changed=True)
        try:
            self.write(self.autosave)
        except OSError as error:
            return Outcome(f"{done} But it could not be saved to {self.autosave}: {self.describe(error)}",
                           problem=True, changed=True)
        return Outcome(f"{done} Saved to {self.autosave}.", changed=True)

    # -- files -------------------------------------------------------------------------

    def read(self, path: Path) -> Any:
        """A model from a file (errors are the user's to fix: they name the field)."""
        return self._read_file(path)

    def write(self, path: Path) -> Path:
        """Write the model to a file, atomically."""
        return self._write_file(self.model, path)

    def _read_json(self, path: Path) -> Any:
        return self._from_data(parse_json(read_text(path)))

    def _write_json(self, model: Any, path: Path) -> Path:
        return atomic_write(path, json.dumps(self._to_data(model), ensure_ascii=False, indent=2) + "\n")

    def save(self, path: Path) -> Outcome:
        """Save the model to ``path``."""
        try:
            self.write(path)
        except OSError as error:
            return Outcome(f"Could not save to {path}: {self.describe(error)}", problem=True)
        return Outcome(f"Saved the {self.noun} to {path}.")

    def load(self, path: Path, *, remember: bool = True) -> Outcome:
        """Open a saved file in place of the model; with ``remember``, Undo goes back to what was there."""
        try:
            model = self.read(path)
        except (JourneyLabError, OSError) as error:
            return Outcome(f"Could not open {path}: {self.describe(error)} Nothing was changed.", problem=True)
        if not remember:
            self.model = model
            return Outcome(f"Opened {path}.", changed=True)

        def replace() -> str:
            self.model = model
            return f"Opened {path}."

        return self.change(replace)
