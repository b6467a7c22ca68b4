"""Live previews as HTML: the journey map, the persona card and the empathy map, drawn in a blink.

A builder redraws its picture after every click. A matplotlib figure takes
0.2-1.5 s to draw and arrives as a PNG scaled down to the notebook's width
(text about 7 px tall); the same content as HTML takes a few milliseconds, is
laid out by the browser at the notebook's width with text 12-13 px tall, and
wraps long labels instead of cutting them. The exports (PNG, SVG, PDF) stay
matplotlib drawings of the same model.

The journey preview uses the very lanes of the exported map
(:data:`journeylab.plots.maps.JOURNEY_MAP_LANES`), so both show the same
stages, touchpoints, goals, notes and opportunities; its feeling lane shows
every touchpoint's feeling as a dot and the stage means joined by a line.
Everything typed is escaped: a ``<`` shows as typed. No scripts, so the
notebook's HTML sanitiser leaves it as it is.

The journey map comes in parts (:func:`journey_map_parts`): the style, the
title, the stage headings and one table per lane, all with the same columns, so they line
up as one map. The builder shows each part in a widget of its own: a click
that adds a goal sends and redraws the goal lane, not the whole map (with 30
touchpoints the map is about 20 kB, a lane 1-8 kB).

>>> from journeylab.journey import Journey, Touchpoint
>>> shop = Journey("Nordlys <Home>")
>>> shop.add_touchpoint("Know", Touchpoint("Instagram", "Sees a reel", emotion=1))
>>> page = journey_map_html(shop)
>>> "Nordlys &lt;Home&gt;" in page and 'data-feelings="1"' in page
True
>>> page == "".join(journey_map_parts(shop))
True
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from journeylab.feelings import stage_feelings
from journeylab.journey import Journey
from journeylab.personas import EmpathyMap, Persona
from journeylab.plots import arguments
from journeylab.plots.layout import signed
from journeylab.plots.maps import JOURNEY_MAP_LANES, EmotionLane, MapLane
from journeylab.plots.style import HIGHLIGHT, MAIN, MET, MUTED, OKABE_ITO

__all__ = ["journey_map_html", "journey_map_parts", "persona_card_html", "empathy_map_html", "PREVIEW_CSS"]

PREVIEW_CSS = f"""<style>
.jl-preview {{font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; font-size: 13px; color: #222;
  line-height: 1.35; max-width: 100%; box-sizing: border-box}}
.jl-preview * {{box-sizing: border-box}}
.jl-preview .jl-title {{font-size: 17px; font-weight: bold; margin: 6px 0 2px}}
.jl-preview .jl-sub, .jl-preview .jl-hint, .jl-preview .jl-none {{color: #666; font-size: 12px}}
.jl-preview table.jl-map {{border-collapse: collapse; table-layout: fixed; width: 100%; min-width: 640px}}
.jl-preview .jl-map col.jl-lanes {{width: 128px}}
.jl-preview .jl-map th, .jl-preview .jl-map td {{vertical-align: top; padding: 4px; border-left: 1px solid #ddd;
  overflow-wrap: anywhere}}
.jl-preview .jl-map thead th {{background: {MAIN}; color: #fff; text-align: center; font-size: 13px;
  border-radius: 5px; border: 2px solid #fff}}
.jl-preview .jl-map tr.jl-odd {{background: #f5f5f5}}
.jl-preview .jl-map tbody th {{text-align: left; font-size: 13px; border-left: none}}
.jl-preview .jl-item {{background: #fff; border: 1px solid #ddd; border-left-width: 4px; border-radius: 4px;
  padding: 2px 5px; margin-bottom: 3px; white-space: pre-line}}
.jl-preview .jl-item b {{display: block}}
.jl-preview .jl-clamp {{display: -webkit-box; -webkit-box-orient: vertical; overflow: hidden}}
.jl-preview .jl-curve td {{padding: 0; text-align: center}}
.jl-preview .jl-curve svg {{display: block; width: 100%; height: 110px}}
.jl-preview .jl-mean {{font-weight: bold; color: {MAIN}}}
.jl-preview .jl-dot, .jl-preview .jl-mean-dot {{stroke-linecap: round; vector-effect: non-scaling-stroke}}
.jl-preview .jl-dot {{stroke: {OKABE_ITO["sky_blue"]}; stroke-width: 9px; stroke-opacity: 0.9}}
.jl-preview .jl-mean-dot {{stroke: {MAIN}; stroke-width: 11px}}
.jl-preview .jl-card {{border: 1px solid #ccc; border-radius: 10px; padding: 10px 14px; max-width: 820px}}
.jl-preview .jl-columns {{display: flex; flex-wrap: wrap; gap: 10px}}
.jl-preview .jl-columns > div {{flex: 1 1 180px; border-top: 4px solid {MAIN}; padding-top: 3px}}
.jl-preview ul {{margin: 2px 0; padding-left: 18px}}
.jl-preview blockquote {{font-style: italic; border-left: 4px solid {OKABE_ITO["orange"]}; margin: 8px 0;
  padding: 1px 10px; font-size: 14px}}
.jl-preview .jl-segment {{background: #fbe7bf; border-radius: 5px; padding: 1px 6px}}
</style>"""

_CURVE_HEIGHT, _COLUMN = 110, 100  # the feeling lane's drawing: units per stage column, scaled to the table


def _e(value: Any) -> str:
    return escape(str(value), quote=True)


def _feeling_rows(journey: Journey) -> list[tuple[str, tuple[int, ...], float | None]]:
    """Per stage, its touchpoints' feelings and their mean, from the same source as the exported map."""
    return [(feeling.stage, tuple(moment.emotion for moment in feeling.moments), feeling.mean)
            for feeling in stage_feelings(journey)]


def _title(journey: Journey) -> str:
    persona, title = journey.persona, f"Customer journey map: {journey.name}"
    if persona is not None:
        title += f", for {persona.name}" + (f" ({persona.age})" if persona.age is not None else "")
    return title


def journey_map_html(journey: Journey, lanes: Sequence[MapLane | EmotionLane] = JOURNEY_MAP_LANES) -> str:
    """The journey map as HTML: stages as columns, the map's lanes as rows, the feelings drawn in SVG.

    Introduced in notebook 07 (the journey builder's live preview). The same
    HTML as :func:`journey_map_parts`, joined.
    """
    return "".join(journey_map_parts(journey, lanes))


def journey_map_parts(journey: Journey, lanes: Sequence[MapLane | EmotionLane] = JOURNEY_MAP_LANES) -> tuple[str, ...]:
    """The journey map in parts: the style, the title, the stage headings, then one part per lane.

    Always ``3 + len(lanes)`` parts, so the part of a lane keeps its place; an
    optional lane with nothing in it is an empty part. Every part is a table
    with the same columns, so the parts line up as one map. Introduced in
    notebook 07: the journey builder shows each part in a widget of its own and
    sends only the parts a change touched.
    """
    arguments.model(journey, Journey, "journey", "a Journey", 'a Journey, such as Journey("Nordlys Home")')
    stages = journey.stage_names
    count = sum(len(journey.touchpoints(stage)) for stage in stages)
    columns = f'<colgroup><col class="jl-lanes">{"<col>" * len(stages)}</colgroup>'
    head = "".join(f'<th scope="col">{_e(stage)}</th>' for stage in stages)
    parts = [
        PREVIEW_CSS,  # a part of its own: never sent again
        f'<div class="jl-preview jl-journey" data-stages="{_e("|".join(stages))}">'
        f'<div class="jl-title">{_e(_title(journey))}</div>'
        f'<div class="jl-sub">Stages of the {_e(journey.framework.title)} from left to right; {count} '
        f'touchpoint{"s" * (count != 1)}. Dots: each touchpoint\'s feeling; line: the stage mean, from −2 '
        "(frustrated) to +2 (delighted).</div></div>",
        _table(columns, f"<thead><tr><th></th>{head}</tr></thead>"),
    ]
    shown = 0  # lanes drawn so far: every other one is shaded, as in the exported map
    for lane in lanes:
        stripe = ' class="jl-odd"' if shown % 2 == 0 else ""
        if isinstance(lane, EmotionLane):
            parts.append(_table(columns, f"<tbody>{_feeling_row(journey, lane, stripe)}</tbody>"))
            shown += 1
            continue
        items = [lane.items(journey, stage) for stage in stages]
        if lane.optional and not any(items):
            parts.append("")
            continue
        hint = "".join(f'<div class="jl-hint">{_e(part)}</div>' for part in lane.hint.split("\n") if part)
        cells = "".join(f"<td>{_cell(lane, cell)}</td>" for cell in items)
        parts.append(_table(columns, f'<tbody><tr{stripe}><th scope="row">{_e(lane.title)}{hint}</th>{cells}</tr></tbody>'))
        shown += 1
    return tuple(parts)


def _table(columns: str, rows: str) -> str:
    return f'<div class="jl-preview jl-lane"><table class="jl-map">{columns}{rows}</table></div>'


def _cell(lane: MapLane, items: list[tuple[str, str]]) -> str:
    if not items:
        return '<span class="jl-none">–</span>'
    clamp = "" if lane.most_lines is None else f' class="jl-clamp" style="-webkit-line-clamp: {lane.most_lines}"'
    parts = []
    for heading, text in items:
        body = f"<b>{_e(heading)}</b>" if heading else ""
        body += f"<span{clamp}>{_e(text)}</span>" if text else ""
        parts.append(f'<div class="jl-item" style="border-left-color: {lane.colour}">{body}</div>')
    return "".join(parts)


def _y(feeling: float) -> float:
    return round(_CURVE_HEIGHT / 2 - feeling * (_CURVE_HEIGHT / 2 - 12) / 2, 1)


def _feeling_row(journey: Journey, lane: EmotionLane, stripe: str = "") -> str:
    """The feeling lane: one SVG across the stage columns (stretched to fit), then the mean under each stage.

    The drawing is stretched sideways to the table's width, so dots are round line caps that do not
    stretch (``vector-effect: non-scaling-stroke``) and the numbers are HTML under it.
    """
    feelings = _feeling_rows(journey)
    width, middle = _COLUMN * len(feelings), _y(0)
    fixed = 'vector-effect="non-scaling-stroke"'
    shapes = [f'<rect x="0" y="0" width="{width}" height="{middle}" fill="{MET}" fill-opacity="0.08"/>',
              f'<rect x="0" y="{middle}" width="{width}" height="{middle}" fill="{HIGHLIGHT}" fill-opacity="0.08"/>',
              f'<line x1="0" y1="{middle}" x2="{width}" y2="{middle}" stroke="{MUTED}" stroke-dasharray="4 3" {fixed}/>']
    segments: list[list[str]] = [[]]
    for index, (_, values, mean) in enumerate(feelings):
        centre = index * _COLUMN + _COLUMN / 2
        if mean is None:
            segments.append([])  # a stage without touchpoints is a gap in the line: nothing is known there
            continue
        segments[-1].append(f"{centre},{_y(mean)}")
        spread = min(14.0, 70.0 / len(values))
        for number, value in enumerate(values):
            x = round(centre + (number - (len(values) - 1) / 2) * spread, 1)
            y = _y(value)
            shapes.append(f'<line class="jl-dot" x1="{x}" y1="{y}" x2="{x}" y2="{y}"/>')  # drawn by PREVIEW_CSS
    for points in segments:
        if len(points) > 1:
            shapes.append(f'<polyline points="{" ".join(points)}" fill="none" stroke="{MAIN}" stroke-width="2.5" {fixed}/>')
        for point in points:
            px, py = point.split(",")
            shapes.append(f'<line class="jl-mean-dot" x1="{px}" y1="{py}" x2="{px}" y2="{py}"/>')
    svg = (f'<svg viewBox="0 0 {width} {_CURVE_HEIGHT}" preserveAspectRatio="none" role="img" '
           f'aria-label="How the customer feels, per stage">{"".join(shapes)}</svg>')
    means = "".join(
        f'<td data-feelings="{_e(",".join(str(value) for value in values))}">'
        + ('<span class="jl-none">no touchpoints yet</span>' if mean is None
           else f'<span class="jl-mean">mean {_e(signed(mean))}</span>') + "</td>"
        for _, values, mean in feelings)
    scale = '<div class="jl-hint">top +2 delighted<br>middle 0 neutral<br>bottom −2 frustrated</div>'
    rows = ' class="jl-curve jl-odd"' if stripe else ' class="jl-curve"'
    return (f'<tr{rows}><th scope="row" rowspan="2">{_e(lane.title)}{scale}</th>'
            f'<td colspan="{len(feelings)}">{svg}</td></tr><tr{rows}>{means}</tr>')


_PERSONA_SECTIONS = (("goals", "Goals", MET, "No goals yet: what do they want to achieve?"),
                     ("challenges", "Challenges", HIGHLIGHT, "No challenges yet: what stands in their way?"),
                     ("channels", "Preferred channels", MAIN, "No channels yet: where do they spend their time?"))


def _list(values: Sequence[str], empty: str) -> str:
    if not values:
        return f'<div class="jl-none">{_e(empty)}</div>'
    return "<ul>" + "".join(f"<li>{_e(value)}</li>" for value in values) + "</ul>"


def persona_card_html(persona: Persona) -> str:
    """The persona card as HTML: the same fields as :func:`journeylab.plots.persona_card` (notebook 03)."""
    arguments.model(persona, Persona, "persona", "a Persona", 'a Persona, such as Persona("Jessica", age=28)')
    name = persona.name + (f", {persona.age}" if persona.age is not None else "")
    parts = [f'<div class="jl-title">{_e(name)}</div>']
    if persona.role:
        parts.append(f'<div class="jl-sub">{_e(persona.role)}</div>')
    if persona.segment:
        parts.append(f'<div><span class="jl-segment">Segment: {_e(persona.segment)}</span></div>')
    if persona.quote:
        parts.append(f"<blockquote>“{_e(persona.quote)}”</blockquote>")
    columns = "".join(f'<div style="border-top-color: {colour}"><b>{_e(heading)}</b>'
                      f"{_list(getattr(persona, field), empty)}</div>"
                      for field, heading, colour, empty in _PERSONA_SECTIONS)
    return (f'{PREVIEW_CSS}<div class="jl-preview jl-persona"><div class="jl-card">{"".join(parts)}'
            f'<div class="jl-columns">{columns}</div></div></div>')


_EMPATHY = {  # field: heading, colour, prompt when empty
    "sees": ("Sees", OKABE_ITO["bluish_green"], "what do they see around them?"),
    "hears": ("Hears", OKABE_ITO["blue"], "what do they hear from others?"),
    "says": ("Says", OKABE_ITO["sky_blue"], "what do they say, in their own words?"),
    "thinks": ("Thinks", OKABE_ITO["orange"], "what do they think but not say?"),
    "does": ("Does", MET, "what do they actually do?"),
    "feels": ("Feels", OKABE_ITO["reddish_purple"], "what worries or excites them?"),
    "pains": ("Pains", HIGHLIGHT, ""),
    "gains": ("Gains", MAIN, ""),
}
_EMPATHY_ORDER = {"classic": ("says", "thinks", "does", "feels", "pains", "gains"),
                  "canvas": ("sees", "hears", "says", "does", "thinks", "feels", "pains", "gains")}


def empathy_map_html(empathy_map: EmpathyMap) -> str:
    """The empathy map as HTML boxes, in the map's layout (classic, or the updated canvas) (notebook 02)."""
    arguments.model(empathy_map, EmpathyMap, "empathy_map", "an EmpathyMap",
                    'an EmpathyMap, such as EmpathyMap(who="Jessica", says=["..."])')
    card = empathy_map
    title = ("Empathy canvas: " if card.layout == "canvas" else "Empathy map: ") + (card.who or "the customer")
    parts = [f'<div class="jl-title">{_e(title)}</div>']
    if card.layout == "canvas":
        parts.append(f'<div class="jl-sub">Goal: {_e(card.goal) if card.goal else "not set yet"}</div>')
    boxes = []
    for field in _EMPATHY_ORDER[card.layout]:
        heading, colour, prompt = _EMPATHY[field]
        values = getattr(card, field)
        if field in ("pains", "gains") and not values:
            continue  # as in the exported map: these boxes appear once they have something in them
        boxes.append(f'<div style="border-top-color: {colour}"><b>{heading}</b>'
                     f'{_list(values, f"Nothing yet: {prompt}")}</div>')
    return (f'{PREVIEW_CSS}<div class="jl-preview jl-empathy"><div class="jl-card">{"".join(parts)}'
            f'<div class="jl-columns">{"".join(boxes)}</div></div></div>')
