"""journeylab.plots.attribution: the attribution models side by side, and a funnel line per group."""

from itertools import chain, combinations

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from journeylab import plots
from journeylab.errors import SchemaError, UnknownNameError, ValidationError

from plot_cases import BLUE, HOURGLASS, VERMILLION, shows

# -- attribution: the models side by side -------------------------------------------------


def importance_table() -> pd.DataFrame:
    """Three models over four touchpoints; every column adds up to the same 10 purchases.

    Markov minus last touch: Checkout -5, Store visit +4, Instagram ad +2, Store till -1,
    so the store visit is the touchpoint last touch undervalues most.
    """
    return pd.DataFrame(
        {"first_touch": [0.0, 0.0, 7.0, 3.0], "last_touch": [8.0, 0.0, 0.0, 2.0], "markov": [3.0, 4.0, 2.0, 1.0]},
        index=pd.Index(["Checkout (Web)", "Store visit", "Instagram ad", "Store till"], name="touchpoint"),
    )


def panels(figure: Figure) -> dict:
    """Each model's panel by its title."""
    return {axes.get_title(loc="left"): axes for axes in figure.axes[1:]}


def bars(axes) -> dict:
    """A panel's bars by touchpoint: (length, colour)."""
    return {patch.get_label(): (patch.get_width(), to_hex(patch.get_facecolor()).upper())
            for patch in axes.patches if patch.get_label() and not patch.get_label().startswith("_")}


def test_attribution_comparison_has_a_panel_per_model_and_a_row_per_touchpoint():
    figure = plots.attribution_comparison(importance_table())
    assert list(panels(figure)) == ["First touch", "Last touch", "Markov"]
    for wanted in ("what brought them in", "what closed the sale", "what is lost without it",
                   *importance_table().index):
        assert shows(figure, wanted), wanted
    assert repr(figure) == "<Figure: Which touchpoints get the credit for a purchase?>"


@pytest.mark.parametrize("model, title", [
    ("first_touch", "First touch"), ("last_touch", "Last touch"), ("markov", "Markov"),
])
def test_attribution_bars_are_as_long_as_the_credits_in_the_table(model, title):
    table = importance_table()
    drawn = bars(panels(plots.attribution_comparison(table))[title])
    assert {name: length for name, (length, _) in drawn.items()} == table[model].to_dict()


def test_attribution_highlights_the_touchpoint_last_touch_undervalues_most_with_its_numbers():
    figure = plots.attribution_comparison(importance_table())
    for title, axes in panels(figure).items():
        colours = {name: colour for name, (_, colour) in bars(axes).items()}
        assert colours.pop("Store visit") == VERMILLION, title
        assert set(colours.values()) == {BLUE}, title
    numbers = {title: [item.get_text() for item in axes.texts] for title, axes in panels(figure).items()}
    assert numbers == {"First touch": ["0"], "Last touch": ["0"], "Markov": ["4"]}  # only the highlighted row's
    name = next(item for item in figure.axes[0].texts if item.get_text() == "Store visit")
    assert to_hex(name.get_color()).upper() == VERMILLION and name.get_fontweight() == "bold"
    assert shows(figure, "one model's way to share out the 10 purchases")
    assert shows(figure, "Store visit: 0 by last touch, 4 by Markov.")


@pytest.mark.parametrize("highlight, marked", [
    ("  store TILL ", {"Store till"}),
    (["Store till", "Instagram ad"], {"Store till", "Instagram ad"}),
    (False, set()),
])
def test_attribution_highlights_the_rows_asked_for_or_none(highlight, marked):
    figure = plots.attribution_comparison(importance_table(), highlight=highlight)
    drawn = bars(panels(figure)["Markov"])
    assert {name for name, (_, colour) in drawn.items() if colour == VERMILLION} == marked


def test_attribution_without_last_touch_and_markov_highlights_nothing_by_default():
    figure = plots.attribution_comparison(importance_table()[["first_touch", "markov"]])
    assert {colour for _, colour in bars(panels(figure)["Markov"]).values()} == {BLUE}
    assert not shows(figure, "by last touch")


def test_on_the_course_data_the_store_visit_stands_out_although_last_touch_gives_it_nothing():
    from journeylab.attribution import touchpoint_importance
    from journeylab.data import load_events

    importance = touchpoint_importance(load_events())
    figure = plots.attribution_comparison(importance)
    drawn = bars(panels(figure)["Last touch"])
    assert drawn["Store visit"] == (0.0, VERMILLION)
    assert bars(panels(figure)["Markov"])["Store visit"][0] == importance.loc["Store visit", "markov"] > 0


@pytest.mark.parametrize("table, highlight, error, field", [
    ("Store visit", True, ValidationError, "importance_table"),
    (importance_table().iloc[:0], True, ValidationError, "importance_table"),
    (importance_table()[[]], True, ValidationError, "importance_table"),
    (pd.concat({"Trust": importance_table()}, names=["stage"]), True, ValidationError, "importance_table"),
    (importance_table().assign(markov=["a", "b", "c", "d"]), True, SchemaError, "markov"),
    (importance_table().assign(markov=[3.0, -4.0, 2.0, 1.0]), True, ValidationError, "markov.Store visit"),
    (importance_table(), "Shop window", UnknownNameError, "highlight"),
    (importance_table(), 3, ValidationError, "highlight"),
])
def test_attribution_comparison_refuses_what_it_cannot_draw_and_names_the_problem(table, highlight, error, field):
    with pytest.raises(error) as caught:
        plots.attribution_comparison(table, highlight=highlight)
    assert caught.value.field == field


# -- a funnel per group -------------------------------------------------------------------


def breakdown_table() -> pd.DataFrame:
    """Users per first channel and stage, shaped like stage_funnel(events, breakdown="channel").

    Shares of Know, by hand: Instagram 200 → 80 → 10 is 100, 40, 5 %; Search 40 → 20 → 4 is 100, 50, 10 %;
    Referral 10 → 6 → 2 is 100, 60, 20 %; nobody's first channel was the store.
    """
    users = {"Instagram": [200, 80, 10], "Referral": [10, 6, 2], "Search": [40, 20, 4], "Store": [0, 0, 0]}
    index = pd.MultiIndex.from_product([list(users), ["Know", "Like", "Buy"]], names=["channel", "stage"])
    return pd.DataFrame({"users": list(chain.from_iterable(users.values()))}, index=index)


def share_lines(figure: Figure) -> dict:
    return {line.get_label(): line for line in figure.axes[1].lines if not line.get_label().startswith("_")}


def ranking(figure: Figure, names) -> list[str]:
    """The group names beside the picture, top to bottom."""
    found = [(item.get_position()[1], item.get_text()) for item in figure.axes[0].texts if item.get_text() in names]
    return [text for _, text in sorted(found)]


@pytest.mark.parametrize("channel, shares", [
    ("Instagram", [100.0, 40.0, 5.0]), ("Referral", [100.0, 60.0, 20.0]), ("Search", [100.0, 50.0, 10.0]),
])
def test_each_group_is_a_line_of_the_share_of_its_first_stage_that_reached_each_stage(channel, shares):
    line = share_lines(plots.funnel_breakdown(breakdown_table()))[channel]
    assert list(line.get_xdata()) == [0, 1, 2]
    assert np.allclose(line.get_ydata(), shares)


def test_a_group_without_customers_has_no_line_and_says_so():
    figure = plots.funnel_breakdown(breakdown_table())
    assert np.isnan(share_lines(figure)["Store"].get_ydata()).all()
    assert shows(figure, "nobody at Know")


def test_the_breakdown_names_its_stages_and_colours_each_group_apart_on_a_stretched_scale():
    figure = plots.funnel_breakdown(breakdown_table())
    axes = figure.axes[1]
    assert [label.get_text() for label in axes.get_xticklabels()] == ["Know", "Like", "Buy"]
    colours = [to_hex(line.get_color()).upper() for line in share_lines(figure).values()]
    assert len(set(colours)) == 4 and set(colours) <= set(plots.OKABE_ITO.values())
    assert axes.get_yscale() == "log"
    assert repr(figure) == "<Figure: How far people get, by channel>"  # most of them have not bought yet


def test_the_groups_are_ranked_by_their_share_at_the_purchase_with_the_numbers_behind_it():
    figure = plots.funnel_breakdown(breakdown_table())
    assert ranking(figure, breakdown_table().index.levels[0]) == ["Referral", "Search", "Instagram", "Store"]
    for wanted in ("Reached Buy", "20%", "10%", "5.0%", "2 of 10", "4 of 40", "10 of 200"):
        assert shows(figure, wanted), wanted


def ranges(figure: Figure) -> dict:
    """Per group, the (low, high) of the range bar and the share of the dot beside the picture."""
    (axes,) = [axes for axes in figure.axes[2:] if any(line.get_label().endswith(" range") for line in axes.lines)]
    found = {line.get_label(): line.get_xdata() for line in axes.lines}
    return {label.removesuffix(" range"): (tuple(float(x) for x in xs), float(found[label[:-6] + " share"][0]))
            for label, xs in found.items() if label.endswith(" range")}


def test_each_group_s_share_has_a_bar_for_the_range_it_is_likely_in():
    from journeylab.analytics import compare_groups, wilson_interval

    drawn = ranges(plots.funnel_breakdown(breakdown_table()))
    assert set(drawn) == {"Instagram", "Referral", "Search"}  # nobody at the store: no share, no range
    for group, (reached, started) in {"Instagram": (10, 200), "Referral": (2, 10), "Search": (4, 40)}.items():
        (low, high), share = drawn[group]
        assert (low, high) == pytest.approx(wilson_interval(reached, started))
        assert share == pytest.approx(reached / started * 100) and low < share < high
    table = compare_groups(breakdown_table())
    for group, row in table.dropna().iterrows():  # the picture draws the table the notebook shows
        assert drawn[group][0] == pytest.approx((row["low"], row["high"]))
    referral, instagram = drawn["Referral"][0], drawn["Instagram"][0]
    assert referral[1] - referral[0] > instagram[1] - instagram[0]  # 10 people: a far wider range than 200


def test_the_rule_of_thumb_says_in_words_which_groups_the_data_cannot_tell_apart():
    figure = plots.funnel_breakdown(breakdown_table())
    # Referral 2 of 10 (range 5.7-51 %) overlaps Search 4 of 40 (4.0-23 %) and Instagram 10 of 200 (2.7-9.0 %)
    assert shows(figure, "Where two bars overlap, the difference may be chance.")
    assert shows(figure, "Search and Instagram overlap Referral: the data cannot tell them apart from Referral yet.")


def test_every_line_is_named_at_its_end_in_its_colour():
    figure = plots.funnel_breakdown(breakdown_table())
    lines = share_lines(figure)
    names = {item.get_label().removesuffix(" name"): item for item in figure.axes[1].texts
             if item.get_label().endswith(" name")}
    assert set(names) == {"Instagram", "Referral", "Search"}  # the store's line has no point to name
    for group, label in names.items():
        assert label.get_text() == group and label.get_color() == lines[group].get_color()


def test_the_groups_can_be_ranked_at_another_stage_named_in_any_case():
    figure = plots.funnel_breakdown(breakdown_table().drop(index="Referral", level="channel"), compare_at=" like")
    assert ranking(figure, ["Instagram", "Search", "Store"]) == ["Search", "Instagram", "Store"]  # 50 % and 40 %
    assert shows(figure, "Reached Like") and shows(figure, "80 of 200")


def test_stages_of_no_framework_are_ranked_at_the_last_one():
    table = breakdown_table().rename(index={"Know": "Visit", "Like": "Cart", "Buy": "Paid"})
    assert shows(plots.funnel_breakdown(table), "Reached Paid")


def test_the_breakdown_draws_what_stage_funnel_counts():
    from journeylab.analytics import stage_funnel

    events = pd.DataFrame({  # customer 1 (Instagram) gets to Like, 2 (Instagram) stays at Know, 3 (Search) to Buy
        "user_id": [1, 1, 2, 3, 3, 3, 3, 3],
        "timestamp": pd.date_range("2024-03-01", periods=8, freq="D"),
        "stage": ["Know", "Like", "Know", "Know", "Like", "Trust", "Try", "Buy"],
        "channel": ["Instagram", "Website", "Instagram", "Search", "Website", "Website", "Store", "Website"],
    })
    funnel = stage_funnel(events, breakdown="channel")
    lines = share_lines(plots.funnel_breakdown(funnel))
    assert np.allclose(lines["Instagram"].get_ydata(), [100, 50, 0, 0, 0, 0, 0])
    assert np.allclose(lines["Search"].get_ydata(), funnel.loc["Search", "overall_conversion"])


def too_many_groups() -> pd.DataFrame:
    index = pd.MultiIndex.from_product([[f"Channel {n}" for n in range(8)], ["Know", "Buy"]],
                                       names=["channel", "stage"])
    return pd.DataFrame({"users": [10, 1] * 8}, index=index)


@pytest.mark.parametrize("table, compare_at, error, field", [
    ("Instagram", None, ValidationError, "breakdown_frame"),
    (breakdown_table().iloc[:0], None, ValidationError, "breakdown_frame"),
    (breakdown_table().rename(columns={"users": "people"}), None, SchemaError, "users"),
    (breakdown_table().loc["Search"], None, ValidationError, "breakdown_frame"),
    (pd.concat({"2024-03": breakdown_table()}, names=["period"]), None, ValidationError, "breakdown_frame"),
    (too_many_groups(), None, ValidationError, "breakdown_frame"),
    (breakdown_table().assign(users=[200, -80, 10] + [0] * 9), None, ValidationError, "users.Instagram.Like"),
    (breakdown_table(), "Repeat", UnknownNameError, "compare_at"),
])
def test_the_breakdown_refuses_what_it_cannot_draw_and_names_the_problem(table, compare_at, error, field):
    with pytest.raises(error) as caught:
        plots.funnel_breakdown(table, compare_at=compare_at)
    assert caught.value.field == field


# -- readable and the same every time -----------------------------------------------------


def new_figures() -> dict:
    channels = ["Facebook", "Instagram", "Referral", "Search", "Store", "TikTok"]
    index = pd.MultiIndex.from_product([channels, HOURGLASS], names=["channel", "stage"])
    users = [[2700, 980, 570, 350, 116, 71, 32], [6200, 2300, 1340, 850, 276, 163, 79],
             [675, 408, 234, 142, 47, 24, 13], [4072, 2045, 1204, 776, 259, 145, 72],
             [622, 312, 187, 110, 39, 29, 16], [2686, 697, 417, 270, 107, 59, 29]]
    names = ["Checkout (Web)", "Store visit", "Friend's recommendation", "Instagram profile", "Store till"]
    wide = pd.DataFrame(np.array([[0, 1548, 300, 600, 450, 310], [0, 0, 226, 71, 232, 181], [102, 0, 25, 40, 19, 23],
                                  [0, 0, 40, 10, 33, 44], [0, 67, 14, 27, 19, 13]], dtype=float),
                        index=names, columns=["first_touch", "last_touch", "linear", "position_based", "time_decay",
                                              "markov"])
    return {
        "attribution_comparison": lambda: plots.attribution_comparison(wide, highlight=["Store visit", "Store till"]),
        "funnel_breakdown": lambda: plots.funnel_breakdown(pd.DataFrame({"users": list(chain.from_iterable(users))}, index=index)),
    }


@pytest.mark.parametrize("name", sorted(new_figures()))
def test_no_text_of_the_attribution_pictures_overlaps_another_or_leaves_the_page(name):
    figure = new_figures()[name]()
    renderer = FigureCanvasAgg(figure).get_renderer()
    boxes = [(item.get_text(), item.get_window_extent(renderer))
             for axes in figure.axes for item in [*axes.texts, axes.title] if item.get_text().strip()]
    page = figure.bbox
    for text, box in boxes:
        assert page.x0 <= box.x0 and box.x1 <= page.x1 and page.y0 <= box.y0 and box.y1 <= page.y1, text
    for (first, one), (second, other) in combinations(boxes, 2):
        assert not one.shrunk(0.98, 0.9).overlaps(other.shrunk(0.98, 0.9)), (first, second)


@pytest.mark.parametrize("name", sorted(new_figures()))
def test_the_attribution_pictures_are_the_same_byte_for_byte_each_time(name, tmp_path):
    first = plots.export(new_figures()[name](), tmp_path / "first.svg").read_bytes()
    assert plots.export(new_figures()[name](), tmp_path / "second.svg").read_bytes() == first
