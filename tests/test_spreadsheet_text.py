"""CSV files the package writes open in a spreadsheet as text, and read back unchanged."""

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from journeylab.collect import Submission, completion_table, write_report
from journeylab.journey import Journey
from journeylab.journey_parts import Opportunity, Touchpoint
from journeylab.spreadsheet_text import from_cell, to_cell

FORMULAS = ['=HYPERLINK("http://example.com","click")', "+1+1", "-1+cmd|' /C calc'!A0", "@SUM(A1:A9)", "\t=1"]


@given(st.text())
def test_every_text_reads_back_as_it_was(text):
    assert from_cell(to_cell(text)) == text


def test_no_cell_starts_like_a_formula_but_numbers_stay_numbers():
    for formula in FORMULAS:
        assert to_cell(formula).startswith("'")
    assert to_cell("-2") == "-2" and to_cell("12,000") == "12,000"


def test_the_plan_csv_keeps_formulas_out_and_round_trips(tmp_path):
    journey = Journey(FORMULAS[0])
    journey.add_touchpoint("Know", Touchpoint("@instagram", customer_action="+ sees an ad", emotion=-2))
    journey.add_opportunity("Buy", Opportunity("=cheap trick", pain_point="-high fees"))
    path = journey.to_csv(tmp_path / "plan.csv")
    cells = pd.read_csv(path, dtype=str, keep_default_na=False).to_numpy().ravel()
    assert not any(cell.startswith(("=", "+", "@")) or (cell.startswith("-") and cell != "-2") for cell in cells)
    assert Journey.from_csv(path) == journey


def test_the_completion_table_keeps_a_participant_named_like_a_formula_as_text(tmp_path):
    table = completion_table([Submission("=HYPERLINK(\"x\")", "00.ipynb", {"00-first-answer": "passed"})])
    path = write_report(table, tmp_path / "completion.csv")
    cell = pd.read_csv(path, dtype=str, keep_default_na=False)["participant"][0]
    assert cell == "'=HYPERLINK(\"x\")"  # a spreadsheet shows the text and hides the quote
