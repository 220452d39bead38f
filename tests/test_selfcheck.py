"""Self-checks: right answers pass, wrong ones get hints, the answer itself never shows."""

import importlib.util
from pathlib import Path

import pytest

from klantlib import selfcheck
from klantlib.selfcheck import Question, answer_hash, check, questions

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
    assert feedback.status == "fout" and "geen getal" in feedback.message


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


def _solution_module(bank: str):
    path = ROOT / "solutions" / f"{bank}.py"
    spec = importlib.util.spec_from_file_location(f"solution_{bank}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("key", sorted(questions()))
def test_every_question_matches_its_worked_solution(key):
    """The banks hold hashes; the lecturers' worked solutions compute the answers from the data."""
    q = questions()[key]
    module = _solution_module(q.bank)
    solution = getattr(module, key, None)
    assert solution is not None, f"solutions/{q.bank}.py has no function {key}()"
    assert q.is_right(solution()), f"{key}: the bank's hash doesn't match solutions/{q.bank}.py"
    assert q.hints, f"{key}: give at least one hint"
    for wrong_hash in q.mistakes:
        assert wrong_hash != q.answer


def test_every_bank_belongs_to_a_notebook():
    notebooks = {p.stem for p in (ROOT / "notebooks").glob("*.ipynb")}
    banks = {q.bank for q in questions().values()}
    assert banks <= notebooks
