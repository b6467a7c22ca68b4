"""journeylab.plots.style: one look, one palette, and no global state left behind."""

import ast
from pathlib import Path

import matplotlib

from journeylab import plots

from plot_cases import funnel_table


def test_the_palette_is_okabe_ito():
    assert set(plots.OKABE_ITO.values()) == {
        "#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}


def test_a_notebook_that_changed_matplotlib_settings_gets_the_same_picture(tmp_path):
    before = plots.export(plots.funnel(funnel_table([100, 40])), tmp_path / "before.png").read_bytes()
    changes = {"font.size": 30, "font.weight": "bold", "patch.force_edgecolor": True, "patch.edgecolor": "red"}
    with matplotlib.rc_context(changes):
        changed = plots.export(plots.funnel(funnel_table([100, 40])), tmp_path / "changed.png").read_bytes()
    assert changed == before
    assert matplotlib.rcParams["font.size"] == 10.0  # and the notebook's own settings were put back


def test_jupyter_can_show_a_figure_without_pyplot():
    figure = plots.funnel(funnel_table([100, 40]))
    png, size = figure._repr_png_()  # what IPython calls to display an object as an image
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = figure.get_size_inches()
    assert size == {"width": round(width * 100), "height": round(height * 100)}  # shown at 100 pixels per inch
    assert repr(figure) == "<Figure: How many people reach each stage>"  # a notebook's text output, stable


def test_no_plot_module_imports_pyplot_so_nothing_is_left_in_global_state():
    for module in sorted(Path(plots.__file__).parent.glob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        names = []
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names += [alias.name for alias in node.names] + [getattr(node, "module", None) or ""]
            elif isinstance(node, ast.Attribute):
                names.append(node.attr)  # matplotlib.pyplot used without importing it by name
        assert not any("pyplot" in name for name in names), module.name
