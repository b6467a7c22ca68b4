"""PreviewPanel: a builder's live preview, one HTML widget per part, so a click redraws only what it changed.

Every widget message costs time on its way to the browser, and every new piece
of HTML there costs layout and painting. A journey map of 30 touchpoints is
about 20 kB of HTML: sending and drawing all of it after each click made the
builder feel slow; so does one message per lane, since the browser lays the
page out again for each. The panel holds the preview in a few parts (the
journey builder's: the map's head with its goals, the touchpoint lanes, the
notes lanes; see ``JourneyBuilder._preview_parts``), each in an HTML widget of
its own. Showing a new preview sets each part; ipywidgets sends a value only
when it differs, so a new goal sends the head and nothing else.

``panel.value`` is the whole preview as the learner sees it (the parts joined),
so tests read it as they read an HTML widget. Private to
:mod:`journeylab.widgets`.

>>> panel = PreviewPanel()
>>> panel.show(["<b>title</b>", "<i>lane</i>"])
2
>>> panel.show(["<b>title</b>", "<i>another lane</i>"])  # only the second part changed
1
>>> panel.value
'<b>title</b><i>another lane</i>'
"""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as widgets

__all__ = ["PreviewPanel"]


class PreviewPanel(widgets.VBox):
    """The preview: a column of HTML parts that scroll sideways together on a narrow screen."""

    def __init__(self) -> None:
        super().__init__(layout=widgets.Layout(width="100%", overflow="auto"))
        self.add_class("jl-preview-box")
        self._parts: list[widgets.HTML] = []

    @property
    def value(self) -> str:
        """The preview's HTML, all parts joined: what the learner sees."""
        return "".join(part.value for part in self._parts)

    @property
    def parts(self) -> tuple[widgets.HTML, ...]:
        """The HTML widgets of the parts, top to bottom."""
        return tuple(self._parts)

    def show(self, parts: Sequence[str]) -> int:
        """Show ``parts`` (HTML strings, top to bottom); returns how many parts changed.

        A part that is the same as before is not sent again. An empty part
        takes no room (an optional lane with nothing in it).
        """
        if len(self._parts) < len(parts):
            self._parts += [widgets.HTML(layout=widgets.Layout(width="100%", margin="0"))
                            for _ in range(len(parts) - len(self._parts))]
            self.children = tuple(self._parts)
        changed = 0
        for widget, html in zip(self._parts, [*parts, *[""] * (len(self._parts) - len(parts))]):
            if widget.value != html:
                widget.value = html
                changed += 1
        return changed
