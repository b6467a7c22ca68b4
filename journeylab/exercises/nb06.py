"""Exercises of notebook 06, touchpoints and non-linear journeys.

The data exercises take the event log as context
(``check("06-store-share", answer, events=data.events)``) and work the expected
answer out from it with the package, so a participant with another data seed is
checked against their own numbers. Without context they use the course's own log.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from journeylab.analytics import backward_moves, transition_matrix
from journeylab.attribution import heuristic_credit, markov_removal_effects, paths_from_events
from journeylab.checks import exercise
from journeylab.exercises._answers import close_to, course_table, not_a_number, not_text, number_in, same_text
from journeylab.frameworks import convert, get_framework

__all__: list[str] = []

STAGE_OF_TOUCHPOINT = "Shop window"
"""The touchpoint whose stage exercise 06-touchpoint-stage asks for."""
STORE_SHARE_STAGE = "Trust"
"""The stage whose share of store events exercise 06-store-share asks for."""
MOVES_FROM = "Try"
"""The stage whose moves exercise 06-moves-from-try looks at."""
CYCLE_STEP = "Try"
"""The hourglass step exercise 06-cycle-phase puts into the four-phase cycle."""

PRACTICE_PATHS = (
    (("TikTok video", "Product page", "Checkout (Web)"), 1, 0),
    (("TikTok video", "Store visit", "Checkout (Web)"), 1, 0),
    (("Search ad", "Store visit", "Free sample", "Checkout (Web)"), 1, 0),
    (("Search ad", "Store visit", "Room planner", "Store till"), 1, 0),
    (("TikTok video", "Product page"), 0, 1),
)
"""The five paths of exercises 06-last-touch-by-hand and 06-linear-credit: (touchpoints, purchases, non-buyers)."""
LAST_TOUCH_NAME = "Checkout (Web)"
"""The touchpoint whose last-touch credit exercise 06-last-touch-by-hand asks for."""
LINEAR_NAME = "Store visit"
"""The touchpoint whose linear credit exercise 06-linear-credit asks for."""

_HOURGLASS = get_framework("hourglass")
_CYCLE = get_framework("cycle")
_ARROW = re.compile(r"\s*(?:→|->|=>|\bto\b)\s*", re.IGNORECASE)


def _log(events: pd.DataFrame | None) -> pd.DataFrame:
    return course_table(events, "events")


def practice_paths() -> pd.DataFrame:
    """:data:`PRACTICE_PATHS` as the table ``paths_from_events`` makes: path, conversions, nulls."""
    return pd.DataFrame(PRACTICE_PATHS, columns=["path", "conversions", "nulls"])


def _hourglass_stage(answer: Any) -> str | None:
    """The hourglass stage an answer names, in its own spelling, or None."""
    return next((name for name in _HOURGLASS.stage_names if same_text(answer, name)), None)



@exercise(
    "06-touchpoint-stage",
    hints=[f"Keep only the events whose touchpoint is \"{STAGE_OF_TOUCHPOINT}\" and look at their stage column.",
           f"events[events[\"touchpoint\"] == \"{STAGE_OF_TOUCHPOINT}\"][\"stage\"].value_counts() lists the "
           "stages of those events, the most common first.",
           ],
    wrong="Like",
)
def _touchpoint_stage(answer: Any, events: pd.DataFrame | None = None) -> str | None:
    log = _log(events)
    stages = log.loc[log["touchpoint"] == STAGE_OF_TOUCHPOINT, "stage"]
    if not isinstance(answer, str):
        return not_text(answer, '"Refer"')
    stage = _hourglass_stage(answer)
    if stage is None:
        return f"'{answer}' is not a stage of the hourglass: {', '.join(_HOURGLASS.stage_names)}."
    if same_text(stage, stages.value_counts().idxmax()):
        return None
    visits = set(log.loc[log["touchpoint"] == "Store visit", "stage"])
    if stage in visits:
        return f"Store visits happen in {stage}, but the {STAGE_OF_TOUCHPOINT.lower()} is another touchpoint."
    return f"The {STAGE_OF_TOUCHPOINT.lower()} does not serve the {stage} stage in the event log."


@exercise(
    "06-store-share",
    hints=[f"Keep only the events of the {STORE_SHARE_STAGE} stage, then work out which share of them has the "
           "channel \"Store\".",
           f"trust = events[events[\"stage\"] == \"{STORE_SHARE_STAGE}\"], then "
           "(trust[\"channel\"] == \"Store\").mean() * 100: the mean of True/False is the share.",
           ],
    wrong=0.23,
)
def _store_share(answer: Any, events: pd.DataFrame | None = None) -> str | None:
    log = _log(events)
    value = number_in(answer)
    if value is None:
        return not_a_number(answer, "12.5 (for 12.5%)")
    at_store = log["channel"] == "Store"
    in_stage = log["stage"] == STORE_SHARE_STAGE
    share = 100 * (at_store & in_stage).sum() / in_stage.sum()
    if close_to(answer, share):
        return None
    if close_to(value, share / 100):
        return "That is the share as a fraction; give it in percent (multiply by 100)."
    if close_to(value, 100 * (at_store & in_stage).sum() / at_store.sum()):
        return (f"That is the share of all store events that happen in {STORE_SHARE_STAGE}; the question asks "
                f"which share of the {STORE_SHARE_STAGE} events happen at the store.")
    if close_to(value, 100 * (at_store & in_stage).sum() / len(log)):
        return f"That compares with all events; keep only the {STORE_SHARE_STAGE} events first."
    return f"{value:g}% is not the share of {STORE_SHARE_STAGE} events that happen at the store."


def _credit(paths: pd.DataFrame | None, model: str, name: str) -> float:
    """The credit ``model`` gives ``name`` on the paths the notebook passed (the practice paths by default)."""
    credit = heuristic_credit(practice_paths() if paths is None else paths, model)
    return float(credit.get(name, 0.0))


def _other_models(value: float, paths: pd.DataFrame | None, name: str, asked: str) -> str | None:
    """Which other rule of thumb gives ``name`` the credit ``value``, said in one sentence; None if none does."""
    words = {"first_touch": "first touch", "last_touch": "last touch", "linear": "linear"}
    for model, word in words.items():
        if model != asked and close_to(value, _credit(paths, model, name)):
            return f"That is the credit {word} gives the {name}; the question asks for {words[asked]}."
    return None


@exercise(
    "06-last-touch-by-hand",
    hints=["Last touch gives each purchase to the touchpoint just before it: look at the last name on every path "
           "that ended in a purchase.",
           f"Count the paths with a purchase whose last touchpoint is {LAST_TOUCH_NAME}; each gives it one purchase. "
           "A path without a purchase gives nothing.",
           ],
    wrong=0.92,
    right=3,
)
def _last_touch_by_hand(answer: Any, paths: pd.DataFrame | None = None) -> str | None:
    value = number_in(answer)
    if value is None:
        return not_a_number(answer, "2 or 0.5")
    expected = _credit(paths, "last_touch", LAST_TOUCH_NAME)
    if close_to(answer, expected):
        return None
    if value == 0:
        return f"Some paths with a purchase end at the {LAST_TOUCH_NAME}, so last touch gives it more than 0."
    other = _other_models(value, paths, LAST_TOUCH_NAME, "last_touch")
    if other:
        return other
    table = practice_paths() if paths is None else paths
    ending_there = sum(path[-1] == LAST_TOUCH_NAME for path in table["path"])
    if close_to(value, ending_there):
        return "That counts the paths that end there, with or without a purchase; only purchases earn credit."
    return f"{value:g} is not the number of purchases last touch gives the {LAST_TOUCH_NAME}."


@exercise(
    "06-linear-credit",
    hints=["Linear shares each purchase equally over the touches on its path: a path of 3 touches gives each "
           "of them 1/3, a path of 4 touches 1/4.",
           f"Find the paths with a purchase that pass the {LINEAR_NAME}, and add up 1 divided by the number of "
           "touches of each; you may write the sum in Python, such as 1/3 + 1/4.",
           ],
    wrong=3,
    right=1 / 3 + 1 / 4 + 1 / 4,
)
def _linear_credit(answer: Any, paths: pd.DataFrame | None = None) -> str | None:
    value = number_in(answer)
    if value is None:
        if isinstance(answer, str) and "/" in answer:
            return f"'{answer.strip()}' is text, because of the quotes: write the sum without them, 1/3 + 1/4, and Python works it out."
        return not_a_number(answer, "0.5, or a sum such as 1/3 + 1/4")
    expected = _credit(paths, "linear", LINEAR_NAME)
    if close_to(answer, expected):
        return None
    if value == 0:
        return f"Linear gives every touch on a path with a purchase a share, and the {LINEAR_NAME} is on such paths."
    other = _other_models(value, paths, LINEAR_NAME, "linear")
    if other:
        return other
    table = practice_paths() if paths is None else paths
    bought = table[table["conversions"] > 0]
    if close_to(value, sum(LINEAR_NAME in path for path in bought["path"])):
        return ("That counts the paths it is on; linear gives it only its share of each path's purchase: "
                "1 divided by the number of touches on that path.")
    return f"{value:g} is not the linear credit of the {LINEAR_NAME}."


@exercise(
    "06-removal-costs-most",
    hints=["The Markov removal effect says how many purchases would be lost without a touchpoint: "
           "jl.attribution.markov_removal_effects(jl.attribution.paths_from_events(events)) lists them, "
           "the largest first.",
           'Drop the touchpoints where people pay, with .drop(["Checkout (Web)", "Store till"]), and take the '
           "first name that is left: .index[0].",
           ],
    wrong="Instagram ad",
)
def _removal_costs_most(answer: Any, events: pd.DataFrame | None = None) -> str | None:
    if not isinstance(answer, str):
        return not_text(answer, '"Reviews page"')
    log = _log(events)
    effects = markov_removal_effects(paths_from_events(log))["removal_effect"]
    paying = set(log.loc[log["stage"] == "Buy", "touchpoint"])
    names = [str(name) for name in effects.index]
    name = next((known for known in names if same_text(answer, known)), None)
    if name is None:
        return f"'{answer.strip()}' is not a touchpoint in the event log; copy its name from the table."
    if name in paying:
        return f"The {name} is where people pay; the question asks for a touchpoint before the purchase."
    before = effects[[known not in paying for known in effects.index]]
    if name == str(before.idxmax()):
        return None
    first_touch = heuristic_credit(paths_from_events(log), "first_touch")
    if name == str(first_touch.idxmax()):
        return (f"The {name} brings the most customers in (first touch), but losing it would cost fewer "
                "purchases than losing another touchpoint.")
    return f"Without the {name} fewer purchases would be lost than without another touchpoint before the purchase."


def _stage_pair(answer: Any) -> tuple[str, str] | None:
    """Two stage names from a tuple or list, or from text such as "Try → Trust"; None otherwise."""
    if isinstance(answer, str):
        parts = _ARROW.split(answer.strip())
        answer = parts if len(parts) == 2 else None
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        return None
    first, second = (_hourglass_stage(item) for item in answer)
    if first is None or second is None:
        return None
    return first, second


@exercise(
    "06-most-common-backward-move",
    hints=["A backward move goes from a later stage to an earlier one, such as Buy → Like. "
           "jl.analytics.backward_moves(events) lists them, the most common first.",
           "Take the first row of jl.analytics.backward_moves(events) and give its two stages in brackets: "
           "(\"from stage\", \"to stage\").",
           ],
    wrong=("Trust", "Try"),
)
def _most_common_backward_move(answer: Any, events: pd.DataFrame | None = None) -> str | None:
    pair = _stage_pair(answer)
    if pair is None:
        return ("Give two stages of the hourglass in brackets, the stage they left first: "
                "(\"Buy\", \"Like\").")
    moves = backward_moves(_log(events))
    first = (moves.loc[0, "from"], moves.loc[0, "to"])
    if pair == first:
        return None
    left, entered = pair
    if left == entered:
        return "Moving from a stage to the same stage is no move at all; give two different stages."
    if _HOURGLASS.position(entered) > _HOURGLASS.position(left):
        if (entered, left) == first:
            return "You have the right two stages, but the wrong way round: give the stage customers left first."
        return f"{left} → {entered} is a move forward; the question asks for a move back to an earlier stage."
    return f"{left} → {entered} is a move back, but not the most common one."


@exercise(
    "06-moves-from-try",
    hints=[f"Look at the row \"{MOVES_FROM}\" of jl.analytics.transition_matrix(events): it counts where customers "
           f"went next after {MOVES_FROM}. Stages to the left of {MOVES_FROM} are moves back.",
           f"row = matrix.loc[\"{MOVES_FROM}\"]; add up the moves to Know, Like and Trust, divide by row.sum() and "
           "multiply by 100.",
           ],
    wrong=63.5,
)
def _moves_from_try(answer: Any, events: pd.DataFrame | None = None) -> str | None:
    value = number_in(answer)
    if value is None:
        return not_a_number(answer, "12.5 (for 12.5%)")
    row = transition_matrix(_log(events)).loc[MOVES_FROM]
    position = _HOURGLASS.position(MOVES_FROM)
    back, total = row.iloc[:position].sum(), row.sum()
    share = 100 * back / total
    if close_to(answer, share):
        return None
    if close_to(value, share / 100):
        return "That is the share as a fraction; give it in percent (multiply by 100)."
    if close_to(value, 100 - share):
        return f"That is the share of moves out of {MOVES_FROM} that go forward; the question asks for the moves back."
    if close_to(value, back):
        return f"That is the number of moves back; divide it by all moves out of {MOVES_FROM} to get a share."
    return f"{value:g}% is not the share of moves out of {MOVES_FROM} that go back to an earlier stage."


@exercise(
    "06-cycle-phase",
    hints=["The four-phase cycle has fewer, wider phases than the hourglass. Which phase is about weighing the "
           "options before buying?",
           f"jl.convert(\"{CYCLE_STEP}\", \"hourglass\", \"cycle\") gives the answer; write its name as text.",
           ],
    wrong="Purchase",
    right="Consideration",
)
def _cycle_phase(answer: Any) -> str | None:
    if isinstance(answer, (tuple, list)) and len(answer) == 1:
        answer = answer[0]  # what jl.convert returns, kept as it is
    if not isinstance(answer, str):
        return not_text(answer, '"Loyalty"')
    expected = convert(CYCLE_STEP, "hourglass", "cycle")[0]
    if same_text(answer, expected):
        return None
    if any(same_text(answer, name) for name in _CYCLE.stage_names):
        return f"{answer.strip()} is a phase of the cycle, but not the one {CYCLE_STEP} belongs to."
    if _hourglass_stage(answer) is not None:
        return f"'{answer}' is a step of the hourglass; give a phase of the cycle: {', '.join(_CYCLE.stage_names)}."
    return f"'{answer}' is not a phase of the cycle: {', '.join(_CYCLE.stage_names)}."
