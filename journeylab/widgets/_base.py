"""BuilderBase: what every builder does the same way, so each builder only says what is its own.

A builder is a view of an :class:`~journeylab.editing.EditSession`, which owns
the model, Undo, the autosave file and Save/Load, and has no widgets in it.
Every change goes one road, :meth:`BuilderBase._change`: the session applies
it (the model checks it; a refused change leaves the model exactly as it was),
and the builder shows the outcome: the message under the form, the widgets and
the picture. Save, Load and Export write next to the notebook and name the
file in the message.

Displaying a builder shows its root widget and prints nothing: under nbval a
cell's printed text is compared, and text printed while a widget is displayed
comes back differently on a fresh run. The plain-text part of the display is a
short, stable summary of the model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

import ipywidgets as widgets
from matplotlib.figure import Figure

from journeylab import plots
from journeylab.editing import UNDO_LIMIT, EditSession, Outcome
from journeylab.errors import JourneyLabError, ValidationError
from journeylab.widgets._clicks import track
from journeylab.widgets._common import button, plain_words, say_ok, say_problem, slug, text_field
from journeylab.widgets._preview import PreviewPanel

__all__ = ["BuilderBase", "UNDO_LIMIT"]
_KNOWN_ENDINGS = (".json", ".png", ".svg", ".pdf", ".html", ".csv", ".md")


class BuilderBase:
    """The common part of every builder: display, message, Undo, autosave, Save/Load and Export.

    A subclass says what its model is through a handful of small methods
    (``_new_model``, ``_to_data``, ``_from_data``, ``_figure``, ``_show_model``)
    and routes every change through :meth:`_change`, so no change can skip
    the checks, the Undo history or the autosave. ``session`` is the
    :class:`~journeylab.editing.EditSession` behind it.
    """

    kind = "model"  # the word in default file names ("persona" gives jessica_persona.png)
    noun = "model"  # the word in messages ("empathy map")
    picture_name = "picture"  # what the preview is called in messages
    labels: ClassVar[Mapping[str, str]] = {}  # field name -> form label, for messages

    def __init__(self, model: Any, *, autosave: str | Path | None, folder: str | Path | None,
                 live_preview: bool, read: Callable[[Path], Any] | None = None,
                 write: Callable[[Any, Path], Path] | None = None) -> None:
        self.folder = Path(folder) if folder is not None else Path()
        self.message = widgets.HTML(layout=widgets.Layout(min_height="24px"))
        self.preview = PreviewPanel()  # .value: the HTML the learner sees; one widget per part
        self.live_preview = widgets.Checkbox(value=live_preview, description="Update the preview after every change",
                                             indent=False, layout=widgets.Layout(width="auto"))
        self.live_preview.observe(lambda change: change["new"] and self.refresh_preview(), "value")
        self.file_name = text_field("File name", help="Used by Save, Load and the export buttons; "
                                    "the ending (.json, .png ...) is added for you.", as_you_type=True)
        self.buttons: dict[str, widgets.Button] = {}
        self._listeners: list[Callable[[Any], Any]] = []  # called with the model after every change (on_change)
        self._syncing = False  # True while the builder itself writes into its widgets
        self.session = EditSession(
            model, new=self._new_model, from_data=self._from_data, to_data=self._to_data, read=read, write=write,
            autosave=None if autosave is None else self._in_folder(autosave), describe=self._describe,
            noun=self.noun, reopen=f"{type(self).__name__}.from_file")

    @property
    def _model(self) -> Any:
        return self.session.model

    @_model.setter
    def _model(self, model: Any) -> None:
        self.session.model = model

    @property
    def autosave(self) -> Path | None:
        """The file every accepted change is written to, or None."""
        return self.session.autosave

    # -- what a subclass provides ------------------------------------------------------

    def _new_model(self) -> Any:
        raise NotImplementedError

    def _to_data(self, model: Any) -> Any:
        return model.to_dict()

    def _from_data(self, data: Any) -> Any:
        raise NotImplementedError

    def _figure(self) -> Figure:
        """The picture the exports write (PNG, SVG, PDF): a matplotlib figure."""
        raise NotImplementedError

    def _preview_html(self) -> str:
        """The live preview: the same content as :meth:`_figure`, as HTML (drawn in milliseconds)."""
        raise NotImplementedError

    def _preview_parts(self) -> Sequence[str]:
        """The live preview in parts, each shown in a widget of its own (see :class:`PreviewPanel`)."""
        return (self._preview_html(),)

    def _show_model(self) -> None:
        """Write the model into the widgets (called with ``_syncing`` set)."""
        raise NotImplementedError

    def _model_name(self) -> str:
        return getattr(self._model, "name", "") or self.kind

    # -- starting ----------------------------------------------------------------------

    @classmethod
    def from_file(cls, path: str | Path, *, autosave: bool = True, **options: Any) -> Any:
        """Open a saved file; with ``autosave`` (the default) every change is written back to it.

        A file that does not exist yet starts a new one there, so the same cell
        works on the first day and after a restart.
        """
        if autosave:
            return cls(None, autosave=path, **options)
        builder = cls(None, **options)
        builder.load(path, remember=False)
        return builder

    def _finish(self, widget: widgets.Widget) -> None:
        """Last step of a subclass's ``__init__``: show the model and the first picture."""
        self.widget = widget
        track(widget)  # a click knows whether a value typed into this builder could still be on its way
        self._sync()
        if self.live_preview.value:
            self.refresh_preview()
        if self.session.notice.text:
            self._tell(self.session.notice)

    # -- display -----------------------------------------------------------------------

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        """Show the builder's UI; the plain-text part is a short, stable summary for nbval."""
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)
        return bundle

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._model!r})"

    # -- the message -------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.message.value = say_ok(text)

    def _say_problem(self, text: str) -> None:
        self.message.value = say_problem(text)

    def _tell(self, outcome: Outcome) -> None:
        (self._say_problem if outcome.problem else self._say)(outcome.text)

    def _describe(self, error: Exception) -> str:
        """An error as a sentence, with the form's labels in place of field paths."""
        if isinstance(error, JourneyLabError):
            return plain_words(error, self.labels)
        if isinstance(error, FileNotFoundError):
            return "there is no file of that name in this folder."
        return f"{error.strerror or error}." if isinstance(error, OSError) else f"{error}."

    # -- changing the model ------------------------------------------------------------

    @contextmanager
    def _quiet(self) -> Iterator[None]:
        """Write into widgets without their change handlers treating it as the user's input."""
        before, self._syncing = self._syncing, True
        try:
            yield
        finally:
            self._syncing = before

    def _sync(self) -> None:
        with self._quiet():
            self._show_model()
        self.file_name.placeholder = f"{self._file('json').stem} (automatic)"

    def _change(self, action: Callable[[], str]) -> bool:
        """Apply one change through the session (``action`` changes the model and says what it did); show it.

        Returns whether the change was taken: a refused one leaves the model as it was.
        """
        return self._show(self.session.change(action))

    def _show(self, outcome: Outcome) -> bool:
        """Show what a step of the session did: the picture and the widgets when the model changed, then the message.

        The preview's messages leave first, so the browser draws the new picture while the forms follow.

        Then whoever follows this builder (:meth:`on_change`) hears of the new model.
        """
        if outcome.changed:
            if self.live_preview.value:  # the picture first: it is what the learner watches after a click
                self.refresh_preview()
            self._sync()
        self._tell(outcome)
        if outcome.changed:
            for listener in list(self._listeners):
                listener(self._model)
        return outcome.accepted

    def on_change(self, callback: Callable[[Any], Any], remove: bool = False) -> None:
        """Call ``callback(model)`` after every change this builder takes (Apply, Undo, Load); ``remove`` stops it.

        The journey builder follows a persona builder this way (``journey_builder.set_persona(persona_builder)``).
        """
        if remove:
            self._listeners = [listener for listener in self._listeners if listener != callback]
        elif callback not in self._listeners:
            self._listeners.append(callback)

    def undo(self) -> None:
        """Go back one change (up to 100 changes), for when a click did something you did not want."""
        self._show(self.session.undo())

    @property
    def can_undo(self) -> int:
        """How many changes Undo can still take back."""
        return self.session.can_undo

    def refresh_preview(self) -> None:
        """Draw the preview again from the model, as HTML: fast enough for every click (the exports use matplotlib).

        Only the parts of the preview that changed are sent to the browser.
        """
        self.preview.show(self._preview_parts())

    # -- files -------------------------------------------------------------------------

    def _in_folder(self, path: str | Path) -> Path:
        path = Path(path)
        return path if path.is_absolute() else self.folder / path

    def _file(self, ending: str) -> Path:
        name = slug(self._model_name())
        default = name if name.endswith(self.kind) else f"{name}_{self.kind}"  # nordlys_home_journey, new_persona
        stem = self.file_name.value.strip() or default
        stem = stem[: -len(Path(stem).suffix)] if Path(stem).suffix.lower() in _KNOWN_ENDINGS else stem
        return self._in_folder(f"{stem}.{ending}")

    def save(self, path: str | Path | None = None) -> Path | None:
        """Save as JSON (atomically) to ``path``, else '<file name>.json' if one is typed, else the autosave file."""
        if path is not None:
            target = self._in_folder(path)
        else:
            target = self._file("json") if self.file_name.value.strip() or self.autosave is None else self.autosave
        outcome = self.session.save(target)
        self._tell(outcome)
        return None if outcome.problem else target

    def load(self, path: str | Path | None = None, *, remember: bool = True) -> None:
        """Open a JSON file saved before (Undo goes back to what you had)."""
        source = self._in_folder(path) if path is not None else self._file("json")
        self._show(self.session.load(source, remember=remember))

    def export(self, format: str) -> Path | None:
        """Write the picture (png, svg, pdf) or the data (json) next to the notebook; the message names the file.

        The journey builder also writes the shareable page (html) and the plan (csv, md).
        """
        fmt = format.strip().lower().lstrip(".") if isinstance(format, str) else format
        try:
            return self._export(fmt)
        except JourneyLabError as error:
            self._say_problem(self._describe(error))
        except OSError as error:
            self._say_problem(f"Could not write the file: {self._describe(error)}")
        return None

    def _export_formats(self) -> tuple[str, ...]:
        return (*plots.EXPORT_FORMATS, "json")

    def _export(self, fmt: str) -> Path:
        if fmt in plots.EXPORT_FORMATS:
            path = plots.export(self._figure(), self._file(fmt), fmt)
            self._say(f"Saved the {self.picture_name} as {path}.")
            return path
        if fmt == "json":
            path = self.session.write(self._file("json"))
            self._say(f"Saved the {self.noun} as {path} (open it again with Load).")
            return path
        raise ValidationError("format", "is not a format this builder can write", value=fmt,
                              allowed=self._export_formats())

    def _file_box(self) -> widgets.Widget:
        """File name, Save/Load and one button per export format."""
        names = {"png": "PNG picture", "svg": "SVG picture", "pdf": "PDF", "html": "HTML page", "csv": "CSV table",
                 "md": "Markdown", "json": "JSON"}
        exports = [button(names[fmt], partial(self.export, fmt), f"Write a .{fmt} file next to the notebook")
                   for fmt in self._export_formats()]
        self.buttons.update({f"export_{fmt}": item for fmt, item in zip(self._export_formats(), exports)})
        self.buttons["save"] = button("Save", self.save, "Save to '<file name>.json' (or the autosave file)", "primary")
        self.buttons["load"] = button("Load", self.load, "Open '<file name>.json'")
        return widgets.VBox([
            widgets.HTML("<b>Keep your work.</b> Files go next to this notebook."),
            self.file_name,
            widgets.HBox([self.buttons["save"], self.buttons["load"]]),
            widgets.HTML("Export:"),
            widgets.HBox(exports, layout=widgets.Layout(flex_flow="row wrap")),
        ])

    def _status_bar(self) -> widgets.Widget:
        """Undo, the live-preview switch and the message, right under the form."""
        self.buttons["undo"] = button("Undo", self.undo, "Take back the last change", "warning")
        self.buttons["refresh"] = button("Update preview", self.refresh_preview, "Draw the preview again")
        return widgets.VBox([
            widgets.HBox([self.buttons["undo"], self.buttons["refresh"], self.live_preview],
                         layout=widgets.Layout(align_items="center")),
            self.message,
        ])
