"""Small helpers the builders share: the inline message, form fields, reading typed values.

* the **message** under a form turns a :class:`~journeylab.errors.JourneyLabError`
  into a plain sentence with the form's own labels (``Target: must be a number``)
  instead of a field path or a traceback;
* **field helpers** give every form the same label width, placeholders and help
  text. A box whose change acts at once (the business name, the notes: each
  change redraws the picture and autosaves) reports on Enter or leaving the box;
  a box that only a button reads (``as_you_type=True``) reports as you type, so
  the browser has sent it long before the click and the click need not wait for
  it (:mod:`journeylab.widgets._clicks`);
* **reading typed values**: lists as one item per line, numbers as people type
  them ("3,5", "40 %"); text that is not a number is passed on unchanged, so the
  model refuses it with its own message.

Private to :mod:`journeylab.widgets`; the builder base is in ``_base``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets

from journeylab import plots
from journeylab.editing import EditSession
from journeylab.errors import JourneyLabError, ValidationError
from journeylab.learner_input import read_number
from journeylab.widgets._clicks import FormButton

__all__ = [
    "LABEL_WIDTH", "plain_words", "say_ok", "say_problem",
    "text_field", "lines_field", "combo_field", "choice_field", "slider_field", "with_readout", "labelled", "button",
    "form_values", "lines", "as_lines", "as_number", "plain_number", "slug", "list_row", "LIST_ROW_CHARS", "TabContext",
]

@dataclass(frozen=True)
class TabContext:
    """What a tab of a builder is handed: the edit session and the few things of the builder it uses.

    ``change`` is the builder's one road for a change (checked, undoable, shown);
    ``stage_name`` gives the stage a call works on (the one given, then also
    shown, else the one shown); ``say_problem`` and ``describe`` put a problem
    under the form in plain words.
    """

    session: EditSession
    change: Callable[[Callable[[], str]], bool]
    stage_name: Callable[[str | None], str]
    say_problem: Callable[[str], None]
    describe: Callable[[Exception], str]


LABEL_WIDTH = "130px"
FIELD_WIDTH = "460px"

# ----------------------------------------------------------------------------- messages

_STAGE_ITEM = re.compile(
    r"^stages\.(?P<stage>[^.\[]+)\.(?:(?P<items>touchpoints|opportunities)(?:\[(?P<index>\d+)\])?|goal|notes)")
_ITEM_WORD = {"touchpoints": "touchpoint", "opportunities": "opportunity"}


def plain_words(error: JourneyLabError, labels: Mapping[str, str]) -> str:
    """An error as a sentence a marketer reads: the form label instead of the field path.

    >>> from journeylab.errors import ValidationError
    >>> plain_words(ValidationError("touchpoint.channel", "must not be empty", value=" ",
    ...                             allowed="any text that is not blank"), {"channel": "Channel"})
    'Channel: must not be empty. Allowed: any text that is not blank.'
    """
    place = _place(error.field, labels)
    text = f"{place}: {error.problem}" if place else error.problem
    if error.has_value and not (isinstance(error.value, str) and not error.value.strip()):
        text += f" (you entered {error.value!r})"
    text += "."
    if error.allowed:
        text += f" Allowed: {error.allowed}."
    return text


def _place(field: str, labels: Mapping[str, str]) -> str:
    match = _STAGE_ITEM.match(field)
    if match:
        where = f"Stage {match['stage']}"
        if match["index"] is None:
            return where
        return f"{where} ({_ITEM_WORD[match['items']]} {int(match['index']) + 1})"
    name = re.sub(r"\[\d+\]$", "", field.rsplit(".", 1)[-1])
    return labels.get(name, name.replace("_", " ").capitalize())


def say_ok(text: str) -> str:
    """The message's HTML for something that worked (green tick)."""
    return _html(text, plots.OKABE_ITO["bluish_green"], "✔")


def say_problem(text: str) -> str:
    """The message's HTML for a problem (orange warning sign), readable for colour-blind eyes too."""
    return _html(text, plots.OKABE_ITO["vermillion"], "⚠")


def _html(text: str, color: str, sign: str) -> str:
    # quote=False keeps the quotes of "(you entered 'x')" readable in the value tests read
    return f'<span style="color:{color}">{sign} {html.escape(text, quote=False)}</span>'


# ----------------------------------------------------------------------------- fields


def _style() -> dict[str, str]:
    return {"description_width": LABEL_WIDTH}


def text_field(label: str, placeholder: str = "", help: str = "", value: str = "", *,
               as_you_type: bool = False) -> widgets.Text:
    """A one-line text box; it reports a change on Enter or when you leave it, or with ``as_you_type`` as you type.

    ``as_you_type`` is for a box only a button reads (a form's field): nothing
    happens while you type, and a click right after finds the value already sent.
    """
    return widgets.Text(value=value, description=label, placeholder=placeholder, tooltip=help or None,
                        continuous_update=as_you_type, style=_style(), layout=widgets.Layout(width=FIELD_WIDTH))


def lines_field(label: str, placeholder: str, help: str = "", rows: int = 3, *,
                as_you_type: bool = False) -> widgets.Textarea:
    """A text area for a list: one item per line, the easiest list to type for a non-programmer.

    ``as_you_type`` as for :func:`text_field`.
    """
    return widgets.Textarea(description=label, placeholder=placeholder, tooltip=help or None, rows=rows,
                            continuous_update=as_you_type, style=_style(), layout=widgets.Layout(width=FIELD_WIDTH))


def combo_field(label: str, placeholder: str, help: str = "", *, as_you_type: bool = False) -> widgets.Combobox:
    """A text box with suggestions: pick one from the list or type your own (``as_you_type`` as for :func:`text_field`)."""
    return widgets.Combobox(description=label, placeholder=placeholder, tooltip=help or None, ensure_option=False,
                            continuous_update=as_you_type, style=_style(), layout=widgets.Layout(width=FIELD_WIDTH))


def choice_field(label: str, options: Any, value: Any, help: str = "") -> widgets.Dropdown:
    """A drop-down list of fixed choices (``options`` as values or ``(label, value)`` pairs)."""
    return widgets.Dropdown(description=label, options=options, value=value, tooltip=help or None, style=_style(),
                            layout=widgets.Layout(width="330px"))


def slider_field(label: str, low: int, high: int, value: int, step: int = 1, help: str = "") -> widgets.IntSlider:
    """A whole-number slider that reports its value when released, not while it is dragged.

    Its number is not a box to type in: the browser would quietly turn a typed 150 into the
    slider's 100. :func:`with_readout` shows the value beside it instead.
    """
    return widgets.IntSlider(value, low, high, step, description=label, tooltip=help or None, readout=False,
                             continuous_update=False, style=_style(), layout=widgets.Layout(width="390px"))


def with_readout(slider: widgets.IntSlider, words: Callable[[int], str] | None = None) -> widgets.HBox:
    """A slider with its value in words beside it ("50 of 100"), following every move."""
    say = words or (lambda value: f"{value} of {slider.max}")
    readout = widgets.Label(say(slider.value))
    slider.observe(lambda change: setattr(readout, "value", say(change["new"])), "value")
    return widgets.HBox([slider, readout], layout=widgets.Layout(align_items="center"))


def labelled(label: str, widget: widgets.Widget) -> widgets.HBox:
    """A widget with its label on the left, in line with the other fields.

    Button rows (``ToggleButtons``) put their own description above the buttons.
    """
    text = widgets.HTML(f'<div style="text-align:right; padding-right:8px">{html.escape(label)}</div>',
                        layout=widgets.Layout(width=LABEL_WIDTH, min_width=LABEL_WIDTH))
    return widgets.HBox([text, widget], layout=widgets.Layout(align_items="center"))


def button(label: str, action: Callable[[], Any], help: str = "", style: str = "") -> widgets.Button:
    """A button that calls a builder method: the same method a notebook or a test calls in code.

    A click from the browser acts on what the form shows at that moment, even
    when the kernel is busy (:class:`~journeylab.widgets._clicks.FormButton`).
    """
    widget = FormButton(description=label, tooltip=help or label, button_style=style,
                            layout=widgets.Layout(width="auto"))
    widget.on_click(lambda _button: action())
    return widget


def form_values(fields: Mapping[str, widgets.Widget], given: Mapping[str, Any]) -> dict[str, Any]:
    """What a form holds, or, when a call gives keywords, exactly those (each must be a field of the form)."""
    unknown = sorted(set(given) - set(fields))
    if unknown:
        raise ValidationError("fields", f"there is no field called {unknown[0]!r}", allowed=list(fields))
    return dict(given) if given else {name: widget.value for name, widget in fields.items()}


def lines(text: str) -> list[str]:
    """The items of a one-per-line text area, blank lines dropped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def as_lines(items: Any) -> str:
    """A list shown in a text area, one item per line (a single text stays as it is)."""
    if isinstance(items, str):
        return items
    return "\n".join(str(item) for item in items or ())


def as_number(text: Any) -> Any:
    """A number typed as text ("3.5", "3,5", "40 %", "12,000"); anything else comes back unchanged.

    Read as everywhere in the course (:func:`journeylab.learner_input.read_number`).
    Giving an unreadable text back lets the model refuse it with its own message.

    A whole number comes back as an int, so a message echoes "150" as 150, not 150.0.

    >>> as_number("3,5"), as_number(" 40 % "), as_number("12,000"), as_number("10 000"), as_number("lots")
    (3.5, 40, 12000, 10000, 'lots')
    """
    if not isinstance(text, str):
        return text
    number = read_number(text)
    if number is None:
        return text
    return int(number) if float(number).is_integer() else number


def plain_number(value: float) -> str:
    """A number as a person writes it: 3.0 as '3', 3.5 as '3.5', no exponent.

    >>> plain_number(3.0), plain_number(3.5), plain_number(2500000.0)
    ('3', '3.5', '2500000')
    """
    return str(int(value)) if float(value).is_integer() else repr(float(value))


LIST_ROW_CHARS = 48
"""About as many characters as one row of a builder's list shows on a 1280 px screen with JupyterLab's
file browser open: the list is then about 330 px wide, some 50 characters of ordinary text."""


def list_row(number: int, text: str, detail: str) -> str:
    """One row of a builder's list, "3. text (detail)": the text is shortened with "…" so the row fits
    and the detail at its end is never cut off.

    >>> list_row(1, "Instagram – Sees a friend's sofa", "+1")
    "1. Instagram – Sees a friend's sofa (+1)"
    >>> list_row(2, "Store visit – Sits on every sofa in the shop, twice, with the whole family", "+2")
    '2. Store visit – Sits on every sofa in the… (+2)'
    """
    head, tail = f"{number}. ", f" ({detail})"
    room = max(LIST_ROW_CHARS - len(head) - len(tail), 12)
    if len(text) > room:
        cut = text[:room - 1]
        if text[room - 1] != " " and " " in cut[room // 2:]:  # end on a whole word if one ends in the second half
            cut = cut[:cut.rindex(" ")]
        text = cut.rstrip(" ,;:–-") + "…"
    return head + text + tail


def slug(name: str) -> str:
    """A file name from a model's name: 'Nordlys Home' gives 'nordlys_home'.

    >>> slug("Nordlys Home & Co.")
    'nordlys_home_co'
    """
    return "_".join(re.findall(r"\w+", name.casefold())) or "untitled"
