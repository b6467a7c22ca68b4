"""The stage map as something a learner edits and keeps: a table of event names, saved beside the journey.

Introduced in notebook 08. Which stage a ``page_view`` or an ``add_to_cart``
belongs to is a decision about *your* business, not a fact in the data, so
the map is a file of its own: ``my_journey.stages.json`` beside
``my_journey.json``. The next run (or the next cohort) reads the same map.

>>> counts = pd.Series({"page_view": 120, "purchase": 9, "scroll": 80})
>>> stage_map_table(counts, {"page_view": "Like", "purchase": "Buy"}).values.tolist()
[['page_view', 120, 'Like'], ['scroll', 80, ''], ['purchase', 9, 'Buy']]
>>> table_to_stage_map(stage_map_table(counts, {"purchase": "buy"}), "hourglass")
{'purchase': 'Buy'}
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

from journeylab.errors import FileFormatError, SchemaError
from journeylab.event_table import check_stage_map
from journeylab.frameworks import DEFAULT_FRAMEWORK, Framework, get_framework
from journeylab.storage import atomic_file, read_text

__all__ = ["STAGE_MAP_SUFFIX", "stage_map_path", "stage_map_table", "table_to_stage_map", "save_stage_map",
           "load_stage_map"]

STAGE_MAP_SUFFIX = ".stages.json"
"""The ending of a stage map file: ``my_journey.json`` keeps its map in ``my_journey.stages.json``."""


def stage_map_path(journey_path: str | os.PathLike[str]) -> Path:
    """Where the stage map of a journey file lives: beside it, with the same name."""
    path = Path(journey_path)
    return path.with_name(path.name.removesuffix(".json") + STAGE_MAP_SUFFIX)


def stage_map_table(counts: pd.Series, stages: dict[str, str | None] | None = None) -> pd.DataFrame:
    """One row per event name with its count and its stage (empty: left out), the most common first."""
    stages = stages or {}
    ordered = counts.sort_values(ascending=False, kind="stable")
    return pd.DataFrame({"event_name": [str(name) for name in ordered.index],
                         "events": ordered.to_numpy(dtype="int64"),
                         "stage": [stages.get(str(name)) or "" for name in ordered.index]})


def table_to_stage_map(table: pd.DataFrame, framework: str | Framework = DEFAULT_FRAMEWORK) -> dict[str, str | None]:
    """The edited table back as a stage map: rows with an empty stage are left out."""
    for column in ("event_name", "stage"):
        if column not in table.columns:
            raise SchemaError(column, "the stage map table has no column of that name",
                              allowed="the table from stage_map_table(...), with event_name and stage")
    chosen = {str(name): str(stage) for name, stage in zip(table["event_name"], table["stage"].fillna(""))
              if str(stage).strip()}
    return check_stage_map(chosen, framework)


def save_stage_map(stages: dict[str, str | None], journey_path: str | os.PathLike[str],
                   framework: str | Framework = DEFAULT_FRAMEWORK) -> Path:
    """Save the map beside the journey file (checked first) and say where it went."""
    fw = get_framework(framework)
    checked = {name: stage for name, stage in check_stage_map(stages, fw).items() if stage is not None}
    path = stage_map_path(journey_path)
    with atomic_file(path) as file:
        json.dump({"framework": fw.key, "stages": checked}, file, indent=2, ensure_ascii=False)
        file.write("\n")
    return path


def load_stage_map(journey_path: str | os.PathLike[str], framework: str | Framework = DEFAULT_FRAMEWORK
                   ) -> dict[str, str | None]:
    """The map saved beside the journey file, or an empty map when there is none yet."""
    path = stage_map_path(journey_path)
    if not path.exists():
        return {}
    try:
        saved = json.loads(read_text(path))
        stages = saved["stages"]
    except (json.JSONDecodeError, KeyError, TypeError) as error:
        raise FileFormatError(path.name, f"is not a saved stage map ({error})",
                              allowed='a JSON file such as {"framework": "hourglass", "stages": {"purchase": "Buy"}}') from None
    return check_stage_map(stages, framework)
