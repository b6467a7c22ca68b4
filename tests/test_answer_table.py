"""A table of answers as marketers type them, and the verdict each must get.

The course's one tolerance rule (journeylab.exercises._answers): a number is right
exact or rounded as the learner rounded it, keeping at least two digits; text is
right whatever its case, spacing or a trailing "stage"/"rate"; a set whose order
does not matter is compared as a set; the ``...`` placeholder left anywhere, even
inside a model, reads as "not answered yet". Every number, date and name that a
question fixes is checked against the question.

The right answers to the data exercises are worked out here with plain pandas,
as the notebooks do, from the course's own files (a check without context uses
the same files); rounded and differently written answers are made from them.
"""

import dataclasses
from functools import cache
from pathlib import Path

import pytest

import journeylab as jl
from journeylab import data
from journeylab.exercises import check, course_exercises
from journeylab.synthetic_ga4 import SAMPLE_STAGES

RIGHT, WRONG, UNANSWERED = "correct", "incorrect", "not answered yet"


def right(exercise_id):
    return course_exercises()[exercise_id].right_example


@cache
def survey():
    return data.load_customers()


@cache
def events():
    return data.load_events()


@cache
def campaigns():
    return data.load_campaigns()


def group(motivation):
    return survey()[survey()["motivation"] == motivation]


def persona_with(**fields):
    return dataclasses.replace(right("03-persona-complete"), **fields)


def persona_in_journey_with(**fields):
    return dataclasses.replace(right("07-persona-for-journey"), **fields)


def segment_persona(**fields):
    """A persona that meets the three things 03-persona-from-segment asks, changed by ``fields``."""
    convenience = group("Convenience")
    persona = jl.Persona("Mark", age=int(convenience["age"].median()), role="Sales manager",
                         channels=convenience["preferred_channel"].value_counts().index[:2].tolist(),
                         segment="Convenience")
    return dataclasses.replace(persona, **fields)


def objective_with(**fields):
    return dataclasses.replace(right("01-smart-objective"), **fields)


def plan_with(tactic=None, **objective_fields):
    plan = right("01-build-the-plan")
    objective = plan.objectives[0]
    if tactic is not None:
        strategy = dataclasses.replace(objective.strategies[0], tactics=(jl.Tactic(tactic),))
        objective = dataclasses.replace(objective, strategies=(strategy,))
    return dataclasses.replace(plan, objectives=(dataclasses.replace(objective, **objective_fields),))


def map_with(exercise_id, **fields):
    return dataclasses.replace(right(exercise_id), **fields)


def goal_with(**fields):
    return dataclasses.replace(right("05-stage-goal"), **fields)


def with_pain(emotion=-1, pain_point="Hard to use on a tablet"):
    journey = course_exercises()["07-negative-moment"].wrong_example.copy()  # every feeling is good
    journey.add_touchpoint("Buy", jl.Touchpoint("Store till", "Waits to pay", emotion=emotion, pain_point=pain_point))
    return journey


def journey_of_one_goal():
    """A journey that kept only a goal with a good KPI: the draft's Like and Buy goals are gone, not fixed."""
    journey = jl.Journey("Nordlys Home")
    journey.add_touchpoint("Know", jl.Touchpoint("Instagram ad", "Sees a reel"))
    journey.set_goal("Know", jl.StageGoal("Get noticed", "Reach", 40_000, unit="people"))
    return journey


def goal_kpi_with(stage, goal):
    journey = right("07-goal-kpi").copy()
    journey.set_goal(stage, goal)
    return journey


def complete_with_touchpoint(channel, action):
    journey = right("07-complete-journey").copy()
    journey.add_touchpoint("Refer", jl.Touchpoint(channel, action))
    return journey


def funnel(**options):
    return jl.analytics.stage_funnel(events(), **options)


def tiktok_conversion():
    tiktok = events().loc[events()["touchpoint"] == "TikTok video", "user_id"]
    return jl.analytics.stage_funnel(events()[events()["user_id"].isin(tiktok)]).loc["Buy", "overall_conversion"]


def first_channel_tiktok_conversion():
    """The slip: the funnel of visitors whose *first channel* was TikTok, not of those who saw a TikTok video."""
    by_channel = funnel(breakdown="channel")
    return by_channel["overall_conversion"].unstack("stage")["Buy"]["TikTok"]


def may_ctr(stage="Know", month="2024-05"):
    rows = campaigns()[(campaigns()["stage"] == stage) & (campaigns()["month"] == month)]
    return 100 * rows["clicks"].sum() / rows["impressions"].sum()


def survey_nps():
    scores = survey()["likelihood_to_recommend"]
    return 100 * (scores >= 9).mean() - 100 * (scores <= 6).mean()


def trust_store_share():
    trust = events()[events()["stage"] == "Trust"]
    return 100 * (trust["channel"] == "Store").mean()


def share_back_from_try():
    moves = jl.analytics.transition_matrix(events()).loc["Try"]
    return 100 * moves[["Know", "Like", "Trust"]].sum() / moves.sum()


def missed_months():
    rates = jl.analytics.campaign_kpis(campaigns())["cart_abandonment_rate"]
    return rates.index[rates > 70].tolist()


def met_months():
    rates = jl.analytics.campaign_kpis(campaigns())["cart_abandonment_rate"]
    return rates.index[rates <= 70].tolist()


GA4_SAMPLE = Path(__file__).resolve().parent.parent / "data" / "ga4_sample"


@cache
def ga4_events():
    """The notebook-08 sample read as the notebook reads it, with its stage map."""
    return data.read_ga4(GA4_SAMPLE, SAMPLE_STAGES, quiet=True)


@cache
def ga4_counts():
    return data.ga4_event_counts(GA4_SAMPLE)


def ga4_funnel(**options):
    return jl.analytics.stage_funnel(ga4_events(), **options)


@cache
def trap_purchase():
    """The purchase of 08-first-touch-trap: the last buyer whose purchase's channel is not their first touch."""
    trap = data.ga4_first_touch(GA4_SAMPLE, SAMPLE_STAGES)
    buys = trap[(trap["stage"] == "Buy") & (trap["channel"] != trap["first_touch"])]
    return buys.iloc[-1]


def after_trust():
    return jl.analytics.path_flow_table(ga4_events(), steps=2, start="Trust").iloc[0]


SORTED = right("01-strategy-or-tactic")
STEPS = {"A26": "Buy", "A12": "Like", "A38": "Refer", "A04": "Know", "A20": "Try", "A32": "Repeat", "A14": "Trust"}
HOURGLASS = ["Know", "Like", "Trust", "Try", "Buy", "Repeat", "Refer"]
RANKING = right("07-rank-by-value-per-effort")

ANSWERS = [
    # exercise, answer, verdict
    ("00-first-answer", "Know", RIGHT),
    ("00-first-answer", " know stage ", RIGHT),
    ("00-first-answer", "Know.", RIGHT),
    ("00-first-answer", "Knows", WRONG),
    ("00-first-answer", ["Know", "Like"], WRONG),
    ("00-first-answer", "...", UNANSWERED),
    ("00-practice", "know", RIGHT),
    ("00-practice", "Refer", WRONG),
    ("00-practice", ..., UNANSWERED),
    ("00-count-customers", len(survey()), RIGHT),
    ("00-count-customers", f"{len(survey()):,}", RIGHT),  # "2,000", as a report writes it
    ("00-count-customers", survey().shape, WRONG),
    ("00-count-customers", survey().shape[1], WRONG),
    ("00-count-customers", len(survey()) - 1, WRONG),
    ("01-strategy-or-tactic", SORTED, RIGHT),
    ("01-strategy-or-tactic", {key: f" {value.capitalize()} " for key, value in SORTED.items()}, RIGHT),
    ("01-strategy-or-tactic", {**SORTED, "A13": "tactic"}, WRONG),
    ("01-strategy-or-tactic", {key: value for key, value in SORTED.items() if key != "A41"}, WRONG),
    ("01-strategy-or-tactic", {**SORTED, "A08": "..."}, UNANSWERED),
    ("01-smart-objective", right("01-smart-objective"), RIGHT),
    ("01-smart-objective", objective_with(metric="Free fabric sample requests"), RIGHT),
    ("01-smart-objective", objective_with(supports="Increase sales by 25%"), RIGHT),
    ("01-smart-objective", objective_with(deadline="31 December 2025"), RIGHT),  # the date as the question writes it
    ("01-smart-objective", objective_with(target=2_000), WRONG),  # the question says 1,800
    ("01-smart-objective", objective_with(deadline="2026-06-30"), WRONG),  # the question says 31 December 2025
    ("01-smart-objective", objective_with(baseline=1_000), WRONG),
    ("01-smart-objective", objective_with(metric="website visits"), WRONG),
    ("01-smart-objective", objective_with(supports="Win more Instagram followers"), WRONG),
    ("01-smart-objective", objective_with(supports="..."), UNANSWERED),
    ("01-objective-change", (58_000 - 40_000) / 40_000 * 100, RIGHT),
    ("01-objective-change", "45%", RIGHT),
    ("01-objective-change", 0.45, WRONG),
    ("01-objective-change", 44.6, WRONG),  # not 45 rounded: off by the sum
    ("01-objective-change", (58_000 - 40_000) / 58_000 * 100, WRONG),
    ("01-objective-change", 18_000, WRONG),
    ("01-build-the-plan", right("01-build-the-plan"), RIGHT),
    ("01-build-the-plan", plan_with(tactic="..."), UNANSWERED),
    ("01-build-the-plan", plan_with(tactic="x"), WRONG),
    ("01-build-the-plan", plan_with(deadline="2026-06-30"), WRONG),  # later than the target it serves
    ("01-build-the-plan", plan_with(target=5_000), WRONG),  # the draft's numbers changed
    ("01-build-the-plan", jl.Plan(right("01-build-the-plan").target), WRONG),
    ("02-segment-type", right("02-segment-type"), RIGHT),
    ("02-segment-type", {**right("02-segment-type"), "device": "Behavioral"}, RIGHT),
    ("02-segment-type", {**right("02-segment-type"), "household": "psychographic"}, WRONG),
    ("02-segment-type", {**right("02-segment-type"), "area": ...}, UNANSWERED),
    ("02-average-age", group("Design")["age"].mean(), RIGHT),
    ("02-average-age", round(group("Design")["age"].mean(), 1), RIGHT),
    ("02-average-age", round(group("Design")["age"].mean()), RIGHT),
    ("02-average-age", survey()["age"].mean(), WRONG),
    ("02-average-age", group("Design")["age"].median(), WRONG),
    ("02-average-age", survey().groupby("motivation")["age"].mean(), WRONG),  # the whole table
    ("02-average-age", [group("Design")["age"].mean()], WRONG),  # a list where a number is asked
    ("02-top-channel", "TikTok", RIGHT),
    ("02-top-channel", " tiktok", RIGHT),
    ("02-top-channel", "Instagram", WRONG),
    ("02-top-channel", group("Price")["preferred_channel"].value_counts(), WRONG),
    ("02-happiest-segment", "Design", RIGHT),
    ("02-happiest-segment", "design segment", RIGHT),
    ("02-happiest-segment", "Sustainability", WRONG),
    ("02-happiest-segment", "Quality", WRONG),
    ("02-empathy-map", right("02-empathy-map"), RIGHT),
    ("02-empathy-map", map_with("02-empathy-map", who="Price segment, the young price hunters"), RIGHT),
    ("02-empathy-map", map_with("02-empathy-map", says=["x"], thinks=["x"], does=["x"], feels=["x"]), WRONG),
    ("02-empathy-map", map_with("02-empathy-map", who="Convenience segment"), WRONG),
    ("02-empathy-map", map_with("02-empathy-map", feels=["..."]), UNANSWERED),
    ("02-canvas", right("02-canvas"), RIGHT),
    ("02-canvas", map_with("02-canvas", who="Busy parents in the suburbs"), RIGHT),
    ("02-canvas", map_with("02-canvas", who="Price segment"), WRONG),
    ("02-canvas", map_with("02-canvas", goal="x"), WRONG),
    ("02-canvas", map_with("02-canvas", hears=["..."]), UNANSWERED),
    ("03-median-age", group("Price")["age"].median(), RIGHT),
    ("03-median-age", "22", RIGHT),
    ("03-median-age", group("Price")["age"].mean(), WRONG),
    ("03-median-age", survey()["age"].median(), WRONG),
    ("03-median-age", [group("Price")["age"].median()], WRONG),
    ("03-pick-the-channel", "Facebook", RIGHT),
    ("03-pick-the-channel", "facebook ", RIGHT),
    ("03-pick-the-channel", "E-mail", WRONG),
    ("03-pick-the-channel", "Email", WRONG),
    ("03-pick-the-channel", "Instagram", WRONG),
    ("03-persona-complete", right("03-persona-complete"), RIGHT),
    ("03-persona-complete", persona_with(age=41, channels=("TV",)), RIGHT),
    ("03-persona-complete", persona_with(goals=("...",)), UNANSWERED),
    ("03-persona-complete", persona_with(role="..."), UNANSWERED),
    ("03-persona-complete", persona_with(name="x", age=0, role="x", goals=("x",), challenges=("x",), channels=("x",)),
     WRONG),
    ("03-persona-complete", persona_with(age=0), WRONG),
    ("03-persona-complete", persona_with(challenges=()), WRONG),
    ("03-persona-from-segment", segment_persona(), RIGHT),
    ("03-persona-from-segment", segment_persona(segment="convenience segment"), RIGHT),
    ("03-persona-from-segment", segment_persona(segment="Price"), WRONG),  # the segment the question did not ask
    ("03-persona-from-segment", segment_persona(segment=""), WRONG),  # the question says: set segment too
    ("03-persona-from-segment", segment_persona(age=25), WRONG),
    ("03-persona-from-segment", segment_persona(channels=("E-mail",)), WRONG),
    ("03-persona-from-segment", segment_persona(role="..."), UNANSWERED),
    ("04-order-the-stages", HOURGLASS, RIGHT),
    ("04-order-the-stages", tuple(name.lower() for name in HOURGLASS), RIGHT),
    ("04-order-the-stages", ["Know", "Like", "Try", "Trust", "Buy", "Repeat", "Refer"], WRONG),
    ("04-order-the-stages", HOURGLASS[:-1], WRONG),
    ("04-order-the-stages", ", ".join(HOURGLASS), WRONG),  # text, not a list
    ("04-order-the-stages", ["Know", "Like", "Trust", "...", "Buy", "Repeat", "Refer"], UNANSWERED),
    ("04-activity-stage", STEPS, RIGHT),
    ("04-activity-stage", {key.lower(): f"{value} stage" for key, value in STEPS.items()}, RIGHT),
    ("04-activity-stage", {**STEPS, "A12": "Know", "A04": "Like"}, WRONG),
    ("04-activity-stage", {**STEPS, "A20": ...}, UNANSWERED),
    ("04-step-conversion", funnel().loc["Buy", "step_conversion"], RIGHT),
    ("04-step-conversion", round(funnel().loc["Buy", "step_conversion"], 1), RIGHT),  # as funnel.round(1) shows it
    ("04-step-conversion", round(funnel().loc["Buy", "step_conversion"]), RIGHT),
    ("04-step-conversion", f"{funnel().loc['Buy', 'step_conversion']:.1f}%", RIGHT),
    ("04-step-conversion", funnel().loc["Buy", "step_conversion"] / 100, WRONG),
    ("04-step-conversion", funnel().loc["Buy", "overall_conversion"], WRONG),
    ("04-step-conversion", funnel(closed=False).loc["Buy", "step_conversion"], WRONG),
    ("04-step-conversion", funnel()["step_conversion"], WRONG),  # a column where a number is asked
    ("04-leakiest-stage", "Buy", RIGHT),
    ("04-leakiest-stage", "Try → Buy", RIGHT),
    ("04-leakiest-stage", "buy stage", RIGHT),
    ("04-leakiest-stage", "Like", WRONG),
    ("04-leakiest-stage", "Try", WRONG),
    ("04-touchpoint-conversion", tiktok_conversion(), RIGHT),
    ("04-touchpoint-conversion", round(tiktok_conversion(), 2), RIGHT),
    ("04-touchpoint-conversion", f"{tiktok_conversion():.2f}%", RIGHT),
    ("04-touchpoint-conversion", first_channel_tiktok_conversion(), WRONG),  # a first-channel filter
    ("04-touchpoint-conversion", funnel().loc["Buy", "overall_conversion"], WRONG),
    ("04-touchpoint-conversion", tiktok_conversion() / 100, WRONG),
    ("04-conversion-window", funnel(within="30D").loc["Buy", "users"], RIGHT),
    ("04-conversion-window", str(funnel(within="30D").loc["Buy", "users"]), RIGHT),
    ("04-conversion-window", funnel().loc["Buy", "users"], WRONG),
    ("04-conversion-window", funnel(closed=False, within="30D").loc["Buy", "users"], WRONG),
    ("04-conversion-window", funnel(within="30D").loc["Buy"], WRONG),  # a row where a number is asked
    ("04-breakdown-best-channel", "Referral", RIGHT),
    ("04-breakdown-best-channel", "referral ", RIGHT),
    ("04-breakdown-best-channel", "Instagram", WRONG),
    ("04-breakdown-best-channel", "TikTok", WRONG),
    ("04-breakdown-best-channel", "Friend's recommendation", WRONG),
    ("05-alias", "Decision", RIGHT),
    ("05-alias", "decision stage", RIGHT),
    ("05-alias", "Retention", WRONG),  # the same place in its list, not the same meaning
    ("05-alias", "Action", WRONG),
    ("05-alias", "Consideration", WRONG),
    ("05-choose-the-kpi", "Cart abandonment", RIGHT),
    ("05-choose-the-kpi", "cart abandonment RATE", RIGHT),
    ("05-choose-the-kpi", "Conversion rate", WRONG),
    ("05-choose-the-kpi", "Orders", WRONG),
    ("05-compute-ctr", may_ctr(), RIGHT),
    ("05-compute-ctr", round(may_ctr(), 2), RIGHT),
    ("05-compute-ctr", round(may_ctr(), 1), RIGHT),
    ("05-compute-ctr", round(may_ctr(month="2024-01"), 2), WRONG),  # January's rate, not May's
    ("05-compute-ctr", may_ctr(month="2024-08"), WRONG),  # August's 1.106 is not May's 1.111
    ("05-compute-ctr", may_ctr() / 100, WRONG),
    ("05-compute-ctr", may_ctr(stage="Like"), WRONG),
    ("05-nps", survey_nps(), RIGHT),
    ("05-nps", round(survey_nps()), RIGHT),
    ("05-nps", f"{survey_nps():.1f}", RIGHT),
    ("05-nps", 100 * (survey()["likelihood_to_recommend"] >= 9).mean(), WRONG),
    ("05-nps", survey_nps() / 100, WRONG),
    ("05-nps", survey()["likelihood_to_recommend"].mean(), WRONG),
    ("05-stage-goal", right("05-stage-goal"), RIGHT),
    ("05-stage-goal", goal_with(kpi="cart abandonment"), RIGHT),
    ("05-stage-goal", goal_with(better="higher"), WRONG),
    ("05-stage-goal", goal_with(target=0.7), WRONG),
    ("05-stage-goal", goal_with(target=80), WRONG),
    ("05-stage-goal", goal_with(kpi="Conversion rate"), WRONG),
    ("05-stage-goal", goal_with(goal="x"), WRONG),
    ("05-stage-goal", goal_with(goal="..."), UNANSWERED),
    ("05-goal-met", missed_months(), RIGHT),
    ("05-goal-met", list(reversed(missed_months())), RIGHT),  # order does not matter: a set
    ("05-goal-met", ", ".join(missed_months()), RIGHT),
    ("05-goal-met", ["April 2024", "Jul 2024", "2024-8", "Sep 2024", "December 2024"], RIGHT),
    ("05-goal-met", ["2024-09"], WRONG),
    ("05-goal-met", met_months(), WRONG),
    ("05-goal-met", [*missed_months(), "..."], UNANSWERED),
    ("06-touchpoint-stage", "Know", RIGHT),
    ("06-touchpoint-stage", "know stage", RIGHT),
    ("06-touchpoint-stage", "Like", WRONG),
    ("06-touchpoint-stage", "Trust", WRONG),
    ("06-store-share", trust_store_share(), RIGHT),
    ("06-store-share", round(trust_store_share(), 1), RIGHT),
    ("06-store-share", round(trust_store_share()), RIGHT),
    ("06-store-share", trust_store_share() / 100, WRONG),
    ("06-store-share", round(trust_store_share() + 0.4, 1), WRONG),  # not the share rounded: another sum
    ("06-store-share", 100 * ((events()["stage"] == "Trust") & (events()["channel"] == "Store")).mean(), WRONG),
    ("06-last-touch-by-hand", 3, RIGHT),
    ("06-last-touch-by-hand", "3", RIGHT),
    ("06-last-touch-by-hand", 4, WRONG),
    ("06-last-touch-by-hand", 0, WRONG),
    ("06-last-touch-by-hand", [1, 2, 3], WRONG),  # the customers, not the number
    ("06-linear-credit", 5 / 6, RIGHT),
    ("06-linear-credit", 0.83, RIGHT),
    ("06-linear-credit", 0.8, WRONG),  # one digit left: too rough to tell 5/6 from 4/5
    ("06-linear-credit", 3, WRONG),
    ("06-linear-credit", "1/3 + 1/4 + 1/4", WRONG),  # a sum in quotes is text
    ("06-removal-costs-most", "Store visit", RIGHT),
    ("06-removal-costs-most", "store visit", RIGHT),
    ("06-removal-costs-most", "Checkout (Web)", WRONG),
    ("06-removal-costs-most", "Instagram ad", WRONG),
    ("06-most-common-backward-move", ("Try", "Trust"), RIGHT),
    ("06-most-common-backward-move", "Try -> Trust", RIGHT),
    ("06-most-common-backward-move", ["try", "trust stage"], RIGHT),
    ("06-most-common-backward-move", ("Trust", "Try"), WRONG),
    ("06-most-common-backward-move", ("Trust", "Like"), WRONG),
    ("06-moves-from-try", share_back_from_try(), RIGHT),
    ("06-moves-from-try", round(share_back_from_try(), 1), RIGHT),
    ("06-moves-from-try", round(share_back_from_try()), RIGHT),
    ("06-moves-from-try", 100 - share_back_from_try(), WRONG),
    ("06-moves-from-try", round(share_back_from_try() + 0.4, 1), WRONG),
    ("06-moves-from-try", share_back_from_try() / 100, WRONG),
    ("06-cycle-phase", "Consideration", RIGHT),
    ("06-cycle-phase", "consideration phase", RIGHT),
    ("06-cycle-phase", ["Consideration"], RIGHT),  # what jl.convert gives
    ("06-cycle-phase", "Purchase", WRONG),
    ("06-cycle-phase", "Try", WRONG),
    ("07-persona-for-journey", right("07-persona-for-journey"), RIGHT),
    ("07-persona-for-journey", persona_in_journey_with(quote=""), WRONG),
    ("07-persona-for-journey", persona_in_journey_with(age=0), WRONG),
    ("07-persona-for-journey", persona_in_journey_with(role="x", quote="x"), WRONG),
    ("07-persona-for-journey", persona_in_journey_with(quote="..."), UNANSWERED),
    ("07-goal-kpi", right("07-goal-kpi"), RIGHT),
    ("07-goal-kpi", goal_kpi_with("Like", jl.StageGoal("Keep visitors looking around", "bounce rate", 40,
                                                       better="lower")), RIGHT),
    ("07-goal-kpi", goal_kpi_with("Buy", jl.StageGoal("Fewer leave the checkout", "Cart abandonment rate", 60)),
     WRONG),
    ("07-goal-kpi", journey_of_one_goal(), WRONG),  # the two goals removed instead of fixed
    ("07-negative-moment", right("07-negative-moment"), RIGHT),
    ("07-negative-moment", with_pain(), RIGHT),
    ("07-negative-moment", with_pain(pain_point=""), WRONG),
    ("07-negative-moment", with_pain(pain_point="x"), WRONG),
    ("07-negative-moment", with_pain(pain_point="..."), UNANSWERED),
    ("07-complete-journey", right("07-complete-journey"), RIGHT),
    ("07-complete-journey", complete_with_touchpoint("Referral link", "Sends a friend a discount link"), RIGHT),
    ("07-complete-journey", right("07-negative-moment"), WRONG),
    ("07-complete-journey", complete_with_touchpoint("x", "x"), WRONG),
    ("07-complete-journey", complete_with_touchpoint("...", "..."), UNANSWERED),
    ("07-place-on-matrix", "big bets", RIGHT),
    ("07-place-on-matrix", "Big bet", RIGHT),
    ("07-place-on-matrix", "Quick wins", WRONG),
    ("07-place-on-matrix", "Thankless tasks", WRONG),
    ("07-rank-by-value-per-effort", RANKING, RIGHT),
    ("07-rank-by-value-per-effort", [title.lower() for title in RANKING], RIGHT),
    ("07-rank-by-value-per-effort", list(reversed(RANKING)), WRONG),
    ("07-rank-by-value-per-effort", RANKING[:2], WRONG),
    ("07-rank-by-value-per-effort", [*RANKING[:2], "..."], UNANSWERED),
    ("07-missed-goal-first", "Buy", RIGHT),
    ("07-missed-goal-first", "buy stage", RIGHT),
    ("07-missed-goal-first", "Like", WRONG),
    ("07-missed-goal-first", "Repeat", WRONG),
    ("08-buy-event", "purchase", RIGHT),
    ("08-buy-event", " Purchase ", RIGHT),
    ("08-buy-event", "begin_checkout", WRONG),  # the checkout starts, many leave before paying
    ("08-buy-event", "Buy", WRONG),  # the stage, not the event
    ("08-buy-event", "purchases", WRONG),
    ("08-buy-event", "...", UNANSWERED),
    ("08-events-left-out", int(ga4_counts().sum()) - len(ga4_events()), RIGHT),
    ("08-events-left-out", f"{int(ga4_counts().sum()) - len(ga4_events()):,}", RIGHT),  # "2,033", as the summary writes it
    ("08-events-left-out", len(ga4_events()), WRONG),  # the events kept
    ("08-events-left-out", int(ga4_counts().sum()), WRONG),  # every event read
    ("08-events-left-out", int(ga4_counts()["scroll"]), WRONG),  # one name's events
    ("08-events-left-out", 2000, WRONG),  # a round guess: a whole number is read as exact
    ("08-first-touch-trap", trap_purchase()["channel"], RIGHT),
    ("08-first-touch-trap", trap_purchase()["channel"].lower().replace("email", "e-mail"), RIGHT),
    ("08-first-touch-trap", trap_purchase()["first_touch"], WRONG),  # the trap
    ("08-first-touch-trap", "Instagram", WRONG),  # a source, not a channel
    ("08-first-touch-trap", ..., UNANSWERED),
    ("08-step-into-buy", ga4_funnel().loc["Buy", "step_conversion"], RIGHT),
    ("08-step-into-buy", f"{ga4_funnel().loc['Buy', 'step_conversion']:.1f}%", RIGHT),
    ("08-step-into-buy", round(ga4_funnel().loc["Buy", "step_conversion"]), RIGHT),
    ("08-step-into-buy", ga4_funnel().loc["Buy", "overall_conversion"], WRONG),
    ("08-step-into-buy", 100 * ga4_counts()["purchase"] / ga4_counts()["add_to_cart"], WRONG),  # events, not customers
    ("08-step-into-buy", ga4_funnel().loc["Buy", "step_conversion"] / 100, WRONG),
    ("08-step-into-buy", "...", UNANSWERED),
    ("08-after-trust", after_trust()["target"], RIGHT),
    ("08-after-trust", "exit", RIGHT),
    ("08-after-trust", "Try", WRONG),  # the step forward, which fewer took
    ("08-after-trust", "Trust", WRONG),  # where the paths start
    ("08-after-trust", int(after_trust()["users"]), WRONG),  # the number, not the node
]


def _row_id(row):
    return f"{row[0]}:{row[1]!r}"[:70]


@pytest.mark.parametrize("exercise_id, answer, verdict", ANSWERS, ids=[_row_id(row) for row in ANSWERS])
def test_each_answer_gets_its_verdict(exercise_id, answer, verdict):
    feedback = check(exercise_id, answer)
    assert feedback.status == verdict, str(feedback)
    assert "could not be checked" not in feedback.message, "an odd answer gets a sentence, not an error's name"


def test_every_exercise_has_a_right_answer_and_two_slips_in_the_table():
    rows = {exercise_id: [verdict for rowid, _, verdict in ANSWERS if rowid == exercise_id]
            for exercise_id in course_exercises()}
    thin = [exercise_id for exercise_id, verdicts in rows.items()
            if len(verdicts) < 3 or RIGHT not in verdicts or WRONG not in verdicts]
    assert not thin, f"exercises with fewer than three rows, or no right or wrong one: {thin}"


def test_a_rounded_answer_is_accepted_and_the_feedback_gives_the_exact_value():
    feedback = check("06-linear-credit", 0.83)
    assert feedback.passed
    assert feedback.message == "correct! Well done. The exact value is 0.8333; your rounded 0.83 counts."
    as_printed = check("04-step-conversion", f"{funnel().loc['Buy', 'step_conversion']:.1f}%")
    assert as_printed.message == "correct! Well done. The exact value is 33.747; your rounded 33.7% counts."
    assert check("05-nps", 14).message == "correct! Well done. The exact value is 13.55; your rounded 14 counts."


def test_an_exact_answer_gets_no_remark():
    assert check("06-linear-credit", 5 / 6).message == "correct! Well done."


def test_a_persona_from_the_wrong_segment_is_told_the_segment_asked():
    feedback = check("03-persona-from-segment", segment_persona(segment="Price"))
    assert feedback.message == ("not quite. The persona's segment is 'Price', but the question builds it from the "
                                "Convenience segment: set segment=\"Convenience\".")


def test_a_smart_objective_that_contradicts_the_question_is_told_which_number_to_fix():
    target = check("01-smart-objective", objective_with(target=2_000)).message
    assert target == ("not quite. The target is 2,000, but the team wants 1,800 requests: "
                      "set target=1800.")
    deadline = check("01-smart-objective", objective_with(deadline="2026-06-30")).message
    assert deadline == ("not quite. The deadline is 30 June 2026, but the team wants the requests by "
                        "31 December 2025: set deadline=\"2025-12-31\".")


def test_a_table_or_a_list_where_a_number_is_asked_says_what_to_pick():
    table = check("02-average-age", survey().groupby("motivation")["age"].mean()).message
    assert table == ("not quite. That is a table of 4 numbers, one per motivation; the question asks for one "
                     "of them: pick it with .loc[...].")
    listed = check("02-average-age", [47.7]).message
    assert listed == "not quite. That is a list (in square brackets); give the one number itself, such as 47.5."


def test_text_that_is_only_filler_is_named_with_its_field():
    persona = persona_with(name="x", age=0, role="x", goals=("x",), challenges=("x",), channels=("x",))
    assert check("03-persona-complete", persona).message == (
        "not quite. The persona's age is 0: give the age of a grown-up customer, such as 35.")
    assert check("03-persona-complete", persona_with(role="x")).message == (
        "not quite. The persona's role is only 'x': write a real role, in words a colleague would understand.")


def test_months_in_any_order_count_as_the_same_answer():
    months = missed_months()
    assert check("05-goal-met", months) and check("05-goal-met", sorted(months, reverse=True))
