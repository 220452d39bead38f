"""Reading online-form exports (issue 18).

Fixtures are written as the tools write them: Microsoft Forms' Excel export (ID, times, e-mail, name, then
one column per question with the question text as header and the answers as the scale's words, Dutch or
English) and Google Forms' CSV (Tijdstempel, a grid question per statement).
"""

from __future__ import annotations

import datetime as dt
import io
import warnings

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from klantlib.errors import KlantDataError, KlantDataWarning
from klantlib.survey import WORD_VARIANTS, Questionnaire

MINI = """
[questionnaire]
name = "mini"
title = "Mini-scan klantgerichtheid"
source = "Voorbeeld van de docent, 2026"
scale = [1, 5]
ends = ["helemaal oneens", "helemaal eens"]
words = ["helemaal oneens", "oneens", "neutraal", "eens", "helemaal eens"]

[[item]]
code = "K1"
text = "We vragen klanten regelmatig wat ze van ons vinden."
dimension = "klantkennis"

[[item]]
code = "K2"
text = "We weten waarom klanten weggaan."
dimension = "klantkennis"

[[item]]
code = "K3"
text = "Klachten blijven bij ons lang liggen."
dimension = "klantkennis"
reverse = true

[[item]]
code = "R1"
text = "Medewerkers mogen zelf een probleem van een klant oplossen."
dimension = "ruimte"
"""

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
    assert list(survey.index) == ["1", "2", "3"]  # Forms' ID is the respondent's own id
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
        "8 ongeldige antwoorden in 'Relatie.xlsx': rij 2 (respondent 1), kolom 'attractiviteit': 'Mee eens'; rij 2 "
        "(respondent 1), kolom 'overstapkosten': 'Helemaal mee eens'; rij 2 (respondent 1), kolom 'vertrouwen': "
        "'Mee eens'; rij 2 (respondent 1), kolom 'tevredenheid': 'Mee eens'; rij 3 (respondent 2), kolom "
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
        "1 ongeldig antwoord in 'scan.xlsx': rij 2 (respondent 1), kolom 'K2': 'Soms'. Antwoorden moeten hele getallen "
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


# -- properties ---------------------------------------------------------------------------------------------

ANSWER = st.integers(1, 5)


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
