"""Questionnaires as data: read, check, pool, score and compare any questionnaire in one way.

A questionnaire is a TOML file (``klantlib/questionnaires/<name>.toml`` for the
shipped ones, or a lecturer's own file). :class:`Questionnaire` reads it and
does everything every questionnaire in the course needs, so a new
questionnaire is a TOML file plus its notebook:

- :meth:`Questionnaire.read`: a student's export (CSV or Excel, Google or
  Microsoft Forms, the questionnaire widget), checked answer by answer;
- :meth:`Questionnaire.pool`: the exports of a whole class in one survey;
- :meth:`Questionnaire.score`, :meth:`Questionnaire.compare` and
  :meth:`Questionnaire.reliability`: per respondent the mean per dimension, per
  item and dimension the mean with its 95% interval against a published
  reference, and Cronbach's alpha per dimension.

The models keep their own scoring (SERVQUAL's P - E gaps and 100 points,
VALS's types, Martin's styles, relationship strength) and call this module for
the rest. The widget is :func:`klantlib.views.survey.questionnaire_widget`.

**The TOML file.**

.. code-block:: toml

    [questionnaire]
    name = "mijnscan"                 # how Questionnaire.load finds it
    title = "Mijn klantgerichtheidsscan"
    source = "Eigen vragen, 2026"      # who wrote the items (shown with every result)
    scale = [1, 7]                     # lowest and highest answer
    ends = ["helemaal oneens", "helemaal eens"]
    # optional:
    words = ["helemaal oneens", "oneens", ...]  # one word per answer, low to high, as Forms export them
    points = 100                       # points each respondent divides over the dimensions (W_<dimensie>)
    required = true                    # every item must be answered (false: blanks allowed)
    item_name = "stelling"             # what an item is called in messages: a de-word (default "vraag")
    parts = {verwachting = "Verwachtingen (E)"}  # the title of each part (a tab in the widget), in order

    [[item]]
    code = "K1"                        # the column in data files
    text = "We vragen klanten regelmatig wat ze van ons vinden."
    dimension = "klantkennis"
    # optional: reference = 5.1 (a published mean), reverse = true (a negatively worded item),
    # part = "verwachting" (a questionnaire in parts, one tab each); other keys are kept as columns.

Answers are checked by the course's one rule for an answer on a scale
(:func:`klantlib.parsing.to_answers`). ``errors="raise"`` (the default) makes a
wrong answer a :class:`~klantlib.errors.KlantDataError` naming the file, the
row and the item; ``errors="warn"`` counts it as not given, with one
:class:`~klantlib.errors.KlantDataWarning` that counts them.

>>> scan = Questionnaire.load("relatiesterkte")
>>> scan.scale, list(scan.items.index)
((1, 7), ['attractiviteit', 'overstapkosten', 'vertrouwen', 'tevredenheid'])
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from klantlib._resources import package_toml
from klantlib.errors import KlantDataError, check_errors, drop_invalid_rows, require_rows, warn
from klantlib.formatting import counted, listing
from klantlib.parsing import (
    check_scale,
    column_key,
    one_column_hint,
    require_columns,
    text_key,
    to_answers,
    to_ids,
    to_numbers,
)

__all__ = ["AGREE_ENDS", "Questionnaire", "check_answers", "check_points", "scale_legend"]

#: How many wrong cells a message shows before it says "en nog N" (see :func:`klantlib.formatting.listing`).
SHOWN = 5
#: The ends of an agreement scale in the course's words: what the lowest and the highest answer mean.
AGREE_ENDS = ("helemaal oneens", "helemaal eens")
#: Column names that hold a respondent's own id in an export (compared loosely: ``Respondent ID``, ``Id``).
ID_COLUMNS = ("respondent_id", "respondent", "id")
#: Other wordings that online forms export for the course's agreement words: Microsoft Forms' Dutch Likert
#: options ("Helemaal mee eens"), common Dutch variants ("Zeer eens") and the English options of Microsoft and
#: Google Forms ("Strongly agree"). A questionnaire whose ``words`` hold one of the keys also reads its variants
#: as that word's number (see :attr:`Questionnaire.answer_words`); a variant that is itself one of the
#: questionnaire's words keeps the questionnaire's own number. Data: ``klantlib/antwoordwoorden.toml``.
WORD_VARIANTS = {word: tuple(variants) for word, variants in package_toml("antwoordwoorden.toml")["varianten"].items()}


def scale_legend(scale: int, ends: tuple[str, str] = AGREE_ENDS, *, low: int = 1) -> str:
    """What the two ends of a scale from ``low`` to ``scale`` mean, in Dutch, as a questionnaire shows it.

    Args:
        scale: the highest answer.
        ends: what the lowest and the highest answer mean.
        low: the lowest answer (1 unless told).

    Returns:
        ``"<low> = <lowest>, <scale> = <highest>"``.

    Raises:
        KlantDataError: ``scale`` is not a whole number above ``low``.

    >>> scale_legend(7)
    '1 = helemaal oneens, 7 = helemaal eens'
    >>> scale_legend(10, ("zeer onwaarschijnlijk", "zeer waarschijnlijk"), low=0)
    '0 = zeer onwaarschijnlijk, 10 = zeer waarschijnlijk'
    """
    check_scale(scale, low=low)
    text_low, text_high = ends
    return f"{low} = {text_low}, {scale} = {text_high}"


def _who(survey: pd.DataFrame, label, id_column: str | None) -> str:
    """ "rij 3 (respondent R0002)": the row as the student sees it, and the id when there is one."""
    if survey.index.name == "respondent":
        return f"respondent {label}"
    if id_column and id_column in survey.columns and survey.index.is_unique:
        rid = survey.at[label, id_column]
        if rid is not None and not pd.isna(rid):
            named = id_column.casefold()  # the file's own name: "Respondent ID" is a respondent's id
            who = "respondent" if "respondent" in named else "klant" if "klant" in named else id_column
            return f"rij {label} ({who} {rid})"
    return f"rij {label}"


def _shown(value) -> str:
    value = value.item() if isinstance(value, np.generic) else value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return repr(value) if isinstance(value, str) else str(value)


def check_answers(survey: pd.DataFrame, columns: Sequence[str], *, scale: int = 7, errors: str = "raise",
                  source: str | None = None, id_column: str | None = None, fix: str | None = None,
                  low: int = 1, words: Mapping[str, int] | None = None,
                  describe: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The answer columns as floats (blank = NaN), after checking every answer.

    Args:
        survey: one row per respondent; its index is the row a student sees
            (``read_table`` gives the spreadsheet row).
        columns: the answer columns, returned in this order.
        scale: answers are whole numbers from ``low`` to ``scale``.
        errors: ``"raise"``: a wrong answer is an error; ``"warn"``: it counts
            as not given, with a warning that counts them.
        source: the file named in messages (default ``survey.attrs["source"]``).
        id_column: the respondent's id: named in messages, and it may occur only
            once (with ``errors="warn"`` later rows with the same id are left
            out, with a warning).
        fix: the advice when a column is missing.
        low: the lowest answer (1 unless told).
        words: the words of the scale and their numbers (see
            :func:`klantlib.parsing.to_answers`); a message names the first
            word given for each number.
        describe: per column, what a message says it is, after the wrong cells
            (``{"S05": "stelling 'Ik ga graag ...'"}``).

    Returns:
        A float DataFrame of ``columns`` with the index of ``survey``.

    Raises:
        KlantDataError: a missing column, no respondents, a wrong answer or a
            repeated id (with ``errors="raise"``), naming row, column and value.

    >>> df = pd.DataFrame({"E1": [7, 8], "P1": [5, None]}, index=pd.Index([2, 3], name="rij"))
    >>> check_answers(df, ["E1", "P1"])
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: 1 ongeldig antwoord: rij 3, kolom 'E1': 8. Antwoorden moeten hele getallen van 1 tot en met 7 zijn; verbeter de waarde of maak de cel leeg.
    """
    check_scale(scale, low=low)
    errors = check_errors(errors)
    if not isinstance(survey, pd.DataFrame):
        raise KlantDataError(f"Verwacht een tabel (DataFrame) met enquêteantwoorden, geen {type(survey).__name__}.")
    source = source or survey.attrs.get("source")
    in_file = f" in '{source}'" if source else ""
    columns = list(columns)
    require_columns(survey, columns, source=source, fix=fix)
    require_rows(survey, name="de enquête", row="respondent", consequence="zijn er geen antwoorden te controleren",
                 source=source)
    if id_column and id_column in survey.columns and not pd.Index(survey[id_column]).is_unique:
        ids = survey[id_column]
        repeated = ids.duplicated(keep="first") & ids.notna()
        if repeated.any():
            survey = drop_invalid_rows(survey, repeated, f"het id in kolom '{id_column}' kwam al eerder voor",
                                       errors=errors, source=source,
                                       fix=f"Geef elke respondent een eigen id in kolom '{id_column}'.")
    frame = survey[columns]
    numeric = all(pd.api.types.is_numeric_dtype(t) and not pd.api.types.is_bool_dtype(t) for t in frame.dtypes)
    if numeric:
        values = frame.to_numpy(dtype=float, na_value=np.nan)
        if _all_valid(values, scale, low):
            return pd.DataFrame(values, index=frame.index, columns=columns, copy=False)
    # Something is not a whole number from low to scale: read every column by the answer rule to find it.
    read = [to_answers(frame[c], scale=scale, low=low, words=words) for c in columns]
    values = np.column_stack([answers.to_numpy() for answers, _ in read]) if columns else np.empty((len(frame), 0))
    wrong = np.column_stack([bad.to_numpy() for _, bad in read]) if columns else np.zeros((len(frame), 0), bool)
    if wrong.any():
        rows, cols = np.nonzero(wrong)
        count = len(rows)
        shown = listing([f"{_who(survey, frame.index[r], id_column)}, kolom '{columns[c]}': {_shown(frame.iat[r, c])}"
                         for r, c in zip(rows, cols)], limit=SHOWN, separator="; ", word=None)
        cells = list(zip(rows, cols))[:SHOWN]
        rule = f"Antwoorden moeten hele getallen van {low} tot en met {scale} zijn"
        if words:  # the first word given for each number (a questionnaire's own words come before their variants)
            first: dict = {}
            for word, value in words.items():
                first.setdefault(value, word)
            rule += f" (of de woorden {listing([first[v] for v in sorted(first)], limit=None, quote=True, word='of')})"
        named = [columns[c] for c in dict.fromkeys(c for _, c in cells) if columns[c] in (describe or {})]
        about = f" Het gaat om {'; '.join(f'{column}: {describe[column]}' for column in named)}." if named else ""
        noun = "ongeldig antwoord" if count == 1 else "ongeldige antwoorden"
        if errors == "raise":
            raise KlantDataError(f"{count} {noun}{in_file}: {shown}. {rule}; verbeter de waarde of maak de cel "
                                 f"leeg.{about}")
        warn(f"{count} {noun}{in_file} als ontbrekend behandeld: {shown}. {rule}.{about}")
    return pd.DataFrame(values, index=frame.index, columns=columns, copy=False)


def _all_valid(values: np.ndarray, scale: int, low: int = 1, *, chunk: int = 1 << 16) -> bool:
    """Fast check that every cell is blank or a whole number in low..scale.

    The answer rule of :func:`klantlib.parsing.to_answers`, on a float array only,
    as a pre-check: when it fails, ``to_answers`` finds and names the wrong cells.
    Walks the memory in pieces with reused buffers (order does not matter here),
    so the temporary arrays stay in the processor's cache.
    """
    if values.size == 0:
        return True
    flat = values.ravel(order="K")  # a view for C- or F-ordered frames
    size = min(chunk, flat.size)
    whole = np.empty(size)
    same = np.empty(size, dtype=bool)
    for start in range(0, flat.size, size):
        piece = flat[start:start + size]
        n = len(piece)
        np.rint(piece, out=whole[:n])
        np.equal(whole[:n], piece, out=same[:n])
        given = int(np.count_nonzero(same[:n]))
        if given != n and given + int(np.count_nonzero(np.isnan(piece))) != n:
            return False  # a fraction (4.5) or infinity
        if given and not (np.fmin.reduce(piece) >= low and np.fmax.reduce(piece) <= scale):
            return False
    return True


def check_points(survey: pd.DataFrame, columns: Sequence[str], *, total: float = 100, errors: str = "raise",
                 id_column: str | None = None, what: str = "De punten", fix: str = "Verbeter de punten.",
                 instead: str = "Hun punten tellen niet mee.") -> pd.DataFrame:
    """Points that each respondent divides over ``columns``, checked to add up to ``total``.

    Points are read by the number rule; a percentage is a share of the total
    (``"20%"`` of 100 points is 20). A respondent whose points are blank,
    negative, no number or don't add up is named with the reason; with
    ``errors="warn"`` their points become NaN (``instead`` says what that
    means), else it is an error ending with ``fix``.

    >>> df = pd.DataFrame({"W_a": ["20%", 50], "W_b": ["80%", "vijftig"]}, index=pd.Index([2, 3], name="rij"))
    >>> check_points(df, ["W_a", "W_b"], errors="warn").loc[2].tolist()
    [20.0, 80.0]
    >>> check_points(df, ["W_a", "W_b"])
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: De punten moeten per respondent optellen tot 100 (geen lege of negatieve punten); 1 respondent wijkt af: rij 3: 'vijftig' in W_b is geen getal. Verbeter de punten.
    """
    errors = check_errors(errors)
    frame = survey[list(columns)]
    points = pd.DataFrame({c: _points_of(frame[c], total).to_numpy() for c in columns}, index=frame.index)
    values = points.to_numpy()
    sums = values.sum(axis=1)
    with np.errstate(invalid="ignore"):
        bad = np.isnan(sums) | (np.abs(sums - total) > 0.01) | (np.nan_to_num(values, nan=0) < 0).any(axis=1)
    if bad.any():
        labels = frame.index[bad]
        shown = listing([f"{_who(survey, label, id_column)}: {_points_problem(frame.iloc[i], values[i], total)}"
                         for i, label in zip(np.flatnonzero(bad), labels)], limit=SHOWN, separator="; ", word=None)
        count = int(bad.sum())
        text = (f"{what} moeten per respondent optellen tot {total:g} (geen lege of negatieve punten); "
                f"{counted(count, 'respondent')} {'wijkt' if count == 1 else 'wijken'} af: {shown}.")
        if errors == "raise":
            raise KlantDataError(f"{text} {fix}")
        warn(f"{text} {instead}")
        points[bad] = np.nan
    return points


def _points_of(column: pd.Series, total: float) -> pd.Series:
    """Points by the number rule, where a percentage is a share of the total ("20%" of 100 is 20 points)."""
    return to_numbers(column, errors="coerce", percent_of=total)


def _points_problem(raw: pd.Series, points: np.ndarray, total: float) -> str:
    """What is wrong with one respondent's points, in Dutch."""
    filled = raw.notna() & raw.astype("str").str.strip().ne("")
    text = [f"{_shown(raw[c])} in {c} is geen getal" for c, p in zip(raw.index, points) if filled[c] and np.isnan(p)]
    if text:
        return "; ".join(text)
    if not filled.all():
        return f"punten ontbreken in {listing(raw.index[~filled.to_numpy()], limit=None)}"
    if (points < 0).any():
        return "negatieve punten"
    summed = float(points.sum())
    shown = int(summed) if summed.is_integer() else round(summed, 2)
    if abs(summed - 1) <= 0.01 and total != 1:
        return (f"samen {shown} punt: staan de punten als fractie (0,2 voor 20%)? Geef punten van de {total:g}")
    return f"samen {shown} punten"


# -- questionnaires as data -----------------------------------------------------------------------

#: The keys ``[questionnaire]`` may hold.
_HEAD_KEYS = ("name", "title", "source", "scale", "ends", "words", "points", "required", "item_name", "parts")
#: The keys of an ``[[item]]`` with a meaning; other keys are kept as extra columns of ``items``.
_ITEM_KEYS = ("code", "text", "dimension", "reference", "reverse", "part")
_CODE = re.compile(r"([A-Za-z]+)(\d+)")


def _text_match_key(text) -> str:
    """How a header and an item text are compared: :func:`text_key`, without quotes and closing punctuation."""
    return text_key(text).strip(" \"'“”‘’").rstrip(".?!:;").strip()


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


@dataclass(frozen=True, eq=False)
class Questionnaire:
    """A questionnaire as data: its items, scale and source, and the one way to read, check and score it.

    Make one with :meth:`load` (a shipped questionnaire) or :meth:`from_toml` (a
    file of your own); the module docstring shows the TOML format.

    Attributes:
        name: how :meth:`load` finds it.
        title: its title in Dutch.
        source: who wrote the items (named with every comparison).
        scale: ``(low, high)``, the lowest and highest answer.
        ends: what the lowest and the highest answer mean.
        items: one row per item (index ``code``, the column name in data files)
            with ``tekst``, ``dimensie``, ``referentie`` (a published mean, NaN
            where none is published), ``omgekeerd`` (a reversed item) and
            ``deel`` (the part; empty when the questionnaire has no parts),
            then any extra keys of the TOML items.
        words: the words of the scale, low to high (empty when none are given).
        points: the points each respondent divides over the dimensions (None: no points).
        required: whether every item must be answered.
        item_name: what an item is called in messages ("vraag", "stelling").
        part_titles: the title of each part (a tab of the widget), in order.
    """

    name: str
    title: str
    source: str
    scale: tuple[int, int]
    ends: tuple[str, str]
    items: pd.DataFrame = field(repr=False)
    words: tuple[str, ...] = ()
    points: float | None = None
    required: bool = True
    item_name: str = "vraag"
    part_titles: Mapping[str, str] = field(default_factory=dict)

    # -- making one -------------------------------------------------------------------------------

    @staticmethod
    def available() -> list[str]:
        """The names of the shipped questionnaires.

        >>> {"martin", "relatiesterkte", "servqual", "vals"} <= set(Questionnaire.available())
        True
        """
        from klantlib._resources import package_files

        return [entry.name.removesuffix(".toml") for entry in package_files("questionnaires", ".toml")]

    @staticmethod
    def load(name: str) -> Questionnaire:
        """A questionnaire shipped with the course, by name (see :meth:`available`).

        Raises:
            KlantDataError: there is no shipped questionnaire of that name (with the closest name).

        >>> Questionnaire.load("vals").scale
        (1, 5)
        >>> Questionnaire.load("servequal")
        Traceback (most recent call last):
        ...
        klantlib.errors.KlantDataError: Er is geen vragenlijst 'servequal'. Bedoel je 'servqual'? Beschikbaar: ... Een eigen vragenlijst lees je met Questionnaire.from_toml('pad/naar/bestand.toml').
        """
        key = str(name).strip().casefold()
        available = Questionnaire.available()
        if key not in available:
            close = difflib.get_close_matches(key, available, n=1)
            hint = f" Bedoel je '{close[0]}'?" if close else ""
            raise KlantDataError(f"Er is geen vragenlijst {str(name)!r}.{hint} Beschikbaar: "
                                 f"{listing(available, limit=None)}. Een eigen vragenlijst lees je met "
                                 "Questionnaire.from_toml('pad/naar/bestand.toml').")
        return _shipped(key)

    @classmethod
    def from_toml(cls, path) -> Questionnaire:
        """A questionnaire from a TOML file of your own (the format is in the module docstring).

        Raises:
            KlantDataError: the file can't be read, is no valid TOML (naming the line),
                or misses or misuses a key (naming the item and the key).
        """
        path = Path(path)
        if not path.is_file():
            raise KlantDataError(f"De vragenlijst '{path}' bestaat niet. Controleer de naam en de map; de map van "
                                 f"dit notebook is '{Path.cwd()}'.")
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise KlantDataError(f"De vragenlijst '{path.name}' kon niet worden gelezen ({type(error).__name__}). "
                                 "Sla het bestand op als tekst in UTF-8.") from error
        return cls.from_text(text, origin=path.name)

    @classmethod
    def from_text(cls, text: str, *, origin: str = "de vragenlijst") -> Questionnaire:
        """A questionnaire from TOML text; ``origin`` names it in messages. See :meth:`from_toml`.

        >>> q = Questionnaire.from_text('''
        ... [questionnaire]
        ... name = "mini"
        ... title = "Mini"
        ... source = "voorbeeld"
        ... scale = [1, 5]
        ... ends = ["nooit", "altijd"]
        ... [[item]]
        ... code = "A1"
        ... text = "We bellen klanten terug."
        ... dimension = "service"
        ... ''')
        >>> q.items[["tekst", "dimensie"]]
                                 tekst dimensie
        code
        A1    We bellen klanten terug.  service
        """
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise KlantDataError(f"'{origin}' is geen geldig TOML-bestand: {error}. Vergelijk het met een "
                                 "meegeleverde vragenlijst (klantlib/questionnaires/).") from None
        return _build(data, origin)

    # -- what it is -------------------------------------------------------------------------------

    @property
    def codes(self) -> list[str]:
        """The item codes in questionnaire order."""
        return list(self.items.index)

    @property
    def dimensions(self) -> dict[str, list[str]]:
        """Per dimension its item codes, in order; with parts per part and dimension (``"zekerheid (perceptie)"``).

        >>> list(Questionnaire.load("martin").dimensions)
        ['procedureel', 'persoonlijk']
        """
        groups: dict[str, list[str]] = {}
        for code, dimension, part in zip(self.items.index, self.items["dimensie"], self.items["deel"]):
            groups.setdefault(f"{dimension} ({part})" if part else dimension, []).append(code)
        return groups

    @property
    def parts(self) -> dict[str, list[str]]:
        """Per part title its item codes, in order; one part titled ``""`` when the questionnaire has none.

        >>> list(Questionnaire.load("servqual").parts)
        ['Verwachtingen (E)', 'Percepties (P)']
        """
        groups: dict[str, list[str]] = {}
        for code, part in self.items["deel"].items():
            groups.setdefault(self.part_titles.get(part, part.capitalize()), []).append(code)
        return groups

    @property
    def points_columns(self) -> list[str]:
        """The points columns (``W_<dimensie>``), one per dimension, when respondents divide points."""
        if self.points is None:
            return []
        return [f"W_{d}" for d in dict.fromkeys(self.items["dimensie"])]

    @property
    def legend(self) -> str:
        """What the ends of the scale mean: ``"1 = helemaal oneens, 7 = helemaal eens"``."""
        low, high = self.scale
        return scale_legend(high, self.ends, low=low)

    @property
    def word_values(self) -> dict[str, int]:
        """The words of the scale and their numbers (empty when the TOML file gives none)."""
        return {word: self.scale[0] + k for k, word in enumerate(self.words)}

    @property
    def answer_words(self) -> dict[str, int]:
        """Every word an answer may be given in, with its number: :attr:`word_values`, then their variants.

        The variants are the other wordings online forms export for the same
        answer (:data:`WORD_VARIANTS`: Microsoft Forms writes "Helemaal mee eens"
        where the questionnaire says "helemaal eens"). Empty when the
        questionnaire gives no words: then only numbers are answers.

        >>> words = Questionnaire.load("vals").answer_words
        >>> words["helemaal eens"], words["helemaal mee eens"], words["Strongly disagree".lower()]
        (5, 5, 1)
        """
        own = self.word_values
        keys = {text_key(word) for word in own}
        out = dict(own)
        for word, value in own.items():
            for variant in WORD_VARIANTS.get(text_key(word), ()):
                if variant not in keys:
                    out.setdefault(variant, value)
        return out

    def describe(self, code: str) -> str:
        """How messages name an item: ``"stelling 'Ik koop alleen iets nieuws als ...'"``."""
        return f"{self.item_name} '{_short(self.items.at[code, 'tekst'])}'"

    def __repr__(self) -> str:
        low, high = self.scale
        return (f"Questionnaire({self.name!r}: {self.title}; {len(self.items)} items, "
                f"{len(self.dimensions)} dimensies, schaal {low}-{high})")

    def with_scale(self, high: int, low: int | None = None) -> Questionnaire:
        """The same questionnaire on another scale (a 5-point version of a 7-point questionnaire).

        The words of the scale are dropped when their number no longer fits.

        >>> Questionnaire.load("servqual").with_scale(5).scale
        (1, 5)
        """
        low = self.scale[0] if low is None else low
        check_scale(high, low=low)
        if (low, high) == self.scale:
            return self
        words = self.words if len(self.words) == high - low + 1 else ()
        return dataclasses.replace(self, scale=(low, high), words=words)

    # -- checking answers -------------------------------------------------------------------------

    def answers(self, answers, *, errors: str = "raise", complete: bool = False,
                id_column: str | None = None) -> pd.DataFrame:
        """The item answers as floats (blank = NaN), checked: a survey, one respondent's dict, or a Series.

        Args:
            answers: a survey with a column per item code (what :meth:`read`,
                :meth:`pool` or ``load_dataset`` give; other columns are ignored),
                or one respondent's answers as ``{code: answer}`` (every key must
                be an item) or a Series. A Series is a survey's row
                (``survey.iloc[0]``): as in the table, its other labels
                (``respondent_id``, ``bestand``, an age ...) are ignored; a label
                that is an item written otherwise (``S1`` for ``S01``) is an
                unknown item, as in the dict.
            errors: ``"raise"`` or ``"warn"`` (see the module docstring).
            complete: every item must be answered (a model that needs all of them,
                such as a VALS type); a blank is then an error naming row and item.
            id_column: the column with the respondents' own ids, named in messages
                and unique (default ``respondent_id`` when there is one).

        Returns:
            One float column per item, in questionnaire order, with the index of
            the survey (0 for one respondent).

        Raises:
            KlantDataError: an item column is missing, an unknown item is given, or
                (with ``errors="raise"``) an answer is no whole number on the scale.

        >>> Questionnaire.load("vals").answers({"S01": 6})
        Traceback (most recent call last):
        ...
        klantlib.errors.KlantDataError: Ongeldig antwoord bij stelling S01 ('Ik koop alleen iets nieuws als het oude echt kapot is.'): 6. Antwoorden moeten hele getallen van 1 tot en met 5 zijn (1 = helemaal oneens, 5 = helemaal eens).
        """
        errors = check_errors(errors)
        low, high = self.scale
        if isinstance(answers, pd.Series):
            answers = self._row_answers(answers)
        if isinstance(answers, Mapping):
            unknown = [str(k) for k in answers if k not in self.items.index and k not in self.points_columns]
            if unknown:
                raise KlantDataError(f"Onbekende {self.item_name}: {listing(unknown, quote=True)}. De items van "
                                     f"'{self.title}' heten {self.codes[0]} t/m {self.codes[-1]}.")
            row = pd.Series({code: answers.get(code) for code in self.codes}, dtype="object")
            values, wrong = to_answers(row, scale=high, low=low, words=self.answer_words)
            if wrong.any():
                shown = "; ".join(f"{self.item_name} {code} ('{self.items.at[code, 'tekst']}'): {_shown(row[code])}"
                                  for code in wrong.index[wrong])
                text = (f"Ongeldig antwoord bij {shown}. Antwoorden moeten hele getallen van {low} tot en met "
                        f"{high} zijn ({self.legend}).")
                if errors == "raise":
                    raise KlantDataError(text)
                warn(f"{text} Het telt als niet ingevuld.")
            if complete and values.isna().any():
                blank = [f"{self.item_name} {code} ('{self.items.at[code, 'tekst']}')" for code in self.codes
                         if pd.isna(values[code])]
                raise KlantDataError(f"Nog niet beantwoord: {'; '.join(blank)}. Hiervoor zijn de antwoorden op alle "
                                     f"{len(self.codes)} items nodig.")
            return values.astype(float).to_frame().T.reset_index(drop=True)
        if not isinstance(answers, pd.DataFrame):
            raise KlantDataError(f"Geef de antwoorden als tabel (een kolom per item: {self.codes[0]} ...), of van "
                                 f"één respondent als woordenboek ({{'{self.codes[0]}': ...}}), niet als "
                                 f"{type(answers).__name__}.")
        if id_column is None and "respondent_id" in answers.columns:
            id_column = "respondent_id"
        values = check_answers(answers, self.codes, scale=high, low=low, words=self.answer_words, errors=errors,
                               id_column=id_column, describe={code: self.describe(code) for code in self.codes},
                               fix=f"Bij '{self.title}' hoort per respondent een kolom per item: "
                                   f"{listing(self.codes, limit=6)}.")
        if complete:
            self._require_complete(values, answers.attrs.get("source"))
        return values

    def _row_answers(self, row: pd.Series) -> dict:
        """One survey row as ``{code: answer}``: its items (and points columns); other labels are no answers.

        The table's rule for one row: a survey's other columns (``respondent_id``, ``bestand``, an age)
        are ignored. A label the questionnaire ties to an item (:meth:`match_columns`: ``S1``, ``s 01``,
        the item's text) but that is not its code stays, so :meth:`answers` names it as unknown rather
        than dropping an answer silently; so does every label of a row without one item.
        """
        known = {*self.codes, *self.points_columns}
        others = [label for label in row.index if label not in known]
        misspelt = set(self.match_columns(others)) if others else set()
        if not any(label in known for label in row.index):
            misspelt = set(others)  # not one item: the labels are named, as for a dict
        return {label: value for label, value in row.items() if label in known or label in misspelt}

    def _require_complete(self, values: pd.DataFrame, source: str | None) -> None:
        """A Dutch error naming every blank answer (the first few), when each item must be answered."""
        blank = values.isna().to_numpy()
        if not blank.any():
            return
        rows, cols = np.nonzero(blank)
        where = "rij {}" if values.index.name != "respondent" else "respondent {}"
        shown = listing([f"{where.format(values.index[r])}, {self.item_name} {self.codes[c]} "
                         f"('{_short(self.items.at[self.codes[c], 'tekst'])}')" for r, c in zip(rows, cols)],
                        limit=SHOWN, separator="; ", word=None)
        noun = "leeg antwoord" if len(rows) == 1 else "lege antwoorden"
        in_file = f" in '{source}'" if source else ""
        raise KlantDataError(f"{len(rows)} {noun}{in_file}: {shown}. Bij de vragenlijst '{self.title}' moet "
                             "elk item beantwoord zijn; vul de antwoorden aan of laat deze respondenten weg.")

    def is_answer(self, code: str, value) -> bool:
        """Whether ``value`` is a valid answer for item (or points column) ``code``: for answers restored in a widget.

        >>> servqual = Questionnaire.load("servqual")
        >>> servqual.is_answer("E1", 7), servqual.is_answer("E1", 8), servqual.is_answer("W_zekerheid", 30)
        (True, False, True)
        >>> servqual.is_answer("X", 1), servqual.is_answer("E1", True)
        (False, False)
        """
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            return False  # a widget stores whole numbers
        if code in self.points_columns:
            return 0 <= value <= self.points
        if code not in self.items.index:
            return False
        low, high = self.scale
        return not to_answers(pd.Series([value], dtype="object"), scale=high, low=low)[1].iloc[0]

    def points_left(self, answers: Mapping) -> tuple[float, str]:
        """How many points are still to be divided over the dimensions, and a Dutch message.

        >>> servqual = Questionnaire.load("servqual")
        >>> servqual.points_left({"W_tastbaarheden": 30, "W_zekerheid": 60})
        (10.0, 'Nog 10 punten te verdelen (samen 90 van de 100).')
        >>> servqual.points_left({c: 20 for c in servqual.points_columns})
        (0.0, 'De 100 punten zijn verdeeld.')
        >>> servqual.points_left({"W_tastbaarheden": "50%", "W_zekerheid": "50"})[0]
        0.0
        >>> servqual.points_left({"W_zekerheid": "vijftig"})
        Traceback (most recent call last):
        ...
        klantlib.errors.KlantDataError: Punten moeten getallen zijn; geen getal bij W_zekerheid: 'vijftig'. Vul een getal in of laat het vak leeg.
        >>> servqual.points_left({"W_tastbaarheden": 120})[1]
        'Je hebt 20 punten te veel verdeeld (samen 120); haal er 20 weg, want het totaal moet 100 zijn.'
        """
        from klantlib.formatting import number

        if self.points is None:
            raise KlantDataError(f"Bij '{self.title}' verdelen respondenten geen punten.")
        given = pd.Series([answers.get(c) for c in self.points_columns], index=self.points_columns, dtype="object")
        # The number rule, a percentage a share of the total (as check_points reads them); none given counts as 0.
        points = _points_of(given, self.points)
        wrong = [f"{column}: {_shown(given[column])}" for column in self.points_columns
                 if pd.isna(points[column]) and not pd.isna(given[column]) and str(given[column]).strip()]
        if wrong:
            raise KlantDataError(f"Punten moeten getallen zijn; geen getal bij {listing(wrong, limit=None)}. "
                                 "Vul een getal in of laat het vak leeg.")
        total = float(points.fillna(0).sum())
        remaining = self.points - total
        if remaining == 0:
            return 0.0, f"De {number(self.points)} punten zijn verdeeld."
        if remaining > 0:
            return remaining, (f"Nog {number(remaining)} punten te verdelen (samen {number(total)} van de "
                               f"{number(self.points)}).")
        return remaining, (f"Je hebt {number(-remaining)} punten te veel verdeeld (samen {number(total)}); haal er "
                           f"{number(-remaining)} weg, want het totaal moet {number(self.points)} zijn.")

    def _turned(self, values: pd.DataFrame) -> pd.DataFrame:
        """Reversed items turned around (low + high - answer), so that high always means the same."""
        low, high = self.scale
        reverse = [code for code in self.codes if self.items.at[code, "omgekeerd"]]
        if not reverse:
            return values
        values = values.copy()
        values[reverse] = low + high - values[reverse]
        return values

    # -- reading a file and a class ---------------------------------------------------------------

    def match_columns(self, columns) -> dict:
        """Which header belongs to which item (and points column), as exports write them.

        A header belongs to an item when it is the item's code (``E1``, ``e1``), starts
        with it (``E1. Uitstekende ...``, ``p 03 - ...``, ``S01 Ik koop ...``), or is the
        item's text as Google or Microsoft Forms write the question (case, accents,
        extra spaces and closing punctuation don't matter; a Google grid's
        ``Vraag [tekst]``, a number in front, ``3. tekst``, and a question's title in
        front, ``Hoe eens ben je het?.tekst`` or ``Titel - tekst``, too). A points
        column is ``W_<dimensie>``, or holds ``punt`` or ``gewicht`` and one
        dimension's name.

        Returns:
            ``{header: code}`` for the headers that belong to the questionnaire.

        Raises:
            KlantDataError: two headers belong to one item.

        >>> Questionnaire.load("servqual").match_columns(["E01. Uitstekende ...", "p 2", "Punten zekerheid", "x"])
        {'E01. Uitstekende ...': 'E1', 'p 2': 'P2', 'Punten zekerheid': 'W_zekerheid'}
        >>> Questionnaire.load("martin").match_columns(["Het bezoek.Toont de medewerker een positieve, behulpzame houding?"])
        {'Het bezoek.Toont de medewerker een positieve, behulpzame houding?': 'houding'}
        """
        return self._match(columns)[0]

    def _match(self, columns) -> tuple[dict, set]:
        """:meth:`match_columns`, and the headers that are an item's code (not its text)."""
        by_code = {column_key(code): code for code in self.codes}
        by_text: dict[str, list[str]] = {}
        for code, text in self.items["tekst"].items():
            by_text.setdefault(_text_match_key(text), []).append(code)
        prefixes = [(_code_pattern(code), code) for code in self.codes]
        dimensions = list(dict.fromkeys(self.items["dimensie"]))
        found: dict = {}
        coded: set = set()
        for header in columns:
            code = by_code.get(column_key(header))
            if code is None:
                code = next((c for pattern, c in prefixes if pattern.match(str(header))), None)
            if code is not None:
                coded.add(header)
            else:
                code = _by_text(str(header), by_text)
            if code is None and self.points is not None:
                lowered = text_key(header).replace("_", " ")
                named = [d for d in dimensions if text_key(d) in lowered]
                if len(named) == 1 and (lowered.startswith("w ") or "punt" in lowered or "gewicht" in lowered):
                    code = f"W_{named[0]}"
            if code is not None:
                found[header] = code
        taken: dict[str, list] = {}
        for header, code in found.items():
            taken.setdefault(code, []).append(header)
        doubles = {code: headers for code, headers in taken.items() if len(headers) > 1}
        if doubles:
            shown = "; ".join(f"{listing(headers, quote=True)} bij {code}" for code, headers in doubles.items())
            raise KlantDataError(f"Meer dan één kolom hoort bij hetzelfde item: {shown}. Houd per item één kolom "
                                 "over en verwijder of hernoem de andere.")
        return found, coded

    def _file(self, source, errors: str) -> pd.DataFrame:
        """One file read and checked: index the spreadsheet row, ``respondent_id`` (own id or blank), the items."""
        from klantlib.data import read_table

        frame = source.copy() if isinstance(source, pd.DataFrame) else read_table(source)
        name = frame.attrs.get("source") or "je tabel"
        matched, coded = self._match(frame.columns)
        headers = list(frame.columns)  # as the file has them, for the hint about everything in one column
        frame = frame.rename(columns=matched)
        missing = [code for code in self.codes if code not in frame.columns]
        if missing:
            hint = one_column_hint(headers)
            raise KlantDataError(self._missing_message(name, list(frame.columns), missing)
                                 + (f" {hint}" if hint else ""))
        own = next((c for c in frame.columns if column_key(c) in ID_COLUMNS and c not in matched.values()), None)
        if own is None:
            frame = frame.assign(respondent_id=pd.Series(pd.NA, index=frame.index, dtype="str"))
        else:
            frame = frame.rename(columns={own: "respondent_id"})
            frame["respondent_id"] = to_ids(frame["respondent_id"], column=own, source=name)
        frame = self._drop_question_rows(frame, name, [matched[h] for h in coded if matched[h] in self.codes])
        # The ids are checked (each once) under the file's own column name, so a message names it as the file has it.
        id_name = own or "respondent_id"
        checked = self.answers(frame.rename(columns={"respondent_id": id_name}), errors=errors, id_column=id_name)
        frame = frame.loc[checked.index]
        answered = checked.notna()
        nothing = ~answered.any(axis=1)
        if nothing.all():
            raise KlantDataError(f"In '{name}' is geen enkele {self.item_name} beantwoord. Vul de vragenlijst in en "
                                 "exporteer opnieuw.")
        why = f"deze respondent heeft geen enkele {self.item_name} beantwoord"
        if self.required:
            incomplete = ~answered.all(axis=1) & ~nothing
            if errors == "raise":
                self._require_complete(checked[incomplete], name)
            if incomplete.any():
                why = "deze respondent heeft niet elk item beantwoord"
            nothing |= incomplete
        kept = drop_invalid_rows(frame, nothing, why, source=name)
        values = checked.loc[kept.index]
        whole = values.astype("int64") if values.notna().all().all() else values.astype("Int64")
        out = kept.copy()
        out[self.codes] = whole  # the file's columns stay in their order; the items are now whole numbers
        out.attrs["source"] = name
        return out

    def _drop_question_rows(self, frame: pd.DataFrame, name: str, coded: list[str]) -> pd.DataFrame:
        """Leave out a row of question texts under a header of item codes (some exports write one), with a warning.

        Such a row is one of the first two under the header in which every item
        column headed by its code (``E1``, ``S01``) holds text that is no answer
        (no number and no word of the scale, :attr:`answer_words`), with at least
        four letters, and no two of these cells hold the same text: answers repeat
        a few words over the items, question texts differ per item. Where the
        headers are the questions themselves (Microsoft and Google Forms), the
        rows under them are answers, even in words the questionnaire doesn't know
        (those are named as wrong answers). When every row of the file would be
        question texts, none is left out, so that the wrong answers are named.
        """
        if not coded:
            return frame
        low, high = self.scale
        words = self.answer_words

        def is_question_row(cells: pd.Series) -> bool:
            if not all(isinstance(cell, str) and re.search(r"[^\W\d_]{4,}", cell) for cell in cells):
                return False
            answers, _ = to_answers(cells.astype("object"), scale=high, low=low, words=words)
            return bool(answers.isna().all()) and len({text_key(cell) for cell in cells}) == len(cells)

        is_text = np.zeros(len(frame), dtype=bool)
        for position in range(min(2, len(frame))):  # only directly under the header
            is_text[position] = is_question_row(frame[coded].iloc[position])
        if is_text.all():
            return frame
        return drop_invalid_rows(frame, is_text, "deze rij bevat vraagteksten, geen antwoorden", source=name)

    def _missing_message(self, name: str, found: list, missing: list[str]) -> str:
        """Why a file doesn't fit: items missing, or (nothing matched) which questionnaire it looks like."""
        if len(missing) < len(self.codes):
            return (f"In '{name}' ontbreken {len(missing)} van de {len(self.codes)} items van '{self.title}': "
                    f"{listing(missing, limit=8)}. Gevonden kolommen: {listing(found, limit=8, quote=True)}. Geef "
                    f"elk item een eigen kolom, met de code (zoals {self.codes[0]}) of de tekst van de vraag als "
                    "kolomnaam.")
        like = [other for other in Questionnaire.available() if other != self.name
                and set(_shipped(other).codes) <= set(_shipped(other).match_columns(found).values())]
        hint = (f" Het lijkt de vragenlijst '{_shipped(like[0]).title}' (Questionnaire.load('{like[0]}'))."
                if like else "")
        return (f"'{name}' hoort niet bij de vragenlijst '{self.title}': geen enkele kolom is een van haar items "
                f"({listing(self.codes, limit=4)}). Gevonden kolommen: {listing(found, limit=8, quote=True)}.{hint}")

    def read(self, source, *, errors: str = "raise") -> pd.DataFrame:
        """One student's or group's answers from a CSV or Excel file, an upload or a DataFrame, checked.

        The file is read with :func:`klantlib.data.read_table` (Dutch formats,
        semicolons, Excel); its headers are matched to the items by
        :meth:`match_columns`, so an export of Google or Microsoft Forms works as
        it is. Every answer goes through the course's answer rule; Likert words
        count as their number where the questionnaire gives them, also as forms
        word them ("Helemaal mee eens", "Strongly agree": :attr:`answer_words`).
        A row of question texts under a header of item codes is left out with a
        warning (the rule is in ``_drop_question_rows``); under a header of
        question texts (Microsoft and Google Forms) every row is answers.

        Args:
            source: a path, the file's content, an upload (see ``read_table``) or a
                DataFrame.
            errors: ``"raise"``: a wrong answer, a blank where every item must be
                answered, or an id that occurs twice is an error naming the file,
                the row as Excel shows it and the item; ``"warn"``: a wrong answer
                counts as blank, and a respondent who can't be scored is left
                out, with a warning that counts them.

        Returns:
            One row per respondent, index ``respondent``: the file's own id
            (a column ``respondent_id``, ``Respondent`` or ``Id``) by the id rule
            of :func:`~klantlib.parsing.to_ids` (whole numbers when every id is
            one), or, when a respondent has no id, text: the id, or ``rij <n>``,
            the row as Excel shows it. Then one whole-number column
            per item code (``Int64`` where blanks are allowed), the points columns,
            and the file's other columns as they were. ``attrs["source"]`` names
            the file. A respondent who answered nothing is left out with a warning.

        Raises:
            KlantDataError: the file can't be read, belongs to another
                questionnaire, misses items, has two columns for one item, has
                no answered row, or (with ``errors="raise"``) holds a wrong
                answer, a blank where every item must be answered, or an id twice.

        >>> import io
        >>> vals = Questionnaire.load("vals")
        >>> export = "Respondent ID;" + ";".join(vals.codes) + "\\nR7;" + ";".join(["4"] * 17) + ";Eens\\n"
        >>> vals.read(io.StringIO(export)).iloc[:, -3:]
                    S16  S17  S18
        respondent
        R7            4    4    4
        >>> vals.read(io.StringIO(export.replace("Eens", "9")))
        Traceback (most recent call last):
        ...
        klantlib.errors.KlantDataError: 1 ongeldig antwoord in 'je bestand': rij 2 (respondent R7), kolom 'S18': 9. Antwoorden moeten hele getallen van 1 tot en met 5 zijn (of de woorden 'helemaal oneens', 'oneens', 'neutraal', 'eens' of 'helemaal eens'); verbeter de waarde of maak de cel leeg. Het gaat om S18: stelling 'Ik voel me thuis in veel verschillende kringen.'.
        """
        errors = check_errors(errors)
        frame = self._file(source, errors)
        ids = frame.pop("respondent_id")
        if ids.notna().all():  # every respondent has an own id: kept by the id rule (whole numbers stay numbers)
            return frame.set_axis(pd.Index(ids, name="respondent"))
        index = [str(rid) if not pd.isna(rid) else f"rij {row}" for row, rid in zip(frame.index, ids)]
        return frame.set_axis(pd.Index(index, name="respondent", dtype="str"))

    def pool(self, sources) -> pd.DataFrame:
        """One survey from the exports of a whole class: a folder, a list of files, or an upload.

        Every file is read and checked as :meth:`read` does it. A file that
        belongs to another questionnaire, can't be read or holds a wrong answer
        is left out. A file or respondent handed in twice counts once: a file
        with the content or the answers (items and points) of an earlier file,
        and a respondent with the id and the answers of one in an earlier file
        (the rule is in :mod:`klantlib.pooling`). One
        :class:`~klantlib.errors.KlantDataWarning` names each file and respondent
        left out and why. Every respondent gets the id ``<file>/<id>`` (see
        :func:`klantlib.pooling.pool_files`).

        Args:
            sources: a folder (every CSV and Excel file in it and in its
                subfolders, as a learning environment's "download all" writes
                them; Excel's lock files ``~$...`` and other clutter are skipped
                quietly), a list of paths or ``(name, bytes)`` pairs, or the value
                of an ipywidgets ``FileUpload``.

        Returns:
            The class's answers, one row per respondent (index ``respondent``),
            with the columns ``respondent_id`` and ``bestand``, then the items as
            :meth:`read` gives them; ``attrs["bestanden"]``,
            ``attrs["overgeslagen"]`` and ``attrs["dubbel"]`` list the files used,
            the files left out and the respondents counted once.

        Raises:
            KlantDataError: no files (an empty folder or upload, or only Excel's
                lock files), or not one of them usable (each named, with why).

        >>> import warnings
        >>> rs = Questionnaire.load("relatiesterkte")
        >>> anna = b"attractiviteit,overstapkosten,vertrouwen,tevredenheid\\n6,2,7,6\\n"
        >>> with warnings.catch_warnings(record=True) as caught:
        ...     warnings.simplefilter("always")
        ...     klas = rs.pool([("anna.csv", anna), ("bram.csv", b"S01,S02\\n3,4\\n")])
        >>> klas[rs.codes]
                    attractiviteit  overstapkosten  vertrouwen  tevredenheid
        respondent
        anna                     6               2           7             6
        >>> print(caught[0].message)
        1 van de 2 bestanden is niet meegenomen in de vragenlijst 'Relatiesterkte: de vier drijfveren van Schijns' van de klas:
        - 'bram.csv': 'bram.csv' hoort niet bij de vragenlijst 'Relatiesterkte: de vier drijfveren van Schijns': geen enkele kolom is een van haar items (attractiviteit, overstapkosten, vertrouwen en tevredenheid). Gevonden kolommen: 'S01' en 'S02'.
        Samengevoegd: 1 bestand met samen 1 respondent.
        """
        from klantlib.pooling import pool_files

        return pool_files(sources, lambda source: self._file(source, "raise"), what=f"vragenlijst '{self.title}'",
                          answers=[*self.codes, *self.points_columns])

    # -- scoring and comparing --------------------------------------------------------------------

    def score(self, answers, *, errors: str = "raise") -> pd.DataFrame:
        """Per respondent: the mean answer per dimension (reversed items turned around), over the items answered.

        Args:
            answers: a survey or one respondent's answers (see :meth:`answers`).
            errors: ``"raise"`` or ``"warn"``.

        Returns:
            One column per dimension (see :attr:`dimensions`; NaN where none of its
            items was answered) and ``aantal_items``: on how many items the scores
            rest. The index of ``answers``.

        Raises:
            KlantDataError: as :meth:`answers`.

        >>> Questionnaire.load("martin").score({"tijdigheid": 2, "doorstroming": 4, "houding": 5})
           procedureel  persoonlijk  aantal_items
        0          3.0          5.0             3
        """
        values = self._turned(self.answers(answers, errors=errors))
        out = pd.DataFrame({label: values[codes].mean(axis=1) for label, codes in self.dimensions.items()},
                           index=values.index)
        out["aantal_items"] = values.notna().sum(axis=1)
        return out

    def own_profile(self, answers: Mapping, survey: pd.DataFrame | None = None) -> pd.DataFrame:
        """One respondent's scores per dimension beside a survey's: what the questionnaire widget draws.

        Args:
            answers: one respondent's answers (``{code: answer}``; unanswered
                items may be missing or None).
            survey: a survey to compare with (see :meth:`compare`), or None.

        Returns:
            One row per dimension (index ``dimensie``): ``jouw_score`` (NaN until an
            item of it is answered), ``items`` (how many of its items are answered),
            and with a survey ``enquete_gemiddelde``, ``enquete_ondergrens``,
            ``enquete_bovengrens`` (the 95% interval) and ``referentie``.
            ``attrs["beantwoord"]`` counts the items answered.

        Raises:
            KlantDataError: as :meth:`answers`.

        >>> Questionnaire.load("martin").own_profile({"tijdigheid": 4, "tact": 2})[["jouw_score", "items"]]
                     jouw_score  items
        dimensie
        procedureel         4.0      1
        persoonlijk         2.0      1
        """
        given = {code: value for code, value in answers.items() if value is not None}
        values = self._turned(self.answers(given))
        out = pd.DataFrame({"jouw_score": [values[codes].iloc[0].mean() for codes in self.dimensions.values()],
                            "items": [int(values[codes].iloc[0].notna().sum()) for codes in self.dimensions.values()]},
                           index=pd.Index(list(self.dimensions), name="dimensie"))
        out.attrs["beantwoord"] = int(values.notna().sum(axis=1).iloc[0])
        if survey is not None:
            reference = self.compare(survey, per="dimensie", errors="warn")
            out["enquete_gemiddelde"] = reference["gemiddelde"]
            out["enquete_ondergrens"] = reference["ondergrens"]
            out["enquete_bovengrens"] = reference["bovengrens"]
            out["referentie"] = reference["referentie"]
        return out

    def compare(self, answers, *, per: str = "item", confidence: float = 0.95, errors: str = "raise") -> pd.DataFrame:
        """Per item or per dimension: the mean with its 95% interval, beside the published reference.

        Per item, the mean is of the answers as given. Per dimension, it is the
        mean of the respondents' dimension scores (:meth:`score`), and the
        reference is the mean of the dimension's item references (reversed items
        turned around) when every item has one: a choice of this course, since
        sources publish means per item.

        Args:
            answers: a survey (see :meth:`answers`).
            per: ``"item"`` or ``"dimensie"``.
            confidence: the level of the interval (0.95: 95%), see
                :func:`klantlib.stats.mean_interval`.
            errors: ``"raise"`` or ``"warn"``.

        Returns:
            One row per item (index ``code``, with its ``dimensie``) or per
            dimension (index ``dimensie``), with ``gemiddelde``, ``ondergrens``,
            ``bovengrens`` (the t-interval), ``respondenten`` (the answers it
            rests on), ``referentie`` (NaN where none is published) and
            ``verschil`` (``gemiddelde - referentie``).

        Raises:
            KlantDataError: as :meth:`answers`, or ``per`` is neither.

        >>> q = Questionnaire.from_text('''
        ... [questionnaire]
        ... name = "mini"
        ... title = "Mini"
        ... source = "voorbeeld"
        ... scale = [1, 7]
        ... ends = ["helemaal oneens", "helemaal eens"]
        ... [[item]]
        ... code = "K1"
        ... text = "We kennen onze klanten."
        ... dimension = "kennis"
        ... reference = 4.5
        ... ''')
        >>> q.compare(pd.DataFrame({"K1": [4, 5, 6, 5]})).round(2).drop(columns="dimensie")
              gemiddelde  ondergrens  bovengrens  respondenten  referentie  verschil
        code
        K1           5.0         3.7         6.3             4         4.5       0.5
        """
        from klantlib.parsing import check_option
        from klantlib.stats import mean_interval

        check_option("per", per, ("item", "dimensie"))
        values = self.answers(answers, errors=errors)
        if per == "item":
            out = mean_interval(values, confidence=confidence).rename_axis("code")
            out.insert(0, "dimensie", self.items["dimensie"])
            out["referentie"] = self.items["referentie"]
        else:
            scores = self.score(values)
            out = mean_interval(scores[list(self.dimensions)], confidence=confidence).rename_axis("dimensie")
            low, high = self.scale
            reference = self.items["referentie"].where(~self.items["omgekeerd"], low + high - self.items["referentie"])
            out["referentie"] = [reference[codes].mean() if reference[codes].notna().all() else math.nan
                                 for codes in self.dimensions.values()]
        out["verschil"] = out["gemiddelde"] - out["referentie"]
        return out

    def reliability(self, answers, *, errors: str = "raise", low_alpha: float = 0.7) -> pd.DataFrame:
        """Per dimension: Cronbach's alpha, the number of items and of complete respondents, and a Dutch note.

        Alpha (:func:`klantlib.stats.cronbach_alpha`) says how consistently a
        dimension's items measure one thing, after reversed items are turned
        around; only respondents who answered every item of the dimension count.
        The note says when alpha can't exist (one item, too few respondents, no
        variation) or is below ``low_alpha``: 0.7 is a common rule of thumb
        (Nunnally, 1978), not a law, and a scale of two or three items often stays
        below it.

        Args:
            answers: a survey (see :meth:`answers`).
            errors: ``"raise"`` or ``"warn"``.
            low_alpha: below this, the note calls the reliability low.

        Returns:
            One row per dimension (index ``dimensie``): ``alfa``, ``items``,
            ``respondenten`` and ``opmerking`` (empty when there is nothing to say).

        Raises:
            KlantDataError: as :meth:`answers`.

        >>> rs = Questionnaire.load("relatiesterkte")
        >>> answers = pd.DataFrame({"attractiviteit": [6, 2, 5], "overstapkosten": [5, 3, 5],
        ...                         "vertrouwen": [7, 2, 4], "tevredenheid": [6, 1, 5]})
        >>> rs.reliability(answers)[["alfa", "items", "respondenten"]].round(3)
                         alfa  items  respondenten
        dimensie
        relatiesterkte  0.955      4             3
        """
        from klantlib.formatting import number
        from klantlib.stats import cronbach_alpha

        values = self._turned(self.answers(answers, errors=errors))
        rows = []
        for label, codes in self.dimensions.items():
            part = values[codes]
            complete = int(part.notna().all(axis=1).sum())
            alpha = cronbach_alpha(part)
            if len(codes) == 1:
                note = "Eén item: alfa bestaat niet, want de samenhang van één vraag is niet te meten."
            elif complete < 2:
                note = "Te weinig respondenten die elk item beantwoordden (minstens 2 nodig)."
            elif math.isnan(alpha):
                note = "De som van de antwoorden varieert niet (iedereen gaf hetzelfde), dus alfa bestaat niet."
            elif alpha < low_alpha:
                note = (f"Lage betrouwbaarheid: alfa {number(alpha, 2)} ligt onder {number(low_alpha, 2)}. De items "
                        "meten misschien niet hetzelfde: kijk of een item anders gelezen wordt of omgekeerd moet.")
            else:
                note = ""
            rows.append({"alfa": alpha, "items": len(codes), "respondenten": complete, "opmerking": note})
        return pd.DataFrame(rows, index=pd.Index(list(self.dimensions), name="dimensie"))


def _code_pattern(code: str) -> re.Pattern:
    """A header that starts with the code: ``E1``, ``e 01``, ``E-1.`` for ``E1``; ``Tijdigheid:`` for ``tijdigheid``."""
    parts = _CODE.fullmatch(code)
    if parts:
        letters, digits = parts.groups()
        return re.compile(rf"\s*{re.escape(letters)}\s*[-_.]?\s*0*{int(digits)}(?!\w)", re.IGNORECASE)
    return re.compile(rf"\s*{re.escape(code)}(?!\w)", re.IGNORECASE)


def _by_text(header: str, by_text: Mapping[str, list[str]]) -> str | None:
    """The item whose text the header is: the whole header, a Google grid's ``[...]``, after a number, or
    after a question's title and ``.``, ``:``, ``-`` or ``|`` (one item only, else None)."""
    key = _text_match_key(header)
    candidates = by_text.get(key)
    bracket = re.search(r"\[([^\]]+)\]\s*$", header)
    if candidates is None and bracket:
        candidates = by_text.get(_text_match_key(bracket.group(1)))
    if candidates is None:
        candidates = by_text.get(re.sub(r"^\d+\s*[.):-]\s*", "", key))
    if candidates is None:  # a question's title in front: "Hoe eens ben je het?.tekst", "Titel - tekst"
        candidates = [code for text, codes in by_text.items() for code in codes
                      if len(key) > len(text) and key.endswith(text)
                      and key[: -len(text)].rstrip()[-1:] in (".", ":", "-", "–", "|")]
    return candidates[0] if candidates and len(candidates) == 1 else None


_SHIPPED: dict[str, Questionnaire] = {}


def _shipped(name: str) -> Questionnaire:
    """A shipped questionnaire, read once per kernel."""
    if name not in _SHIPPED:
        from klantlib._resources import package_text

        _SHIPPED[name] = Questionnaire.from_text(package_text(f"questionnaires/{name}.toml"), origin=f"{name}.toml")
    return _SHIPPED[name]


def _build(data: dict, origin: str) -> Questionnaire:
    """Check the TOML's content and make the Questionnaire; every problem is a Dutch error naming the key."""
    def fail(text: str):
        raise KlantDataError(f"In '{origin}': {text} Vergelijk met een meegeleverde vragenlijst "
                             "(klantlib/questionnaires/relatiesterkte.toml).")

    head = data.get("questionnaire")
    if not isinstance(head, dict):
        fail("de tabel [questionnaire] ontbreekt (met name, title, source, scale en ends).")
    missing = [k for k in _HEAD_KEYS[:5] if k not in head]
    if missing:
        fail(f"in [questionnaire] ontbreekt {listing(missing, quote=True)}.")
    unknown = [k for k in head if k not in _HEAD_KEYS]
    if unknown:
        fail(f"[questionnaire] kent {listing(unknown, quote=True)} niet; wel {listing(_HEAD_KEYS, limit=None)}.")
    scale = head["scale"]
    if not (isinstance(scale, list) and len(scale) == 2 and all(type(v) is int for v in scale) and scale[0] < scale[1]):
        fail(f"scale moet twee hele getallen zijn, het laagste en het hoogste antwoord, zoals [1, 7]; niet {scale!r}.")
    ends = head["ends"]
    if not (isinstance(ends, list) and len(ends) == 2 and all(isinstance(v, str) and v.strip() for v in ends)):
        fail(f"ends moet twee teksten zijn, voor het laagste en het hoogste antwoord; niet {ends!r}.")
    words = head.get("words", [])
    count = scale[1] - scale[0] + 1
    if not isinstance(words, list) or (words and (len(words) != count or not all(isinstance(w, str) for w in words))):
        fail(f"words moet één tekst per antwoord hebben, van {scale[0]} tot en met {scale[1]}: {count} woorden.")
    if len({text_key(w) for w in words}) != len(words):
        fail("words bevat hetzelfde woord twee keer.")
    points = head.get("points")
    if points is not None and (type(points) not in (int, float) or points <= 0):
        fail(f"points moet een positief getal zijn (zoals 100), niet {points!r}.")
    required = head.get("required", True)
    if not isinstance(required, bool):
        fail(f"required moet true of false zijn, niet {required!r}.")
    titles = head.get("parts", {})
    if not isinstance(titles, dict) or not all(isinstance(t, str) and t.strip() for t in titles.values()):
        fail('parts moet per deel een titel geven, zoals parts = {verwachting = "Verwachtingen (E)"}.')
    entries = data.get("item")
    if not isinstance(entries, list) or not entries:
        fail("er staat geen enkel item in: zet onder [questionnaire] één [[item]] per vraag.")
    rows = []
    for k, entry in enumerate(entries, start=1):
        where = f"item {k}" + (f" ({entry['code']})" if str(entry.get("code", "")).strip() else "")
        absent = [key for key in _ITEM_KEYS[:3] if not str(entry.get(key, "")).strip()]
        if absent:
            fail(f"bij {where} ontbreekt {listing(absent, quote=True)}.")
        code = str(entry["code"]).strip()
        if not re.fullmatch(r"[A-Za-z]\w*", code):
            fail(f"de code van {where} moet met een letter beginnen en mag alleen letters, cijfers en _ bevatten "
                 "(het wordt een kolomnaam).")
        reference = entry.get("reference")
        if reference is not None and (type(reference) not in (int, float) or not scale[0] <= reference <= scale[1]):
            fail(f"de reference van {where} moet een getal op de schaal {scale[0]}-{scale[1]} zijn, niet {reference!r}.")
        reverse = entry.get("reverse", False)
        if not isinstance(reverse, bool):
            fail(f"reverse van {where} moet true of false zijn, niet {reverse!r}.")
        rows.append({"code": code, "tekst": " ".join(str(entry["text"]).split()),
                     "dimensie": str(entry["dimension"]).strip(),
                     "referentie": math.nan if reference is None else float(reference), "omgekeerd": reverse,
                     "deel": str(entry.get("part", "")).strip(),
                     **{key: value for key, value in entry.items() if key not in _ITEM_KEYS}})
    items = pd.DataFrame(rows).set_index("code")
    doubles = items.index[items.index.map(column_key).duplicated()]
    if len(doubles):
        fail(f"de code {listing(doubles, quote=True)} komt meer dan eens voor (hoofdletters tellen niet mee).")
    if items["deel"].eq("").any() and items["deel"].ne("").any():
        fail("geef elk item een part, of geen enkel item.")
    untitled = [part for part in dict.fromkeys(items["deel"]) if part and titles and part not in titles]
    if untitled:
        fail(f"parts geeft geen titel voor {listing(untitled, quote=True)}.")
    items["referentie"] = items["referentie"].astype("float64")
    items["omgekeerd"] = items["omgekeerd"].astype(bool)
    return Questionnaire(name=str(head["name"]).strip(), title=str(head["title"]).strip(),
                         source=str(head["source"]).strip(), scale=(scale[0], scale[1]),
                         ends=(ends[0].strip(), ends[1].strip()), items=items, words=tuple(words),
                         points=None if points is None else float(points), required=required,
                         item_name=str(head.get("item_name", "vraag")).strip() or "vraag",
                         part_titles={str(k): str(v).strip() for k, v in titles.items()})
