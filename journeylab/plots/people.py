"""Pictures of the customer: the persona card and the empathy map.

>>> from journeylab.personas import Persona
>>> figure = persona_card(Persona("Jessica", age=28))
>>> "Jessica, 28" in [text.get_text() for text in figure.axes[0].texts]
True
"""

from __future__ import annotations

from typing import Any

from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyBboxPatch, Rectangle

from journeylab.personas import EmpathyMap, Persona
from journeylab.plots import arguments, layout, style
from journeylab.plots.canvas import empathy_canvas
from journeylab.plots.style import HIGHLIGHT, MAIN, MARGIN, MET, MUTED, OKABE_ITO, RULE, TEXT

__all__ = ["persona_card", "empathy_map"]

_SECTIONS = (  # persona field, heading, colour, prompt when empty
    ("goals", "Goals", MET, "No goals yet: what do they want to achieve?"),
    ("challenges", "Challenges", HIGHLIGHT, "No challenges yet: what stands in their way?"),
    ("channels", "Preferred channels", MAIN, "No channels yet: where do they spend their time?"),
)


@style.styled
def persona_card(persona: Persona) -> Figure:
    """A persona as a one-page card: who they are, their words, goals, challenges and channels.

    Introduced in notebook 03.

    Long texts wrap; a list that is still empty shows a grey question, so the
    card also says what research is missing.

    Examples
    --------
    >>> figure = persona_card(Persona("Jessica", age=28, role="Marketing assistant"))
    >>> persona_card({"name": "Jessica"})
    Traceback (most recent call last):
    ...
    journeylab.errors.ValidationError: persona: must be a Persona (got 'dict'). Allowed: a Persona, such as Persona("Jessica", age=28).
    """
    arguments.model(persona, Persona, "persona", "a Persona", 'a Persona, such as Persona("Jessica", age=28)')
    width, gap, avatar = 9.5, 0.3, 0.45
    inner = width - 2 * MARGIN
    name = persona.name + (f", {persona.age}" if persona.age is not None else "")
    beside_avatar = inner - 2 * avatar - 0.3
    header = layout.Header.make(name, persona.role, beside_avatar)
    segment = layout.wrap(f"Segment: {persona.segment}", beside_avatar, 9.5) if persona.segment else []
    quote = layout.wrap(f"“{persona.quote}”", inner - 0.3, 12.5) if persona.quote else []
    column = (inner - 2 * gap) / 3
    bodies = [layout.list_or_blank(getattr(persona, field), column, 10, blank) for field, _, _, blank in _SECTIONS]
    segment_height = layout.text_height(len(segment), 9.5) + 0.25 if segment else 0
    top = max(header.height + segment_height, 0.3 + 2 * avatar + 0.3)  # what follows starts below the avatar
    quote_height = layout.text_height(len(quote), 12.5) + 0.3 if quote else 0
    lists_height = 0.45 + max(layout.text_height(len(lines), 10) for lines, _ in bodies)
    page_height = top + quote_height + lists_height + 0.4
    figure, page = layout.new_page(width, page_height)
    page.add_patch(FancyBboxPatch((0.12, 0.12), width - 0.24, page_height - 0.24, facecolor="white", edgecolor=RULE,
                                  linewidth=1.5, boxstyle="round,pad=0,rounding_size=0.15"))
    header.draw(page)
    centre = (width - MARGIN - avatar, 0.3 + avatar)
    page.add_patch(Circle(centre, avatar, facecolor=style.tint(MAIN, 0.25), edgecolor=MAIN, linewidth=1.2))
    page.text(*centre, persona.name[:1].upper(), fontsize=22, fontweight="bold", color=MAIN, ha="center", va="center")
    if segment:
        page.text(MARGIN + 0.06, header.height, "\n".join(segment), fontsize=9.5, va="top", bbox={
            "boxstyle": "round,pad=0.3", "facecolor": style.tint(OKABE_ITO["orange"], 0.25), "edgecolor": "none"})
    y = top
    if quote:
        page.plot([MARGIN + 0.05] * 2, [y - 0.02, y + layout.text_height(len(quote), 12.5)],
                  color=OKABE_ITO["orange"], linewidth=3)
        page.text(MARGIN + 0.25, y, "\n".join(quote), fontsize=12.5, fontstyle="italic", va="top", parse_math=False)
        y += quote_height
    for index, ((_, heading, colour, _), (lines, text_colour)) in enumerate(zip(_SECTIONS, bodies)):
        left = MARGIN + index * (column + gap)
        page.add_patch(Rectangle((left, y), column, 0.05, facecolor=colour, edgecolor="none"))
        page.text(left, y + 0.12, heading, fontsize=11.5, fontweight="bold", va="top")
        page.text(left, y + 0.45, "\n".join(lines), fontsize=10, va="top", color=text_colour, parse_math=False)
    return figure


_QUADRANTS = (  # field, heading, hint, colour, prompt when empty
    ("says", "Says", "what we hear them say", OKABE_ITO["sky_blue"], "what do they say, in their own words?"),
    ("thinks", "Thinks", "what goes on in their head", OKABE_ITO["orange"], "what do they think but not say?"),
    ("does", "Does", "what we see them do", MET, "what do they actually do?"),
    ("feels", "Feels", "their worries and hopes", OKABE_ITO["reddish_purple"], "what worries or excites them?"),
)
_EXTRAS = (
    ("pains", "Pains", "fears, frustrations, obstacles", HIGHLIGHT, ""),
    ("gains", "Gains", "wants, needs, measures of success", MAIN, ""),
)


@style.styled
def empathy_map(empathy_map: EmpathyMap) -> Figure:
    """The empathy map, in the layout the map uses: the classic four quadrants, or the updated canvas.

    Introduced in notebook 02.

    The classic map (``empathy_map.layout == "classic"``) puts Says, Thinks,
    Does and Feels around the customer, with pains and gains below; an empty
    quadrant shows a grey prompt, so the gaps in your research show too, and
    the Pains and Gains boxes appear only when they have something in them.
    A map with a goal, sees or hears is an updated empathy canvas (Dave Gray,
    2017), drawn by :func:`journeylab.plots.canvas.empathy_canvas`: the goal on
    top, then Sees, Says, Does and Hears around the person, and Thinks & Feels
    in the middle with Pains and Gains.

    Examples
    --------
    >>> figure = empathy_map(EmpathyMap(who="Jessica", says=["I want it to last"]))
    >>> canvas = empathy_map(EmpathyMap(who="Jessica", goal="Choose a sofa that lasts", hears=["Buy quality once"]))
    >>> empathy_map("Jessica")
    Traceback (most recent call last):
    ...
    journeylab.errors.ValidationError: empathy_map: must be an EmpathyMap (got 'str'). Allowed: an EmpathyMap, such as EmpathyMap(who="Jessica", says=["..."]).
    """
    card = empathy_map
    arguments.model(card, EmpathyMap, "empathy_map", "an EmpathyMap",
                'an EmpathyMap, such as EmpathyMap(who="Jessica", says=["..."])')
    if card.layout == "canvas":
        return empathy_canvas(card)
    width, pad, radius = 10.0, 0.15, 0.65
    half = (width - 2 * MARGIN) / 2
    who = card.who or "the customer"
    header = layout.Header.make(f"Empathy map: {who}", "What the customer says, thinks, does and feels.",
                               width - 2 * MARGIN)
    top = header.height

    def body(field: str, prompt: str, room: float) -> tuple[list[str], str]:
        return layout.list_or_blank(getattr(card, field), room, 10, f"Nothing yet: {prompt}")

    # quadrant text stops short of the circle in the middle, on either side
    quadrants = [body(field, prompt, half - radius - 2 * pad) for field, *_, prompt in _QUADRANTS]
    quadrant_height = max(1.9, 0.75 + max(layout.text_height(len(lines), 10) for lines, _ in quadrants) + pad)
    extras = [(spec, body(spec[0], "", half - 2 * pad)) for spec in _EXTRAS if getattr(card, spec[0])]
    extras_height = 0.0
    if extras:  # the Pains and Gains boxes, 0.3 inch below the quadrants
        extras_height = 0.3 + 0.75 + max(layout.text_height(len(lines), 10) for _, (lines, _) in extras) + pad
    figure, page = layout.new_page(width, top + 2 * quadrant_height + extras_height + 0.3)
    header.draw(page)

    def box(left: float, box_top: float, box_height: float, spec: tuple[str, ...], content: tuple[list[str], str],
            text_left: float) -> None:
        _, heading, hint, colour, _ = spec
        lines, text_colour = content
        page.add_patch(Rectangle((left, box_top), half, box_height, facecolor=style.tint(colour, 0.2),
                                 edgecolor="white", linewidth=3))
        page.text(text_left, box_top + pad, heading, fontsize=14, fontweight="bold", va="top")
        page.text(text_left, box_top + pad + 0.3, hint, fontsize=8.5, color=MUTED, fontstyle="italic", va="top")
        page.text(text_left, box_top + 0.75, "\n".join(lines), fontsize=10, va="top", color=text_colour,
                  parse_math=False)

    centre = (MARGIN + half, top + quadrant_height)
    for index, (spec, content) in enumerate(zip(_QUADRANTS, quadrants)):
        left = MARGIN + (index % 2) * half
        text_left = left + pad if index % 2 == 0 else centre[0] + radius + pad
        box(left, top + (index // 2) * quadrant_height, quadrant_height, spec, content, text_left)
    page.add_patch(Circle(centre, radius, facecolor="white", edgecolor=TEXT, linewidth=1.5, zorder=3))
    _write_in_circle(page, who, centre, radius)
    for index, (spec, content) in enumerate(extras):
        left = MARGIN + index * half
        box(left, top + 2 * quadrant_height + 0.3, extras_height - 0.3, spec, content, left + pad)
    return figure


def _write_in_circle(page: Any, text: str, centre: tuple[float, float], radius: float) -> None:
    """The largest of a few font sizes at which ``text`` fits in four lines; cut with … if none does."""
    for size in (10.5, 9, 8):
        lines = layout.wrap(text, 2 * radius - 0.3, size, "bold")
        if len(lines) <= 4:
            break
    page.text(*centre, "\n".join(layout.shorten(lines, 4)), fontsize=size, fontweight="bold", ha="center", va="center",
              zorder=4)
