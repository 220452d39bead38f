"""Self-checks: right answers pass, wrong ones get hints, the answer itself never shows."""

from pathlib import Path

import pytest

from klantlib import selfcheck
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
