"""Self-checks: right answers pass, wrong ones get hints, the answer itself never shows."""

import json
from decimal import ROUND_HALF_DOWN, ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from klantlib import selfcheck
from klantlib.parsing import number_style
from klantlib.selfcheck import Question, answer_hash, check, part_hash, questions
from klantlib.views.selfcheck import ask

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def bank(monkeypatch):
    q = Question(
        key="demo_omzet",
        answer=answer_hash("demo_omzet", 1234.5, kind="number", decimals=1),
        decimals=1,
        hints=["Tel alle bedragen op.", "Vergeet de retouren niet."],
        mistakes={answer_hash("demo_omzet", 1300, kind="number", decimals=1): "Je telde de retouren niet mee."},
        explanation="Retouren verlagen de omzet.",
    )
    monkeypatch.setattr(selfcheck, "questions", lambda: {q.key: q})
    selfcheck._attempts.clear()
    return q


def test_right_answer_in_many_spellings(bank):
    for answer in (1234.5, 1234.54, "1234,5", "1.234,5", "€ 1.234,50", 1234.45):
        feedback = check("demo_omzet", answer)
        assert feedback, answer
        assert feedback.status == "goed"
        assert "Retouren verlagen de omzet." in feedback.message


def test_wrong_answers_get_successive_hints_never_the_answer(bank):
    first, second, third = (check("demo_omzet", 999) for _ in range(3))
    assert not first and first.status == "fout"
    assert "Hint 1: Tel alle bedragen op." in first.message
    assert "Hint 2: Vergeet de retouren niet." in second.message
    assert "Hint 2" in third.message  # the last hint stays
    for feedback in (first, second, third):
        assert "1234" not in feedback.message and "1.234" not in feedback.message
        assert "1234" not in feedback._repr_html_()


def test_known_mistake_gets_its_own_hint(bank):
    assert "retouren niet mee" in check("demo_omzet", 1300).message


def test_placeholder_and_nonsense_answers(bank):
    assert check("demo_omzet", ...).status == "leeg"
    assert check("demo_omzet", None).status == "leeg"
    feedback = check("demo_omzet", "veel")
    assert feedback.status == "fout" and "niet te lezen als een getal" in feedback.message


def test_unknown_key_suggests_close_keys(bank):
    with pytest.raises(KeyError, match="demo_omzet"):
        check("demo_omzt", 1)


def test_text_and_set_normalisation():
    assert answer_hash("k", "Beïnvloeder ", kind="text") == answer_hash("k", "beinvloeder", kind="text")
    assert answer_hash("k", "Partners, Dogs", kind="set") == answer_hash("k", ["dogs", "partners"], kind="set")
    assert answer_hash("k", -0.0001, decimals=2) == answer_hash("k", 0, decimals=2)
    assert answer_hash("a", 1) != answer_hash("b", 1)  # the key salts the hash


def test_html_escapes_the_message():
    feedback = selfcheck.Feedback("fout", "<script>")
    assert "<script>" not in feedback._repr_html_()


def test_every_bank_belongs_to_a_notebook():
    notebooks = {p.stem for p in (ROOT / "notebooks").glob("*.ipynb")}
    banks = {q.bank for q in questions().values()}
    assert banks <= notebooks


def test_every_question_in_the_banks_is_well_formed():
    """Kinds and fields fit together; a known mistake is never the answer (the worked answers
    themselves are checked by running the lecturer's versions: tests/test_course.py)."""
    for key, q in questions().items():
        assert q.hints, key
        if q.kind in ("number", "text"):
            assert q.answer and not q.members and not q.cells, key
            assert q.answer not in q.mistakes, key
        elif q.kind in ("choice", "set"):
            assert q.members and not q.answer, key
            assert not set(q.members) & set(q.mistakes), key
        else:
            assert q.cells and not q.answer, key


# -- the kinds ------------------------------------------------------------------------------

def _question(**spec):
    q = Question(**spec)
    selfcheck._attempts.clear()
    return q


def test_number_with_a_tolerance():
    q = _question(key="t", answer=answer_hash("t", 0.086, decimals=3), decimals=3, tolerance=0.002,
                  hints=["een", "twee"])
    assert all(q.check(v) for v in (0.086, 0.084, "0,088", "8,6%", 0.0875))
    assert not q.check(0.083) and not q.check(0.089)


def test_single_choice_by_text_or_letter_with_feedback_per_wrong_option():
    options = ["koesteren", "laten groeien", "desinvesteren"]
    q = _question(key="c", kind="choice", about="begrip", options=options, members=[part_hash("c", "laten groeien")],
                  mistakes={part_hash("c", "koesteren"): "Koesteren is voor Partners."}, hints=["Denk aan de relatie."])
    assert q.check("Laten groeien ") and q.check("b") and q.check(["B"])
    wrong = q.check("A")
    assert wrong.status == "fout" and "Koesteren is voor Partners." in wrong.message
    assert "laten groeien" not in wrong.message.lower()
    assert "Denk aan de relatie." in q.check("desinvesteren").message  # no feedback of its own: the hint
    assert q.check(["A", "B"]).message == "Nog niet goed. Kies één antwoord."
    unreadable = q.check("E")
    assert unreadable.status == "fout" and "geen van de keuzes" in unreadable.message


def test_multiple_choice_names_wrong_options_and_counts_missing_ones():
    options = ["Partners", "Vrienden", "Economici", "Dogs"]
    q = _question(key="m", kind="choice", multiple=True, options=options,
                  members=[part_hash("m", "Partners"), part_hash("m", "Economici")],
                  mistakes={part_hash("m", "Vrienden"): "Vrienden brengen weinig op."}, hints=["Kijk naar rendement."])
    assert q.check(["Economici", "partners"]) and q.check("A, C".split(", "))
    only_one = q.check(["Partners"])
    assert "ontbreekt nog één" in only_one.message and "Economici" not in only_one.message
    wrong = q.check(["Partners", "Vrienden"])
    assert "'Vrienden' hoort er niet bij. Vrienden brengen weinig op." in wrong.message
    assert "ontbreekt nog één" in wrong.message


def test_set_of_labels_typed_freely():
    q = _question(key="s", kind="set", members=[part_hash("s", "betrouwbaarheid"), part_hash("s", "responsiviteit")],
                  hints=["een", "twee"])
    assert q.check("Responsiviteit; betrouwbaarheid") and q.check(["betrouwbaarheid", "responsiviteit"])
    feedback = q.check(["betrouwbaarheid", "zekerheid"])
    assert "'zekerheid' hoort er niet bij" in feedback.message and "ontbreekt nog één" in feedback.message
    assert "responsiviteit" not in feedback.message
    # a wrong label is repeated as the student typed it, not in the lower case it is compared in
    assert "'Zekerheid' hoort er niet bij" in q.check("betrouwbaarheid, Zekerheid").message


def test_table_says_which_rows_are_right_and_never_the_numbers():
    import pandas as pd

    cells = {label: part_hash("tb", label, n, decimals=0) for label, n in {"Partners": 157, "Dogs": 195}.items()}
    q = _question(key="tb", kind="table", cells=cells, decimals=0, hints=["tel per groep", "value_counts"])
    assert q.check({"Partners": 157, "Dogs": 195})
    assert q.check(pd.Series({"dogs": 195.0, "Partners": "157"}))
    assert q.check(pd.DataFrame({"aantal": [157, 195]}, index=["Partners", "Dogs"]))
    half = q.check({"Partners": 157, "Dogs": 190})
    assert "Goed: Partners. Kijk nog eens naar: Dogs." in half.message and "195" not in half.message
    missing = q.check({"Partners": 157, "Vrienden": 3})
    assert "ontbreekt: Dogs" in missing.message and "hoort niet in de tabel: Vrienden" in missing.message
    assert q.check("157").status == "fout"  # not a table: said so, no crash
    two_columns = q.check(pd.DataFrame({"a": [157, 195], "b": [1, 2]}, index=["Partners", "Dogs"]))
    assert two_columns.status == "fout" and "niet te lezen als een tabel" in two_columns.message
    # Two Series on different indexes multiply to NaN rows (and extra rows): feedback, no crash.
    nan = q.check(pd.Series({"Partners": float("nan"), "Dogs": 195, "Vrienden": float("nan")}))
    assert nan.status == "fout" and "Bij Partners staat geen getal" in nan.message
    assert "hoort niet in de tabel: Vrienden" in nan.message


def test_hints_escalate_and_never_show_the_answer_for_any_kind():
    q = _question(key="h", kind="table", cells={"a": part_hash("h", "a", 41, decimals=0)}, decimals=0,
                  hints=["begrip", "waar", "stap"])
    messages = [q.check({"a": 40}).message for _ in range(4)]
    assert ["Hint 1: begrip" in messages[0], "Hint 2: waar" in messages[1], "Hint 3: stap" in messages[2],
            "Hint 3: stap" in messages[3]] == [True] * 4
    assert not any("41" in m for m in messages)


def test_ask_draws_clickable_options_that_give_feedback(monkeypatch):
    from klantlib.views._widgets import find_widget

    q = Question(key="w", kind="choice", multiple=True, options=["een", "twee", "drie"],
                 members=[part_hash("w", "een"), part_hash("w", "drie")],
                 mistakes={part_hash("w", "twee"): "Twee is het niet."}, hints=["h"])
    monkeypatch.setattr(selfcheck, "questions", lambda: {"w": q})
    box = ask("w")
    boxes = box.children[0].children
    button, feedback = find_widget(box, "klant-controleer"), find_widget(box, "klant-feedback-vak")
    button.click()
    assert "Kies eerst" in feedback.value
    boxes[1].value = True
    button.click()
    assert "Twee is het niet." in feedback.value and "klant-feedback-fout" in feedback.value
    boxes[1].value, boxes[0].value, boxes[2].value = False, True, True
    button.click()
    assert "Goed!" in feedback.value
    bundle = box._repr_mimebundle_()
    assert "<li>twee</li>" in bundle["text/html"] and "application/vnd.jupyter.widget-view+json" in bundle


def test_ask_is_for_choice_questions_only(bank):
    with pytest.raises(ValueError, match="geen keuzevraag"):
        ask("demo_omzet")


def test_ask_lives_beside_its_widget_and_the_old_import_says_where():
    """A notebook saved before ask moved to klantlib.views.selfcheck gets the new import line, in Dutch."""
    with pytest.raises(ImportError, match="from klantlib.views.selfcheck import ask"):
        from klantlib.selfcheck import ask as old  # noqa: F401
    assert "ask" not in selfcheck.__all__
    with pytest.raises(AttributeError):
        selfcheck.no_such_name  # noqa: B018


# -- rounding: half up, as at school and in Excel (issue 18) ----------------------------------------

def _half_up(value, decimals: int) -> Decimal:
    """The value's decimal text (repr), rounded half up: how a student rounds what the notebook shows."""
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _dutch(number: Decimal) -> str:
    return f"{number:f}".replace(".", ",")


def test_every_number_in_the_banks_is_right_rounded_half_up_and_rounded_by_python():
    """For every number and table question: its exact worked value (tests/worked_numbers.json, made by
    tests/worked_numbers.py from the worked solutions) is right as it is, rounded half up (as a number,
    as Dutch text) and rounded by Python's round() and pandas' .round(); and it never lies halfway."""
    worked = json.loads((ROOT / "tests" / "worked_numbers.json").read_text(encoding="utf-8"))
    numeric = {key for key, q in questions().items() if q.kind in ("number", "table")}
    assert set(worked) == numeric, "run tests/worked_numbers.py: a number question has no worked value"
    for key, value in worked.items():
        q = questions()[key]
        digits = 6 if q.decimals is None else q.decimals
        rows = {"": value} if q.kind == "number" else value
        for label, exact in rows.items():
            up = _half_up(exact, digits)
            half_down = Decimal(repr(exact)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_DOWN)
            assert up == half_down, f"{key} {label}: {exact} lies halfway at {digits} decimals"
            spellings = {"exact": exact, "half up": float(up), "half up, Dutch text": _dutch(up),
                         "round()": round(exact, digits), ".round()": pd.Series([exact]).round(digits).iloc[0]}
            for how, spelled in spellings.items():
                right = q.is_right(spelled) if q.kind == "number" else q._row_right(label, spelled)
                assert right, (f"{key} {label}: {exact} {how} ({spelled!r}) is not accepted; after a change in the "
                               "data or a worked solution, run tests/worked_numbers.py (it says which bank line to change)")
        if q.kind == "table":  # the whole table, rounded half up, as a Series
            assert q.check(pd.Series({label: float(_half_up(n, digits)) for label, n in value.items()}))


def test_a_student_who_rounds_half_up_is_right():
    selfcheck._attempts.clear()
    q = _question(key="r", answer=answer_hash("r", 12.5, decimals=0), decimals=0, hints=["een", "twee"])
    for answer in (13, "13", 12.5, "12,5", "12.5", "€ 12,50", 12.7, "13,0"):
        assert q.check(answer).status == "goed", answer
    assert q.check(12).status == "fout" and q.check(12.49).status == "fout"
    negative = _question(key="n", answer=answer_hash("n", -0.125, decimals=2), decimals=2, hints=["een"])
    assert negative.check(-0.13) and negative.check("-0,125") and not negative.check(-0.12)


def test_a_decimal_typed_is_rounded_as_typed_not_as_its_binary_float():
    """2.675 is stored as 2.67499999999999982...: Python's round(2.675, 2) gives 2.67; a student gives 2.68."""
    assert round(2.675, 2) == 2.67
    q = _question(key="b", answer=answer_hash("b", "2,68", decimals=2), decimals=2, hints=["een"])
    assert q.check(2.675) and q.check("2,6750") and q.check(2.68) and not q.check(2.67)
    # "2,675" alone could be two thousand six hundred and seventy-five (klantlib.parsing): the check asks.
    assert q.check("2,675").message == (
        "Nog niet goed. Is 2,675 een duizendtal of een kommagetal? Schrijf het zonder duizendtalteken (1234) of "
        "met een komma en alle decimalen (1,234).")
    # A computation's noise in the last digits doesn't count: 0.1 + 0.2 is 0.3, 1.1 * 3 is 3.3.
    q = _question(key="c", answer=answer_hash("c", 0.35, decimals=1), decimals=1, hints=["een"])
    assert q.check(0.15 + 0.2) and q.check(0.4)
    assert answer_hash("d", 1.1 * 3 + 0.05, decimals=1) == answer_hash("d", 3.4, decimals=1)


def test_tolerance_counts_from_the_half_up_rounding():
    q = _question(key="t", answer=answer_hash("t", 0.5, decimals=0), decimals=0, tolerance=1, hints=["een"])
    assert [bool(q.check(v)) for v in (-0.5, -0.4, 0.4, 0.5, 1.49, 1.5, 2.5)] == [
        False, True, True, True, True, True, False]  # right is 1 (0.5 half up); 0 to 2 is within 1; -0.5 is -1


def test_bank_entry_refuses_a_right_answer_that_lies_halfway(capsys):
    message = ("12,5 ligt precies halverwege bij 0 decimalen: naar boven afgerond (zoals op school en in Excel) is "
               "het 13, maar round() in Python en .round() in pandas kunnen 12 geven. Vraag om een ander aantal "
               "decimalen (--decimals), zodat elke manier van afronden hetzelfde goede antwoord geeft. Is het een "
               "fout antwoord (een bekende vergissing)? Geef dan --fout mee.")
    with pytest.raises(ValueError) as caught:
        selfcheck.bank_entry("k", ["12,5"], kind="number", decimals=0)
    assert str(caught.value) == message
    with pytest.raises(ValueError, match="^0.125 ligt precies halverwege bij 2 decimalen: .* is het 0.13, .* 0.12 "):
        selfcheck.bank_entry("k", ["Partners=1", ("Dogs", 0.125)], kind="table", decimals=2)
    assert selfcheck.bank_entry("k", ["12,5"], kind="number", decimals=0, wrong=True) == (
        f'answer = "{answer_hash("k", 13, decimals=0)}"')  # a known mistake may lie halfway
    assert selfcheck.bank_entry("k", [0.40816326530612246], kind="number", decimals=2) == (
        f'answer = "{answer_hash("k", "0,41", decimals=2)}"')
    with pytest.raises(SystemExit) as stop:
        selfcheck._main(["k", "12,5", "--decimals", "0"])
    assert stop.value.code == 2 and capsys.readouterr().err.endswith(f"error: {message}\n")
    selfcheck._main(["k", "12,5", "--decimals", "0", "--fout"])
    assert capsys.readouterr().out == f'answer = "{answer_hash("k", 13, decimals=0)}"\n'


#: Whole numbers; half of them end in 5, so that x below often lies exactly halfway.
WHOLE = st.one_of(st.integers(-10**9, 10**9), st.integers(-10**8, 10**8).map(lambda w: 10 * w + 5))


@settings(deadline=None, max_examples=50)
@given(whole=WHOLE, decimals=st.integers(0, 4), more=st.integers(0, 3))
def test_any_number_rounded_half_up_is_right(whole, decimals, more):
    """x with decimals + more decimals (halfway cases included): the bank made from x accepts x's
    half-up rounding, as a number and as Dutch text, and x itself."""
    x = Decimal(whole).scaleb(-(decimals + more))
    q = Question(key="x", answer=answer_hash("x", float(x), decimals=decimals), decimals=decimals, hints=["h"])
    up = x.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    assert q.is_right(float(up)) and q.is_right(float(x))
    for text in (_dutch(up), _dutch(x)):
        if (number_style(pd.Series([text])) != "?").all():  # "1,000" could be a thousand: check asks which
            assert q.is_right(text), text
    step = Decimal(1).scaleb(-decimals)
    assert not q.is_right(float(up + step)) and not q.is_right(float(up - step))
    if x.quantize(step, rounding=ROUND_HALF_DOWN) == up:  # not halfway: Python's round() agrees
        assert q.is_right(round(float(x), decimals))


# -- check never answers with a traceback -----------------------------------------------------------

def test_labels_as_an_index_or_array_and_tables_with_text_get_feedback():
    q = _question(key="s", kind="set", members=[part_hash("s", "Dogs"), part_hash("s", "Partners")], hints=["h"])
    assert q.check(pd.Index(["Partners", "Dogs"])) and q.check(np.array(["dogs", "partners"]))
    assert selfcheck._plain(pd.Index(["Partners", "Dogs"])) == ["Partners", "Dogs"]
    cells = {label: part_hash("tb", label, n, decimals=0) for label, n in {"Partners": 157, "Dogs": 195}.items()}
    t = _question(key="tb", kind="table", cells=cells, decimals=0, hints=["tel per groep"])
    feedback = t.check({"Partners": "veel", "Dogs": [195], "Vrienden": 3})
    assert feedback.message == ("Nog niet goed. Deze rij hoort niet in de tabel: Vrienden. Bij Partners, Dogs staat "
                                "iets wat geen getal is. Geef per rij één getal. Hint 1: tel per groep")
    assert t.check({"Partners": "157", "Dogs": "1.234"}).message == (
        "Nog niet goed. Bij Dogs staat iets wat geen getal is. Geef per rij één getal. Hint 1: tel per groep")


#: Every row label of the table questions, so that a drawn table often has the right rows.
ROW_LABELS = sorted({label for q in questions().values() for label in q.cells})
LABELS = st.lists(st.one_of(st.text(), st.integers(), st.sampled_from(["A", "Dogs", "Partners"])))
ANSWERS = st.one_of(
    st.none(), st.just(...), st.booleans(), st.integers(), st.floats(), st.text(),
    st.sampled_from(["12,5", "€ 1.234", "1.234", "80%", "A", "b", "Partners", "12.5", "-0", "inf", "nan"]),
    LABELS, LABELS.map(lambda labels: pd.Index(labels, dtype=object)),
    LABELS.map(lambda labels: np.array(labels, dtype=object)),
    st.dictionaries(st.one_of(st.text(), st.sampled_from(ROW_LABELS)),
                    st.one_of(st.floats(), st.integers(), st.text(), st.none(), st.lists(st.integers()))),
)


@settings(deadline=None, max_examples=100)
@given(key=st.sampled_from(sorted(questions())), answer=ANSWERS)
def test_any_answer_to_any_question_gets_feedback_never_a_traceback(key, answer):
    feedback = check(key, answer)
    assert feedback.status in ("goed", "fout", "leeg") and feedback.message


# -- one value in a container: a Series of one row, a list of one, a 0-d array ------------------------

def test_a_0d_array_is_its_one_value_and_a_masked_value_is_blank(bank):
    assert check("demo_omzet", np.array(1234.5)).message == "Goed! Retouren verlagen de omzet."
    assert check("demo_omzet", np.array(1300.0)).message == "Nog niet goed. Je telde de retouren niet mee."
    blank = ("Nog niet goed. Je antwoord is leeg (NaN of masked): je berekening gaf geen waarde. "
             "Kijk na of je selectie wel rijen bevat en of de kolom getallen of namen heeft.")
    for answer in (float("nan"), pd.Series([np.nan]), np.ma.array(5.0, mask=True), np.ma.masked):
        assert check("demo_omzet", answer).message == blank, answer
    assert selfcheck._attempts == {}, "a blank answer costs no hint"
    assert selfcheck.answers_given()["demo_omzet"] is None  # the last answer (masked), as plain Python


def test_a_right_text_in_a_one_element_container_is_right_as_for_a_number():
    t = _question(key="naam", kind="text", answer=answer_hash("naam", "Anna", kind="text"), hints=["h"])
    n = _question(key="getal", answer=answer_hash("getal", 13, decimals=0), decimals=0, hints=["h"])
    df = pd.DataFrame({"naam": ["Bob", "Anna"], "omzet": [5, 13]}, index=[10, 11])
    best = df["omzet"] == df["omzet"].max()
    for container in (pd.Series, pd.Index, list, tuple, np.array):
        assert t.check(container(["anna"])).message == "Goed!", container
        assert n.check(container([13])).message == "Goed!", container
    assert t.check(df.loc[best, "naam"]) and t.check(df.loc[best, ["naam"]]) and t.check(np.array("Anna"))
    assert n.check(df.loc[best, "omzet"]) and n.check(df.loc[best, ["omzet"]])
    assert t.check(["Bob"]).message == "Nog niet goed. Hint 1: h"  # one wrong name: a wrong answer, a hint


def test_several_values_or_none_for_a_text_or_number_ask_for_one_and_cost_no_hint():
    t = _question(key="naam", kind="text", answer=answer_hash("naam", "Anna", kind="text"), hints=["h"])
    n = _question(key="getal", answer=answer_hash("getal", 13, decimals=0), decimals=0, hints=["h"])
    assert t.check(pd.Series(["Anna", "Bob"])).message == (
        "Nog niet goed. Je antwoord bevat 2 waarden ('Anna' en 'Bob'). Geef één naam of woord: "
        "kies de ene waarde die de vraag zoekt.")
    assert n.check([1, 2, 3, 4, 5]).message == (
        "Nog niet goed. Je antwoord bevat 5 waarden (1, 2, 3 en nog 2). Geef één getal: "
        "kies de ene waarde die de vraag zoekt.")
    assert t.check(pd.Series([], dtype=object)).message == (
        "Nog niet goed. Je antwoord is leeg: er staat niets in (een selectie zonder rijen?). "
        "Kijk je filter na en geef één naam of woord.")
    assert selfcheck._attempts == {}, "no hint was used"
    assert t.check("Bob").message == "Nog niet goed. Hint 1: h"


def test_a_text_question_given_a_count_under_its_label_is_told_where_the_name_is():
    """value_counts().head(1) holds the count, with the name a text question asks for as its index: one rule for
    every text question, right name or wrong, and no hint is used."""
    t = _question(key="naam", kind="text", answer=answer_hash("naam", "Anna", kind="text"), hints=["h"])
    counts = pd.Series(["Anna", "Anna", "Bob"]).value_counts()
    for count_only, label in ((counts.head(1), "Anna"), (counts.tail(1), "Bob")):
        message = t.check(count_only).message
        assert message.startswith("Nog niet goed. Je gaf een getal") and repr(label) in message and ".index[0]" in message
    assert selfcheck._attempts == {}, "no hint was used"
    assert t.check(counts.idxmax()).message == "Goed!" and t.check(pd.Series(["Anna"], index=[7])).message == "Goed!"
    n = _question(key="getal", answer=answer_hash("getal", 2, decimals=0), decimals=0, hints=["h"])
    assert n.check(counts.head(1)).message == "Goed!"  # a number question takes the count, as before


def test_a_set_answer_written_wrongly_is_told_how_to_write_it_without_costing_a_hint():
    from klantlib.selfcheck import Question, _attempts, part_hash

    members = [part_hash("demo_set", label) for label in ("D1", "D4")]
    mistakes = {part_hash("demo_set", label): f"{label} is fout." for label in ("D2", "D3", "D5", "D6")}
    with_labels = Question(key="demo_set", kind="set", members=members, mistakes=mistakes,
                           labels=["D1", "D2", "D3", "D4", "D5", "D6"], hints=["Eerste hint."])
    # names instead of the codes the question offers: said so, with the codes, not "hoort er niet bij"
    feedback = with_labels.check(["betrouwbaarheid", "partnership"])
    assert feedback.status == "fout" and "'betrouwbaarheid', 'partnership' staan niet tussen de keuzes" in feedback.message
    assert "D1, D2, D3, D4, D5, D6" in feedback.message and "hoort er niet bij" not in feedback.message
    assert "D7" in with_labels.check(["D1", "D7"]).message and "staat niet tussen" in with_labels.check(["D7"]).message
    # codes with a space instead of a comma
    spaced = with_labels.check("D1 D4")
    assert "zonder komma" in spaced.message and "['D1', 'D4']" in spaced.message
    assert "demo_set" not in _attempts  # neither cost a hint
    assert with_labels.check("D1, D4").status == "goed"
    # without labels, the bank's hashes tell the parts are labels
    without = Question(key="demo_set", kind="set", members=members, mistakes=mistakes, hints=["Eerste hint."])
    assert "zonder komma" in without.check("D1 D2").message
    assert "'betrouwbaarheid' hoort er niet bij" in without.check(["betrouwbaarheid"]).message


def test_an_answer_with_nearly_every_option_is_not_taken_apart():
    from klantlib.selfcheck import Question, part_hash

    members = [part_hash("demo_all", label) for label in ("D1", "D4")]
    mistakes = {part_hash("demo_all", label): f"{label} is fout." for label in ("D2", "D3", "D5", "D6")}
    q = Question(key="demo_all", kind="set", members=members, mistakes=mistakes,
                 labels=["D1", "D2", "D3", "D4", "D5", "D6"], hints=["Eerste hint."])
    everything = q.check(["D1", "D2", "D3", "D4", "D5", "D6"])
    assert everything.status == "fout" and "Je gaf 6 keuzes van de 6" in everything.message
    assert "hoort er niet bij" not in everything.message and "fout." not in everything.message
    four = q.check(["D1", "D2", "D4", "D5"])
    assert "Je gaf 4 keuzes van de 6" in four.message and "D2" not in four.message
    # up to half of the labels (and more than the right ones): still taken apart
    three = q.check(["D1", "D2", "D4"])
    assert "'D2' hoort er niet bij. D2 is fout." in three.message
    # a multiple choice: the options count as the labels offered
    choice = Question(key="demo_all", kind="choice", multiple=True, options=["D1", "D2", "D3", "D4"],
                      members=members, mistakes=mistakes)
    assert "Je gaf 3 keuzes van de 4" in choice.check(["D1", "D2", "D4"]).message
    # without labels: more than twice the right ones
    free = Question(key="demo_all", kind="set", members=members, mistakes=mistakes)
    assert "Je gaf 5 keuzes:" in free.check(["D1", "D2", "D3", "D4", "D5"]).message
    assert "'D2' hoort er niet bij" in free.check(["D1", "D2", "D4"]).message
