"""The online buying journey: ORCA, a funnel and the online/offline mix per step (§1.2.4).

Molenaar (2010) splits a purchase into four steps, each online or offline:
Oriëntatie, Research, Communicatie and Actie (:data:`STAGES`). A journey log
has one row per event: who (a customer or a journey), which step, which channel
and when. From it:

- :func:`funnel`: per step, how many reached it, the step conversion, the
  overall conversion and the drop-off;
- :func:`paths`: per customer the online/offline pattern over the steps
  (``"online-online-offline-offline"``) and the most common patterns;
- :func:`channel_mix`: per step, the share of each channel;
- :func:`step_by_channel`: how many go on to a step, by the channel of the step
  before it; :func:`rule_effects`: how many customers the rules below touch;
- :func:`funnel_state`: the funnel of a selection (a customer group, a channel,
  journeys started in a period), with :func:`filter_options` the choices.

**Rules** (choices of this course, the book gives none):

- a customer *reached* a step when the log shows that step or a later one for
  them: a journey that shows only Actie did orient, research and communicate,
  even if the log missed it. So the funnel never widens;
- step names are matched by :func:`klantlib.parsing.text_key` (case, accents and
  spaces do not matter: ``"ORIENTATIE"`` is Oriëntatie); channel names too;
- the channel of a step is that of the customer's *first* event of that step in
  time (ties: the first row); duplicate events therefore count once. A step
  the customer reached but the log does not show has channel ``"?"``.

>>> events = pd.DataFrame({
...     "klant_id": ["a", "a", "a", "b", "b", "c"],
...     "fase": ["Oriëntatie", "research", "Actie", "Oriëntatie", "Research", "Oriëntatie"],
...     "kanaal": ["online", "online", "offline", "offline", "online", "online"],
...     "tijdstip": ["2025-01-02", "2025-01-05", "2025-01-09", "2025-02-01", "2025-02-03", "2025-03-01"],
... })
>>> funnel(events)
              bereikt  stapconversie  totale_conversie  uitval
fase
Oriëntatie          3       1.000000          1.000000       0
Research            2       0.666667          0.666667       1
Communicatie        1       0.500000          0.333333       1
Actie               1       1.000000          0.333333       0
>>> paths(events).per_customer.tolist()
['online-online-?-offline', 'offline-online', 'online']
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

from klantlib._resources import package_text
from klantlib.errors import KlantDataError, drop_invalid_rows, require_filled, require_rows
from klantlib.formatting import listing
from klantlib.parsing import check_option, id_codes, require_columns, text_key, to_date, to_dates, value_error

__all__ = ["ALL", "FUNNEL_COLUMNS", "RULES", "STAGES", "UNKNOWN", "Paths", "Stage", "channel_mix", "filter_options",
           "funnel", "funnel_state", "paths", "rule_effects", "step_by_channel", "stage_names", "stage_table"]

#: The channel shown for a step a customer reached but the log does not show.
UNKNOWN = "?"
#: The columns of :func:`funnel`.
FUNNEL_COLUMNS = ("bereikt", "stapconversie", "totale_conversie", "uitval")


@dataclass(frozen=True)
class Stage:
    """One ORCA step: its name, what happens in it (Dutch) and its typical touchpoints, online and offline."""

    name: str
    explanation: str
    online: tuple[str, ...]
    offline: tuple[str, ...]

    @property
    def touchpoints(self) -> tuple[str, ...]:
        """Every touchpoint of the step, the online ones first."""
        return self.online + self.offline


def _split(cell: str) -> tuple[str, ...]:
    return tuple(t.strip() for t in cell.split(";") if t.strip())


def _read_stages() -> tuple[Stage, ...]:
    text = package_text("orca_stages.csv")
    return tuple(Stage(row["fase"], row["uitleg"], _split(row["online"]), _split(row["offline"]))
                 for row in csv.DictReader(text.splitlines()))


#: Molenaar's (2010) four steps in order, with a Dutch explanation and typical touchpoints per channel
#: (orca_stages.csv). A touchpoint may stand at more than one step (a web shop to compare, to ask, to buy);
#: the shipped journey log uses a touchpoint only at the steps and in the channel given here.
STAGES: tuple[Stage, ...] = _read_stages()
_KEYS = {text_key(s.name): k for k, s in enumerate(STAGES)}


def stage_names() -> list[str]:
    """The names of the four steps in order.

    >>> stage_names()
    ['Oriëntatie', 'Research', 'Communicatie', 'Actie']
    """
    return [s.name for s in STAGES]


def stage_table() -> pd.DataFrame:
    """:data:`STAGES` as a table for students: one row per step, its explanation and its touchpoints per channel.

    >>> stage_table().loc["Actie"].tolist()
    ['De klant koopt: online of in de winkel.', 'webshop', 'winkel, dealer']
    """
    return pd.DataFrame({"uitleg": [s.explanation for s in STAGES],
                         "touchpoints online": [", ".join(s.online) for s in STAGES],
                         "touchpoints offline": [", ".join(s.offline) for s in STAGES]},
                        index=pd.Index(stage_names(), name="fase"))


# -- reading a log --------------------------------------------------------------------------------

_CUSTOMER_FIX = ("Een reis zonder klant kan niet worden geteld. Vul de klant in, of tel per reis: geef een kolom "
                 "die voor elke rij gevuld is, bijvoorbeeld customer=\"reis_id\".")


def _source(events: pd.DataFrame) -> str | None:
    return events.attrs.get("source")


#: The log in the messages of :func:`klantlib.errors.require_rows` and :func:`~klantlib.errors.require_filled`.
_LOG = {"name": "de klantreizen", "row": "gebeurtenis"}


def _customer_codes(events: pd.DataFrame, customer: str) -> tuple[np.ndarray, pd.Index]:
    codes, labels = id_codes(events[customer], column=customer, source=_source(events))
    # Every row blank: the column is the problem, not a row (code -1 is a blank id).
    require_filled(pd.Series(codes).where(codes >= 0), column=customer, source=_source(events), **_LOG,
                   what="een klant of reis", fix=_CUSTOMER_FIX)
    if (codes < 0).any():  # never silently: a blank customer cannot be counted
        drop_invalid_rows(events, pd.Series(codes < 0, index=events.index), f"de kolom '{customer}' is leeg",
                          errors="raise", source=_source(events), fix=_CUSTOMER_FIX)
    return codes, labels


def _stage_codes(events: pd.DataFrame, stage: str) -> np.ndarray:
    """Step numbers 0..3 by text_key; a Dutch error naming the rows of an unknown or missing step."""
    values = events[stage]
    codes, distinct = pd.factorize(values, use_na_sentinel=True)
    known = np.array([_KEYS.get(text_key(v), -1) for v in distinct] + [-1], dtype="int64")
    numbers = known[codes]  # code -1 (missing) picks the last element, -1
    bad = numbers < 0
    if bad.any():
        raise value_error(values, bad, what="een onbekende fase", column=stage, source=_source(events),
                          fix=f"Bekende fasen (hoofdletters en accenten maken niet uit): {', '.join(stage_names())}.")
    return numbers


def _channel_codes(events: pd.DataFrame, channel: str) -> tuple[np.ndarray, list[str]]:
    values = events[channel]
    codes, distinct = pd.factorize(values, use_na_sentinel=True)
    keys = [text_key(v) for v in distinct]
    bad = (codes < 0) | np.isin(codes, [k for k, key in enumerate(keys) if not key])
    if bad.any():
        raise value_error(values, bad, what="geen kanaal", column=channel, source=_source(events),
                          fix="Vul bij elke gebeurtenis het kanaal in, bijvoorbeeld online of offline.")
    names = sorted(set(keys), key=_channel_order)
    lookup = np.array([names.index(key) for key in keys], dtype="int64")
    return lookup[codes], names


def _channel_order(name: str):
    return ({"online": 0, "offline": 1}.get(name, 2), name)


def _group_codes(events: pd.DataFrame, by) -> tuple[np.ndarray, pd.MultiIndex | pd.Index | None, list[str]]:
    """One integer per row for the groups of ``by`` (a column or a list of columns), and the groups."""
    if by is None:
        return np.zeros(len(events), dtype="int64"), None, []
    names = [by] if isinstance(by, str) else list(by)
    if not names:
        raise KlantDataError("by is een lege lijst: geef een kolom (by=\"klantgroep\"), een lijst kolommen, of "
                             "by=None voor één trechter.")
    codes, groups = pd.MultiIndex.from_frame(events[names]).factorize(sort=True) if len(names) > 1 else \
        pd.factorize(events[names[0]], sort=True, use_na_sentinel=False)
    if isinstance(groups, pd.MultiIndex):
        groups = groups.set_names(names)
    else:
        groups = pd.Index(groups, name=names[0])
    return np.asarray(codes, dtype="int64"), groups, names


# -- the models -----------------------------------------------------------------------------------

def funnel(events: pd.DataFrame, *, customer: str = "klant_id", stage: str = "fase", by=None) -> pd.DataFrame:
    """The ORCA funnel: per step, how many customers reached it and how many were lost.

    A customer reached a step when the log shows that step or a later one for
    them (see the module docstring), so ``bereikt`` never grows from one step to
    the next. Duplicate events and their order do not matter.

    Args:
        events: the journey log, one row per event.
        customer: the column that says whose journey it is (a customer or a
            journey id); it must be filled in on every row.
        stage: the column with the step (Oriëntatie, Research, Communicatie,
            Actie; case and accents do not matter).
        by: ``None``, or a column (or list of columns) to split the events by,
            for example ``"klantgroep"``. A customer whose events fall in two
            groups is counted in both; a blank group value is a group of its own.

    Returns:
        A DataFrame with one row per step (per group of ``by`` first, in a
        MultiIndex): ``bereikt`` (customers that reached the step),
        ``stapconversie`` (``bereikt`` / ``bereikt`` of the step before; 1 for
        Oriëntatie; NaN when nobody reached the step before), ``totale_conversie``
        (``bereikt`` / ``bereikt`` at Oriëntatie) and ``uitval`` (customers that
        reached the step before but not this one).

    Raises:
        KlantDataError: a missing column, a blank customer or an unknown step,
            naming the column and the rows; an empty log (a filter that left no
            event: "De selectie is leeg ..."), a customer column that is blank
            on every row, or ``by=[]``.

    >>> log = pd.DataFrame({"reis": ["r1", "r1", "r2"], "stap": ["ORIENTATIE", "actie", "Verkoop"]})
    >>> funnel(log, customer="reis", stage="stap")
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: In kolom 'stap' staat op de rij met index 2 een onbekende fase (bijvoorbeeld 'Verkoop' op de rij met index 2). Bekende fasen (hoofdletters en accenten maken niet uit): Oriëntatie, Research, Communicatie, Actie.
    """
    by_names = [] if by is None else ([by] if isinstance(by, str) else list(by))
    require_columns(events, [customer, stage, *by_names], source=_source(events))
    require_rows(events, **_LOG, consequence="valt er niets te tellen", filters=by_names)
    customers, labels = _customer_codes(events, customer)
    stages = _stage_codes(events, stage)
    groups, group_index, _ = _group_codes(events, by)
    # The furthest step per (group, customer): one integer key, one groupby.
    key = groups * len(labels) + customers
    furthest = pd.Series(stages).groupby(key, sort=False).max()
    group_of = furthest.index.to_numpy() // max(len(labels), 1)
    n_groups = 1 if group_index is None else len(group_index)
    n_stages = len(STAGES)
    stopped = np.zeros((n_groups, n_stages), dtype="int64")
    np.add.at(stopped, (group_of, furthest.to_numpy()), 1)
    reached = stopped[:, ::-1].cumsum(axis=1)[:, ::-1]  # reached step k: stopped at k or later
    before = np.concatenate([reached[:, :1], reached[:, :-1]], axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        step = np.where(before > 0, reached / np.maximum(before, 1), np.nan)
        overall = reached / reached[:, :1]
    table = pd.DataFrame({
        "bereikt": reached.ravel(),
        "stapconversie": step.ravel(),
        "totale_conversie": overall.ravel(),
        "uitval": (before - reached).ravel(),
    })
    names = pd.Index(stage_names(), name="fase")
    if group_index is None:
        return table.set_axis(names)
    index = pd.MultiIndex.from_product([group_index, names]) if not isinstance(group_index, pd.MultiIndex) else \
        pd.MultiIndex.from_tuples([(*g, s) for g in group_index for s in names], names=[*group_index.names, "fase"])
    return table.set_axis(index)


class Paths(NamedTuple):
    """What :func:`paths` returns: the pattern per customer and a table of the patterns."""

    per_customer: pd.Series
    table: pd.DataFrame


def _first_channels(events, customer, stage, channel, time):
    """(customer labels, channels names, slots): per customer and step the channel code of the first event, or -1."""
    require_columns(events, [c for c in (customer, stage, channel, time) if c is not None], source=_source(events))
    require_rows(events, **_LOG, consequence="valt er niets te tellen",
                 filters=[c for c in (channel, time) if c is not None])
    customers, labels = _customer_codes(events, customer)
    stages = _stage_codes(events, stage)
    channels, names = _channel_codes(events, channel)
    n_stages = len(STAGES)
    key = customers * n_stages + stages
    if time is not None:
        when = to_dates(events[time], column=time, source=_source(events))
        if when.isna().any():
            raise value_error(events[time], when.isna().to_numpy(), what="geen tijdstip", column=time,
                              source=_source(events), fix="Vul bij elke gebeurtenis datum en tijd in.")
        order = np.argsort(when.to_numpy(), kind="stable")  # first in time; ties: the first row
        key, channels = key[order], channels[order]
    first = ~pd.Series(key).duplicated().to_numpy()
    slots = np.full((len(labels), n_stages), -1, dtype="int64")
    slots.ravel()[key[first]] = channels[first]
    return labels, names, slots


def _pattern_texts(slots: np.ndarray, names: list[str]) -> tuple[np.ndarray, list[str]]:
    """Per customer a pattern code, and the text of each code (only the distinct patterns become text)."""
    n_stages = slots.shape[1]
    reached = np.where(slots >= 0, np.arange(n_stages), -1).max(axis=1)  # the furthest step shown
    base = len(names) + 2  # per slot: -1 (unknown) .. len(names)-1, and "not reached"
    digits = np.where(np.arange(n_stages) > reached[:, None], len(names), slots)
    code = ((digits + 1) * base ** np.arange(n_stages)).sum(axis=1)
    distinct, inverse = np.unique(code, return_inverse=True)
    shown = [UNKNOWN, *names]  # digit 0 is "?"; digit len(names) + 1 is a step not reached
    texts = []
    for value in distinct:
        digits = [(value // base**k) % base for k in range(n_stages)]
        texts.append("-".join(shown[d] for d in digits if d < len(shown)))
    return inverse.ravel(), texts


def paths(events: pd.DataFrame, *, customer: str = "klant_id", stage: str = "fase", channel: str = "kanaal",
          time: str | None = "tijdstip") -> Paths:
    """The online/offline pattern of each customer over the ORCA steps, and the most common patterns.

    A pattern names the channel of each step in order, up to the furthest step
    the customer reached: ``"online-online-offline-offline"`` bought offline
    after orienting and researching online; ``"online-online"`` dropped out after
    Research. A step the customer skipped in the log but reached (a later step
    is shown) is ``"?"``. The channel of a step is that of the customer's first
    event of that step in time.

    Args:
        events: the journey log, one row per event.
        customer, stage: as in :func:`funnel`.
        channel: the column with the channel (``online``/``offline``; compared
            by :func:`klantlib.parsing.text_key`, shown in that form).
        time: the column with the moment of each event (read by
            :func:`klantlib.parsing.to_dates`); ``None``: the order of the rows.

    Returns:
        ``Paths(per_customer, table)``: ``per_customer`` a Series of patterns per
        customer (index: the customer labels, sorted); ``table`` the patterns
        with ``klanten`` (how many customers) and ``aandeel`` (their share), most
        common first (ties: alphabetically).

    Raises:
        KlantDataError: a missing column, a blank customer or channel, an
            unknown step, or a moment that is blank or no date, naming the column
            and the rows; an empty log (a filter that left no event: "De selectie
            is leeg ..."), or a customer column that is blank on every row.

    >>> log = pd.DataFrame({"klant_id": ["a", "a", "b"], "fase": ["Actie", "Oriëntatie", "Oriëntatie"],
    ...                     "kanaal": ["Offline", "online", "online"], "tijdstip": ["2025-01-09", "2025-01-02", "gisteren"]})
    >>> paths(log)
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: In kolom 'tijdstip' staat op de rij met index 2 geen (bestaande) datum (bijvoorbeeld 'gisteren' op de rij met index 2). Schrijf datums als dd-mm-jjjj (31-12-2025) of jjjj-mm-dd (2025-12-31) en controleer dag en maand.
    >>> paths(log.assign(tijdstip=["2025-01-09", "2025-01-02", "2025-01-03"])).table
                        klanten  aandeel
    patroon
    online                    1      0.5
    online-?-?-offline        1      0.5
    """
    labels, names, slots = _first_channels(events, customer, stage, channel, time)
    codes, texts = _pattern_texts(slots, names)
    per_customer = pd.Series(np.asarray(texts, dtype=object)[codes], index=labels.rename(customer), name="patroon")
    counts = np.bincount(codes, minlength=len(texts))
    table = pd.DataFrame({"klanten": counts, "aandeel": counts / counts.sum()},
                         index=pd.Index(texts, name="patroon"))
    table = table.iloc[np.lexsort((table.index.to_numpy(dtype=str), -counts))]
    return Paths(per_customer, table)


def channel_mix(events: pd.DataFrame, *, customer: str = "klant_id", stage: str = "fase", channel: str = "kanaal",
                time: str | None = "tijdstip", share: bool = True) -> pd.DataFrame:
    """Per ORCA step, the share of each channel (online, offline ...) among the customers in that step.

    Each customer counts once per step they show in the log, with the channel
    of their first event of that step (as in :func:`paths`); a step reached but
    not shown does not count. So the mix is what the patterns of :func:`paths`
    show, column by column.

    Args:
        events, customer, stage, channel, time: as in :func:`paths`.
        share: ``True`` (default): shares per step (each row adds up to 1);
            ``False``: the numbers of customers.

    Returns:
        A DataFrame with one row per step (``fase``) and one column per channel
        (online and offline first); a step nobody showed has NaN shares.

    Raises:
        KlantDataError: as :func:`paths`.

    >>> log = pd.DataFrame({"klant_id": ["a", "a", "b", "b"], "fase": ["Oriëntatie", "Actie", "oriëntatie", "Actie"],
    ...                     "kanaal": ["online", "offline", "online", "online"]})
    >>> channel_mix(log, time=None)
    kanaal      online  offline
    fase
    Oriëntatie     1.0      0.0
    Research       NaN      NaN
    Communicatie   NaN      NaN
    Actie          0.5      0.5
    """
    check_option("share", share, (True, False))
    _, names, slots = _first_channels(events, customer, stage, channel, time)
    counts = np.stack([(slots == k).sum(axis=0) for k in range(len(names))], axis=1)
    table = pd.DataFrame(counts, index=pd.Index(stage_names(), name="fase"), columns=pd.Index(names, name="kanaal"))
    if not share:
        return table
    totals = table.sum(axis=1)
    return table.div(totals.where(totals > 0), axis=0)


def _step_number(step) -> int:
    """The position (0 to 3) of an ORCA step named by a person (by :func:`klantlib.parsing.text_key`), or a Dutch error."""
    number = _KEYS.get(text_key(step)) if isinstance(step, str) else None
    if number is None:
        raise KlantDataError(f"{step!r} is geen stap van ORCA. Kies uit: {', '.join(stage_names())}.")
    return number


def step_by_channel(events: pd.DataFrame, step: str, *, customer: str = "klant_id", stage: str = "fase",
                    channel: str = "kanaal", time: str | None = "tijdstip") -> pd.DataFrame:
    """How many customers go on to ``step``, split by the channel in which they took the step before it.

    Of the customers the log shows at the step before ``step``, each with the
    channel of their first event of that step (as in :func:`channel_mix`), how
    many reached ``step`` (the log shows it or a later step, as in
    :func:`funnel`). So it answers: do customers who research online reach
    Communicatie as often as those who research offline?

    Args:
        events: the journey log, one row per event.
        step: the step to reach: Research, Communicatie or Actie (case and
            accents do not matter). Oriëntatie has no step before it.
        customer, stage, channel, time: as in :func:`paths`.

    Returns:
        A DataFrame with one row per channel of the step before (index
        ``kanaal ervoor``, online and offline first): ``klanten`` (customers the
        log shows at the step before, in that channel), ``bereikt`` (how many of
        them reached ``step``) and ``stapconversie`` (``bereikt / klanten``; NaN
        for a channel nobody used at the step before).

    Raises:
        KlantDataError: as :func:`paths`; a ``step`` that is no ORCA step, or
            Oriëntatie.

    >>> log = pd.DataFrame({"reis": ["r1", "r1", "r2", "r2", "r3", "r3"],
    ...                     "stap": ["Research", "Actie", "Research", "Communicatie", "Research", "Research"],
    ...                     "kanaal": ["online", "offline", "offline", "offline", "online", "offline"]})
    >>> step_by_channel(log, "communicatie", customer="reis", stage="stap", time=None)
                  klanten  bereikt  stapconversie
    kanaal ervoor
    online              2        1            0.5
    offline             1        1            1.0
    >>> step_by_channel(log, "Oriëntatie", customer="reis", stage="stap", time=None)
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: Oriëntatie is de eerste stap van ORCA: er is geen stap ervoor. Kies Research, Communicatie of Actie.
    """
    number = _step_number(step)
    if number == 0:
        raise KlantDataError(f"{stage_names()[0]} is de eerste stap van ORCA: er is geen stap ervoor. Kies "
                             f"{listing(stage_names()[1:], limit=None, word='of')}.")
    _, names, slots = _first_channels(events, customer, stage, channel, time)
    furthest = np.where(slots >= 0, np.arange(slots.shape[1]), -1).max(axis=1)  # the furthest step shown
    before = slots[:, number - 1]  # the channel of the step before, -1 where the log does not show it
    went_on = furthest >= number
    shown = np.array([(before == k).sum() for k in range(len(names))], dtype="int64")
    reached = np.array([((before == k) & went_on).sum() for k in range(len(names))], dtype="int64")
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(shown > 0, reached / np.maximum(shown, 1), np.nan)
    return pd.DataFrame({"klanten": shown, "bereikt": reached, "stapconversie": share},
                        index=pd.Index(names, name="kanaal ervoor"))


#: The rows of :func:`rule_effects`: the two counting rules of this course.
RULES = ("bereikt: die stap of een latere", "kanaal: de eerste keer telt")


def rule_effects(events: pd.DataFrame, *, customer: str = "klant_id", stage: str = "fase",
                 channel: str = "kanaal") -> pd.DataFrame:
    """How many customers each counting rule of this course touches (see the module docstring).

    - ``"bereikt: die stap of een latere"``: customers who reached a step the
      log does not show for them (a ``"?"`` in their pattern of :func:`paths`):
      the funnel counts them at that step all the same;
    - ``"kanaal: de eerste keer telt"``: customers the log shows at some step in
      more than one channel: :func:`channel_mix` and :func:`paths` give them the
      channel of their first event there.

    A customer touched by neither counts the same under any rule.

    Args:
        events: the journey log, one row per event.
        customer, stage, channel: as in :func:`paths` (the order in time does not
            matter for these counts).

    Returns:
        A DataFrame with one row per rule (:data:`RULES`, index ``regel``):
        ``klanten`` (customers the rule touches) and ``aandeel`` (their share of
        all customers in the log).

    Raises:
        KlantDataError: as :func:`paths`.

    >>> log = pd.DataFrame({"reis": ["r1", "r1", "r2", "r2", "r3"],
    ...                     "stap": ["Research", "Actie", "Oriëntatie", "oriëntatie", "Oriëntatie"],
    ...                     "kanaal": ["online", "offline", "online", "offline", "online"]})
    >>> rule_effects(log, customer="reis", stage="stap")
                                     klanten   aandeel
    regel
    bereikt: die stap of een latere        1  0.333333
    kanaal: de eerste keer telt            1  0.333333
    """
    customers, names, slots = _first_channels(events, customer, stage, channel, None)
    n_stages = slots.shape[1]
    shown = slots >= 0
    furthest = np.where(shown, np.arange(n_stages), -1).max(axis=1)
    unseen = (~shown & (np.arange(n_stages) < furthest[:, None])).any(axis=1).sum()
    # Every (customer, step) of a row with its channel; more than one channel: the first-in-time rule decides.
    codes, _ = _customer_codes(events, customer)
    pairs = pd.DataFrame({"key": codes * n_stages + _stage_codes(events, stage),
                          "kanaal": _channel_codes(events, channel)[0]}).drop_duplicates()
    several = pairs.groupby("key").size()
    two_channels = len(np.unique(several.index[several > 1].to_numpy() // n_stages))
    counts = np.array([unseen, two_channels], dtype="int64")
    return pd.DataFrame({"klanten": counts, "aandeel": counts / len(customers)},
                        index=pd.Index(RULES, name="regel"))


# -- a selection of the log, as the funnel widget of notebook 06 makes it ----------------------------------

#: The choice that keeps every customer group or channel.
ALL = "alle"


def _group_names(values: pd.Series) -> list[str]:
    """The customer groups a selection can choose, as written in the log, sorted (a blank group is no choice)."""
    return sorted(g for g in values.dropna().astype("str").unique() if g.strip())


def filter_options(events: pd.DataFrame, *, customer: str = "reis_id", group_column: str = "klantgroep",
                   channel: str = "kanaal", time: str = "tijdstip") -> dict:
    """The choices a selection of the log can make: customer groups, channels and the months of the log.

    Args:
        events: the journey log, one row per event.
        customer, group_column, channel, time: the columns with the journey (or
            customer), the customer group, the channel and the time of each event
            (dates read by :func:`klantlib.parsing.to_dates`).

    Returns:
        A dict: ``groups`` (:data:`ALL` and the groups as written in the log,
        sorted; a blank group is no choice), ``channels`` (:data:`ALL` and the
        channels in the form :func:`channel_mix` shows them, by
        :func:`klantlib.parsing.text_key`: online before offline, then the others
        sorted), ``months`` (the first day of every month from the first to
        the last event) and ``start_months`` (the first and the last of those
        months in which a journey *starts*: the period with data, which the
        widget chooses at first; a journey that ends in a later month does not
        stretch it).

    Raises:
        KlantDataError: a missing column, an empty log, a blank journey, a time
            that is no date, or a time column that is blank on every row.

    >>> log = pd.DataFrame({"reis_id": ["r1", "r2", "r2"], "klantgroep": ["zakelijk", "consument", "consument"],
    ...                     "kanaal": ["offline", "online", "online"],
    ...                     "tijdstip": ["30-01-2025", "02-03-2025", "2025-02-14"]})
    >>> options = filter_options(log)
    >>> options["groups"], options["channels"], [f"{m:%m-%Y}" for m in options["months"]]
    (['alle', 'consument', 'zakelijk'], ['alle', 'online', 'offline'], ['01-2025', '02-2025', '03-2025'])
    >>> [f"{m:%m-%Y}" for m in options["start_months"]]  # r2 starts in February and ends in March
    ['01-2025', '02-2025']
    """
    require_columns(events, [customer, group_column, channel, time], source=_source(events))
    require_rows(events, **_LOG, consequence="valt er niets te kiezen", filters=[group_column, channel, time])
    when = to_dates(events[time], column=time, source=_source(events))
    if when.isna().all():
        raise value_error(events[time], when.isna().to_numpy(), what="geen tijdstip", column=time,
                          source=_source(events), fix="Vul bij elke gebeurtenis datum en tijd in.")
    months = pd.date_range(when.min().to_period("M").to_timestamp(), when.max().to_period("M").to_timestamp(),
                           freq="MS")
    journeys, _ = _customer_codes(events, customer)
    started = when.groupby(journeys).min().dropna()  # when each journey started (a journey without a time: none)
    start_months = [started.min().to_period("M").to_timestamp(), started.max().to_period("M").to_timestamp()]
    channels = {text_key(v) for v in events[channel].dropna().unique()} - {""}
    return {"groups": [ALL, *_group_names(events[group_column])],
            "channels": [ALL, *sorted(channels, key=_channel_order)],
            "months": list(months), "start_months": start_months}


def _period(period) -> tuple[pd.Timestamp, pd.Timestamp]:
    """``(start, end)`` as two dates by the date rule (day first), or a Dutch error."""
    if isinstance(period, str) or not hasattr(period, "__len__") or len(period) != 2:
        raise KlantDataError(f"period moet None zijn of een paar datums (begin, einde), zoals ('01-03-2025', "
                             f"'01-06-2025'); niet {period!r}.")
    start = to_date(period[0], what="het begin van de periode")
    end = to_date(period[1], what="het einde van de periode")
    if end <= start:
        raise KlantDataError(f"De periode loopt van {start:%d-%m-%Y} tot {end:%d-%m-%Y}: het einde ligt niet na het "
                             "begin. Draai ze om, of kies een later einde.")
    return start, end


def funnel_state(events: pd.DataFrame, *, group: str = ALL, channel_choice: str = ALL, period=None,
                 customer: str = "reis_id", stage: str = "stap", channel: str = "kanaal",
                 group_column: str = "klantgroep", time: str = "tijdstip") -> pd.DataFrame:
    """The :func:`funnel` of a selection of the log: one customer group, one channel, journeys started in a period.

    What the funnel widget of notebook 06 shows for one setting of its filters
    (:func:`filter_options` gives the choices).

    Args:
        events: the journey log, one row per event.
        group: keep the events of this customer group, as written in the log
            (:data:`ALL`: every group).
        channel_choice: keep only the events in this channel, so the funnel counts
            the journeys that reached a step *in that channel* (:data:`ALL`: every
            channel). Compared by :func:`klantlib.parsing.text_key`, as
            :func:`filter_options` lists the channels (``"Online"`` is ``"online"``).
        period: ``None``, or ``(start, end)``: keep the journeys whose first event
            (in any group or channel) lies in ``[start, end)``. Both are read by
            :func:`klantlib.parsing.to_date` (day first: ``"01-02-2025"`` is 1
            February), the times of the log by :func:`klantlib.parsing.to_dates`.
        customer, stage, channel, group_column, time: the columns of the log.

    Returns:
        The :func:`funnel` of the events kept.

    Raises:
        KlantDataError: as :func:`funnel` (a missing column, an empty log, a blank
            customer, an unknown step); a group or channel that is not in the log; a
            period that is no pair of dates or ends before it starts; a time that is
            blank or no date (with a period); and a choice of filters that keeps no
            event, with a message that names the filters ("De selectie is leeg:
            ... bij deze keuze (...)"): the widget of notebook 06 shows it under
            the figure, instead of the counts.

    >>> log = pd.DataFrame({"reis_id": ["r1", "r1", "r2"], "stap": ["Oriëntatie", "Actie", "Oriëntatie"],
    ...                     "kanaal": ["online", "offline", "online"], "klantgroep": ["consument"] * 3,
    ...                     "tijdstip": ["02-01-2025", "09-01-2025", "03-02-2025"]})
    >>> funnel_state(log, period=("01-01-2025", "01-02-2025"))["bereikt"].tolist()
    [1, 1, 1, 1]
    >>> funnel_state(log, channel_choice="offline", period=("01-02-2025", "01-03-2025"))
    Traceback (most recent call last):
    ...
    klantlib.errors.KlantDataError: De selectie is leeg: in de klantreizen staat geen enkele reis bij deze keuze (kanaal 'offline' en reizen gestart van 01-02-2025 tot 01-03-2025), dus is er geen trechter. Kies een ruimere periode of een ander filter.
    """
    filtered = [*([group_column] if group != ALL else []), *([channel] if channel_choice != ALL else []),
                *([time] if period is not None else [])]
    # The columns the filters need, and a log that is not empty to begin with.
    require_columns(events, [customer, stage, *filtered], source=_source(events))
    require_rows(events, **_LOG, consequence="is er geen trechter", filters=filtered)
    keep = np.ones(len(events), dtype=bool)
    chosen = []  # the filters, named in the message when nothing is left
    if group != ALL:
        groups = events[group_column].astype("str").to_numpy()
        if not (groups == group).any():
            choices = [ALL, *_group_names(events[group_column])]
            raise KlantDataError(f"De klantgroep {group!r} komt niet voor in de kolom '{group_column}'. Kies uit: "
                                 f"{listing(map(repr, choices), limit=None, word='of')}.")
        keep &= groups == group
        chosen.append(f"klantgroep {group!r}")
    if channel_choice != ALL:
        codes, distinct = pd.factorize(events[channel])  # compare each distinct channel once, by the text rule
        keys = np.array([text_key(v) for v in distinct] + [""], dtype=object)
        in_channel = keys[codes] == text_key(channel_choice)  # code -1 (blank) picks "", never a channel
        if not in_channel.any():
            names = sorted(set(keys) - {""}, key=_channel_order)
            raise KlantDataError(f"Het kanaal {channel_choice!r} komt niet voor in de kolom '{channel}'. Kies uit: "
                                 f"{listing(map(repr, [ALL, *names]), limit=None, word='of')}.")
        keep &= in_channel
        chosen.append(f"kanaal {channel_choice!r}")
    if period is not None:
        start, end = _period(period)
        journeys, _ = _customer_codes(events, customer)  # the id rule: " r1" is r1; a blank journey is an error
        when = to_dates(events[time], column=time, source=_source(events))
        if when.isna().any():  # a journey without a time can't be placed in a period: never silently
            raise value_error(events[time], when.isna().to_numpy(), what="geen tijdstip", column=time,
                              source=_source(events), fix="Vul bij elke gebeurtenis datum en tijd in.")
        first = when.groupby(journeys).transform("min").to_numpy()  # when each journey started
        keep &= (first >= start.to_datetime64()) & (first < end.to_datetime64())
        chosen.append(f"reizen gestart van {start:%d-%m-%Y} tot {end:%d-%m-%Y}")
    # No journey left: a Dutch message that names the filters chosen.
    chosen_events = events[keep]
    require_rows(chosen_events, name=_LOG["name"], row="reis", chosen=chosen, consequence="is er geen trechter",
                 fix="Kies een ruimere periode of een ander filter.")
    return funnel(chosen_events, customer=customer, stage=stage)
