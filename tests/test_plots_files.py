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


# -- a PDF on a true paper size ---------------------------------------------------------------

MEDIA_BOX = __import__("re").compile(rb"/MediaBox\s*\[\s*([-\d.\s]+)\]")


def media_boxes_mm(pdf: bytes) -> list[tuple[float, float]]:
    """Every page's MediaBox of a PDF, as (width, height) in millimetres."""
    boxes = [[float(number) for number in found.split()] for found in MEDIA_BOX.findall(pdf)]
    return [(round((x1 - x0) * 25.4 / 72, 1), round((y1 - y0) * 25.4 / 72, 1)) for x0, y0, x1, y1 in boxes]


@pytest.mark.parametrize("paper, size", [("A3", (420.0, 297.0)), ("a4", (297.0, 210.0)), ("Letter", (279.4, 215.9))])
def test_a_pdf_on_paper_is_that_sheet_in_landscape(tmp_path, paper, size):
    figure = plots.journey_map(emotion_journey())
    pdf = plots.export(figure, tmp_path / "map.pdf", paper=paper).read_bytes()
    assert media_boxes_mm(pdf) == [size]


def test_without_paper_a_pdf_is_the_figures_own_size(tmp_path):
    figure = plots.journey_map(emotion_journey())
    width, height = figure.get_size_inches() * 25.4
    pdf = plots.export(figure, tmp_path / "map.pdf").read_bytes()
    assert media_boxes_mm(pdf) == [(round(width, 1), round(height, 1))]


def test_the_figure_is_scaled_to_fit_the_sheet_and_centred(tmp_path):
    figure = plots.journey_map(emotion_journey())
    width, height = figure.get_size_inches() * 72
    pdf = plots.export(figure, tmp_path / "map.pdf", paper="A3").read_bytes()
    scale = min(1190.55 / width, 841.89 / height)
    import zlib

    stream = pdf[pdf.index(b"stream", pdf.index(b"/Length")) + 7:]
    content = zlib.decompress(stream, wbits=15, bufsize=1 << 16) if stream[:1] == b"x" else stream
    first = content.split(b"cm", 1)[0].split()[-6:]
    numbers = [float(value) for value in first]
    assert numbers[0] == pytest.approx(scale, rel=1e-3) and numbers[3] == pytest.approx(scale, rel=1e-3)
    assert numbers[4] == pytest.approx((1190.55 - width * scale) / 2, abs=0.5)  # centred across
    assert numbers[5] == pytest.approx((841.89 - height * scale) / 2, abs=0.5)  # and up and down


@pytest.mark.parametrize("paper, path, field_problem", [
    ("A5", "map.pdf", "is not a sheet export knows"),
    ("A3", "map.png", "applies to a PDF only, not a PNG"),
])
def test_a_paper_export_cannot_make_is_refused_and_writes_nothing(tmp_path, paper, path, field_problem):
    with pytest.raises(ValidationError) as caught:
        plots.export(plots.persona_card(Persona("Ola")), tmp_path / path, paper=paper)
    assert caught.value.field == "paper" and field_problem in caught.value.problem
    assert list(tmp_path.iterdir()) == []


def test_figure_svg_is_what_export_writes(tmp_path):
    figure = plots.persona_card(full_persona())
    written = plots.export(figure, tmp_path / "card.svg").read_text(encoding="utf-8")
    assert plots.files.figure_svg(figure) == written


def test_a_png_export_of_a_figure_just_shown_writes_the_shown_picture_without_drawing_it_again(tmp_path, monkeypatch):
    fresh = plots.export(plots.persona_card(full_persona()), tmp_path / "fresh.png").read_bytes()
    figure = plots.persona_card(full_persona())
    shown, _ = figure._repr_png_()  # what Jupyter calls to show the figure
    monkeypatch.setattr(figure, "savefig", lambda *args, **kwargs: pytest.fail("drawn a second time"))
    assert plots.export(figure, tmp_path / "card.png").read_bytes() == shown == fresh


def test_a_figure_exported_as_png_and_then_shown_shows_the_file_without_drawing_it_again(tmp_path, monkeypatch):
    figure = plots.persona_card(full_persona())
    written = plots.export(figure, tmp_path / "card.png").read_bytes()
    monkeypatch.setattr(figure, "savefig", lambda *args, **kwargs: pytest.fail("drawn a second time"))
    shown, _ = figure._repr_png_()
    assert shown == written


@pytest.mark.parametrize("change", [
    lambda figure: figure.suptitle("A later title"),
    lambda figure: figure.axes[0].text(0.5, 0.5, "a note added later"),
    lambda figure: figure.axes[0].texts[0].set_color("red"),  # an artist drawn before, changed in place
    lambda figure: figure.set_size_inches(4, 3),
])
def test_a_figure_changed_after_it_was_shown_is_drawn_afresh(tmp_path, change):
    figure = plots.persona_card(full_persona())
    shown, _ = figure._repr_png_()
    change(figure)
    exported = plots.export(figure, tmp_path / "card.png").read_bytes()
    assert exported != shown
    assert exported == plots.export(figure, tmp_path / "again.png").read_bytes()


def test_a_png_at_another_dpi_or_another_format_is_drawn_afresh(tmp_path):
    figure = plots.persona_card(full_persona())
    shown, _ = figure._repr_png_()
    assert plots.export(figure, tmp_path / "card.png", dpi=100).read_bytes() != shown
    assert plots.export(figure, tmp_path / "card.svg").read_bytes().startswith(b"<?xml")
