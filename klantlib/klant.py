"""Who is the customer? Markets, payers and users (§1.1, §1.2, §1.2.3, §1.2.4).

The book follows Thomassen (2004): a customer is a person or organisation that
keeps up a relationship with an organisation and uses its products or services,
*whether or not it pays for them*. So the one who pays (``betaler``) and the one
who uses (``gebruiker``) can be different parties, most of all in the
institutional market and at the government. This module holds the course's
material for that idea as data, and the functions that read it:

- :data:`MARKETS`: the book's four markets, with a description and the book's examples
  (``markten.csv`` beside this module);
- :data:`ORGANISATIONS`: fourteen fictional organisations with their profit motive,
  markets, payer, user, whether the user can choose another supplier, and why
  (``organisaties.csv``); :func:`who_is_the_customer` answers the question for one;
- :data:`DEPEST`: the six DEPEST factors of the book's opdracht 1.1 (``depest.csv``), the macro
  analysis; :data:`MESO` and :data:`ADVICE`, the guiding questions of its meso analysis and of its
  advice for the short and the long term;
- :data:`ERAS`: the history of marketing and Wierenga's three eras (``marketingtijdperken.csv``);
- :func:`customer_markets` and :func:`market_summary`: Trapper's customers per market,
  with their revenue and order size.

>>> parties = who_is_the_customer("rivierzicht ziekenhuis")
>>> parties.user, parties.can_choose
('de patiënt', 'beperkt')
>>> parties.markets
('institutionele markt',)
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from klantlib._resources import package_csv
from klantlib.errors import (
    KlantDataError,
    describe_rows,
    drop_invalid_rows,
    require_filled,
    require_rows,
    warn,
)
from klantlib.formatting import counted, listing, number
from klantlib.parsing import (
    check_option,
    comparable_ids,
    require_columns,
    text_key,
    to_ids,
    to_numbers,
    value_error,
)

__all__ = [
    "CHOICE",
    "ADVICE",
    "CUSTOMER_TYPES",
    "DEPEST",
    "ERAS",
    "MARKETS",
    "MARKET_NAMES",
    "MESO",
    "ORGANISATIONS",
    "ORGANISATION_COLUMNS",
    "PAYS",
    "CustomerParties",
    "customer_market",
    "customer_markets",
    "depest_progress",
    "find_organisation",
    "market_summary",
    "organisation_markets",
    "validate_organisations",
    "who_is_the_customer",
]

#: The book's four markets (§1.2), in the book's order.
MARKET_NAMES = ("consumentenmarkt", "business-to-businessmarkt", "institutionele markt", "overheid")

#: Allowed values of ``keuze``: can the user go to another supplier?
CHOICE = ("ja", "beperkt", "nee")
#: Allowed values of ``gebruiker_betaalt``: does the user pay, all of it, part of it, or not at all?
PAYS = ("ja", "deels", "nee")

#: The columns of the organisations table, in file order.
ORGANISATION_COLUMNS = ("organisatie", "soort", "winstoogmerk", "markten", "betaler", "gebruiker",
                        "gebruiker_betaalt", "keuze", "andere_rollen", "redenering")

#: The customer types in Trapper's data (``klanttype``), compared by :func:`klantlib.parsing.text_key`.
CUSTOMER_TYPES = ("consument", "zakelijk", "gemeente")

#: The sector word in a business customer's name that the course reads as a care institution.
CARE_WORD = "Zorg"


def _read_csv(name: str) -> pd.DataFrame:
    """A table kept as data beside this module, every cell as text (blank cells as "")."""
    return package_csv(name, dtype="str", keep_default_na=False)


def _read_markets() -> pd.DataFrame:
    table = _read_csv("markten.csv")
    assert tuple(table["markt"]) == MARKET_NAMES, "markten.csv: the four markets in the book's order"
    return table.set_index("markt")


def _read_eras() -> pd.DataFrame:
    table = _read_csv("marketingtijdperken.csv")
    table["tijdperk"] = table["tijdperk"].astype(int)
    table["van"] = table["van"].astype(int)
    table["tot"] = pd.to_numeric(table["tot"]).astype("Int64")  # blank: still going on
    return table.set_index("tijdperk")


#: The four markets: ``omschrijving`` (what sets it apart) and ``voorbeeld`` (the book's example),
#: indexed by ``markt`` in the order of :data:`MARKET_NAMES`.
MARKETS = _read_markets()

#: The six DEPEST factors of opdracht 1.1 (the macro analysis): ``letter`` and a guiding question (``vraag``),
#: indexed by ``factor``.
DEPEST = _read_csv("depest.csv").set_index("factor")

#: The meso analysis of opdracht 1.1, per market: its label and guiding question. What it covers (customers,
#: competitors, suppliers, intermediaries) is the usual division of marketing teaching, the course's wording.
MESO = ("Meso-omgeving", "Wie zijn in deze markt de afnemers, de concurrenten, de leveranciers en de "
                         "tussenpersonen, en wat verandert er bij hen?")

#: The advice that closes opdracht 1.1, for the short and the long term: a guiding question per term.
ADVICE = pd.Series({
    "Korte termijn": "Wat moet de organisatie het komende jaar doen, gezien wat je per markt vond?",
    "Lange termijn": "Waar wil de organisatie over een paar jaar staan in elke markt, en wat vraagt dat nu al?",
}, name="vraag")

#: How marketing looked at customers over time: era 0 (made to order, before Wierenga's eras) and
#: Wierenga's (2001) eras 1-3, with approximate years (``van``, ``tot``; ``tot`` blank: today),
#: ``naam``, ``omschrijving`` and ``voorbeeld``. The years are the course's approximation.
ERAS = _read_eras()


def _split(text: str, sep: str = ";") -> list[str]:
    return [part.strip() for part in str(text).split(sep) if part.strip()]


def validate_organisations(table: pd.DataFrame, *, source: str | None = None) -> pd.DataFrame:
    """Check a table of organisations and return it ready for use (a copy).

    Every column of :data:`ORGANISATION_COLUMNS` must be there. ``winstoogmerk`` is
    ``ja`` or ``nee`` (it becomes ``True``/``False``); ``markten`` lists one or more of
    :data:`MARKET_NAMES`, separated by ``;``; ``gebruiker_betaalt`` is one of :data:`PAYS`
    and ``keuze`` one of :data:`CHOICE`; ``andere_rollen`` is empty or ``rol: partij``
    parts separated by ``;``. Names are unique and every row has a payer, a user and a
    reasoning. The result is indexed by ``organisatie``.

    Args:
        table: the organisations, one row per organisation, text cells (as from a CSV).
        source: the file named in messages.

    Returns:
        A DataFrame indexed by ``organisatie`` with the other columns, ``winstoogmerk`` as bool.

    Raises:
        KlantDataError: a column is missing, or a value is not allowed (the message names
            the organisation, the column and the allowed values).

    >>> row = {"organisatie": "Bakkerij Bol", "soort": "bakker", "winstoogmerk": "ja",
    ...        "markten": "consumentenmarkt", "betaler": "de klant", "gebruiker": "de klant",
    ...        "gebruiker_betaalt": "ja", "keuze": "ja", "andere_rollen": "", "redenering": "..."}
    >>> validate_organisations(pd.DataFrame([row]))[["winstoogmerk", "keuze"]]
                  winstoogmerk keuze
    organisatie
    Bakkerij Bol          True    ja
    >>> validate_organisations(pd.DataFrame([{**row, "markten": "consumentenmarkt; B2B"}]))
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: Bakkerij Bol, kolom 'markten': markt moet 'consumentenmarkt', 'business-to-businessmarkt', 'institutionele markt' of 'overheid' zijn, niet 'B2B'.
    """
    require_columns(table, ORGANISATION_COLUMNS, source=source)
    out = table.loc[:, list(ORGANISATION_COLUMNS)].fillna("").astype(str).apply(lambda c: c.str.strip())
    in_file = f"In '{source}': " if source else ""

    def fail(name: str, column: str, problem: str):
        raise KlantDataError(f"{in_file}{name}, kolom '{column}': {problem}")

    doubled = out["organisatie"][out["organisatie"].duplicated()]
    if not doubled.empty:
        raise KlantDataError(f"{in_file}de organisatie {doubled.iloc[0]!r} staat er meer dan één keer in. "
                             "Geef elke organisatie één rij.")
    for _, row in out.iterrows():
        name = row["organisatie"] or "(een rij zonder naam)"
        for column in ("organisatie", "soort", "betaler", "gebruiker", "redenering"):
            if not row[column]:
                fail(name, column, "deze cel is leeg. Vul hem in.")
        checks = [("winstoogmerk", "winstoogmerk", row["winstoogmerk"], ("ja", "nee")),
                  ("gebruiker_betaalt", "gebruiker_betaalt", row["gebruiker_betaalt"], PAYS),
                  ("keuze", "keuze", row["keuze"], CHOICE)]
        markets = _split(row["markten"])
        if not markets:
            fail(name, "markten", "noem minstens één markt.")
        checks += [("markten", "markt", market, MARKET_NAMES) for market in markets]
        for column, what, value, allowed in checks:
            try:
                check_option(what, value, allowed)
            except KlantDataError as error:
                fail(name, column, str(error))
        for part in _split(row["andere_rollen"]):
            role, colon, party = part.partition(":")
            if not colon or not role.strip() or not party.strip():
                fail(name, "andere_rollen", f"schrijf elke rol als 'rol: partij', niet {part!r}.")
    out["winstoogmerk"] = out["winstoogmerk"] == "ja"
    return out.set_index("organisatie")


def _read_organisations() -> pd.DataFrame:
    return validate_organisations(_read_csv("organisaties.csv"), source="organisaties.csv")


#: The course's fictional organisations (any likeness to a real one is chance), indexed by
#: ``organisatie``; the columns are :data:`ORGANISATION_COLUMNS` (see :func:`validate_organisations`).
ORGANISATIONS = _read_organisations()


def find_organisation(name: str, organisations: pd.DataFrame | None = None) -> str:
    """The organisation's name as the table writes it, found without minding case or accents.

    A part of a name is enough when it fits one organisation only (``"trapper"``).

    Args:
        name: the name, or a part of it.
        organisations: a table as :data:`ORGANISATIONS` (the default).

    Returns:
        The name in the table's index.

    Raises:
        KlantDataError: no organisation (or more than one) has this name; the message
            lists the known names, the closest first.

    >>> find_organisation("  gemeente LINDEWIJK")
    'Gemeente Lindewijk'
    >>> find_organisation("trapper")
    'Trapper Fietsen'
    >>> find_organisation("Lindewyk")
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: Er is geen organisatie 'Lindewyk'. Bekende organisaties (de meest gelijkende eerst): Gemeente Lindewijk, Stadsmuseum Lindewijk, Lijnwerk Streekvervoer, Blinkend Schoonmaak, ...
    """
    table = ORGANISATIONS if organisations is None else organisations
    names = [str(n) for n in table.index]
    keys = {text_key(n): n for n in names}  # case, accents and spaces don't matter
    wanted = text_key(name)
    if wanted in keys:
        return keys[wanted]
    containing = [n for k, n in keys.items() if wanted and wanted in k]
    if len(containing) == 1:
        return containing[0]
    # Close matches first: names that contain it, then similar whole names, then names with a similar word.
    words: dict[str, list[str]] = {}
    for k, n in keys.items():
        for word in k.split():
            words.setdefault(word, []).append(n)
    similar = [keys[k] for k in difflib.get_close_matches(wanted, keys, n=5, cutoff=0.5)]
    for word in difflib.get_close_matches(wanted, words, n=5, cutoff=0.6):
        similar += words[word]
    close = list(dict.fromkeys(containing + similar))
    rest = sorted((n for n in names if n not in close), key=text_key)
    if len(containing) > 1:
        start = f"Meer dan één organisatie past bij {name!r}. Schrijf de hele naam."
    else:
        start = f"Er is geen organisatie {name!r}."
    listed = "de meest gelijkende eerst" if close else "op alfabet"
    raise KlantDataError(f"{start} Bekende organisaties ({listed}): {', '.join(close + rest)}.")


@dataclass(frozen=True)
class CustomerParties:
    """Who the customers of one organisation are, and why (:func:`who_is_the_customer`).

    Attributes:
        organisation: the organisation's name.
        kind: what kind of organisation it is (``soort``).
        profit: whether it has a profit motive.
        markets: the markets it has customers in, from :data:`MARKET_NAMES`.
        payer: who pays (``betaler``).
        user: who uses the product or service (``gebruiker``).
        user_pays: does the user pay: ``ja``, ``deels`` or ``nee``.
        can_choose: can the user go to another supplier: ``ja``, ``beperkt`` or ``nee``.
        other_roles: further parties as ``(rol, partij)`` pairs.
        reasoning: why, in Dutch.

    In a notebook it shows as a short Dutch text; :meth:`parties` gives the roles as a table.
    """

    organisation: str
    kind: str
    profit: bool
    markets: tuple[str, ...]
    payer: str
    user: str
    user_pays: str
    can_choose: str
    other_roles: tuple[tuple[str, str], ...]
    reasoning: str

    def parties(self) -> pd.DataFrame:
        """The parties as a table: one row per role (``rol``), with who it is (``wie``).

        >>> who_is_the_customer("PI Hoogveen").parties()["rol"].tolist()
        ['betaler', 'gebruiker', 'rechter', 'samenleving']
        """
        rows = [("betaler", self.payer), ("gebruiker", self.user), *self.other_roles]
        return pd.DataFrame(rows, columns=["rol", "wie"])

    def _lines(self) -> list[str]:
        motive = "met winstoogmerk" if self.profit else "zonder winstoogmerk"
        pays = {"ja": "betaalt zelf", "deels": "betaalt soms of deels zelf", "nee": "betaalt niet"}[self.user_pays]
        choose = {"ja": "kan naar een andere aanbieder", "beperkt": "kan maar beperkt kiezen",
                  "nee": "kan niet kiezen"}[self.can_choose]
        return [f"{self.organisation}: {self.kind}, {motive}; markt: {', '.join(self.markets)}.",
                f"Betaler: {self.payer}.", f"Gebruiker: {self.user} (de gebruiker {pays}; hij {choose}).",
                *(f"Ook: {role} ({party})." for role, party in self.other_roles), self.reasoning]

    def __str__(self) -> str:
        return "\n".join(self._lines())

    def _repr_markdown_(self) -> str:
        head, payer, user, *rest = self._lines()
        return "\n".join([f"**{head}**", "", f"- {payer}", f"- {user}", *(f"- {r}" for r in rest[:-1]),
                          "", rest[-1]])


def who_is_the_customer(organisation: str, organisations: pd.DataFrame | None = None) -> CustomerParties:
    """Who are the customers of ``organisation``: payer, user, other roles, and the reasoning.

    Args:
        organisation: a name from the table; case, accents and extra spaces don't
            matter, and a part of a name fits when only one organisation has it.
        organisations: a table as :data:`ORGANISATIONS` (the default), for example one
            with an organisation of your own (see :func:`validate_organisations`).

    Returns:
        A :class:`CustomerParties`.

    Raises:
        KlantDataError: the name is unknown; the message lists the known names, the
            closest first (see :func:`find_organisation`).

    >>> pi = who_is_the_customer("PI Hoogveen")
    >>> pi.payer, pi.user, pi.user_pays, pi.can_choose
    ('de rijksoverheid, uit belastinggeld', 'de gedetineerde', 'nee', 'nee')
    >>> [role for role, _ in pi.other_roles]
    ['rechter', 'samenleving']
    """
    table = ORGANISATIONS if organisations is None else organisations
    name = find_organisation(organisation, table)
    row = table.loc[name]
    roles = tuple(tuple(part.strip() for part in item.split(":", 1)) for item in _split(row["andere_rollen"]))
    return CustomerParties(
        organisation=name,
        kind=row["soort"],
        profit=bool(row["winstoogmerk"]),
        markets=tuple(_split(row["markten"])),
        payer=row["betaler"],
        user=row["gebruiker"],
        user_pays=row["gebruiker_betaalt"],
        can_choose=row["keuze"],
        other_roles=roles,
        reasoning=row["redenering"],
    )


def organisation_markets(organisations: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per organisation, per market: is it active in that market (True/False)?

    The table's ``markten`` are read in two ways, and the notebook says so. For an
    organisation that serves the users itself (a hospital, a prison, a municipality) a
    market is the one it supplies its service in: the institutional market, the government.
    For a supplier to organisations (Trapper, a caterer) it is the kind of buyer: a hospital
    buying meals makes the caterer active in the institutional market.

    >>> bool(organisation_markets().loc["Trapper Fietsen"].all())
    True
    >>> organisation_markets().sum().to_dict()["overheid"]
    3
    """
    table = ORGANISATIONS if organisations is None else organisations
    listed = table["markten"].map(lambda text: set(_split(text)))
    return pd.DataFrame({m: listed.map(lambda ms, m=m: m in ms) for m in MARKET_NAMES}, index=table.index)


def customer_market(customer_type: str, name: str | None = None) -> str:
    """The market of one customer of Trapper, from its ``klanttype`` and ``naam`` (the course's rule).

    The data know three types (:data:`CUSTOMER_TYPES`): ``consument``, ``zakelijk`` and
    ``gemeente``. The type is compared as a person typed it (:func:`klantlib.parsing.text_key`):
    ``"Consument"`` (Excel's autocorrect), ``" consument "`` and ``"CONSUMENT"`` are all
    ``consument``. The course places the types in the book's markets like this, and that
    is a choice of the course, not a fact in the data:

    - ``consument`` -> consumentenmarkt;
    - ``gemeente`` -> overheid (a municipality buying bicycles: the book's government as a buyer, §1.2.3);
    - ``zakelijk`` whose name has the sector word ``Zorg`` as a word of its own (a care
      organisation, "Brink Zorg B.V."; case doesn't matter) -> institutionele markt: the
      book's institutional market supplies people in an institution's care, and a care
      organisation buying bicycles for its clients is that. The data don't say whom the
      bicycles are for: a care organisation buying them for its own staff is really the
      business-to-businessmarkt, and the rule puts it in the wrong market (its known error);
    - any other ``zakelijk`` -> business-to-businessmarkt.

    Args:
        customer_type: ``consument``, ``zakelijk`` or ``gemeente``.
        name: the customer's name (only read for ``zakelijk``).

    Returns:
        One of :data:`MARKET_NAMES`.

    Raises:
        KlantDataError: an unknown ``customer_type`` (the message quotes it as given).

    >>> customer_market("zakelijk", "Brink Zorg B.V. (1)"), customer_market("zakelijk", "Smit Logistiek Groep (2)")
    ('institutionele markt', 'business-to-businessmarkt')
    >>> customer_market("Gemeente", "Gemeente Zwolle"), customer_market(" CONSUMENT ")
    ('overheid', 'consumentenmarkt')
    >>> customer_market("zakelijke klant")
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: klanttype moet 'consument', 'zakelijk' of 'gemeente' zijn, niet 'zakelijke klant'.
    """
    kind = text_key(customer_type) if isinstance(customer_type, str) else customer_type
    if kind not in CUSTOMER_TYPES:
        check_option("klanttype", customer_type, CUSTOMER_TYPES)  # raises, quoting the value as given
    if kind == "consument":
        return "consumentenmarkt"
    if kind == "gemeente":
        return "overheid"
    words = text_key(str(name or "").replace("(", " ")).split()
    return "institutionele markt" if text_key(CARE_WORD) in words else "business-to-businessmarkt"


def _in_column(column: str, source: str | None, table: str) -> str:
    """Where a message points: ``"In 'klanten.csv', kolom 'klanttype',"`` or, without a file, the table."""
    return f"In '{source}', kolom '{column}'," if source else f"In de {table}, kolom '{column}',"


def customer_markets(customers: pd.DataFrame) -> pd.Series:
    """The market of every customer (:func:`customer_market`), as an ordered categorical Series.

    Args:
        customers: a table with columns ``klanttype`` and ``naam`` (as ``load_dataset("klanten")``
            or ``read_table``); ``klanttype`` is compared without minding case, accents and
            extra spaces (``"Consument"`` is ``consument``).

    Returns:
        A Series named ``markt`` with the index of ``customers`` (one value per row); its
        categories are :data:`MARKET_NAMES`, in the book's order.

    Raises:
        KlantDataError: a column is missing, or a ``klanttype`` is blank or unknown; the
            message names the file (``customers.attrs["source"]``, set by ``read_table``),
            the column and the rows (the index: with ``read_table`` the row Excel shows).

    >>> klanten = pd.DataFrame({"klanttype": ["Consument", "zakelijk", "gemeente"],
    ...                         "naam": [None, "De Groot Zorg B.V. (18)", "Gemeente Kampen"]})
    >>> customer_markets(klanten).tolist()
    ['consumentenmarkt', 'institutionele markt', 'overheid']
    >>> customer_markets(klanten.assign(klanttype=["consument", "bedrijf", "gemeente"]))
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: In kolom 'klanttype' staat op de rij met index 1 een onbekend klanttype (bijvoorbeeld 'bedrijf' op de rij met index 1). Een klanttype is 'consument', 'zakelijk' of 'gemeente' (hoofdletters en spaties maken niet uit).
    """
    require_columns(customers, ["klanttype", "naam"])
    source = customers.attrs.get("source")
    kinds = customers["klanttype"]
    # 1. Each type as a person typed it, by the one rule for typed text (text_key): "Consument" is "consument".
    keys = pd.Series(["" if pd.isna(kind) else text_key(kind) for kind in kinds], index=customers.index)
    # 2. A blank or unknown type is refused with file, column and rows: never guessed.
    blank = keys == ""
    if blank.any():
        rows = describe_rows(customers.index[blank.to_numpy()])
        verb = "is" if blank.sum() == 1 else "zijn"
        raise KlantDataError(f"{_in_column('klanttype', source, 'klanten')} {verb} {rows} leeg. Vul het "
                             f"klanttype in: {listing(map(repr, CUSTOMER_TYPES), limit=None, word='of')}.")
    unknown = ~keys.isin(CUSTOMER_TYPES)
    if unknown.any():
        raise value_error(kinds, unknown, what="een onbekend klanttype", column="klanttype", source=source,
                          fix=f"Een klanttype is {listing(map(repr, CUSTOMER_TYPES), limit=None, word='of')} "
                              "(hoofdletters en spaties maken niet uit).")
    # 3. The course's rule, one customer at a time.
    markets = [customer_market(kind, None if pd.isna(name) else str(name))
               for kind, name in zip(keys, customers["naam"])]
    return pd.Series(pd.Categorical(markets, categories=list(MARKET_NAMES), ordered=True),
                     index=customers.index, name="markt")


#: What market_summary can't do without rows or without customer numbers (after "dus").
_NOTHING_TO_COUNT = "valt er per markt niets te tellen"


def _market_per_customer(customers: pd.DataFrame) -> pd.Series:
    """The market of every customer, indexed by ``klant_id``: each customer once.

    A customer listed on several rows that give the same market counts once, with a
    warning that counts them; rows that give different markets are an error naming
    the file, the column that differs and the rows.
    """
    source = customers.attrs.get("source")
    table = pd.DataFrame({"klant_id": to_ids(customers["klant_id"], column="klant_id", source=source),
                          "klanttype": customers["klanttype"], "naam": customers["naam"],
                          "markt": customer_markets(customers)}, index=customers.index)
    require_filled(table["klant_id"], column="klant_id", name="de klanten", source=source, what="een klantnummer",
                   consequence=_NOTHING_TO_COUNT, fix="Vul de kolom in.")
    table = drop_invalid_rows(table, table["klant_id"].isna(), "geen klant_id", source=source,
                              fix="Een klant zonder klantnummer hoort bij geen enkele transactie.")
    # A customer listed twice is never counted twice: rows that agree count once, rows that differ are refused.
    doubled = table[table["klant_id"].duplicated(keep=False)]
    if not doubled.empty:
        markets_per_customer = doubled.groupby("klant_id")["markt"].nunique()
        conflicts = markets_per_customer.index[markets_per_customer > 1]
        if len(conflicts):
            rows = doubled[doubled["klant_id"] == conflicts[0]]
            same_type = rows["klanttype"].map(text_key).nunique() == 1
            column, differs = ("naam", "een naam die een andere markt geeft") if same_type else (
                "klanttype", "een ander klanttype")
            shown = "; ".join(f"rij {row}: {value!r}" for row, value in rows[column].items())
            more = len(conflicts) - 1
            others = (f" Nog {counted(more, 'andere klant')} {'staat' if more == 1 else 'staan'} er ook meer dan "
                      "één keer in met verschillende gegevens." if more else "")
            raise KlantDataError(f"{_in_column(column, source, 'klanten')} staat klant {conflicts[0]!r} "
                                 f"{len(rows)} keer, met {differs} ({shown}).{others} Geef elke klant één rij, "
                                 "met de juiste gegevens.")
        extra = table["klant_id"].duplicated()
        first = doubled["klant_id"].iloc[0]
        in_file = f" in '{source}'" if source else " in de klanten"
        customers = doubled["klant_id"].nunique()
        warn(f"{counted(customers, 'klant')} {'staat' if customers == 1 else 'staan'} meer dan één keer{in_file} "
             f"({counted(int(extra.sum()), 'dubbele rij', 'dubbele rijen')}, bijvoorbeeld {first!r} op "
             f"{describe_rows(doubled.index[(doubled['klant_id'] == first).to_numpy()])}), met dezelfde markt; "
             "elke klant telt één keer.")
        table = table[~extra.to_numpy()]
    return pd.Series(table["markt"].to_numpy(), index=table["klant_id"].to_numpy(), name="markt")


def market_summary(transactions: pd.DataFrame, customers: pd.DataFrame) -> pd.DataFrame:
    """Revenue and order size per market: the transactions joined with the customers' markets.

    A *purchase line* is a transaction with ``bedrag`` > 0; a return (``bedrag`` < 0) is
    never a purchase. An *order* is one customer's order number: the pair
    (``klant_id``, ``order_id``), so two customers' order "1" are two orders, whether a
    shop numbers its orders per customer or for the whole shop. A purchase line without
    an order number counts as an order of its own, with a warning that counts them.
    Per market (:func:`customer_markets`):

    - ``klanten``: customers who bought in the selection, i.e. with at least one purchase
      line; a customer with only returns (or lines of 0) is not a buying customer;
    - ``bestellingen``: orders with at least one purchase line;
    - ``netto_omzet``: the sum of ``bedrag``, returns (negative) included;
    - ``aandeel_omzet``: its share of all net revenue (the shares add up to 1; with
      returns a market's share can be below 0 or above 1; NaN when the net revenue of
      the whole selection is 0);
    - ``omzet_per_klant``: ``netto_omzet`` / ``klanten`` (NaN without buying customers);
    - ``gemiddelde_bestelling`` and ``mediaan_bestelling``: the mean and median of the
      order value, the sum of an order's purchase lines (a return is not an order).

    So ``klanten`` is 0 exactly when ``bestellingen`` is 0, and never more.

    Args:
        transactions: with ``klant_id``, ``order_id`` and ``bedrag`` (as ``load_dataset("transacties")``),
            for example a selection (a filter) of them.
        customers: with ``klant_id``, ``klanttype`` and ``naam`` (as ``load_dataset("klanten")``). A
            customer listed twice with the same market counts once.

    Returns:
        A DataFrame indexed by ``markt`` (all four, in the book's order; a market without
        customers has zeros and NaN).

    Raises:
        KlantDataError: a column is missing; the selection of transactions is empty, or
            the customers table is; every ``klant_id`` (or ``bedrag``) is blank; a
            ``klanttype`` is blank or unknown; a customer is listed twice with different
            markets; a transaction's ``klant_id`` is not in ``customers``. Each message
            names the file (``attrs["source"]``), the column and the rows.

    Warns:
        KlantDataWarning: rows without a customer or a usable amount (left out), purchase
            lines without an order number (each its own order), customers listed twice with
            the same market (counted once), and customers without a ``klant_id`` (left out);
            each with its count.

    >>> klanten = pd.DataFrame({"klant_id": ["A", "B"], "klanttype": ["consument", "gemeente"],
    ...                         "naam": [None, "Gemeente Kampen"]})
    >>> tr = pd.DataFrame({"klant_id": ["A", "A", "B"], "order_id": ["O1", "O2", "O3"],
    ...                    "bedrag": [100.0, -20.0, 900.0]})
    >>> market_summary(tr, klanten).loc[["consumentenmarkt", "overheid"],
    ...                                 ["klanten", "bestellingen", "netto_omzet", "mediaan_bestelling"]]
                      klanten  bestellingen  netto_omzet  mediaan_bestelling
    markt
    consumentenmarkt        1             1         80.0               100.0
    overheid                1             1        900.0               900.0
    >>> market_summary(tr[tr["bedrag"] > 1000], klanten)
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: De selectie is leeg: in de transacties staat geen enkele rij, dus valt er per markt niets te tellen. Heb je gefilterd? Dan hield het filter niets over: kies een ruimer filter of kijk de waarden na.
    """
    require_columns(transactions, ["klant_id", "order_id", "bedrag"])
    require_columns(customers, ["klant_id", "klanttype", "naam"])
    source = transactions.attrs.get("source")
    # 1. An empty selection gets a Dutch answer, not a table of zeros.
    require_rows(customers, name="de klanten", consequence="is er geen markt", fix="Gebruik de hele klantentabel; "
                 "wil je een deel van de klanten, filter dan de transacties.")
    require_rows(transactions, name="de transacties", consequence=_NOTHING_TO_COUNT,  # the filters students use:
                 filters=[c for c in ("datum", "kanaal", "categorie") if c in transactions.columns])
    # 2. The market of every customer, each customer once.
    market = _market_per_customer(customers)
    # 3. Ids as exact labels and amounts as numbers, by klantlib.parsing's one rule each (12 and "12" match,
    #    "1.234,50" is read, a row without an amount is reported, never silently left out of the sum).
    rows = pd.DataFrame({"klant_id": to_ids(transactions["klant_id"], column="klant_id", source=source),
                         "order_id": to_ids(transactions["order_id"], column="order_id", source=source),
                         "bedrag": to_numbers(transactions["bedrag"], column="bedrag", source=source)},
                        index=transactions.index)
    require_filled(rows["klant_id"], column="klant_id", name="de transacties", source=source, what="een klantnummer",
                   consequence=_NOTHING_TO_COUNT, fix="Vul de kolom in.")
    require_filled(rows["bedrag"], column="bedrag", name="de transacties", source=source, what="een bedrag",
                   consequence=_NOTHING_TO_COUNT, fix="Vul de bedragen in.")
    unusable = (rows["bedrag"].isna() | rows["klant_id"].isna()).to_numpy()
    rows = drop_invalid_rows(rows, unusable, "geen klant of geen bruikbaar bedrag", source=source,
                             errors="raise" if unusable.all() else "warn")  # none left: an error, not zeros
    # 4. Each transaction gets its customer's market; a customer who is not in the customers table is an error.
    ids, known = comparable_ids(rows["klant_id"], pd.Series(market.index))
    rows["markt"] = ids.map(pd.Series(market.to_numpy(), index=known.to_numpy())).to_numpy()
    unknown = rows["markt"].isna()
    if unknown.any():
        raise value_error(transactions["klant_id"][~unusable], unknown.to_numpy(), column="klant_id",
                          source=source, what="een klant_id dat niet in de klanten staat",
                          fix="Gebruik de klanten en transacties uit dezelfde bron.")
    rows["markt"] = pd.Categorical(rows["markt"], categories=list(MARKET_NAMES), ordered=True)
    # 5. Orders: one number per (customer, order number). A purchase line without an order number is an
    #    order of its own (said with a count), never silently left out of the count.
    by_order = rows.groupby(["klant_id", "order_id"], sort=False)
    rows["bestelling"] = by_order.ngroup()  # NaN where the order number is blank
    purchase = rows["bedrag"] > 0
    no_number = rows["bestelling"].isna()
    if (no_number & purchase).any():
        lines = (no_number & purchase).to_numpy()
        in_file = f" in '{source}'" if source else ""
        warn(f"{number(int(lines.sum()))} van de {number(int(purchase.sum()))} aankoopregels{in_file} hebben geen "
             f"order_id ({describe_rows(rows.index[lines])}); elke regel telt als een eigen bestelling. Hoort een "
             "regel bij een andere bestelling, vul dan het order_id in.")
    rows.loc[no_number, "bestelling"] = by_order.ngroups + np.arange(int(no_number.sum()))
    # 6. Per market: buyers and orders from the purchase lines, net revenue from every line.
    purchases = rows[purchase]
    order_values = purchases.groupby(["markt", "bestelling"], observed=True)["bedrag"].sum()
    order_stats = order_values.groupby(level="markt", observed=False).agg(["mean", "median", "size"])
    out = pd.DataFrame({
        "klanten": purchases.groupby("markt", observed=False)["klant_id"].nunique(),
        "bestellingen": order_stats["size"],
        "netto_omzet": rows.groupby("markt", observed=False)["bedrag"].sum(),
    }).reindex(list(MARKET_NAMES))
    out["klanten"] = out["klanten"].fillna(0).astype("int64")
    out["bestellingen"] = out["bestellingen"].fillna(0).astype("int64")
    out["netto_omzet"] = out["netto_omzet"].fillna(0.0)
    total = out["netto_omzet"].sum()
    out["aandeel_omzet"] = out["netto_omzet"] / total if total != 0 else np.nan
    out["omzet_per_klant"] = out["netto_omzet"] / out["klanten"].where(out["klanten"] > 0)
    out["gemiddelde_bestelling"] = order_stats["mean"].reindex(list(MARKET_NAMES))
    out["mediaan_bestelling"] = order_stats["median"].reindex(list(MARKET_NAMES))
    out.index.name = "markt"
    return out


def depest_progress(table: pd.DataFrame, advice=None) -> dict:
    """How far opdracht 1.1 is: markets chosen, fields of the analysis filled in, and the advice.

    Args:
        table: one row per DEPEST factor and one for the meso analysis, one column per
            market chosen, a cell per answer (``""`` when empty), as
            :func:`klantlib.views.klant.depest_frame` makes it from the saved answers.
        advice: the advice per term (:data:`ADVICE`'s labels to the text given, ``None`` or
            ``""`` when empty); leave out when there is no advice to count.

    Returns:
        A dict: ``markten`` (markets chosen), ``ingevuld`` (fields with text), ``vakjes``
        (fields in all, seven per market chosen), ``advies`` (advice fields with text) and
        ``adviesvakjes`` (advice fields in all).

    Raises:
        KlantDataError: ``table`` is not a table.

    >>> depest_progress(pd.DataFrame({"overheid": ["nieuwe regels", "", " "]}), {"Korte termijn": "bel", "Lange termijn": None})
    {'markten': 1, 'ingevuld': 1, 'vakjes': 3, 'advies': 1, 'adviesvakjes': 2}
    """
    if not isinstance(table, pd.DataFrame):
        raise KlantDataError(f"Verwacht de DEPEST-tabel (een DataFrame), geen {type(table).__name__}.")
    filled = table.fillna("").astype("str").apply(lambda column: column.str.strip() != "")
    advice = pd.Series(dict(advice or {}), dtype="object")
    advised = advice.fillna("").astype("str").str.strip() != ""
    return {"markten": int(table.shape[1]), "ingevuld": int(filled.to_numpy().sum()), "vakjes": int(table.size),
            "advies": int(advised.sum()), "adviesvakjes": int(advice.size)}
