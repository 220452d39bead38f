"""Self-checks for exercises: feedback and hints in Dutch, without giving the answer away.

Each question lives in a question bank, ``klantlib/questions/<notebook>.toml``,
under a key that is unique over all banks. Five kinds of question::

    [rfm_aantal_eenmalig]
    kind = "number"          # number | text | choice | set | table
    about = "berekening"     # berekening (computing) | begrip (a concept)
    decimals = 0             # numbers are compared after rounding half up to this many decimals
    tolerance = 0            # optional: also right within this distance (absolute)
    answer = "3f2a..."       # number and text: the hash of the right answer
    hints = ["the concept", "where to look", "a partial step"]
    explanation = "shown after a right answer (optional)"

    [rfm_aantal_eenmalig.mistakes]  # hashes of known wrong answers -> a targeted message
    "9b1c..." = "Je telde aankoopregels, geen bestellingen."

- ``number``: a number, written any way a student would (``12,5``, ``12.5``, ``€ 1.234,50``,
  ``80%``), read by :func:`klantlib.parsing.to_number`. A number that can be read two ways
  (``1.234``: a thousand or a decimal number?) gets feedback that asks which one.
- ``text``: a word or name; case, accents and extra spaces don't matter.
- A number or text given in a container with one value (``df.loc[df.x == df.x.max(), "naam"]``,
  a list of one, a 0-d array) counts as that value. A text question given one row of counts
  (``value_counts().head(1)``: a number under a text label) is told that the name is the index.
- ``choice``: pick from ``options`` (shown as clickable buttons by
  :func:`klantlib.views.selfcheck.ask`, beside its widget);
  ``multiple = true`` allows several. ``members`` holds a hash per right option,
  ``mistakes`` a message per wrong option that explains the misconception.
- ``set``: a set of labels the student types (``["Partners", "Dogs"]``);
  ``members`` as for a choice, so the feedback can say how many are right. Optionally
  ``labels``: every label the question offers, as it shows them (not a secret: the student
  sees them); then a label that is none of them is named as such, with the list, instead of
  "hoort er niet bij". Labels typed with spaces instead of commas (``"M2 M4"``) are told to
  use commas, when each part is a label (or, without ``labels``, a known right or wrong one).
  Neither costs a hint: it is about how the answer is written, not about the content.
  An answer that holds more labels than there are right ones *and* more than half of the
  labels offered (``labels``, or a choice's ``options``; without them, more than twice the
  right ones) is not taken apart: naming each wrong label would leave the right ones.
- ``table``: a small table of numbers per label (``{"Partners": 157, ...}``, or a
  pandas Series such as ``value_counts()``); ``cells`` holds a hash per row, so
  the feedback says which rows are right.

**Rounding.** A number is compared after rounding it *half up* (away from zero) to the
question's ``decimals``, as at school and in Excel: 12,5 is 13 and -0,125 is -0,13. It is
rounded as the decimal number a person reads (its first 15 significant digits), not as
the binary float Python stores: 2.675 typed is 2.675 (Python's ``round(2.675, 2)`` gives
2.67), and a computation's noise in the last digit doesn't count (0.1 + 0.2 is 0.3). A
right answer never lies exactly halfway at its question's decimals (:func:`bank_entry`
refuses it), so Python's ``round()`` and pandas' ``.round()`` (which round half to
even, on the binary value) give the same right answer as rounding half up.

The hashes are salted with the question key; the answer itself is never stored.
Hints escalate with each wrong attempt: first the concept, then where to look,
then a partial step. They never contain the solution code or the answer.

The worked solutions live next to each exercise in the notebook's one source
(``source/<notebook>.md``, see :mod:`klantlib.course`); a test runs them and
checks every answer against the bank. To make the hashes for a bank entry::

    python -m klantlib.selfcheck KEY VALUE... --kind number --decimals 2

Give it the exact value (``0.40816326530612246``), not one already rounded: the tool
rounds it, and refuses a value that lies exactly halfway at ``--decimals``.

>>> h = answer_hash("demo", 12.345, kind="number", decimals=1)
>>> answer_hash("demo", "12,3", kind="number", decimals=1) == h   # a Dutch comma is fine
True
>>> answer_hash("demo", "12,5", decimals=0) == answer_hash("demo", 13, decimals=0)  # half up
True
>>> part_hash("demo", "Vrienden ") == part_hash("demo", "vrienden")
True
"""

from __future__ import annotations

import hashlib
import html
import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_DOWN, ROUND_HALF_UP, Context, Decimal, localcontext
from functools import cache

import numpy as np
import pandas as pd

from klantlib._resources import package_files, package_toml
from klantlib.formatting import listing
from klantlib.parsing import number_style, text_key, to_number

__all__ = ["Feedback", "Question", "answer_hash", "answers_given", "check", "part_hash", "question", "questions"]

KINDS = ("number", "text", "choice", "set", "table")
ABOUT = ("berekening", "begrip")
LETTERS = "ABCDEFGHIJ"


#: Enough digits for any float with its decimals: Decimal arithmetic here is exact, never rounded by the context.
_EXACT = Context(prec=400)


def _decimal(number: float) -> Decimal:
    """A float as the decimal number a person reads: its first 15 significant digits.

    Any decimal text of up to 15 significant digits comes back exactly (a float
    holds 15 for sure): 2.675 is 2.675, not the binary 2.67499999999999982236431605997495353221893310546875.
    What a computation adds beyond them is noise: 0.1 + 0.2 is 0.3.

    >>> _decimal(2.675), _decimal(0.1 + 0.2), _decimal(1e20)
    (Decimal('2.675'), Decimal('0.3'), Decimal('1E+20'))
    """
    return Decimal(f"{number:.15g}")


def _digits(decimals: int | None) -> int:
    return 6 if decimals is None else decimals


def _fixed(number: Decimal) -> str:
    """A rounded number as the text that is hashed: all its decimals, no minus sign on zero."""
    text = f"{number:f}"
    return text[1:] if text.startswith("-") and not number else text


def _rounded(number: float, digits: int, rounding: str = ROUND_HALF_UP) -> Decimal:
    """``number`` rounded to ``digits`` decimals, by default half up (away from zero), as at school and in Excel.

    >>> _rounded(12.5, 0), _rounded(2.675, 2), _rounded(-0.125, 2), _rounded(12.5, 0, ROUND_HALF_DOWN)
    (Decimal('13'), Decimal('2.68'), Decimal('-0.13'), Decimal('12'))
    """
    with localcontext(_EXACT):
        return _decimal(number).quantize(Decimal(1).scaleb(-digits), rounding=rounding)


def _halfway(number: float, digits: int) -> bool:
    """Whether ``number`` lies exactly halfway between two numbers of ``digits`` decimals (12.5 at 0)."""
    return _rounded(number, digits) != _rounded(number, digits, ROUND_HALF_DOWN)


def _normalize_number(value, decimals: int | None) -> str:
    number = to_number(value)  # klantlib.parsing's rule: "12,5", "€ 1.234,50", "80%" (= 0.8)
    if number is None:
        raise ValueError("empty answer")
    if math.isinf(number):
        return "inf" if number > 0 else "-inf"  # never a right answer, but an answer
    return _fixed(_rounded(number, _digits(decimals)))


def _normalize(value, kind: str, decimals: int | None) -> str:
    if kind == "number":
        return _normalize_number(value, decimals)
    if kind == "text":
        return text_key(value)
    if kind in ("set", "choice"):
        return "|".join(sorted(_labels(value)))
    raise ValueError(f"kind moet een van {KINDS} zijn, niet {kind!r}.")


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:16]


def answer_hash(key: str, value, *, kind: str = "number", decimals: int | None = None) -> str:
    """Hash a whole answer after normalising it; the question key salts the hash."""
    return _digest(key, _normalize(value, kind, decimals))


def part_hash(key: str, label, value=None, *, decimals: int | None = None) -> str:
    """Hash one part of an answer: an option or label, or a table row (label and number).

    >>> part_hash("k", "Dogs", 195, decimals=0) == part_hash("k", " dogs", "195", decimals=0)
    True
    """
    label = text_key(label)
    if value is None:
        return _digest(key, "part", label)
    return _digest(key, "row", label, _normalize_number(value, decimals))


def _labels(value) -> set[str]:
    """The normalised labels of a set answer: a list, a set, or a text with commas."""
    return set(_typed_labels(value))


def _typed_labels(value) -> dict[str, str]:
    """The labels of a set answer, normalised, each with the label as the student typed it (for messages).

    >>> _typed_labels(["B4", " b6 "])
    {'b4': 'B4', 'b6': 'b6'}
    """
    if isinstance(value, str):
        value = value.replace(";", ",").split(",")
    return {text_key(v): str(v).strip() for v in value if text_key(v)}


def _table(value) -> dict[str, object]:
    """A table answer as {label: value}: a dict, a Series, or a one-column DataFrame."""
    if isinstance(value, pd.DataFrame):
        if value.shape[1] != 1:
            raise TypeError("table with more than one column")
        value = value.iloc[:, 0]
    if isinstance(value, pd.Series):
        value = value.to_dict()
    if not isinstance(value, dict):
        raise TypeError("not a table")
    return {str(label): number for label, number in value.items()}


@dataclass
class Question:
    """One exercise question from a bank (see the module docstring)."""

    key: str
    kind: str = "number"
    about: str = "berekening"
    answer: str = ""
    decimals: int | None = None
    tolerance: float = 0.0
    options: list[str] = field(default_factory=list)
    multiple: bool = False
    members: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    cells: dict[str, str] = field(default_factory=dict)
    hints: list[str] = field(default_factory=list)
    mistakes: dict[str, str] = field(default_factory=dict)
    explanation: str = ""
    bank: str = ""

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"{self.key}: kind moet een van {KINDS} zijn, niet {self.kind!r}.")
        if self.about not in ABOUT:
            raise ValueError(f"{self.key}: about moet een van {ABOUT} zijn, niet {self.about!r}.")

    # -- reading what a student gave ---------------------------------------------------------
    def _option(self, value) -> str:
        """An option's text from its text or its letter ("B")."""
        text = str(value).strip()
        if len(text) == 1 and text.upper() in LETTERS[: len(self.options)]:
            return self.options[LETTERS.index(text.upper())]
        for option in self.options:
            if text_key(option) == text_key(text):
                return option
        letters = ", ".join(LETTERS[: len(self.options)])
        raise ValueError(f"{text!r} is geen van de keuzes: kies een letter ({letters}) of de tekst van een keuze.")

    def chosen(self, value) -> list[str]:
        """The options a choice answer picks (texts or letters; one, or a list when ``multiple``)."""
        values = [value] if isinstance(value, str) or not hasattr(value, "__iter__") else list(value)
        return [self._option(v) for v in values]

    def _numbers_near(self, value) -> list[str]:
        """The number as the bank compares it (rounded half up, as text), and its neighbours within the tolerance."""
        text = _normalize_number(value, self.decimals)
        if not self.tolerance or text.endswith("inf"):
            return [text]
        step = Decimal(1).scaleb(-_digits(self.decimals))
        with localcontext(_EXACT):
            steps = min(int((_decimal(self.tolerance) / step).to_integral_value(ROUND_HALF_UP)), 50)
            return [_fixed(Decimal(text) + k * step) for k in range(-steps, steps + 1)]

    def is_right(self, value) -> bool:
        """Whether ``value`` is a right answer to this question."""
        if self.kind == "number":
            return any(_digest(self.key, text) == self.answer for text in self._numbers_near(value))
        if self.kind == "text":
            return answer_hash(self.key, value, kind="text") == self.answer
        if self.kind == "choice":
            return {part_hash(self.key, o) for o in self.chosen(value)} == set(self.members)
        if self.kind == "set":
            return {part_hash(self.key, label) for label in _labels(value)} == set(self.members)
        table = _table(value)
        return set(map(text_key, table)) == set(map(text_key, self.cells)) and all(
            self._row_right(label, number) for label, number in table.items()
        )

    def check(self, answer) -> Feedback:
        """Feedback on a student's answer (see :func:`check`)."""
        return _feedback(self, answer)

    def _row_right(self, label: str, number) -> bool:
        wanted = next((h for name, h in self.cells.items() if text_key(name) == text_key(label)), None)
        if wanted is None or _cell_problem(number):  # an empty cell (NaN) or text is never right
            return False
        return any(_digest(self.key, "row", text_key(label), text) == wanted for text in self._numbers_near(number))


@cache
def questions() -> dict[str, Question]:
    """All questions of all banks by key (a key may occur in one bank only)."""
    found: dict[str, Question] = {}
    for entry in package_files("questions", ".toml"):
        bank = entry.name.removesuffix(".toml")
        for key, spec in package_toml(f"questions/{entry.name}").items():
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
            f'<div class="klant-feedback klant-feedback-{self.status}" style="border-left:6px solid {colour};'
            f'padding:0.4em 0.8em;margin:0.3em 0">{html.escape(self.message)}</div>'
        )


_attempts: dict[str, int] = {}
_given: dict[str, object] = {}


def answers_given() -> dict[str, object]:
    """The last answer given to each question in this session (plain Python values).

    The course's tests read this after running a lecturer's version, to know every
    worked answer (for example to prove it is never visible above its check).
    """
    return dict(_given)


def _plain(value):
    """A JSON-friendly copy of an answer.

    >>> _plain(pd.Index(["Dogs", "Partners"])), _plain(np.array([1.5, 2.0])), _plain(np.int64(3))
    (['Dogs', 'Partners'], [1.5, 2.0], 3)
    >>> _plain(np.array(13.0)), _plain(np.ma.masked)
    (13.0, None)
    """
    if isinstance(value, np.ma.MaskedArray):  # np.ma.masked and masked arrays: a masked value is None
        return value.tolist()
    if isinstance(value, np.ndarray) and value.ndim == 0:  # a 0-d array is its one value
        return _plain(value[()])
    if isinstance(value, pd.Series) or (isinstance(value, pd.DataFrame) and value.shape[1] == 1):
        return {str(k): _plain(v) for k, v in _table(value).items()}
    if isinstance(value, pd.DataFrame):
        return _plain(value.to_dict())
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset, np.ndarray, pd.Index)):  # labels, e.g. tabel.index[...]
        return [_plain(v) for v in value]
    if isinstance(value, np.generic):  # numpy scalars
        return value.item()
    return value


#: What a number or text answer may come in: one value taken from a table, a selection or a list.
_CONTAINERS = (pd.Series, pd.Index, pd.DataFrame, np.ndarray, list, tuple, set, frozenset)


def _contents(value) -> list | None:
    """The values in a container answer (a Series, Index, DataFrame, array, list ...), or None for one value.

    A 0-d array (``np.array(13.0)``) holds one value; a masked value (``np.ma.masked``) is None.

    >>> _contents(pd.Series(["Anna"], index=[7])), _contents(np.array([[13]])), _contents(np.ma.masked), _contents("Anna")
    (['Anna'], [np.int64(13)], [None], None)
    """
    if not isinstance(value, _CONTAINERS):
        return None
    if isinstance(value, np.ma.MaskedArray):  # np.ma.masked, or an array with masked cells: those are None
        return np.ravel(value).tolist()
    if isinstance(value, np.ndarray):
        return list(np.ravel(value))  # any shape, a 0-d array too: its values in order
    if isinstance(value, (pd.Series, pd.Index, pd.DataFrame)):
        return list(value.to_numpy(dtype=object).ravel())
    return list(value)


def _blank(value) -> bool:
    """Whether one answer value is blank: None, NaN, pd.NA or NaT (text such as "nan" is not)."""
    return value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def _one_value(q: Question, answer):
    """The one value of a number or text answer, or the Feedback when it holds no value or several.

    A container with one value counts as that value, for numbers and texts alike: the name
    ``df.loc[df["omzet"] == df["omzet"].max(), "naam"]`` finds is a Series with one row. Several
    values or none get a Dutch message and cost no hint: the student's answer is not wrong, only
    not one value.
    """
    values = _contents(answer)
    if values is None:
        value = answer
    elif len(values) == 1:
        value = values[0]
    else:
        wanted = "één getal" if q.kind == "number" else "één naam of woord"
        if not values:
            return _wrong(f"Je antwoord is leeg: er staat niets in (een selectie zonder rijen?). "
                          f"Kijk je filter na en geef {wanted}.")
        shown = listing([repr(_plain(v)) for v in values], limit=3)
        return _wrong(f"Je antwoord bevat {len(values)} waarden ({shown}). Geef {wanted}: "
                      "kies de ene waarde die de vraag zoekt.")
    if isinstance(value, (np.str_, np.number)):
        value = value.item()  # a numpy text or number as the Python value it is
    if _blank(value):
        return _wrong("Je antwoord is leeg (NaN of masked): je berekening gaf geen waarde. "
                      "Kijk na of je selectie wel rijen bevat en of de kolom getallen of namen heeft.")
    return value


def _count_with_label(answer) -> tuple[str, object] | None:
    """``(label, number)`` when a text answer is one row of a Series that holds a number under a text label.

    That is what ``value_counts().head(1)`` gives: the count, with the name the question asks for as its index.
    One rule for every text question: such an answer gets a message that says where the name is, and costs
    no hint.

    >>> _count_with_label(pd.Series([44], index=["online"])), _count_with_label(pd.Series(["online"], index=[3]))
    (('online', 44), None)
    """
    if not isinstance(answer, pd.Series) or len(answer) != 1:
        return None
    label, value = answer.index[0], answer.iloc[0]
    if isinstance(label, str) and isinstance(value, (int, float, np.number)) and not isinstance(value, bool):
        return label, _plain(value)
    return None


def _next_hint(q: Question) -> str:
    attempt = _attempts.get(q.key, 0)
    _attempts[q.key] = attempt + 1
    if not q.hints:
        return "Kijk je berekening nog eens na."
    number = min(attempt, len(q.hints) - 1)
    return f"Hint {number + 1}: {q.hints[number]}"


def _wrong(message: str) -> Feedback:
    return Feedback("fout", f"Nog niet goed. {message}".strip())


def _parts_feedback(q: Question, given: list[str], shown: dict[str, str] | None = None) -> str:
    """For a choice or set: what each wrong part misses, and how many right ones are missing.

    ``shown`` maps a label to how the student wrote it, so a message repeats ``B4``, not ``b4``.
    """
    hashes = {label: part_hash(q.key, label) for label in given}
    offered = q.labels or q.options
    # Naming each wrong part of an answer that holds (nearly) every option would leave the right ones: say only that.
    if len(hashes) > len(q.members) and (len(hashes) > len(offered) / 2 if offered else len(hashes) > 2 * len(q.members)):
        return (f"Je gaf {len(hashes)} keuzes{f' van de {len(offered)}' if offered else ''}: dan zegt de controle niet "
                "welke er niet bij horen. Kies alleen wat volgens de uitleg echt bij de vraag hoort.")
    wrong = [label for label, h in hashes.items() if h not in q.members]
    right = len(hashes) - len(wrong)
    lines = []
    for label in wrong:
        reason = q.mistakes.get(hashes[label], "")
        lines.append(f"'{(shown or {}).get(label, label)}' hoort er niet bij. {reason}".strip())
    missing = len(q.members) - right
    if missing and (q.kind == "set" or q.multiple):
        lines.append(f"Er {'ontbreekt nog één' if missing == 1 else f'ontbreken nog {missing}'} "
                     f"die er wel bij {'hoort' if missing == 1 else 'horen'}.")
    return " ".join(lines)


def _cell_problem(number) -> str | None:
    """Why a table cell can't be right: "leeg" (blank or NaN), "geen getal" (text, a list ...), or None."""
    try:
        return "leeg" if to_number(number) is None else None
    except (TypeError, ValueError):  # klantlib.parsing's KlantDataError is a ValueError
        return "geen getal"


def _table_feedback(q: Question, table: dict) -> str:
    known = {text_key(name): name for name in q.cells}
    given = {text_key(label): (label, number) for label, number in table.items()}
    lines = []
    missing = [known[k] for k in known if k not in given]
    extra = [given[k][0] for k in given if k not in known]
    if missing:
        lines.append(f"In je tabel ontbreekt: {', '.join(missing)}.")
    if extra:
        lines.append(f"Deze rij hoort niet in de tabel: {', '.join(extra)}.")
    rows = [(label, number) for k, (label, number) in given.items() if k in known]
    empty = [label for label, number in rows if _cell_problem(number) == "leeg"]
    if empty:
        lines.append(f"Bij {', '.join(empty)} staat geen getal (leeg of NaN). Kwam je tabel uit een berekening "
                     "met twee tabellen? Kijk of hun rijen dezelfde namen hebben.")
    text = [label for label, number in rows if _cell_problem(number) == "geen getal"]
    if text:
        lines.append(f"Bij {', '.join(text)} staat iets wat geen getal is. Geef per rij één getal.")
    rows = [(label, number) for label, number in rows if not _cell_problem(number)]
    right = [label for label, number in rows if q._row_right(label, number)]
    wrong = [label for label, number in rows if not q._row_right(label, number)]
    for label, number in rows:
        reason = q.mistakes.get(part_hash(q.key, label, number, decimals=q.decimals))
        if reason:
            lines.append(reason)
    if right and wrong:
        lines.append(f"Goed: {', '.join(right)}. Kijk nog eens naar: {', '.join(wrong)}.")
    elif wrong and not empty and not text:
        lines.append("Geen van de rijen klopt al.")
    return " ".join(lines)


def check(key: str, answer) -> Feedback:
    """Check a student's answer to exercise ``key`` and give feedback in Dutch.

    A right answer is confirmed (with the explanation, if the bank has one). A
    known mistake (or a wrong option) gets its own message; any other wrong answer
    gets the next hint, a little more specific with every attempt. The right
    answer is never shown.

    Args:
        key: the question's key in its bank (as in the notebook's check cell).
        answer: the student's answer: a number, a text, an option (text or
            letter), a list of labels, or a table (dict or Series), by the kind.
            For a number or a text, a container with one value (a Series of one
            row, a list of one, a 0-d array) counts as that value; several values,
            none, or a blank one (NaN, ``np.ma.masked``) get a message and no hint.

    Returns:
        A :class:`Feedback`; true when the answer is right.

    Raises:
        KeyError: there is no question with this key (close keys are suggested).

    >>> check("start_aantal_kopers", ...)
    Vul eerst je antwoord in: vervang de ... door je antwoord en voer de cel opnieuw uit.
    """
    return question(key).check(answer)


def _feedback(q: Question, answer) -> Feedback:
    """The feedback on ``answer`` (see :func:`check`)."""
    key = q.key
    if answer is ... or answer is None:
        return Feedback("leeg", "Vul eerst je antwoord in: vervang de ... door je antwoord en voer de cel opnieuw uit.")
    _given[key] = _plain(answer)
    if q.kind == "text" and (counted := _count_with_label(answer)) is not None:
        return _wrong(f"Je gaf een getal ({counted[1]}) met een naam ernaast ({counted[0]!r}), zoals een rij van "
                      "value_counts(). De vraag zoekt een naam of woord: neem de naam zelf, bij een Series de "
                      "index (.index[0], of .idxmax() voor de grootste).")
    if q.kind in ("number", "text"):
        answer = _one_value(q, answer)  # a one-row Series, a list of one, a 0-d array: its one value
        if isinstance(answer, Feedback):
            return answer
    if q.kind == "number" and isinstance(answer, str) and (number_style(pd.Series([answer])) == "?").all():
        return _wrong(f"Is {answer.strip()} een duizendtal of een kommagetal? Schrijf het zonder "
                      "duizendtalteken (1234) of met een komma en alle decimalen (1,234).")
    try:
        right = q.is_right(answer)
    except (TypeError, ValueError) as problem:
        wanted = {"number": "een getal", "text": "een woord of naam", "choice": "een van de keuzes",
                  "set": "een lijst met namen", "table": "een tabel, zoals {\"Partners\": 10, \"Dogs\": 20}"}[q.kind]
        detail = f" {problem}" if q.kind == "choice" else ""
        return _wrong(f"Je antwoord {answer!r} is niet te lezen als {wanted}.{detail}")
    if right:
        _attempts.pop(key, None)
        return Feedback("goed", f"Goed! {q.explanation}".strip())
    if q.kind in ("number", "text"):
        given_hash = answer_hash(key, answer, kind=q.kind, decimals=q.decimals)
        if given_hash in q.mistakes:
            return _wrong(q.mistakes[given_hash])
        return _wrong(_next_hint(q))
    if q.kind == "table":
        return _wrong(f"{_table_feedback(q, _table(answer))} {_next_hint(q)}")
    if q.kind == "choice" and not q.multiple:
        picked = q.chosen(answer)
        if len(picked) != 1:
            return _wrong("Kies één antwoord.")
        # One option picked: the message that explains why that option is not it.
        reason = q.mistakes.get(part_hash(key, picked[0]))
        return _wrong(reason or _next_hint(q))
    if q.kind == "choice":
        return _wrong(f"{_parts_feedback(q, q.chosen(answer))} {_next_hint(q)}")
    typed = _typed_labels(answer)
    written = _set_writing(q, typed)
    if written:
        return _wrong(written)
    return _wrong(f"{_parts_feedback(q, sorted(typed), typed)} {_next_hint(q)}")


def _set_writing(q: Question, typed: dict[str, str]) -> str | None:
    """What is wrong with how a set answer is written: labels run together, or labels the question doesn't offer."""
    known = {text_key(label) for label in q.labels}
    hashed = {*q.members, *q.mistakes}

    def is_label(text: str) -> bool:
        return text_key(text) in known if known else part_hash(q.key, text_key(text)) in hashed

    joined = [raw for key, raw in typed.items() if not is_label(raw) and len(raw.split()) > 1
              and all(is_label(part) for part in raw.split())]
    if joined:
        parts = ", ".join(repr(part) for part in joined[0].split())
        return (f"In {joined[0]!r} staan meer labels zonder komma ertussen. Scheid ze met komma's, zoals "
                f"[{parts}], of schrijf ze als lijst.")
    unknown = [raw for raw in typed.values() if known and not is_label(raw)]
    if unknown:
        names = ", ".join(repr(raw) for raw in unknown)
        return (f"{names} {'staat' if len(unknown) == 1 else 'staan'} niet tussen de keuzes van deze vraag. Geef de "
                f"labels zoals de vraag ze noemt: {', '.join(q.labels)}.")
    return None


def __getattr__(name: str):
    # ask() shows a widget, so it lives beside its widget in klantlib.views.selfcheck (which imports this
    # module; importing it back here would be an import circle). A notebook saved before the move gets
    # the new import line instead of Python's bare "cannot import name".
    if name == "ask":
        raise ImportError("ask staat nu in klantlib.views.selfcheck. Verander de importregel in:\n"
                          "from klantlib.selfcheck import check\nfrom klantlib.views.selfcheck import ask",
                          name="ask", path=__file__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _refuse_halfway(value, decimals: int | None) -> None:
    """Raise a Dutch ValueError if the number ``value`` lies exactly halfway at ``decimals`` (see the module docstring)."""
    number = to_number(value)
    digits = _digits(decimals)
    if number is None or math.isinf(number) or not _halfway(number, digits):
        return
    up, down = _fixed(_rounded(number, digits)), _fixed(_rounded(number, digits, ROUND_HALF_DOWN))
    places = f"{digits} {'decimaal' if digits == 1 else 'decimalen'}"
    raise ValueError(f"{value} ligt precies halverwege bij {places}: naar boven afgerond (zoals op school "
                     f"en in Excel) is het {up}, maar round() in Python en .round() in pandas kunnen {down} geven. "
                     "Vraag om een ander aantal decimalen (--decimals), zodat elke manier van afronden hetzelfde "
                     "goede antwoord geeft. Is het een fout antwoord (een bekende vergissing)? Geef dan --fout mee.")


def bank_entry(key: str, values: list, *, kind: str, decimals: int | None = None, wrong: bool = False) -> str:
    """The hash lines of a bank entry for the right answer, as TOML (for the command line).

    Args:
        key: the question's key (it salts the hashes).
        values: the answer: one value (number, text), each right option (choice,
            set), or ``"label=number"`` (or a pair ``(label, number)``) per row
            (table). Give a number exactly as computed, not rounded: it is rounded
            half up to ``decimals`` here.
        kind: the question's kind (:data:`KINDS`).
        decimals: the question's ``decimals``, for a number or a table.
        wrong: the hash of a known wrong answer (for ``mistakes``), which may lie halfway.

    Returns:
        The TOML line(s): ``answer = ...``, ``members = [...]`` or ``cells = {...}``.

    Raises:
        ValueError: a right number lies exactly halfway at ``decimals`` (12.5 at 0
            decimals): rounding half up and Python's ``round()`` would disagree, so the
            question should ask for another number of decimals.

    >>> print(bank_entry("demo", ["Partners", "Dogs"], kind="set"))
    members = ["6cbe5ac5a84ae1b3", "8f3e6565710380b3"]
    >>> print(bank_entry("demo", ["12.25"], kind="number", decimals=1))
    Traceback (most recent call last):
    ...
    ValueError: 12.25 ligt precies halverwege bij 1 decimaal: naar boven afgerond (zoals op school en in Excel) is het 12.3, maar round() in Python en .round() in pandas kunnen 12.2 geven. Vraag om een ander aantal decimalen (--decimals), zodat elke manier van afronden hetzelfde goede antwoord geeft. Is het een fout antwoord (een bekende vergissing)? Geef dan --fout mee.
    """
    if kind in ("number", "text"):
        value = values[0] if len(values) == 1 else " ".join(values)
        if kind == "number" and not wrong:
            _refuse_halfway(value, decimals)
        return f'answer = "{answer_hash(key, value, kind=kind, decimals=decimals)}"'
    if kind in ("choice", "set"):
        return "members = [" + ", ".join(f'"{part_hash(key, v)}"' for v in values) + "]"
    rows = [v.split("=", 1) if isinstance(v, str) else v for v in values]
    if not wrong:
        for _, number in rows:
            _refuse_halfway(number, decimals)
    cells = ", ".join(f'"{label}" = "{part_hash(key, label, number, decimals=decimals)}"' for label, number in rows)
    return "cells = { " + cells + " }"


def _main(argv=None) -> None:
    import argparse

    parser = argparse.ArgumentParser(
        description="Maak de hashes van een antwoord voor een vragenbank. Een keuze of verzameling: "
                    "elke goede keuze als apart argument; een fout antwoord of foute keuze krijg je "
                    "met --kind number/text (en --fout) of --part. Een tabel: label=getal per rij. Geef "
                    "getallen zoals ze berekend zijn, niet afgerond: ze worden hier half naar boven afgerond "
                    "op --decimals."
    )
    parser.add_argument("key")
    parser.add_argument("value", nargs="+")
    parser.add_argument("--kind", default="number", choices=KINDS)
    parser.add_argument("--decimals", type=int, default=None)
    parser.add_argument("--part", action="store_true", help="de hash van één (foute) keuze of tabelrij")
    parser.add_argument("--fout", action="store_true",
                        help="een fout antwoord (voor mistakes): mag precies halverwege liggen")
    args = parser.parse_args(argv)
    if args.part:
        label, _, number = " ".join(args.value).partition("=")
        print(part_hash(args.key, label, number or None, decimals=args.decimals))
        return
    try:
        print(bank_entry(args.key, args.value, kind=args.kind, decimals=args.decimals, wrong=args.fout))
    except ValueError as exc:  # a number that lies halfway, or that is no number: said in Dutch
        parser.error(str(exc))


if __name__ == "__main__":
    _main()
