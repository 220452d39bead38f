"""Class results for the lecturer: a class's questionnaire exports pooled into one survey (issue 12, part 7).

The exports are made by the real export code: the questionnaire widgets' "Exporteer als CSV" button.
"""

import shutil
import warnings

import numpy as np
import pandas as pd
import pytest

from klantlib.errors import KlantDataError, KlantDataWarning
from klantlib.servqual import (
    E_COLUMNS,
    P_COLUMNS,
    WEIGHT_COLUMNS,
    example_survey,
    servqual_score,
    summary,
)
from klantlib.servqual import pool_surveys as pool_servqual
from klantlib.vals import ITEM_COLUMNS, STATEMENTS, classify, compare_with_population
from klantlib.vals import pool_surveys as pool_vals
from klantlib.views._widgets import find_widget
from klantlib.views.servqual import servqual_widget
from klantlib.views.vals import vals_widget


def export(widget, folder, name, answers):
    """Fill in a questionnaire widget as a student does and click its export button; returns the CSV."""
    box = widget(folder=folder, name=name)
    for key, value in answers.items():
        find_widget(box, f"klant-{key}").value = value
    find_widget(box, "klant-export").click()
    return folder / f"{name}.csv"


def uniform(e, p, *, points=None):
    """Every expectation ``e``, every perception ``p``, and optionally points per dimension."""
    answers = {**{c: e for c in E_COLUMNS}, **{c: p for c in P_COLUMNS}}
    if points is not None:
        answers |= dict(zip(WEIGHT_COLUMNS, points))
    return answers


@pytest.fixture(scope="module")
def class_folder(tmp_path_factory):
    """Two students' widget exports and one group's collected survey (example_survey, two respondents)."""
    work = tmp_path_factory.mktemp("werk")
    folder = tmp_path_factory.mktemp("klas")
    shutil.copy(export(servqual_widget, work, "anna", uniform(6, 5, points=[20, 20, 20, 20, 20]) | {"organisatie": "OV"}),
                folder / "anna.csv")
    shutil.copy(export(servqual_widget, work, "bram", uniform(4, 6, points=[10, 40, 20, 15, 15])), folder / "bram.csv")
    example_survey().to_csv(folder / "groep_3.csv", index=False)
    return folder


def pooled_with_warnings(sources, pool=pool_servqual):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        klas = pool(sources)
    return klas, [str(w.message) for w in caught if issubclass(w.category, KlantDataWarning)]


def with_bad_file(class_folder, tmp_path, name, content):
    folder = tmp_path / "klas"
    shutil.copytree(class_folder, folder)
    (folder / name).write_bytes(content)
    return pooled_with_warnings(folder)


# --- pooling a folder of widget exports ------------------------------------------------------------------

def test_the_widget_export_is_what_the_pool_reads(class_folder):
    header = (class_folder / "anna.csv").read_text().splitlines()[0].split(",")
    assert header == ["organisatie", *E_COLUMNS, *P_COLUMNS, *WEIGHT_COLUMNS]


def test_a_clean_folder_pools_without_a_warning_and_scores_as_computed_by_hand(class_folder):
    klas, caught = pooled_with_warnings(class_folder)
    assert caught == []
    assert klas.index.tolist() == ["anna", "bram", "groep_3/R0001", "groep_3/R0002"]
    assert klas["respondent_id"].tolist() == klas.index.tolist()
    assert klas["bestand"].tolist() == ["anna.csv", "bram.csv", "groep_3.csv", "groep_3.csv"]
    assert klas.attrs["bestanden"] == ["anna.csv", "bram.csv", "groep_3.csv"] and klas.attrs["overgeslagen"] == {}
    # anna: every gap 6 -> 5 = -1; bram: 4 -> 6 = +2; R0001's dimension gaps -0.75, -1.8, -0.75, 0, -0.4
    # (checked by hand in test_servqual); R0002 answers 6 everywhere: 0.
    r0001 = [-0.75, -1.8, -0.75, 0.0, -0.4]
    scores = servqual_score(klas)["servqual"]
    np.testing.assert_allclose(scores.to_numpy(), [-1.0, 2.0, np.mean(r0001), 0.0])
    expected_gap = [(-1 + 2 + r + 0) / 4 for r in r0001]
    np.testing.assert_allclose(summary(klas)["gap"].to_numpy(), expected_gap)
    assert summary(klas)["respondenten"].tolist() == [4] * 5
    # Weighted with each respondent's own points: anna 20 each -> -1; bram's points don't matter (all +2);
    # R0001 -1.005 (test_servqual); R0002 0.
    weighted = servqual_score(klas, weighted=True)["servqual"]
    np.testing.assert_allclose(weighted.to_numpy(), [-1.0, 2.0, -1.005, 0.0])


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("leeg.csv", b"", "is leeg"),
    ("vals.csv", (",".join(ITEM_COLUMNS) + "\n" + ",".join(["3"] * 18) + "\n").encode(), "hoort niet bij de vragenlijst 'SERVQUAL: verwachtingen en percepties van een dienst'"),
    ("buiten_schaal.csv", None, "kolom 'E3': 9"),
    ("dubbel.csv", "copy", "dezelfde inhoud als 'anna.csv'"),
    ("niets_ingevuld.csv", ("organisatie," + ",".join(E_COLUMNS + P_COLUMNS) + "\nOV" + "," * 44 + "\n").encode(),
     "geen enkele stelling beantwoord"),
])
def test_a_bad_file_is_left_out_and_named_with_the_count(class_folder, tmp_path, name, content, reason):
    if content is None:  # an export of the real widget, with one answer changed to 9 by hand
        text = (class_folder / "bram.csv").read_text().splitlines()
        values = text[1].split(",")
        values[text[0].split(",").index("E3")] = "9"
        content = f"{text[0]}\n{','.join(values)}\n".encode()
    elif content == "copy":
        content = (class_folder / "anna.csv").read_bytes()
    klas, caught = with_bad_file(class_folder, tmp_path, name, content)
    assert len(caught) == 1
    message = caught[0]
    assert message.startswith("1 van de 4 bestanden is niet meegenomen in de vragenlijst 'SERVQUAL: verwachtingen en "
                              "percepties van een dienst' van de klas:")
    assert f"- '{name}': " in message and reason in message
    assert "Samengevoegd: 3 bestanden met samen 4 respondenten." in message
    assert klas.attrs["overgeslagen"].keys() == {name}
    # The other files are pooled as if the bad one weren't there.
    clean, _ = pooled_with_warnings(class_folder)
    pd.testing.assert_frame_equal(servqual_score(klas), servqual_score(clean))


def test_several_bad_files_are_all_named_and_counted(class_folder, tmp_path):
    folder = tmp_path / "klas"
    shutil.copytree(class_folder, folder)
    (folder / "a_leeg.csv").write_bytes(b"")
    (folder / "b_kapot.csv").write_text("E1,P1\n8,2\n")
    (folder / "servqual.json").write_text("{}")  # an answers file: not an export
    klas, caught = pooled_with_warnings(folder)
    assert len(caught) == 1
    assert caught[0].startswith("2 van de 5 bestanden zijn niet meegenomen")
    assert "- 'a_leeg.csv': " in caught[0] and "- 'b_kapot.csv': " in caught[0]
    assert "Genegeerd, want geen CSV- of Excelbestand: 'servqual.json'." in caught[0]
    assert len(klas) == 4


def test_uploads_and_name_bytes_pairs_pool_like_a_folder(class_folder):
    files = sorted(class_folder.iterdir())
    upload_value = tuple({"name": p.name, "type": "text/csv", "size": p.stat().st_size,
                          "content": memoryview(p.read_bytes())} for p in files)
    from_uploads, caught = pooled_with_warnings(upload_value)
    assert caught == []
    from_pairs, _ = pooled_with_warnings([(p.name, p.read_bytes()) for p in files])
    from_folder, _ = pooled_with_warnings(class_folder)
    pd.testing.assert_frame_equal(servqual_score(from_uploads), servqual_score(from_folder))
    pd.testing.assert_frame_equal(servqual_score(from_pairs), servqual_score(from_folder))


def test_two_uploads_with_one_name_get_unique_ids(class_folder):
    anna = (class_folder / "anna.csv").read_bytes()
    bram = (class_folder / "bram.csv").read_bytes()
    klas, caught = pooled_with_warnings([("antwoorden.csv", anna), ("antwoorden.csv", bram)])
    assert caught == []
    assert klas.index.tolist() == ["antwoorden", "antwoorden-2"] and klas.index.is_unique
    assert klas["bestand"].tolist() == ["antwoorden.csv", "antwoorden.csv (2)"]


def test_no_usable_file_is_an_error_that_names_every_file(tmp_path):
    (tmp_path / "leeg.csv").write_bytes(b"")
    (tmp_path / "kapot.csv").write_text("E1,P1\n0,2\n")
    with pytest.raises(KlantDataError, match=r"(?s)Geen van de 2 bestanden .*'kapot.csv'.*'leeg.csv'") as info:
        pool_servqual(tmp_path)
    assert "\n- 'kapot.csv': " in str(info.value)
    empty = tmp_path / "leeg"
    empty.mkdir()
    with pytest.raises(KlantDataError, match="geen CSV- of Excelbestanden"):
        pool_servqual(empty)
    with pytest.raises(KlantDataError, match="bestaat niet"):
        pool_servqual(tmp_path / "niet_er")
    with pytest.raises(KlantDataError, match="geen bestanden"):
        pool_servqual(())


def test_the_pooled_survey_is_drawn_like_the_shipped_one(class_folder, tmp_path):
    import matplotlib.pyplot as plt

    from klantlib.views.servqual import gap_bars, profile_plot

    klas, _ = pooled_with_warnings(class_folder)
    ax = gap_bars(summary(klas))
    np.testing.assert_allclose([p.get_width() for p in ax.patches[:5]], summary(klas)["gap"].to_numpy())
    ax = profile_plot(klas)
    np.testing.assert_allclose(ax.lines[0].get_ydata(), klas[list(E_COLUMNS)].mean().to_numpy())
    plt.close("all")
    box = servqual_widget(klas, folder=tmp_path)
    table = find_widget(box, "klant-figuur").area
    survey_bars = [p.get_width() for p in table.ax.patches[:5]]
    np.testing.assert_allclose(survey_bars, summary(klas, errors="warn")["gap"].to_numpy())


# --- the lifestyle statements of notebook 03 ---------------------------------------------------------------

def answers_for(kind):
    own = set(STATEMENTS.index[STATEMENTS["type"] == kind])
    return {item: 5 if item in own else 2 for item in ITEM_COLUMNS}


def test_vals_exports_pool_classify_and_compare_with_the_population(tmp_path):
    folder = tmp_path / "klas"
    folder.mkdir()
    # cem differs from anna in one answer: identical exports would count as one file handed in twice.
    for name, answers in [("anna", answers_for("geslaagden")), ("bram", answers_for("ik ben ik")),
                          ("cem", answers_for("geslaagden") | {"S01": 3})]:
        shutil.copy(export(vals_widget, tmp_path, name, answers), folder / f"{name}.csv")
    half = {k: v for k, v in answers_for("meelopers").items() if k != "S18"}  # one statement left open
    shutil.copy(export(vals_widget, tmp_path, "dirk", half), folder / "dirk.csv")
    (folder / "servqual.csv").write_text("E1,P1\n6,5\n")  # the other questionnaire's export
    klas, caught = pooled_with_warnings(folder, pool_vals)
    assert len(caught) == 1
    assert caught[0].startswith("2 van de 5 bestanden zijn niet meegenomen in de vragenlijst 'Leefstijlvragenlijst "
                                 "(VALS)' van de klas:")
    assert "- 'dirk.csv': 1 leeg antwoord in 'dirk.csv': rij 2, stelling S18" in caught[0]
    assert "- 'servqual.csv': 'servqual.csv' hoort niet bij de vragenlijst 'Leefstijlvragenlijst (VALS)'" in caught[0]
    assert "Samengevoegd: 3 bestanden met samen 3 respondenten." in caught[0]
    types = classify(klas)
    assert types["type"].to_dict() == {"anna": "geslaagden", "bram": "ik ben ik", "cem": "geslaagden"}
    counts = compare_with_population(types).tabel["aantal"]
    assert counts.to_dict() == {"need-driven": 0, "outer-directed": 2, "inner-directed": 1}


def test_vals_pool_refuses_an_answer_outside_the_scale(tmp_path):
    good = pd.DataFrame([answers_for("overlevers")]).to_csv(index=False).encode()
    bad = pd.DataFrame([answers_for("overlevers") | {"S04": 6}]).to_csv(index=False).encode()
    klas, caught = pooled_with_warnings([("goed.csv", good), ("fout.csv", bad)], pool_vals)
    assert klas.index.tolist() == ["goed"]
    assert "1 van de 2 bestanden is niet meegenomen" in caught[0]
    assert "- 'fout.csv': 1 ongeldig antwoord in 'fout.csv': rij 2, kolom 'S04': 6" in caught[0]


# --- the questionnaires show what the ends of the scale mean ---------------------------------------------

def test_the_questionnaires_show_the_ends_of_their_scale(tmp_path):
    from klantlib.servqual import SCALE_ENDS as SERVQUAL_ENDS
    from klantlib.vals import SCALE, SCALE_ENDS

    assert SERVQUAL_ENDS == ("helemaal oneens", "helemaal eens") == SCALE_ENDS
    seven = find_widget(servqual_widget(folder=tmp_path), "klant-schaal").value
    assert "1 = helemaal oneens, 7 = helemaal eens" in seven
    five = find_widget(servqual_widget(folder=tmp_path, name="kort", scale=5), "klant-schaal").value
    assert "1 = helemaal oneens, 5 = helemaal eens" in five
    assert SCALE == 5
    vals = find_widget(vals_widget(folder=tmp_path), "klant-schaal").value
    assert "1 = helemaal oneens, 5 = helemaal eens" in vals


def test_respondent_ids_follow_the_id_rule_when_a_number_column_has_a_blank(tmp_path):
    # A group's own ids 1, 2 and a blank: read as numbers with a gap, they must not become "1.0" and "2.0".
    survey = example_survey()
    survey = pd.concat([survey, survey.iloc[[0]]], ignore_index=True)
    survey["respondent_id"] = [1, 2, None]
    survey.to_csv(tmp_path / "groep.csv", index=False)
    klas, _ = pooled_with_warnings(tmp_path)
    assert klas.index.tolist() == ["groep/1", "groep/2", "groep/rij 4"]
