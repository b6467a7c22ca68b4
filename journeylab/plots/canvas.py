"""The updated empathy canvas (Dave Gray, 2017): the goal on top, the person in the middle.

:func:`journeylab.plots.empathy_map` draws this layout for an
:class:`~journeylab.personas.EmpathyMap` whose ``layout`` is ``"canvas"``: the
goal (who we empathise with and what they need to do) on top, then what the
customer sees, says, does and hears around them, and what they think and feel
in the middle, with their pains and gains.

>>> from journeylab.personas import EmpathyMap
>>> figure = empathy_canvas(EmpathyMap(who="Jessica", goal="Choose a sofa", sees=["Friends' flats"]))
>>> "What do they need to do?" in [text.get_text() for text in figure.axes[0].texts]
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch, Rectangle

from journeylab.personas import EmpathyMap
from journeylab.plots import layout, style
from journeylab.plots.style import HIGHLIGHT, MAIN, MARGIN, MET, MUTED, OKABE_ITO, TEXT

__all__ = ["CANVAS_AREAS", "empathy_canvas"]

CANVAS_AREAS = {  # field: (heading, the canvas's question, colour, prompt when empty)
    "sees": ("Sees", "what they see around them: the market, friends, media", OKABE_ITO["sky_blue"],
             "what do they see in their world?"),
    "says": ("Says", "what we have heard them say", OKABE_ITO["blue"], "what do they say, in their own words?"),
    "does": ("Does", "what they do today; the behaviour we have seen", MET, "what do they actually do?"),
    "hears": ("Hears", "what others tell them: friends, colleagues, media", OKABE_ITO["reddish_purple"],
              "what do they hear from others?"),
    "thinks": ("Thinks", "", OKABE_ITO["orange"], "what do they think but not say?"),
    "feels": ("Feels", "", OKABE_ITO["vermillion"], "what worries or excites them?"),
    "pains": ("Pains", "fears, frustrations, anxieties", HIGHLIGHT, "what are they afraid of?"),
    "gains": ("Gains", "wants, needs, hopes and dreams", MAIN, "what would success be for them?"),
}
"""The areas of the canvas around the goal: heading, the question it answers, colour and the prompt when empty."""

_WIDTH, _SIDE, _GAP, _PAD = 11.0, 2.5, 0.12, 0.15  # inches: page, the Hears and Says columns, space, padding
_HEADING, _HINT, _BODY = 13, 8.5, 10  # font sizes


@dataclass
class _Area:
    """One box of the canvas: its heading, question and wrapped lines, ready to be measured and drawn."""

    heading: str
    hint: list[str]
    lines: list[str]
    colour: str
    text_colour: str

    @classmethod
    def make(cls, card: EmpathyMap, field: str, width: float) -> _Area:
        heading, hint, colour, prompt = CANVAS_AREAS[field]
        room = width - 2 * _PAD
        lines, text_colour = layout.list_or_blank(getattr(card, field), room, _BODY, f"Nothing yet: {prompt}")
        return cls(heading, layout.wrap(hint, room, _HINT) if hint else [], lines, colour, text_colour)

    @property
    def height(self) -> float:
        return (_PAD + layout.text_height(1, _HEADING) + layout.text_height(len(self.hint), _HINT) + 0.08
                + layout.text_height(len(self.lines), _BODY) + _PAD)

    def draw(self, page: Any, left: float, top: float, width: float, height: float, filled: bool = True) -> None:
        if filled:
            page.add_patch(Rectangle((left, top), width, height, facecolor=style.tint(self.colour, 0.2),
                                     edgecolor="white", linewidth=3))
        else:  # inside the person: a coloured rule instead of a tinted box
            page.add_patch(Rectangle((left, top), width, 0.05, facecolor=self.colour, edgecolor="none"))
        y = top + _PAD
        page.text(left + _PAD, y, self.heading, fontsize=_HEADING, fontweight="bold", va="top")
        y += layout.text_height(1, _HEADING)
        if self.hint:
            page.text(left + _PAD, y, "\n".join(self.hint), fontsize=_HINT, color=MUTED, fontstyle="italic", va="top")
        y += layout.text_height(len(self.hint), _HINT) + 0.08
        page.text(left + _PAD, y, "\n".join(self.lines), fontsize=_BODY, va="top", color=self.text_colour,
                  parse_math=False)


def _goal_block(card: EmpathyMap, width: float) -> list[tuple[str, list[str], str]]:
    """The two halves of the goal: who we empathise with, and what they need to do."""
    room = width / 2 - 2 * _PAD
    who = layout.wrap(card.who, room, 11) if card.who else layout.wrap("Nothing yet: name the persona or segment",
                                                                    room, 11)
    goal = layout.wrap(card.goal, room, 11) if card.goal else layout.wrap(
        "Nothing yet: what job or decision are they facing?", room, 11)
    return [("Who are we empathising with?", who, TEXT if card.who else MUTED),
            ("What do they need to do?", goal, TEXT if card.goal else MUTED)]


@style.styled
def empathy_canvas(card: EmpathyMap) -> Figure:
    """The updated empathy canvas: goal on top; sees, says, does and hears around the person; inside it
    what they think and feel, with their pains and gains.

    Introduced in notebook 02. :func:`journeylab.plots.empathy_map` calls it for a map whose
    ``layout`` is ``"canvas"``; an empty area shows a grey prompt, so the gaps in your research show too.
    """
    inner = _WIDTH - 2 * MARGIN
    who = card.who or "the customer"
    header = layout.Header.make(f"Empathy map: {who}",
                               "The empathy canvas: start from the goal, then what they see, say, do and hear, "
                               "and what they think and feel.", inner)
    goal = _goal_block(card, inner)
    goal_height = _PAD + layout.text_height(1, 11) + 0.06 + max(layout.text_height(len(lines), 11)
                                                                 for _, lines, _ in goal) + _PAD
    middle = inner - 2 * _SIDE - 2 * _GAP
    sees, does = _Area.make(card, "sees", inner), _Area.make(card, "does", inner)
    hears, says = _Area.make(card, "hears", _SIDE), _Area.make(card, "says", _SIDE)
    half = (middle - 3 * _PAD) / 2
    thinks, feels = _Area.make(card, "thinks", middle - _PAD), _Area.make(card, "feels", middle - _PAD)
    pains, gains = _Area.make(card, "pains", half), _Area.make(card, "gains", half)
    title = layout.text_height(1, 12) + 0.2  # "Thinks & Feels" over the person
    person_height = title + thinks.height + feels.height + max(pains.height, gains.height) + 2 * _PAD
    ring_height = max(person_height, hears.height, says.height)
    top = header.height
    page_height = top + goal_height + _GAP + sees.height + ring_height + does.height + 2 * _GAP + 0.3
    figure, page = layout.new_page(_WIDTH, page_height)
    header.draw(page)

    # the goal: who, and what they need to do
    page.add_patch(FancyBboxPatch((MARGIN, top), inner, goal_height, boxstyle="round,pad=0,rounding_size=0.08",
                                  facecolor=style.tint(OKABE_ITO["orange"], 0.22), edgecolor="none"))
    for index, (question, lines, colour) in enumerate(goal):
        left = MARGIN + index * inner / 2 + _PAD
        page.text(left, top + _PAD, question, fontsize=11, fontweight="bold", va="top")
        page.text(left, top + _PAD + layout.text_height(1, 11) + 0.06, "\n".join(lines), fontsize=11, va="top",
                  color=colour, parse_math=False)
    y = top + goal_height + _GAP

    # around the person: sees on top, hears left, says right, does below
    sees.draw(page, MARGIN, y, inner, sees.height)
    y += sees.height
    hears.draw(page, MARGIN, y, _SIDE, ring_height)
    says.draw(page, MARGIN + inner - _SIDE, y, _SIDE, ring_height)
    does.draw(page, MARGIN, y + ring_height, inner, does.height)

    # the person: thinks and feels, then pains and gains side by side
    left = MARGIN + _SIDE + _GAP
    page.add_patch(FancyBboxPatch((left, y + _GAP), middle, ring_height - 2 * _GAP,
                                  boxstyle="round,pad=0,rounding_size=0.3", facecolor="white", edgecolor=TEXT,
                                  linewidth=1.5, zorder=1))
    page.text(left + middle / 2, y + _GAP + 0.12, "Thinks & Feels", fontsize=12, fontweight="bold", ha="center",
              va="top", zorder=2)
    inside = y + _GAP + title
    for area in (thinks, feels):
        area.draw(page, left + _PAD / 2, inside, middle - _PAD, area.height, filled=False)
        inside += area.height
    for index, area in enumerate((pains, gains)):
        area.draw(page, left + _PAD + index * (half + _PAD), inside, half, max(pains.height, gains.height))
    return figure
