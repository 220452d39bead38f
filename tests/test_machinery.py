"""The notebook machinery: Dutch formatting, plot style, errors, environment check, navigation."""

import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from klantlib import formatting, plotting
from klantlib.errors import (
    KlantDataError,
    KlantDataWarning,
    describe_rows,
    drop_invalid_rows,
    require_filled,
    require_rows,
)
from klantlib.navigation import CHAPTERS, index_markdown, navigation_markdown


# --- formatting -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "value, decimals, expected",
    [(0, 0, "0"), (999.5, 0, "1.000"), (1234567.891, 2, "1.234.567,89"), (-1234.5, 1, "-1.234,5"),
     (-0.001, 2, "0,00"), (None, 0, "–"), (pd.NA, 0, "–"), (float("nan"), 2, "–")],
)
def test_number(value, decimals, expected):
    assert formatting.number(value, decimals) == expected


def test_euro_and_percent():
    assert formatting.euro(0) == "€ 0,00"
    assert formatting.euro(-0.001) == "€ 0,00"
    assert formatting.euro(-1500, 0) == "-€ 1.500"
    assert formatting.percent(0.8) == "80,0%"
    assert formatting.percent(-0.125, 2) == "-12,50%"


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False), st.integers(0, 4))
def test_number_round_trips_the_dutch_way(value, decimals):
    text = formatting.number(value, decimals)
    back = float(text.replace(".", "").replace(",", "."))
    assert back == pytest.approx(round(value, decimals), abs=10 ** -decimals)
    assert "." not in text.split(",")[-1] if "," in text else True


def test_dutch_table_keeps_the_original_and_formats_a_copy():
    df = pd.DataFrame({"omzet": [1500.0, None], "aandeel": [0.25, 0.75], "n": [3, 4], "naam": ["a", "b"]})
    shown = formatting.dutch_table(df, euro_columns=["omzet"], percent_columns=["aandeel"], decimals={"n": 1})
    assert shown.to_dict("list") == {
        "omzet": ["€ 1.500,00", "–"], "aandeel": ["25,0%", "75,0%"], "n": ["3,0", "4,0"], "naam": ["a", "b"]
    }
    assert df["omzet"].iloc[0] == 1500.0


# --- plotting ---------------------------------------------------------------------------------

def test_dutch_summary_replaces_describe_with_dutch_labels_and_numbers():
    df = pd.DataFrame({"r": [0.0, 50.0, 100.0, None], "n": [1, 2, 3, 2000], "naam": list("abcd")})
    shown = formatting.dutch_summary(df)
    assert list(shown.index) == ["aantal", "gemiddelde", "laagste", "mediaan", "hoogste"]
    assert list(shown.columns) == ["r", "n"]  # text columns are left out
    assert shown["r"].tolist() == ["3", "50,0", "0,0", "50,0", "100,0"]
    assert shown["n"].tolist() == ["4", "501,5", "1,0", "2,5", "2.000,0"]
    assert formatting.dutch_summary(pd.Series([1.234, 2.0]), decimals=2).columns.tolist() == ["waarde"]
    with pytest.raises(TypeError):
        formatting.dutch_summary(pd.DataFrame({"naam": ["a"]}))


def test_presentation_mode_makes_everything_bigger():
    plotting.use_style()
    normal = (matplotlib.rcParams["font.size"], matplotlib.rcParams["lines.linewidth"],
              matplotlib.rcParams["figure.figsize"][0])
    plotting.presentation_mode()
    big = (matplotlib.rcParams["font.size"], matplotlib.rcParams["lines.linewidth"],
           matplotlib.rcParams["figure.figsize"][0])
    assert plotting.is_presentation()
    assert all(b >= 1.5 * n for b, n in zip(big, normal))
    plotting.presentation_mode(False)
    assert not plotting.is_presentation()
    assert matplotlib.rcParams["font.size"] == normal[0]


def test_house_style_is_seaborns_whitegrid_theme_without_importing_seaborn():
    # use_style writes seaborn's theme out as matplotlib settings (seaborn costs each kernel ~70 MiB):
    # the settings must stay what seaborn itself sets, in both modes.
    import seaborn as sns
    from matplotlib.colors import to_rgb

    for presentation, scale in ((False, 1.0), (True, 1.6)):
        with matplotlib.rc_context():
            plotting.use_style(presentation=presentation)
            ours = dict(matplotlib.rcParams)
        with matplotlib.rc_context():
            sns.set_theme(context="notebook", style="whitegrid", palette=plotting.PALETTE, font_scale=scale)
            theirs = dict(matplotlib.rcParams)
        # the house style's own choices on top of the theme (see use_style), and the colour map
        own = {"figure.figsize", "figure.dpi", "savefig.dpi", "lines.linewidth", "lines.markersize",
               "axes.titleweight", "axes.titlelocation", "axes.spines.top", "axes.spines.right",
               "legend.frameon", "figure.autolayout", "image.cmap"}
        for settings in (ours, theirs):  # seaborn writes the palette as RGB tuples, the house style as hex
            settings["axes.prop_cycle"] = [to_rgb(c["color"]) for c in settings["axes.prop_cycle"]]
        differ = {key for key in theirs if key not in own and ours[key] != theirs[key]}
        assert differ == set(), {key: (ours[key], theirs[key]) for key in differ}


def test_a_cell_frees_the_figures_it_showed(tmp_path):
    """A figure the inline backend showed and closed is freed when its cell ends, not at Python's
    next full garbage collection (kernel memory, see klantlib.notebook._free_shown_figures)."""
    import nbformat

    from klantlib.course import run

    cells = [
        "from klantlib.notebook import setup\nsetup()\nsetup()",
        "import weakref\nimport matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.plot([1, 2])\n"
        "shown = weakref.ref(fig)\ndel fig, ax\nplt.show()",
        "from klantlib.notebook import _free_shown_figures\n"
        "print(shown() is None, get_ipython().events.callbacks['post_run_cell'].count(_free_shown_figures))",
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code) for code in cells])
    run(nb, tmp_path)
    assert nb.cells[2].outputs[0]["text"] == "True 1\n"


def test_setting_up_a_notebook_does_not_import_seaborn_or_scipy():
    code = ("import sys, klantlib.notebook as nb, klantlib.plotting as p; p.use_style(); "
            "import klantlib.views.selfcheck, klantlib.views.rfm; "
            "print(sorted(m for m in ('seaborn', 'scipy.stats') if m in sys.modules))")
    out = __import__("subprocess").run([__import__("sys").executable, "-c", code], capture_output=True, text=True,
                                       check=True)
    assert out.stdout.strip() == "[]"


def test_palette_is_okabe_ito_and_groups_have_distinct_colours():
    from klantlib.views.rfm import GROUP_COLORS

    assert len(set(plotting.PALETTE)) == 8
    assert set(GROUP_COLORS) == {"Partners", "Vrienden", "Economici", "Dogs"}
    assert len(set(GROUP_COLORS.values())) == 4
    assert not hasattr(plotting, "GROUP_COLORS")  # the matrix's colours live with the matrix


def test_axis_helpers_and_decorate():
    plotting.use_style()
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 2500], label="omzet")
    ax.legend()
    plotting.euro_axis(ax, "y")
    plotting.percent_axis(ax, "x", decimals=1)
    plotting.decorate(ax, title="Omzet", xlabel="aandeel klanten", ylabel="omzet", legend_title="reeks", xlim=(0, 1))
    fig.canvas.draw()
    assert ax.get_title(loc="left") == "Omzet" and ax.get_xlabel() == "aandeel klanten"
    assert ax.get_legend().get_title().get_text() == "reeks"
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert "€ 2.500" in labels and "€ 1.000" in labels
    assert "40,0%" in [t.get_text() for t in ax.get_xticklabels()]
    with pytest.raises(ValueError, match="axis"):
        plotting.euro_axis(ax, "z")
    plt.close(fig)


# --- showing a figure: tight_png ---------------------------------------------------------------

def _journey_map():
    import klantlib
    from klantlib.experience import journey_map
    from klantlib.views.experience import journey_map_plot

    return journey_map_plot(journey_map(klantlib.load_dataset("klantbeleving"))).figure


def _text_beyond_the_figure():
    # no layout engine, and a note right of the axes: the tight box is wider than the figure
    fig, ax = plt.subplots(layout="none")
    ax.plot([1, 2, 3], [3, 1, 2])
    ax.text(1.15, 0.5, "een opmerking naast de grafiek", transform=ax.transAxes)
    ax.set_title("Titel")
    return fig


def _two_panels_constrained():
    fig, axes = plt.subplots(1, 2, layout="constrained", figsize=(9, 3.5))
    for k, ax in enumerate(axes):
        ax.bar(["a", "b", "c"], [k + 1, 3, 2], label=f"reeks {k}")
        ax.set_xlabel("categorie")
    axes[0].legend(loc="upper left", bbox_to_anchor=(0, -0.2))
    fig.suptitle("Twee panelen")
    return fig


def _presentation_bars():
    plotting.presentation_mode()
    try:
        fig, ax = plt.subplots()
        ax.barh(["klanten", "prospects"], [1234.5, 876])
        plotting.euro_axis(ax, "x")
        plotting.decorate(ax, title="Omzet per groep", xlabel="omzet", ylabel="groep")
    finally:
        plotting.presentation_mode(False)
    return fig


def _inset_axes():
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    ax.inset_axes([0.6, 0.1, 0.3, 0.3]).plot([0, 1], [1, 0])
    return fig


def _figure_without_pyplot():
    # as the widgets make theirs: a canvas that cannot draw by itself (matplotlib switches to Agg to print)
    from matplotlib.figure import Figure

    fig = Figure()
    fig.subplots().plot([1, 3, 2])
    return fig


FIGURES = [_journey_map, _text_beyond_the_figure, _two_panels_constrained, _presentation_bars, _inset_axes,
           _figure_without_pyplot]


@pytest.mark.parametrize("make", FIGURES, ids=lambda make: make.__name__.strip("_"))
def test_tight_png_gives_the_bytes_ipython_gives_and_leaves_the_figure_as_it_was(make):
    from IPython.core.pylabtools import print_figure

    plotting.use_style()
    theirs = print_figure(make(), "png")  # on a figure of its own: a second layout can move things a little
    fig = make()
    engine, size = fig.get_layout_engine(), tuple(fig.get_size_inches())
    assert plotting.tight_png(fig) == theirs
    # (print_figure gives a figure without a layout engine the tight one when figure.autolayout is on)
    assert fig.get_layout_engine() is engine and tuple(fig.get_size_inches()) == size
    assert type(fig.canvas).__name__ != "MeasuringCanvas"
    plt.close("all")


def test_tight_png_of_an_empty_figure_is_none_as_in_ipython():
    from IPython.core.pylabtools import print_figure

    fig = plt.figure()
    assert plotting.tight_png(fig) is None and print_figure(fig, "png") is None
    plt.close(fig)


def test_tight_png_draws_one_copy_of_the_pixels_where_ipython_draws_two(monkeypatch):
    """The reason tight_png exists: a shown figure briefly needs one pixel buffer, not two (kernel peak memory)."""
    import io

    from IPython.core.pylabtools import print_figure
    from matplotlib.backends import backend_agg
    from PIL import Image

    made = []

    class Recording(backend_agg.RendererAgg):
        def __init__(self, width, height, dpi):
            made.append((int(width), int(height)))
            super().__init__(width, height, dpi)

    monkeypatch.setattr(backend_agg, "RendererAgg", Recording)
    plotting.use_style()
    ours = plotting.tight_png(_journey_map())
    size = Image.open(io.BytesIO(ours)).size
    assert [renderer for renderer in made if renderer != (1, 1)] == [size]  # the cropped figure, once
    made.clear()
    print_figure(_journey_map(), "png")
    assert len(made) == 2 and made[-1] == size and made[0][0] * made[0][1] > size[0] * size[1]  # full, then cropped
    plt.close("all")


@pytest.mark.parametrize("formats", [{"png"}, {"retina"}])
def test_a_notebook_shows_a_figure_as_ipython_would_in_html_and_png(formats):
    """The figure the notebook shows (PNG, and the HTML <img> with its alt text) has IPython's bytes; a lecturer who
    switched the inline backend to retina gets IPython's own retina PNG."""
    import base64

    from IPython.core.interactiveshell import InteractiveShell
    from IPython.core.pylabtools import print_figure, retina_figure, select_figure_formats

    shell = InteractiveShell.instance()
    try:
        select_figure_formats(shell, formats, bbox_inches="tight")
        plotting.use_style()
        if formats == {"png"}:
            expected, width = print_figure(_text_beyond_the_figure(), base64=True), None
        else:
            expected, size = retina_figure(_text_beyond_the_figure(), base64=True)
            width = size["width"]
        fig = _text_beyond_the_figure()
        shown, metadata = shell.display_formatter.format(fig)
        assert shown["image/png"] == expected
        assert metadata.get("image/png", {}).get("width") == width
        assert shown["text/html"] == plotting.figure_html(base64.b64decode(expected), plotting.alt_text(fig), width)
    finally:
        InteractiveShell.clear_instance()
        plt.close("all")


# --- errors -----------------------------------------------------------------------------------

def test_describe_rows():
    assert describe_rows(["7"]) == "rij 7"
    assert describe_rows([2, 3]) == "rijen 2 en 3"


def test_drop_invalid_rows_warns_with_count_rows_reason_and_source():
    df = pd.DataFrame({"x": [1, -1, 2, -3]}, index=pd.Index([2, 3, 4, 5], name="rij"))
    with pytest.warns(KlantDataWarning) as caught:
        kept = drop_invalid_rows(df, df["x"] < 0, "het getal is negatief", source="klanten.csv", fix="Verbeter het.")
    assert kept["x"].tolist() == [1, 2]
    assert str(caught[0].message) == (
        "2 van de 4 rijen in 'klanten.csv' overgeslagen (rijen 3 en 5): het getal is negatief. Verbeter het."
    )


def test_drop_invalid_rows_raises_on_request_and_keeps_valid_frames_as_they_are():
    df = pd.DataFrame({"x": [1, None]})
    with pytest.raises(KlantDataError) as caught:
        drop_invalid_rows(df, df["x"].isna(), "leeg", errors="raise")
    assert str(caught.value) == "1 van de 2 rijen is niet bruikbaar (de rij met index 1): leeg."  # one row: "is", not "zijn"
    with pytest.raises(KlantDataError) as caught:
        drop_invalid_rows(df.assign(x=None), [True, True], "leeg", errors="raise", source="a.csv", fix="Vul in.")
    assert str(caught.value) == "2 van de 2 rijen in 'a.csv' zijn niet bruikbaar (de rijen met index 0 en 1): leeg. Vul in."
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert drop_invalid_rows(df, [False, False], "leeg") is df
    with pytest.raises(ValueError, match="errors"):
        drop_invalid_rows(df, [False, False], "leeg", errors="ignore")


_FILTER_END = "Dan hield het filter niets over: kies een ruimer filter of kijk de waarden na."


def _sales(rows: int = 2, source: str | None = None) -> pd.DataFrame:
    frame = pd.DataFrame({"klant_id": [f"K{i}" for i in range(rows)], "kanaal": ["web"] * rows})
    if source:
        frame.attrs["source"] = source
    return frame


def test_require_rows_passes_a_table_with_rows_and_refuses_an_empty_one_in_one_sentence():
    assert require_rows(_sales(1), name="de transacties", consequence="valt er niets te tellen") is None
    with pytest.raises(KlantDataError) as caught:
        require_rows(_sales(0), name="de transacties", consequence="valt er niets te tellen")
    assert str(caught.value) == ("De selectie is leeg: in de transacties staat geen enkele rij, dus valt er niets te "
                                 f"tellen. Heb je gefilterd? {_FILTER_END}")


def test_require_rows_names_the_file_the_kind_of_row_and_the_columns_a_filter_used():
    """Singular and plural tables read the same; a selection of a file keeps its name (attrs survive a filter)."""
    survey = pd.DataFrame({"leeftijd": [30, 40], "regio": ["noord", "zuid"]})
    survey.attrs["source"] = "enquete.xlsx"
    with pytest.raises(KlantDataError) as caught:
        require_rows(survey[survey["leeftijd"] > 200], name="de enquête", row="respondent",
                     consequence="valt er niets te verdelen", filters=["leeftijd", "regio", "type"])
    assert str(caught.value) == ("De selectie is leeg: in de enquête uit 'enquete.xlsx' staat geen enkele respondent, "
                                 "dus valt er niets te verdelen. Heb je gefilterd (bijvoorbeeld op 'leeftijd', 'regio' "
                                 f"of 'type')? {_FILTER_END}")
    with pytest.raises(KlantDataError) as caught:
        require_rows(_sales(0, "kassa.csv"), name="de transacties", consequence="valt er niets te tellen",
                     filters=["kanaal"])
    assert str(caught.value) == ("De selectie is leeg: in de transacties uit 'kassa.csv' staat geen enkele rij, dus "
                                 f"valt er niets te tellen. Heb je gefilterd (bijvoorbeeld op 'kanaal')? {_FILTER_END}")


def test_require_rows_names_the_filters_chosen_and_takes_a_fix_of_its_own():
    with pytest.raises(KlantDataError) as caught:
        require_rows(_sales(0), name="de klantreizen", row="reis", consequence="is er geen trechter",
                     chosen=["klantgroep 'y'", "kanaal 'offline'"])
    assert str(caught.value) == ("De selectie is leeg: in de klantreizen staat geen enkele reis bij deze keuze "
                                 "(klantgroep 'y' en kanaal 'offline'), dus is er geen trechter. Kies een ruimer of "
                                 "een ander filter.")
    with pytest.raises(KlantDataError) as caught:
        require_rows(_sales(0), name="de klanten", consequence="is er geen markt", filters=["kanaal"],
                     fix="Gebruik de hele klantentabel.")
    assert str(caught.value) == ("De selectie is leeg: in de klanten staat geen enkele rij, dus is er geen markt. "
                                 "Gebruik de hele klantentabel.")


@hypothesis_settings(deadline=None, max_examples=50)
@given(rows=st.integers(0, 3), source=st.sampled_from([None, "a.csv", "map/b c.xlsx"]),
       filters=st.lists(st.sampled_from(["datum", "kanaal", "categorie"]), unique=True))
def test_require_rows_refuses_exactly_the_empty_tables_and_names_their_file(rows, source, filters):
    table = _sales(rows, source)
    if rows:
        assert require_rows(table, name="de tabel", consequence="valt er niets te tellen", filters=filters) is None
        return
    with pytest.raises(KlantDataError) as caught:
        require_rows(table, name="de tabel", consequence="valt er niets te tellen", filters=filters)
    named = f"in de tabel uit '{source}' staat" if source else "in de tabel staat"
    assert str(caught.value).startswith(f"De selectie is leeg: {named} geen enkele rij, dus valt er niets te tellen.")
    assert all(f"'{column}'" in str(caught.value) for column in filters)
    assert str(caught.value).endswith(_FILTER_END)


def test_require_filled_passes_a_column_with_one_value_and_refuses_one_blank_everywhere():
    from klantlib.parsing import to_ids, to_numbers

    kwargs = {"column": "klant_id", "name": "de transacties", "what": "een klantnummer", "fix": "Vul de kolom in."}
    assert require_filled(pd.Series(["K1", None]), **kwargs) is None
    assert require_filled(pd.Series([], dtype="str"), **kwargs) is None  # no rows: require_rows says that
    for blank in (pd.Series([None, None]), to_ids(pd.Series([" ", ""])), pd.Series([pd.NA, pd.NA], dtype="Int64")):
        with pytest.raises(KlantDataError) as caught:
            require_filled(blank, **kwargs)
        assert str(caught.value) == ("In de transacties is de kolom 'klant_id' helemaal leeg: geen enkele rij heeft "
                                     "een klantnummer. Vul de kolom in.")
    amounts = to_numbers(pd.Series(["", None]), column="bedrag")
    with pytest.raises(KlantDataError) as caught:
        require_filled(amounts, column="bedrag", name="de transacties", source="kassa.csv", what="een bedrag",
                       consequence="valt er niets te tellen", fix="Vul de bedragen in.")
    assert str(caught.value) == ("In de transacties uit 'kassa.csv' is de kolom 'bedrag' helemaal leeg: geen enkele "
                                 "rij heeft een bedrag, dus valt er niets te tellen. Vul de bedragen in.")


def test_require_filled_takes_the_file_from_the_column_and_names_the_kind_of_row():
    log = pd.DataFrame({"reis_id": [None, None]})
    log.attrs["source"] = "reis.csv"
    with pytest.raises(KlantDataError) as caught:
        require_filled(log["reis_id"], column="reis_id", name="de klantreizen", row="gebeurtenis",
                       what="een klant of reis", fix="Vul de kolom in.")
    assert str(caught.value) == ("In de klantreizen uit 'reis.csv' is de kolom 'reis_id' helemaal leeg: geen enkele "
                                 "gebeurtenis heeft een klant of reis. Vul de kolom in.")


@hypothesis_settings(deadline=None, max_examples=50)
@given(st.lists(st.one_of(st.none(), st.sampled_from(["K1", "  x ", "0", "", "   "]), st.integers(0, 9)), min_size=1,
                max_size=6))
def test_require_filled_refuses_exactly_the_columns_without_any_id(cells):
    """Read by the id rule, a column passes when one cell holds an id; blanks and spaces only are refused."""
    from klantlib.parsing import to_ids

    ids = to_ids(pd.Series(cells, dtype="object"), column="klant_id")
    if any(cell is not None and str(cell).strip() for cell in cells):
        assert require_filled(ids, column="klant_id", name="de tabel", what="een klant", fix="Vul in.") is None
        return
    with pytest.raises(KlantDataError) as caught:
        require_filled(ids, column="klant_id", name="de tabel", what="een klant", fix="Vul in.")
    assert str(caught.value) == ("In de tabel is de kolom 'klant_id' helemaal leeg: geen enkele rij heeft een klant. "
                                 "Vul in.")


def test_klantdata_types():
    assert issubclass(KlantDataError, ValueError) and issubclass(KlantDataWarning, UserWarning)


# --- environment check and setup --------------------------------------------------------------

def test_check_environment_reports_missing_and_other_versions(monkeypatch):
    from klantlib import notebook

    monkeypatch.setattr(notebook, "_pins", lambda: {"pandas": "0.0.1", "bestaat-niet": "1.0"})
    problems = notebook.check_environment()
    assert any("Het pakket bestaat-niet ontbreekt" in p and "make start" in p for p in problems)
    assert any(p.startswith("pandas heeft versie") and "0.0.1" in p for p in problems)
    with pytest.raises(RuntimeError, match="bestaat-niet ontbreekt"):
        notebook.setup()


def test_setup_shows_klantlib_warnings_without_file_paths(capsys):
    from klantlib.notebook import setup

    original = warnings.formatwarning
    try:
        setup()
        assert "klantlib" in capsys.readouterr().out
        text = warnings.formatwarning("3 rijen overgeslagen", KlantDataWarning, "/tmp/x.py", 1)
        assert text == "Let op: 3 rijen overgeslagen\n"
        assert "/tmp/x.py" in warnings.formatwarning("iets", UserWarning, "/tmp/x.py", 1)
    finally:
        warnings.formatwarning = original
        warnings.resetwarnings()


def test_a_notebook_shows_every_table_in_a_box_the_keyboard_can_scroll():
    """setup() makes a notebook show a DataFrame through table_html: pandas' own table in a named, focusable box."""
    from IPython.core.interactiveshell import InteractiveShell

    from klantlib.notebook import setup, table_html

    wide = pd.DataFrame({f"V{k}": [k, k + 1] for k in range(30)})
    html = table_html(wide)
    assert html.startswith('<div class="klant-tabel" role="region" tabindex="0" '
                           'aria-label="Tabel met 2 rijen en 30 kolommen" style="overflow-x: auto">')
    assert html.endswith(wide._repr_html_() + "</div>")  # pandas' table itself, with its display options
    with pd.option_context("display.notebook_repr_html", False):
        assert table_html(wide) is None  # pandas set to text: the notebook shows the text
    shell = InteractiveShell.instance()
    try:
        setup()
        shown, _ = shell.display_formatter.format(wide)
        assert shown["text/html"] == html
    finally:
        shell.display_formatter.formatters["text/html"].pop(pd.DataFrame, None)
        InteractiveShell.clear_instance()
        warnings.resetwarnings()


# --- navigation -------------------------------------------------------------------------------

def test_index_links_existing_notebooks_and_announces_the_rest():
    text = index_markdown(["00_start_hier.ipynb", "04_rfm_klantenmatrix.ipynb"])
    assert "[De 80/20-regel, RFM en de klantenmatrix](04_rfm_klantenmatrix.ipynb)" in text
    assert "Wie is de klant? *(volgt nog)*" in text
    assert text.count("\n| 0") == len(CHAPTERS)


def test_navigation_skips_missing_notebooks():
    available = ["00_start_hier.ipynb", "04_rfm_klantenmatrix.ipynb", "05_servqual_gaps.ipynb"]
    middle = navigation_markdown("04_rfm_klantenmatrix.ipynb", available)
    assert "vorige: [00 · Start hier](00_start_hier.ipynb)" in middle
    assert "volgende: [05 · Klanttevredenheid" in middle
    first = navigation_markdown("00_start_hier.ipynb", available)
    assert "vorige" not in first and "inhoud" not in first and "volgende: [04" in first


def test_out_of_sync_sees_a_stale_navigation_cell_and_an_unknown_notebook(tmp_path):
    import nbformat

    from klantlib import course

    sources, notebooks = tmp_path / "source", tmp_path / "notebooks"
    sources.mkdir(), notebooks.mkdir()
    (sources / "00_start_hier.md").write_text('# 00 · Start\n\n+++ {"tags": ["navigation"]}\n\noud\n', encoding="utf-8")
    assert course.out_of_sync(sources, notebooks) == ["00_start_hier.ipynb"]  # not made yet
    stale = course.read_source(sources / "00_start_hier.md")
    nbformat.write(stale, notebooks / "00_start_hier.ipynb")
    assert course.out_of_sync(sources, notebooks) == ["00_start_hier.ipynb"]  # "oud" is not the generated text
    made = course.student_version(stale, "00_start_hier.ipynb", ["00_start_hier.ipynb"])
    assert made.cells[-1].source.startswith("---\n**Verder:**")
    nbformat.write(made, notebooks / "00_start_hier.ipynb")
    assert course.out_of_sync(sources, notebooks) == []
    (sources / "99_onbekend.md").write_text("# 99\n", encoding="utf-8")
    with pytest.raises(ValueError, match="99_onbekend"):
        course.out_of_sync(sources, notebooks)
