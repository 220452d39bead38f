"""Reading online-form exports and pooling a class folder as a learning environment downloads it (issue 18).

Fixtures are written as the tools write them: Microsoft Forms' Excel export (ID, times, e-mail, name, then
one column per question with the question text as header and the answers as the scale's words), Google
Forms' CSV (Tijdstempel), and a Moodle/Brightspace "download all submissions" folder (one subfolder per
student, Excel's lock files, macOS's resource files). The course's rule for a file handed in twice is in the
module docstring of klantlib.pooling; it is tested here both ways.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klantlib.errors import KlantDataError, KlantDataWarning
from klantlib.pooling import is_clutter, pool_files
from klantlib.survey import WORD_VARIANTS, Questionnaire

MINI = (Path(__file__).parent / "mini.toml").read_text(encoding="utf-8")  # as in test_survey

MINI_Q = Questionnaire.from_text(MINI, origin="mini.toml")
VALS = Questionnaire.load("vals")
#: Microsoft Forms' own Dutch Likert options, 1 to 5, and its English ones.
MS_WORDS = ["Helemaal mee oneens", "Mee oneens", "Neutraal", "Mee eens", "Helemaal mee eens"]
MS_WORDS_EN = ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"]
MS_HEAD_NL = ["ID", "Begintijd", "Tijd van voltooien", "E-mail", "Naam"]
MS_HEAD_EN = ["ID", "Start time", "Completion time", "Email", "Name"]


def caught(function, *args, **kwargs):
    with warnings.catch_warnings(record=True) as found:
        warnings.simplefilter("always")
        result = function(*args, **kwargs)
    return result, [str(w.message) for w in found if issubclass(w.category, KlantDataWarning)]


def ms_forms_xlsx(questionnaire, answers, *, head=MS_HEAD_NL, words=MS_WORDS) -> bytes:
    """A Microsoft Forms Excel export: per respondent the answers (numbers) written as the form's words."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append(head + list(questionnaire.items["tekst"]))
    for k, row in enumerate(answers, start=1):
        start = dt.datetime(2026, 3, 2, 10, 0) + dt.timedelta(minutes=7 * k)
        sheet.append([k, start, start + dt.timedelta(minutes=4, seconds=13), "anonymous", None]
                     + [words[a - 1] for a in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def as_xlsx(frame: pd.DataFrame) -> bytes:
    """A table as Excel saves it (what a student's "Opslaan als .xlsx" of a CSV gives)."""
    out = io.BytesIO()
    frame.to_excel(out, index=False)
    return out.getvalue()


# -- 1. Microsoft and Google Forms exports with Likert words ------------------------------------------------

VALS_ANSWERS = [
    [4, 5, 4, 5, 4, 5, 4, 5, 4, 5, 4, 5, 4, 5, 4, 5, 4, 5],  # only "mee eens" words: taken for question texts before
    [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2, 3],
    [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1],
]


@pytest.mark.parametrize("words", [MS_WORDS, MS_WORDS_EN, list(VALS.words)], ids=["mee-eens", "english", "own"])
@pytest.mark.parametrize("head", [MS_HEAD_NL, MS_HEAD_EN], ids=["nl", "en"])
def test_a_microsoft_forms_excel_export_reads_the_words_as_numbers(head, words):
    export = ms_forms_xlsx(VALS, VALS_ANSWERS, head=head, words=words)
    survey, messages = caught(VALS.read, {"name": "Leefstijl(1-3).xlsx", "content": export})
    assert messages == []
    assert list(survey.index) == [1, 2, 3]  # Forms' ID is the respondent's own id (whole numbers stay numbers)
    assert survey[VALS.codes].to_numpy().tolist() == VALS_ANSWERS
    assert survey[VALS.codes].dtypes.eq("int64").all()
    assert list(survey.columns[:4]) == head[1:]  # times, e-mail and name stay as they were
    assert survey.iloc[0, 0] == dt.datetime(2026, 3, 2, 10, 7)


@pytest.mark.parametrize("rows", [VALS_ANSWERS[:1], VALS_ANSWERS[:2]], ids=["1", "2"])
def test_one_or_two_respondents_in_forms_words_are_respondents_not_question_texts(rows):
    # The old rule took up to two rows of unknown words under the header for question texts: "geen respondenten".
    survey, messages = caught(VALS.read, {"name": "Leefstijl.xlsx", "content": ms_forms_xlsx(VALS, rows)})
    assert messages == [] and survey[VALS.codes].to_numpy().tolist() == rows


def test_a_forms_export_of_a_questionnaire_without_words_names_every_word():
    # SERVQUAL and relatiesterkte give no words: an answer in words is named as wrong, with file, row and item.
    rs = Questionnaire.load("relatiesterkte")
    export = ms_forms_xlsx(rs, [[4, 5, 4, 4], [2, 3, 3, 1]])
    with pytest.raises(KlantDataError) as error:
        rs.read({"name": "Relatie.xlsx", "content": export})
    assert str(error.value).startswith(
        "8 ongeldige antwoorden in 'Relatie.xlsx': rij 2 (ID 1), kolom 'attractiviteit': 'Mee eens'; rij 2 "
        "(ID 1), kolom 'overstapkosten': 'Helemaal mee eens'; rij 2 (ID 1), kolom 'vertrouwen': "
        "'Mee eens'; rij 2 (ID 1), kolom 'tevredenheid': 'Mee eens'; rij 3 (ID 2), kolom "
        "'attractiviteit': 'Mee oneens' en nog 3. Antwoorden moeten hele getallen van 1 tot en met 7 zijn; ")


def test_a_wrong_word_names_the_questionnaires_own_words_once():
    export = ms_forms_xlsx(MINI_Q, [[4, 2, 1, 3]])
    book = openpyxl.load_workbook(io.BytesIO(export))
    book.active["G2"] = "Soms"  # K2
    changed = io.BytesIO()
    book.save(changed)
    with pytest.raises(KlantDataError) as error:
        MINI_Q.read({"name": "scan.xlsx", "content": changed.getvalue()})
    assert str(error.value) == (
        "1 ongeldig antwoord in 'scan.xlsx': rij 2 (ID 1), kolom 'K2': 'Soms'. Antwoorden moeten hele getallen "
        "van 1 tot en met 5 zijn (of de woorden 'helemaal oneens', 'oneens', 'neutraal', 'eens' of 'helemaal eens'); "
        "verbeter de waarde of maak de cel leeg. Het gaat om K2: vraag 'We weten waarom klanten weggaan.'.")


def test_a_google_forms_csv_with_a_timestamp_and_words():
    header = ["Tijdstempel", "E-mailadres"] + [f"Hoe klantgericht zijn wij? [{t}]" for t in MINI_Q.items["tekst"]]
    rows = [["2026/12/01 10:00:00 CET", "a@school.nl", "Mee eens", "Mee oneens", "Helemaal mee oneens", "Neutraal"],
            ["2026/12/01 10:04:00 CET", "b@school.nl", "Eens", "Eens", "Eens", "Eens"],
            ["2026/12/01 10:09:00 CET", "c@school.nl", "Strongly agree", "Agree", "Neutral", "Disagree"]]
    csv = pd.DataFrame(rows, columns=header).to_csv(index=False)
    survey, messages = caught(MINI_Q.read, {"name": "Klantscan (antwoorden).csv", "content": csv.encode()})
    assert messages == [] and list(survey.index) == ["rij 2", "rij 3", "rij 4"]
    assert survey[MINI_Q.codes].to_numpy().tolist() == [[4, 2, 1, 3], [4, 4, 4, 4], [5, 4, 3, 2]]
    assert survey["E-mailadres"].tolist() == ["a@school.nl", "b@school.nl", "c@school.nl"]


def test_a_question_title_in_front_of_the_statement():
    # "Titel.Stelling" (a Likert question's title before each statement) and "Titel - Stelling".
    headers = ["ID", *(f"Hoe zien jullie dat?.{t}" for t in MINI_Q.items["tekst"][:2]),
               *(f"Stelling - {t}" for t in MINI_Q.items["tekst"][2:])]
    csv = ",".join(f'"{h}"' for h in headers) + "\nA,Eens,Oneens,Neutraal,Helemaal eens\n"
    survey = MINI_Q.read(io.StringIO(csv))
    assert survey.loc["A", MINI_Q.codes].tolist() == [4, 2, 3, 5]


def test_a_row_of_question_texts_under_codes_is_still_left_out():
    # Under a header of codes, a row of different texts that are no answers is the questions (as notebook 05's export).
    csv = ("K1;K2;K3;R1\nVraag over feedback;Vraag over vertrek;Vraag over klachten;Vraag over ruimte\n"
           "Mee eens;Eens;Neutraal;Mee oneens\n")
    survey, messages = caught(MINI_Q.read, io.StringIO(csv))
    assert messages == ["1 van de 2 rijen in 'je bestand' overgeslagen (rij 2): deze rij bevat vraagteksten, geen "
                        "antwoorden."]
    assert survey.loc["rij 3", MINI_Q.codes].tolist() == [4, 4, 3, 2]


def test_answers_in_words_under_codes_are_answers():
    # Words repeat over the items; question texts don't. Both rows are respondents.
    csv = "K1,K2,K3,R1\nMee eens,Mee eens,Mee oneens,Mee eens\nZeer eens,Mee eens,Mee eens,Zeer oneens\n"
    survey, messages = caught(MINI_Q.read, io.StringIO(csv))
    assert messages == [] and survey[MINI_Q.codes].to_numpy().tolist() == [[4, 4, 2, 4], [5, 4, 4, 1]]


def test_the_variants_never_override_a_questionnaires_own_words():
    # A 7-point questionnaire that calls 6 "zeer eens" keeps it at 6, though "zeer eens" is a variant of 7.
    text = MINI.replace("scale = [1, 5]", "scale = [1, 7]").replace(
        'words = ["helemaal oneens", "oneens", "neutraal", "eens", "helemaal eens"]',
        'words = ["helemaal oneens", "zeer oneens", "oneens", "neutraal", "eens", "zeer eens", "helemaal eens"]')
    seven = Questionnaire.from_text(text, origin="zeven.toml")
    words = seven.answer_words
    assert (words["zeer eens"], words["helemaal eens"], words["helemaal mee eens"], words["mee eens"]) == (6, 7, 7, 5)
    assert Questionnaire.load("servqual").answer_words == {}


# -- 2. a class folder as a learning environment downloads it --------------------------------------------

def mini_csv(rows, *, ids=None, sep=",") -> bytes:
    frame = pd.DataFrame(rows, columns=MINI_Q.codes)
    if ids is not None:
        frame.insert(0, "Respondent", ids)
    return frame.to_csv(index=False, sep=sep).encode()


def test_one_subfolder_per_student_is_read_and_named_by_its_path(tmp_path):
    klas = tmp_path / "Opdracht 2.4 - alle inzendingen"
    for student, rows in [("Jansen, Piet_12345_assignsubmission_file", [[4, 2, 1, 3]]),
                          ("Bakker, Anna_12346_assignsubmission_file", [[5, 5, 5, 5], [1, 2, 1, 2]])]:
        (klas / student).mkdir(parents=True)
        (klas / student / "scan.csv").write_bytes(mini_csv(rows, ids=None if len(rows) == 1 else ["A1", "A2"]))
    (klas / "De Vries, Cem_12347_assignsubmission_file" / "poging 2").mkdir(parents=True)
    (klas / "De Vries, Cem_12347_assignsubmission_file" / "poging 2" / "scan.csv").write_text("K1,K2\n9,9\n")
    pooled, messages = caught(MINI_Q.pool, klas)
    assert list(pooled.index) == ["Bakker, Anna_12346_assignsubmission_file/scan/A1",
                                  "Bakker, Anna_12346_assignsubmission_file/scan/A2",
                                  "Jansen, Piet_12345_assignsubmission_file/scan"]
    assert pooled["bestand"].tolist() == ["Bakker, Anna_12346_assignsubmission_file/scan.csv"] * 2 + [
        "Jansen, Piet_12345_assignsubmission_file/scan.csv"]
    assert pooled[MINI_Q.codes].to_numpy().tolist() == [[5, 5, 5, 5], [1, 2, 1, 2], [4, 2, 1, 3]]
    assert messages == [
        "1 van de 3 bestanden is niet meegenomen in de vragenlijst 'Mini-scan klantgerichtheid' van de klas:\n"
        "- 'De Vries, Cem_12347_assignsubmission_file/poging 2/scan.csv': In 'De Vries, Cem_12347_assignsubmission_"
        "file/poging 2/scan.csv' ontbreken 2 van de 4 items van 'Mini-scan klantgerichtheid': K3 en R1. Gevonden "
        "kolommen: 'K1' en 'K2'. Geef elk item een eigen kolom, met de code (zoals K1) of de tekst van de vraag als "
        "kolomnaam.\n"
        "Samengevoegd: 2 bestanden met samen 3 respondenten."]


def test_lock_files_and_system_files_are_skipped_quietly(tmp_path):
    klas = tmp_path / "klas"
    (klas / "Jansen, Piet").mkdir(parents=True)
    (klas / "Jansen, Piet" / "scan.xlsx").write_bytes(as_xlsx(pd.DataFrame([[4, 2, 1, 3]], columns=MINI_Q.codes)))
    (klas / "Jansen, Piet" / "~$scan.xlsx").write_bytes(b"\x05Piet Jansen" + b"\x00" * 40)  # Excel's lock file
    (klas / "Jansen, Piet" / "._scan.xlsx").write_bytes(b"\x00\x05\x16\x07" + b"\x00" * 60)  # macOS resource file
    (klas / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (klas / "desktop.ini").write_text("[.ShellClassInfo]\n")
    (klas / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0")
    (klas / "__MACOSX" / "Jansen, Piet").mkdir(parents=True)
    (klas / "__MACOSX" / "Jansen, Piet" / "._scan.xlsx").write_bytes(b"\x00\x05\x16\x07")
    (klas / ".ipynb_checkpoints").mkdir()
    (klas / ".ipynb_checkpoints" / "scan-checkpoint.csv").write_bytes(mini_csv([[1, 1, 1, 1]]))
    pooled, messages = caught(MINI_Q.pool, klas)
    assert messages == []
    assert list(pooled.index) == ["Jansen, Piet/scan"] and pooled.attrs["bestanden"] == ["Jansen, Piet/scan.xlsx"]
    assert [is_clutter(n) for n in ["~$a.xlsx", "._a.csv", "Thumbs.db", "DESKTOP.INI", "a.csv", "~a.csv"]] == [
        True, True, True, True, False, False]


def test_a_file_handed_in_again_after_excel_saved_it_counts_once(tmp_path):
    # Piet hands in the group's CSV; Anna hands in the same export after opening it in Excel and saving it as
    # .xlsx (sorted by respondent, the ids 007 and 012 now numbers): other bytes, the same answers.
    rows = [[4, 2, 1, 3], [5, 5, 4, 4], [2, 1, 5, 1]]
    klas = tmp_path / "klas"
    (klas / "Bakker, Anna").mkdir(parents=True)
    (klas / "Jansen, Piet").mkdir()
    (klas / "Jansen, Piet" / "groep 3.csv").write_bytes(mini_csv(rows, ids=["012", "007", "020"], sep=";"))
    resaved = pd.DataFrame([rows[1], rows[0], rows[2]], columns=MINI_Q.codes)
    resaved.insert(0, "Respondent", [7, 12, 20])
    (klas / "Bakker, Anna" / "groep 3.xlsx").write_bytes(as_xlsx(resaved))
    pooled, messages = caught(MINI_Q.pool, klas)
    assert list(pooled.index) == ["Bakker, Anna/groep 3/7", "Bakker, Anna/groep 3/12", "Bakker, Anna/groep 3/20"]
    assert pooled[MINI_Q.codes].to_numpy().tolist() == [rows[1], rows[0], rows[2]]
    assert messages == [
        "1 van de 2 bestanden is niet meegenomen in de vragenlijst 'Mini-scan klantgerichtheid' van de klas:\n"
        "- 'Jansen, Piet/groep 3.csv': dezelfde antwoorden als 'Bakker, Anna/groep 3.xlsx' (3 respondenten; twee keer "
        "ingeleverd, of opnieuw opgeslagen in Excel?).\n"
        "Samengevoegd: 1 bestand met samen 3 respondenten."]


def test_a_byte_copy_counts_the_respondents_of_the_file_it_copies(tmp_path):
    export = mini_csv([[4, 2, 1, 3], [1, 1, 1, 1]], ids=["R1", "R2"])
    pooled, messages = caught(MINI_Q.pool, [("groep.csv", export), ("groep (1).csv", export)])
    assert list(pooled.index) == ["groep/R1", "groep/R2"]
    assert "- 'groep (1).csv': dezelfde inhoud als 'groep.csv' (2 respondenten; twee keer ingeleverd?)." in messages[0]


def test_a_longer_export_later_counts_each_respondent_with_an_id_once():
    first = mini_csv([[4, 2, 1, 3], [5, 5, 4, 4]], ids=["R1", "R2"])
    longer = mini_csv([[4, 2, 1, 3], [5, 5, 4, 4], [3, 3, 3, 3]], ids=["R1", "R2", "R3"])
    pooled, messages = caught(MINI_Q.pool, [("a_dinsdag.csv", first), ("b_vrijdag.xlsx", as_xlsx(
        pd.read_csv(io.BytesIO(longer))))])
    assert list(pooled.index) == ["a_dinsdag/R1", "a_dinsdag/R2", "b_vrijdag/R3"]
    assert pooled.loc["b_vrijdag/R3", MINI_Q.codes].tolist() == [3, 3, 3, 3]
    assert pooled.attrs["dubbel"] == {"b_vrijdag.xlsx": 2} and pooled.attrs["overgeslagen"] == {}
    assert messages == [
        "Dubbel ingeleverd, één keer geteld:\n"
        "- 'b_vrijdag.xlsx': 2 respondenten van de 3 (rijen 2 en 3, id R1 en R2) staan met hetzelfde id en dezelfde "
        "antwoorden al in 'a_dinsdag.csv'.\n"
        "Samengevoegd: 2 bestanden met samen 3 respondenten."]


def test_the_same_answers_under_other_ids_are_other_respondents():
    # Two groups number their own respondents; R1 of each answered alike, and so did two people without an id.
    groep_1 = mini_csv([[4, 4, 4, 4], [2, 3, 2, 3]], ids=["R1", "R2"])
    groep_2 = mini_csv([[4, 4, 4, 4], [5, 1, 5, 1]], ids=["G1", "G2"])
    groep_3 = mini_csv([[4, 4, 4, 4], [1, 5, 1, 5]])
    pooled, messages = caught(MINI_Q.pool, [("groep_1.csv", groep_1), ("groep_2.csv", groep_2),
                                            ("groep_3.csv", groep_3)])
    assert messages == []
    assert list(pooled.index) == ["groep_1/R1", "groep_1/R2", "groep_2/G1", "groep_2/G2", "groep_3/rij 2",
                                  "groep_3/rij 3"]
    assert (pooled[MINI_Q.codes] == 4).all(axis=1).sum() == 3


def test_one_respondent_files_with_other_ids_and_the_same_answers_both_count():
    # Found by the property below: the ids say these are two people.
    pooled, messages = caught(MINI_Q.pool, [("a.csv", mini_csv([[1, 1, 1, 1]], ids=["R0"])),
                                            ("b.csv", mini_csv([[1, 1, 1, 1]], ids=["R1"]))])
    assert messages == [] and list(pooled.index) == ["a/R0", "b/R1"]


def test_the_same_id_with_other_answers_is_another_respondent():
    groep_1 = mini_csv([[4, 4, 4, 4]], ids=["1"])
    groep_2 = mini_csv([[4, 4, 4, 5]], ids=["1"])
    pooled, messages = caught(MINI_Q.pool, [("groep_1.csv", groep_1), ("groep_2.csv", groep_2)])
    assert messages == [] and list(pooled.index) == ["groep_1/1", "groep_2/1"]


def test_rows_without_an_id_that_an_earlier_file_holds_count_with_a_note():
    first = mini_csv([[4, 2, 1, 3], [5, 5, 4, 4]])
    longer = mini_csv([[4, 2, 1, 3], [5, 5, 4, 4], [3, 3, 3, 3]])
    pooled, messages = caught(MINI_Q.pool, [("a.csv", first), ("b.csv", longer)])
    assert len(pooled) == 5
    assert messages == [
        "Misschien dubbel ingeleverd (wel meegeteld):\n"
        "- 'b.csv': 2 respondenten van de 3 (rijen 2 en 3) hebben precies de antwoorden van een respondent in 'a.csv' "
        "en tellen mee: zonder eigen id is niet te zien of het dezelfde mensen zijn. Is het een langere versie van dat "
        "bestand? Haal dan het oudere bestand weg.\n"
        "Samengevoegd: 2 bestanden met samen 5 respondenten."]


def test_two_one_respondent_exports_with_the_same_answers_count_once():
    # The course's choice: a whole file with the answers of an earlier file is a copy, also for one respondent.
    # Here Bram opened Anna's export in Excel NL and saved it (semicolons): the warning names both files.
    anna = mini_csv([[4, 2, 1, 3]])
    bram = mini_csv([[4, 2, 1, 3]], sep=";")
    pooled, messages = caught(MINI_Q.pool, [("anna.csv", anna), ("bram.csv", bram)])
    assert list(pooled.index) == ["anna"]
    assert ("- 'bram.csv': dezelfde antwoorden als 'anna.csv' (1 respondent; twee keer ingeleverd, of opnieuw "
            "opgeslagen in Excel?).") in messages[0]


def test_a_file_whose_every_respondent_is_in_an_earlier_file_is_left_out():
    first = mini_csv([[4, 2, 1, 3], [5, 5, 4, 4], [1, 1, 1, 1]], ids=["R1", "R2", "R3"])
    part = mini_csv([[5, 5, 4, 4]], ids=["R2"])
    pooled, messages = caught(MINI_Q.pool, [("alles.csv", first), ("deel.csv", part)])
    assert len(pooled) == 3
    assert ("- 'deel.csv': zijn respondent staat met hetzelfde id en dezelfde antwoorden al in 'alles.csv' (twee keer "
            "ingeleverd?).") in messages[0]


# -- 3. nothing to pool ------------------------------------------------------------------------------------

def test_a_folder_with_only_lock_files_says_so(tmp_path):
    (tmp_path / "Jansen, Piet").mkdir()
    (tmp_path / "Jansen, Piet" / "~$scan.xlsx").write_bytes(b"\x05Piet")
    (tmp_path / ".DS_Store").write_bytes(b"Bud1")
    with pytest.raises(KlantDataError) as error:
        MINI_Q.pool(tmp_path)
    assert str(error.value) == (
        f"In de map '{tmp_path}' (en de mappen daarin) staan geen CSV- of Excelbestanden om samen te voegen. Er staan "
        "alleen tijdelijke bestanden van Excel in ('Jansen, Piet/~$scan.xlsx'): die maakt Excel zolang een bestand "
        "open is, en ze bevatten geen antwoorden. Lever het bestand zelf in (zonder ~$ ervoor). Zet de geëxporteerde "
        "antwoorden (.csv of .xlsx) van de klas in die map.")


def test_empty_folders_and_empty_uploads_say_so(tmp_path):
    (tmp_path / "leeg" / "ook leeg").mkdir(parents=True)
    with pytest.raises(KlantDataError, match=r"^In de map '.*leeg' \(en de mappen daarin\) staan geen CSV- of "
                                             r"Excelbestanden om samen te voegen\. Zet de"):
        MINI_Q.pool(tmp_path / "leeg")
    for empty in ([], (), {}):  # a list, ipywidgets 8's FileUpload value, ipywidgets 7's
        with pytest.raises(KlantDataError, match=r"^Er zijn geen bestanden om samen te voegen: de lijst \(of de "
                                                 r"upload\) is leeg\. Kies eerst de bestanden van de klas\.$"):
            MINI_Q.pool(empty)
    with pytest.raises(KlantDataError, match=r"is leeg\. Er staan alleen tijdelijke bestanden van Excel in "
                                             r"\('~\$scan\.xlsx'\)"):
        MINI_Q.pool(({"name": "~$scan.xlsx", "content": memoryview(b"\x05Piet")},))


def test_no_usable_file_in_subfolders_names_each_by_its_path(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "leeg.csv").write_bytes(b"")
    (tmp_path / "a" / "~$leeg.xlsx").write_bytes(b"x")
    with pytest.raises(KlantDataError) as error:
        MINI_Q.pool(tmp_path)
    assert str(error.value).startswith(
        f"Geen van de 1 bestanden uit de map '{tmp_path.name}' is bruikbaar als vragenlijst 'Mini-scan "
        "klantgerichtheid':\n- 'a/leeg.csv': Het bestand 'a/leeg.csv' is leeg.")


def test_pool_files_without_a_questionnaire_compares_every_column(tmp_path):
    from klantlib.data import read_table

    (tmp_path / "a.csv").write_text("vraag\n4\n")
    (tmp_path / "b.csv").write_text("vraag;\n4;\n")  # Excel NL re-saved it: other bytes
    pooled, messages = caught(pool_files, tmp_path, read_table, what="vragenlijst")
    assert list(pooled.index) == ["a"] and "'b.csv': dezelfde antwoorden als 'a.csv'" in messages[0]


# -- properties ---------------------------------------------------------------------------------------------

ANSWER = st.integers(1, 5)
ROW = st.lists(ANSWER, min_size=4, max_size=4)


def write_file(rows, ids, how: int) -> tuple[str, bytes]:
    """The same export three ways: CSV with commas, Excel NL's semicolons, or .xlsx (rows reversed, as sorted)."""
    frame = pd.DataFrame(rows, columns=MINI_Q.codes)
    if ids is not None:
        frame.insert(0, "respondent_id", ids)
    if how == 0:
        return ".csv", frame.to_csv(index=False).encode()
    if how == 1:
        return ".csv", frame.to_csv(index=False, sep=";").encode()
    return ".xlsx", as_xlsx(frame.iloc[::-1])


@settings(deadline=None, max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(ROW, min_size=1, max_size=8), data=st.data())
def test_any_split_over_files_with_copies_gives_each_respondent_once(rows, data):
    # Respondents with their own ids (answers may repeat), split over files; some files handed in again,
    # re-saved another way, and one later export that holds an earlier file's respondents and more.
    ids = [f"R{k}" for k in range(len(rows))]
    cuts = sorted(data.draw(st.sets(st.integers(1, len(rows) - 1), max_size=3)) if len(rows) > 1 else [])
    groups = [list(range(a, b)) for a, b in zip([0, *cuts], [*cuts, len(rows)])]
    files = []
    for g, members in enumerate(groups):
        suffix, content = write_file([rows[i] for i in members], [ids[i] for i in members], data.draw(st.integers(0, 2)))
        files.append((f"groep_{g}{suffix}", content))
        if data.draw(st.booleans()):  # handed in again, saved another way
            suffix, content = write_file([rows[i] for i in members], [ids[i] for i in members],
                                         data.draw(st.integers(0, 2)))
            files.append((f"groep_{g}_opnieuw{suffix}", content))
    if len(groups) > 1 and data.draw(st.booleans()):  # a later export of two groups together
        members = groups[0] + groups[1]
        suffix, content = write_file([rows[i] for i in members], [ids[i] for i in members], data.draw(st.integers(0, 2)))
        files.append((f"samen{suffix}", content))
    order = data.draw(st.permutations(files))
    pooled, _ = caught(MINI_Q.pool, list(order))
    own = pooled["respondent_id"].str.rsplit("/", n=1).str[-1]
    assert sorted(own) == sorted(ids)  # each respondent once
    answers = {rid: row for rid, row in zip(own, pooled[MINI_Q.codes].to_numpy().tolist())}
    assert answers == dict(zip(ids, rows))


@settings(deadline=None, max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(ROW, min_size=2, max_size=8, unique_by=tuple), data=st.data())
def test_without_ids_copied_files_count_once_and_nothing_else_is_lost(rows, data):
    cut = data.draw(st.integers(1, len(rows) - 1))
    parts = [rows[:cut], rows[cut:]]
    files = [(f"deel_{k}{s}", c) for k, part in enumerate(parts) for s, c in [write_file(part, None, k)]]
    copy = data.draw(st.integers(0, 1))
    suffix, content = write_file(parts[copy], None, 2)
    files.append((f"kopie{suffix}", content))
    pooled, messages = caught(MINI_Q.pool, files)
    assert sorted(pooled[MINI_Q.codes].to_numpy().tolist()) == sorted(rows)
    assert f"- 'kopie{suffix}': dezelfde antwoorden als 'deel_{copy}.csv'" in messages[0]


#: Per answer every way a form may write it: the questionnaire's word in any case or spacing, and its variants.
WORDINGS = {k + 1: [w, w.upper(), f"  {w.capitalize()} ", *WORD_VARIANTS[w]] for k, w in enumerate(MINI_Q.words)}


@settings(deadline=None, max_examples=50)
@given(rows=st.lists(st.lists(st.tuples(ANSWER, st.integers(0, 6)), min_size=4, max_size=4), min_size=1, max_size=6),
       forms=st.booleans())
def test_any_answers_in_any_wording_read_as_their_numbers(rows, forms):
    # Headers as Forms write them (the question texts) or as codes; every cell one of the ways forms word it.
    def word(answer, pick):
        options = WORDINGS[answer]
        return options[pick % len(options)]

    header = list(MINI_Q.items["tekst"]) if forms else MINI_Q.codes
    frame = pd.DataFrame([[word(a, p) for a, p in row] for row in rows], columns=header)
    frame.insert(0, "ID", range(1, len(rows) + 1))
    survey, messages = caught(MINI_Q.read, {"name": "export.csv", "content": frame.to_csv(index=False).encode()})
    assert messages == []
    assert survey[MINI_Q.codes].to_numpy().tolist() == [[a for a, _ in row] for row in rows]


def test_the_example_class_folder_still_pools_as_before(tmp_path):
    # Flat folders (notebooks 03 and 05) keep their ids and messages.
    from klantlib.data import load_dataset
    from klantlib.vals import pool_surveys

    enquete = load_dataset("leefstijl")
    enquete.iloc[:4].to_csv(tmp_path / "groep_1.csv")
    enquete.iloc[4:6].to_csv(tmp_path / "groep_2.csv")
    pooled, messages = caught(pool_surveys, tmp_path)
    assert messages == [] and len(pooled) == 6
    assert pooled.index[0].startswith("groep_1/") and pooled.index[-1].startswith("groep_2/")


def test_ids_stay_unique_when_a_path_looks_like_an_id(tmp_path):
    (tmp_path / "groep").mkdir()
    (tmp_path / "groep.csv").write_bytes(mini_csv([[4, 2, 1, 3], [1, 1, 1, 1]], ids=["R1", "R2"]))
    (tmp_path / "groep" / "R1.csv").write_bytes(mini_csv([[5, 5, 5, 5]]))
    pooled = MINI_Q.pool(tmp_path)
    assert list(pooled.index) == ["groep/R1", "groep/R1-2", "groep/R2"]  # the folder 'groep' sorts first
    assert pooled["respondent_id"].tolist() == list(pooled.index)
    assert pooled["bestand"].tolist() == ["groep/R1.csv", "groep.csv", "groep.csv"]


def test_a_zip_download_left_packed_is_named_with_a_hint(tmp_path):
    (tmp_path / "anna.csv").write_bytes(mini_csv([[4, 2, 1, 3]]))
    (tmp_path / "Opdracht 2.4-alle inzendingen.zip").write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    _, messages = caught(MINI_Q.pool, tmp_path)
    assert messages == ["Genegeerd, want geen CSV- of Excelbestand: 'Opdracht 2.4-alle inzendingen.zip'. Pak een "
                        "zip-bestand eerst uit, in deze map.\nSamengevoegd: 1 bestand met samen 1 respondent."]


# -- two students, not one hand-in: a match on one respondent across students' folders counts twice --------------

def test_two_students_whose_one_row_exports_hold_the_same_answers_both_count(tmp_path):
    # A short questionnaire (four items): two students in their own folders easily answer alike. The widget's
    # export is then byte for byte the same, and still two people.
    rs = Questionnaire.load("relatiesterkte")
    header = ",".join(rs.codes)
    for student in ("Jansen, Piet_1_assignsubmission_file_", "Bakker, Tom_2_assignsubmission_file_"):
        (tmp_path / student).mkdir()
        (tmp_path / student / "relatiesterkte.csv").write_text(f"{header}\n6,6,6,6\n", encoding="utf-8")
    (tmp_path / "Bakker, Tom_2_assignsubmission_file_" / "relatiesterkte (1).csv").write_text(
        f"{header}\n6,6,6,6\n", encoding="utf-8")  # Tom handed his own export in twice: that copy goes
    pooled, messages = caught(rs.pool, tmp_path)
    assert pooled["bestand"].tolist() == ["Bakker, Tom_2_assignsubmission_file_/relatiesterkte (1).csv",
                                          "Jansen, Piet_1_assignsubmission_file_/relatiesterkte.csv"]
    assert pooled[rs.codes].to_numpy().tolist() == [[6, 6, 6, 6], [6, 6, 6, 6]]
    (message,) = messages
    assert ("- 'Bakker, Tom_2_assignsubmission_file_/relatiesterkte.csv': dezelfde inhoud als "
            "'Bakker, Tom_2_assignsubmission_file_/relatiesterkte (1).csv'") in message
    assert ("Misschien dubbel ingeleverd (wel meegeteld):\n- 'Jansen, Piet_1_assignsubmission_file_/"
            "relatiesterkte.csv': zijn ene respondent heeft precies de antwoorden van 'Bakker, "
            "Tom_2_assignsubmission_file_/relatiesterkte (1).csv' en telt mee") in message


def test_forms_numbers_that_restart_per_group_are_no_respondent_handed_in_twice(tmp_path):
    # Two groups, each with its own Microsoft Form: both number their respondents 1, 2, 3. Group 2's respondent 1
    # answered as group 1's respondent 1 did: two people.
    rs = Questionnaire.load("relatiesterkte")
    rs_words = [str(k) for k in range(1, 8)]
    for group, answers in (("groep 1", [[6, 5, 6, 6], [4, 4, 5, 5], [2, 3, 2, 2]]),
                           ("groep 2", [[6, 5, 6, 6], [5, 5, 5, 5], [3, 3, 3, 3]])):
        (tmp_path / group).mkdir()
        (tmp_path / group / "Relatiesterkte.xlsx").write_bytes(ms_forms_xlsx(rs, answers, words=rs_words))
    pooled, messages = caught(rs.pool, tmp_path)
    assert len(pooled) == 6
    assert pooled[rs.codes].to_numpy().tolist() == [[6, 5, 6, 6], [4, 4, 5, 5], [2, 3, 2, 2],
                                                    [6, 5, 6, 6], [5, 5, 5, 5], [3, 3, 3, 3]]
    (message,) = messages
    assert message.startswith("Misschien dubbel ingeleverd (wel meegeteld):\n- 'groep 2/Relatiesterkte.xlsx': "
                              "1 respondent van de 3 (rij 2) heeft hetzelfde id")
    # The same export handed in by a member of each group is still a copy: it rests on three respondents.
    (tmp_path / "groep 2" / "Relatiesterkte.xlsx").write_bytes(ms_forms_xlsx(rs, [[6, 5, 6, 6], [4, 4, 5, 5],
                                                                                [2, 3, 2, 2]], words=rs_words))
    pooled, messages = caught(rs.pool, tmp_path)
    assert len(pooled) == 3 and "'groep 2/Relatiesterkte.xlsx': dezelfde" in messages[0]


def test_a_table_is_no_class_to_pool_and_old_excel_files_get_their_own_advice(tmp_path):
    rs = Questionnaire.load("relatiesterkte")
    with pytest.raises(KlantDataError) as error:
        rs.pool(pd.DataFrame({code: [5] for code in rs.codes}))
    assert str(error.value) == (
        "Samenvoegen doe je met een map of een lijst met bestanden, niet met een tabel: deze tabel is al één enquête. "
        "Scoor of vergelijk hem direct (bijvoorbeeld met .score(...) of .compare(...)), of lees één bestand met "
        ".read(...).")
    (tmp_path / "anna.csv").write_text(",".join(rs.codes) + "\n5,6,5,6\n", encoding="utf-8")
    (tmp_path / "bram.xls").write_bytes(b"\xd0\xcf\x11\xe0 old excel")
    (tmp_path / "notities.docx").write_bytes(b"PK")
    pooled, messages = caught(rs.pool, tmp_path)
    assert len(pooled) == 1
    assert messages == ["Genegeerd, want oud Excel (.xls): 'bram.xls'. Open zo'n bestand in Excel en sla het op als "
                        "Excel-werkmap (.xlsx) of als CSV, in deze map.\nGenegeerd, want geen CSV- of Excelbestand: "
                        "'notities.docx'.\nSamengevoegd: 1 bestand met samen 1 respondent."]
