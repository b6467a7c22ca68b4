"""journeylab.plots.files: export to PNG, SVG and PDF, the same bytes each time, and the formats it refuses."""

import pytest

from journeylab import plots
from journeylab.errors import ValidationError
from journeylab.personas import Persona

from plot_cases import emotion_journey, full_persona


@pytest.mark.parametrize("suffix, magic", [("png", b"\x89PNG\r\n\x1a\n"), ("svg", b"<?xml"), ("pdf", b"%PDF-")])
def test_export_writes_each_format_and_returns_the_path(tmp_path, suffix, magic):
    path = plots.export(plots.persona_card(Persona("Ola")), tmp_path / f"card.{suffix}")
    assert path == tmp_path / f"card.{suffix}"
    assert path.read_bytes().startswith(magic)
    assert [item.name for item in tmp_path.iterdir()] == [path.name]  # no temporary file left behind


@pytest.mark.parametrize("suffix", ["png", "svg", "pdf"])
def test_the_same_input_exported_twice_gives_the_same_bytes(tmp_path, suffix):
    first = plots.export(plots.persona_card(full_persona()), tmp_path / f"first.{suffix}").read_bytes()
    second = plots.export(plots.persona_card(full_persona()), tmp_path / f"second.{suffix}").read_bytes()
    assert first == second


def test_exported_files_carry_no_date(tmp_path):
    svg = plots.export(plots.persona_card(Persona("Ola")), tmp_path / "card.svg").read_text(encoding="utf-8")
    pdf = plots.export(plots.persona_card(Persona("Ola")), tmp_path / "card.pdf").read_bytes()
    assert "<dc:date>" not in svg and b"/CreationDate" not in pdf


def test_export_takes_the_format_from_the_argument_and_adds_the_ending(tmp_path):
    path = plots.export(plots.persona_card(Persona("Ola")), tmp_path / "card", format="PDF")
    assert path.name == "card.pdf" and path.read_bytes().startswith(b"%PDF-")


def test_export_replaces_an_existing_file(tmp_path):
    (tmp_path / "card.png").write_bytes(b"old picture")
    plots.export(plots.persona_card(Persona("Ola")), tmp_path / "card.png")
    assert (tmp_path / "card.png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(
    "name, format, field",
    [("map.jpg", None, "format"), ("map.png", "gif", "format"), ("map", None, "format"), ("map.png", "pdf", "format")],
)
def test_export_refuses_a_format_it_cannot_write_listing_png_svg_and_pdf(tmp_path, name, format, field):
    with pytest.raises(ValidationError) as caught:
        plots.export(plots.persona_card(Persona("Ola")), tmp_path / name, format=format)
    assert caught.value.field == field
    assert caught.value.allowed == "png, svg, pdf"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name, format", [("map.png", None), ("map.html", "png"), ("map.html", None)])
def test_export_of_a_journey_says_to_draw_the_map_first_or_export_the_page(tmp_path, name, format):
    with pytest.raises(ValidationError) as caught:
        plots.export(emotion_journey(), tmp_path / name, format=format)
    assert caught.value.field == "figure" and "journey_map(journey)" in caught.value.allowed
    assert "export_page" in caught.value.allowed
    assert list(tmp_path.iterdir()) == []


def test_export_refuses_what_is_not_a_figure(tmp_path):
    with pytest.raises(ValidationError) as caught:
        plots.export("my journey", tmp_path / "map.png")
    assert caught.value.field == "figure"
