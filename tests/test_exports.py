"""journeylab.exports: one naming scheme, one folder per journey, the map drawn once for every format."""

import re

import matplotlib

matplotlib.use("Agg")

import pytest
from test_page import workshop_journey

import journeylab as jl
from journeylab import exports, plots
from journeylab.errors import UnknownNameError, ValidationError
from journeylab.exports import export_journey, journey_files
from journeylab.journey import Journey
from journeylab.personas import EmpathyMap

EVERY_FILE = ["map.png", "map.svg", "map.pdf", "page.html", "plan.csv", "plan.md", "journey.json", "matrix.png",
              "persona_card.png"]


def test_a_journeys_files_sit_in_a_folder_named_after_it(tmp_path):
    files = journey_files(Journey("Nordlys Home & Co."), tmp_path)
    assert files.folder == tmp_path / "nordlys_home_co"
    assert [path.name for path in (files.map_png, files.map_svg, files.map_pdf, files.page, files.plan_csv,
                                   files.plan_md, files.journey_json)] == EVERY_FILE[:7]
    assert {path.parent for path in vars(files).values() if path != files.folder} == {files.folder}


def test_two_journeys_never_share_a_folder_and_a_name_gives_the_same_folder_as_its_journey(tmp_path):
    assert journey_files(Journey("Nordlys Home"), tmp_path).folder != journey_files(Journey("Ærø Cykler"), tmp_path).folder
    assert journey_files("Ærø Cykler", tmp_path) == journey_files(Journey("Ærø Cykler"), tmp_path)
    assert journey_files("  !!  ", tmp_path).folder.name == "journey"  # nothing usable in the name: still a folder


@pytest.mark.parametrize("fmt, name", [("png", "map.png"), ("pdf", "map.pdf"), ("html", "page.html"),
                                       ("csv", "plan.csv"), ("md", "plan.md"), ("json", "journey.json")])
def test_each_export_button_has_its_file(tmp_path, fmt, name):
    assert journey_files("Nordlys Home", tmp_path).for_format(fmt).name == name


def test_an_unknown_format_names_the_ones_there_are():
    with pytest.raises(ValidationError) as caught:
        journey_files("Nordlys Home").for_format("docx")
    assert caught.value.field == "format" and "csv" in caught.value.allowed


def test_export_journey_writes_every_file_into_the_journeys_folder_and_lists_them(tmp_path):
    result = export_journey(workshop_journey(), tmp_path, empathy_map=EmpathyMap(who="Jessica", says=["Hi"]))
    folder = tmp_path / "nordlys_home"
    assert [path.name for path in result] == EVERY_FILE + ["empathy_map.png"]
    assert sorted(item.name for item in folder.iterdir()) == sorted(EVERY_FILE + ["empathy_map.png"])
    assert list(tmp_path.iterdir()) == [folder]  # nothing outside the journey's folder
    assert repr(result).splitlines()[0] == f"Written to the folder {folder.as_posix()}:"
    assert Journey.load(folder / "journey.json") == workshop_journey()
    assert Journey.from_csv(folder / "plan.csv") == workshop_journey()


def test_the_map_is_drawn_once_and_every_format_and_the_page_show_that_drawing(tmp_path, monkeypatch):
    calls = []
    real = exports.draw_journey_map

    def counted(journey):
        calls.append(journey.name)
        return real(journey)

    monkeypatch.setattr(exports, "draw_journey_map", counted)
    monkeypatch.setattr("journeylab.page.journey_map", counted)
    result = export_journey(workshop_journey(), tmp_path)
    assert calls == ["Nordlys Home"]
    svg = (result.files.map_svg).read_text(encoding="utf-8")
    page = result.files.page.read_text(encoding="utf-8")
    drawn = re.search(r"<svg\b.*?</svg>", svg, re.DOTALL).group(0)
    paths = re.findall(r' d="([^"]+)"', drawn)
    assert paths and all(f' d="{path}"' in page for path in paths)  # the page holds the same drawing
    assert result._repr_mimebundle_()["image/png"] == result.files.map_png.read_bytes()  # display: the PNG written


def test_a_map_drawn_already_is_used_and_not_drawn_again(tmp_path, monkeypatch):
    figure = plots.journey_map(workshop_journey())
    monkeypatch.setattr(exports, "draw_journey_map", lambda journey: pytest.fail("drew the map again"))
    monkeypatch.setattr("journeylab.page.journey_map", lambda journey: pytest.fail("the page drew it again"))
    result = export_journey(workshop_journey(), tmp_path, journey_map=figure)
    assert result.journey_map is figure


def test_the_matrix_counts_the_missed_goals_as_the_page_does(tmp_path):
    journey = workshop_journey()
    actuals = {"Buy": 2.1}  # misses the Buy goal of 3 %: that stage's ideas count half as much again
    written = export_journey(journey, tmp_path, actuals=actuals).files.matrix_png.read_bytes()
    with_actuals = plots.export(plots.opportunity_matrix(journey, actuals=actuals), tmp_path / "with.png")
    without = plots.export(plots.opportunity_matrix(journey), tmp_path / "without.png")
    assert with_actuals.read_bytes() != without.read_bytes()
    assert written == with_actuals.read_bytes()


def test_the_matrix_it_returns_shows_matrix_png_without_drawing_it_again(tmp_path, monkeypatch):
    result = export_journey(workshop_journey(), tmp_path, actuals={"Buy": 2.1})
    monkeypatch.setattr(result.matrix, "savefig", lambda *args, **kwargs: pytest.fail("drew the matrix again"))
    shown, _ = result.matrix._repr_png_()  # what Jupyter calls to show it
    assert shown == result.files.matrix_png.read_bytes()


def test_the_pdf_map_is_an_a3_landscape_sheet(tmp_path):
    pdf = export_journey(workshop_journey(), tmp_path).files.map_pdf.read_bytes()
    box = [float(n) for n in re.search(rb"/MediaBox\s*\[([-\d.\s]+)\]", pdf).group(1).split()]
    assert (round(box[2] * 25.4 / 72), round(box[3] * 25.4 / 72)) == (420, 297)


def test_the_same_journey_exported_twice_gives_the_same_files(tmp_path):
    first = export_journey(workshop_journey(), tmp_path / "first")
    second = export_journey(workshop_journey(), tmp_path / "second")
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name


@pytest.mark.parametrize("call, error, field", [
    (lambda folder: export_journey("Nordlys Home", folder), ValidationError, "journey"),
    (lambda folder: export_journey(workshop_journey(), folder, journey_map="map.png"), ValidationError, "journey_map"),
    (lambda folder: export_journey(workshop_journey(), folder, empathy_map={"says": []}), ValidationError, "empathy_map"),
    (lambda folder: export_journey(workshop_journey(), folder, actuals={"Checkout": 2.1}), UnknownNameError, "stage"),
    (lambda folder: export_journey(workshop_journey(), folder, actuals={"Buy": "2%"}), ValidationError, "actuals.Buy"),
])
def test_what_cannot_be_exported_is_refused_before_anything_is_written(tmp_path, call, error, field):
    with pytest.raises(error) as caught:
        call(tmp_path)
    assert caught.value.field == field
    assert list(tmp_path.iterdir()) == []


def test_the_notebook_calls_it_from_the_front_door():
    assert jl.export_journey is export_journey and jl.journey_files is journey_files
    assert {"export_journey", "journey_files"} <= set(jl.__all__)
