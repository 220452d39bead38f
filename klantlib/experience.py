"""Customer experience: touchpoints, the journey map, walls between departments and customer relevancy (notebook 09).

The course's practitioner's book on customer experience says customers gain their
experiences at touchpoints, that departments each optimise their own piece while
nobody owns what the customer goes through (the walls), and that a customer
journey walks through the touchpoints step by step. Crawford & Mathews (2001)
add the customer relevancy model: five attributes, and an organisation should
dominate on one, differentiate on a second and be at market level on the rest.

- :func:`touchpoint_questionnaire`: the ratings per touchpoint (a report mark,
  1-10; blank = not used), a :class:`~klantlib.survey.Questionnaire` with the
  steps of the journey as its parts;
- :func:`owners` and :func:`walls` (+ :func:`walls_reading`): who owns each
  touchpoint, and the touchpoints nobody owns or more than one department owns;
- :func:`journey_map`, :func:`pain_points` and :func:`map_reading`: per step and
  touchpoint the customers, their mean mark with its interval, the owner and the
  pain points;
- :func:`relevancy_check`: does a profile follow Crawford & Mathews' rule, and
  what breaks it; :func:`relevancy_levels` the levels;
- :func:`customer_relevancy`, :func:`compare_relevancy` and
  :func:`relevancy_reading`: how customers place the organisation, against its own
  profile; :func:`attribute_weights` and :func:`myth_reading`: what weighs most
  for customers (the 100 points), against the myth that only product and price count.

**Choices of the course**, not of the sources:

- the questionnaires (``klantbeleving``, ``relevantie``, ``relevantieprofiel``)
  and the report mark;
- **the pain-point rule** (:data:`PAIN_RULE`): a touchpoint is a pain point when
  the upper bound of its 95% interval lies below the journey's mean mark (the
  mean of all marks given, each mark once) *and* at least as many customers used
  it as the median touchpoint (over the touchpoints that somebody used). Its
  impact is its customers × (journey mean − its mean): how many customers, how
  far below. So a low mark from a handful of customers is no pain point, and a
  touchpoint with a mean near the journey's is none either;
- a touchpoint with no department as owner, or with more than one, is a wall;
- the customers' level of an attribute is their mean rounded half up (3,5 is 4);
- :func:`myth_reading`'s threshold (:data:`MYTH_SHARE`).

>>> ATTRIBUTES
('prijs', 'product', 'toegang', 'service', 'beleving')
>>> check = relevancy_check({"prijs": 3, "product": 5, "toegang": 3, "service": 4, "beleving": 3})
>>> bool(check)
True
>>> bool(relevancy_check({"prijs": 5, "product": 5, "toegang": 3, "service": 4, "beleving": 3}))
False
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from klantlib.errors import KlantDataError, describe_rows, require_rows, warn
from klantlib.formatting import counted, listing, number, percent
from klantlib.parsing import require_columns, text_key, to_answers
from klantlib.stats import CONFIDENCE, mean_interval
from klantlib.survey import Questionnaire, check_points

__all__ = ["ATTRIBUTES", "FEW_CUSTOMERS", "LEVEL_NAMES", "MYTH_SHARE", "PAIN_RULE", "RelevancyCheck", "attribute_weights",
           "compare_relevancy", "customer_relevancy", "journey_map", "map_reading", "myth_reading", "own_ratings", "owners",
           "pain_points", "profile_levels", "profile_questionnaire", "profile_reading", "ratings_reading", "relevancy_check", "relevancy_levels", "relevancy_questionnaire",
           "relevancy_reading", "touchpoint_questionnaire", "walls", "walls_reading"]

#: Crawford & Mathews' five attributes, in their order, in the course's Dutch.
ATTRIBUTES = ("prijs", "product", "toegang", "service", "beleving")
#: The names of the levels: 5, 4 and 3 are Crawford & Mathews'; 1 and 2 are only "below market level" there.
LEVEL_NAMES = {5: "domineren", 4: "onderscheiden", 3: "marktniveau", 2: "onder marktniveau",
               1: "ver onder marktniveau"}
#: The course's pain-point rule in one Dutch sentence (the module docstring gives the reasons).
PAIN_RULE = ("Een contactmoment is een pijnpunt als de bovengrens van het 95%-interval van zijn gemiddelde cijfer "
             "onder het gemiddelde van de hele reis ligt, en minstens zoveel klanten het gebruikten als de mediaan "
             "over de gebruikte contactmomenten. Impact = klanten × (reisgemiddelde − gemiddelde): het tekort, "
             "opgeteld over alle klanten.")
#: A pain point or a figure that rests on fewer customers than this gets a caution in :func:`map_reading`
#: (the course's rule of thumb).
FEW_CUSTOMERS = 30
#: :func:`myth_reading`: below this share of customers for whom neither price nor product weighs most, the myth holds.
MYTH_SHARE = 0.10
#: The attributes the myth names.
_MYTH = ("prijs", "product")
#: An owner that may be two departments written as one ("Verkoop, Service", "Verkoop en Service", "A/B", "A & B").
_TWO_WRITTEN_AS_ONE = re.compile(r",|/|&|\+|\s(en|and)\s", re.IGNORECASE)
#: A wall: no owner, or more than one.
_NO_OWNER, _MORE_OWNERS = "geen eigenaar", "meer eigenaren"


def touchpoint_questionnaire() -> Questionnaire:
    """The ratings per touchpoint: a report mark (1-10) per touchpoint, blank when not used; the steps are its parts.

    >>> q = touchpoint_questionnaire()
    >>> q.scale, len(q.codes), list(q.parts)
    ((1, 10), 16, ['Oriëntatie', 'Research', 'Communicatie', 'Actie', 'Na aankoop'])
    """
    return Questionnaire.load("klantbeleving")


def relevancy_questionnaire() -> Questionnaire:
    """How customers place an organisation on the five attributes (1-5), and 100 points over what weighs most.

    >>> relevancy_questionnaire().points_columns
    ['W_prijs', 'W_product', 'W_toegang', 'W_service', 'W_beleving']
    """
    return Questionnaire.load("relevantie")


def profile_questionnaire() -> Questionnaire:
    """The profile an organisation chooses: a level (1-5) per attribute; the widget of notebook 09 fills it in.

    >>> profile_questionnaire().legend
    '1 = ver onder marktniveau, 5 = domineren'
    """
    return Questionnaire.load("relevantieprofiel")


# -- owners and walls ---------------------------------------------------------------------------------------


def _is_placeholder(value) -> bool:
    """The ``...`` a starter cell leaves for the student to fill in (Python's Ellipsis, or the text)."""
    return value is Ellipsis or (isinstance(value, str) and value.strip() in ("...", "…"))


def _refuse_placeholders(values, what: str, fix: str) -> None:
    """Refuse a table or Series that still holds a starter cell's ``...``, in Dutch."""
    cells = values.stack() if isinstance(values, pd.DataFrame) else values
    if any(_is_placeholder(value) for value in cells):
        raise KlantDataError(f"In {what} staat nog een ... die je moet invullen. {fix}")


def owners(table: pd.DataFrame) -> pd.DataFrame:
    """Who owns each touchpoint, and where the walls are: no owner, or more than one.

    Args:
        table: one row per touchpoint with the columns ``touchpoint`` and
            ``eigenaar`` (the department; several in one cell separated by ``;``,
            or the touchpoint on several rows, which a warning counts; a blank
            cell is no owner) and
            optionally ``fase``. Touchpoints and departments written with other
            capitals, accents or spaces are the same (:func:`klantlib.parsing.text_key`);
            the first spelling is shown.

    Returns:
        One row per touchpoint in the table's order (index ``touchpoint``) with
        ``fase`` (blank when the table has none), ``eigenaren`` (the departments as
        Dutch text), ``aantal_eigenaren`` and ``muur`` (``"geen eigenaar"``,
        ``"meer eigenaren"`` or ``""``).

    Raises:
        KlantDataError: a column is missing, the table has no rows, or a row has
            an owner but no touchpoint (the message names the row).

    >>> table = pd.DataFrame({"touchpoint": ["chat", "webshop", "Chat", "reviews"],
    ...                       "eigenaar": ["Klantenservice", "E-commerce", "e-commerce; Klantenservice", None]})
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     out = owners(table)
    >>> print(caught[0].message)
    1 contactmoment staat op meer dan één rij (chat): de eigenaren van die rijen zijn samengenomen, dus 4 rijen gaven 3 contactmomenten.
    >>> out[["eigenaren", "aantal_eigenaren", "muur"]]
                                eigenaren  aantal_eigenaren             muur
    touchpoint
    chat        Klantenservice en e-commerce                 2  meer eigenaren
    webshop                       E-commerce                 1
    reviews                                                  0   geen eigenaar
    """
    require_columns(table, ["touchpoint", "eigenaar"],
                    fix="Geef per contactmoment de afdeling die het bezit (leeg als niemand het bezit).")
    require_rows(table, name="de tabel met eigenaren", row="contactmoment", consequence="zijn er geen muren te zoeken")
    _refuse_placeholders(table[["touchpoint", "eigenaar"]], "de tabel met eigenaren",
                         "Vervang de ... door het contactmoment en de afdeling (leeg als niemand het bezit).")
    names = table["touchpoint"].map(lambda value: "" if pd.isna(value) else " ".join(str(value).split()))
    blank = names.eq("")
    if blank.any():
        raise KlantDataError(f"In de tabel met eigenaren staat bij {describe_rows(table.index[blank])} geen "
                             "touchpoint (de kolom 'touchpoint' is leeg). Vul het contactmoment in of haal de rij weg.")
    phases = table["fase"] if "fase" in table.columns else pd.Series("", index=table.index)
    rows: dict[str, dict] = {}
    for name, phase, cell in zip(names, phases, table["eigenaar"]):
        row = rows.setdefault(text_key(name), {"touchpoint": name, "fase": "", "eigenaren": {}, "rijen": 0})
        row["rijen"] += 1
        if not row["fase"] and not pd.isna(phase):
            row["fase"] = str(phase).strip()
        for owner in ([] if pd.isna(cell) else str(cell).split(";")):
            owner = " ".join(owner.split())
            if owner:
                row["eigenaren"].setdefault(text_key(owner), owner)
    out = pd.DataFrame({
        "fase": [row["fase"] for row in rows.values()],
        "eigenaren": [listing(row["eigenaren"].values(), limit=None) for row in rows.values()],
        "aantal_eigenaren": [len(row["eigenaren"]) for row in rows.values()],
    }, index=pd.Index([row["touchpoint"] for row in rows.values()], name="touchpoint"))
    out["muur"] = np.select([out["aantal_eigenaren"].eq(0), out["aantal_eigenaren"].gt(1)], [_NO_OWNER, _MORE_OWNERS],
                            default="")
    # a touchpoint on several rows is one touchpoint with the owners of all its rows: say so, with the count
    merged = [row["touchpoint"] for row in rows.values() if row["rijen"] > 1]
    if merged:
        warn(f"{counted(len(merged), 'contactmoment', 'contactmomenten')} {'staat' if len(merged) == 1 else 'staan'} "
             f"op meer dan één rij ({listing(merged, limit=None)}): de eigenaren van die rijen zijn samengenomen, "
             f"dus {len(table)} rijen gaven {counted(len(rows), 'contactmoment', 'contactmomenten')}.")
    # an owner written "Verkoop, Service" or "Verkoop en Service" may be two: ask, do not guess
    doubtful = [(row["touchpoint"], owner) for row in rows.values() for owner in row["eigenaren"].values()
                if _TWO_WRITTEN_AS_ONE.search(owner)]
    if doubtful:
        shown = listing([f"'{owner}' bij {name}" for name, owner in doubtful], limit=None, word=None, separator="; ")
        warn(f"In de tabel met eigenaren staat {shown}: dat telt nu als één afdeling. Bedoel je twee afdelingen, "
             "schrijf ze dan met een puntkomma: 'Verkoop; Klantenservice'.")
    return out


def walls(table: pd.DataFrame) -> pd.DataFrame:
    """The touchpoints of :func:`owners` that no department owns or more than one does (may be empty).

    >>> walls(pd.DataFrame({"touchpoint": ["chat", "webshop"], "eigenaar": ["Klantenservice; E-commerce", "E-commerce"]}))
                                   fase                     eigenaren  aantal_eigenaren            muur
    touchpoint
    chat                                Klantenservice en E-commerce                 2  meer eigenaren
    """
    table = owners(table)
    return table[table["muur"] != ""]


def walls_reading(table: pd.DataFrame) -> str:
    """The walls of an owners table in Dutch: which touchpoints nobody owns, which several departments share.

    >>> print(walls_reading(pd.DataFrame({"touchpoint": ["chat", "reviews", "webshop"],
    ...                                    "eigenaar": ["Klantenservice; E-commerce", "", "E-commerce"]})))
    Van de 3 contactmomenten heeft 1 geen eigenaar: reviews. Daar let niemand op wat de klant meemaakt. Meer dan één eigenaar heeft chat (Klantenservice en E-commerce). Daar kan elke afdeling denken dat de andere het regelt, en krijgt de klant soms twee verschillende antwoorden.
    """
    table = owners(table)
    none = table.index[table["muur"] == _NO_OWNER]
    more = table[table["muur"] == _MORE_OWNERS]
    text = f"Van de {counted(len(table), 'contactmoment', 'contactmomenten')} "
    if none.empty and more.empty:
        return text + "heeft elk precies één eigenaar: geen muren in deze tabel."
    parts = []
    if len(none):
        parts.append(f"{'heeft' if len(none) == 1 else 'hebben'} {len(none)} geen eigenaar: {listing(none, limit=None)}."
                     " Daar let niemand op wat de klant meemaakt.")
    else:
        parts.append("heeft elk minstens één eigenaar.")
    if len(more):
        shared = listing([f"{name} ({row.eigenaren})" for name, row in more.iterrows()], limit=None, word=None,
                         separator="; ")
        parts.append(f"Meer dan één eigenaar {'heeft' if len(more) == 1 else 'hebben'} {shared}. Daar kan elke afdeling "
                     "denken dat de andere het regelt, en krijgt de klant soms twee verschillende antwoorden.")
    return text + " ".join(parts)


# -- the journey map ----------------------------------------------------------------------------------------


def journey_map(survey: pd.DataFrame, owners_table: pd.DataFrame | None = None, *,
                questionnaire: Questionnaire | None = None, confidence: float = CONFIDENCE,
                errors: str = "raise") -> pd.DataFrame:
    """Per step and touchpoint: customers, mean mark with its interval, owner, and the pain points.

    A touchpoint's customers are the respondents who rated it (a blank is "not
    used"); its share is that number over all respondents. The interval is the
    course's interval for a mean (:func:`klantlib.stats.mean_interval`). The pain
    points follow the course's rule (:data:`PAIN_RULE`, the module docstring).

    Args:
        survey: one row per customer with a column per touchpoint code (what
            ``load_dataset("klantbeleving")``, ``touchpoint_questionnaire().read(...)``
            or ``.pool(...)`` give); other columns are ignored.
        owners_table: optional, a table for :func:`owners`; its touchpoints are
            matched to the questionnaire's by name (a touchpoint missing from it
            has no owner).
        questionnaire: the ratings' questionnaire (default
            :func:`touchpoint_questionnaire`); its parts are the steps, its
            dimensions the touchpoints.
        confidence: the level of the interval (default 0.95).
        errors: ``"raise"``: a mark off the scale is a Dutch error naming file,
            row and touchpoint; ``"warn"``: it counts as not given, with a warning.

    Returns:
        One row per touchpoint in journey order (index ``touchpoint``) with
        ``fase``, ``code``, ``klanten``, ``aandeel``, ``gemiddelde``,
        ``ondergrens``, ``bovengrens``, ``verschil`` (mean − the journey's mean),
        ``impact`` (0 at or above the journey's mean) and ``pijnpunt``; with
        ``owners_table`` also ``eigenaren``, ``aantal_eigenaren`` and ``muur``.

    Raises:
        KlantDataError: a touchpoint's column is missing, a wrong mark, no
            respondents, or nobody rated any touchpoint.

    >>> q = touchpoint_questionnaire()
    >>> survey = pd.DataFrame({"WS": [8, 9, 8, 9], "OR": [4, 5, 5, 4], "RK": [3, None, None, None]})
    >>> table = journey_map(survey.reindex(columns=q.codes))
    >>> table.loc[["webshop", "onderhoud en reparatie", "retour en klacht"], ["klanten", "gemiddelde", "pijnpunt"]]
                            klanten  gemiddelde  pijnpunt
    touchpoint
    webshop                       4         8.5     False
    onderhoud en reparatie        4         4.5      True
    retour en klacht              1         3.0     False
    """
    q = questionnaire or touchpoint_questionnaire()
    values = q.answers(survey, errors=errors)
    require_rows(values, name="de beoordelingen", row="klant", consequence="is er geen klantreis te tekenen",
                 source=getattr(survey, "attrs", {}).get("source"))
    items = q.items
    out = mean_interval(values, confidence=confidence).rename(columns={"respondenten": "klanten"})
    if not out["klanten"].any():
        raise KlantDataError("Geen enkele klant gaf een cijfer aan een contactmoment: er is geen klantreis te tekenen. "
                             "Vul cijfers in (leeg betekent 'niet gebruikt').")
    out.insert(0, "fase", [_steps(q)[code] for code in out.index])
    out.insert(1, "code", out.index)
    out.index = pd.Index(items["dimensie"].to_numpy(), name="touchpoint")
    out["aandeel"] = out["klanten"] / len(values)
    out = out[["fase", "code", "klanten", "aandeel", "gemiddelde", "ondergrens", "bovengrens"]]
    # the journey's mean: every mark given counts once
    marks = values.to_numpy(dtype=float)
    journey_mean = float(np.nanmean(marks))
    out["verschil"] = out["gemiddelde"] - journey_mean
    out["impact"] = (out["klanten"] * -out["verschil"]).clip(lower=0).fillna(0.0)
    # the course's rule: clearly below the journey's mean, and used by at least as many as the median touchpoint
    used = out["klanten"][out["klanten"] > 0]
    out["pijnpunt"] = (out["bovengrens"] < journey_mean) & (out["klanten"] >= used.median())
    if owners_table is not None:
        table = owners(owners_table)
        keys = {text_key(name): name for name in table.index}
        matched = [keys.get(text_key(name)) for name in out.index]
        # a touchpoint the owners' table does not list has no owner
        out["eigenaren"] = [table.at[name, "eigenaren"] if name else "" for name in matched]
        out["aantal_eigenaren"] = [int(table.at[name, "aantal_eigenaren"]) if name else 0 for name in matched]
        out["muur"] = [table.at[name, "muur"] if name else _NO_OWNER for name in matched]
    return out


def _steps(q: Questionnaire) -> dict[str, str]:
    """Per touchpoint code its step: the title of its part (``Questionnaire.parts`` is title -> codes)."""
    return {code: title for title, codes in q.parts.items() for code in codes}


def pain_points(table: pd.DataFrame) -> pd.DataFrame:
    """The pain points of a :func:`journey_map`, the largest impact first (may be empty).

    >>> q = touchpoint_questionnaire()
    >>> survey = pd.DataFrame({"WS": [8, 9, 8, 9], "OR": [4, 5, 5, 4]}).reindex(columns=q.codes)
    >>> pain_points(journey_map(survey))[["klanten", "gemiddelde", "impact"]]
                            klanten  gemiddelde  impact
    touchpoint
    onderhoud en reparatie        4         4.5     8.0
    """
    _require_map(table)
    return table[table["pijnpunt"]].sort_values("impact", ascending=False, kind="stable")


def _require_map(table: pd.DataFrame) -> None:
    require_columns(table, ["fase", "klanten", "gemiddelde", "ondergrens", "bovengrens", "verschil", "impact",
                            "pijnpunt"], fix="Geef de tabel die journey_map(...) maakt.")


def map_reading(table: pd.DataFrame) -> str:
    """Where the experience breaks in a :func:`journey_map`, in Dutch: the pain points, their owners, and what is lower still.

    >>> q = touchpoint_questionnaire()
    >>> survey = pd.DataFrame({"WS": [8, 9, 8, 9], "OR": [4, 5, 5, 4], "RK": [3, None, None, None]})
    >>> print(map_reading(journey_map(survey.reindex(columns=q.codes))))
    Over de hele reis geven de klanten gemiddeld een 6,1 (9 cijfers van 4 klanten). De beleving breekt bij 1 contactmoment (duidelijk onder het reisgemiddelde, en minstens de mediaan van 4 klanten): Bij onderhoud en reparatie (Na aankoop) geven 4 klanten (100%) gemiddeld een 4,5 (95%-interval 3,6 tot 5,4). Let op: onderhoud en reparatie rust op minder dan 30 klanten. Kijk eerst of meer klanten hetzelfde zeggen. Ook even laag als een pijnpunt of lager, maar zelf geen pijnpunt: retour en klacht (gemiddeld 3,0 bij 1 klant: minder klanten dan de mediaan).
    """
    _require_map(table)
    require_rows(table.dropna(subset=["gemiddelde"]), name="de klantreiskaart", row="contactmoment met een cijfer",
                 consequence="valt er niets te lezen", filters=["fase", "klanten"])
    journey_mean = float((table["gemiddelde"] - table["verschil"]).dropna().iloc[0])
    total = int(round(table["klanten"].sum()))
    customers = int(round(table["klanten"].max() / table["aandeel"].max())) if "aandeel" in table else None
    who = f" van {counted(customers, 'klant')}" if customers else ""
    text = [f"Over de hele reis geven de klanten gemiddeld een {number(journey_mean, 1)} "
            f"({counted(total, 'cijfer', 'cijfers')}{who})."]
    pains = pain_points(table)
    median = table["klanten"][table["klanten"] > 0].median()
    if pains.empty:
        text.append("Volgens de regel van de cursus is geen enkel contactmoment een pijnpunt: geen contactmoment ligt "
                    "duidelijk onder het reisgemiddelde bij veel klanten.")
    else:
        text.append(f"De beleving breekt bij {counted(len(pains), 'contactmoment', 'contactmomenten')} "
                    f"(duidelijk onder het reisgemiddelde, en minstens de mediaan van {number(median, 0)} klanten):")
        for name, row in pains.iterrows():
            share = f" ({percent(row['aandeel'], 0)})" if "aandeel" in row else ""
            part = (f"Bij {name} ({row['fase']}) geven {counted(int(row['klanten']), 'klant')}{share} gemiddeld een "
                    f"{number(row['gemiddelde'], 1)} (95%-interval {number(row['ondergrens'], 1)} tot "
                    f"{number(row['bovengrens'], 1)})")
            if "muur" in row:
                part += {"": f"; eigenaar {row['eigenaren']}", _NO_OWNER: "; geen eigenaar: een muur",
                         _MORE_OWNERS: f"; eigenaren {row['eigenaren']}: een muur"}[row["muur"]]
            text.append(part + ".")
        few = pains.index[pains["klanten"] < FEW_CUSTOMERS]
        if len(few):
            text.append(f"Let op: {listing(few, limit=None)} {'rust' if len(few) == 1 else 'rusten'} op minder dan "
                        f"{FEW_CUSTOMERS} klanten. Kijk eerst of meer klanten hetzelfde zeggen.")
    # what scores as low as a pain point (or below the journey's mean) but is no pain point, and why not
    bar = pains["gemiddelde"].max() if not pains.empty else journey_mean
    lower = table[(~table["pijnpunt"]) & (table["gemiddelde"] <= bar)].sort_values("gemiddelde", kind="stable")
    reasons = [f"{name} (gemiddeld {number(row.gemiddelde, 1)} bij {counted(int(row.klanten), 'klant')}: "
               + ("minder klanten dan de mediaan" if row.klanten < median
                  else "het interval reikt tot het reisgemiddelde") + ")" for name, row in lower.iterrows()]
    if reasons:
        where = "even laag als een pijnpunt of lager" if not pains.empty else "onder het reisgemiddelde"
        text.append(f"Ook {where}, maar zelf geen pijnpunt: {listing(reasons, limit=None, word=None, separator='; ')}.")
    return " ".join(text)


# -- customer relevancy (Crawford & Mathews) -----------------------------------------------------------------


@dataclass(frozen=True)
class RelevancyCheck:
    """The outcome of :func:`relevancy_check`: true when the profile follows the rule; ``print`` shows why.

    Attributes:
        profile: the level per attribute (a Series in :data:`ATTRIBUTES` order).
        follows_rule: one attribute at 5, one at 4 and the other three at 3.
        problems: one Dutch sentence per way the profile breaks the rule (empty when it follows it).
        explanation: the Dutch text: what the profile does, and what each break means.
    """

    profile: pd.Series
    follows_rule: bool
    problems: tuple[str, ...]
    explanation: str

    def __bool__(self) -> bool:
        return self.follows_rule

    def __str__(self) -> str:
        return self.explanation

    def _repr_markdown_(self) -> str:
        return self.explanation


def relevancy_levels() -> pd.DataFrame:
    """Crawford & Mathews' levels, highest first, with the course's Dutch name and meaning.

    >>> relevancy_levels()["naam"].tolist()
    ['domineren', 'onderscheiden', 'marktniveau', 'onder marktniveau', 'ver onder marktniveau']
    """
    meaning = {5: "hierom kiezen klanten voor je: je bent de beste, en dat weten ze",
               4: "hier onderscheid je je: klanten merken dat je beter bent dan de meeste",
               3: "even goed als andere aanbieders: geen reden om weg te gaan, ook geen reden om te komen",
               2: "slechter dan andere aanbieders: hier haken klanten af",
               1: "veel slechter dan andere aanbieders: hier haken klanten af"}
    return pd.DataFrame({"naam": LEVEL_NAMES, "betekenis": meaning}).rename_axis("niveau")


def _profile_levels(profile, *, what: str = "het profiel") -> pd.Series:
    """A profile as a float Series over :data:`ATTRIBUTES`, checked: every attribute once, every level a whole 1-5."""
    if isinstance(profile, pd.DataFrame):
        require_columns(profile, ["attribuut", "niveau"], fix="Geef per attribuut een rij met zijn niveau (1-5).")
        profile = pd.Series(profile["niveau"].to_numpy(), index=profile["attribuut"].to_numpy())
    elif isinstance(profile, Mapping):
        profile = pd.Series(list(profile.values()), index=list(profile.keys()), dtype="object")
    elif not isinstance(profile, pd.Series):
        raise KlantDataError(f"Geef {what} als woordenboek, bijvoorbeeld {{'prijs': 3, 'product': 5, 'toegang': 3, "
                             f"'service': 4, 'beleving': 3}}, niet als {type(profile).__name__}.")
    keys = {text_key(name): name for name in ATTRIBUTES}
    names = [keys.get(text_key(label)) for label in profile.index]
    unknown = [label for label, name in zip(profile.index, names) if name is None]
    if unknown:
        raise KlantDataError(f"Onbekend attribuut in {what}: {listing(map(str, unknown), quote=True, limit=None)}. "
                             f"Crawford & Mathews kennen vijf attributen: {listing(ATTRIBUTES, limit=None)}.")
    doubled = sorted({name for name in names if names.count(name) > 1}, key=ATTRIBUTES.index)
    if doubled:
        raise KlantDataError(f"In {what} staat {listing(doubled, quote=True, limit=None)} meer dan één keer. "
                             "Geef elk attribuut één niveau.")
    missing = [name for name in ATTRIBUTES if name not in names]
    if missing:
        raise KlantDataError(f"In {what} ontbreekt {listing(missing, quote=True, limit=None)}. Geef elk van de vijf "
                             f"attributen ({listing(ATTRIBUTES, limit=None)}) een niveau van 1 tot en met 5.")
    raw = pd.Series(profile.to_numpy(), index=names, dtype="object")[list(ATTRIBUTES)]
    _refuse_placeholders(raw, what, "Vul eerst bij elk attribuut een niveau in: vervang de ... door een getal van 1 tot 5.")
    levels, wrong = to_answers(raw, scale=5)
    bad = wrong | levels.isna()
    if bad.any():
        shown = listing([f"{name}: {'leeg' if pd.isna(value) else repr(value)}" for name, value in raw[bad].items()],
                        limit=None, word=None, separator="; ")
        raise KlantDataError(f"Een niveau is een heel getal van 1 tot en met 5 (5 domineren, 4 onderscheiden, "
                             f"3 marktniveau, daaronder onder marktniveau); in {what} niet bij {shown}.")
    return levels.rename("niveau").rename_axis("attribuut")


def relevancy_check(profile) -> RelevancyCheck:
    """Does a profile follow Crawford & Mathews' rule: dominate on one attribute, differentiate on one, market level on three?

    Every way the profile breaks the rule is one Dutch sentence in
    ``problems``: nothing at 5 (no reason to choose you), more than one at 5 (the
    myth of excellence), nothing at 4, more than one at 4, and each attribute
    below 3 (customers go elsewhere).

    Args:
        profile: the level (a whole number 1-5) of each of the five attributes:
            a dict or Series ``{"prijs": 3, ...}`` (names written with other
            capitals or spaces are fine), or a table with the columns
            ``attribuut`` and ``niveau`` (as ``load_dataset("relevantieprofiel")``).

    Returns:
        A :class:`RelevancyCheck`: true when the profile follows the rule; its
        ``explanation`` (also what ``print`` shows) says what the profile means.

    Raises:
        KlantDataError: an unknown or doubled attribute, a missing one, or a level
            that is no whole number from 1 to 5.

    >>> check = relevancy_check({"prijs": 5, "product": 5, "toegang": 2, "service": 3, "beleving": 3})
    >>> check.follows_rule, len(check.problems)
    (False, 3)
    >>> print(check.problems[0])
    Prijs en product staan allebei op 5: wie op meer dan één attribuut de beste wil zijn, komt in de buurt van wat Crawford & Mathews de mythe van uitmuntendheid noemen: overal de beste willen zijn. Onze uitleg: dat kost veel, en klanten zien niet meer waarin je uitblinkt. Kies er één om op te domineren.
    >>> relevancy_check({"prijs": 3, "product": 7, "toegang": 3, "service": 4, "beleving": 3})
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: Een niveau is een heel getal van 1 tot en met 5 (5 domineren, 4 onderscheiden, 3 marktniveau, daaronder onder marktniveau); in het profiel niet bij product: 7.
    """
    levels = _profile_levels(profile)
    fives = list(levels.index[levels == 5])
    fours = list(levels.index[levels == 4])
    below = levels[levels < 3]
    problems = []
    if not fives:
        problems.append("Geen attribuut staat op 5: de organisatie domineert nergens, dus klanten hebben geen reden om "
                        "juist voor haar te kiezen. Kies één attribuut waarop ze de beste is.")
    elif len(fives) > 1:
        myth = ("dat is precies wat Crawford & Mathews de mythe van uitmuntendheid noemen" if len(fives) == len(levels)
                else "wie op meer dan één attribuut de beste wil zijn, komt in de buurt van wat Crawford & Mathews de "
                     "mythe van uitmuntendheid noemen")
        problems.append(f"{_names(fives)} staan {_all(fives)} op 5: {myth}: overal de beste willen zijn. Onze uitleg: "
                        "dat kost veel, en klanten zien niet meer waarin je uitblinkt. Kies er één om op te domineren.")
    if not fours:
        problems.append("Geen attribuut staat op 4: naast het attribuut waarop de organisatie domineert, hoort één "
                        "attribuut waarop ze zich van andere aanbieders onderscheidt.")
    elif len(fours) > 1:
        problems.append(f"{_names(fours)} staan {_all(fours)} op 4: onderscheid je op één attribuut, niet op "
                        f"{_WORDS[len(fours)]} attributen. Onze uitleg: elk niveau boven de markt kost geld en aandacht; "
                        "breng de andere terug naar marktniveau (3) en steek dat in het attribuut dat klanten het "
                        "zwaarst laten wegen.")
    for name, level in below.items():
        problems.append(f"{name.capitalize()} staat onder marktniveau ({int(level)}): daar haken klanten af en gaan "
                        "ze naar een andere aanbieder, hoe goed de rest ook is. Breng het minstens naar 3.")
    follows = not problems
    if follows:
        rest = [name for name in levels.index if levels[name] == 3]
        explanation = (f"Dit profiel volgt de regel van Crawford & Mathews: de organisatie domineert op {fives[0]} (5), "
                       f"onderscheidt zich op {fours[0]} (4) en zit op marktniveau bij {listing(rest, limit=None)} (3). "
                       f"Klanten weten waarvoor ze komen, en nergens haken ze af.")
    else:
        explanation = ("Dit profiel volgt de regel van Crawford & Mathews niet (één attribuut op 5, één op 4, de andere "
                       f"drie op 3). {' '.join(problems)}")
    return RelevancyCheck(profile=levels, follows_rule=follows, problems=tuple(problems), explanation=explanation)


def _names(names) -> str:
    """Attribute names at the start of a Dutch sentence: "Prijs en product"."""
    text = listing(names, limit=None)
    return text[:1].upper() + text[1:]


#: Small counts in words, so that "op 4 ... niet op drie attributen" is not read as a level.
_WORDS = {2: "twee", 3: "drie", 4: "vier", 5: "vijf"}


def _all(names) -> str:
    """"allebei", "alle drie" ... for the attributes that share a level."""
    return "allebei" if len(names) == 2 else f"alle {_WORDS[len(names)]}"


def customer_relevancy(survey: pd.DataFrame, *, confidence: float = CONFIDENCE, errors: str = "raise") -> pd.DataFrame:
    """How customers place the organisation on each attribute: the mean level with its interval, and the level it rounds to.

    Args:
        survey: one row per customer with the codes of :func:`relevancy_questionnaire`
            (what ``load_dataset("relevantie")`` gives); other columns are ignored.
        confidence: the level of the interval (default 0.95).
        errors: as :meth:`klantlib.survey.Questionnaire.answers`.

    Returns:
        One row per attribute (index ``attribuut``) with ``gemiddelde``,
        ``ondergrens``, ``bovengrens``, ``respondenten`` and ``niveau`` (the mean
        rounded half up, 3,5 is 4: the course's choice; blank without answers).

    Raises:
        KlantDataError: a column is missing, a wrong answer, or no respondents.

    >>> survey = pd.DataFrame({"RP": [3, 2, 3, 2], "RD": [4, 5, 4, 5], "RT": [3, 3, 4, None],
    ...                        "RS": [3, 4, 3, 4], "RB": [3, 3, 2, 3]})
    >>> customer_relevancy(survey)[["gemiddelde", "respondenten", "niveau"]].round(2)
               gemiddelde  respondenten  niveau
    attribuut
    prijs             2.50             4       3
    product           4.50             4       5
    toegang           3.33             3       3
    service           3.50             4       4
    beleving          2.75             4       3
    """
    q = relevancy_questionnaire()
    values = q.answers(survey, errors=errors)
    require_rows(values, name="de beoordelingen van klanten", row="klant",
                 consequence="is er geen klantprofiel te maken", source=getattr(survey, "attrs", {}).get("source"))
    out = mean_interval(values, confidence=confidence)
    out.index = pd.Index(q.items["dimensie"].to_numpy(), name="attribuut")
    out["niveau"] = np.floor(out["gemiddelde"] + 0.5).astype("Int64")
    return out


def compare_relevancy(own, survey: pd.DataFrame, *, confidence: float = CONFIDENCE,
                      errors: str = "raise") -> pd.DataFrame:
    """The organisation's own profile against how its customers place it, attribute by attribute.

    Args:
        own: the organisation's profile, as :func:`relevancy_check` takes it.
        survey, confidence, errors: as :func:`customer_relevancy`.

    Returns:
        One row per attribute (index ``attribuut``) with ``eigen`` (the own level),
        ``klanten`` (the customers' mean), ``ondergrens``, ``bovengrens``,
        ``klantniveau`` (:func:`customer_relevancy`'s level) and ``verschil``
        (own level − customers' level: positive where the organisation sees itself higher).

    Raises:
        KlantDataError: as :func:`relevancy_check` and :func:`customer_relevancy`.

    >>> survey = pd.DataFrame({"RP": [3, 3], "RD": [4, 4], "RT": [3, 3], "RS": [3, 3], "RB": [3, 3]})
    >>> own = {"prijs": 3, "product": 5, "toegang": 3, "service": 4, "beleving": 3}
    >>> compare_relevancy(own, survey)[["eigen", "klanten", "klantniveau", "verschil"]]
               eigen  klanten  klantniveau  verschil
    attribuut
    prijs          3      3.0            3         0
    product        5      4.0            4         1
    toegang        3      3.0            3         0
    service        4      3.0            3         1
    beleving       3      3.0            3         0
    """
    levels = _profile_levels(own, what="het eigen profiel").astype(int)
    customers = customer_relevancy(survey, confidence=confidence, errors=errors)
    return pd.DataFrame({"eigen": levels, "klanten": customers["gemiddelde"], "ondergrens": customers["ondergrens"],
                         "bovengrens": customers["bovengrens"], "klantniveau": customers["niveau"],
                         "verschil": levels - customers["niveau"]})


def relevancy_reading(comparison: pd.DataFrame, *, own: str = "de organisatie zelf") -> str:
    """A :func:`compare_relevancy` in Dutch: where the own view and the customers' differ, and both against the rule.

    Besides the levels it names an attribute whose customers' interval lies
    wholly below 3: rounded it is market level, but the customers place it below.

    >>> survey = pd.DataFrame({"RP": [3, 3], "RD": [4, 4], "RT": [3, 3], "RS": [3, 3], "RB": [3, 3]})
    >>> own = {"prijs": 3, "product": 5, "toegang": 3, "service": 4, "beleving": 3}
    >>> print(relevancy_reading(compare_relevancy(own, survey), own="het management"))
    Hoger bij het management dan bij de klanten: product (eigen 5, klanten gemiddeld 4,0: niveau 4) en service (eigen 4, klanten gemiddeld 3,0: niveau 3). Het profiel van het management volgt de regel van Crawford & Mathews. Het profiel zoals de klanten het zien, volgt de regel niet: geen attribuut staat op 5.
    """
    require_columns(comparison, ["eigen", "klanten", "ondergrens", "bovengrens", "klantniveau", "verschil"],
                    fix="Geef de tabel die compare_relevancy(...) maakt.")
    require_rows(comparison, name="de vergelijking", row="attribuut", consequence="valt er niets te vergelijken",
                 fix="Geef de hele tabel van compare_relevancy(...): de regel gaat over alle vijf attributen.")

    def shown(rows: pd.DataFrame) -> str:
        return listing([f"{name} (eigen {int(row.eigen)}, klanten gemiddeld {number(row.klanten, 1)}: niveau "
                        f"{'–' if pd.isna(row.klantniveau) else int(row.klantniveau)})" for name, row in rows.iterrows()],
                       limit=None)

    higher = comparison[comparison["verschil"] > 0]
    lower = comparison[comparison["verschil"] < 0]
    text = []
    if not higher.empty:
        text.append(f"Hoger bij {own} dan bij de klanten: {shown(higher)}.")
    if not lower.empty:
        text.append(f"Lager bij {own} dan bij de klanten: {shown(lower)}.")
    if higher.empty and lower.empty:
        text.append(f"Bij {own} en bij de klanten staat elk attribuut op hetzelfde niveau.")
    hidden = comparison[(comparison["klantniveau"] == 3) & (comparison["bovengrens"] < 3)]
    for name, row in hidden.iterrows():
        text.append(f"Let op: bij {name} ligt het hele 95%-interval van de klanten onder 3 "
                    f"({number(row.ondergrens, 1)} tot {number(row.bovengrens, 1)}): afgerond marktniveau, maar de "
                    "klanten zetten het eronder.")
    own_check = relevancy_check(comparison["eigen"])
    text.append(f"Het profiel van {own} volgt de regel van Crawford & Mathews"
                + ("." if own_check else f" niet: {_first_clause(own_check.problems[0])}."))
    if comparison["klantniveau"].isna().any():
        text.append("Niet elk attribuut heeft een klantniveau (geen antwoorden), dus het profiel van de klanten is "
                    "niet te toetsen.")
    else:
        customers = relevancy_check(comparison["klantniveau"].astype(int))
        text.append("Het profiel zoals de klanten het zien, volgt de regel " + (
            "ook." if customers and own_check else "wel." if customers else
            f"{'ook niet' if not own_check else 'niet'}: {_first_clause(customers.problems[0])}."))
    return " ".join(text)


def _first_clause(problem: str) -> str:
    """The first clause of a problem sentence, lower-cased, for inside a sentence ("geen attribuut staat op 5")."""
    clause = problem.split(":")[0]
    return clause[:1].lower() + clause[1:]


def attribute_weights(survey: pd.DataFrame, *, confidence: float = CONFIDENCE, errors: str = "raise") -> pd.DataFrame:
    """What weighs most for customers: the mean of the 100 points per attribute, and for how many it weighs most.

    Args:
        survey: one row per customer with the points columns of
            :func:`relevancy_questionnaire` (``W_prijs`` ... ``W_beleving``, adding
            up to 100 per customer).
        confidence: the level of the interval (default 0.95).
        errors: ``"raise"``: points that do not add up to 100 are a Dutch error
            naming the rows; ``"warn"``: those customers are left out, with a warning.

    Returns:
        One row per attribute (index ``attribuut``) with ``punten`` (the mean),
        ``ondergrens``, ``bovengrens``, ``respondenten`` and ``belangrijkste``: the
        share of customers who gave it the most points (a tie shares a customer
        equally over the tied attributes: the course's choice).

    Raises:
        KlantDataError: a points column is missing, points that do not add up, or no respondents.

    >>> survey = pd.DataFrame({"W_prijs": [50, 20, 30], "W_product": [20, 20, 30], "W_toegang": [10, 40, 10],
    ...                        "W_service": [10, 10, 20], "W_beleving": [10, 10, 10]})
    >>> attribute_weights(survey)[["punten", "belangrijkste"]].round(3)
               punten  belangrijkste
    attribuut
    prijs      33.333          0.500
    product    23.333          0.167
    toegang    20.000          0.333
    service    13.333          0.000
    beleving   10.000          0.000
    """
    q = relevancy_questionnaire()
    columns = q.points_columns
    require_columns(survey, columns, fix="Elke klant verdeelt 100 punten over de vijf attributen (W_prijs ... W_beleving).")
    points = check_points(survey, columns, total=q.points, errors=errors,
                          what="De punten over de vijf attributen (W_...)")
    points = points.dropna()
    require_rows(points, name="de punten van de klanten", row="klant", consequence="is er niets te wegen",
                 source=getattr(survey, "attrs", {}).get("source"))
    out = mean_interval(points, confidence=confidence).rename(columns={"gemiddelde": "punten"})
    # each customer's attribute(s) with the most points; a tie of k attributes gives each 1/k of that customer
    top = points.eq(points.max(axis=1), axis=0)
    out["belangrijkste"] = top.div(top.sum(axis=1), axis=0).mean()
    out.index = pd.Index([column.removeprefix("W_") for column in columns], name="attribuut")
    return out


def myth_reading(weights: pd.DataFrame) -> str:
    """The myth "customers look only at product and the lowest price", read from :func:`attribute_weights`, in Dutch.

    "Only" would mean that almost nobody lets another attribute weigh most: the
    myth holds for these customers when fewer than :data:`MYTH_SHARE` of them do
    (a threshold of the course). The points are what customers say weighs, not
    necessarily what they choose on.

    >>> survey = pd.DataFrame({"W_prijs": [50, 20, 30], "W_product": [20, 20, 30], "W_toegang": [10, 40, 10],
    ...                        "W_service": [10, 10, 20], "W_beleving": [10, 10, 10]})
    >>> print(myth_reading(attribute_weights(survey)))
    Prijs en product krijgen samen gemiddeld 56,7 van de 100 punten. Voor 33,3% van de 3 klanten weegt toegang, service of beleving het zwaarst. Dat is 10% of meer (een grens van deze cursus): voor deze klanten klopt de mythe 'alleen productkenmerken en de laagste prijs' niet. Let wel: dit is wat klanten zeggen dat weegt, niet per se waarop ze kiezen.
    """
    require_columns(weights, ["punten", "belangrijkste", "respondenten"],
                    fix="Geef de tabel die attribute_weights(...) maakt.")
    missing = [name for name in ATTRIBUTES if name not in weights.index]
    if missing:
        raise KlantDataError(f"In de tabel met punten ontbreekt {listing(missing, quote=True, limit=None)}: de mythe "
                             "vergelijkt prijs en product met de andere attributen. Geef de hele tabel van "
                             "attribute_weights(...), zonder een selectie van rijen.")
    myth = weights.loc[list(_MYTH)]
    others = [name for name in weights.index if name not in _MYTH]
    share = float(weights.loc[others, "belangrijkste"].sum())
    customers = int(weights["respondenten"].max())
    text = (f"Prijs en product krijgen samen gemiddeld {number(myth['punten'].sum(), 1)} van de 100 punten. "
            f"Voor {percent(share)} van de {counted(customers, 'klant')} weegt {listing(others, limit=None, word='of')} "
            "het zwaarst. ")
    limit = f"{percent(MYTH_SHARE, 0)}"
    if share >= MYTH_SHARE:
        text += (f"Dat is {limit} of meer (een grens van deze cursus): voor deze klanten klopt de mythe 'alleen "
                 "productkenmerken en de laagste prijs' niet.")
    else:
        text += (f"Dat is minder dan {limit} (een grens van deze cursus): bij deze klanten houdt de mythe grotendeels "
                 "stand.")
    return text + " Let wel: dit is wat klanten zeggen dat weegt, niet per se waarop ze kiezen."


# -- the widgets' readings ----------------------------------------------------------------------------------


def profile_levels(answers: Mapping) -> pd.Series:
    """A profile filled in with :func:`profile_questionnaire` (``{"RP": 3, ...}``, blanks allowed) per attribute.

    >>> profile_levels({"RP": 3, "RD": 5}).tolist()
    [3.0, 5.0, nan, nan, nan]
    """
    q = profile_questionnaire()
    values = q.answers({code: value for code, value in answers.items() if code in q.codes and value is not None})
    return pd.Series(values.iloc[0].to_numpy(), index=pd.Index(q.items["dimensie"].to_numpy(), name="attribuut"),
                     name="niveau")


def profile_reading(answers: Mapping, organisation: str = "de organisatie") -> str:
    """What a profile being filled in means: which attributes still need a level, else :func:`relevancy_check`'s text.

    >>> print(profile_reading({"RP": 3, "RD": 5}, "Mijn bakker"))
    Mijn bakker: kies nog een niveau voor toegang, service en beleving.
    >>> print(profile_reading({"RP": 3, "RD": 5, "RT": 3, "RS": 4, "RB": 3}, "Mijn bakker"))
    Mijn bakker: dit profiel volgt de regel van Crawford & Mathews: de organisatie domineert op product (5), onderscheidt zich op service (4) en zit op marktniveau bij prijs, toegang en beleving (3). Klanten weten waarvoor ze komen, en nergens haken ze af.
    """
    levels = profile_levels(answers)
    open_ = list(levels.index[levels.isna()])
    if open_:
        return f"{organisation}: kies nog een niveau voor {listing(open_, limit=None)}."
    explanation = relevancy_check(levels).explanation
    return f"{organisation}: {explanation[:1].lower()}{explanation[1:]}"


def own_ratings(answers: Mapping, survey_map: pd.DataFrame | None = None) -> pd.DataFrame:
    """One respondent's marks per touchpoint, beside a survey's journey map: what the rating widget draws.

    Args:
        answers: ``{code: mark}`` for :func:`touchpoint_questionnaire` (blank or
            missing: not used).
        survey_map: a :func:`journey_map` of a survey to compare with, or None.

    Returns:
        One row per touchpoint (index ``touchpoint``) with ``fase``,
        ``jouw_score`` (NaN when not rated) and, with ``survey_map``,
        ``enquete_gemiddelde``, ``enquete_ondergrens`` and ``enquete_bovengrens``.

    Raises:
        KlantDataError: an unknown code or a mark off the scale.

    >>> own_ratings({"WS": 8, "OR": 4}).loc[["webshop", "onderhoud en reparatie", "chat"]]
                                  fase  jouw_score
    touchpoint
    webshop                      Actie         8.0
    onderhoud en reparatie  Na aankoop         4.0
    chat                  Communicatie         NaN
    """
    q = touchpoint_questionnaire()
    values = q.answers({code: value for code, value in answers.items() if value is not None})
    out = pd.DataFrame({"fase": [_steps(q)[code] for code in q.codes], "jouw_score": values.iloc[0].to_numpy()},
                       index=pd.Index(q.items["dimensie"].to_numpy(), name="touchpoint"))
    if survey_map is not None:
        for column in ("gemiddelde", "ondergrens", "bovengrens"):
            out[f"enquete_{column}"] = survey_map[column].reindex(out.index)
    return out


def ratings_reading(own: pd.DataFrame, purchase: str = "jouw aankoop") -> str:
    """One respondent's marks (:func:`own_ratings`) in Dutch: how many, the lowest, and the survey's mean there.

    >>> print(ratings_reading(own_ratings({"WS": 8, "OR": 4, "BZ": 7}), "mijn fiets"))
    Bij mijn fiets gaf je 3 van de 16 contactmomenten een cijfer, gemiddeld 6,3. Je laagste: onderhoud en reparatie (4).
    """
    marks = own["jouw_score"].dropna()
    if marks.empty:
        return (f"Bij {purchase} heb je nog geen contactmoment een cijfer gegeven. Geef een cijfer aan elk contactmoment "
                "dat je gebruikte; laat de rest leeg.")
    text = (f"Bij {purchase} gaf je {len(marks)} van de {len(own)} contactmomenten een cijfer, gemiddeld "
            f"{number(marks.mean(), 1)}.")
    lowest = marks[marks == marks.min()]
    text += f" Je laagste: {listing(lowest.index, limit=None)} ({number(marks.min(), 0)})."
    if "enquete_gemiddelde" in own.columns:
        reference = own.loc[lowest.index, "enquete_gemiddelde"].dropna()
        if not reference.empty:
            text += " In de enquête is het gemiddelde daar " + listing(
                [number(value, 1) for value in reference], limit=None) + "."
    return text
