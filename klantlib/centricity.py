"""Customer-centricity measured: the benchmark self-scan, the mirror and the customer metrics (notebook 07; §1.5).

The benchmark Klantgericht Ondernemen (Rijksuniversiteit Groningen, Cmotions,
SAMR and the Platform voor Klantgericht Ondernemen; model after Shah et al.,
2006) measures *klantgerichtheid*: how far an organisation uses individual
customer data to meet its customers' wishes profitably. This module holds what
notebook 07 measures with it:

- :func:`benchmark`: the eleven statements as a questionnaire
  (``Questionnaire.load("benchmark")``), each with the benchmark's published
  mean as ``referentie``; :meth:`~klantlib.survey.Questionnaire.compare` sets an
  organisation's scan against them;
- :func:`scan_profile` and :func:`scan_reading`: one respondent's scan (the
  widget of notebook 07) per statement against the benchmark's means and a
  survey's, and what it says in Dutch;
- :func:`mirror`: the same statements answered by the organisation about itself
  and by its customers about it (``Questionnaire.load("spiegel")``): per statement
  the difference with a 95% interval (Welch, :func:`klantlib.stats.mean_difference`);
  :func:`mirror_reading` says in Dutch where the largest gaps are;
- :func:`registered_metrics`: the share of organisations in the benchmark that
  register each customer metric, and whether Trapper's data can give it.

The customer metrics themselves are in :mod:`klantlib.nps` (recommendation) and
:mod:`klantlib.customer_value` (revenue, margin, retention, CLV).

>>> float(benchmark().items.loc["B8", "referentie"])
5.68
>>> int(registered_metrics().loc["share_of_wallet", "geregistreerd"])
15
"""

from __future__ import annotations

import pandas as pd

from klantlib.errors import KlantDataError
from klantlib.survey import Questionnaire

__all__ = ["MIRROR_COLUMNS", "PERCEPTION_GAP", "benchmark", "customers_view", "mirror", "mirror_reading",
           "registered_metrics", "scan_profile", "scan_reading"]

#: The perception gap De Haan & Langerak cite: the share of 362 companies that believe their customers see
#: them as superior, and the share of those customers who agree (Bain); the trust sixty Dutch organisations
#: think their customers give them, and the trust the customers give (Seven/Integron), on a scale of 10.
PERCEPTION_GAP = {"bedrijven_superieur": 0.80, "klanten_eens": 0.08, "vertrouwen_bedrijf": 8.0,
                  "vertrouwen_klant": 5.5}

#: The columns of :func:`mirror`.
MIRROR_COLUMNS = ("tekst", "klanttekst", "aspect", "zelfbeeld", "klantbeeld", "verschil", "ondergrens", "bovengrens",
                  "medewerkers", "klanten", "oordeel")

#: What :func:`mirror` says about a statement, by where its interval lies.
HIGHER, LOWER, NONE = "zelfbeeld hoger", "klantbeeld hoger", "geen duidelijk verschil"


def benchmark() -> Questionnaire:
    """The eleven statements of the benchmark, with its published means as ``referentie`` (scale 1-7).

    >>> scan = benchmark()
    >>> scan.scale, scan.ends, len(scan.codes)
    ((1, 7), ('geheel niet mee eens', 'geheel mee eens'), 11)
    """
    return Questionnaire.load("benchmark")


def customers_view() -> Questionnaire:
    """The customers' side of the mirror: the benchmark statements a customer can judge, in his words.

    >>> customers_view().codes
    ['B1', 'B2', 'B4', 'B5', 'B6', 'B8', 'B10', 'B11']
    """
    return Questionnaire.load("spiegel")


def registered_metrics() -> pd.DataFrame:
    """The customer metrics of the benchmark: how many organisations register each, and what Trapper can do.

    The percentages are those the benchmark publishes for its 162 respondents.
    The columns ``trapper`` (``"ja"`` or ``"nee"``: can Trapper's data give it?)
    and ``nodig`` (the data it needs) are the course's.

    Returns:
        One row per metric (index ``code``) with ``maatstaf``, ``geregistreerd``
        (% of organisations), ``wat_het_zegt``, ``trapper`` and ``nodig``.

    >>> registered_metrics()[["geregistreerd", "trapper"]].loc[["omzet", "clv"]]
           geregistreerd trapper
    code
    omzet             77      ja
    clv               17      ja
    """
    from klantlib._resources import package_csv

    return package_csv("klantmaatstaven.csv", index_col="code")


def scan_profile(answers, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """One respondent's self-scan per statement, beside the benchmark's mean and (optionally) a survey's.

    Args:
        answers: one respondent's answers, ``{code: answer}`` (unanswered
            statements may be missing or None), checked by the questionnaire.
        table: optional, a survey's comparison with the benchmark,
            ``benchmark().compare(survey)`` (Trapper's employees, the class):
            its means and intervals are put beside the answers. Computed once by
            the caller, so a widget does not recompute it on every answer.

    Returns:
        One row per statement (index ``code``) with ``tekst``, ``aspect``,
        ``referentie`` (the benchmark's mean), ``jouw_antwoord`` (NaN until
        answered), ``verschil`` (your answer − the benchmark's mean) and, with a
        table, ``gemiddelde``, ``ondergrens``, ``bovengrens`` and ``respondenten``.
        ``attrs["beantwoord"]`` counts the statements answered.

    Raises:
        KlantDataError: an answer off the scale (naming the statement).

    >>> scan_profile({"B1": 7, "B3": 2}).loc[["B1", "B3"], ["referentie", "jouw_antwoord", "verschil"]]
          referentie  jouw_antwoord  verschil
    code
    B1          5.17            7.0      1.83
    B3          4.36            2.0     -2.36
    """
    scan = benchmark()
    given = {code: value for code, value in dict(answers).items() if value is not None}
    values = scan.answers(given).iloc[0]
    out = scan.items[["tekst", "aspect", "referentie"]].copy()
    out["jouw_antwoord"] = values
    out["verschil"] = out["jouw_antwoord"] - out["referentie"]
    if table is not None:
        for column in ("gemiddelde", "ondergrens", "bovengrens", "respondenten"):
            out[column] = table[column]
    out.attrs["beantwoord"] = int(values.notna().sum())
    return out


def scan_reading(profile: pd.DataFrame, organisation: str = "jouw organisatie") -> str:
    """A Dutch reading of :func:`scan_profile`: how many answers lie above the benchmark, and the largest gaps.

    >>> print(scan_reading(scan_profile({"B1": 7, "B3": 2, "B8": 6}), "de bibliotheek"))
    Je gaf 3 van de 11 antwoorden. De bibliotheek scoort boven het gemiddelde van de benchmark bij 2 daarvan en eronder bij 1. Het meest erboven: B1 (7 tegen 5,17); het meest eronder: B3 (2 tegen 4,36).
    """
    from klantlib.formatting import number

    answered = profile.dropna(subset=["jouw_antwoord"])
    if answered.empty:
        return "Vul de stellingen in; dan zie je hier hoe je antwoorden zich verhouden tot de benchmark."
    above = answered[answered["verschil"] > 0]
    below = answered[answered["verschil"] < 0]
    name = organisation[:1].upper() + organisation[1:]
    text = (f"Je gaf {len(answered)} van de {len(profile)} antwoorden. {name} scoort boven het gemiddelde van de "
            f"benchmark bij {len(above)} daarvan en eronder bij {len(below)}.")
    extremes = []
    if len(above):
        code = above["verschil"].idxmax()
        extremes.append(f"het meest erboven: {code} ({number(answered.at[code, 'jouw_antwoord'])} tegen "
                        f"{number(answered.at[code, 'referentie'], 2)})")
    if len(below):
        code = below["verschil"].idxmin()
        extremes.append(f"het meest eronder: {code} ({number(answered.at[code, 'jouw_antwoord'])} tegen "
                        f"{number(answered.at[code, 'referentie'], 2)})")
    if extremes:
        joined = "; ".join(extremes)
        text += f" {joined[0].upper()}{joined[1:]}."
    return text


def _questionnaire(which) -> Questionnaire:
    if isinstance(which, Questionnaire):
        return which
    if isinstance(which, str):
        return Questionnaire.load(which)
    raise KlantDataError(f"Geef een vragenlijst (Questionnaire) of haar naam, zoals 'benchmark', niet "
                         f"{type(which).__name__}.")


def mirror(own: pd.DataFrame, customers: pd.DataFrame, *, own_questionnaire="benchmark",
           customers_questionnaire="spiegel", confidence: float = 0.95, errors: str = "raise") -> pd.DataFrame:
    """Self-image against the customers' image: per statement both means and their difference with its interval.

    Only the statements in both questionnaires are compared (the customers'
    questionnaire leaves out what a customer cannot see). Each side's answers
    are read and checked by its questionnaire
    (:meth:`~klantlib.survey.Questionnaire.answers`), so a file, a pooled class
    survey (:meth:`~klantlib.survey.Questionnaire.pool`) or a DataFrame all work.
    The difference is the organisation's mean minus the customers' mean, with
    Welch's interval for two independent groups
    (:func:`klantlib.stats.mean_difference`).

    ``oordeel`` is the course's reading of the interval: ``"zelfbeeld hoger"``
    when the whole interval lies above 0, ``"klantbeeld hoger"`` when it lies
    below 0, ``"geen duidelijk verschil"`` when it contains 0 (or can't be
    computed). A small difference can still be "clear" with many respondents:
    read the size of ``verschil`` too.

    Args:
        own: the organisation's answers about itself (employees, managers).
        customers: the customers' answers about the organisation.
        own_questionnaire, customers_questionnaire: the questionnaires (or
            their names) of the two sides.
        confidence: the level of the interval (0.95: 95%).
        errors: ``"raise"`` or ``"warn"``, for wrong answers
            (see :meth:`~klantlib.survey.Questionnaire.answers`).

    Returns:
        One row per shared statement (index ``code``) with :data:`MIRROR_COLUMNS`:
        the statement's ``tekst`` (the organisation's wording), ``klanttekst``
        (the customers' wording: a statement about the same thing from the
        customer's side, not the same sentence) and ``aspect``,
        the means ``zelfbeeld`` and ``klantbeeld``, ``verschil``, the interval
        ``ondergrens``-``bovengrens``, the numbers of answers ``medewerkers`` and
        ``klanten``, and the ``oordeel``.

    Raises:
        KlantDataError: the questionnaires share no statement, or a side's answers
            are wrong or missing (naming file, column and row).

    >>> staff = pd.DataFrame({code: [5, 4, 5, 6] for code in benchmark().codes}).assign(B10=[6, 7, 6, 6])
    >>> clients = pd.DataFrame({code: [5, 5, 4, 6, 5] for code in customers_view().codes}).assign(B10=[4, 3, 5, 4, 4])
    >>> mirror(staff, clients).loc[["B2", "B10"], ["zelfbeeld", "klantbeeld", "verschil", "oordeel"]]
          zelfbeeld  klantbeeld  verschil                  oordeel
    code
    B2         5.00         5.0      0.00  geen duidelijk verschil
    B10        6.25         4.0      2.25          zelfbeeld hoger
    """
    from klantlib.stats import mean_difference

    ours, theirs = _questionnaire(own_questionnaire), _questionnaire(customers_questionnaire)
    shared = [code for code in ours.codes if code in theirs.codes]
    if not shared:
        raise KlantDataError(f"De vragenlijsten '{ours.name}' en '{theirs.name}' hebben geen enkele stelling (code) "
                             "gemeen, dus er is niets te spiegelen. Geef beide kanten dezelfde codes.")
    # 1. Each side's answers, checked by its own questionnaire (a blank stays blank).
    own_values = ours.answers(own, errors=errors)[shared]
    customer_values = theirs.answers(customers, errors=errors)[shared]
    # 2. Per statement: both means and their difference with Welch's interval.
    both = mean_difference(own_values, customer_values, confidence=confidence)
    out = pd.DataFrame({"tekst": ours.items.loc[shared, "tekst"], "klanttekst": theirs.items.loc[shared, "tekst"],
                        "aspect": ours.items.loc[shared, "aspect"] if "aspect" in ours.items else "",
                        "zelfbeeld": both["gemiddelde_1"], "klantbeeld": both["gemiddelde_2"],
                        "verschil": both["verschil"], "ondergrens": both["ondergrens"],
                        "bovengrens": both["bovengrens"], "medewerkers": both["n_1"], "klanten": both["n_2"]})
    # 3. The reading of each interval: above 0, below 0, or around it.
    out["oordeel"] = NONE
    out.loc[out["ondergrens"] > 0, "oordeel"] = HIGHER
    out.loc[out["bovengrens"] < 0, "oordeel"] = LOWER
    out.index.name = "code"
    return out


def mirror_reading(table: pd.DataFrame, *, largest: int = 3, own: str = "de organisatie",
                   customers: str = "haar klanten") -> str:
    """A Dutch reading of :func:`mirror`: the largest clear gaps, and where both sides agree.

    It names statements by their code (the two sides word a statement
    differently: show the table for the texts).

    Args:
        table: the result of :func:`mirror`.
        largest: how many clear gaps to name at most, largest first.
        own, customers: how the reading names the two sides ("Trapper", "zijn klanten").

    Returns:
        A few sentences, the numbers the Dutch way.

    Raises:
        KlantDataError: the table is not made by :func:`mirror`, or is empty.

    >>> table = pd.DataFrame({"tekst": ["A.", "B."], "klanttekst": ["a.", "b."], "aspect": ["cultuur", "processen"],
    ...     "zelfbeeld": [6.2, 5.0], "klantbeeld": [4.1, 5.1], "verschil": [2.1, -0.1],
    ...     "ondergrens": [1.8, -0.4], "bovengrens": [2.4, 0.2], "medewerkers": [40, 40], "klanten": [300, 300],
    ...     "oordeel": ["zelfbeeld hoger", "geen duidelijk verschil"]}, index=pd.Index(["B10", "B2"], name="code"))
    >>> print(mirror_reading(table, own="Trapper", customers="zijn klanten"))
    Trapper ziet zichzelf duidelijk positiever dan zijn klanten doen bij 1 van de 2 stellingen. Het grootste verschil: B10: 6,2 tegen 4,1, een verschil van 2,1 (95%-interval 1,8 tot 2,4). Geen duidelijk verschil bij B2: daar kan het verschil toeval zijn (dat is nog niet hetzelfde als gelijk).
    """
    from klantlib.formatting import counted, listing, number

    missing = [column for column in MIRROR_COLUMNS if column not in getattr(table, "columns", [])]
    if missing:
        raise KlantDataError("Geef de tabel die mirror(...) maakt; hier ontbreekt "
                             f"{listing(missing, quote=True)}.")
    if table.empty:
        return "Er zijn geen stellingen om te vergelijken: de tabel is leeg."
    higher = table[table["oordeel"] == HIGHER].sort_values("verschil", ascending=False)
    lower = table[table["oordeel"] == LOWER].sort_values("verschil")
    same = table[table["oordeel"] == NONE]
    total = counted(len(table), "stelling", "stellingen")

    def gap(code, row) -> str:
        return (f"{code}: {number(row['zelfbeeld'], 1)} tegen {number(row['klantbeeld'], 1)}, "
                f"een verschil van {number(abs(row['verschil']), 1)} (95%-interval {number(row['ondergrens'], 1)} "
                f"tot {number(row['bovengrens'], 1)})")

    parts = []
    if len(higher):
        parts.append(f"{own[0].upper()}{own[1:]} ziet zichzelf duidelijk positiever dan {customers} doen bij "
                     f"{len(higher)} van de {total}.")
        shown = [gap(code, row) for code, row in higher.head(largest).iterrows()]
        parts.append(("Het grootste verschil: " if len(shown) == 1 else "De grootste verschillen: ")
                     + "; ".join(shown) + ".")
    if len(lower):
        parts.append(f"{customers[0].upper()}{customers[1:]} zijn duidelijk positiever dan {own} zelf bij "
                     f"{listing(list(lower.index), limit=None)}.")
    if not len(higher) and not len(lower):
        parts.append(f"Bij geen van de {total} verschillen {own} en {customers} duidelijk: elk interval bevat 0.")
    elif len(same):
        parts.append(f"Geen duidelijk verschil bij {listing(list(same.index), limit=None)}: daar kan het verschil "
                     "toeval zijn (dat is nog niet hetzelfde als gelijk).")
    return " ".join(parts)
