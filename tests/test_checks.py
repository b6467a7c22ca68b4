"""Exercise checks: right, wrong and unanswered answers, hints and progress."""

import json

import pytest

from journeylab import checks, exercises, progress_store
from journeylab.checks import EXERCISES
from journeylab.errors import UnknownNameError
from journeylab.exercises import check, hint, progress


@pytest.fixture(autouse=True)
def progress_file(tmp_path, monkeypatch):
    path = tmp_path / "progress.json"
    monkeypatch.setenv(progress_store.PROGRESS_ENV, str(path))
    monkeypatch.setattr(exercises, "_hints_given", {})
    return path


def all_exercises():
    return sorted(exercises.course_exercises())


@pytest.mark.parametrize("exercise_id", all_exercises())
def test_every_check_tells_a_placeholder_from_a_wrong_and_a_right_answer(exercise_id):
    exercise = EXERCISES[exercise_id]
    assert check(exercise_id, ...).status == "not answered yet"
    wrong = check(exercise_id, exercise.wrong_example)
    assert wrong.status == "incorrect" and not wrong
    assert wrong.hint, "a wrong answer always comes with a hint"
    if exercise.right_example is not None:
        assert check(exercise_id, exercise.right_example).passed


@pytest.mark.parametrize("exercise_id", all_exercises())
def test_every_exercise_has_hints_that_run_out_politely(exercise_id):
    count = len(EXERCISES[exercise_id].hints)
    assert count >= 1
    given = [hint(exercise_id) for _ in range(count + 1)]
    assert given[0].startswith(f"Hint 1 of {count}:")
    assert "solutions/" in given[-1]


@pytest.mark.parametrize("answer", [..., [..., "Know"], {"stage": ...}])
def test_placeholders_anywhere_in_an_answer_read_as_not_answered(answer):
    assert str(check("00-first-answer", answer)).startswith("… 00-first-answer: not answered yet.")


def test_none_reads_as_not_answered_and_says_where_a_none_comes_from():
    assert str(check("00-first-answer", None)).startswith("… 00-first-answer: the answer is None, which is what print(...)")


def test_feedback_reads_well_as_text_and_html():
    right, wrong = check("00-first-answer", " know "), check("00-first-answer", "Buy")
    assert str(right) == "✔ 00-first-answer: correct! Well done."
    assert str(wrong).startswith("✘ 00-first-answer: not quite. 'Buy' is not where the hourglass starts.\n  Hint: ")
    assert "<b>Hint:</b>" in wrong._repr_html_()


def test_a_checker_that_trips_over_an_odd_answer_reports_instead_of_raising():
    @checks.exercise("99-fragile", hints=["Give a number."], wrong="x")
    def fragile(answer):
        return None if answer / 2 == 1 else "not two"

    try:
        feedback = check("99-fragile", "two")
        assert feedback.status == "incorrect"
        assert "could not be checked (TypeError" in feedback.message
    finally:
        del EXERCISES["99-fragile"]


def test_an_unknown_exercise_lists_the_real_ones():
    with pytest.raises(UnknownNameError, match=r"exercise: there is no exercise with this id .*00-first-answer"):
        check("00-frist-answer", "Know")


def test_progress_remembers_passes_across_kernels(progress_file):
    assert "passed 0 of" in str(progress())
    check("00-first-answer", "Buy")
    assert progress().passed == ()
    check("00-first-answer", "Know")
    assert json.loads(progress_file.read_text())["passed"] == ["00-first-answer"]
    assert progress().passed == ("00-first-answer",)
    assert "✔ First answer" in str(progress())


@pytest.mark.parametrize("content", ["{broken", "[" * 100_000 + "]" * 100_000, '{"passed": 7}', "[]"])
def test_an_unreadable_progress_file_starts_again_instead_of_failing(progress_file, content):
    progress_file.write_text(content)
    assert progress().passed == ()
    assert check("00-first-answer", "Know").passed


def test_throwaway_progress_keeps_passes_out_of_the_learners_file(progress_file):
    with progress_store.throwaway_progress():
        check("00-first-answer", "Know")
    assert not progress_file.exists()
    assert progress().passed == ()


@pytest.mark.parametrize(
    "answer, number",
    [(45, 45.0), ("45%", 45.0), (" 45 % ", 45.0), ("40,000", 40000.0), ("1,234,567.5", 1234567.5), ("23,4", 23.4),
     ("-3", -3.0), (True, None), ("lots", None), ([45], None)],
)
def test_numbers_in_answers_are_read_as_learners_write_them(answer, number):
    from journeylab.exercises._answers import number_in

    assert number_in(answer) == number


def test_a_mistyped_id_suggests_the_closest_ids_not_all_of_them():
    with pytest.raises(UnknownNameError) as caught:
        check("leakiest", 3)
    assert caught.value.allowed == "04-leakiest-stage"


def test_a_hint_shows_as_text_not_as_a_quoted_string():
    shown = repr(hint("00-first-answer"))
    assert shown.startswith("Hint 1 of 2:") and not shown.startswith("'")


def test_progress_lists_lesson_order_with_titles_and_leaves_practice_out():
    check("00-practice", "Know")
    text = str(progress())
    assert "00-practice" not in progress().total and "passed 0 of 49" in text
    assert text.splitlines()[1] == "Notebook 00: · First answer  · Count customers"
    assert text.index("SMART objective") < text.index("Build the plan")  # as notebook 01 asks them


def test_two_kernels_passing_at_once_both_keep_their_passes(progress_file):
    import subprocess
    import sys

    code = ("import sys\nfrom journeylab.progress_store import record_pass\n"
            "for number in range(40):\n    record_pass(f'{sys.argv[1]}-{number}')\n")
    runs = [subprocess.Popen([sys.executable, "-c", code, name]) for name in ("a", "b")]
    assert [run.wait() for run in runs] == [0, 0]
    assert len(json.loads(progress_file.read_text())["passed"]) == 80
