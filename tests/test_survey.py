"""klantlib.survey.Questionnaire: questionnaires as data, read, pooled, scored and compared in one way.

Checked against hand computation, scipy's t-distribution and pingouin's Cronbach's alpha, and
fed exports as Google Forms, Microsoft Forms, Dutch Excel and the questionnaire widget write them.
"""

from __future__ import annotations

import io
import math
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from klantlib.data import load_dataset
from klantlib.errors import KlantDataError, KlantDataWarning
from klantlib.survey import Questionnaire
from klantlib.views._widgets import find_widget

MINI = (Path(__file__).parent / "mini.toml").read_text(encoding="utf-8")  # shared with test_pooling


@pytest.fixture
def mini(tmp_path):
    path = tmp_path / "mini.toml"
    path.write_text(MINI, encoding="utf-8")
    return Questionnaire.from_toml(path)


def caught(function, *args, **kwargs):
    with warnings.catch_warnings(record=True) as found:
        warnings.simplefilter("always")
        result = function(*args, **kwargs)
    return result, [str(w.message) for w in found if issubclass(w.category, KlantDataWarning)]


# -- the shipped questionnaires and a lecturer's own -----------------------------------------------------

@pytest.mark.parametrize(("name", "items", "scale", "dimensions"), [
    ("servqual", 44, (1, 7), 10), ("vals", 18, (1, 5), 9), ("martin", 16, (1, 5), 2), ("relatiesterkte", 4, (1, 7), 1),
])
def test_every_shipped_questionnaire_loads(name, items, scale, dimensions):
    q = Questionnaire.load(name)
    assert q.name == name and len(q.items) == items and q.scale == scale and len(q.dimensions) == dimensions
    assert list(q.items.columns[:5]) == ["tekst", "dimensie", "referentie", "omgekeerd", "deel"]
    assert q.items["tekst"].str.len().gt(10).all() and q.source and all(q.ends)
    assert Questionnaire.load(name) is q  # read once per kernel


def test_the_vals_texts_and_the_shipped_dataset_agree():
    statements = load_dataset("leefstijl_stellingen").set_index("item")
    items = Questionnaire.load("vals").items
    assert statements["stelling"].tolist() == items["tekst"].tolist()
    assert statements["type"].astype(str).tolist() == items["dimensie"].tolist()


def test_a_lecturers_questionnaire(mini):
    assert mini.codes == ["K1", "K2", "K3", "R1"] and mini.scale == (1, 5)
    assert mini.dimensions == {"klantkennis": ["K1", "K2", "K3"], "ruimte": ["R1"]}
    assert mini.items["omgekeerd"].tolist() == [False, False, True, False]
    assert np.isnan(mini.items.at["R1", "referentie"]) and mini.items.at["K1", "referentie"] == 3.5
    assert mini.legend == "1 = helemaal oneens, 5 = helemaal eens"
    assert repr(mini) == "Questionnaire('mini': Mini-scan klantgerichtheid; 4 items, 2 dimensies, schaal 1-5)"


@pytest.mark.parametrize(("change", "message"), [
    (lambda t: t.replace('scale = [1, 5]', 'scale = [1, 5'), r"'kapot.toml' is geen geldig TOML-bestand: .*line"),
    (lambda t: t.replace('title = "Mini-scan klantgerichtheid"\n', ''), r"in \[questionnaire\] ontbreekt 'title'"),
    (lambda t: t.replace('scale = [1, 5]', 'scale = [5, 1]'), "scale moet twee hele getallen zijn"),
    (lambda t: t.replace('"neutraal", ', ''), "words moet één tekst per antwoord hebben, van 1 tot en met 5: 5"),
    (lambda t: t.replace('code = "K2"', 'code = "k1"'), "de code 'k1' komt meer dan eens voor"),
    (lambda t: t.replace('reference = 2.5', 'reference = 6'), r"reference van item 2 \(K2\) moet een getal op de"),
    (lambda t: t.replace('dimension = "ruimte"', ''), r"bij item 4 \(R1\) ontbreekt 'dimension'"),
    (lambda t: t.replace('name = "mini"', 'name = "mini"\nschaal = 5'), r"\[questionnaire\] kent 'schaal' niet"),
    (lambda t: t.replace('reverse = true', 'reverse = "ja"'), "reverse van item 3 .* moet true of false zijn"),
    (lambda t: t.replace('code = "K1"', 'code = "1e vraag"'), "moet met een letter beginnen"),
    (lambda t: t.split("[[item]]")[0], "er staat geen enkel item in"),
])
def test_a_broken_questionnaire_file_says_what_to_fix(tmp_path, change, message):
    path = tmp_path / "kapot.toml"
    path.write_text(change(MINI), encoding="utf-8")
    with pytest.raises(KlantDataError, match=message):
        Questionnaire.from_toml(path)


def test_an_unknown_or_missing_questionnaire():
    with pytest.raises(KlantDataError, match="Bedoel je 'vals'"):
        Questionnaire.load("val")
    with pytest.raises(KlantDataError, match="bestaat niet"):
        Questionnaire.from_toml("geen_vragenlijst.toml")


# -- reading one file --------------------------------------------------------------------------------------

def test_a_microsoft_forms_export_with_question_texts_and_likert_words(mini):
    # Microsoft Forms: Id, times, e-mail and name first; the questions as headers; answers as their words.
    export = ("Id,Begintijd,Tijd van voltooien,E-mail,Naam,"
              "We vragen klanten regelmatig wat ze van ons vinden.,We weten waarom klanten weggaan.,"
              "Klachten blijven bij ons lang liggen.,Medewerkers mogen zelf een probleem van een klant oplossen.\n"
              "1,1-12-2026 9:01:02,1-12-2026 9:03:40,anoniem,,Eens,Oneens,helemaal oneens,Neutraal\n"
              "2,1-12-2026 9:05:00,1-12-2026 9:06:10,anoniem,,Helemaal eens,Eens,Eens,Helemaal eens\n")
    answers = mini.read(io.StringIO(export))
    assert list(answers.index) == [1, 2] and answers.index.name == "respondent"  # whole-number ids stay numbers
    assert answers[mini.codes].to_numpy().tolist() == [[4, 2, 1, 3], [5, 4, 4, 5]]
    assert answers[mini.codes].dtypes.eq("int64").all()
    assert "Begintijd" in answers.columns  # the file's other columns stay


def test_a_google_forms_grid_export_with_numbers(mini):
    # Google Forms: a timestamp, then a grid question "Vraag [statement]" per item.
    header = ["Tijdstempel"] + [f"Hoe klantgericht zijn wij? [{t}]" for t in mini.items["tekst"]]
    rows = [["2026/12/01 10:00:00 CET", 4, 2, 5, 3], ["2026/12/01 10:04:00 CET", 3, 3, 1, 4]]
    csv = pd.DataFrame(rows, columns=header).to_csv(index=False)
    answers = mini.read(io.StringIO(csv))
    assert list(answers.index) == ["rij 2", "rij 3"]  # no id: the row as Excel shows it
    assert answers[mini.codes].to_numpy().tolist() == [[4, 2, 5, 3], [3, 3, 1, 4]]


def test_codes_with_numbers_in_front_and_dutch_excel(mini, tmp_path):
    path = tmp_path / "scan.xlsx"
    pd.DataFrame({"Respondent": ["007", "12"], "k 01": [1, 2], "K2.": [3, 4], "3. Klachten blijven bij ons lang liggen": [5, 5],
                  "R1 - mag ik het zelf oplossen?": [2, 2]}).to_excel(path, index=False)
    answers = mini.read(path)
    assert list(answers.index) == ["007", "12"]  # ids stay text, leading zeros kept
    assert answers.loc["007", mini.codes].tolist() == [1, 3, 5, 2]


def test_a_wrong_answer_names_file_row_and_item(mini):
    export = "respondent_id;K1;K2;K3;R1\nA;4;2;1;3\nB;4;zes;1;6\n"
    with pytest.raises(KlantDataError) as error:
        mini.read({"name": "groep_4.csv", "content": export.encode()})
    message = str(error.value)
    assert message.startswith("2 ongeldige antwoorden in 'groep_4.csv': rij 3 (respondent B), kolom 'K2': 'zes'; "
                              "rij 3 (respondent B), kolom 'R1': 6.")
    assert "Het gaat om K2: vraag 'We weten waarom klanten weggaan.'" in message
    answers, messages = caught(mini.read, {"name": "groep_4.csv", "content": export.encode()}, errors="warn")
    assert "als ontbrekend behandeld" in messages[0]
    assert "respondent heeft niet elk item beantwoord" in messages[1] and list(answers.index) == ["A"]


def test_every_item_must_be_answered_unless_the_questionnaire_allows_blanks(mini):
    export = "K1,K2,K3,R1\n4,,1,3\n"
    with pytest.raises(KlantDataError, match=r"1 leeg antwoord in 'je bestand': rij 2, vraag K2 \('We weten"):
        mini.read(io.StringIO(export))
    servqual = Questionnaire.load("servqual")
    half = pd.DataFrame([{"E1": 5, "P1": 4}]).reindex(columns=servqual.codes)
    answers = servqual.read(half)
    assert answers.loc["rij 0", "E1"] == 5 and pd.isna(answers.loc["rij 0", "E2"])
    assert str(answers["E2"].dtype) == "Int64"


def test_a_file_of_another_questionnaire_is_named(mini):
    vals = Questionnaire.load("vals")
    export = pd.DataFrame([{c: 3 for c in vals.codes}]).to_csv(index=False)
    with pytest.raises(KlantDataError, match=r"hoort niet bij de vragenlijst 'Mini-scan klantgerichtheid'.*Het lijkt "
                                             r"de vragenlijst 'Leefstijlvragenlijst \(VALS\)'"):
        mini.read(io.StringIO(export))
    with pytest.raises(KlantDataError, match=r"ontbreken 2 van de 4 items .*: K3 en R1"):
        mini.read(io.StringIO("K1,K2\n3,4\n"))


def test_two_headers_for_one_item_and_a_repeated_respondent(mini):
    with pytest.raises(KlantDataError, match="Meer dan één kolom hoort bij hetzelfde item: 'K1' en 'k01' bij K1"):
        mini.read(io.StringIO("K1,k01,K2,K3,R1\n1,1,1,1,1\n"))
    with pytest.raises(KlantDataError, match=r"\(rij 3\): het id in kolom 'Respondent_ID' kwam al eerder voor"):
        mini.read(io.StringIO("Respondent_ID,K1,K2,K3,R1\nA,1,1,1,1\nA,2,2,2,2\n"))


@pytest.mark.parametrize("column", ["ID", "Respondent ID", "respondent_id"])
def test_a_repeated_id_is_named_by_the_column_as_the_file_has_it(tmp_path, column):
    rs = Questionnaire.load("relatiesterkte")
    path = tmp_path / "ms.xlsx"
    pd.DataFrame({column: [1, 2, 1], **{code: [5, 6, 4] for code in rs.codes}}).to_excel(path, index=False)
    with pytest.raises(KlantDataError) as caught:
        rs.read(path)
    assert str(caught.value) == (f"1 van de 3 rijen in 'ms.xlsx' is niet bruikbaar (rij 4): het id in kolom "
                                 f"'{column}' kwam al eerder voor. Geef elke respondent een eigen id in kolom "
                                 f"'{column}'.")
    with pytest.warns(KlantDataWarning, match=rf"overgeslagen \(rij 4\): het id in kolom '{column}' kwam al"):
        assert rs.read(path, errors="warn").index.tolist() == [1, 2]


def test_a_row_of_question_texts_under_the_header_is_left_out(mini):
    export = "K1,K2,K3,R1\n" + ",".join(f'"{t}"' for t in mini.items["tekst"]) + "\n4,2,1,3\n"
    answers, messages = caught(mini.read, io.StringIO(export))
    assert list(answers.index) == ["rij 3"] and "deze rij bevat vraagteksten" in messages[0]


# -- a class's files -------------------------------------------------------------------------------------

def test_pooling_a_class_leaves_out_what_cannot_be_used_and_says_why(mini, tmp_path):
    folder = tmp_path / "klas"
    folder.mkdir()
    (folder / "anna.csv").write_text("K1,K2,K3,R1\n4,2,1,3\n")
    (folder / "bram.csv").write_text("Respondent;K1;K2;K3;R1\nB1;5;5;5;5\nB2;1;1;1;1\n")
    (folder / "kopie.csv").write_text("K1,K2,K3,R1\n4,2,1,3\n")
    (folder / "vals.csv").write_text(",".join(Questionnaire.load("vals").codes) + "\n" + ",".join(["3"] * 18) + "\n")
    (folder / "kapot.xlsx").write_bytes(b"dit is geen Excel")
    (folder / "notities.docx").write_bytes(b"")
    klas, messages = caught(mini.pool, folder)
    assert list(klas.index) == ["anna", "bram/B1", "bram/B2"]
    assert klas["bestand"].tolist() == ["anna.csv", "bram.csv", "bram.csv"]
    assert klas[mini.codes].to_numpy().tolist() == [[4, 2, 1, 3], [5, 5, 5, 5], [1, 1, 1, 1]]
    assert len(messages) == 1
    text = messages[0]
    assert text.startswith("3 van de 5 bestanden zijn niet meegenomen in de vragenlijst 'Mini-scan klantgerichtheid'")
    assert "- 'kopie.csv': dezelfde inhoud als 'anna.csv'" in text
    assert "- 'vals.csv': 'vals.csv' hoort niet bij de vragenlijst" in text
    assert "- 'kapot.xlsx': " in text and "Genegeerd, want geen CSV- of Excelbestand: 'notities.docx'" in text
    assert klas.attrs["overgeslagen"].keys() == {"kopie.csv", "vals.csv", "kapot.xlsx"}
    # The pooled class is scored like any survey.
    assert mini.score(klas).loc["bram/B2", "klantkennis"] == pytest.approx((1 + 1 + 5) / 3)


def test_pooling_uploads_and_nothing_usable(mini):
    upload = [{"name": "a.csv", "content": b"K1,K2,K3,R1\n4,2,1,3\n"}, {"name": "a.csv", "content": b"K1,K2,K3,R1\n1,2,3,4\n"}]
    klas = mini.pool(upload)
    assert list(klas.index) == ["a", "a-2"]
    with pytest.raises(KlantDataError, match="Geen van de 1 bestanden .* is bruikbaar"):
        mini.pool([("leeg.csv", b"")])


# -- scoring, comparing, reliability ---------------------------------------------------------------------

ANSWERS = pd.DataFrame({"K1": [4, 5, 2, 4], "K2": [2, 4, 1, 3], "K3": [1, 2, 5, 2], "R1": [3, 5, 2, None]},
                       index=pd.Index(list("ABCD"), name="respondent"))


def test_score_turns_reversed_items_around(mini):
    scores = mini.score(ANSWERS)
    # A: K1 4, K2 2, K3 1 reversed to 5: (4 + 2 + 5) / 3
    assert scores.loc["A", "klantkennis"] == pytest.approx(11 / 3)
    assert math.isnan(scores.loc["D", "ruimte"]) and scores.loc["D", "aantal_items"] == 3
    assert mini.score({"K3": 5}).loc[0, "klantkennis"] == 1.0


def test_compare_per_item_is_the_t_interval_against_the_reference(mini):
    from scipy import stats

    table = mini.compare(ANSWERS)
    values = ANSWERS["K1"].to_numpy(dtype=float)
    low, high = stats.t.interval(0.95, len(values) - 1, loc=values.mean(), scale=stats.sem(values))
    assert table.loc["K1", ["gemiddelde", "ondergrens", "bovengrens"]].tolist() == pytest.approx(
        [values.mean(), low, high])
    assert table.loc["K1", "verschil"] == pytest.approx(values.mean() - 3.5)
    assert table.loc["R1", "respondenten"] == 3 and np.isnan(table.loc["R1", "verschil"])
    assert table["dimensie"].tolist() == ["klantkennis"] * 3 + ["ruimte"]


def test_compare_per_dimension_uses_scores_and_turned_references(mini):
    table = mini.compare(ANSWERS, per="dimensie")
    assert table.loc["klantkennis", "gemiddelde"] == pytest.approx(mini.score(ANSWERS)["klantkennis"].mean())
    assert table.loc["klantkennis", "referentie"] == pytest.approx((3.5 + 2.5 + (6 - 2.0)) / 3)
    assert np.isnan(table.loc["ruimte", "referentie"])  # R1 has no published mean
    with pytest.raises(KlantDataError, match="per moet 'item' of 'dimensie' zijn"):
        mini.compare(ANSWERS, per="vraag")


def test_reliability_against_hand_computation_and_pingouin():
    import pingouin

    survey = load_dataset("servqual")
    servqual = Questionnaire.load("servqual")
    table = servqual.reliability(survey)
    for label, codes in servqual.dimensions.items():
        items = survey[codes].astype(float).dropna()
        k = len(codes)
        by_hand = k / (k - 1) * (1 - items.var(ddof=1).sum() / items.sum(axis=1).var(ddof=1))
        assert table.loc[label, "alfa"] == pytest.approx(by_hand)
        assert table.loc[label, "alfa"] == pytest.approx(pingouin.cronbach_alpha(items)[0])
        assert table.loc[label, "items"] == k and table.loc[label, "respondenten"] == len(items)


def test_reliability_notes(mini):
    table = mini.reliability(ANSWERS)
    assert table.loc["ruimte", "opmerking"].startswith("Eén item: alfa bestaat niet")
    low = pd.DataFrame({"K1": [1, 5, 1, 5], "K2": [5, 1, 5, 1], "K3": [3, 3, 4, 2], "R1": [1, 2, 3, 4]})
    assert mini.reliability(low).loc["klantkennis", "opmerking"].startswith("Lage betrouwbaarheid: alfa")
    same = pd.DataFrame({"K1": [3, 3], "K2": [3, 3], "K3": [3, 3], "R1": [1, 2]})
    assert "varieert niet" in mini.reliability(same).loc["klantkennis", "opmerking"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.one_of(st.none(), st.integers(1, 5)), min_size=4, max_size=4), min_size=1, max_size=30))
def test_compare_means_are_pandas_means(rows):
    q = Questionnaire.from_text(MINI)
    answers = pd.DataFrame(rows, columns=q.codes, dtype="float64")
    table = q.compare(answers)
    assert table["gemiddelde"].to_numpy() == pytest.approx(answers.mean().to_numpy(), nan_ok=True)
    assert table["respondenten"].tolist() == answers.notna().sum().tolist()
    inside = table.dropna(subset=["ondergrens"])
    assert (inside["ondergrens"] <= inside["gemiddelde"] + 1e-9).all()
    assert (inside["gemiddelde"] <= inside["bovengrens"] + 1e-9).all()


# -- one vocabulary for errors= --------------------------------------------------------------------------

def test_the_old_word_missing_still_works_with_a_future_warning(mini):
    bad = ANSWERS.assign(K1=[4, 9, 2, 4])
    with pytest.warns(FutureWarning, match='errors="missing" heet nu errors="warn"'):
        scores = mini.score(bad, errors="missing")
    assert scores.loc["B", "aantal_items"] == 3
    with pytest.raises(KlantDataError, match="errors moet 'raise' of 'warn' zijn, niet 'ignore'"):
        mini.score(bad, errors="ignore")


def test_a_warning_points_at_the_callers_line(mini):
    bad = ANSWERS.assign(K1=[4, 9, 2, 4])
    with warnings.catch_warnings(record=True) as found:
        warnings.simplefilter("always")
        mini.score(bad, errors="warn")
    assert found[0].filename == __file__


# -- the one questionnaire widget ------------------------------------------------------------------------

def test_the_widget_saves_exports_and_reads_back(mini, tmp_path):
    from klantlib.views.survey import questionnaire_widget

    box = questionnaire_widget(mini, ANSWERS.fillna(3), folder=tmp_path)
    for code, value in {"K1": 4, "K2": 2, "K3": 1, "R1": 5}.items():
        find_widget(box, f"klant-{code}").value = value
    assert "4 van de 4 items beantwoord" in find_widget(box, "klant-uitkomst").value
    assert find_widget(box, "klant-schaal").value == "<i>1 = helemaal oneens, 5 = helemaal eens</i>"
    figure = find_widget(box, "klant-figuur").area.fig
    # Where the title sits follows the style in use (the house style puts titles left): look at every place.
    assert "Jouw score per dimensie" in {figure.axes[0].get_title(loc) for loc in ("left", "center", "right")}
    find_widget(box, "klant-export").click()
    exported = tmp_path / "mini.csv"
    assert str(exported) in find_widget(box, "klant-melding").value
    back = mini.read(exported)
    assert list(back.index) == ["rij 2"] and back.loc["rij 2", mini.codes].tolist() == [4, 2, 1, 5]
    # A kernel restart: a new widget shows the saved answers.
    again = questionnaire_widget(mini, folder=tmp_path)
    assert find_widget(again, "klant-K3").value == 1


def test_the_widget_says_when_saving_fails_and_keeps_the_answer(mini, tmp_path):
    from klantlib.views.survey import questionnaire_widget

    blocked = tmp_path / "geen_map"
    blocked.write_text("een bestand, geen map")
    box = questionnaire_widget(mini, folder=blocked)
    find_widget(box, "klant-K1").value = 4
    assert "NIET" in find_widget(box, "klant-melding").value
    assert find_widget(box, "klant-K1").value == 4
    assert "1 van de 4 items beantwoord" in find_widget(box, "klant-uitkomst").value


def test_points_are_a_page_of_the_form(tmp_path):
    from klantlib.views.survey import questionnaire_widget

    servqual = Questionnaire.load("servqual")
    box = questionnaire_widget(servqual, folder=tmp_path)
    tabs = [child for child in box.children[0].children if hasattr(child, "titles")][0]
    assert list(tabs.titles) == ["Verwachtingen (E)", "Percepties (P)", "Punten"]
    find_widget(box, "klant-W_zekerheid").value = 30
    assert find_widget(box, "klant-punten-rest").value == "<b>Nog 70 punten te verdelen (samen 30 van de 100).</b>"


def test_an_empty_selection_gets_a_dutch_answer(mini):
    empty = ANSWERS[ANSWERS["K1"] > 5]  # a filter that leaves nobody
    for method in (mini.score, mini.compare, mini.reliability, mini.read):
        with pytest.raises(KlantDataError, match=r"^De selectie is leeg: in de enquête staat geen enkele respondent, "
                                                 r"dus zijn er geen antwoorden te controleren\."):
            method(empty)
    with pytest.raises(KlantDataError, match="alleen kolomnamen"):
        mini.read(io.StringIO("K1,K2,K3,R1\n"))
    with pytest.raises(KlantDataError, match="de lijst \\(of de upload\\) is leeg"):
        mini.pool([])


def test_points_left_reads_points_by_the_number_rule():
    servqual = Questionnaire.load("servqual")
    assert servqual.points_left({"W_tastbaarheden": "50%", "W_zekerheid": " 50 "})[0] == 0
    with pytest.raises(KlantDataError, match="geen getal bij W_zekerheid: 'vijftig'"):
        servqual.points_left({"W_zekerheid": "vijftig"})
    with pytest.raises(KlantDataError, match="verdelen respondenten geen punten"):
        Questionnaire.load("vals").points_left({})


def test_a_confidence_given_as_a_percentage_is_a_dutch_klantdataerror(mini):
    with pytest.raises(KlantDataError) as error:
        mini.compare(ANSWERS, confidence=95)
    assert str(error.value) == "confidence moet tussen 0 en 1 liggen (0.95 voor 95%), niet 95."


def test_an_average_row_added_under_the_respondents_is_no_respondent():
    rs = Questionnaire.load("relatiesterkte")
    export = (f"respondent_id;{';'.join(rs.codes)}\nR1;6;5;6;6\nR2;4;5;4;4\nGemiddelde;5;5;5;5\n").encode()
    with pytest.warns(KlantDataWarning, match=r"overgeslagen \(rij 4\): een totaal of gemiddelde"):
        survey = rs.read({"name": "groep.csv", "content": export})
    assert survey.index.tolist() == ["R1", "R2"]


def test_a_csv_saved_by_excel_with_everything_in_column_a_is_explained(tmp_path):
    import openpyxl

    rs = Questionnaire.load("relatiesterkte")
    book = openpyxl.Workbook()
    book.active.append([",".join(rs.codes)])
    book.active.append(["6,5,6,6"])
    book.save(tmp_path / "groep.xlsx")
    with pytest.raises(KlantDataError) as error:
        rs.read(tmp_path / "groep.xlsx")
    assert str(error.value).endswith(
        "Alles staat in één kolom, met komma's ertussen: het bestand is geopend met een ander scheidingsteken en zo "
        "opgeslagen. Gebruik in Excel Gegevens > Tekst naar kolommen (kies komma als scheidingsteken), of lees het "
        "oorspronkelijke CSV-bestand.")
