"""One shareable page: the persona, the journey map, the stage goals and what to do first.

After a workshop a participant wants to send the result to colleagues who do
not have Python: :func:`export_page` writes the whole journey as ONE HTML file
that any browser opens, offline. Everything is inside the file: the styles, and
the journey map as an SVG drawing (so it stays sharp when zoomed or printed).
There are no scripts and nothing is fetched from anywhere, so the file also
passes e-mail filters and opens the same in ten years.

Every text a learner typed (names, touchpoints, notes, opportunities, persona
fields, goals) is escaped, so a ``<`` or ``&`` shows as typed and can never
turn into markup. The same journey always gives the same bytes: no dates, and
the drawing's internal ids come from a fixed seed (``svg.hashsalt``).

>>> import pathlib, tempfile
>>> from journeylab.journey import Journey
>>> path = export_page(Journey("Nordlys Home"), pathlib.Path(tempfile.mkdtemp()) / "journey.html")
>>> path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
True
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping
from html import escape
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from journeylab.errors import ValidationError
from journeylab.journey import Journey
from journeylab.opportunities import MISSED_GOAL_BOOST, prioritise
from journeylab.personas import Persona
from journeylab.plots.files import figure_svg
from journeylab.plots.layout import number, with_unit
from journeylab.plots.maps import goal_target, journey_map
from journeylab.storage import atomic_write

__all__ = ["export_page", "page_text", "checked_actuals", "SCREEN_SCALE"]

SCREEN_SCALE = 0.7
"""On screen the map fits the window's width, but never below this share of its printed size (its small
print stays legible: 8.5 pt text at 0.7 is 8 px); a narrower window scrolls sideways instead."""

_STYLES = """
body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; color: #222; margin: 0;
       background: #fff; line-height: 1.45; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
main { padding: 24px 28px 48px; }
main > header, main > section, main > footer { max-width: 1280px; margin-left: auto; margin-right: auto; }
main > section#map { max-width: none; }
#map > h2, #map > p { max-width: 1280px; margin-left: auto; margin-right: auto; }
h1 { font-size: 1.8rem; margin: 0 0 4px; }
h3 { font-size: 1.05rem; margin: 22px 0 8px; }
h2 { font-size: 1.3rem; margin: 36px 0 12px; padding-bottom: 4px; border-bottom: 3px solid #0072B2; }
h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
.lead, .muted { color: #666; }
.persona { border: 1px solid #d0d0d0; border-radius: 12px; padding: 18px 22px; }
.persona h3 { font-size: 1.35rem; margin: 0; }
.persona .role { color: #666; margin: 2px 0 10px; }
.segment { display: inline-block; background: #fbe7bf; border-radius: 6px; padding: 2px 8px; font-size: .9rem; }
blockquote { font-style: italic; font-size: 1.1rem; border-left: 4px solid #E69F00; margin: 14px 0;
             padding: 2px 14px; }
.columns { display: flex; flex-wrap: wrap; gap: 24px; }
.columns > div { flex: 1 1 220px; }
.columns h4 { margin: 8px 0 4px; padding-top: 6px; border-top: 4px solid #0072B2; }
.columns .goals h4 { border-color: #009E73; }
.columns .challenges h4 { border-color: #D55E00; }
ul { margin: 4px 0; padding-left: 20px; }
.map { overflow-x: auto; border: 1px solid #d0d0d0; border-radius: 8px; }
.map svg { display: block; width: 100%; height: auto; }  /* as wide as the window, down to its min-width */
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
thead { display: table-header-group; }  /* a table that runs on to the next sheet repeats its header */
th, td { text-align: left; vertical-align: top; padding: 7px 10px; border-bottom: 1px solid #e2e2e2; }
th { background: #f5f5f5; }
td.number { text-align: right; white-space: nowrap; }
tr, .persona, blockquote { break-inside: avoid; page-break-inside: avoid; }
.met { color: #007a5a; font-weight: bold; }
.missed { color: #b54800; font-weight: bold; }
.pain { color: #666; font-size: .88rem; }
footer { margin-top: 40px; color: #666; font-size: .85rem; }
@media screen and (max-width: 1400px) { main { padding: 20px 16px 40px; } }
/* Printed: landscape on whatever sheet the printer has (A4 or Letter); the map gets a sheet of its own,
   as large as fits under its heading (A4: 297 x 210 mm less the margins).
   Page 1 is who it is for and the goals; then the map; then what to do first and the details. */
@page { size: landscape; margin: 8mm; }
@media print {
  body { font-size: 10pt; line-height: 1.3; }
  main { padding: 0; }
  main > header, main > section, main > footer, #map > h2 { max-width: none; }
  h1 { font-size: 18pt; }
  h2 { font-size: 14pt; margin: 14pt 0 6pt; }
  h3 { margin: 10pt 0 4pt; }
  th, td { padding: 3pt 6pt; }
  .persona { padding: 8pt 12pt; }
  section#map { break-before: page; break-after: page; page-break-before: always; page-break-after: always; }
  section#map > h2 { margin-top: 0; }
  #map > p.muted { display: none; }
  .map { overflow: visible; border: none; break-inside: avoid; }
  .map svg { min-width: 0 !important; max-height: 176mm; }
  footer { margin-top: 16pt; }
}
"""


def export_page(journey: Journey, path: str | os.PathLike[str],
                actuals: Mapping[str, float] | pd.Series | None = None, *, journey_map: Figure | None = None) -> Path:
    """Write the journey as one self-contained HTML page to e-mail after a workshop; return its path.

    Introduced in notebook 07.

    The page shows the persona, the journey map, the stage goals (with what
    was measured, when ``actuals`` gives each stage's KPI value) and the
    opportunities, most worth doing first (:func:`~journeylab.opportunities.prioritise`).
    It is written to a temporary file first and then renamed, so a crash never
    leaves half a page.

    Parameters
    ----------
    journey:
        The journey to share.
    path:
        Where to write it, e.g. ``"my_journey.html"``; missing folders are made.
    actuals:
        Optional measured KPI value per stage, e.g. ``{"Buy": 2.1}``.
    journey_map:
        The map of this journey when it is drawn already (``jl.plots.journey_map(journey)``):
        the page embeds it instead of drawing it again.

    Examples
    --------
    >>> export_page("Nordlys Home", "journey.html")
    Traceback (most recent call last):
    ...
    journeylab.errors.ValidationError: journey: must be a Journey (got 'str'). Allowed: a Journey, such as Journey("Nordlys Home").
    """
    if not isinstance(journey, Journey):
        raise ValidationError("journey", "must be a Journey", value=type(journey).__name__,
                              allowed='a Journey, such as Journey("Nordlys Home")')
    measured = checked_actuals(journey, actuals)
    if journey_map is not None and not isinstance(journey_map, Figure):
        raise ValidationError("journey_map", "must be the journey map figure", value=type(journey_map).__name__,
                              allowed="jl.plots.journey_map(journey), or leave it out")
    svg = None if journey_map is None else figure_svg(journey_map)
    return atomic_write(path, page_text(journey, measured, map_svg=svg))


def page_text(journey: Journey, actuals: Mapping[str, float] | pd.Series | None = None, *,
              map_svg: str | None = None) -> str:
    """The page as text: what :func:`export_page` writes.

    ``map_svg`` is the journey map as SVG text (:func:`~journeylab.plots.files.figure_svg`) when it
    was drawn already, as :func:`journeylab.exports.export_journey` does; left out, the map is drawn here.
    """
    actuals = checked_actuals(journey, actuals)
    touchpoints = sum(len(journey.touchpoints(stage)) for stage in journey.stage_names)
    opportunities = sum(len(journey.opportunities(stage)) for stage in journey.stage_names)
    name = _e(journey.name)
    lead = (f"The {_e(journey.framework.title)}, {len(journey.stage_names)} stages: {touchpoints} "
            f"{'touchpoint' if touchpoints == 1 else 'touchpoints'} and {opportunities} "
            f"{'opportunity' if opportunities == 1 else 'opportunities'}.")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Customer journey: {name}</title>",
        f"<style>{_STYLES}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<header><h1>Customer journey: {name}</h1>",
        f'<p class="lead">{lead}</p></header>',
        '<section id="persona">',
        "<h2>Who it is for</h2>",
        _persona(journey.persona),
        "</section>",
        '<section id="goals">',
        "<h2>Stage goals</h2>",
        _goals(journey, actuals),
        "</section>",
        '<section id="map">',
        "<h2>The journey map</h2>",
        '<p class="muted">The whole map fits your window: zoom in (Ctrl and +) for the small print. '
        "Printed, the map gets a landscape page of its own.</p>",
        f'<div class="map">{_map_svg(journey, map_svg)}</div>',
        "</section>",
        '<section id="opportunities">',
        "<h2>What to do first</h2>",
        _opportunities(journey, actuals),
        "</section>",
        '<section id="details">',
        "<h2>Stage by stage, in full</h2>",
        _details(journey),
        "</section>",
        "<footer>Made with the Customer Journey Lab. This page needs no internet connection: "
        "save it, print it or send it on.</footer>",
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _e(value: Any) -> str:
    """Text as HTML shows it: ``<``, ``>``, ``&`` and both quotes escaped, so nothing typed becomes markup."""
    return escape(str(value), quote=True)


def checked_actuals(journey: Journey, actuals: Any) -> dict[str, float]:
    """The measured KPI value per stage (stage names as the framework spells them), checked."""
    if actuals is None:
        return {}
    if not isinstance(actuals, (Mapping, pd.Series)):
        raise ValidationError("actuals", "must give a number per stage", value=type(actuals).__name__,
                              allowed='a dict such as {"Buy": 2.1}, or a Series indexed by stage')
    checked = {}
    for stage, value in dict(actuals).items():
        name = journey.framework.stage(str(stage)).name
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise ValidationError(f"actuals.{name}", "must be a number", value=value,
                                  allowed="the measured KPI value, such as 2.1")
        checked[name] = float(value)
    return checked


def _items(values: tuple[str, ...], empty: str) -> str:
    if not values:
        return f'<p class="muted">{_e(empty)}</p>'
    return "<ul>" + "".join(f"<li>{_e(value)}</li>" for value in values) + "</ul>"


def _persona(persona: Persona | None) -> str:
    if persona is None:
        return '<p class="muted">No persona yet: give the journey a persona to say who it is designed for.</p>'
    name = _e(persona.name) + (f", {persona.age}" if persona.age is not None else "")
    html = ['<div class="persona">', f"<h3>{name}</h3>"]
    if persona.role:
        html.append(f'<p class="role">{_e(persona.role)}</p>')
    if persona.segment:
        html.append(f'<p><span class="segment">Segment: {_e(persona.segment)}</span></p>')
    if persona.quote:
        html.append(f"<blockquote>“{_e(persona.quote)}”</blockquote>")
    html.append('<div class="columns">')
    for css, heading, values in (("goals", "Goals", persona.goals), ("challenges", "Challenges", persona.challenges),
                                 ("channels", "Preferred channels", persona.channels)):
        html.append(f'<div class="{css}"><h4>{heading}</h4>{_items(values, "None yet.")}</div>')
    html += ["</div>", "</div>"]
    return "\n".join(html)


_SVG_PROLOGUE = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)  # the XML declaration and DOCTYPE before <svg>
_SVG_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.DOTALL)  # who made it: links to outside schemas
_SVG_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)  # matplotlib writes each text as a comment, < > & escaped
_SVG_SIZE = re.compile(r'\s(width|height)="[^"]*"')
_SVG_WIDTH = re.compile(r'viewBox="0 0 ([0-9.]+) ')  # the drawing's width in points


def _map_svg(journey: Journey, drawn: str | None = None) -> str:
    """The journey map as SVG (``drawn``, or drawn here), ready to sit inside the page: scalable, no outside links."""
    if drawn is None:
        drawn = figure_svg(journey_map(journey))  # course style: svg.hashsalt gives the same ids every time
    svg = _SVG_METADATA.sub("", _SVG_PROLOGUE.sub("", drawn, count=1), count=1)
    svg = _SVG_COMMENT.sub(lambda found: f"<!--{_quotes(found.group(1))}-->", svg)  # quotes too, as everywhere
    opening, rest = svg.split(">", 1)
    label = _e(f"Journey map of {journey.name}: stages {', '.join(journey.stage_names)}")
    points = float(_SVG_WIDTH.search(opening).group(1))  # type: ignore[union-attr]  # matplotlib always writes it
    # as wide as the window, but not below SCREEN_SCALE of its printed size: a narrow window scrolls sideways
    opening = _SVG_SIZE.sub("", opening) + (f' class="journey-map" role="img" aria-label="{label}"'
                                            f' style="min-width: {points * 4 / 3 * SCREEN_SCALE:.0f}px"')
    rest = rest.replace("*{stroke-linejoin", "svg.journey-map *{stroke-linejoin", 1)  # keep its style to itself
    return f"{opening}>{rest}".strip()


def _quotes(text: str) -> str:
    return text.replace('"', "&quot;").replace("'", "&#x27;")


def _goals(journey: Journey, actuals: Mapping[str, float]) -> str:
    measured = bool(actuals)
    head = "<tr><th>Stage</th><th>Goal</th><th>KPI and target</th>" + (
        "<th>Measured</th><th>Met?</th>" if measured else "") + "</tr>"
    rows = []
    for stage in journey.stage_names:
        goal = journey.goal(stage)
        if goal is None:
            cells = '<td colspan="2" class="muted">No goal yet</td>' + ("<td></td><td></td>" if measured else "")
        else:
            cells = f"<td>{_e(goal.goal)}</td><td>{_e(goal_target(goal))}</td>"
            if measured:
                actual = actuals.get(stage)
                if actual is None:
                    cells += '<td class="muted">not measured</td><td></td>'
                else:
                    met = goal.is_met(actual)
                    verdict = '<span class="met">✓ met</span>' if met else '<span class="missed">✗ missed</span>'
                    cells += f'<td class="number">{_e(with_unit(actual, goal.unit))}</td><td>{verdict}</td>'
        rows.append(f"<tr><th scope=\"row\">{_e(stage)}</th>{cells}</tr>")
    return "<table>\n<thead>" + head + "</thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"


def _opportunities(journey: Journey, actuals: Mapping[str, float]) -> str:
    table = prioritise(journey, actuals or None)
    if len(table) == 0:
        return ('<p class="muted">No opportunities yet: add ideas to the stages where customers struggle, '
                "and they appear here, the most worth doing first.</p>")
    head = ("<tr><th>#</th><th>Stage</th><th>Opportunity</th><th>Value</th><th>Effort</th><th>Score</th>"
            "<th>Status</th><th>Owner</th><th>Why this rank</th></tr>")
    rows = []
    for rank, row in table.iterrows():
        pain = f'<br><span class="pain">Pain point: {_e(row["pain_point"])}</span>' if row["pain_point"] else ""
        rows.append(
            f'<tr><td class="number">{rank}</td><td>{_e(row["stage"])}</td><td><strong>{_e(row["title"])}</strong>'
            f'{pain}</td><td class="number">{_e(number(row["value"]))}</td>'
            f'<td class="number">{_e(number(row["effort"]))}</td><td class="number">{_e(number(row["score"]))}</td>'
            f'<td>{_e(row["status"])}</td><td>{_e(row["owner"])}</td><td>{_e(row["why"])}</td></tr>'
        )
    note = ('<p class="muted">Ranked by corner of the value-versus-effort matrix (quick wins, big bets, fill-ins, '
            "thankless tasks), then by score within a corner: score = value (the mean of customer and business "
            f"value, 0-100) per unit of effort (1-5); a stage that misses its goal counts × {MISSED_GOAL_BOOST:g}.</p>")
    return note + "\n<table>\n<thead>" + head + "</thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"


_EMOTIONS = {-2: "−2 frustrated", -1: "−1", 0: "0 neutral", 1: "+1", 2: "+2 delighted"}


def _details(journey: Journey) -> str:
    """Every touchpoint and every stage's notes as tables: the full texts the map may shorten."""
    touchpoints = [(stage, touchpoint) for stage in journey.stage_names for touchpoint in journey.touchpoints(stage)]
    if not touchpoints:
        html = ['<p class="muted">No touchpoints yet.</p>']
    else:
        html = ["<h3>Touchpoints</h3>", "<table>", "<thead><tr><th>Stage</th><th>Channel</th>"
                "<th>What the customer does</th><th>What the business does</th><th>Customer question</th>"
                "<th>Feeling</th><th>Pain point</th><th>Owner</th></tr></thead>", "<tbody>"]
        for stage, point in touchpoints:
            cells = (stage, point.channel, point.customer_action, point.business_action, point.customer_question,
                     _EMOTIONS[point.emotion], point.pain_point, point.owner)
            html.append("<tr>" + "".join(f"<td>{_e(cell)}</td>" for cell in cells) + "</tr>")
        html += ["</tbody>", "</table>"]
    notes = [(stage, journey.notes(stage)) for stage in journey.stage_names if journey.notes(stage)]
    if notes:
        html += ["<h3>Thinking, feeling and backstage</h3>", "<table>", "<thead><tr><th>Stage</th><th>Thinking</th>"
                 "<th>Feeling</th><th>Backstage: processes and systems</th></tr></thead>", "<tbody>"]
        for stage, note in notes:
            backstage = _items(note.backstage, "") if note.backstage else ""
            html.append(f"<tr><td>{_e(stage)}</td><td>{_e(note.thinking)}</td><td>{_e(note.feeling)}</td>"
                        f"<td>{backstage}</td></tr>")
        html += ["</tbody>", "</table>"]
    return "\n".join(html)
