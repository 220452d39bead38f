"""Martin's Customer Service Assessment Scale: service on two dimensions, four styles (§2.2, opdracht 2.3).

The book (Meertens & Mulders, §2.2) names the Customer Service Assessment Scale
among the models for service quality and asks students to score a service
organisation with it (opdracht 2.3); the details below come from Martin
(*Managing Quality Customer Service*, 1986; *Quality Customer Service*, 1989).
Service has two dimensions:

- **procedural** (``procedureel``): the systems that deliver the service:
  timeliness, flow, accommodation, anticipation, communication, customer
  feedback and supervision;
- **convivial** (``persoonlijk``): the people who deliver it: attitude, body
  language, tone of voice, tact, naming the customer, attentiveness, guidance,
  suggestive selling and problem solving.

Low or high on each gives four styles (:data:`STYLES`): the freezer (low, low),
the factory (procedural high, convivial low), the friendly pollyanna
(procedural low, convivial high) and quality customer service (high, high).

Each aspect is rated by customers (the book's opdracht 2.3 asks students to
score an organisation *with its customers*) on a scale from 1 (poor) to
``scale`` (excellent, 5 by default). A customer's dimension score is the mean of
the aspects he rated (:meth:`klantlib.survey.Questionnaire.score`, the one rule
for every questionnaire of the course). **An organisation's score pools its
customers, each counting once**: the mean of its customers' dimension scores
(``martin_profile(ratings, by="organisatie")``), the rule SERVQUAL's summary
follows too; this is the course's choice, the book gives no rule. **Where
"high" begins is the course's choice too:** by default a dimension is high
when its mean lies *above* the middle of the scale (above 3 on a 1-5 scale), so
an organisation that is merely average on its systems does not count as having
them in order. Pass ``cut`` to choose another line.

>>> ratings = example_ratings()
>>> ratings.groupby("organisatie").size().to_dict()
{'webshop': 5, 'werkplaats': 6}
>>> profile = martin_profile(ratings, by="organisatie")
>>> profile[["procedureel", "persoonlijk", "stijl", "klanten"]].round(2)
             procedureel  persoonlijk                   stijl  klanten
organisatie
werkplaats          2.64          4.2  Vriendelijke pollyanna        6
webshop             4.14          2.6                 Fabriek        5
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from numbers import Real

import numpy as np
import pandas as pd

from klantlib.errors import KlantDataError
from klantlib.parsing import check_scale
from klantlib.survey import Questionnaire

__all__ = [
    "ASPECTS",
    "CONVIVIAL",
    "PROCEDURAL",
    "QUESTIONNAIRE",
    "STYLES",
    "example_ratings",
    "martin_profile",
    "service_style",
    "style_cut",
]

#: Martin's scale as data (``klantlib/questionnaires/martin.toml``): one question per aspect, rated 1 to 5.
QUESTIONNAIRE = Questionnaire.load("martin")
#: The procedural aspects (the systems), Dutch column names in Martin's order.
PROCEDURAL = tuple(QUESTIONNAIRE.dimensions["procedureel"])
#: The convivial aspects (the people), Dutch column names in Martin's order.
CONVIVIAL = tuple(QUESTIONNAIRE.dimensions["persoonlijk"])

#: The four styles by (procedural high, convivial high), Dutch labels (Martin's English in the comments).
STYLES = {
    (False, False): "Vriezer",  # the freezer
    (True, False): "Fabriek",  # the factory
    (False, True): "Vriendelijke pollyanna",  # the friendly pollyanna
    (True, True): "Kwaliteitsservice",  # quality customer service
}

#: Every aspect with its dimension and a Dutch question to rate it by (own wording after Martin).
ASPECTS = QUESTIONNAIRE.items[["dimensie", "tekst"]].rename(columns={"tekst": "vraag"}).rename_axis("aspect")


def style_cut(scale: int = 5, cut: float | None = None) -> float:
    """The line between low and high: ``cut`` when given, else the middle of a 1..``scale`` scale.

    Args:
        scale: the highest rating (5 on a 1-5 scale).
        cut: a line of your own, strictly between 1 and ``scale``.

    Returns:
        The cut as a float.

    Raises:
        KlantDataError: ``scale`` is not a whole number of at least 2, or ``cut`` is no number or
            lies outside the scale.

    >>> style_cut(), style_cut(7), style_cut(5, cut=3.5)
    (3.0, 4.0, 3.5)
    >>> style_cut(5, cut=6)
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: cut moet een getal tussen 1 en 5 zijn, niet 6.
    """
    scale = check_scale(scale)
    if cut is None:
        return (1 + scale) / 2
    if isinstance(cut, bool) or not isinstance(cut, Real) or math.isnan(cut) or not 1 < cut < scale:
        raise KlantDataError(f"cut moet een getal tussen 1 en {scale} zijn, niet {cut!r}.")
    return float(cut)


def service_style(procedural: float, convivial: float, *, scale: int = 5, cut: float | None = None) -> str:
    """Martin's style for one organisation from its two dimension scores.

    A dimension is high when its score lies above the cut (see :func:`style_cut`);
    a score exactly on the cut counts as low.

    Args:
        procedural: the mean rating of the procedural aspects (the systems), 1..``scale``.
        convivial: the mean rating of the convivial aspects (the people), 1..``scale``.
        scale: the highest rating.
        cut: where high begins (default: the middle of the scale).

    Returns:
        One of the labels in :data:`STYLES`.

    Raises:
        KlantDataError: a score that is no number or lies outside 1..``scale``, or a bad ``cut``.

    >>> service_style(4.2, 1.8)
    'Fabriek'
    >>> service_style(3.0, 3.0), service_style(3.1, 3.1)
    ('Vriezer', 'Kwaliteitsservice')
    >>> service_style(4, "veel")
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: De score voor persoonlijk moet een getal van 1 tot en met 5 zijn, niet 'veel'.
    """
    line = style_cut(scale, cut)
    high = []
    for name, value in (("procedureel", procedural), ("persoonlijk", convivial)):
        number = None
        if not isinstance(value, (bool, str)) and isinstance(value, (Real, np.number)):
            number = float(value)
        if number is None or math.isnan(number) or not 1 <= number <= scale:
            raise KlantDataError(f"De score voor {name} moet een getal van 1 tot en met {scale} zijn, niet {value!r}.")
        high.append(number > line)
    return STYLES[tuple(high)]


def martin_profile(ratings: pd.DataFrame, *, by: str | None = None, scale: int = 5, cut: float | None = None,
                   errors: str = "raise") -> pd.DataFrame:
    """Per rater (row), or per organisation pooling its raters: the procedural and convivial score and Martin's style.

    Args:
        ratings: one row per rater (a customer), a column per aspect in
            :data:`PROCEDURAL` and :data:`CONVIVIAL`, each a whole number from 1 to
            ``scale``; a blank counts as not rated. Other columns are ignored. One
            rater's ratings as a Series (a row of such a table) or a dict are a
            table of one row (named by the Series' name, else 0).
        by: the column that says which organisation a rater judged (for example
            ``"organisatie"``). Without it every row is scored on its own; with it
            each organisation gets one row, pooling its raters.
        scale: the highest rating (5 by default).
        cut: where high begins (default: the middle of the scale, see :func:`style_cut`).
        errors: ``"raise"``: a wrong rating is an error; ``"warn"``: it counts as
            not rated, with a warning.

    Returns:
        A DataFrame with the columns ``procedureel`` and ``persoonlijk``, ``stijl``
        (see :data:`STYLES`; ``None`` when a dimension has no rating) and:

        - without ``by``: the index of ``ratings``, each dimension the mean of the
          rater's aspects (:meth:`klantlib.survey.Questionnaire.score`), and
          ``aantal_aspecten`` (how many of the 16 aspects the rater rated);
        - with ``by``: one row per organisation (index named ``by``, in the order
          they first occur), each dimension the mean of its raters' dimension
          scores, so every customer counts once however many aspects he rated (the
          course's choice; the mean of all ratings would let a customer who rated
          more aspects weigh more), and ``klanten`` (how many raters it pools).

        ``attrs["cut"]`` and ``attrs["scale"]`` hold the cut and the scale used.

    Raises:
        KlantDataError: a missing aspect column (with the closest name found), a
            rating outside 1..``scale`` or not a whole number (with ``errors="raise"``),
            a table without rows, ratings that are no table, a bad ``cut`` or
            ``errors``, a ``by`` column that is missing, or a rater without an organisation.

    >>> bad = example_ratings()
    >>> bad.loc["klant 07", "tact"] = 6
    >>> martin_profile(bad)
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: 1 ongeldig antwoord: rij klant 07, kolom 'tact': 6. Antwoorden moeten hele getallen van 1 tot en met 5 zijn; verbeter de waarde of maak de cel leeg. Het gaat om tact: vraag 'Gaat de medewerker tactvol om met een lastige situatie of...'.
    """
    line = style_cut(scale, cut)
    # One rater's ratings become a table of one row, so its index is the rater, not the aspects.
    if isinstance(ratings, pd.Series):
        ratings = ratings.to_frame(name=0 if ratings.name is None else ratings.name).T
    elif isinstance(ratings, Mapping):
        ratings = pd.DataFrame([ratings])
    groups = None if by is None else _organisations(ratings, by)
    # The one rule for a dimension score, as for every questionnaire: the mean of the items answered.
    scores = QUESTIONNAIRE.with_scale(scale).score(ratings, errors=errors)
    out = scores[["procedureel", "persoonlijk"]].copy()
    if groups is None:
        out["aantal_aspecten"] = scores["aantal_items"]
    else:
        # Every customer counts once: the mean of the raters' dimension scores (NaN scores are skipped).
        pooled = out.groupby(groups, sort=False)
        out = pooled.mean()
        out["klanten"] = pooled.size()
        out.index.name = by
    rated = out[["procedureel", "persoonlijk"]].notna().all(axis=1)
    styles = [service_style(p, c, scale=scale, cut=line) if ok else None
              for p, c, ok in zip(out["procedureel"], out["persoonlijk"], rated)]
    out.insert(2, "stijl", pd.Series(styles, index=out.index, dtype=object))
    out.attrs["cut"] = line
    out.attrs["scale"] = scale
    return out


def _organisations(ratings: pd.DataFrame, by: str) -> pd.Series:
    """The column ``by`` of ``ratings``: which organisation each rater judged, every row filled in."""
    if not isinstance(by, str) or not isinstance(ratings, pd.DataFrame):
        raise KlantDataError(f"by moet de naam van een kolom zijn, zoals 'organisatie', niet {by!r}.")
    if by not in ratings.columns:
        raise KlantDataError(f"Er is geen kolom '{by}' die zegt welke organisatie elke klant beoordeelde. "
                             f"Kolommen: {', '.join(map(str, ratings.columns[:6]))}"
                             f"{' ...' if len(ratings.columns) > 6 else ''}.")
    column = ratings[by]
    blank = column.isna() | (column.astype(str).str.strip() == "")
    if blank.any():
        rows = ", ".join(map(str, ratings.index[blank][:5]))
        raise KlantDataError(f"Bij rij {rows} staat geen organisatie in de kolom '{by}': vul in welke "
                             "organisatie deze klant beoordeelde, of laat de rij weg.")
    return column


#: Invented ratings, one customer per row: the aspects in questionnaire order (7 procedural, then 9 convivial),
#: one digit per aspect, "." for an aspect the customer did not rate.
_EXAMPLE = {
    "klant 01": ("werkplaats", "3333232", "555444533"),
    "klant 02": ("werkplaats", "2423222", "555334533"),
    "klant 03": ("werkplaats", "2232233", "545454524"),
    "klant 04": ("werkplaats", "2322231", "555444533"),
    "klant 05": ("werkplaats", "4443434", "435544534"),
    "klant 06": ("werkplaats", "2422142", "545554534"),
    "klant 07": ("webshop", "5435444", "3.3322332"),
    "klant 08": ("webshop", "5443545", "4.2232332"),
    "klant 09": ("webshop", "4434454", "2.3312322"),
    "klant 10": ("webshop", "5435535", "3.3312433"),
    "klant 11": ("webshop", "5433544", "3.3422341"),
}


def example_ratings() -> pd.DataFrame:
    """Invented ratings (1-5) of Trapper's workshop and web shop, one row per customer.

    Six customers of the workshop and five of the web shop each rated the
    aspects (the column ``organisatie`` says which one they judged). The
    workshop's mechanics are friendly and helpful, but repairs run late and
    nobody calls ahead (one customer, whose repair was on time, rates the
    systems well); the web shop runs like clockwork, but impersonally, and its
    customers leave body language unrated: they never saw anyone.

    >>> example_ratings().shape
    (11, 17)
    >>> int(example_ratings()["lichaamstaal"].isna().sum())
    5
    """
    rows = {customer: [organisation, *(float(d) if d != "." else np.nan for d in procedural + convivial)]
            for customer, (organisation, procedural, convivial) in _EXAMPLE.items()}
    out = pd.DataFrame.from_dict(rows, orient="index", columns=["organisatie", *PROCEDURAL, *CONVIVIAL])
    out[list(PROCEDURAL + CONVIVIAL)] = out[list(PROCEDURAL + CONVIVIAL)].astype("Int64")
    return out.rename_axis("klant")
