"""A journey as a table (DataFrame/CSV) and as Markdown, and back.

JSON (in :mod:`journeylab.journey`) is the complete save format. These two are
for people: the table opens in a spreadsheet, the Markdown reads well in a
meeting. Both still hold everything, so either can be read back into an equal
journey — a learner can edit the CSV in a spreadsheet and load it again.

The table is tidy: one row per thing the journey holds, in journey order, and
a handful of plainly named columns. First the journey (its name and framework)
and the persona, one row per field and per list item; then, stage by stage,
the goal, the touchpoints, what the customer thinks and feels, the backstage
and the opportunities. ``Item`` is what the row is about (the channel, the
goal, the idea, the persona's field) and ``Details`` says more; the other
columns are filled where they apply to the row.

>>> from journeylab.journey import Journey, Touchpoint
>>> shop = Journey("Nordlys Home")
>>> shop.add_touchpoint("Know", Touchpoint("Instagram", "Sees a reel", emotion=1))
>>> journey_to_frame(shop)[["Section", "Stage", "Item", "Details", "Feeling"]]
      Section Stage       Item       Details  Feeling
0     journey             Name  Nordlys Home     <NA>
1     journey        Framework     hourglass     <NA>
2  touchpoint  Know  Instagram   Sees a reel        1

Plans written before this layout (a ``record`` column and one column per
field) are still read.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pandas as pd

from journeylab import _fields
from journeylab.errors import FileFormatError, SchemaError, ValidationError
from journeylab.journey import Journey
from journeylab.journey_parts import Opportunity, StageGoal, StageNotes, Touchpoint
from journeylab.learner_input import read_number
from journeylab.personas import Persona
from journeylab.spreadsheet_text import from_cell, safe_frame

__all__ = [
    "PLAN_COLUMNS",
    "SECTIONS",
    "journey_to_frame",
    "journey_from_frame",
    "plan_csv_text",
    "read_plan_csv",
    "journey_to_markdown",
    "journey_from_markdown",
]

# Where each model field goes in the plan table: field -> column. Item and Details hold each row's two main texts.
_TOUCHPOINT = {"channel": "Item", "customer_action": "Details", "business_action": "We do",
               "customer_question": "Customer asks", "emotion": "Feeling", "pain_point": "Pain point", "owner": "Owner"}
_GOAL = {"goal": "Item", "kpi": "KPI", "target": "Target", "unit": "Unit", "better": "Better when"}
_OPPORTUNITY = {"title": "Item", "pain_point": "Pain point", "customer_value": "Customer value",
                "business_value": "Business value", "effort": "Effort", "owner": "Owner", "status": "Status"}
PLAN_COLUMNS = ["Section", "Stage", "Item", "Details", "We do", "Customer asks", "Feeling", "Pain point", "Owner",
                "Customer value", "Business value", "Effort", "Status", "KPI", "Target", "Unit", "Better when"]
"""The columns of the plan table, in order."""
SECTIONS = ("journey", "persona", "goal", "touchpoint", "thinking", "feeling", "backstage", "opportunity")
"""What a row of the plan table can be about (its ``Section``)."""
_WHOLE = ("Feeling", "Customer value", "Business value", "Effort")  # whole numbers; Target may be a decimal
_JOURNEY_FIELDS = {"Name": "name", "Framework": "framework"}
_PERSONA_LISTS = ("goals", "challenges", "channels")

# The layout before the tidy table (until version 0.1 of the course): still read, never written.
TOUCHPOINT_COLUMNS = list(Touchpoint.__dataclass_fields__)
GOAL_COLUMNS = list(StageGoal.__dataclass_fields__)
OPPORTUNITY_COLUMNS = list(Opportunity.__dataclass_fields__)
NUMBER_COLUMNS = {"emotion": int, "target": float, "customer_value": int, "business_value": int, "effort": int}
OLD_REQUIRED_COLUMNS = ["record", "stage", *TOUCHPOINT_COLUMNS, *GOAL_COLUMNS, "journey", "framework", "persona"]
OLD_COLUMNS = list(dict.fromkeys(
    ["record", "stage", *TOUCHPOINT_COLUMNS, *GOAL_COLUMNS, "thinking", "feeling", "backstage",
     *OPPORTUNITY_COLUMNS, "journey", "framework", "persona"]
))
RECORDS = ("journey", "goal", "touchpoint", "notes", "backstage", "opportunity")


# -- table -----------------------------------------------------------------------------


def journey_to_frame(journey: Journey) -> pd.DataFrame:
    """The plan as a tidy table: one row per field of the journey and persona, goal, touchpoint, note or idea."""
    rows: list[dict[str, Any]] = [{"Section": "journey", "Item": "Name", "Details": journey.name},
                                  {"Section": "journey", "Item": "Framework", "Details": journey.framework.key}]
    if journey.persona is not None:
        for key, value in journey.persona.to_dict().items():
            label = PERSONA_LABELS[key]
            if key in _PERSONA_LISTS:
                rows += [{"Section": "persona", "Item": label, "Details": item} for item in value]
            elif value not in ("", None) or key == "name":
                rows.append({"Section": "persona", "Item": label, "Details": value if key != "age" else str(value)})
    for stage in journey.stage_names:
        goal, notes, here = journey.goal(stage), journey.notes(stage), {"Stage": stage}
        if goal is not None:
            rows.append({"Section": "goal", **here, **_row(goal, _GOAL)})
        rows += [{"Section": "touchpoint", **here, **_row(item, _TOUCHPOINT)} for item in journey.touchpoints(stage)]
        rows += [{"Section": name, **here, "Item": text} for name, text in (("thinking", notes.thinking),
                                                                            ("feeling", notes.feeling)) if text]
        rows += [{"Section": "backstage", **here, "Item": item} for item in notes.backstage]
        rows += [{"Section": "opportunity", **here, **_row(item, _OPPORTUNITY)} for item in journey.opportunities(stage)]
    blank = {column: "" for column in PLAN_COLUMNS if column not in (*_WHOLE, "Target")}
    frame = pd.DataFrame([blank | row for row in rows], columns=PLAN_COLUMNS)
    return frame.astype({**dict.fromkeys(_WHOLE, "Int64"), "Target": float})


def _row(model: Any, columns: dict[str, str]) -> dict[str, Any]:
    return {column: getattr(model, name) for name, column in columns.items()}


def plan_csv_text(journey: Journey) -> str:
    """The plan table as CSV text, numbers written as people write them (3 rather than 3.0)."""
    frame = journey_to_frame(journey)
    frame["Target"] = [("" if pd.isna(value) else _number(float(value))) for value in frame["Target"]]
    return safe_frame(frame).to_csv(index=False, lineterminator="\n")  # text that starts with = stays text


def read_plan_csv(path: str | os.PathLike[str]) -> Journey:
    """Read a plan CSV written by :meth:`Journey.to_csv`, perhaps edited in a spreadsheet."""
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        raise FileFormatError(str(Path(path).name), f"cannot be read as CSV ({error})") from None
    frame = frame.map(from_cell)  # undo what plan_csv_text did to keep formulas out
    frame.columns = [from_cell(column) for column in frame.columns]
    return journey_from_frame(frame)


def journey_from_frame(frame: pd.DataFrame) -> Journey:
    """Rebuild a journey from :func:`journey_to_frame` output (or the same table read from CSV).

    A table in the layout before the tidy one (with a ``record`` column) is read too.
    """
    if "record" in frame.columns and "Section" not in frame.columns:
        return _journey_from_old_frame(frame)
    missing = [column for column in ("Section", "Stage", "Item") if column not in frame.columns]
    if missing:
        raise SchemaError(missing[0], "is a missing column of the plan table", allowed=PLAN_COLUMNS)
    rows = [{column: _cell(row.get(column)) for column in PLAN_COLUMNS} for row in frame.to_dict("records")]
    head = {_JOURNEY_FIELDS.get(row["Item"], row["Item"]): row["Details"] for row in rows if row["Section"] == "journey"}
    if "name" not in head:
        raise FileFormatError("Section", "the plan has no journey row naming it", allowed=["journey, Name, <name>"])
    persona_rows = [(index, row) for index, row in enumerate(rows) if row["Section"] == "persona"]
    persona = _persona_from_rows(persona_rows) if persona_rows else None
    journey = _build(lambda: Journey(head["name"], head.get("framework") or "hourglass", persona), "rows[0]")
    notes: dict[str, dict[str, Any]] = {}
    for index, row in enumerate(rows):
        where, section = f"rows[{index}]", row["Section"].strip().lower()
        if section in ("journey", "persona"):
            continue
        if section not in SECTIONS:
            raise FileFormatError(f"{where}.Section", "is not a kind of row the plan has", value=row["Section"],
                                  allowed=SECTIONS)
        stage = _build(lambda: journey.framework.stage(row["Stage"]).name, f"{where}.Stage")
        if section == "goal":
            journey.set_goal(stage, _build_row(lambda: StageGoal(**_fields_of(row, _GOAL, where)), where, _GOAL))
        elif section == "touchpoint":
            touchpoint = _build_row(lambda: Touchpoint(**_fields_of(row, _TOUCHPOINT, where)), where, _TOUCHPOINT)
            _build(lambda: journey.add_touchpoint(stage, touchpoint), where)
        elif section == "opportunity":
            opportunity = _build_row(lambda: Opportunity(**_fields_of(row, _OPPORTUNITY, where)), where, _OPPORTUNITY)
            _build(lambda: journey.add_opportunity(stage, opportunity), where)
        elif section == "backstage":
            notes.setdefault(stage, {"backstage": []})["backstage"].append(row["Item"])
        else:  # thinking or feeling
            notes.setdefault(stage, {"backstage": []})[section] = row["Item"]
    for stage, content in notes.items():
        journey.set_notes(stage, _build(lambda: StageNotes(**content), f"stages.{stage}"))
    return journey


def _fields_of(row: dict[str, str], columns: dict[str, str], where: str) -> dict[str, Any]:
    """The keyword arguments of one model from a tidy row; a blank number keeps the model's default."""
    values: dict[str, Any] = {}
    for name, column in columns.items():
        text = row[column]
        if column not in (*_WHOLE, "Target"):
            values[name] = text
        elif text != "":
            values[name] = _read_number(text, f"{where}.{column}", whole=column in _WHOLE)
        elif column == "Target":
            values[name] = None  # required: the goal says it must be a number
    return values


def _build_row(make: Any, where: str, columns: dict[str, str]) -> Any:
    """Run ``make`` and file any model error under the row and the spreadsheet column it came from."""
    try:
        return make()
    except ValidationError as error:
        if error.field.startswith(f"{where}."):
            raise  # a number the row could not read: already named by its row and column
        name = error.field.split(".", 1)[-1]
        field = f"{where}.{columns[name]}" if name in columns else _fields.reanchor(error, where).field
        kwargs: dict[str, Any] = {"allowed": error.allowed}
        if error.has_value:
            kwargs["value"] = error.value
        raise type(error)(field, error.problem, **kwargs) from None


def _read_number(text: str, field: str, whole: bool) -> float | int:
    try:
        number = float(text)
    except ValueError:
        raise ValidationError(field, "must be a number", value=text) from None
    return int(number) if whole and number.is_integer() else number


def _persona_from_rows(rows: list[tuple[int, dict[str, str]]]) -> Persona:
    by_label = {label.casefold(): key for key, label in PERSONA_LABELS.items()}
    values: dict[str, Any] = {key: [] for key in _PERSONA_LISTS}
    for index, row in rows:
        key = by_label.get(row["Item"].strip().casefold())
        if key is None:
            raise FileFormatError(f"rows[{index}].Item", "is not a field of the persona", value=row["Item"],
                                  allowed=list(PERSONA_LABELS.values()))
        if key in _PERSONA_LISTS:
            values[key].append(row["Details"])
        elif key == "age":
            values[key] = _read_number(row["Details"], f"rows[{index}].Details", whole=True)
        else:
            values[key] = row["Details"]
    return _build(lambda: Persona(**values), "persona")


def _journey_from_old_frame(frame: pd.DataFrame) -> Journey:
    """A plan table in the layout before the tidy one: a ``record`` column and one column per model field."""
    missing = [column for column in OLD_REQUIRED_COLUMNS if column not in frame.columns]
    if missing:
        raise SchemaError(missing[0], "is a missing column of the plan table", allowed=OLD_COLUMNS)
    rows = [{column: _cell(row.get(column)) for column in OLD_COLUMNS} for row in frame.to_dict("records")]
    if not rows or rows[0]["record"] != "journey":
        raise FileFormatError("rows[0].record", "the first row must be the journey row", allowed=["journey"])
    first = rows[0]
    persona = None
    if first["persona"]:
        try:
            persona = Persona.from_dict(json.loads(first["persona"]), "rows[0].persona")
        except json.JSONDecodeError:
            raise FileFormatError("rows[0].persona", "is not valid JSON", value=first["persona"]) from None
    journey = _build(lambda: Journey(first["journey"], first["framework"] or "hourglass", persona), "rows[0]")
    notes: dict[str, dict[str, Any]] = {}
    for index, row in enumerate(rows[1:], start=1):
        where, record = f"rows[{index}]", row["record"]
        stage = _build(lambda: journey.framework.stage(row["stage"]).name, f"{where}.stage")
        if record == "goal":
            goal = _build(lambda: StageGoal(**_values(row, GOAL_COLUMNS, where)), where)
            journey.set_goal(stage, goal)
        elif record == "touchpoint":
            touchpoint = _build(lambda: Touchpoint(**_values(row, TOUCHPOINT_COLUMNS, where)), where)
            _build(lambda: journey.add_touchpoint(stage, touchpoint), where)
        elif record == "notes":
            notes.setdefault(stage, {"backstage": []}).update(thinking=row["thinking"], feeling=row["feeling"])
        elif record == "backstage":
            notes.setdefault(stage, {"backstage": []})["backstage"].append(row["backstage"])
        elif record == "opportunity":
            opportunity = _build(lambda: Opportunity(**_values(row, OPPORTUNITY_COLUMNS, where)), where)
            _build(lambda: journey.add_opportunity(stage, opportunity), where)
        else:
            raise FileFormatError(f"{where}.record", "is not a kind of row the plan has", value=record, allowed=RECORDS[1:])
    for stage, content in notes.items():
        journey.set_notes(stage, _build(lambda: StageNotes(**content), f"stages.{stage}"))
    return journey


def _cell(value: Any) -> str:
    """Every cell as text: a frame in memory and a CSV read as text give the same rows."""
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 2**53 else repr(value)
    return str(value)


def _values(row: dict[str, str], columns: list[str], where: str) -> dict[str, Any]:
    """The keyword arguments of one model from a row; a blank number keeps the model's default."""
    values: dict[str, Any] = {}
    for name in columns:
        text = row[name]
        if name not in NUMBER_COLUMNS:
            values[name] = text
        elif text != "":
            try:
                number = float(text)
            except ValueError:
                raise ValidationError(f"{where}.{name}", "must be a number", value=text) from None
            values[name] = int(number) if number.is_integer() and NUMBER_COLUMNS[name] is int else number
        elif name == "target":
            values[name] = None  # required: the goal says it must be a number
    return values


def _build(make: Any, where: str) -> Any:
    """Run ``make`` and file any model error under the row it came from."""
    try:
        return make()
    except ValidationError as error:
        raise _fields.reanchor(error, where) from None


# -- Markdown --------------------------------------------------------------------------

TITLE = "# Customer journey: "
PERSONA_LABELS = {
    "name": "Name",
    "age": "Age",
    "role": "Role",
    "segment": "Segment",
    "quote": "Quote",
    "goals": "Goals",
    "challenges": "Challenges",
    "channels": "Preferred channels",
}
TOUCHPOINT_HEADERS = ["Channel", "Customer action", "Business action", "Customer question", "Emotion", "Pain point", "Owner"]
GOAL_HEADERS = ["Goal", "KPI", "Target", "Unit", "Better"]
OPPORTUNITY_HEADERS = ["Opportunity", "Pain point", "Customer value", "Business value", "Effort", "Owner", "Status"]
THINKING, FEELING, BACKSTAGE = "**Thinking:**", "**Feeling:**", "**Backstage:**"
NO_GOAL = "_No goal yet._"
NO_TOUCHPOINTS = "_No touchpoints yet._"


def journey_to_markdown(journey: Journey) -> str:
    """A readable one-page plan: the persona, then per stage its goal, touchpoints, notes and opportunities."""
    lines = [f"{TITLE}{journey.name}", "", f"Framework: {journey.framework.key} ({journey.framework.title})", ""]
    if journey.persona is not None:
        lines += ["## Persona", ""]
        persona = journey.persona.to_dict()
        for key, label in PERSONA_LABELS.items():
            value = persona[key]
            if isinstance(value, list):
                if value:
                    lines.append(f"- {label}:")
                    lines += [f"  - {item}" for item in value]
            elif value not in ("", None):
                lines.append(f"- {label}: {value}")
        lines.append("")
    for stage in journey.stage_names:
        lines += [f"## {stage}", ""]
        goal = journey.goal(stage)
        if goal is None:
            lines += [NO_GOAL, ""]
        else:
            cells = [goal.goal, goal.kpi, _number(goal.target), goal.unit, goal.better]
            lines += _table(GOAL_HEADERS, [cells]) + [""]
        touchpoints = journey.touchpoints(stage)
        if not touchpoints:
            lines += [NO_TOUCHPOINTS, ""]
        else:
            rows = [[getattr(tp, name) for name in TOUCHPOINT_COLUMNS] for tp in touchpoints]
            lines += _table(TOUCHPOINT_HEADERS, [[str(cell) for cell in row] for row in rows]) + [""]
        lines += _notes_lines(journey.notes(stage))
        opportunities = journey.opportunities(stage)
        if opportunities:
            rows = [[str(getattr(item, name)) for name in OPPORTUNITY_COLUMNS] for item in opportunities]
            lines += _table(OPPORTUNITY_HEADERS, rows) + [""]
    return "\n".join(lines)


def _notes_lines(notes: StageNotes) -> list[str]:
    lines = []
    for label, text in ((THINKING, notes.thinking), (FEELING, notes.feeling)):
        if text:
            lines += [f"{label} {text}", ""]
    if notes.backstage:
        lines += [BACKSTAGE, *[f"- {item}" for item in notes.backstage], ""]
    return lines


def journey_from_markdown(text: str) -> Journey:
    """Read back what :func:`journey_to_markdown` wrote."""
    lines = text.splitlines()
    if not lines or not lines[0].startswith(TITLE):
        raise FileFormatError("line 1", "must be the title", allowed=[f"{TITLE}<name>"])
    name = lines[0][len(TITLE):]
    match = next((re.match(r"^Framework: (\S+)", line) for line in lines if line.startswith("Framework: ")), None)
    framework = match.group(1) if match else "hourglass"
    sections = _sections(lines)
    persona = _persona_from_lines(sections.pop("Persona")) if "Persona" in sections else None
    journey = _build(lambda: Journey(name, framework, persona), "title")
    for heading, body in sections.items():
        stage = _build(lambda: journey.framework.stage(heading).name, f"## {heading}")
        tables = _tables(body)
        for cells in tables.get(tuple(GOAL_HEADERS), []):
            values: dict[str, Any] = dict(zip(["goal", "kpi", "target", "unit", "better"], cells))  # texts, and numbers once read
            values["target"] = _to_number(values["target"], f"stages.{stage}.goal.target")
            journey.set_goal(stage, _build(lambda: StageGoal(**values), f"stages.{stage}.goal"))
        for index, cells in enumerate(tables.get(tuple(TOUCHPOINT_HEADERS), [])):
            values = dict(zip(TOUCHPOINT_COLUMNS, cells))
            where = f"stages.{stage}.touchpoints[{index}]"
            values["emotion"] = _to_number(values["emotion"], f"{where}.emotion")
            journey.add_touchpoint(stage, _build(lambda: Touchpoint(**values), where))
        for index, cells in enumerate(tables.get(tuple(OPPORTUNITY_HEADERS), [])):
            values = dict(zip(OPPORTUNITY_COLUMNS, cells))
            where = f"stages.{stage}.opportunities[{index}]"
            for name in ("customer_value", "business_value", "effort"):
                values[name] = _to_number(values[name], f"{where}.{name}")
            journey.add_opportunity(stage, _build(lambda: Opportunity(**values), where))
        journey.set_notes(stage, _build(lambda: _notes_from_lines(body), f"stages.{stage}"))
    return journey


def _notes_from_lines(body: list[str]) -> StageNotes:
    values: dict[str, Any] = {"backstage": []}
    in_backstage = False
    for line in body:
        if line.startswith(f"{THINKING} "):
            values["thinking"] = line[len(THINKING) + 1:]
        elif line.startswith(f"{FEELING} "):
            values["feeling"] = line[len(FEELING) + 1:]
        elif line == BACKSTAGE:
            in_backstage = True
        elif in_backstage and line.startswith("- "):
            values["backstage"].append(line[2:])
        else:
            in_backstage = False
    return StageNotes(**values)


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)


def _to_number(text: str, field: str) -> float:
    """A number in a hand-edited plan, read as learners write numbers everywhere ("70%", "12,000")."""
    number = read_number(text)
    if number is None:
        raise FileFormatError(field, "must be a number", value=text, allowed="a number such as 25, 2.5 or 12,000")
    return number


def _escape(cell: str) -> str:
    return cell.replace("\\", "\\\\").replace("|", "\\|")


def _split_row(line: str) -> list[str]:
    """Split ``| a | b\\|c |`` into cells, honouring escaped pipes and backslashes."""
    cells, current, chars = [], "", iter(line.strip()[1:])
    for char in chars:
        if char == "\\":
            current += next(chars, "")
        elif char == "|":
            cells.append(current.strip())
            current = ""
        else:
            current += char
    return cells


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_escape(cell) for cell in row) + " |" for row in rows]
    return lines


def _sections(lines: list[str]) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = None
    for line in lines[1:]:
        if line.startswith("## "):
            current = line[3:].strip()
            sections[current] = []
        elif current is not None:
            sections[current].append(line)
    return sections


def _tables(body: list[str]) -> dict[tuple[str, ...], list[list[str]]]:
    """Every table of a section, keyed by its header row (the line after a header is its rule)."""
    tables: dict[tuple[str, ...], list[list[str]]] = {}
    header, previous = None, ""
    for line in body:
        if not line.startswith("|"):
            header = None
        elif header is None:
            header = tuple(_split_row(line))
            tables[header] = []
        elif previous.startswith("|") and tuple(_split_row(previous)) == header and set(line) <= set("|-: "):
            pass  # the rule under the header
        else:
            row = _split_row(line)
            if len(row) != len(header):  # a cell lost in hand-editing: say which row, not a KeyError
                raise FileFormatError("table row", f"has {len(row)} cells where its table has {len(header)} columns "
                                      f"({' | '.join(header)})", value=line.strip(),
                                      allowed="one cell per column; leave a cell empty rather than out")
            tables[header].append(row)
        previous = line
    return tables


def _persona_from_lines(body: list[str]) -> Persona:
    by_label = {label: key for key, label in PERSONA_LABELS.items()}
    values: dict[str, Any] = {}
    current_list = None
    for line in body:
        if line.startswith("  - ") and current_list is not None:
            values[current_list].append(line[4:])
            continue
        match = re.match(r"^- ([^:]+):(?: (.*))?$", line)
        if match and match.group(1) in by_label:
            key = by_label[match.group(1)]
            if match.group(2) is None:
                current_list, values[key] = key, []
            else:
                current_list, values[key] = None, match.group(2)
    if "age" in values:
        values["age"] = _to_number(values["age"], "persona.age")
    return _build(lambda: Persona(**values), "persona")
