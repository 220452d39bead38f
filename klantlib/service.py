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

Each aspect is rated on a scale from 1 (poor) to ``scale`` (excellent, 5 by
default); a dimension's score is the mean of its aspects. **Where "high"
begins is a choice, not Martin's number:** by default a dimension is high when
its mean lies *above* the middle of the scale (above 3 on a 1-5 scale), so an
organisation that is merely average on its systems does not count as having
them in order. Pass ``cut`` to choose another line.

>>> profile = martin_profile(example_ratings())
>>> profile[["procedureel", "persoonlijk", "stijl"]].round(2)
            procedureel  persoonlijk                   stijl
werkplaats         2.43         4.22  Vriendelijke pollyanna
webshop            4.14         2.56                 Fabriek
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


def martin_profile(ratings: pd.DataFrame, *, scale: int = 5, cut: float | None = None,
                   errors: str = "raise") -> pd.DataFrame:
    """Per organisation (row): the procedural and convivial score and Martin's style.

    Args:
        ratings: one row per organisation (or per rater), a column per aspect in
            :data:`PROCEDURAL` and :data:`CONVIVIAL`, each a whole number from 1 to
            ``scale``; a blank counts as not rated. Other columns are ignored. One
            organisation's ratings as a Series (a row of such a table) or a dict are
            a table of one row (named by the Series' name, else 0).
        scale: the highest rating (5 by default).
        cut: where high begins (default: the middle of the scale, see :func:`style_cut`).
        errors: ``"raise"``: a wrong rating is an error; ``"warn"``: it counts as
            not rated, with a warning.

    Returns:
        A DataFrame with the index of ``ratings`` and the columns ``procedureel``
        and ``persoonlijk`` (the mean rating per dimension, over the aspects rated),
        ``stijl`` (see :data:`STYLES`; ``None`` when a dimension has no rating) and
        ``aantal_aspecten`` (how many of the 16 aspects were rated). ``attrs["cut"]``
        and ``attrs["scale"]`` hold the cut and the scale used.

    Raises:
        KlantDataError: a missing aspect column (with the closest name found), a
            rating outside 1..``scale`` or not a whole number (with ``errors="raise"``),
            a table without rows, ratings that are no table, or a bad ``cut`` or ``errors``.

    >>> bad = example_ratings()
    >>> bad.loc["webshop", "tact"] = 6
    >>> martin_profile(bad)
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: 1 ongeldig antwoord: rij webshop, kolom 'tact': 6. Antwoorden moeten hele getallen van 1 tot en met 5 zijn; verbeter de waarde of maak de cel leeg. Het gaat om tact: vraag 'Gaat de medewerker tactvol om met een lastige situatie of...'.
    """
    line = style_cut(scale, cut)
    # One organisation's ratings become a table of one row, so its index is the organisation, not the aspects.
    if isinstance(ratings, pd.Series):
        ratings = ratings.to_frame(name=0 if ratings.name is None else ratings.name).T
    elif isinstance(ratings, Mapping):
        ratings = pd.DataFrame([ratings])
    values = QUESTIONNAIRE.with_scale(scale).answers(ratings, errors=errors)
    out = pd.DataFrame({
        "procedureel": values[list(PROCEDURAL)].mean(axis=1),
        "persoonlijk": values[list(CONVIVIAL)].mean(axis=1),
    }, index=ratings.index)
    rated = out.notna().all(axis=1)
    out["stijl"] = [service_style(p, c, scale=scale, cut=line) if ok else None
                    for p, c, ok in zip(out["procedureel"], out["persoonlijk"], rated)]
    out["aantal_aspecten"] = values.notna().sum(axis=1)
    out.attrs["cut"] = line
    out.attrs["scale"] = scale
    return out


def example_ratings() -> pd.DataFrame:
    """Made-up ratings (1-5) of Trapper's workshop and web shop by a panel of customers.

    The workshop's mechanics are friendly and helpful, but repairs run late and
    nobody calls ahead; the web shop runs like clockwork, but impersonally.

    >>> example_ratings().shape
    (2, 16)
    """
    rows = {
        "werkplaats": [2, 3, 3, 2, 2, 3, 2, 5, 4, 5, 4, 4, 4, 5, 3, 4],
        "webshop": [5, 4, 3, 4, 5, 4, 4, 3, 2, 3, 3, 2, 2, 3, 3, 2],
    }
    return pd.DataFrame.from_dict(rows, orient="index", columns=list(PROCEDURAL + CONVIVIAL))
