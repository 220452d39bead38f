"""Customer sensitivity: the affectivity drivers, trust and HET/WIJ/IK of De Haan & Langerak (notebook 08).

De Haan & Langerak ("Veel organisaties nog ongevoelig voor klanten") argue that
satisfaction is a calculating judgement, which leads at most to calculative
commitment, and that loyalty comes from emotion. Their figure 1 names three
capabilities of customer sensitivity, each driven by three affectivity drivers,
which result in *klantvertrouwen*:

- *begrijpen*: ontvankelijkheid, inlevingsvermogen, begrip;
- *verbinden*: responsiviteit, aandacht, respect;
- *koesteren*: betrouwbaarheid, dienstbaarheid, partnership.

This module measures that with the course's scan (:func:`scan`,
``Questionnaire.load("klantgevoeligheid")``: the article gives no questionnaire,
so the statements are the course's own):

- :func:`drivers`, :func:`scores` and :func:`profile`: the drivers as the
  questionnaire holds them, the scores per respondent and the means with their
  95% intervals per driver or capability;
- :func:`links` and :func:`links_reading`: how closely each driver, each
  capability, trust and satisfaction go together with recommending (Pearson's r,
  :func:`klantlib.stats.correlation`), read in Dutch without claiming a cause;
  :func:`nps_by_level`: the Net Promoter Score (:func:`klantlib.nps.nps`) per
  level of a score;
- :func:`classify_measures`, :func:`side_balance` and :func:`balance_reading`: an
  organisation's measures sorted into HET (processes and hard indicators), WIJ
  (culture) and IK (attitude and leadership), and where it puts the weight;
- :func:`sides` and :func:`development_phases`: the three sides and the four
  phases of a development programme, as data.

Choices of the course, not of the article: the statements; a driver's score is
the mean of its statements and a capability's the mean of its drivers (equal
weights); the levels of :func:`nps_by_level`; the keywords of HET/WIJ/IK
(``klantlib/het_wij_ik.toml``) and the rule of :func:`side_balance`.

>>> drivers().loc["respect", "vermogen"]
'verbinden'
>>> CAPABILITIES
('begrijpen', 'verbinden', 'koesteren')
"""

from __future__ import annotations

import re
from functools import cache

import pandas as pd

from klantlib.errors import KlantDataError, check_option, warn
from klantlib.formatting import listing, number
from klantlib.survey import Questionnaire

__all__ = ["CAPABILITIES", "LEVELS", "RESULTS", "SATISFACTION", "SIDES", "TRUST", "balance_reading",
           "classify_measures", "development_phases", "drivers", "links", "links_reading", "nps_by_level",
           "own_profile", "own_reading", "profile", "scan", "scores", "side_balance", "sides"]

#: The three capabilities of customer sensitivity, in the article's order.
CAPABILITIES = ("begrijpen", "verbinden", "koesteren")
#: What the drivers result in (the scan's outcome), and satisfaction, the calculating judgement beside it.
TRUST, SATISFACTION = "klantvertrouwen", "tevredenheid"
#: Where trust shows, in the article's words: the strongest drivers of loyalty beside trust itself.
RESULTS = ("merksympathie", "advocacy", "emotional credit")
#: The three sides of the article's holistic view, in its order.
SIDES = ("HET", "WIJ", "IK")
#: The levels of a score (1-7) in :func:`nps_by_level`: label and lower bound (the course's cut: below the
#: scale's middle 4; from 4 to "enigszins eens" and a half; from 5,5, between "enigszins eens" and "eens").
LEVELS = (("laag (onder 4)", 1.0), ("midden (4 tot 5,5)", 4.0), ("hoog (5,5 of hoger)", 5.5))
#: The part of the questionnaire that holds the outcomes, not drivers.
_OUTCOME = "uitkomst"


def scan() -> Questionnaire:
    """The course's customer-sensitivity scan: two statements per driver, trust and satisfaction (1-7).

    >>> s = scan()
    >>> s.scale, len(s.codes), list(s.parts)[-1]
    ((1, 7), 21, 'Uitkomst')
    """
    return Questionnaire.load("klantgevoeligheid")


def drivers() -> pd.DataFrame:
    """The nine affectivity drivers in the article's order, with their capability and the scan's statements.

    Returns:
        One row per driver (index ``driver``) with ``vermogen`` (the capability)
        and ``items`` (the codes of its statements, as text).

    >>> drivers().head(3)
                        vermogen      items
    driver
    ontvankelijkheid   begrijpen   ON1, ON2
    inlevingsvermogen  begrijpen   IL1, IL2
    begrip             begrijpen   BG1, BG2
    """
    return _driver_table().copy()


@cache
def _driver_table() -> pd.DataFrame:
    """:func:`drivers`, made once per kernel from the questionnaire (a widget asks for it on every answer)."""
    items = scan().items
    items = items[items["deel"] != _OUTCOME]
    out = items.reset_index().groupby("dimensie", sort=False).agg(
        vermogen=("deel", "first"), items=("code", ", ".join))
    return out.rename_axis("driver")


@cache
def _outcomes() -> tuple[str, ...]:
    """The dimensions of the outcome part: klantvertrouwen and tevredenheid."""
    items = scan().items
    return tuple(dict.fromkeys(items.loc[items["deel"] == _OUTCOME, "dimensie"]))


def _scored(values: pd.DataFrame) -> pd.DataFrame:
    """The scores of :func:`scores` from answers already checked (one float column per statement)."""
    items = scan().items
    out = pd.DataFrame(index=values.index)
    for dimension, codes in items.reset_index().groupby("dimensie", sort=False)["code"]:
        out[dimension] = values[list(codes)].mean(axis=1)
    table = _driver_table()
    for capability in CAPABILITIES:
        out[capability] = out[list(table.index[table["vermogen"] == capability])].mean(axis=1)
    return out[_score_names()]


def _score_names() -> list[str]:
    """The scores of :func:`scores`, in order: the drivers, the capabilities, then trust and satisfaction."""
    return [*_driver_table().index, *CAPABILITIES, *_outcomes()]


def scores(survey: pd.DataFrame, *, errors: str = "raise") -> pd.DataFrame:
    """Per respondent: a score per driver, per capability, for trust and for satisfaction, and the other columns.

    A driver's score is the mean of its statements that were answered; a
    capability's is the mean of its drivers' scores that exist (equal weights:
    the course's choice, the article gives none). A respondent who answered no
    statement of a driver has no score for it (NaN).

    Args:
        survey: one row per respondent with the scan's codes as columns (what
            ``load_dataset("klantgevoeligheid")``, ``scan().read(...)`` or
            ``scan().pool(...)`` give); other columns are kept.
        errors: ``"raise"``: an answer off 1-7 is a Dutch error naming file, row
            and statement; ``"warn"``: it counts as not given, with a warning.

    Returns:
        The nine driver scores, the three capability scores (``begrijpen``,
        ``verbinden``, ``koesteren``), ``klantvertrouwen`` and ``tevredenheid``,
        then the survey's other columns (``klant_id``, ``aanbeveling`` ...), with the
        survey's index.

    Raises:
        KlantDataError: a statement's column is missing, or a wrong answer.

    >>> answers = pd.DataFrame({"ON1": [6, 2], "ON2": [4, None], "VT1": [7, 3], "klant": ["A", "B"]})
    >>> scores(answers.reindex(columns=[*scan().codes, "klant"]))[["ontvankelijkheid", "begrijpen", "klantvertrouwen", "klant"]]
       ontvankelijkheid  begrijpen  klantvertrouwen klant
    0               5.0        5.0              7.0     A
    1               2.0        2.0              3.0     B
    """
    questionnaire = scan()
    out = _scored(questionnaire.answers(survey, errors=errors))
    others = survey[[column for column in survey.columns if column not in questionnaire.codes]]
    return pd.concat([out, others], axis=1)


def profile(survey: pd.DataFrame, *, per: str = "driver", confidence: float | None = None,
            errors: str = "raise") -> pd.DataFrame:
    """The mean score per driver (or per capability), trust and satisfaction, with its interval.

    The interval is the course's one interval for a mean
    (:func:`klantlib.stats.mean_interval`) over the respondents' scores
    (:func:`scores`); respondents without a score for a row are left out of it.

    Args:
        survey: as :func:`scores`.
        per: ``"driver"`` (nine rows) or ``"vermogen"`` (three rows), each
            followed by ``klantvertrouwen`` and ``tevredenheid``.
        confidence: the level of the interval (default 0.95).
        errors: as :func:`scores`.

    Returns:
        One row per driver or capability, then the two outcomes, with
        ``vermogen`` (the capability; ``uitkomst`` for the outcomes), ``gemiddelde``,
        ``ondergrens``, ``bovengrens`` and ``respondenten``.

    Raises:
        KlantDataError: as :func:`scores`, ``per`` is neither, or the survey has
            no respondents.

    >>> answers = pd.DataFrame({code: [5, 6, 7] for code in scan().codes})
    >>> profile(answers, per="vermogen")[["gemiddelde", "respondenten"]]
                     gemiddelde  respondenten
    begrijpen               6.0             3
    verbinden               6.0             3
    koesteren               6.0             3
    klantvertrouwen         6.0             3
    tevredenheid            6.0             3
    """
    from klantlib.errors import require_rows
    from klantlib.stats import CONFIDENCE, mean_interval

    check_option("per", per, ("driver", "vermogen"))
    require_rows(survey, name="de enquête", row="respondent", consequence="is er geen gemiddelde te berekenen")
    table = scores(survey, errors=errors)
    rows = list(_driver_table().index) if per == "driver" else list(CAPABILITIES)
    rows += _outcomes()
    out = mean_interval(table[rows], confidence=CONFIDENCE if confidence is None else confidence)
    kinds = {**_driver_table()["vermogen"], **{capability: capability for capability in CAPABILITIES}}
    out.insert(0, "vermogen", [kinds.get(row, _OUTCOME) for row in rows])
    return out


def own_profile(answers, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """One respondent's scores per driver, trust and satisfaction, beside a survey's means: the scan widget's figure.

    Args:
        answers: one respondent's answers, ``{code: answer}`` (unanswered
            statements may be missing or None), checked by the questionnaire.
        table: optional, a survey's :func:`profile` (per driver), computed once
            by the caller so a widget does not recompute it on every answer.

    Returns:
        One row per driver, then ``klantvertrouwen`` and ``tevredenheid``, with
        ``vermogen``, ``jouw_score`` (NaN until a statement of it is answered),
        ``items`` (its statements answered) and, with a table,
        ``enquete_gemiddelde``, ``enquete_ondergrens`` and ``enquete_bovengrens``.
        ``attrs["beantwoord"]`` counts the statements answered.

    Raises:
        KlantDataError: an unknown statement or an answer off 1-7.

    >>> own_profile({"RP1": 6, "RP2": 7, "BT1": 3}).loc[["respect", "betrouwbaarheid", "begrip"], ["jouw_score", "items"]]
                     jouw_score  items
    respect                 6.5      2
    betrouwbaarheid         3.0      1
    begrip                  NaN      0
    """
    questionnaire = scan()
    given = {code: value for code, value in dict(answers).items() if value is not None}
    values = questionnaire.answers(given)
    row = _scored(values).iloc[0]
    rows = [*_driver_table().index, *_outcomes()]
    answered = values.iloc[0].notna().groupby(questionnaire.items["dimensie"]).sum()
    kinds = _driver_table()["vermogen"]
    out = pd.DataFrame({"vermogen": [kinds.get(name, _OUTCOME) for name in rows],
                        "jouw_score": row[rows].to_numpy(dtype=float),
                        "items": [int(answered[name]) for name in rows]}, index=pd.Index(rows))
    if table is not None:
        for column in ("gemiddelde", "ondergrens", "bovengrens"):
            out[f"enquete_{column}"] = table[column].reindex(rows)
    out.attrs["beantwoord"] = int(values.notna().sum(axis=1).iloc[0])
    return out


def own_reading(table: pd.DataFrame, organisation: str = "jouw organisatie") -> str:
    """A Dutch reading of :func:`own_profile`: how many statements, the highest and lowest driver, against the survey's mean.

    >>> print(own_reading(own_profile({"RP1": 6, "RP2": 7, "BT1": 3, "VT1": 5}), "de bibliotheek"))
    Je hebt 4 van de 21 stellingen beantwoord voor de bibliotheek. Het hoogst scoort respect (6,5), het laagst betrouwbaarheid (3,0). Jouw scores voor de uitkomst: klantvertrouwen 5,0.
    """
    done, total = table.attrs.get("beantwoord", 0), len(scan().codes)
    if not done:
        return f"Nog geen stelling beantwoord: kies bij elke stelling hoe {organisation} het doet (1 tot 7)."
    parts = [f"Je hebt {done} van de {total} stellingen beantwoord voor {organisation}."]
    known = table.loc[[name for name in _driver_table().index if name in table.index]].dropna(subset=["jouw_score"])
    if len(known) > 1:
        high, low = known["jouw_score"].idxmax(), known["jouw_score"].idxmin()
        parts.append(f"Het hoogst scoort {high} ({number(known.at[high, 'jouw_score'], 1)}), het laagst {low} "
                     f"({number(known.at[low, 'jouw_score'], 1)}).")
    outcomes = [f"{name} {number(table.at[name, 'jouw_score'], 1)}" for name in _outcomes()
                if name in table.index and pd.notna(table.at[name, "jouw_score"])]
    if outcomes:
        parts.append(f"Jouw scores voor de uitkomst: {listing(outcomes, limit=None)}.")
    if "enquete_gemiddelde" in table.columns and len(known):
        above = list(known.index[known["jouw_score"] > known["enquete_gemiddelde"]])
        below = list(known.index[known["jouw_score"] < known["enquete_gemiddelde"]])
        if above:
            parts.append(f"Hoger dan het gemiddelde van de vergelijkingsgroep: {listing(above, limit=None)}.")
        if below:
            parts.append(f"Lager: {listing(below, limit=None)}.")
        parts.append("Het interval gaat over het gemiddelde van de groep, niet over één klant: één klant ligt er "
                     "vaak ver vanaf.")
    return " ".join(parts)


def _target(survey: pd.DataFrame, target: str, table: pd.DataFrame, errors: str) -> pd.Series:
    """The target of :func:`links`: a score of :func:`scores`, or the recommendation question (0-10), checked."""
    from klantlib import nps
    from klantlib.survey import check_answers

    scored = _score_names()
    if target in scored:
        return table[target]
    if target == "aanbeveling" or target in survey.columns:
        from klantlib.parsing import require_columns

        require_columns(survey, [target])
        return check_answers(survey, [target], scale=nps.SCALE[1], low=nps.SCALE[0], errors=errors)[target]
    raise KlantDataError(f"Onbekende target {target!r}: kies 'aanbeveling' (de vraag van de NPS, 0-10) of een "
                         f"score, zoals {listing(scored[-5:], quote=True, word='of')}.")


def links(survey: pd.DataFrame, target: str = "aanbeveling", *, confidence: float | None = None,
          errors: str = "raise") -> pd.DataFrame:
    """How closely each driver, capability, trust and satisfaction go together with ``target``: Pearson's r.

    r is computed over the respondents who have both scores
    (:func:`klantlib.stats.correlation`, with Fisher's 95% interval). A high r
    means that respondents who score a driver high also tend to score the target
    high; it does not show that the driver causes it: both can follow a third
    thing (the customer's mood, the shop he visits).

    Args:
        survey: as :func:`scores`.
        target: ``"aanbeveling"`` (the recommendation question, 0-10, read by the
            NPS's rule) or a score of :func:`scores` (``"klantvertrouwen"``).
        confidence: the level of the interval (default 0.95).
        errors: as :func:`scores`, also for the target's answers.

    Returns:
        One row per score (every driver, capability and outcome but the target),
        highest r first, with ``soort`` (``driver``, ``vermogen`` or ``uitkomst``),
        ``r``, ``ondergrens``, ``bovengrens``, ``p`` and ``paren``.
        ``attrs["target"]`` names the target.

    Raises:
        KlantDataError: as :func:`scores`, an unknown target, a wrong answer in
            the target's column (naming file, column and row), or no respondents.

    >>> answers = pd.DataFrame({code: [2, 4, 5, 6, 7] for code in scan().codes})
    >>> answers["TV1"] = [5, 6, 4, 6, 5]
    >>> answers["aanbeveling"] = [3, 6, 7, 9, 10]
    >>> links(answers).loc[["klantvertrouwen", "tevredenheid"], ["soort", "r", "paren"]].round(3)
                        soort      r  paren
    klantvertrouwen  uitkomst  0.997      5
    tevredenheid     uitkomst  0.109      5
    """
    from klantlib.errors import require_rows
    from klantlib.stats import CONFIDENCE, correlation

    require_rows(survey, name="de enquête", row="respondent", consequence="is er geen samenhang te berekenen")
    table = scores(survey, errors=errors)
    values = _target(survey, target, table, errors)
    kinds = {driver: "driver" for driver in _driver_table().index} | {c: "vermogen" for c in CAPABILITIES} | {
        outcome: _OUTCOME for outcome in _outcomes()}
    columns = [column for column in kinds if column != target]
    out = correlation(table[columns], values, confidence=CONFIDENCE if confidence is None else confidence)
    out.insert(0, "soort", [kinds[column] for column in columns])
    out = out.sort_values("r", ascending=False, kind="stable")
    out.attrs["target"] = target
    return out


def links_reading(table: pd.DataFrame) -> str:
    """A Dutch reading of :func:`links`: the strongest link, where satisfaction and trust stand, and the caveat.

    >>> answers = pd.DataFrame({code: [2, 4, 5, 6, 7] for code in scan().codes})
    >>> answers["TV1"] = [5, 6, 4, 6, 5]
    >>> answers["aanbeveling"] = [3, 6, 7, 9, 10]
    >>> print(links_reading(links(answers)))  # doctest: +ELLIPSIS
    Met aanbeveling hangt ontvankelijkheid het sterkst samen (r = 0,997, 95%-interval 0,947 tot 1,000, 5 klanten die beide invulden). ... Tevredenheid staat op plaats 14 van 14: r = 0,109 (-0,856 tot 0,904). ... samenhang is geen oorzaak.
    """
    target = table.attrs.get("target", "de doelscore")
    known = table.dropna(subset=["r"])
    if known.empty:
        return f"Er is geen samenhang met {target} te berekenen: te weinig respondenten met beide scores."

    def stated(name: str) -> str:
        row = known.loc[name]
        return (f"r = {number(row['r'], 3)} ({number(row['ondergrens'], 3)} tot {number(row['bovengrens'], 3)})")

    top = known.index[0]
    first = known.iloc[0]
    parts = [f"Met {target} hangt {top} het sterkst samen (r = {number(first['r'], 3)}, 95%-interval "
             f"{number(first['ondergrens'], 3)} tot {number(first['bovengrens'], 3)}, "
             f"{int(first['paren'])} klanten die beide invulden)."]
    if TRUST in known.index and TRUST != top:
        parts.append(f"Klantvertrouwen: {stated(TRUST)}.")
    if SATISFACTION in known.index:
        place = list(known.index).index(SATISFACTION) + 1
        parts.append(f"Tevredenheid staat op plaats {place} van {len(known)}: {stated(SATISFACTION)}.")
        above = known.iloc[:place - 1]
        clear = list(above.index[above["ondergrens"] > known.at[SATISFACTION, "bovengrens"]])
        if clear:
            parts.append(f"Bij {len(clear)} van de {len(known)} scores ligt het hele interval boven dat van "
                         f"tevredenheid ({listing(clear, limit=None)}): een ruwe aanwijzing dat ze sterker met "
                         f"{target} samenhangen, geen toets.")
    parts.append("Een hoge r zegt dat klanten die het een hoog scoren vaak ook het ander hoog scoren, niet dat het "
                 "een het ander veroorzaakt: samenhang is geen oorzaak.")
    return " ".join(parts)


def nps_by_level(survey: pd.DataFrame, score: str = TRUST, *, column: str = "aanbeveling",
                 errors: str = "raise") -> pd.DataFrame:
    """The Net Promoter Score per level of a score: do customers who trust more also recommend more?

    The levels are :data:`LEVELS` (the course's cut on 1-7): ``laag (onder 4)``,
    ``midden (4 tot 5,5)``, ``hoog (5,5 of hoger)``. Respondents without the score
    are left out, with a warning that counts them (:func:`klantlib.nps.nps`).

    Args:
        survey: as :func:`scores`, with the recommendation question in ``column``.
        score: a score of :func:`scores`: a driver, a capability, ``klantvertrouwen``
            or ``tevredenheid``.
        column: the column with the recommendation question (0-10).
        errors: as :func:`scores`.

    Returns:
        The table of :func:`klantlib.nps.nps`, one row per level (an empty level
        stays, with NaN).

    Raises:
        KlantDataError: as :func:`scores`, an unknown score, or a wrong answer
            to the recommendation question.

    >>> answers = pd.DataFrame({code: [2, 5, 6, 7] for code in scan().codes})
    >>> answers["aanbeveling"] = [3, 8, 9, 10]
    >>> nps_by_level(answers)[["antwoorden", "nps"]]
                         antwoorden    nps
    groep
    laag (onder 4)                1 -100.0
    midden (4 tot 5,5)            1    0.0
    hoog (5,5 of hoger)           2  100.0
    """
    from klantlib.nps import nps
    from klantlib.parsing import require_columns

    table = scores(survey, errors=errors)
    known = _score_names()
    if score not in known:
        raise KlantDataError(f"Onbekende score {score!r}: kies een driver, een vermogen, 'klantvertrouwen' of "
                             f"'tevredenheid' ({listing(known, quote=True, limit=None, word='of')}).")
    require_columns(survey, [column])
    labels = [label for label, _ in LEVELS]
    edges = [low for _, low in LEVELS][1:]
    level = pd.cut(table[score], bins=[-float("inf"), *edges, float("inf")], right=False, labels=labels)
    return nps(survey[column], by=level, errors=errors)


# -- HET / WIJ / IK -------------------------------------------------------------------------------------------

@cache
def _sides_data() -> tuple[dict, ...]:
    from klantlib._resources import package_toml

    return tuple(package_toml("het_wij_ik.toml")["side"])


def sides() -> pd.DataFrame:
    """HET, WIJ and IK: what each side of customer-centricity is about, and the keywords that recognise it.

    >>> sides()[["label"]]
                                  label
    kant
    HET  processen en harde prestaties
    WIJ        cultuur en samenwerking
    IK          houding en leiderschap
    """
    rows = [{"kant": side["name"], "label": side["label"], "wat": side["what"],
             "trefwoorden": ", ".join(side["keywords"])} for side in _sides_data()]
    return pd.DataFrame(rows).set_index("kant")


def _keywords_found(text: str) -> dict[str, list[str]]:
    """Per side the keywords that start a word of ``text`` (case ignored)."""
    lowered = str(text).casefold()
    found = {}
    for side in _sides_data():
        hits = [word for word in side["keywords"] if re.search(r"(?<!\w)" + re.escape(word.casefold()), lowered)]
        if hits:
            found[side["name"]] = hits
    return found


def classify_measures(measures, *, column: str = "maatregel") -> pd.DataFrame:
    """Sort an organisation's measures into HET, WIJ and IK, by their words, or as the student says.

    A measure's side is the one whose keywords (:func:`sides`, the course's list
    in ``klantlib/het_wij_ik.toml``) start a word of its description, case
    ignored: "KPI-dashboard" is HET, "coaching van teamleiders" IK. A measure
    whose words point to two sides, or to none, is not guessed: ``kant`` stays
    empty and ``toelichting`` says why; fill in a column ``kant`` yourself for
    those. A ``kant`` you filled in is never overruled.

    Args:
        measures: a table with one measure per row, its description in ``column``
            (and optionally ``kant``, other columns such as ``budget`` are kept),
            or a list of descriptions.
        column: the column with the descriptions.

    Returns:
        The table (a list becomes a table with ``column``) with ``kant``
        (``HET``, ``WIJ``, ``IK`` or empty), ``trefwoorden`` (the words found, per
        side) and ``toelichting`` (Dutch). A warning counts the measures without
        a side.

    Raises:
        KlantDataError: no measures, the column is missing, a description is
            empty, or a filled-in ``kant`` is not HET, WIJ or IK (naming file, row
            and value).

    >>> out = classify_measures(["KPI-dashboard voor de levertijden", "Coaching van teamleiders",
    ...                          "Teamdag: klantverhalen delen"])
    >>> out[["kant", "trefwoorden"]]
      kant                trefwoorden
    0  HET        HET: kpi, dashboard
    1   IK                  IK: coach
    2  WIJ  WIJ: klantverhal, teamdag
    """
    from klantlib.errors import require_rows
    from klantlib.parsing import require_columns, text_key, value_error

    if isinstance(measures, (list, tuple, pd.Series)):
        measures = pd.DataFrame({column: list(measures)})
    require_columns(measures, [column], fix=f"Zet de omschrijving van elke maatregel in een kolom '{column}', of "
                                            "geef de kolom met column='...'.")
    require_rows(measures, name="de lijst met maatregelen", row="maatregel", consequence="valt er niets in te delen")
    source = measures.attrs.get("source")
    text = measures[column]
    empty = text.isna() | text.astype(str).str.strip().eq("")
    if empty.any():
        raise value_error(text, empty, what="geen omschrijving", column=column, source=source,
                          fix="Beschrijf elke maatregel in een paar woorden, of haal de lege rij weg.")
    out = measures.copy()
    given = pd.Series(pd.NA, index=out.index, dtype="object")
    if "kant" in out.columns:
        filled = out["kant"].notna() & out["kant"].astype(str).str.strip().ne("")
        keys = out["kant"].where(filled).map(lambda v: text_key(v).upper() if pd.notna(v) else v)
        wrong = filled & ~keys.isin(SIDES)
        if wrong.any():
            raise value_error(out["kant"], wrong, what="een kant die niet bestaat", column="kant", source=source,
                              fix="Schrijf HET, WIJ of IK, of laat de cel leeg om de trefwoorden te laten kiezen.")
        given = keys.where(filled)
    sides_out, words, notes = [], [], []
    for description, own in zip(text, given):
        found = _keywords_found(description)
        words.append("; ".join(f"{side}: {', '.join(hits)}" for side, hits in found.items()))
        if pd.notna(own):
            sides_out.append(own)
            notes.append("zelf ingedeeld")
        elif len(found) == 1:
            side = next(iter(found))
            sides_out.append(side)
            notes.append(f"herkend aan {listing(found[side], quote=True)}")
        elif found:
            sides_out.append(pd.NA)
            notes.append(f"wijst naar {listing(list(found), word='en')}: kies zelf in de kolom 'kant'")
        else:
            sides_out.append(pd.NA)
            notes.append("geen trefwoord herkend: kies zelf in de kolom 'kant'")
    out["kant"] = pd.array(sides_out, dtype="string")
    out["trefwoorden"] = words
    out["toelichting"] = notes
    open_ = int(out["kant"].isna().sum())
    if open_:
        warn(f"{open_} van de {len(out)} maatregelen {'heeft' if open_ == 1 else 'hebben'} nog geen kant (zie "
             "'toelichting'): vul de kolom 'kant' in met HET, WIJ of IK en deel opnieuw in.")
    return out


def side_balance(classified: pd.DataFrame, *, weight: str | None = None, over: float = 0.5,
                 under: float = 1 / 6) -> pd.DataFrame:
    """Where an organisation puts its weight: per side the number of measures and its share.

    The share is of the measures with a side, or with ``weight`` of their total
    (a budget, hours). The article says organisations stress HET and neglect
    WIJ and IK, and that all three matter; it gives no norm. The course reads an
    even split (a third each) as the point of reference: a side with more than
    ``over`` (one half) of the total gets "veel nadruk", one with less than
    ``under`` (one sixth, half of a third) "weinig aandacht", the rest "in balans".

    Args:
        classified: the result of :func:`classify_measures` (a column ``kant``).
        weight: optional, a column of numbers to add up per side (``budget``).
        over, under: the course's bounds of the shares, as fractions.

    Returns:
        One row per side (index ``kant``: HET, WIJ, IK, also a side without
        measures) with ``maatregelen``, the ``weight`` column's total when given,
        ``aandeel`` (a fraction) and ``oordeel``. ``attrs["zonder_kant"]``
        counts the measures left out because they have no side (with a warning).

    Raises:
        KlantDataError: no column ``kant`` or ``weight``, no measures (an empty
            selection), a weight that is not a
            number or negative (naming file, column and row), or no measure with
            a side (or a total weight of 0).

    >>> measures = pd.DataFrame({"maatregel": ["CRM-pakket", "KPI-dashboard", "Training gastvrijheid"],
    ...                          "budget": [60000, 20000, 20000]})
    >>> side_balance(classify_measures(measures), weight="budget")
          maatregelen  budget  aandeel           oordeel
    kant
    HET             2   80000      0.8       veel nadruk
    WIJ             0       0      0.0  weinig aandacht
    IK              1   20000      0.2         in balans
    """
    from klantlib.errors import require_rows
    from klantlib.parsing import require_columns, to_numbers, value_error, whole_if_possible

    require_columns(classified, ["kant"], fix="Deel de maatregelen eerst in met classify_measures(...).")
    require_rows(classified, name="de lijst met maatregelen", row="maatregel",
                 consequence="valt er geen verdeling te maken")
    if not 0 <= under < 1 / 3 < over <= 1:
        raise KlantDataError(f"Kies under onder een derde en over erboven (als fractie), niet under={under!r}, "
                             f"over={over!r}.")
    has_side = classified["kant"].notna()
    if weight is not None:
        require_columns(classified, [weight])
        amounts = to_numbers(classified[weight], column=weight, source=classified.attrs.get("source"))
        bad = amounts.isna() | (amounts < 0)
        if bad.any():
            raise value_error(classified[weight], bad, what="geen bedrag van 0 of meer", column=weight,
                              source=classified.attrs.get("source"),
                              fix="Vul bij elke maatregel een getal in (0 als er niets aan uitgegeven is).")
    open_ = int((~has_side).sum())
    if open_:
        warn(f"{open_} van de {len(classified)} maatregelen {'telt' if open_ == 1 else 'tellen'} niet mee: ze "
             "hebben geen kant. Vul de kolom 'kant' in en deel opnieuw in.")
    kept = classified[has_side]
    if kept.empty:
        raise KlantDataError("Geen enkele maatregel heeft een kant, dus valt er geen verdeling te maken. Vul de "
                             "kolom 'kant' in met HET, WIJ of IK.")
    side = pd.Categorical(kept["kant"], categories=list(SIDES))
    out = pd.DataFrame({"maatregelen": kept.groupby(side, observed=False).size()})
    if weight is None:
        basis = out["maatregelen"]
    else:
        out[weight] = whole_if_possible(amounts[has_side].groupby(side, observed=False).sum())
        basis = out[weight]
    if basis.sum() == 0:
        raise KlantDataError(f"Het totaal van '{weight}' is 0, dus valt er geen aandeel te berekenen.")
    out["aandeel"] = basis / basis.sum()
    out["oordeel"] = ["veel nadruk" if share > over else "weinig aandacht" if share < under else "in balans"
                      for share in out["aandeel"]]
    out.index.name = "kant"
    out.attrs["zonder_kant"] = open_
    return out


def balance_reading(balance: pd.DataFrame, organisation: str = "de organisatie") -> str:
    """A Dutch reading of :func:`side_balance`: where the weight lies and what the article would ask.

    >>> measures = pd.DataFrame({"maatregel": ["CRM-pakket", "KPI-dashboard", "Training gastvrijheid"]})
    >>> print(balance_reading(side_balance(classify_measures(measures)), "Trapper"))
    Trapper legt veel nadruk op HET (66,7%). Weinig aandacht: WIJ (0,0%). Het artikel van De Haan & Langerak vraagt om alle drie de kanten; een kant zonder maatregelen is een vraag om te stellen, geen bewijs dat er niets gebeurt.
    """
    from klantlib.formatting import percent

    def shares(kind: str) -> list[str]:
        chosen = balance[balance["oordeel"] == kind]
        return [f"{side} ({percent(share, 1)})" for side, share in chosen["aandeel"].items()]

    heavy, light = shares("veel nadruk"), shares("weinig aandacht")
    parts = []
    if heavy:
        parts.append(f"{organisation[:1].upper()}{organisation[1:]} legt veel nadruk op {listing(heavy)}.")
    if light:
        parts.append(f"Weinig aandacht: {listing(light)}.")
    if not parts:
        parts.append(f"{organisation[:1].upper()}{organisation[1:]} verdeelt de maatregelen redelijk over de "
                     "drie kanten: geen kant boven de helft of onder een zesde.")
    parts.append("Het artikel van De Haan & Langerak vraagt om alle drie de kanten; een kant zonder maatregelen is "
                 "een vraag om te stellen, geen bewijs dat er niets gebeurt.")
    return " ".join(parts)


def development_phases() -> pd.DataFrame:
    """The four phases of a programme to develop customer sensitivity, with their aim and instruments.

    After De Haan & Langerak's figure 2, in the course's words: a management
    instrument that line management owns, not a measuring instrument.

    >>> development_phases()["naam"].tolist()
    ['bewustwording', 'leiderschap', 'presteren', 'monitoren en verbeteren']
    """
    from klantlib._resources import package_csv

    return package_csv("ontwikkelfasen.csv", index_col="fase")
