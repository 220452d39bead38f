"""Market segmentation by lifestyle: the VALS typology (Mitchell, 1983; Meertens & Mulders, §1.2.1).

VALS (*Values and Lifestyles*) sorts consumers by what they do, find important
and think, not by income or age. The book names three main categories
(*need-driven*, *outer-directed*, *inner-directed*) and nine types
(:data:`TYPES`, :data:`CATEGORIES`). The real VALS questionnaire belongs to its
owner and is not public; this course uses its own short questionnaire of 18
statements, two per type (:data:`STATEMENTS`, the shipped dataset
``leefstijl_stellingen``), answered on a scale of 1 (helemaal oneens) to 5
(helemaal eens).

- :func:`score_types`: per type the mean of its two statements (the course's
  own, transparent scoring rule).
- :func:`classify`: the type with the highest score, with the documented tie
  rule, and the scores that explain it.
- :func:`compare_with_population`: a sample's types against a population
  (the book's category shares or Mitchell's per-type shares,
  :data:`REFERENCES`), with a chi-square test and a plain Dutch reading.
- :func:`segment_profile`: how a demographic variable spreads over the types,
  with Cramér's V set beside what chance alone gives a table of that size
  (:func:`cramers_v_by_chance`).

The questionnaire is data (``klantlib/questionnaires/vals.toml``,
:data:`QUESTIONNAIRE`): reading, checking and pooling answers go through
:class:`klantlib.survey.Questionnaire`, so a wrong or missing answer gives the
Dutch error every questionnaire gives, naming the statement.

>>> uitslag = classify({**{item: 1 for item in ITEM_COLUMNS}, "S09": 5, "S10": 4})
>>> uitslag.type, uitslag.categorie, float(uitslag.scores["geslaagden"])
('geslaagden', 'outer-directed', 4.5)
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

import numpy as np
import pandas as pd

from klantlib._resources import package_toml
from klantlib.errors import KlantDataError, drop_invalid_rows, require_filled, require_rows
from klantlib.formatting import counted, listing
from klantlib.parsing import check_option, require_columns, text_key, to_numbers, value_error
from klantlib.survey import Questionnaire

__all__ = [
    "CATEGORIES",
    "ITEM_COLUMNS",
    "MITCHELL_PER_CATEGORY",
    "QUESTIONNAIRE",
    "REFERENCES",
    "SCALE",
    "SCALE_ENDS",
    "STATEMENTS",
    "TIE_ORDER",
    "TYPES",
    "Classification",
    "PopulationComparison",
    "Reference",
    "SegmentProfile",
    "classify",
    "chi_square",
    "compare_with_population",
    "cramers_v",
    "cramers_v_by_chance",
    "own_type",
    "pool_surveys",
    "read_survey",
    "score_types",
    "segment_profile",
]

#: The course's lifestyle questionnaire as data (``klantlib/questionnaires/vals.toml``): 18 statements,
#: two per type (the ``dimensie`` of a statement is its type), answered from 1 to 5.
QUESTIONNAIRE = Questionnaire.load("vals")
#: The highest answer: 1 (helemaal oneens) to 5 (helemaal eens).
SCALE = QUESTIONNAIRE.scale[1]
#: What the ends of the scale mean: 1 and :data:`SCALE`.
SCALE_ENDS = QUESTIONNAIRE.ends


def _load() -> dict:
    return package_toml("vals.toml")


_DATA = _load()

#: The book's three main categories (index ``categorie``): Dutch name, a short explanation and the
#: book's population share in percent (``aandeel_boek``: 15 / 77 / 8).
CATEGORIES = pd.DataFrame.from_dict(_DATA["categorieen"], orient="index").rename_axis("categorie")

#: The nine VALS types in the book's order (index ``type``, the Dutch name): English name, the
#: main category where the book places the type, a short Dutch description, and the share of
#: American adults in SRI's 1980 sample as cited from Mitchell (1983) in percent
#: (``aandeel_mitchell``; see :data:`REFERENCES` for the source).
TYPES = pd.DataFrame.from_dict(_DATA["typen"], orient="index").rename_axis("type")


#: Mitchell's per-type shares summed per main category, in percent (11 / 67 / 22), to set beside the
#: book's category shares (15 / 77 / 8): the two sources do not describe the same distribution.
MITCHELL_PER_CATEGORY = (TYPES.groupby("categorie", sort=False)["aandeel_mitchell"].sum()
                         .reindex(CATEGORIES.index).rename("aandeel_mitchell"))


class Reference(NamedTuple):
    """A population distribution to compare a sample with: its source and its shares in percent."""

    naam: str
    kort: str  # how a sentence names the source
    citaat: str
    niveau: str  # "categorie" or "type"
    aandelen: pd.Series  # percent, in the order of CATEGORIES or TYPES
    opmerking: str


def _reference(name: str, spec: Mapping) -> Reference:
    if spec["niveau"] == "categorie":
        shares = CATEGORIES["aandeel_boek"]
    else:
        shares = TYPES["aandeel_mitchell"]
    return Reference(name, spec["kort"], spec["citaat"], spec["niveau"], shares.astype(float).rename("aandeel"), spec["opmerking"])


#: The population figures by source: ``"boek"`` (the book's category shares) and ``"mitchell"``
#: (Mitchell's per-type shares). The two do not describe the same distribution: summed per category,
#: Mitchell's shares give 11 / 67 / 22, not the book's 15 / 77 / 8. Read-only.
REFERENCES: Mapping[str, Reference] = MappingProxyType(
    {name: _reference(name, spec) for name, spec in _DATA["bronnen"].items()})


def _read_statements() -> pd.DataFrame:
    """The statements from their one source, the questionnaire (``vals.toml``)."""
    table = QUESTIONNAIRE.items.rename(columns={"tekst": "stelling", "dimensie": "type"}).rename_axis("item")
    unknown = sorted(set(table["type"]) - set(TYPES.index))
    assert not unknown, f"vals.toml: unknown types {unknown}"
    assert (table["type"].value_counts() == 2).all() and len(table) == 18, "two statements per type"
    return table[["stelling", "type"]]


#: The course's 18 statements (index ``item``: S01 .. S18): the text and the type it points to.
#: Read from the questionnaire (``vals.toml``), the one place the texts live; the shipped dataset
#: ``leefstijl_stellingen`` is a copy for students who work with data files.
STATEMENTS = _read_statements()

#: The answer columns of a lifestyle survey, in order.
ITEM_COLUMNS = tuple(STATEMENTS.index)

#: The tie rule of :func:`classify`: when types share the highest score, the type that is most common
#: in the population wins (Mitchell's shares), and between equally common types the one that comes
#: first in the book's order. A choice of this course: a tie is then settled by the best guess.
TIE_ORDER = tuple(
    TYPES.assign(_positie=range(len(TYPES))).sort_values(["aandeel_mitchell", "_positie"],
                                                          ascending=[False, True]).index)

_TYPE_KEYS = {text_key(name): name for name in TYPES.index}


def _checked(answers, *, complete: bool = False) -> tuple[pd.DataFrame, bool]:
    """The answers as floats (blank = NaN) checked by the questionnaire, and whether they were one respondent's."""
    single = isinstance(answers, (Mapping, pd.Series))
    if not single and not isinstance(answers, pd.DataFrame):
        raise KlantDataError("Geef de antwoorden als woordenboek ({'S01': 4, 'S02': 2, ...}), als Series of als "
                             f"tabel met de kolommen S01 t/m S18, niet als {type(answers).__name__}.")
    return QUESTIONNAIRE.answers(answers, complete=complete), single


def score_types(answers) -> pd.DataFrame:
    """Per respondent and type: the mean of the answers on that type's two statements.

    The course's own scoring rule (the real VALS scoring is not public): a type
    scores high when someone agrees with both of its statements. A type whose
    statements are both unanswered has no score (NaN); with one answered, the score
    is that answer.

    Args:
        answers: one respondent's answers (``{"S01": 4, ...}``, or a Series such as
            a survey's row, whose other columns are ignored as in a survey), or a
            survey with the columns ``S01`` .. ``S18`` (one row per respondent).

    Returns:
        A DataFrame with one column per type (in the order of :data:`TYPES`) and
        the index of the survey (one row for a single respondent).

    Raises:
        KlantDataError: an answer that is no whole number from 1 to 5, naming the
            statement (and for a survey the row), an unknown statement, or a
            survey without respondents.

    >>> score_types({"S01": 5, "S02": 4, "S03": 2})[["overlevers", "zwoegers", "meelopers"]]
       overlevers  zwoegers  meelopers
    0         4.5       2.0        NaN
    """
    return QUESTIONNAIRE.score(answers)[list(TYPES.index)]


class Classification(NamedTuple):
    """One respondent's VALS type (see :func:`classify`)."""

    type: str
    categorie: str
    scores: pd.Series  # per type, in the order of TYPES
    gelijk: tuple[str, ...]  # the types that shared the highest score (one type: no tie)


def classify(answers):
    """The VALS type of one respondent or of every respondent in a survey, with the scores that explain it.

    The rule, a choice of this course (the real VALS questionnaire and its
    scoring are not public): per type the mean of its two statements
    (:func:`score_types`); the type with the highest mean wins. When types share
    the highest mean, the type that is most common in the population (Mitchell's
    shares) wins, and between equally common types the one first in the book's
    order (:data:`TIE_ORDER`). Every statement must be answered.

    Args:
        answers: one respondent's answers (``{"S01": 4, ..., "S18": 2}``, or a
            Series such as ``klas.iloc[0]``, whose other columns are ignored as in a
            survey), or a survey with the columns ``S01`` .. ``S18``.

    Returns:
        For one respondent a :class:`Classification` (``type``, ``categorie``,
        ``scores`` per type and ``gelijk``: the types that shared the highest
        score). For a survey a DataFrame with its index: the nine scores, ``type``,
        ``categorie`` and ``gelijke_stand`` (True where the tie rule decided).

    Raises:
        KlantDataError: an answer that is missing or no whole number from 1 to 5,
            naming the statement (and for a survey the row), an unknown statement,
            or a survey without respondents.

    >>> antwoorden = {item: 2 for item in ITEM_COLUMNS} | {"S05": 4, "S06": 4, "S13": 5, "S14": 3}
    >>> uitslag = classify(antwoorden)  # meelopers and experimentelen both score 4.0
    >>> uitslag.gelijk, uitslag.type
    (('meelopers', 'experimentelen'), 'meelopers')
    >>> classify({"S01": 6})
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: Ongeldig antwoord bij stelling S01 ('Ik koop alleen iets nieuws als het oude echt kapot is.'): 6. Antwoorden moeten hele getallen van 1 tot en met 5 zijn (1 = helemaal oneens, 5 = helemaal eens).
    """
    values, single = _checked(answers, complete=True)
    scores = score_types(values)
    matrix = scores.to_numpy()
    top = np.isclose(matrix, matrix.max(axis=1, keepdims=True))
    rank = np.array([TIE_ORDER.index(kind) for kind in scores.columns])
    winner = scores.columns[np.where(top, rank, len(rank)).argmin(axis=1)]
    categories = TYPES.loc[winner, "categorie"].to_numpy()
    if single:
        row = scores.iloc[0].rename("score")
        return Classification(winner[0], categories[0], row, tuple(scores.columns[top[0]]))
    out = scores.copy()
    out["type"] = winner.to_numpy()
    out["categorie"] = categories
    out["gelijke_stand"] = top.sum(axis=1) > 1
    return out


def own_type(answers: Mapping) -> tuple[pd.Series, str | None, str]:
    """One respondent's scores so far, the type (once every statement is answered) and a Dutch text: the widget's.

    ``answers`` maps ``S01`` .. ``S18`` to whole numbers from 1 to 5; unanswered
    statements may be missing or ``None``. The scores are
    :func:`klantlib.vals.score_types` (a type with no answered statement has none);
    the type is :func:`klantlib.vals.classify`, only when all 18 are answered.

    >>> scores, kind, text = own_type({"S09": 5, "S10": 5})
    >>> float(scores["geslaagden"]), kind, text
    (5.0, None, 'Nog 16 van de 18 stellingen te beantwoorden; dan zie je je type.')
    """
    given = {k: v for k, v in answers.items() if v is not None}
    scores = score_types(given).iloc[0]
    missing = len(ITEM_COLUMNS) - len(given)
    if missing:
        return scores, None, f"Nog {missing} van de {len(ITEM_COLUMNS)} stellingen te beantwoorden; dan zie je je type."
    from klantlib.formatting import number

    result = classify(given)
    kind = result.type
    category = result.categorie
    text = (f"Jouw type: <b>{kind}</b> ({TYPES.at[kind, 'engels']}), hoofdcategorie {category} "
            f"({CATEGORIES.at[category, 'nederlands']}): {TYPES.at[kind, 'beschrijving']}. "
            f"Score {number(result.scores[kind], 1)} van de {SCALE}.")
    if len(result.gelijk) > 1:
        others = listing([t for t in result.gelijk if t != kind], limit=None)
        text += (f" Gelijke stand met {others}: bij gelijke scores kiest deze cursus het type dat in de bevolking "
                 "het vaakst voorkomt.")
    return scores, kind, text


def read_survey(source) -> pd.DataFrame:
    """Read a lifestyle survey (or one student's export of the questionnaire) from a CSV or Excel file, checked.

    :meth:`klantlib.survey.Questionnaire.read` of :data:`QUESTIONNAIRE`: Dutch
    formats, semicolons, headers as online forms write them (the code or the
    statement), the words of the scale (``"eens"``, or as Microsoft Forms words it,
    ``"Mee eens"``), and what :func:`classify`
    needs: every statement answered with a whole number from 1 to 5, no
    respondent twice. Other columns (age, region ...) stay.

    Args:
        source: a path, the file's content, or an upload (see ``read_table``).

    Returns:
        One row per respondent (index ``respondent``: the file's own id, or
        ``rij <n>``, the row as Excel shows it).

    Raises:
        KlantDataError: the file can't be read, a statement is missing, or an answer
            is missing or wrong, naming the file, the row and the statement.

    >>> import io
    >>> export = ",".join(ITEM_COLUMNS) + "\\n" + "3," * 17 + "\\n"  # S18 left blank
    >>> read_survey(io.StringIO(export))
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: 1 leeg antwoord in 'je bestand': rij 2, stelling S18 ('Ik voel me thuis in veel verschillende kringen.'). Bij de vragenlijst 'Leefstijlvragenlijst (VALS)' moet elk item beantwoord zijn; vul de antwoorden aan of laat deze respondenten weg.
    """
    return QUESTIONNAIRE.read(source)


def pool_surveys(sources) -> pd.DataFrame:
    """One lifestyle survey from the questionnaire exports of a class, to compare the class with the population.

    :meth:`klantlib.survey.Questionnaire.pool` of :data:`QUESTIONNAIRE`: every
    file is read and checked as :func:`read_survey` does it (the widget's export,
    or a survey a group collected). A file that fails or can't be read is left
    out, and a file or respondent handed in twice (the same content, or the same
    answers, see :mod:`klantlib.pooling`) counts once; each is named, with the
    reason, in one :class:`~klantlib.errors.KlantDataWarning` (see
    :func:`klantlib.pooling.pool_files`, which also says how every respondent
    gets a unique id). The result works like the shipped survey:
    ``compare_with_population(classify(klas))``.

    Args:
        sources: the class's exports, in any form :func:`klantlib.pooling.pool_files`
            takes (a folder, with its subfolders, paths, ``(name, bytes)`` pairs, a
            ``FileUpload`` value).

    Returns:
        The class's survey, one row per respondent, as ``pool_files`` returns it:
        the statements ``S01`` .. ``S18`` of every respondent, all answered.

    Raises:
        KlantDataError: there are no files, or not one of them is usable.

    >>> answers = {item: 2 for item in ITEM_COLUMNS} | {"S09": 5, "S10": 5}
    >>> export = pd.DataFrame([answers]).to_csv(index=False).encode()
    >>> klas = pool_surveys([("anna.csv", export)])
    >>> classify(klas)[["type", "categorie"]]
                      type       categorie
    respondent
    anna        geslaagden  outer-directed
    """
    return QUESTIONNAIRE.pool(sources)


def _type_labels(types) -> pd.Series:
    """Type names as written in :data:`TYPES` (case, accents and spaces don't matter), or a Dutch error."""
    if isinstance(types, pd.DataFrame):
        require_columns(types, ["type"], fix="Geef de uitkomst van classify(enquete), of de kolom 'type' ervan.")
        types = types["type"]
    labels = pd.Series(types if isinstance(types, pd.Series) else list(types), dtype="object")
    if labels.isna().any():
        missing = int(labels.isna().sum())
        raise KlantDataError(f"{counted(missing, 'respondent')} {'heeft' if missing == 1 else 'hebben'} geen type. "
                             "Classificeer eerst "
                             "alle respondenten met classify(), of laat wie geen type heeft weg.")
    keys = labels.map(text_key)
    unknown = sorted(set(labels[~keys.isin(list(_TYPE_KEYS))].astype(str)))
    if unknown:
        close = difflib.get_close_matches(text_key(unknown[0]), list(_TYPE_KEYS), n=1)
        hint = f" Bedoel je '{_TYPE_KEYS[close[0]]}'?" if close else ""
        raise KlantDataError(f"Onbekend VALS-type: {listing(map(repr, unknown))}.{hint} De typen zijn: "
                             f"{listing(TYPES.index, limit=None)}.")
    return keys.map(_TYPE_KEYS)


class PopulationComparison(NamedTuple):
    """What :func:`compare_with_population` returns."""

    tabel: pd.DataFrame
    chi2: float
    p: float
    vrijheidsgraden: int
    conclusie: str  # a plain Dutch reading; with a warning: the warning first, and no conclusion drawn
    waarschuwing: str  # "" or: which expected counts are below 5
    bron: str


#: Below this expected count the chi-square test is not trusted (the usual rule of thumb).
MIN_EXPECTED = 5


def _p_text(p: float) -> str:
    from klantlib.formatting import number

    return "p < 0,001" if p < 0.001 else f"p = {number(p, 3)}"


def chi_square(observed, expected) -> float:
    """The chi-square statistic: the sum over the cells of (observed - expected)² / expected.

    It is small when the counts are close to what was expected and grows with every
    difference, relative to the size of the cell. ``observed`` and ``expected`` are
    counts of the same shape (lists, Series or tables); the same figure as
    ``scipy.stats.chisquare`` and ``scipy.stats.chi2_contingency`` compute (a test
    checks it), written out here so the course's kernel needs no ``scipy.stats``.

    >>> chi_square([10, 90, 0], [15, 77, 8])
    11.861471861471863
    """
    observed = np.asarray(observed, dtype=float)
    expected = np.asarray(expected, dtype=float)
    return float(((observed - expected) ** 2 / expected).sum())


def _chi_square_p(statistic: float, degrees: int) -> float:
    """The chance of a chi-square statistic at least this large by chance alone (upper tail)."""
    from klantlib.stats import chi_square_tail

    return chi_square_tail(statistic, degrees)


def cramers_v(counts: pd.DataFrame) -> float:
    """Cramér's V of a crosstab: sqrt(chi² / (n · (min(rows, columns) - 1))), from 0 (no relation) to 1.

    The expected count of a cell is its row total times its column total divided by
    n: what the table would hold if the rows said nothing about the columns. Rows and
    columns must have a total above zero. The same as
    ``scipy.stats.contingency.association(counts, method="cramer")`` (a test checks it).

    >>> cramers_v(pd.DataFrame([[10, 0], [0, 10]]))
    1.0
    """
    observed = np.asarray(counts, dtype=float)
    n = observed.sum()
    return float(np.sqrt(chi_square(observed, _expected_counts(observed)) / (n * (min(observed.shape) - 1))))


def _expected_counts(observed: np.ndarray) -> np.ndarray:
    """Per cell of a crosstab: row total x column total / n, what it would hold if rows said nothing about columns."""
    return np.outer(observed.sum(axis=1), observed.sum(axis=0)) / observed.sum()


def cramers_v_by_chance(rows: int, columns: int, n: int, *, alpha: float = 0.05) -> float:
    """How high Cramér's V gets by chance alone: the value it stays below in 1 − ``alpha`` of samples.

    Also when a variable says nothing about the type, a sample's V is above 0, and
    the more cells a table has for the same number of respondents, the higher:
    (rows − 1)(columns − 1) degrees of freedom spread over n respondents. This is the
    V at which the chi-square test of independence gives p = ``alpha``: a V above it
    is more than chance usually gives (the same reading as that test, in V's terms).
    It rests on the chi-square distribution, as the test does; a simulation that
    shuffles the types over the respondents gives the same bound for notebook 03's
    tables (a test checks it).

    Args:
        rows, columns: the number of groups and of types in the crosstab (each at least 2).
        n: the number of respondents in it.
        alpha: the share of samples in which chance alone goes above the bound (0.05).

    Returns:
        The bound, a number between 0 and 1 (or above 1 for a tiny n, where V says nothing).

    Raises:
        KlantDataError: fewer than 2 groups or types, no respondents, or an ``alpha`` not between 0 and 1.

    >>> round(cramers_v_by_chance(4, 9, 500), 3), round(cramers_v_by_chance(12, 9, 500), 3)
    (0.156, 0.167)
    """
    from klantlib.stats import chi_square_tail_inverse

    if min(rows, columns) < 2:
        size = f"{counted(rows, 'rij', 'rijen')} en {counted(columns, 'kolom', 'kolommen')}"
        raise KlantDataError(f"Een kruistabel met {size} zegt niets over samenhang: "
                             "Cramér's V vraagt minstens 2 groepen en 2 typen.")
    if n < 1:
        raise KlantDataError("De selectie is leeg: zonder respondenten is er geen Cramér's V, ook niet door toeval. "
                             "Kies een ruimer filter.")
    if not 0 < alpha < 1:
        raise KlantDataError(f"alpha is een kans tussen 0 en 1 (zoals 0.05), niet {alpha!r}.")

    degrees = (rows - 1) * (columns - 1)
    return float(np.sqrt(chi_square_tail_inverse(alpha, degrees) / (n * (min(rows, columns) - 1))))


def compare_with_population(types, *, reference: str = "boek", alpha: float = 0.05) -> PopulationComparison:
    """Compare the types in a sample with a population: counts, shares and a chi-square test.

    Args:
        types: the type of each respondent (a Series or list of type names, or the
            result of :func:`classify` on a survey).
        reference: ``"boek"``: the three categories with the book's shares
            (15 / 77 / 8 %); ``"mitchell"``: the nine types with Mitchell's (1983)
            shares. See :data:`REFERENCES`. Shares that don't add up to exactly 100
            (a citation rounded to 99 or 101) are scaled to 100, each share divided
            by their sum; both shipped sources add up to exactly 100.
        alpha: the significance level of the plain reading (0.05, a common choice).

    Returns:
        A :class:`PopulationComparison`: ``tabel`` with per category (or type)
        ``aantal`` (observed count), ``aandeel`` (observed share),
        ``verwacht_aandeel``, ``verschil`` (share minus expected share, fractions)
        and ``verwacht_aantal``; ``chi2``, ``p`` and ``vrijheidsgraden`` of
        :func:`scipy.stats.chisquare` on the whole distribution; ``conclusie``, a
        plain Dutch reading; ``waarschuwing`` when an expected count is below 5
        (naming which); ``bron``. With a warning the reading starts with it and
        draws no conclusion about chance or the population (the test can't be
        trusted either way); it still names the largest difference, as a
        description of the sample only.

    Raises:
        KlantDataError: an unknown type name, a respondent without a type, no
            respondents, or an unknown ``reference``.

    >>> uitkomst = compare_with_population(["geslaagden"] * 60 + ["meelopers"] * 30 + ["zwoegers"] * 10)
    >>> uitkomst.tabel[["aantal", "verwacht_aantal"]]
                    aantal  verwacht_aantal
    categorie
    need-driven         10             15.0
    outer-directed      90             77.0
    inner-directed       0              8.0
    >>> round(uitkomst.chi2, 3), uitkomst.vrijheidsgraden
    (11.861, 2)
    """
    from klantlib.formatting import number, percent

    check_option("reference", reference, tuple(REFERENCES))
    ref = REFERENCES[reference]
    labels = _type_labels(types)
    require_rows(labels, name="de typen", row="respondent", consequence="valt er niets te vergelijken met de bevolking")
    if ref.niveau == "categorie":
        labels = labels.map(TYPES["categorie"])
    observed = labels.value_counts().reindex(ref.aandelen.index, fill_value=0).astype("int64")
    n = int(observed.sum())
    expected_share = ref.aandelen / ref.aandelen.sum()  # scaled to 100% (a no-op for a set that adds up)
    expected = n * expected_share
    statistic = chi_square(observed, expected)
    p = _chi_square_p(statistic, len(observed) - 1)
    table = pd.DataFrame({
        "aantal": observed,
        "aandeel": observed / n,
        "verwacht_aandeel": expected_share,
        "verschil": observed / n - expected_share,
        "verwacht_aantal": expected,
    }).rename_axis(ref.niveau)
    small = expected[expected < MIN_EXPECTED]
    warning = ""
    if len(small):
        parts = [f"{label} ({number(value, 1)})" for label, value in small.items()]
        which = listing(parts, limit=None)
        warning = (f"Let op: bij {which} verwacht je minder dan {MIN_EXPECTED} respondenten. Dan is de "
                   "chi-kwadraattoets niet betrouwbaar: neem een grotere steekproef of voeg kleine groepen samen.")
    biggest = table["verschil"].abs().idxmax()
    row = table.loc[biggest]
    degrees = len(observed) - 1
    test = f"chi-kwadraat = {number(statistic, 1)} bij {degrees} vrijheidsgraden, {_p_text(p)}"
    largest = (f"Het grootste verschil zit bij {biggest}: {percent(row['aandeel'])} in de steekproef tegenover "
               f"{percent(row['verwacht_aandeel'])} verwacht")
    if warning:
        # Too few expected respondents: p can't be trusted either way, so the reading draws no conclusion.
        reading = (f"{warning} De toets geeft {test}, maar met zo weinig verwachte respondenten zegt die p niet of "
                   f"het verschil door toeval kan ontstaan. Een conclusie over de bevolking volgens {ref.kort} "
                   f"trek je met deze steekproef dus niet. {largest}; of dat meer is dan toeval, kan deze "
                   "steekproef niet zeggen.")
    elif p < alpha:
        seldom = "bijna nooit" if p < 0.001 else "zelden"
        reading = (f"De steekproef wijkt af van de bevolking volgens {ref.kort}: {test}. Zo'n groot verschil "
                   f"ontstaat {seldom} door toeval; deze respondenten zijn geen afspiegeling van die bevolking. "
                   f"{largest}.")
    else:
        reading = (f"De steekproef wijkt niet aantoonbaar af van de bevolking volgens {ref.kort}: {test}. De "
                   f"verschillen zijn klein genoeg om door toeval te kunnen ontstaan. {largest}.")
    return PopulationComparison(table, float(statistic), float(p), degrees, reading, warning, ref.citaat)


class SegmentProfile(NamedTuple):
    """What :func:`segment_profile` returns."""

    aantallen: pd.DataFrame  # groups x types: counts
    aandelen: pd.DataFrame  # groups x types: share of each type within the group (rows add up to 1)
    cramers_v: float  # 0 = the variable says nothing about the type, 1 = it decides the type
    v_toeval: float  # the V chance alone stays below in 95 of 100 samples of this table's size (NaN: no table)
    conclusie: str  # a plain Dutch reading: V beside v_toeval


#: Below this Cramér's V a relation counts as weak (a common rule of thumb, the course's choice).
WEAK_V = 0.2


def _profile_reading(by: str, used: pd.DataFrame, v: float, bound: float) -> str:
    """The plain Dutch reading of a crosstab's Cramér's V: beside what chance gives a table of its size."""
    from klantlib.formatting import number

    rows, columns = used.shape
    if min(rows, columns) < 2:
        what = "één groep" if rows < 2 else "één type"
        return f"Cramér's V voor {by} is 0: er is maar {what}, dus er valt geen samenhang te meten."
    n = int(used.to_numpy().sum())
    small = int((_expected_counts(used.to_numpy(dtype=float)) < MIN_EXPECTED).sum())
    sparse = (f" (in {small} van de {rows * columns} vakjes verwacht je minder dan {MIN_EXPECTED} respondenten)"
              if small else "")
    text = (f"Cramér's V voor {by} is {number(v, 2)}. Als {by} niets over het type zei, bleef V door toeval alleen "
            f"in 95 van de 100 steekproeven onder {number(bound, 2)}: zo hoog kan toeval V duwen in een tabel van "
            f"{rows} groepen × {columns} typen met {number(n)} respondenten{sparse}. ")
    if v <= bound:
        return text + f"Deze V kan dus door toeval ontstaan: {by} voorspelt het type niet aantoonbaar."
    weak = f", maar zwak (V onder {number(WEAK_V, 1)})" if v < WEAK_V else ""
    return text + f"Deze V ligt erboven: {by} hangt samen met het type{weak}."


def _blank(values: pd.Series) -> pd.Series:
    """Where nothing was filled in: missing, or text of only spaces."""
    return values.isna() | values.astype("str").str.strip().eq("")


def _bin_labels(bins) -> tuple[list[float], list[str]]:
    """The edges of ``bins`` as numbers (rising), and a label per group: ``"18-34"``, the last open one ``"65+"``."""
    try:
        edges = [float(edge) for edge in bins]
    except (TypeError, ValueError):
        edges = []
    if len(edges) < 2 or any(np.isnan(edges)) or any(lo >= hi for lo, hi in zip(edges[:-1], edges[1:])):
        raise KlantDataError(f"bins moet een rij oplopende getallen zijn (de grenzen van de groepen), zoals "
                             f"[18, 35, 50, 65, 100]; niet {bins!r}.")
    finite = [edge for edge in edges if np.isfinite(edge)]
    if all(edge % 1 == 0 for edge in finite):  # whole numbers (ages): the last value a group holds, "18-34"
        labels = [f"{lo:g}-{hi - 1:g}" if np.isfinite(hi) else f"{lo:g}+" for lo, hi in zip(edges[:-1], edges[1:])]
    else:  # decimals: hi - 1 is not the last value of the group, so say where it stops, "2,5 tot 5"
        labels = [(f"{lo:g} tot {hi:g}" if np.isfinite(hi) else f"{lo:g}+").replace(".", ",")
                  for lo, hi in zip(edges[:-1], edges[1:])]
    return edges, labels


def _groups(values: pd.Series, bins, *, source: str | None) -> pd.Series:
    """The group of every respondent: the value itself, or with ``bins`` the group its number falls in."""
    column = values.name
    if bins is None:
        if pd.api.types.is_numeric_dtype(values) and values.nunique() > 12:
            raise KlantDataError(f"'{column}' heeft {values.nunique()} verschillende waarden: te veel voor een "
                                 "kruistabel. Maak groepen met bins, bijvoorbeeld bins=[18, 35, 50, 65, 100].")
        if pd.api.types.is_numeric_dtype(values) or isinstance(values.dtype, pd.CategoricalDtype):
            return values
        # Text: surrounding spaces don't make another group, and a cell of only spaces is blank.
        text = values.astype("object").where(values.isna(), values.astype("str").str.strip())
        return text.where(~_blank(values))
    edges, labels = _bin_labels(bins)
    # Bins need numbers: read the column by the number rule (" 42 " is 42, "42,0" too). Text that is no number
    # ("65+", "18-24": a group already) can't be put in a bin: a Dutch error naming the rows, never a guess.
    numbers = to_numbers(values, errors="coerce", column=column, source=source)
    text = numbers.isna() & ~_blank(values)
    if text.any():
        raise value_error(values, text.to_numpy(), what="geen getal", column=column, source=source,
                          fix=f"Met bins deelt segment_profile getallen in groepen. Schrijf in '{column}' alleen "
                          "getallen (42), of laat bins weg als de kolom al groepen bevat (zoals '18-24' of '65+').")
    return pd.cut(numbers, edges, right=False, labels=labels)


def segment_profile(survey: pd.DataFrame, by: str, *, bins=None) -> SegmentProfile:
    """How a demographic (or other) variable spreads over the VALS types: a crosstab and Cramér's V.

    If the variable predicted lifestyle, each group would have its own types
    (Cramér's V near 1); if it hardly does, every group shows much the same mix
    (V near 0).

    Args:
        survey: one row per respondent, with the column ``type`` (from
            :func:`classify`) and the column ``by``.
        by: the variable, e.g. ``"leeftijd"`` or ``"provincie"``.
        bins: edges of groups for a numeric variable (``[18, 35, 50, 65, 100]``
            gives 18-34, 35-49, 50-64, 65-99; each group includes its lower
            edge; an infinite last edge gives ``"65+"``; edges with decimals
            give ``"2,5 tot 5"``); needed when it has more than 12 different values.

    Returns:
        A :class:`SegmentProfile`: ``aantallen`` and ``aandelen`` (groups as
        rows, the nine types as columns; ``aandelen`` per row), ``cramers_v``,
        ``v_toeval`` (:func:`cramers_v_by_chance` for this table: a V at or below
        it can come from chance alone, and the more groups for the same
        respondents, the higher it is) and ``conclusie``, a plain Dutch reading
        of V beside ``v_toeval`` that names the cells with fewer than 5 expected
        respondents (a V above the bound but below 0.2 reads as weak).

    Raises:
        KlantDataError: a missing column, an unknown type, a numeric variable
            with many values and no ``bins``, ``bins`` that are no rising
            numbers, with ``bins`` a value that is no number (``"65+"``, naming
            the column and the rows; ``" 42 "`` and ``"42,0"`` are read by
            :func:`klantlib.parsing.to_numbers`); a survey without respondents
            (a filter that left nothing: "De selectie is leeg ..."), or a
            variable that is blank (or outside the bins) for every respondent.

    Respondents whose value falls outside the bins or is blank (a cell of
    only spaces too) are left out, with a
    :class:`~klantlib.errors.KlantDataWarning` that counts them. Without bins a
    text value is its own group, surrounding spaces ignored.

    >>> df = pd.DataFrame({"type": ["meelopers", "geslaagden"] * 4, "regio": ["noord"] * 4 + ["zuid"] * 4})
    >>> profiel = segment_profile(df, "regio")
    >>> profiel.aandelen[["meelopers", "geslaagden"]]
    type   meelopers  geslaagden
    regio
    noord        0.5         0.5
    zuid         0.5         0.5
    >>> profiel.cramers_v
    0.0
    >>> print(profiel.conclusie)
    Cramér's V voor regio is 0,00. Als regio niets over het type zei, bleef V door toeval alleen in 95 van de 100 steekproeven onder 0,69: zo hoog kan toeval V duwen in een tabel van 2 groepen × 2 typen met 8 respondenten (in 4 van de 4 vakjes verwacht je minder dan 5 respondenten). Deze V kan dus door toeval ontstaan: regio voorspelt het type niet aantoonbaar.
    """
    require_columns(survey, [by])
    require_columns(survey, ["type"], fix="Voeg eerst de typen toe: enquete.join(classify(enquete)).")
    source = survey.attrs.get("source")
    require_rows(survey, name="de enquête", row="respondent", consequence=f"valt er niets te verdelen over '{by}'",
                 filters=[by, "type"])
    types = _type_labels(survey["type"].reset_index(drop=True)).set_axis(survey.index)
    groups = _groups(survey[by], bins, source=source)
    frame = pd.DataFrame({by: groups, "type": types})
    unusable = f"geen (bruikbare) waarde in '{by}'" + (" of een waarde buiten de bins" if bins is not None else "")
    # Nobody left: not a warning about some rows, but a column to fill in (or bins to widen).
    if bins is None:
        require_filled(frame[by], column=by, name="de enquête", source=source, row="respondent", what="een waarde",
                       consequence="valt er niets te verdelen", fix="Vul de kolom in, of kies een andere kolom.")
    elif frame[by].isna().all():
        raise KlantDataError(f"In de kolom '{by}' staat bij geen van de {len(frame)} respondenten een getal binnen de "
                             f"bins {list(bins)!r}: er valt niets te verdelen. Vul de kolom in, of kies bins die de "
                             "waarden omvatten.")
    frame = drop_invalid_rows(frame, frame[by].isna(), unusable)
    counts = pd.crosstab(frame[by], pd.Categorical(frame["type"], categories=list(TYPES.index)), dropna=False)
    counts.columns = pd.Index(list(counts.columns), name="type")
    if isinstance(frame[by].dtype, pd.CategoricalDtype):
        counts = counts.reindex(list(frame[by].cat.categories), fill_value=0)
    counts = counts[counts.sum(axis=1) > 0]
    shares = counts.div(counts.sum(axis=1), axis=0)
    used = counts.loc[:, counts.sum(axis=0) > 0]
    v = round(cramers_v(used), 12) if min(used.shape) > 1 else 0.0
    bound = cramers_v_by_chance(*used.shape, int(used.to_numpy().sum())) if min(used.shape) > 1 else float("nan")
    return SegmentProfile(counts, shares, v, bound, _profile_reading(by, used, v, bound))
