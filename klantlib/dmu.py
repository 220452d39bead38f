"""Buying roles, the DMU and the three buying situations (Meertens & Mulders, §1.2; notebook 02).

A purchase is rarely decided by one person. The book's table 1.1 names six roles
(:data:`ROLES`): *initiator*, *beïnvloeder*, *gatekeeper* (in table 1.1 only in
the business-to-business market), *beslisser*, *koper* and *gebruiker*. In an
organisation the people who take part in a buying decision form the DMU (decision
making unit). There are three buying situations (:data:`BUYCLASSES`): a *new task*,
where many departments and people take part and the DMU is least clear to the
seller; a *modified rebuy*; and a *straight rebuy*, where the DMU is clearest
(Robinson, Faris & Wind, 1967). That the DMU also gets smaller from new task to
straight rebuy is the course's reading, not the book's.

- :func:`dmu_summary`: per purchase the number of people, the roles covered and
  the people with several roles; and the same per buying situation.
- :func:`role_matrix`: who holds which role, as a people × roles table of
  True/False (what :func:`klantlib.views.dmu.role_grid` draws).
- :func:`dmu_sizes`: the DMU size per buying situation, the mean and how many
  purchases had each size (what :func:`klantlib.views.dmu.dmu_size_bars` draws).
- :func:`jobs`: each participant's job, when a table gives one.
- :func:`check_roles`: a student's role assignment in a case, per person right,
  missing and wrong roles, with a Dutch hint (:data:`CASES` holds the cases).

The texts (role definitions, buying situations, cases) live as data in
``klantlib/dmu.toml``. Role and situation names are matched without regard to
case, accents and extra spaces (``"Beinvloeder"`` is ``"beïnvloeder"``), by the
same rule the self-checks use for a typed word.

>>> import klantlib
>>> aankopen, situaties = dmu_summary(klantlib.load_dataset("dmu"))
>>> bool(situaties.loc["new task", "deelnemers"] > situaties.loc["straight rebuy", "deelnemers"])
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import NamedTuple

import pandas as pd

from klantlib._resources import package_toml
from klantlib.errors import KlantDataError, describe_rows, require_filled, require_rows, warn
from klantlib.formatting import listing
from klantlib.parsing import check_option, require_columns, text_key, to_ids, to_numbers, value_error

__all__ = [
    "BUYCLASSES",
    "CASES",
    "COLUMNS",
    "MARKETS",
    "ROLES",
    "BuyClass",
    "Case",
    "DMUSizes",
    "DMUSummary",
    "Role",
    "check_roles",
    "dmu_sizes",
    "dmu_summary",
    "jobs",
    "role_matrix",
    "role_table",
]


@dataclass(frozen=True)
class Role:
    """A buying role of table 1.1: what it means in the consumer and in the business-to-business market."""

    naam: str
    consument: str  # "" when the role has no meaning in the consumer market (the gatekeeper)
    zakelijk: str
    kort: str  # a one-line reminder, used in hints
    kort_zakelijk: str = ""  # the reminder in a business-to-business case, when it differs from ``kort``

    def reminder(self, market: str) -> str:
        """The one-line reminder of the role in ``market`` (``"consument"`` or ``"zakelijk"``)."""
        return (self.kort_zakelijk if market == "zakelijk" else "") or self.kort


@dataclass(frozen=True)
class BuyClass:
    """A buying situation (buyclass): its Dutch name, what it means and what the book says of its DMU."""

    naam: str  # the English term the book uses
    nederlands: str
    uitleg: str
    dmu: str  # what the book says of the DMU in this situation (in brackets where it says nothing)


@dataclass(frozen=True)
class Case:
    """A short story for an exercise, with the roles the story gives each person.

    ``personen`` maps each person to their roles; a role no one holds is in nobody's list.
    """

    naam: str
    titel: str
    markt: str  # "consument" or "zakelijk"
    tekst: str
    personen: Mapping[str, tuple[str, ...]]

    @property
    def people(self) -> list[str]:
        """The people of the case, in the order of the story."""
        return list(self.personen)


def _load() -> dict:
    return package_toml("dmu.toml")


_DATA = _load()

#: The six roles of table 1.1 (Meertens & Mulders, §1.2), in the book's order. Read-only.
ROLES: Mapping[str, Role] = MappingProxyType(
    {name: Role(name, spec["consument"], spec["zakelijk"], spec["kort"], spec.get("kort_zakelijk", ""))
     for name, spec in _DATA["rollen"].items()})

#: The three buying situations (Robinson, Faris & Wind, 1967; the book cites Robinson e.a., 1976), from most to
#: least uncertainty. Read-only.
BUYCLASSES: Mapping[str, BuyClass] = MappingProxyType(
    {name: BuyClass(name, spec["naam"], spec["uitleg"], spec["dmu"])
     for name, spec in _DATA["koopsituaties"].items()})

#: The two markets of table 1.1, as :func:`role_table` and :class:`Case` name them.
MARKETS = ("consument", "zakelijk")

#: The columns :func:`dmu_summary` reads by default (the shipped ``dmu`` dataset).
COLUMNS = {"decision": "beslissing_id", "situation": "koopsituatie", "person": "deelnemer_id", "role": "rol"}


def _case(name: str, spec: Mapping) -> Case:
    people = {person: tuple(roles) for person, roles in spec["personen"].items()}
    return Case(name, spec["titel"], spec["markt"], spec["tekst"], MappingProxyType(people))


#: The role cases of notebook 02 by name (``"ebike"``: a family; ``"zorginstelling"``: a care organisation).
CASES: Mapping[str, Case] = MappingProxyType({name: _case(name, spec) for name, spec in _DATA["casussen"].items()})

_ROLE_KEYS = {text_key(name): name for name in ROLES}
_BUYCLASS_KEYS = {text_key(name): name for name in BUYCLASSES}


def role_table(market: str | None = None) -> pd.DataFrame:
    """Table 1.1 of the book: per role what it means in each market (Dutch, for display).

    Args:
        market: ``"consument"`` or ``"zakelijk"`` for one column; ``None`` (default) for both.

    Returns:
        A DataFrame indexed by role (``rol``), columns ``consumentenmarkt`` and/or
        ``zakelijke markt``; "–" where a role has no meaning in a market.

    Raises:
        KlantDataError: an unknown market.

    >>> role_table("zakelijk").loc["gatekeeper"].iloc[0]
    'bepaalt welke informatie de andere leden van de DMU bereikt'
    >>> role_table().loc["gatekeeper", "consumentenmarkt"]
    '–'
    """
    check_option("market", market, (None, *MARKETS))
    table = pd.DataFrame(
        {"consumentenmarkt": [r.consument or "–" for r in ROLES.values()],
         "zakelijke markt": [r.zakelijk or "–" for r in ROLES.values()]},
        index=pd.Index(list(ROLES), name="rol"))
    if market is None:
        return table
    return table[["consumentenmarkt" if market == "consument" else "zakelijke markt"]]


# -- reading roles and buying situations ---------------------------------------------------------------------

def _blank(values: pd.Series) -> pd.Series:
    return values.isna() | values.astype("str").str.strip().eq("")


def _filled_ids(table: pd.DataFrame, column: str, *, what: str, fix: str, option: str | None = None) -> pd.Series:
    """The ids of a column by the id rule (:func:`klantlib.parsing.to_ids`), or a Dutch error naming blank rows.

    A column that is blank on every row gets the message of :func:`klantlib.errors.require_filled`: then the
    column is the problem, not a row.
    """
    source = table.attrs.get("source")
    ids = to_ids(table[column], column=column, source=source)
    other = f", of geef met {option}=\"...\" de kolom die dat wel doet" if option else ""
    require_filled(ids, column=column, name="de tabel", source=source, what=f"een {what}",
                   fix=f"Vul de kolom in{other}.")
    blank = ids.isna()
    if blank.any():
        raise value_error(table[column], blank.to_numpy(), what=f"geen {what}", column=column, source=source,
                          fix=fix)
    return ids


def _known(values: pd.Series, keys: Mapping[str, str], *, column: str, what: str, fix: str,
           source: str | None) -> pd.Series:
    """Each value as its official name (by the text rule), or a Dutch error naming the rows."""
    blank = _blank(values)
    if blank.any():
        raise value_error(values, blank.to_numpy(), what=f"geen {what}", column=column, source=source, fix=fix)
    names = values.astype("str").map(lambda v: keys.get(text_key(v)))
    unknown = names.isna()
    if unknown.any():
        raise value_error(values, unknown.to_numpy(), what=f"een onbekende {what}", column=column, source=source,
                          fix=fix)
    return names


def _roles_fix() -> str:
    return f"Kies uit: {', '.join(ROLES)} (hoofdletters en accenten doen er niet toe)."


def _role_names(roles: Iterable, *, person) -> list[str]:
    """The official names of the roles given for one person, or a Dutch error naming the person."""
    if isinstance(roles, str):
        roles = [r for r in roles.replace(";", ",").split(",") if r.strip()]
    names = []
    for role in roles:
        name = _ROLE_KEYS.get(text_key(role))
        if name is None:
            raise KlantDataError(f"Bij {person} staat een onbekende rol: {role!r}. {_roles_fix()}")
        if name not in names:
            names.append(name)
    return names


def _assignment(assignment) -> dict[str, list[str]]:
    """An assignment as {person: [roles]}: from a mapping, or from a table with columns deelnemer_id and rol."""
    if isinstance(assignment, pd.DataFrame):
        require_columns(assignment, [COLUMNS["person"], COLUMNS["role"]])
        roles = _known(assignment[COLUMNS["role"]], _ROLE_KEYS, column=COLUMNS["role"], what="rol",
                       fix=_roles_fix(), source=assignment.attrs.get("source"))
        out: dict[str, list[str]] = {}
        if len(assignment) == 0:
            return out  # nobody has a role (the callers decide whether that is an answer or an empty selection)
        people = _filled_ids(assignment, COLUMNS["person"], what="persoon",
                             fix="Vul bij elke rol de persoon in die hem heeft.")
        for person, role in zip(people, roles):
            out.setdefault(person, [])
            if role not in out[person]:
                out[person].append(role)
        return out
    if not isinstance(assignment, Mapping):
        raise KlantDataError(f"Verwacht per persoon een lijst met rollen, zoals {{'Ria': ['initiator']}}, of een "
                             f"tabel met de kolommen deelnemer_id en rol; niet {type(assignment).__name__}.")
    out = {}
    for person, roles in assignment.items():
        out[str(person).strip()] = _role_names(roles or [], person=person)
    return out


def role_matrix(assignment) -> pd.DataFrame:
    """Who holds which role: a people × roles table of True/False, roles in the book's order.

    Args:
        assignment: per person the roles, as a mapping (``{"Ria": ["initiator",
            "gebruiker"]}``; a person may have no roles), or as a table with one
            row per person per role (columns ``deelnemer_id`` and ``rol``, as
            one purchase of the ``dmu`` dataset).

    Returns:
        A bool DataFrame: one row per person (index ``persoon``, in the given
        order; from a table the ids of :func:`klantlib.parsing.to_ids`), one
        column per role of :data:`ROLES` (a role no one holds is a column of False).

    Raises:
        KlantDataError: an unknown role (naming the person or the row), a table
            without those columns, a blank person (naming the rows), or no
            people at all (an empty mapping, or a table a filter left empty).

    >>> role_matrix({"Ria": ["initiator", "Gebruiker"], "Henk": "koper, beslisser"}).sum().tolist()
    [1, 0, 0, 1, 1, 1]
    >>> role_matrix({"Ria": ["chauffeur"]})
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: Bij Ria staat een onbekende rol: 'chauffeur'. Kies uit: initiator, beïnvloeder, gatekeeper, beslisser, koper, gebruiker (hoofdletters en accenten doen er niet toe).
    """
    if isinstance(assignment, pd.DataFrame):
        require_rows(assignment, name="de tabel", consequence="zijn er geen personen met een rol",
                     filters=[COLUMNS["decision"], COLUMNS["person"]])
    people = _assignment(assignment)
    if not people:
        raise KlantDataError("Er staan geen personen in de rolverdeling, dus er is niets te tekenen. Geef per persoon "
                             "de rollen, zoals {'Ria': ['initiator', 'gebruiker']}.")
    values = [[role in people[p] for role in ROLES] for p in people]
    return pd.DataFrame(values, index=pd.Index(list(people), name="persoon"), columns=list(ROLES), dtype=bool)


# -- the DMU per purchase and per buying situation -----------------------------------------------------------

class DMUSummary(NamedTuple):
    """What :func:`dmu_summary` returns: two tables, to unpack as ``aankopen, situaties = dmu_summary(...)``."""

    aankopen: pd.DataFrame
    situaties: pd.DataFrame


def dmu_summary(participants: pd.DataFrame, *, decision: str = "beslissing_id", situation: str = "koopsituatie",
                person: str = "deelnemer_id", role: str = "rol") -> DMUSummary:
    """The DMU of each purchase, and the average DMU per buying situation.

    Args:
        participants: one row per participant per role (a person with two roles
            has two rows), as ``klantlib.load_dataset("dmu")`` or a student's own
            table. Roles and buying situations are matched without regard to
            case, accents and spaces; a row repeated (the same purchase, person
            and role) is counted once, with a
            :class:`~klantlib.errors.KlantDataWarning` that counts the repeats.
        decision, situation, person, role: the names of the columns with the
            purchase, its buying situation (``new task``, ``modified rebuy`` or
            ``straight rebuy``), the participant and the role.

    Returns:
        A :class:`DMUSummary` of two DataFrames:

        - ``aankopen``, one row per purchase (index ``decision``: the ids of
          :func:`klantlib.parsing.to_ids`, in the order of the table):
          ``koopsituatie``; ``deelnemers`` (people in the DMU); ``rollen`` (how
          many of the six roles someone holds); ``meerdere_rollen`` (people
          with two or more roles); ``ontbrekende_rollen`` (the roles no one
          holds, as text, "" when none); and per role the number of people who
          hold it.
        - ``situaties``, one row per buying situation in the order of
          :data:`BUYCLASSES` (new task first; a situation without purchases is
          left out): ``aankopen`` (how many); the mean of ``deelnemers``,
          ``rollen`` and ``meerdere_rollen``; ``kleinste`` and ``grootste``
          (DMU size); ``aandeel_meerdere_rollen`` (the share of participants
          who hold several roles); and per role the mean number of people who
          hold it.

    Raises:
        KlantDataError: a missing column, a blank or unknown role or buying
            situation, a blank purchase or participant, or a purchase with two
            buying situations, naming the rows; a table without rows (a filter
            that left nothing: "De selectie is leeg ..."), or a purchase or
            participant column that is blank on every row.

    >>> df = pd.DataFrame({"beslissing_id": ["A", "A", "A", "B"],
    ...                    "koopsituatie": ["new task", "New Task", "new task", "straight rebuy"],
    ...                    "deelnemer_id": ["P1", "P1", "P2", "P9"],
    ...                    "rol": ["initiator", "koper", "Beinvloeder", "koper"]})
    >>> aankopen, situaties = dmu_summary(df)
    >>> aankopen[["koopsituatie", "deelnemers", "rollen", "meerdere_rollen"]]
                     koopsituatie  deelnemers  rollen  meerdere_rollen
    beslissing_id                                                     
    A                    new task           2       3                1
    B              straight rebuy           1       1                0
    >>> dmu_summary(df.assign(rol=["initiator", "koper", "adviseur", "koper"]))
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: In kolom 'rol' staat op de rij met index 2 een onbekende rol (bijvoorbeeld 'adviseur' op de rij met index 2). Kies uit: initiator, beïnvloeder, gatekeeper, beslisser, koper, gebruiker (hoofdletters en accenten doen er niet toe).
    """
    require_columns(participants, [decision, situation, person, role])
    require_rows(participants, name="de tabel", consequence="zijn er geen aankopen om samen te vatten",
                 filters=[decision, situation])
    source = participants.attrs.get("source")
    # Purchases and people as exact ids (klantlib.parsing's id rule); a blank one is an error naming the rows.
    fill = "Vul de cel in: elke rij hoort bij een aankoop en een persoon."
    purchases = _filled_ids(participants, decision, what="aankoop (beslissing)", option="decision", fix=fill)
    people_ids = _filled_ids(participants, person, what="deelnemer", option="person", fix=fill)
    roles = _known(participants[role], _ROLE_KEYS, column=role, what="rol", fix=_roles_fix(), source=source)
    situations = _known(participants[situation], _BUYCLASS_KEYS, column=situation, what="koopsituatie",
                        source=source, fix=f"Kies uit: {', '.join(BUYCLASSES)} (de Engelse termen uit het boek).")
    rows = pd.DataFrame({"aankoop": purchases.array, "situatie": situations.to_numpy(),
                         "persoon": people_ids.array, "rol": roles.to_numpy()}, index=participants.index)
    mixed = rows.groupby("aankoop", sort=False)["situatie"].transform("nunique") > 1
    if mixed.any():
        raise value_error(participants[situation], mixed.to_numpy(), what="een aankoop met meer dan één "
                          "koopsituatie", column=situation, source=source,
                          fix="Een aankoop heeft één koopsituatie: maak die op alle rijen van de aankoop gelijk.")
    # A row repeated (same purchase, person and role) says nothing new: count it once, and say so.
    repeated = rows.duplicated(["aankoop", "persoon", "rol"])
    if repeated.any():
        count, in_file = int(repeated.sum()), f" in '{source}'" if source else ""
        warn(f"{count} {'rij herhaalt' if count == 1 else 'rijen herhalen'}{in_file} een eerdere rij met dezelfde "
             f"aankoop, persoon en rol ({describe_rows(participants.index[repeated.to_numpy()])}); "
             f"{'die telt' if count == 1 else 'die tellen'} niet nog een keer mee.")
    rows = rows[~repeated]
    order = pd.Index(rows["aankoop"].drop_duplicates(), name=decision)  # purchases in the order of the table

    holders = pd.crosstab(rows["aankoop"], pd.Categorical(rows["rol"], categories=list(ROLES)), dropna=False)
    holders = holders.reindex(index=order, columns=list(ROLES), fill_value=0)
    per_person = rows.groupby(["aankoop", "persoon"], sort=False).size()
    several = (per_person > 1).groupby(level="aankoop", sort=False).sum().reindex(order)
    people = per_person.groupby(level="aankoop", sort=False).size().reindex(order)
    situation_of = rows.groupby("aankoop", sort=False)["situatie"].first().reindex(order)
    covered = holders > 0
    missing = covered.apply(lambda row: ", ".join(r for r, held in row.items() if not held), axis=1)
    aankopen = pd.DataFrame({
        "koopsituatie": pd.Categorical(situation_of.to_numpy(), categories=list(BUYCLASSES)),
        "deelnemers": people.to_numpy(dtype="int64"),
        "rollen": covered.sum(axis=1).to_numpy(dtype="int64"),
        "meerdere_rollen": several.to_numpy(dtype="int64"),
        "ontbrekende_rollen": missing.to_numpy(dtype=object).astype("str"),
    }, index=order)
    for name in ROLES:
        aankopen[name] = holders[name].to_numpy(dtype="int64")

    grouped = aankopen.groupby("koopsituatie", observed=True, sort=True)
    situaties = pd.DataFrame({
        "aankopen": grouped.size(),
        "deelnemers": grouped["deelnemers"].mean(),
        "kleinste": grouped["deelnemers"].min(),
        "grootste": grouped["deelnemers"].max(),
        "rollen": grouped["rollen"].mean(),
        "meerdere_rollen": grouped["meerdere_rollen"].mean(),
        "aandeel_meerdere_rollen": grouped["meerdere_rollen"].sum() / grouped["deelnemers"].sum(),
    })
    for name in ROLES:
        situaties[name] = grouped[name].mean()
    situaties.index = pd.CategoricalIndex(situaties.index, categories=list(BUYCLASSES), name="koopsituatie")
    return DMUSummary(aankopen, situaties)


class DMUSizes(NamedTuple):
    """What :func:`dmu_sizes` returns: the mean DMU size per buying situation, and how often each size occurred."""

    gemiddelde: pd.Series
    verdeling: pd.DataFrame


def dmu_sizes(aankopen: pd.DataFrame) -> DMUSizes:
    """The DMU size per buying situation: the mean, and how many purchases had each size.

    Args:
        aankopen: the first table of :func:`dmu_summary` (columns ``koopsituatie``
            and ``deelnemers``).

    Returns:
        A :class:`DMUSizes`: ``gemiddelde``, the mean number of people per buying
        situation (index ``koopsituatie`` in the order of :data:`BUYCLASSES`, only
        situations with purchases; the same as ``situaties["deelnemers"]`` of
        :func:`dmu_summary`); ``verdeling``, one row per situation and size with the
        columns ``koopsituatie``, ``deelnemers`` and ``aankopen`` (how many purchases
        had that size), in the same order, smallest size first.

    Raises:
        KlantDataError: a missing column; a table without rows (a filter that
            left no purchase); a blank or unknown buying situation (matched as in
            :func:`dmu_summary`), or a size that is no whole number from 1 up,
            naming the rows.

    >>> df = pd.DataFrame({"koopsituatie": ["new task", "new task", "straight rebuy", "new task"],
    ...                    "deelnemers": [4, 6, 1, 4]})
    >>> sizes = dmu_sizes(df)
    >>> sizes.gemiddelde.round(2).to_dict()
    {'new task': 4.67, 'straight rebuy': 1.0}
    >>> sizes.verdeling
         koopsituatie  deelnemers  aankopen
    0        new task           4         2
    1        new task           6         1
    2  straight rebuy           1         1
    """
    require_columns(aankopen, ["koopsituatie", "deelnemers"], fix="Maak de tabel met dmu_summary(...).")
    require_rows(aankopen, name="de tabel", consequence="zijn er geen aankopen om te tellen", filters=["koopsituatie"])
    source = aankopen.attrs.get("source")
    # Situations by the text rule, as dmu_summary reads them (never silently left out when spelled otherwise).
    names = _known(aankopen["koopsituatie"], _BUYCLASS_KEYS, column="koopsituatie", what="koopsituatie",
                   source=source, fix=f"Kies uit: {', '.join(BUYCLASSES)} (de Engelse termen uit het boek).")
    # Sizes by the number rule: a DMU has a whole number of people, at least one.
    sizes = to_numbers(aankopen["deelnemers"], column="deelnemers", source=source)
    wrong = sizes.isna() | (sizes % 1 != 0) | (sizes < 1)
    if wrong.any():
        raise value_error(aankopen["deelnemers"], wrong.to_numpy(), what="geen heel aantal personen vanaf 1",
                          column="deelnemers", source=source, fix="Tel de personen per aankoop, of maak de tabel "
                          "met dmu_summary(...).")
    situation = pd.Categorical(names.to_numpy(), categories=list(BUYCLASSES))
    frame = pd.DataFrame({"koopsituatie": situation, "deelnemers": sizes.to_numpy(dtype="int64")})
    mean = frame.groupby("koopsituatie", observed=True, sort=True)["deelnemers"].mean().rename("deelnemers")
    counts = (frame.groupby(["koopsituatie", "deelnemers"], observed=True, sort=True).size()
              .rename("aankopen").reset_index())
    mean.index = pd.Index(mean.index.astype("str"), name="koopsituatie")
    return DMUSizes(mean, counts.astype({"koopsituatie": "str", "aankopen": "int64"}))


def jobs(participants: pd.DataFrame, *, person: str = "deelnemer_id", job: str = "functie") -> pd.Series:
    """Each participant's job (``functie``), as a table of participants gives it: the first one filled in.

    Args:
        participants: one row per participant per role (a purchase of the ``dmu`` dataset).
        person, job: the columns with the participant and the job.

    Returns:
        A Series ``functie`` indexed by participant id (the ids of
        :func:`klantlib.parsing.to_ids`, in the order of the table); a
        participant without a job in any row is left out.

    Raises:
        KlantDataError: a missing column, a table without rows (a filter that
            left nothing), or a blank participant (naming the rows).

    >>> jobs(pd.DataFrame({"deelnemer_id": ["P1", "P1", "P2", "P3"],
    ...                    "functie": [None, "inkoper", "directeur", None]})).to_dict()
    {'P1': 'inkoper', 'P2': 'directeur'}
    """
    require_columns(participants, [person, job])
    require_rows(participants, name="de tabel", consequence="zijn er geen deelnemers",
                 filters=[COLUMNS["decision"], person])
    ids = _filled_ids(participants, person, what="deelnemer", option="person",
                      fix="Vul de cel in: elke rij hoort bij een persoon.")
    given = participants[job].where(~_blank(participants[job]))  # a blank job is no job
    first = given.groupby(ids.array, sort=False).first()  # per participant the first job filled in
    return first.dropna().rename(job).rename_axis(person)


# -- checking a role assignment ------------------------------------------------------------------------------

def _hint(person: str, wrong: list[str], missing: list[str], nobody: set[str], market: str) -> str:
    """A Dutch hint for one person that points to the story, not to the answer."""
    if not wrong and not missing:
        return "Goed!"
    parts = []
    for name in wrong:
        role = ROLES[name]
        meaning = (role.consument if market == "consument" else role.zakelijk) or role.zakelijk
        if name in nobody:
            if market == "consument" and not role.consument:
                parts.append(f"Tabel 1.1 kent de rol {name} ({meaning}) alleen op de zakelijke markt.")
            else:
                parts.append(f"De rol {name} ({meaning}) heeft in deze casus niemand.")
        else:
            parts.append(f"{name.capitalize()}: {role.reminder(market)}. Doet {person} dat in het verhaal?")
    if missing:
        count = "ontbreekt nog één rol" if len(missing) == 1 else f"ontbreken nog {len(missing)} rollen"
        parts.append(f"Bij {person} {count}. Lees terug wat {person} in het verhaal doet.")
    return " ".join(parts)


def check_roles(case, assignment) -> pd.DataFrame:
    """Compare a role assignment with a case: per person the right, missing and wrong roles, and a hint.

    Args:
        case: a :class:`Case`, the name of one in :data:`CASES`, or the right
            roles in a form :func:`role_matrix` takes (a mapping
            ``{person: [roles]}`` or a table; then the hints use the
            definitions of the business-to-business market if any person is a
            gatekeeper, else those of the consumer market). A person may hold
            several roles, a role may be held by several people, and a role
            no one holds is in nobody's list.
        assignment: the student's roles per person, in the same forms as for
            :func:`role_matrix` (a person left out has no roles; an empty
            assignment, ``{}`` or a table without rows, is an answer too: every
            role of the case is then missing).

    Returns:
        A DataFrame with one row per person of the case (index ``persoon``):
        ``goed``, ``ontbreekt`` and ``fout`` (lists of role names), ``in_orde``
        (True when nothing is missing or wrong) and ``hint`` (Dutch; "Goed!"
        when in order). A hint on a wrong role reminds what the role means; a
        missing role is counted, not named.

    Raises:
        KlantDataError: an unknown case, an unknown role, a person who is not in
            the case, a blank person in a table, or a case without people.

    >>> uitslag = check_roles("ebike", {"Ria": ["initiator", "gebruiker"], "Daan": ["gatekeeper"]})
    >>> uitslag.loc["Ria", ["goed", "ontbreekt", "fout"]].tolist(), bool(uitslag.loc["Ria", "in_orde"])
    ([['initiator', 'gebruiker'], ['beslisser'], []], False)
    >>> print(uitslag.loc["Daan", "hint"])
    Tabel 1.1 kent de rol gatekeeper (bepaalt welke informatie de andere leden van de DMU bereikt) alleen op de zakelijke markt. Bij Daan ontbreekt nog één rol. Lees terug wat Daan in het verhaal doet.
    """
    if isinstance(case, str):
        check_option("case", case, tuple(CASES))
        case = CASES[case]
    if isinstance(case, Case):
        right, market = {p: list(r) for p, r in case.personen.items()}, case.markt
    else:
        right = _assignment(case)
        market = "zakelijk" if any("gatekeeper" in roles for roles in right.values()) else "consument"
    if not right:
        raise KlantDataError("De casus heeft geen personen, dus er valt niets na te kijken. Geef per persoon de "
                             "juiste rollen, zoals {'Ria': ['initiator', 'gebruiker']}, of de naam van een casus: "
                             f"{listing(map(repr, CASES), limit=None, word='of')}.")
    given = _assignment(assignment)
    strangers = [p for p in given if p not in right]
    if strangers:
        raise KlantDataError(f"{listing(map(repr, strangers), limit=None)} komt niet voor in de casus. Kies uit: "
                             f"{', '.join(right)}.")
    held = {r for roles in right.values() for r in roles}
    nobody = set(ROLES) - held
    rows = []
    for person, wanted in right.items():
        mine = given.get(person, [])
        good = [r for r in ROLES if r in mine and r in wanted]
        missing = [r for r in ROLES if r in wanted and r not in mine]
        wrong = [r for r in ROLES if r in mine and r not in wanted]
        rows.append({"goed": good, "ontbreekt": missing, "fout": wrong, "in_orde": not missing and not wrong,
                     "hint": _hint(person, wrong, missing, nobody, market)})
    return pd.DataFrame(rows, index=pd.Index(list(right), name="persoon"))
