"""Self-checks make students think: no answer to copy, no option to guess by its form.

Two rules for every stored student notebook (``notebooks/``), checked on the banks'
hashes (``klantlib/questions``), so the tests never need to know an answer themselves:

1. **No answer is visible.** A stored notebook shows every output at once, so the answer
   to a number or table check may not appear anywhere in it: not in prose, code, tables,
   printed text or a figure's alt text, above or below the check. Every number shown is tried
   against the bank as a student would type it (``1.234,5``, ``32,1%`` as 0,321 too).
2. **Choice questions reward knowing, not test-wiseness.** The right option is not the
   longest by a margin, not always in the same place, and does not repeat a run of words
   from the prose above the question (apply the idea to a new case instead).

Where a number can't be avoided (a small count that also occurs for other reasons), the
question is listed in ``ALLOWED`` with the reason; the list is meant to stay short.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from klantlib.parsing import text_key
from klantlib.selfcheck import answer_hash, part_hash, questions

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

# A number as a notebook shows it: Dutch (1.234,5), plain (1234.5), signed, maybe a percentage.
NUMBER = re.compile(r"(?<![\w.,§/#-])[-−–]?\d[\d.,]*(?:\s?%)?")
DUTCH = re.compile(r"^-?\d{1,3}(?:\.\d{3})*(?:,\d+)?$")
PLAIN = re.compile(r"^-?\d+(?:\.\d+)?$")
ENGLISH = re.compile(r"^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")

# Question key -> why a shown number that matches its answer is not a give-away.
ALLOWED: dict[str, str] = {
    "vals_geslaagden_door_gelijke_stand": "0,16 is shown in 03 §5 as another quantity: the Cramér's V that chance alone "
    "stays below in the age table (v_toeval); the share of geslaagden decided by the tie rule is shown nowhere",
}

# Choice rules (the course's own thresholds; four options, so chance is 25% per place).
MAX_LENGTH_RATIO = 1.25  # right option at most this much longer than the longest wrong one
MAX_SHARE_LONGEST = 1 / 3  # of all choice questions, the right option is the longest in at most this share
MAX_SHARE_ONE_PLACE = 0.4  # of all choice questions, at most this share has its right option in one place
MAX_RUN_FROM_PROSE = 4  # words in a row that the right option may share with the prose above it


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _joined(value) -> str:
    return "".join(value) if isinstance(value, list) else value if isinstance(value, str) else json.dumps(value)


def _readable(markup: str) -> str:
    """What a reader sees of an HTML output: text and alt texts, no inline images, styles or tags."""
    markup = re.sub(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+", " ", markup)
    markup = re.sub(r"<(style|script)\b[^>]*>.*?</\1>", " ", markup, flags=re.S | re.I)
    markup = re.sub(r"<[^>]*?\b(?:alt|aria-label|title)=\"([^\"]*)\"[^>]*>", r" \1 ", markup)
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def visible_texts(nb: dict):
    """(cell index, text) for everything a student sees in a stored notebook: prose and every output."""
    for index, cell in enumerate(nb["cells"]):
        yield index, _joined(cell["source"])  # prose, and the code a student reads
        for output in cell.get("outputs", []):
            if "text" in output:
                yield index, _joined(output["text"])
            for mime, value in output.get("data", {}).items():
                if mime.startswith("image/") or "widget" in mime or mime == "application/json":
                    continue
                text = _joined(value)
                yield index, _readable(text) if "html" in mime or "svg" in mime else text


def number_values(token: str) -> set[float]:
    """The values a shown number can stand for (a percentage also as a share).

    >>> sorted(number_values("32,1%"))
    [0.321, 32.1]
    >>> sorted(number_values("1.234,5")), sorted(number_values("1.5"))
    ([1234.5], [1.5])
    """
    percent = token.rstrip().endswith("%")
    text = token.replace("%", "").strip().replace("−", "-").replace("–", "-").rstrip(".,")
    values = set()
    if DUTCH.match(text):
        values.add(float(text.replace(".", "").replace(",", ".")))
    if PLAIN.match(text):
        values.add(float(text))
    if ENGLISH.match(text):
        values.add(float(text.replace(",", "")))
    if percent:
        values |= {round(v / 100, 12) for v in values}
    return values


def shown_numbers(nb: dict) -> dict[int, set[float]]:
    """Per cell, every number value a student can read in it."""
    found: dict[int, set[float]] = {}
    for index, text in visible_texts(nb):
        for match in NUMBER.finditer(text):
            found.setdefault(index, set()).update(number_values(match.group()))
    return found


def _bank(path: Path):
    return [q for q in questions().values() if q.bank == path.stem]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_no_number_or_table_answer_is_visible_anywhere_in_the_stored_student_notebook(path):
    shown = shown_numbers(_load(path))
    visible = []
    for q in _bank(path):
        if q.key in ALLOWED:
            continue
        if q.kind == "number":
            cells = sorted(i for i, values in shown.items() if any(q.is_right(v) for v in values))
        elif q.kind == "table":
            # A table is given away when one cell's output holds every row's right number.
            cells = sorted(
                i
                for i, values in shown.items()
                if all(any(q._row_right(label, v) for v in values) for label in q.cells)
            )
        else:
            continue
        if cells:
            visible.append(f"{q.key} (cel {', '.join(map(str, cells))})")
    assert not visible, f"{path.name}: het antwoord staat zichtbaar in het notebook bij {visible}"


def test_a_shown_number_is_read_as_a_student_reads_it():
    nb = {"cells": [{"cell_type": "markdown", "source": ["Dat is 32,1% van € 1.234,50; zie §1.1 en K0012."]}]}
    assert shown_numbers(nb) == {0: {32.1, 0.321, 1234.5}}


def choice_questions() -> list[tuple[Path, str, str]]:
    """(notebook, key, prose above the question) for every choice question asked in a notebook."""
    found = []
    for path in NOTEBOOKS:
        prose = ""
        for cell in _load(path)["cells"]:
            source = _joined(cell["source"])
            if cell["cell_type"] == "markdown":
                prose += "\n" + source
            for key in re.findall(r"ask\(\s*[\"']([^\"']+)[\"']", source):
                found.append((path, key, prose))
    return found


CHOICES = choice_questions()


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text_key(text))


def longest_shared_run(option: str, prose: str) -> int:
    """The most words in a row that ``option`` shares with ``prose`` (case and accents ignored).

    >>> longest_shared_run("Een retour: de klant bracht iets terug", "De klant bracht iets terug, een retour dus.")
    5
    """
    a, b = _words(option), _words(prose)
    best, previous = 0, [0] * (len(b) + 1)
    for i in range(1, len(a) + 1):
        current = [0] * (len(b) + 1)
        for j in range(1, len(b) + 1):
            if a[i - 1] == b[j - 1]:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


def _right(key: str) -> list[int]:
    q = questions()[key]
    return [i for i, option in enumerate(q.options) if part_hash(key, option) in q.members]


def test_every_choice_question_is_asked_in_its_notebook():
    asked = {key for _, key, _ in CHOICES}
    bank = {q.key for path in NOTEBOOKS for q in _bank(path) if q.kind == "choice"}
    assert bank - asked == set(), "every choice question is asked with ask(...) in its notebook"
    assert len(CHOICES) >= 20


@pytest.mark.parametrize(("path", "key", "prose"), CHOICES, ids=[key for _, key, _ in CHOICES])
def test_the_right_option_is_not_given_away_by_its_form(path, key, prose):
    q = questions()[key]
    right = _right(key)
    assert right, f"{key}: no option is right"
    lengths = [len(option) for option in q.options]
    wrong = [length for i, length in enumerate(lengths) if i not in right]
    for i in right:
        assert lengths[i] <= MAX_LENGTH_RATIO * max(wrong), (
            f"{key}: het goede antwoord ({lengths[i]} tekens) is veel langer dan de andere (hoogstens {max(wrong)})"
        )
        run = longest_shared_run(q.options[i], prose)
        assert run <= MAX_RUN_FROM_PROSE, (
            f"{key}: het goede antwoord herhaalt {run} woorden op een rij uit de tekst erboven: "
            "vraag de student het begrip toe te passen op een nieuw geval"
        )


def test_the_right_option_is_not_usually_the_longest_or_in_one_place():
    single = [key for _, key, _ in CHOICES if not questions()[key].multiple]
    longest = [
        key
        for key in single
        if max(range(len(questions()[key].options)), key=lambda i: len(questions()[key].options[i])) in _right(key)
    ]
    assert len(longest) <= MAX_SHARE_LONGEST * len(single), f"right option is the longest in {longest}"
    places = Counter(_right(key)[0] for key in single)
    assert max(places.values()) <= MAX_SHARE_ONE_PLACE * len(single), f"places of the right option: {places}"
    for path in NOTEBOOKS:
        here = Counter(_right(key)[0] for p, key, _ in CHOICES if p == path and not questions()[key].multiple)
        total = sum(here.values())
        if total >= 3:
            assert max(here.values()) <= total // 2, (
                f"{path.name}: the right option stands in the same place too often: {dict(here)}"
            )


def _phrases(text: str, longest: int = 6) -> set[str]:
    """Every run of 1 to ``longest`` words in ``text`` (what could be a typed name or label)."""
    words = _words(text)
    return {" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, min(i + longest, len(words)) + 1)}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_the_banks_clear_texts_do_not_name_a_text_or_set_answer(path):
    """Hints, messages and explanations are plain text in klantlib/questions (a student can open it).

    None may hold the answer to a text question, or every member of a set question's answer.
    """
    named = []
    for q in _bank(path):
        if q.kind not in ("text", "set"):
            continue
        for text in [*q.hints, *q.mistakes.values(), q.explanation]:
            phrases = _phrases(text)
            if q.kind == "text":
                found = any(answer_hash(q.key, phrase, kind="text") == q.answer for phrase in phrases)
            else:
                found = set(q.members) <= {part_hash(q.key, phrase) for phrase in phrases}
            if found:
                named.append(f"{q.key}: {text[:60]!r}")
    assert not named, f"{path.name}: deze teksten noemen het antwoord: {named}"
