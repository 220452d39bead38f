"""Self-checks for exercises: feedback and hints in Dutch, without giving the answer away.

Each question lives in a question bank, ``klantlib/questions/<notebook>.toml``,
under a key that is unique over all banks::

    [top20_aandeel]
    kind = "number"          # number | text | set
    decimals = 2             # numbers are compared after rounding to this many decimals
    answer = "3f2a..."       # answer_hash(key, right_answer, ...): the answer itself is not stored
    hints = ["first hint", "second, more specific hint"]
    explanation = "shown after a right answer (optional)"

    [top20_aandeel.mistakes]  # hashes of known wrong answers -> a targeted hint
    "9b1c..." = "Dat is het aandeel in procent; geef een fractie tussen 0 en 1."

The worked solutions live apart (``solutions/``, for lecturers); a test computes
every answer from them and checks it against the bank, so the bank never drifts
from the data. To make a hash: ``python -m klantlib.selfcheck KEY VALUE --kind number --decimals 2``.

>>> h = answer_hash("demo", 12.345, kind="number", decimals=1)
>>> answer_hash("demo", "12,3", kind="number", decimals=1) == h   # a Dutch comma is fine
True
>>> answer_hash("demo", ["Vrienden", "partners "], kind="set") == answer_hash("demo", {"Partners", "vrienden"}, kind="set")
True
"""

from __future__ import annotations

import hashlib
import html
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import pandas as pd

from klantlib.parsing import number_style, to_number

__all__ = ["Feedback", "Question", "answer_hash", "check", "question", "questions"]

KINDS = ("number", "text", "set")


def _normalize_text(value) -> str:
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


def _normalize(value, kind: str, decimals: int | None) -> str:
    if kind == "number":
        number = to_number(value)  # klantlib.parsing's rule: "12,5", "€ 1.234", "80%" (= 0.8)
        if number is None:
            raise ValueError("empty answer")
        digits = 6 if decimals is None else decimals
        text = f"{round(number, digits):.{digits}f}"
        return text[1:] if text.startswith("-") and float(text) == 0 else text
    if kind == "text":
        return _normalize_text(value)
    if kind == "set":
        if isinstance(value, str):
            value = [part for part in value.replace(";", ",").split(",")]
        return "|".join(sorted({_normalize_text(v) for v in value if _normalize_text(v)}))
    raise ValueError(f"kind moet een van {KINDS} zijn, niet {kind!r}.")


def answer_hash(key: str, value, *, kind: str = "number", decimals: int | None = None) -> str:
    """Hash an answer after normalising it; the question key salts the hash."""
    normalized = _normalize(value, kind, decimals)
    return hashlib.sha256(f"{key}\x00{normalized}".encode()).hexdigest()[:16]


@dataclass
class Question:
    """One exercise question from a bank (see the module docstring)."""

    key: str
    answer: str
    kind: str = "number"
    decimals: int | None = None
    hints: list[str] = field(default_factory=list)
    mistakes: dict[str, str] = field(default_factory=dict)
    explanation: str = ""
    bank: str = ""

    def is_right(self, value) -> bool:
        return answer_hash(self.key, value, kind=self.kind, decimals=self.decimals) == self.answer


@cache
def questions() -> dict[str, Question]:
    """All questions of all banks by key (a key may occur in one bank only)."""
    found: dict[str, Question] = {}
    for entry in sorted(resources.files("klantlib").joinpath("questions").iterdir(), key=str):
        if not entry.name.endswith(".toml"):
            continue
        bank = entry.name.removesuffix(".toml")
        for key, spec in tomllib.loads(entry.read_text(encoding="utf-8")).items():
            if key in found:
                raise ValueError(f"Vraag {key!r} staat in {found[key].bank} en in {bank}.")
            found[key] = Question(key=key, bank=bank, **spec)
    return found


def question(key: str) -> Question:
    """The question with this key; a Dutch error lists close keys when it doesn't exist."""
    bank = questions()
    if key not in bank:
        import difflib

        close = difflib.get_close_matches(key, bank, n=3)
        hint = f" Bedoel je: {', '.join(close)}?" if close else ""
        raise KeyError(f"Er is geen opdracht met de naam {key!r}.{hint}")
    return bank[key]


@dataclass
class Feedback:
    """What :func:`check` says; shows as a coloured box in a notebook and as text elsewhere."""

    status: str  # "goed", "fout" or "leeg"
    message: str

    def __bool__(self) -> bool:
        return self.status == "goed"

    def __repr__(self) -> str:
        return self.message

    def _repr_html_(self) -> str:
        colour = {"goed": "#009E73", "fout": "#D55E00", "leeg": "#0072B2"}[self.status]
        return (
            f'<div style="border-left:6px solid {colour};padding:0.4em 0.8em;'
            f'margin:0.3em 0">{html.escape(self.message)}</div>'
        )


_attempts: dict[str, int] = {}


def check(key: str, answer) -> Feedback:
    """Check a student's answer to exercise ``key`` and give feedback in Dutch.

    A right answer is confirmed (with the explanation, if the bank has one). A
    known mistake gets its own hint; any other wrong answer gets the next hint,
    a little more specific with every attempt. The right answer is never shown.

    >>> check("start_aantal_kopers", ...)
    Vul eerst je antwoord in: vervang de ... door je antwoord en voer de cel opnieuw uit.
    """
    q = question(key)
    if answer is ... or answer is None:
        return Feedback("leeg", "Vul eerst je antwoord in: vervang de ... door je antwoord en voer de cel opnieuw uit.")
    if q.kind == "number" and isinstance(answer, str) and (number_style(pd.Series([answer])) == "?").all():
        return Feedback("fout", f"Is {answer.strip()} een duizendtal of een kommagetal? Schrijf het zonder "
                                "duizendtalteken (1234) of met een komma en alle decimalen (1,234).")
    try:
        given = answer_hash(key, answer, kind=q.kind, decimals=q.decimals)
    except (TypeError, ValueError):
        wanted = {"number": "een getal", "text": "een woord of zin", "set": "een lijst met namen"}[q.kind]
        return Feedback("fout", f"Je antwoord {answer!r} is geen {wanted.split(' ', 1)[1]}: geef {wanted}.")
    if given == q.answer:
        _attempts.pop(key, None)
        return Feedback("goed", f"Goed! {q.explanation}".strip())
    if given in q.mistakes:
        return Feedback("fout", f"Nog niet goed. {q.mistakes[given]}")
    attempt = _attempts.get(key, 0)
    _attempts[key] = attempt + 1
    if not q.hints:
        return Feedback("fout", "Nog niet goed. Kijk je berekening nog eens na.")
    hint = q.hints[min(attempt, len(q.hints) - 1)]
    return Feedback("fout", f"Nog niet goed. Hint {min(attempt, len(q.hints) - 1) + 1}: {hint}")


def _main(argv=None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description="Maak de hash van een antwoord voor een vragenbank.")
    parser.add_argument("key")
    parser.add_argument("value", nargs="+")
    parser.add_argument("--kind", default="number", choices=KINDS)
    parser.add_argument("--decimals", type=int, default=None)
    args = parser.parse_args(argv)
    value = args.value if args.kind == "set" else " ".join(args.value)
    print(answer_hash(args.key, value, kind=args.kind, decimals=args.decimals))


if __name__ == "__main__":
    _main()
