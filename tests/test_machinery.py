"""The notebook machinery: Dutch formatting, plot style, errors, environment check, navigation."""

import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from klantlib import formatting, plotting
from klantlib.errors import KlantDataError, KlantDataWarning, describe_rows, drop_invalid_rows
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
    with pytest.raises(KlantDataError, match=r"1 van de 2 rijen zijn niet bruikbaar \(rij 1\)"):
        drop_invalid_rows(df, df["x"].isna(), "leeg", errors="raise")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert drop_invalid_rows(df, [False, False], "leeg") is df
    with pytest.raises(ValueError, match="errors"):
        drop_invalid_rows(df, [False, False], "leeg", errors="ignore")


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
