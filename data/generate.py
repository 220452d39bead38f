"""Generate the shipped datasets of the case world Trapper Fietsen B.V. (seeded, byte-identical).

Run ``python data/generate.py`` (or ``make data``) to rewrite every CSV in ``data/``;
``tests/test_datasets.py`` regenerates into a temporary folder and proves the
shipped files are identical. The story, every column and the known quirks are
described in ``data/README.md``.

Each dataset draws from its own random stream, made from :data:`SEED` and the
dataset's name (:func:`stream`), never from its place in the order. Adding,
removing or changing one dataset therefore leaves every other one as it is. A
dataset built on another (the purchases on the customers) takes that one as
input and still draws only from its own stream.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 2026
START, END = pd.Timestamp("2024-01-01"), pd.Timestamp("2025-12-31")
PROVINCES = ["Overijssel", "Gelderland", "Drenthe", "Friesland", "Groningen", "Flevoland", "Utrecht",
             "Noord-Holland", "Zuid-Holland", "Noord-Brabant", "Limburg", "Zeeland"]
PROVINCE_P = [0.24, 0.18, 0.09, 0.08, 0.07, 0.05, 0.06, 0.07, 0.07, 0.05, 0.02, 0.02]

# category -> (channel-independent base price in euro, price spread as a fraction, products)
CATALOGUE = {
    "e-bike": (2600, 0.25, ["Trapper E-Tour", "Trapper E-City", "Trapper E-Cargo"]),
    "stadsfiets": (750, 0.25, ["Trapper Stad 3", "Trapper Stad 7", "Trapper Omafiets"]),
    "racefiets": (1900, 0.35, ["Trapper Vélo Sport", "Trapper Gravel"]),
    "kinderfiets": (320, 0.25, ["Trapper Mini 16", "Trapper Junior 24"]),
    "onderdelen": (45, 0.6, ["accu", "band", "ketting", "zadel", "verlichtingsset"]),
    "accessoires": (35, 0.6, ["slot", "fietstas", "helm", "regenpak", "telefoonhouder"]),
    "onderhoud": (95, 0.5, ["onderhoudsbeurt", "reparatie", "APK e-bike"]),
}


def stream(name: str) -> np.random.Generator:
    """The random stream of the dataset ``name`` (its file name without ``.csv``): from SEED and the name only."""
    key = int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:8], "big")
    return np.random.default_rng([SEED, key])


def _dates(rng, n, start=START, end=END):
    """Dates in [start, end] with a spring peak (March-June) for bike sales."""
    days = pd.date_range(start, end, freq="D")
    weight = 1 + 0.6 * np.exp(-0.5 * ((days.day_of_year.to_numpy() - 125) / 40) ** 2)
    return days[rng.choice(len(days), size=n, p=weight / weight.sum())]


def customers(rng) -> pd.DataFrame:
    n_cons, n_biz, n_gov = 3600, 300, 40
    kind = ["consument"] * n_cons + ["zakelijk"] * n_biz + ["gemeente"] * n_gov
    n = len(kind)
    frame = pd.DataFrame({"klant_id": [f"K{i:05d}" for i in range(1, n + 1)], "klanttype": kind})
    biz_words = ["Bouw", "Zorg", "Logistiek", "Advies", "Installatie", "ICT", "Schoonmaak", "Techniek"]
    biz_forms = ["B.V.", "Groep", "& Partners", "Holding"]
    places = ["Zwolle", "Deventer", "Kampen", "Apeldoorn", "Meppel", "Hengelo", "Enschede", "Almelo",
              "Assen", "Hardenberg", "Raalte", "Ommen", "Harderwijk", "Emmen", "Lelystad", "Amersfoort",
              "Zutphen", "Steenwijk", "Dalfsen", "Hattem"]
    names = [""] * n_cons
    names += [f"{rng.choice(['Van Dijk', 'Bosman', 'Mulder', 'De Groot', 'Kok', 'Jansen', 'Smit', 'Visser', 'Brink', 'Hofman'])} "
              f"{rng.choice(biz_words)} {rng.choice(biz_forms)} ({i})" for i in range(1, n_biz + 1)]
    names += [f"Gemeente {places[i % len(places)]}" + ("" if i < len(places) else f" (regio {i // len(places) + 1})")
              for i in range(n_gov)]
    frame["naam"] = names
    frame["provincie"] = rng.choice(PROVINCES, size=n, p=PROVINCE_P)
    age = np.clip(np.round(rng.normal(47, 15, size=n)), 18, 88).astype(int)
    frame["leeftijd"] = pd.array(np.where(frame["klanttype"] == "consument", age, -1), dtype="Int64")
    frame.loc[frame["klanttype"] != "consument", "leeftijd"] = pd.NA
    frame["klant_sinds"] = _dates(rng, n, pd.Timestamp("2012-01-01"), pd.Timestamp("2025-12-01"))
    online = np.where(age < 40, 0.6, np.where(age < 60, 0.45, 0.25))
    u = rng.random(n)
    frame["kanaalvoorkeur"] = np.where(u < online * 0.6, "online", np.where(u < 0.35 + online * 0.5, "beide", "offline"))
    internet = np.where(age < 35, 2.3, np.where(age < 55, 1.9, 1.4)) + rng.normal(0, 0.6, n)
    frame["internetgerichtheid"] = np.select([internet < 1.5, internet < 2.3], ["laag", "gemiddeld"], "hoog")
    # latent loyalty and spend level used by the other datasets (not shipped)
    frame["_loyal"] = rng.beta(1.3, 2.2, size=n)
    return frame


def transactions(rng, klanten: pd.DataFrame) -> pd.DataFrame:
    rows = []
    order_no = 0
    kind = klanten["klanttype"].to_numpy()
    loyal = klanten["_loyal"].to_numpy()
    # who buys in the period: most customers, not all
    buys = rng.random(len(klanten)) < np.where(kind == "consument", 0.82, 0.9)
    for i in np.flatnonzero(buys):
        if kind[i] == "consument":
            n_orders = 1 + rng.poisson(4.2 * loyal[i] ** 2.2)
        else:
            n_orders = 1 + rng.poisson(3 * loyal[i] + 0.3)
        dates = np.sort(_dates(rng, n_orders))
        for day in dates:
            order_no += 1
            if kind[i] == "consument":
                if rng.random() < 0.22 + 0.1 * (n_orders == 1):
                    cat = rng.choice(["e-bike", "stadsfiets", "racefiets", "kinderfiets"], p=[0.45, 0.3, 0.13, 0.12])
                else:
                    cat = rng.choice(["onderdelen", "accessoires", "onderhoud"], p=[0.3, 0.35, 0.35])
                qty = 1
                channel = rng.choice(["webshop", "winkel", "dealer"], p=[0.45, 0.2, 0.35])
            else:
                cat = rng.choice(["e-bike", "stadsfiets", "onderhoud", "accessoires"], p=[0.45, 0.15, 0.3, 0.1])
                qty = int(rng.integers(1, 4 if kind[i] == "zakelijk" else 7)) if cat != "onderhoud" else int(rng.integers(1, 6))
                channel = "zakelijk"
            base, spread, products = CATALOGUE[cat]
            price = round(base * float(np.exp(rng.normal(0, spread))), 2)
            if kind[i] != "consument" and cat in ("e-bike", "stadsfiets"):
                price = round(price * 0.88, 2)  # fleet discount
            rows.append((order_no, klanten.at[i, "klant_id"], day, cat, rng.choice(products), qty, round(price * qty, 2), channel))
            if cat in ("e-bike", "stadsfiets", "racefiets") and rng.random() < 0.35:  # add-on line
                extra = rng.choice(CATALOGUE["accessoires"][2])
                add_price = round(CATALOGUE["accessoires"][0] * float(np.exp(rng.normal(0, 0.5))), 2)
                rows.append((order_no, klanten.at[i, "klant_id"], day, "accessoires", extra, qty, round(add_price * qty, 2), channel))
    frame = pd.DataFrame(rows, columns=["order_id", "klant_id", "datum", "categorie", "product", "aantal", "bedrag", "kanaal"])
    # returns: about 3% of lines come back 3-30 days later, as a negative line in a new order
    ret = frame[(rng.random(len(frame)) < 0.035) & (frame["categorie"] != "onderhoud")].copy()
    ret["datum"] = ret["datum"] + pd.to_timedelta(rng.integers(3, 31, size=len(ret)), unit="D")
    ret = ret[ret["datum"] <= END]
    ret["bedrag"] = -ret["bedrag"]
    ret["order_id"] = np.arange(order_no + 1, order_no + 1 + len(ret))
    frame = pd.concat([frame, ret], ignore_index=True).sort_values(["datum", "order_id", "bedrag"], kind="stable")
    # order ids in date order, then line ids
    mapping = {old: new for new, old in enumerate(pd.unique(frame["order_id"]), start=1)}
    frame["order_id"] = [f"O{mapping[o]:06d}" for o in frame["order_id"]]
    frame.insert(0, "transactie_id", [f"T{i:06d}" for i in range(1, len(frame) + 1)])
    return frame.reset_index(drop=True)


def _likert(rng, mean, scale, size):
    return np.clip(np.round(mean + rng.normal(0, 0.9, size)), 1, scale).astype(int)


def relationship_survey(rng, klanten, transacties) -> pd.DataFrame:
    buyers = klanten[klanten["klant_id"].isin(transacties["klant_id"])]
    sample = buyers.sample(n=600, random_state=rng).sort_values("klant_id")
    n = len(sample)
    # relationship strength: related to loyalty, with room for Vrienden and Economici
    bond = 0.55 * sample["_loyal"].to_numpy() + 0.45 * rng.random(n)
    frame = pd.DataFrame({"klant_id": sample["klant_id"].to_numpy(),
                          "datum": _dates(rng, n, pd.Timestamp("2025-11-01"), pd.Timestamp("2025-11-30")).sort_values()})
    for driver, weight in [("attractiviteit", 1.0), ("overstapkosten", 0.6), ("vertrouwen", 1.1), ("tevredenheid", 1.2)]:
        frame[driver] = pd.array(_likert(rng, 2.0 + 4.6 * bond * weight ** 0.3, 7, n), dtype="Int64")
    # quirk: a handful skipped one question
    for row in rng.choice(n, size=7, replace=False):
        frame.iloc[row, 2 + rng.integers(0, 4)] = pd.NA
    return frame.sort_values("klant_id").reset_index(drop=True)


SERVQUAL_DIMS = {"tastbaarheden": range(1, 5), "betrouwbaarheid": range(5, 10), "responsiviteit": range(10, 14),
                 "zekerheid": range(14, 18), "inlevingsvermogen": range(18, 23)}
# (mean expectation, mean perception) per channel and dimension: the story (see servqual_survey).
SERVQUAL_MEANS = {
    "werkplaats": {"tastbaarheden": (5.3, 5.7), "betrouwbaarheid": (6.5, 4.7), "responsiviteit": (6.0, 5.1),
                   "zekerheid": (6.0, 5.7), "inlevingsvermogen": (5.6, 5.2)},
    "webshop": {"tastbaarheden": (5.2, 5.3), "betrouwbaarheid": (6.2, 5.4), "responsiviteit": (6.3, 4.6),
                "zekerheid": (5.9, 5.7), "inlevingsvermogen": (5.5, 5.0)},
}
SERVQUAL_WEIGHTS = {"tastbaarheden": 11, "betrouwbaarheid": 32, "responsiviteit": 22, "zekerheid": 19, "inlevingsvermogen": 16}
SERVQUAL_START = pd.Timestamp("2025-09-01")  # the survey ran in September and October 2025
SERVICE = ("onderhoud", "onderdelen")


def service_channel(transacties: pd.DataFrame, before: pd.Timestamp = SERVQUAL_START) -> pd.Series:
    """Per customer: what his SERVQUAL answers are about, from his last purchase of service or parts at Trapper itself.

    Only purchases before ``before`` count, and not those at a dealer (an independent shop, not Trapper's service).
    ``webshop`` when that purchase was parts ordered online, ``werkplaats`` otherwise (maintenance or a repair,
    also when booked online, and parts bought over the counter of the shop next to the workshop).
    """
    lines = transacties[transacties["categorie"].isin(SERVICE) & (transacties["kanaal"] != "dealer")
                        & (transacties["datum"] < before) & (transacties["bedrag"] > 0)]
    last = lines.sort_values(["datum", "transactie_id"]).groupby("klant_id").tail(1).set_index("klant_id")
    online_parts = (last["categorie"] == "onderdelen") & (last["kanaal"] == "webshop")
    return pd.Series(np.where(online_parts, "webshop", "werkplaats"), index=last.index, name="kanaal").sort_index()


def servqual_survey(rng, klanten, transacties) -> pd.DataFrame:
    """The SERVQUAL survey of notebook 05: 400 customers, each about his own last service at Trapper.

    The story, set in ``SERVQUAL_MEANS`` and told here rather than on the data card (data/README.md), because
    finding it is what notebook 05 asks of students: the workshop falls short most on reliability (it is busy, so
    repairs are often not ready on the promised day), the web shop on responsiveness (questions are answered
    slowly). Tangibles have the lowest expectations of the five dimensions and a small positive gap: the new
    showroom and the website give customers a little more than they expect, the workshop's customers most.

    Each answer is the channel's mean for its dimension, plus a personal level (some people answer higher
    everywhere), a shift per item and noise per answer, rounded onto 1-7. The 100 points are drawn around the
    often-reported means in ``SERVQUAL_WEIGHTS``, for both channels alike. ``kanaal`` comes from
    :func:`service_channel`.
    """
    channel_of = service_channel(transacties)
    chosen = np.sort(rng.choice(channel_of.index.to_numpy(), size=400, replace=False))
    n = len(chosen)
    channel = channel_of[chosen].to_numpy()
    frame = pd.DataFrame({"respondent_id": [f"R{i:04d}" for i in range(1, n + 1)], "klant_id": chosen,
                          "datum": _dates(rng, n, SERVQUAL_START, pd.Timestamp("2025-10-31")).sort_values(),
                          "kanaal": channel})
    person = rng.normal(0, 0.5, n)  # some people answer higher overall
    for prefix, which in (("E", 0), ("P", 1)):
        for dim, items in SERVQUAL_DIMS.items():
            means = np.array([SERVQUAL_MEANS[c][dim][which] for c in channel])
            for item in items:
                mean = means + person + rng.normal(0, 0.15)
                frame[f"{prefix}{item}"] = pd.array(_likert(rng, mean, 7, n), dtype="Int64")
    columns = [f"E{i}" for i in range(1, 23)] + [f"P{i}" for i in range(1, 23)]
    # weights: Dirichlet around the often-reported means, whole points summing to exactly 100
    alpha = np.array(list(SERVQUAL_WEIGHTS.values()), dtype=float) / 4
    raw = rng.dirichlet(alpha, size=n) * 100
    points = np.floor(raw).astype(int)
    rest = 100 - points.sum(axis=1)
    order = np.argsort(-(raw - points), axis=1)
    for r in range(n):
        points[r, order[r, : rest[r]]] += 1
    for j, dim in enumerate(SERVQUAL_WEIGHTS):
        frame[f"W_{dim}"] = points[:, j]
    # quirk: a few blank answers
    for _ in range(12):
        frame.loc[rng.integers(0, n), columns[rng.integers(0, 44)]] = pd.NA
    return frame


VALS_TYPES = ["overlevers", "zwoegers", "meelopers", "wedijveraars", "geslaagden", "ik ben ik",
              "experimentelen", "sociaal bewust", "geïntegreerd"]
# population shares (roughly Mitchell's 1983 proportions) and the bike buyers' shares
VALS_POPULATION = [0.04, 0.07, 0.35, 0.10, 0.22, 0.05, 0.07, 0.08, 0.02]
VALS_SAMPLE = [0.01, 0.03, 0.20, 0.12, 0.25, 0.06, 0.14, 0.16, 0.03]
#: The course's lifestyle statements and the type each points to: read from their one source, the
#: questionnaire klantlib/questionnaires/vals.toml (the dataset leefstijl_stellingen is a copy of it).
STATEMENTS = [(item["text"], item["dimension"]) for item in tomllib.loads(
    (Path(__file__).resolve().parent.parent / "klantlib" / "questionnaires" / "vals.toml").read_text(encoding="utf-8")
)["item"]]


def lifestyle_survey(rng, klanten) -> tuple[pd.DataFrame, pd.DataFrame]:
    consumers = klanten[klanten["klanttype"] == "consument"]
    sample = consumers.sample(n=500, random_state=rng).sort_values("klant_id")
    n = len(sample)
    latent = rng.choice(len(VALS_TYPES), size=n, p=VALS_SAMPLE)
    frame = pd.DataFrame({"respondent_id": [f"L{i:04d}" for i in range(1, n + 1)],
                          "klant_id": sample["klant_id"].to_numpy(), "leeftijd": sample["leeftijd"].to_numpy()})
    for j, (_, vals_type) in enumerate(STATEMENTS, start=1):
        own = latent == VALS_TYPES.index(vals_type)
        frame[f"S{j:02d}"] = _likert(rng, np.where(own, 4.3, 2.4), 5, n)
    statements = pd.DataFrame({"item": [f"S{j:02d}" for j in range(1, len(STATEMENTS) + 1)],
                               "stelling": [s for s, _ in STATEMENTS], "type": [t for _, t in STATEMENTS]})
    return frame, statements


DMU = {
    # situation -> (share of the decisions, range of the DMU size in people)
    "new task": (0.3, (5, 7)),
    "modified rebuy": (0.35, (3, 4)),
    "straight rebuy": (0.35, (1, 2)),
}
ROLES = ["initiator", "beïnvloeder", "gatekeeper", "beslisser", "koper", "gebruiker"]

# Who holds which role follows the job (the course's rule, not the book's; data/README.md, `dmu`, says it in
# Dutch and tests/test_datasets.py checks it). Per kind of organisation: the top who decides on something new,
# the manager who decides on a change of model, who usually starts something new, and the advisers.
JOBS = {
    "zakelijk": {"top": "directeur", "manager": "fleetmanager", "starter": "fleetmanager",
                 "advisers": ["controller", "HR-adviseur", "facilitair manager"]},
    "gemeente": {"top": "wethouder", "manager": "afdelingshoofd", "starter": "beleidsmedewerker",
                 "advisers": ["controller", "facilitair manager", "afdelingshoofd"]},
}


def _dmu_people(rng, kind: str, situation: str, size: int) -> list[tuple[str, list[str]]]:
    """The people of one DMU as (job, roles), by the job-role rule.

    A straight rebuy is handled by the inkoper (six in ten) or the facilitair manager, alone or with the manager.

    - koper: the inkoper; a routine order without an inkoper (a straight rebuy handled by the facilitair
      manager) has the one who handles it as koper.
    - beslisser: new task the top (directeur, wethouder); modified rebuy the manager (fleetmanager,
      afdelingshoofd); straight rebuy the one who handles it, or the manager when two take part.
    - gatekeeper: only in a DMU of two or more (there must be others to pass information to): the inkoper,
      in three of ten new tasks the facilitair manager when one takes part; in a straight rebuy of two, the
      one who handles it.
    - initiator: new task the starter (fleetmanager, beleidsmedewerker), in three of ten the users' own
      medewerker; modified rebuy the manager or (four in ten) a medewerker; straight rebuy the one who
      handles it.
    - gebruiker: the medewerkers (the riders); a straight rebuy (renewing the maintenance contract) is
      routine without them.
    - beïnvloeder: the advisers, a medewerker who tests (new task), the starter when someone else started it,
      and in half of the modified rebuys the medewerker with his experience of the old model.
    """
    jobs = JOBS[kind]
    if situation == "straight rebuy":
        handler = "inkoper" if rng.random() < 0.6 else "facilitair manager"
        if size == 1:
            return [(handler, ["initiator", "beslisser", "koper"])]
        return [(handler, ["initiator", "gatekeeper", "koper"]), (jobs["manager"], ["beslisser"])]
    if situation == "modified rebuy":
        people = {jobs["manager"]: ["beslisser"], "inkoper": ["gatekeeper", "koper"], "medewerker": ["gebruiker"]}
        starter = jobs["manager"] if rng.random() < 0.6 else "medewerker"
        people[starter].insert(0, "initiator")
        if rng.random() < 0.5:
            people["medewerker"].insert(-1, "beïnvloeder")
        if size == 4:
            adviser = rng.choice([a for a in jobs["advisers"] if a not in people])
            people[str(adviser)] = ["beïnvloeder"]
        return list(people.items())
    # new task: the top, the inkoper, the starter and a medewerker who tests, plus advisers up to the size
    advisers = [str(a) for a in rng.choice(jobs["advisers"], size=size - 4, replace=False)]
    people = {jobs["top"]: ["beslisser"], "inkoper": ["koper"], jobs["starter"]: [],
              "medewerker": ["beïnvloeder", "gebruiker"], **{a: ["beïnvloeder"] for a in advisers}}
    if rng.random() < 0.7:
        people[jobs["starter"]].append("initiator")
    else:
        people["medewerker"].insert(0, "initiator")
        people[jobs["starter"]].append("beïnvloeder")
    keeper = "facilitair manager" if "facilitair manager" in people and rng.random() < 0.3 else "inkoper"
    if keeper == "facilitair manager":
        people[keeper] = ["gatekeeper"]
    else:
        people["inkoper"].insert(0, "gatekeeper")
    return list(people.items())


def purchase_decisions(rng, klanten) -> pd.DataFrame:
    orgs = klanten[klanten["klanttype"] != "consument"]
    chosen = orgs.sample(n=150, random_state=rng, replace=False).reset_index(drop=True)
    situations = rng.choice(list(DMU), size=len(chosen), p=[v[0] for v in DMU.values()])
    dates = _dates(rng, len(chosen)).sort_values()
    rows = []
    for k, (org, situation) in enumerate(zip(chosen.itertuples(), situations), start=1):
        low, high = DMU[situation][1]
        size = int(rng.integers(low, high + 1))
        fleet = int(rng.integers(3, 40)) if situation == "new task" else int(rng.integers(2, 15))
        what = {"new task": f"{fleet} e-bikes met lease en onderhoud (nieuw)",
                "modified rebuy": f"{fleet} fietsen, ander model dan vorige keer",
                "straight rebuy": f"onderhoudscontract verlengen ({fleet} fietsen)"}[situation]
        value = round(fleet * (2300 if situation != "straight rebuy" else 180) * float(np.exp(rng.normal(0, 0.2))), 2)
        # A straight rebuy is always won: it is the same product from the same supplier (Trapper) without looking
        # around; a customer who asks another supplier for an offer makes it a modified rebuy (notebook 02, §3).
        # The draw stays, so the stream and every other column are as before.
        won = rng.random() < {"new task": 0.45, "modified rebuy": 0.6, "straight rebuy": 1.0}[situation]
        people = _dmu_people(rng, org.klanttype, situation, size)
        for p, (job, roles) in enumerate(people, start=1):
            for role in sorted(roles, key=ROLES.index):
                rows.append((f"B{k:03d}", org.klant_id, dates[k - 1], situation, what, value,
                             "gewonnen" if won else "verloren", f"B{k:03d}-P{p}", job, role))
    return pd.DataFrame(rows, columns=["beslissing_id", "klant_id", "datum", "koopsituatie", "omschrijving", "orderwaarde",
                                       "uitkomst", "deelnemer_id", "functie", "rol"])


STEPS = ["Oriëntatie", "Research", "Communicatie", "Actie"]
#: The touchpoints of the journey log per ORCA step and channel, with the weight of each (the course's choice).
#: The rule: a touchpoint is used only at a step, and in a channel, where the model's table of steps
#: (klantlib/orca_stages.csv, shown by klantlib.orca.stage_table) puts it; a touchpoint that stands at two steps
#: there (a web shop: to compare, to ask, to buy) may occur at both. _stage_table_touchpoints checks it.
TOUCHPOINTS = {
    ("Oriëntatie", "online"): {"zoekmachine": 0.55, "sociale media": 0.45},
    ("Oriëntatie", "offline"): {"krant of folder": 0.4, "vrienden en familie": 0.6},
    ("Research", "online"): {"zoekmachine": 0.15, "vergelijkingssite": 0.25, "merksite": 0.2, "reviewsite": 0.2,
                             "webshop": 0.15, "marktplaats": 0.05},
    ("Research", "offline"): {"winkel": 0.4, "dealer": 0.6},
    ("Communicatie", "online"): {"webshop": 0.2, "chat": 0.5, "e-mail": 0.3},
    ("Communicatie", "offline"): {"telefoon": 0.2, "winkel": 0.2, "dealer": 0.3, "proefrit": 0.3},
    ("Actie", "online"): {"webshop": 1.0},
    ("Actie", "offline"): {"winkel": 0.35, "dealer": 0.65},
}
#: How likely a journey's first step is online, by the traveller's internetgerichtheid (klanten), and how much
#: less likely each later step is offline than the base (offline_next): the course's choice.
ONLINE_START = {"hoog": 0.88, "gemiddeld": 0.75, "laag": 0.58}
OFFLINE_SHIFT = {"hoog": 0.18, "gemiddeld": 0.0, "laag": -0.22}
#: How much less likely a traveller goes on to Communicatie after doing Research online, by internetgerichtheid:
#: who is not at home on the internet gets stuck more often when the next step asks for contact (the course's choice).
STUCK_ONLINE = {"hoog": 0.0, "gemiddeld": 0.08, "laag": 0.4}
#: A step that happened but that the log did not see, per (step, channel): an orientation with friends or a folder
#: leaves no trace, a look around the shop often none (the course's choice). Only when a later step is seen.
UNSEEN = {("Oriëntatie", "offline"): 0.5, ("Oriëntatie", "online"): 0.08, ("Research", "offline"): 0.2}
#: How often a step is seen twice (a second visit, its channel drawn anew), per step (the course's choice).
REPEAT = {"Research": 0.3, "Communicatie": 0.2}
#: Who buys in the web shop has an account and a business buys on invoice, so both are known customers; in the
#: shop or at a dealer a buyer gives a customer number in this share of purchases (the course's choice).
KNOWN_OFFLINE = 0.4
#: The hours in which each touchpoint offline happens: the shop, the dealers, the phone and test rides keep the
#: opening hours; a folder or a talk with friends happens in the daytime and the evening. Online: any time.
OPENING_HOURS = (9, 18)
DAYTIME = (8, 22)
DAYTIME_TOUCHPOINTS = {"krant of folder", "vrienden en familie"}


def _stage_table_touchpoints() -> dict[tuple[str, str], set[str]]:
    """(step, channel) -> the touchpoints the model's table gives there (read from klantlib/orca_stages.csv)."""
    import csv

    text = (Path(__file__).resolve().parent.parent / "klantlib" / "orca_stages.csv").read_text(encoding="utf-8")
    return {(row["fase"], channel): {t.strip() for t in row[channel].split(";") if t.strip()}
            for row in csv.DictReader(text.splitlines()) for channel in ("online", "offline")}


def _touchpoint_drawer(rng):
    """A function (step, channel) -> a touchpoint drawn by TOUCHPOINTS, after checking TOUCHPOINTS against the table."""
    allowed = _stage_table_touchpoints()
    for (step, channel), weights in TOUCHPOINTS.items():
        outside = set(weights) - allowed[(step, channel)]
        if outside:
            raise ValueError(f"{sorted(outside)} not at {step}/{channel} in klantlib/orca_stages.csv")
    options = {key: (list(weights), np.array(list(weights.values())) / sum(weights.values()))
               for key, weights in TOUCHPOINTS.items()}

    def draw(step, channel):
        names, p = options[(step, channel)]
        return names[rng.choice(len(names), p=p)]

    return draw


def _age_group(age) -> str:
    if pd.isna(age):
        return ""
    return "18-34" if age < 35 else "35-54" if age < 55 else "55+"


def _minute_of_day(rng, channel: str, touchpoint: str) -> int:
    """A minute of the day for one step: offline by OPENING_HOURS or DAYTIME, online any time."""
    if channel == "online":
        return int(rng.integers(0, 24 * 60))
    low, high = DAYTIME if touchpoint in DAYTIME_TOUCHPOINTS else OPENING_HOURS
    return int(rng.integers(low * 60, high * 60))


def _orders_2025(klanten, transacties) -> dict[tuple[str, str, str], list[tuple[str, pd.Timestamp, str]]]:
    """The orders of 2025 (no returns) a journey can end in, per (klanttype, internetgerichtheid, channel).

    Channel: ``online`` for the web shop, ``offline`` for the shop and the dealers, ``zakelijk`` for a
    business order. Each entry: (klant_id, day, the order's kanaal in transacties), in order_id order.
    """
    lines = transacties[(transacties["datum"].dt.year == 2025)]
    orders = lines.groupby("order_id", sort=True).agg(klant_id=("klant_id", "first"), datum=("datum", "first"),
                                                      kanaal=("kanaal", "first"), bedrag=("bedrag", "sum"))
    orders = orders[orders["bedrag"] > 0]
    who = klanten.set_index("klant_id")
    pools: dict = {}
    for row in orders.itertuples():
        kind, internet = who.at[row.klant_id, "klanttype"], who.at[row.klant_id, "internetgerichtheid"]
        channel = {"webshop": "online", "winkel": "offline", "dealer": "offline"}.get(row.kanaal, "zakelijk")
        pools.setdefault((kind, internet, channel), []).append((row.klant_id, row.datum, row.kanaal))
    return pools


def journeys(rng, klanten, transacties) -> pd.DataFrame:
    """6.000 journeys of 2025, one row per step the log saw (data/README.md tells the rules in Dutch).

    Each journey is made by a traveller drawn from ``klanten`` (a consumer or a business), whose
    internetgerichtheid shapes it: the channel of each step (ONLINE_START, OFFLINE_SHIFT) and getting stuck
    after online Research (STUCK_ONLINE). The log misses some steps (UNSEEN) and sees some twice (REPEAT).

    A journey that ends in a purchase by a known customer (every web shop and business purchase, KNOWN_OFFLINE
    of those in the shop or at a dealer) ends in a real order of 2025 from ``transacties``: the order of a
    customer of the same klanttype and internetgerichtheid as the traveller, used once, in the same channel
    (web shop; shop or dealer, whose touchpoint it is). That customer is the traveller, and the purchase is on
    the order's day. Every step lies in 2025, each on a later day than the one before; offline steps keep
    OPENING_HOURS (or DAYTIME).
    """
    n = 6000
    group = rng.choice(["consument", "zakelijk"], size=n, p=[0.9, 0.1])
    pools = {kind: klanten[klanten["klanttype"] == kind].reset_index(drop=True) for kind in ("consument", "zakelijk")}
    picks = {kind: rng.integers(0, len(pool), size=n) for kind, pool in pools.items()}
    orders = {key: [orders[k] for k in rng.permutation(len(orders))]
              for key, orders in sorted(_orders_2025(klanten, transacties).items())}
    touchpoint = _touchpoint_drawer(rng)
    year_start, year_days = pd.Timestamp("2025-01-01"), 365
    rows = []
    for j in range(n):
        traveller = pools[group[j]].iloc[picks[group[j]][j]]
        internet = traveller["internetgerichtheid"]
        # the steps the traveller took: (step number, channel), and for each whether it was seen twice
        channel = "online" if rng.random() < ONLINE_START[internet] else "offline"
        taken = [(1, channel)]
        for step_no in range(2, 5):
            go_on = {2: 0.72, 3: 0.7, 4: 0.48}[step_no] + (0.06 if channel == "offline" else 0)
            if group[j] == "zakelijk":
                go_on += 0.08
            if step_no == 3 and channel == "online":
                go_on -= STUCK_ONLINE[internet]
            if rng.random() >= go_on:
                break
            # mixed paths: later steps move offline more often (online-online-offline-offline)
            offline_next = {2: 0.25, 3: 0.45, 4: 0.5}[step_no] - OFFLINE_SHIFT[internet]
            channel = "offline" if rng.random() < offline_next else "online"
            taken.append((step_no, channel))
        bought = taken[-1][0] == 4
        # the events the log saw: (step number, channel, touchpoint); a second visit has its channel drawn anew
        events = []
        for k, (step_no, channel) in enumerate(taken):
            step = STEPS[step_no - 1]
            later = k < len(taken) - 1
            if later and rng.random() < UNSEEN.get((step, channel), 0.0):
                continue
            events.append([step_no, channel, touchpoint(step, channel)])
            if step in REPEAT and rng.random() < REPEAT[step]:
                again = channel if rng.random() < 0.5 else ("offline" if channel == "online" else "online")
                events.append([step_no, again, touchpoint(step, again)])
        # days between the events: 1 to 14
        gaps = rng.integers(1, 15, size=len(events) - 1)
        klant_id, age = "", traveller["leeftijd"]
        known = bought and (group[j] == "zakelijk" or taken[-1][1] == "online" or rng.random() < KNOWN_OFFLINE)
        if known:
            channel = "zakelijk" if group[j] == "zakelijk" else taken[-1][1]
            pool = orders.get((group[j], internet, channel), [])
            # the last order (of the shuffled pool) late enough for the steps before it to lie in 2025
            fits = [k for k, (_, day, _) in enumerate(pool) if (day - year_start).days >= gaps.sum()]
            if not fits:
                raise RuntimeError(f"no order of 2025 left for a {group[j]} ({internet}, {channel}): change the rules")
            klant_id, day, kanaal = pool.pop(fits[-1])
            age = klanten.loc[klanten["klant_id"] == klant_id, "leeftijd"].iloc[0]
            if kanaal in ("webshop", "winkel", "dealer"):
                events[-1][2] = kanaal
            first_day = day - pd.Timedelta(days=int(gaps.sum()))
        else:
            first_day = year_start + pd.Timedelta(days=int(rng.integers(0, year_days - int(gaps.sum()))))
        days = first_day + pd.to_timedelta(np.concatenate([[0], np.cumsum(gaps)]), unit="D")
        minutes = [_minute_of_day(rng, channel, point) for _, channel, point in events]
        age_group = _age_group(age) if group[j] == "consument" else ""
        for (step_no, channel, point), day, minute in zip(events, days, minutes):
            rows.append([f"J{j + 1:05d}", klant_id, group[j], age_group, step_no, STEPS[step_no - 1], channel, point,
                         day + pd.Timedelta(minutes=minute)])
    return pd.DataFrame(rows, columns=["reis_id", "klant_id", "klantgroep", "leeftijdsgroep", "stap_nr", "stap",
                                       "kanaal", "touchpoint", "tijdstip"])


def journey_export(rng) -> bytes:
    """A class's own journey log as students keep it, for notebook 06's "your own data" section.

    Each student wrote down the steps of their last purchase of a bike, e-bike or scooter: one row per
    step, the step, the channel, the touchpoint (drawn as in :func:`journeys`, so at the steps of the
    model's table) and the day. Written as Dutch Excel saves CSV (see :func:`till_export`). Students
    spell the steps their own way (case, accents); one row names a step that is not an ORCA step
    ("Kopen"), a known quirk that the notebook's error message reports.
    """
    touchpoint = _touchpoint_drawer(rng)
    spellings = {"Oriëntatie": ["Oriëntatie", "orientatie", "Orientatie"], "Research": ["Research", "research"],
                 "Communicatie": ["Communicatie", "communicatie"], "Actie": ["Actie", "actie", "ACTIE"]}
    lines = ["Student;Aankoop;Stap;Kanaal;Touchpoint;Datum"]
    for s in range(1, 25):
        what = rng.choice(["fiets", "e-bike", "scooter"], p=[0.6, 0.15, 0.25])
        furthest = rng.choice([1, 2, 3, 4], p=[0.05, 0.15, 0.2, 0.6])
        day = pd.Timestamp("2025-01-01") + pd.Timedelta(days=int(rng.integers(0, 300)))
        channel = "online" if rng.random() < 0.85 else "offline"
        for step_no, step in enumerate(STEPS[:furthest], start=1):
            if step_no > 1:
                channel = "offline" if rng.random() < {2: 0.2, 3: 0.45, 4: 0.5}[step_no] else "online"
                day = day + pd.Timedelta(days=int(rng.integers(0, 10)))
            written = "Kopen" if (s, step_no) == (7, 4) else rng.choice(spellings[step])
            lines.append(f"S{s:02d};{what};{written};{channel};{touchpoint(step, channel)};{day:%d-%m-%Y}")
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def till_export(rng) -> bytes:
    """A till export as a student would bring it, for notebook 04's "your own file" section.

    Written the way Dutch Excel saves CSV: cp1252, ``;`` between columns, decimal
    commas, dates as dd-mm-jjjj. One row has no amount (a known quirk that the
    notebook's warning reports).
    """
    n = 180
    customers = [f"DS{i:03d}" for i in rng.integers(1, 61, size=n)]
    dates = _dates(rng, n)
    amounts = np.round(np.exp(rng.normal(3.6, 1.1, size=n)), 2)
    lines = ["Klantnummer;Datum;Omschrijving;Bedrag"]
    for k, (who, day, amount) in enumerate(zip(customers, dates, amounts)):
        what = rng.choice(["binnenband", "reparatie", "slot", "fietstas", "onderhoudsbeurt", "verlichting", "zadel"])
        text = "" if k == 57 else f"{amount:.2f}".replace(".", ",")
        lines.append(f"{who};{day:%d-%m-%Y};{what} (café-fiets)" if what == "reparatie" else f"{who};{day:%d-%m-%Y};{what}")
        lines[-1] += f";{text}"
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def survey_export(rng) -> bytes:
    """A SERVQUAL survey export (Excel CSV as in :func:`till_export`), with a row of question texts, for notebook 05."""
    texts = {f"E{i}": f"Verwachting stelling {i}" for i in range(1, 23)} | {f"P{i}": f"Ervaring stelling {i}" for i in range(1, 23)}
    texts |= {f"W_{d}": f"Punten voor {d}" for d in SERVQUAL_DIMS}
    columns = ["Respondent", *texts]
    rows = [";".join(columns), ";".join(["", *texts.values()])]
    for r in range(1, 13):
        e = np.clip(np.round(rng.normal(6, 0.8, 22)), 1, 7).astype(int)
        p = np.clip(np.round(e - rng.normal(0.8, 1.0, 22)), 1, 7).astype(int)
        w = rng.multinomial(20, [0.11, 0.32, 0.22, 0.19, 0.16]) * 5
        rows.append(";".join([f"S{r:02d}", *map(str, e), *map(str, p), *map(str, w)]))
    return ("\r\n".join(rows) + "\r\n").encode("cp1252")


def scan_export(rng) -> bytes:
    """A self-scan export of the benchmark (Excel CSV as in :func:`till_export`) of an invented gym, for notebook 07.

    Eight employees, from the owner to the cleaner; the answers are fixed by hand (nothing drawn, ``rng``
    is unused), lower than the benchmark on the statements about structure and processes (B3, B5-B7).
    """
    answers = [
        ("S1", "eigenaar", [6, 5, 3, 6, 6, 5, 5, 7, 7, 6, 5]),
        ("S2", "manager", [5, 5, 4, 6, 5, 4, 4, 6, 6, 5, 5]),
        ("S3", "trainer", [5, 6, 3, 5, 4, 4, 3, 6, 5, 6, 4]),
        ("S4", "trainer", [4, 5, 2, 5, 4, 3, 3, 5, 5, 6, 4]),
        ("S5", "trainer", [5, 6, 3, 4, 3, 4, 4, 6, 5, 5, 3]),
        ("S6", "receptie", [4, 4, 3, 5, 3, 3, 3, 5, 6, 5, 4]),
        ("S7", "receptie", [5, 4, 2, 4, 4, 4, 3, 4, 5, 6, 3]),
        ("S8", "schoonmaak", [4, 5, 3, 5, 3, 3, 2, 5, 5, 5, 4]),
    ]
    rows = [";".join(["Respondent", "Functie", *(f"B{i}" for i in range(1, 12))])]
    rows += [";".join([respondent, role, *map(str, values)]) for respondent, role, values in answers]
    return ("\r\n".join(rows) + "\r\n").encode("cp1252")


def sensitivity_export(rng) -> bytes:
    """A customer-sensitivity scan export (Excel CSV as in :func:`till_export`) of an invented swimming club (notebook 08).

    Eight members and parents answer the 21 statements of klantgevoeligheid.toml and the NPS question; fixed by hand
    (nothing drawn, ``rng`` is unused); one blank answer, and a role with an accent so the cp1252 file is read right.
    """
    answers = [
        ("Z1", "zwemmer", "4;4;4;4;4;6;4;3;4;5;6;6;6;5;6;6;5;4;5;6;6;7"),
        ("Z2", "zwemmer", "5;2;4;4;4;3;3;3;5;5;5;4;3;5;5;4;4;3;5;5;3;4"),
        ("Z3", "ouder van zwemmer", "5;6;5;7;6;7;5;5;6;6;7;7;5;7;7;7;5;5;5;6;5;7"),
        ("Z4", "ouder van zwemmer", "5;6;6;7;5;7;5;3;7;6;6;7;6;7;7;7;4;5;6;5;5;9"),
        ("Z5", "masterszwemmer", "3;3;4;4;5;4;3;4;3;3;4;5;4;5;4;6;2;;4;5;3;6"),
        ("Z6", "zwemmer", "4;6;5;4;5;5;4;3;5;6;6;5;5;6;6;6;4;4;5;5;5;5"),
        ("Z7", "ouder van zwemmer", "4;4;3;4;4;3;4;3;5;5;4;4;4;5;5;3;3;4;5;5;5;4"),
        ("Z8", "waterpoloër", "3;4;6;6;5;4;3;4;5;6;6;5;5;5;6;7;3;4;5;6;5;7"),
    ]
    rows = [";".join(["Respondent", "Rol", *_questionnaire_codes("klantgevoeligheid"), "aanbeveling"])]
    rows += [f"{respondent};{role};{values}" for respondent, role, values in answers]
    return ("\r\n".join(rows) + "\r\n").encode("cp1252")


def measures_export(rng) -> bytes:
    """A list of the same swimming club's measures (Excel CSV, Dutch thousands), for HET/WIJ/IK in notebook 08.

    Fixed by hand (``rng`` is unused); one measure has its side filled in by the club, the rest are left to the
    course's keywords.
    """
    rows = ["maatregel;budget;kant",
            "Nieuw systeem voor de ledenadministratie, met een app;4.000;",
            "Training gastvrij ontvangen voor de vrijwilligers aan de bar;600;",
            "Teamdag voor trainers om ervaringen te delen;400;",
            "Ledenenquête met de NPS-vraag;250;",
            "Het bestuur zwemt een keer per maand mee met een les;0;IK",
            "Kortere wachttijd voor de inschrijving van zwemles;1.200;"]
    return ("\r\n".join(rows) + "\r\n").encode("cp1252")


def experience_export(rng) -> bytes:
    """Touchpoint ratings of a class (Excel CSV as in :func:`till_export`), for notebook 09's "your own data" section.

    Ten students rated the touchpoints of their own last purchase of a phone, a laptop or a bike on klantbeleving.toml
    (a report mark, blank = not used); fixed by hand (``rng`` is unused). Each student used other touchpoints; one
    purchase has an accent, so the cp1252 file is read right.
    """
    answers = [
        ("S01", "telefoon", {"SM": 8, "MS": 7, "RV": 6, "WS": 8, "BZ": 9, "FA": 7}),
        ("S02", "laptop", {"RV": 7, "CH": 5, "WS": 7, "BZ": 6, "RK": 4}),
        ("S03", "fiets", {"FO": 6, "PR": 9, "WI": 8, "FA": 8, "OR": 5}),
        ("S04", "telefoon", {"SM": 6, "TE": 5, "WI": 7, "FA": 6, "GA": 4}),
        ("S05", "fiets (café-racer)", {"MS": 8, "RV": 7, "EM": 6, "PR": 8, "DE": 7, "OR": 6}),
        ("S06", "laptop", {"MS": 7, "CH": 6, "EM": 5, "WS": 8, "BZ": 8, "FA": 8}),
        ("S07", "telefoon", {"SM": 7, "RV": 8, "WS": 9, "BZ": 7, "RK": 3}),
        ("S08", "fiets", {"FO": 7, "PR": 9, "DE": 8, "FA": 7, "OR": 4, "GA": 5}),
        ("S09", "laptop", {"RV": 6, "TE": 6, "WI": 6, "BZ": 5, "FA": 7}),
        ("S10", "telefoon", {"SM": 8, "MS": 8, "CH": 4, "WS": 7, "BZ": 8, "FA": 8, "RK": 5}),
    ]
    codes = _questionnaire_codes("klantbeleving")
    rows = [";".join(["Respondent", "Aankoop", *codes])]
    rows += [";".join([respondent, what, *(str(marks.get(code, "")) for code in codes)])
             for respondent, what, marks in answers]
    return ("\r\n".join(rows) + "\r\n").encode("cp1252")


def _questionnaire_codes(name: str) -> list[str]:
    """The item codes of the shipped questionnaire ``name`` (klantlib/questionnaires/<name>.toml), in order."""
    path = Path(__file__).resolve().parent.parent / "klantlib" / "questionnaires" / f"{name}.toml"
    return [item["code"] for item in tomllib.loads(path.read_text(encoding="utf-8"))["item"]]


#: Trapper's departments: (afdeling, number of employees, of whom leidinggevenden). The directie is its own
#: department; a bike maker with a shop next to the factory, a web shop and a workshop (the course's choice).
DEPARTMENTS = [("winkel", 9, 2), ("werkplaats", 10, 2), ("webshop", 6, 1), ("klantenservice", 6, 1),
               ("inkoop", 3, 1), ("marketing", 4, 1), ("directie", 4, 0)]
#: The employees' mean answer per benchmark statement (a medewerker; see LEVEL_EFFECT), before rounding onto
#: 1-7. Trapper thinks well of itself: mostly 5-6, the culture statements (B8-B11) around or above the
#: benchmark's reference, B3 and B7 (results counted per product, decisions per department) near or below it.
SELF_IMAGE = {"B1": 5.45, "B2": 5.3, "B3": 4.3, "B4": 5.4, "B5": 5.55, "B6": 5.3, "B7": 4.4,
              "B8": 5.7, "B9": 5.75, "B10": 5.85, "B11": 5.5}
#: How much higher a level answers than a medewerker: on the culture statements (B8-B11) and on the others.
#: The directie sees its own vision and leadership most clearly (for notebook 07's interviews at several levels).
LEVEL_EFFECT = {"medewerker": (0.0, 0.0), "leidinggevende": (0.5, 0.15), "directie": (1.0, 0.25)}
CULTURE = ("B8", "B9", "B10", "B11")


def employee_scan(rng) -> pd.DataFrame:
    """Trapper's own benchmark scan (notebook 07): every employee answers the eleven statements B1..B11 on 1-7.

    Each answer is the statement's mean in SELF_IMAGE, plus the level's effect (LEVEL_EFFECT), a personal level
    (some people answer higher everywhere) and noise per answer, rounded onto 1-7. No blanks: the scan was
    filled in during a team meeting. Respondents are numbered in the order the forms came in (drawn).
    """
    codes = _questionnaire_codes("benchmark")
    people = [(dept, "directie" if dept == "directie" else "leidinggevende" if k < leaders else "medewerker")
              for dept, size, leaders in DEPARTMENTS for k in range(size)]
    order = rng.permutation(len(people))
    n = len(people)
    frame = pd.DataFrame({"respondent_id": [f"M{i:02d}" for i in range(1, n + 1)],
                          "afdeling": [people[k][0] for k in order], "niveau": [people[k][1] for k in order]})
    person = rng.normal(0, 0.45, n)
    for code in codes:
        effect = frame["niveau"].map({level: culture if code in CULTURE else other
                                      for level, (culture, other) in LEVEL_EFFECT.items()}).to_numpy()
        mean = SELF_IMAGE[code] + effect + person
        frame[code] = np.clip(np.round(mean + rng.normal(0, 0.85, n)), 1, 7).astype(int)
    return frame


#: The customers' mean answer per mirror statement (spiegel.toml), before rounding onto 1-7 and before the
#: personal effect of the relationship. The story, told here and not on the data card (finding it is notebook
#: 07's work): customers see no difference with the employees on tailoring (B2) and on who helps them at each
#: contact (B4); they see less of one person watching the whole purchase (B5), of departments knowing about
#: a problem (B6), of their wishes coming first (B10) and of not telling their story twice (B11): the
#: self-image is rosier there. B1 (personal wishes) and B8 (what Trapper wants to mean) lie in between.
MIRROR = {"B1": 5.0, "B2": 5.35, "B4": 5.45, "B5": 4.3, "B6": 4.25, "B8": 5.15, "B10": 4.75, "B11": 4.35}
#: How many customers left each mirror statement blank ("can't judge"): most on B5 and B6.
MIRROR_BLANKS = {"B1": 10, "B2": 9, "B4": 10, "B5": 18, "B6": 19, "B8": 13, "B10": 9, "B11": 11}
MATRIX_REFERENCE = pd.Timestamp("2026-01-01")  # notebook 04's reference date for RFM


def matrix_scores(transacties: pd.DataFrame, survey: pd.DataFrame, bins: int = 5) -> pd.DataFrame:
    """Rendement and relatiesterkte (0-100) and the quadrant per surveyed customer, as notebook 04 computes them.

    The generator does not import klantlib; this follows klantlib.rfm step by step (rfm_table with
    order="order_id" and reference date 2026-01-01, rfm_scores and rendement with 5 bins, relatiesterkte with
    equal weights, assessment_matrix with cut 50), and tests/test_datasets.py proves it gives klantlib's groups.
    """
    lines = transacties[transacties["datum"] <= MATRIX_REFERENCE]
    buys = lines[lines["bedrag"] > 0].groupby("klant_id")
    rfm = pd.DataFrame({"recency": (MATRIX_REFERENCE - buys["datum"].max()).dt.days,
                        "frequency": buys["order_id"].nunique()})
    rfm["monetary"] = lines.groupby("klant_id")["bedrag"].sum().round(2).reindex(rfm.index)

    def score(values: pd.Series) -> pd.Series:
        return 1 + np.floor(bins * (values.rank(method="min") - 1) / len(values)).astype(int)

    rfm_mean = (score(-rfm["recency"]) + score(rfm["frequency"]) + score(rfm["monetary"])) / 3
    rendement = ((rfm_mean - 1) / (bins - 1) * 100).round(1)
    answers = survey.set_index("klant_id")[["attractiviteit", "overstapkosten", "vertrouwen", "tevredenheid"]]
    strength = ((answers.astype(float).mean(axis=1) - 1) / 6 * 100).round(1)
    frame = pd.DataFrame({"rendement": rendement.reindex(strength.index), "relatiesterkte": strength})
    high, strong = frame["rendement"] >= 50, frame["relatiesterkte"] >= 50
    frame["groep"] = np.select([high & strong, ~high & strong, high & ~strong], ["Partners", "Vrienden", "Economici"],
                               "Dogs")
    return frame


def customer_mirror(rng, transacties, relatiesterkte) -> pd.DataFrame:
    """The customers' side of the mirror (notebook 07): 310 customers answer spiegel.toml and the NPS question.

    The respondents are drawn from the customers who answered the relationship survey (relatiesterkte) in
    November, so notebook 07 can put their recommendation next to notebook 04's customer matrix. Each answer is
    the statement's mean in MIRROR, plus a personal effect that follows the customer's relationship strength
    (who feels bound rates Trapper higher everywhere) and noise, rounded onto 1-7; MIRROR_BLANKS answers per
    statement are left blank. ``aanbeveling`` (0-10) rises with the customer's own mirror answers, with his
    rendement (who buys much and recently recommends more) and with noise: so it differs by quadrant of the
    matrix, Partners highest and Dogs lowest, without following the mirror answers perfectly.
    """
    codes = _questionnaire_codes("spiegel")
    chosen = rng.choice(relatiesterkte["klant_id"].to_numpy(), size=310, replace=False)  # in the order they answered
    n = len(chosen)
    scores = matrix_scores(transacties, relatiesterkte).loc[chosen]
    frame = pd.DataFrame({"respondent_id": [f"C{i:03d}" for i in range(1, n + 1)], "klant_id": chosen,
                          "datum": _dates(rng, n, pd.Timestamp("2025-11-17"), pd.Timestamp("2025-12-19")).sort_values()})
    bond = ((scores["relatiesterkte"] - 50) / 20).to_numpy()  # roughly -2 .. 2
    person = 0.45 * bond + rng.normal(0, 0.45, n)
    for code in codes:
        answers = np.clip(np.round(MIRROR[code] + person + rng.normal(0, 0.9, n)), 1, 7).astype(int)
        column = pd.array(answers, dtype="Int64")
        column[rng.choice(n, size=MIRROR_BLANKS[code], replace=False)] = pd.NA
        frame[code] = column
    felt = frame[codes].astype(float).mean(axis=1).to_numpy() - np.mean(list(MIRROR.values()))
    value = ((scores["rendement"] - 50) / 25).to_numpy()  # roughly -2 .. 2
    latent = 7.9 + 0.8 * felt + 0.45 * bond + 0.3 * value + rng.normal(0, 1.2, n)
    recommend = pd.array(np.clip(np.round(latent), 0, 10).astype(int), dtype="Int64")
    recommend[rng.choice(n, size=6, replace=False)] = pd.NA
    frame["aanbeveling"] = recommend
    return frame.reset_index(drop=True)


#: Trapper's gross margin per product category (verzonnen, plausible for Dutch bike retail): e-bikes and bikes
#: earn less per euro than parts, accessories and above all the workshop's labour.
MARGINS = {"e-bike": 0.24, "stadsfiets": 0.30, "racefiets": 0.27, "kinderfiets": 0.33, "onderdelen": 0.45,
           "accessoires": 0.50, "onderhoud": 0.60}


def margins() -> pd.DataFrame:
    """Gross margin per category of CATALOGUE (fixed figures, nothing drawn)."""
    if set(MARGINS) != set(CATALOGUE):
        raise ValueError("MARGINS must name every category of CATALOGUE")
    return pd.DataFrame({"categorie": list(CATALOGUE), "brutomarge": [MARGINS[c] for c in CATALOGUE]})


def _questionnaire_items(name: str) -> list[dict]:
    """The items of the shipped questionnaire ``name`` (klantlib/questionnaires/<name>.toml), in order."""
    path = Path(__file__).resolve().parent.parent / "klantlib" / "questionnaires" / f"{name}.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))["item"]


#: Notebook 08's customer-sensitivity scan (klantgevoeligheid.toml) among Trapper's customers, January 2026.
#: Invented to illustrate De Haan & Langerak's claim that emotion (trust, the bond) predicts recommendation
#: better than the calculating judgement of satisfaction; the notebook lets students test it. Not tuned to
#: exact figures. The mean score per affectivity driver (a consumer, before rounding onto 1-7), consistent with
#: the data card's story: the shop and the showroom are friendly (respect, aandacht), the workshop is often
#: late in spring (betrouwbaarheid low), and a consumer is no partner (partnership lowest).
SENSITIVITY_MEANS = {"ontvankelijkheid": 4.8, "inlevingsvermogen": 4.85, "begrip": 4.6,
                     "responsiviteit": 4.8, "aandacht": 5.5, "respect": 5.65,
                     "betrouwbaarheid": 4.5, "dienstbaarheid": 5.2, "partnership": 4.1}
#: How strongly each driver's score follows the customer's emotional bond (in points per standard deviation).
SENSITIVITY_LOADINGS = {"ontvankelijkheid": 0.7, "inlevingsvermogen": 0.7, "begrip": 0.65,
                        "responsiviteit": 0.7, "aandacht": 0.75, "respect": 0.6,
                        "betrouwbaarheid": 0.8, "dienstbaarheid": 0.8, "partnership": 0.7}
#: How much klantvertrouwen follows each driver (above its mean): the koesteren drivers weigh most.
TRUST_WEIGHTS = {"ontvankelijkheid": 0.05, "inlevingsvermogen": 0.05, "begrip": 0.05,
                 "responsiviteit": 0.06, "aandacht": 0.06, "respect": 0.05,
                 "betrouwbaarheid": 0.22, "dienstbaarheid": 0.2, "partnership": 0.08}
TRUST_MEAN, SATISFACTION_MEAN = 4.95, 5.3
ITEM_NOISE = 0.7  # per answer, before rounding: two statements of a driver share its score, not their noise
#: Businesses and municipalities have fleet contracts: they feel more of a partner (points on partnership).
PARTNER_EFFECT = 1.0
#: Did the customer complain in the past year, and how was it handled: shares, and the effect on the bond
#: (in standard deviations). A complaint handled well leaves the bond where it was; handled badly, it hurts.
COMPLAINTS = {"geen klacht": (0.70, 0.0), "goed opgelost": (0.18, 0.0), "niet goed opgelost": (0.12, -1.5)}
#: How many customers left each statement blank ("can't judge"): most on partnership and on IL2 (what a
#: problem means for me), which a customer finds harder to judge. And on the recommendation question.
SENSITIVITY_BLANKS = {"ON1": 5, "ON2": 8, "IL1": 6, "IL2": 13, "BG1": 5, "BG2": 7, "RS1": 4, "RS2": 6,
                      "AD1": 5, "AD2": 6, "RP1": 4, "RP2": 7, "BT1": 5, "BT2": 6, "DB1": 7, "DB2": 8,
                      "PS1": 15, "PS2": 14, "VT1": 5, "VT2": 7, "TV1": 4}
RECOMMEND_BLANKS = 5


def sensitivity_survey(rng, klanten, transacties) -> pd.DataFrame:
    """Notebook 08's customer-sensitivity scan: 400 customers who bought in 2025 answer klantgevoeligheid.toml.

    Each customer has a latent emotional bond and a calculating satisfaction that correlate moderately (0.4);
    a complaint handled badly lowers the bond (COMPLAINTS). Each driver's score is its mean
    (SENSITIVITY_MEANS, plus PARTNER_EFFECT on partnership for businesses and municipalities), plus the bond
    times its loading and noise; its two statements are that score plus noise per answer, rounded onto 1-7.
    Klantvertrouwen (VT1, VT2) follows the drivers (TRUST_WEIGHTS) plus noise; tevredenheid (TV1) is mostly
    the calculating satisfaction and a little the bond. ``aanbeveling`` (0-10, the NPS question) follows trust
    and the bond strongly and satisfaction weakly, plus noise. SENSITIVITY_BLANKS answers per statement and
    RECOMMEND_BLANKS recommendations are left blank.
    """
    items = _questionnaire_items("klantgevoeligheid")
    drivers = [item["dimension"] for item in items if item["part"] != "uitkomst"]
    if set(drivers) != set(SENSITIVITY_MEANS) or {item["code"] for item in items} != set(SENSITIVITY_BLANKS):
        raise ValueError("the scan's drivers and codes must match klantgevoeligheid.toml")
    lines = transacties[(transacties["datum"].dt.year == 2025) & (transacties["bedrag"] > 0)]
    buyers = np.sort(lines["klant_id"].unique())
    chosen = rng.choice(buyers, size=400, replace=False)  # in the order they answered
    n = len(chosen)
    kind = klanten.set_index("klant_id")["klanttype"].reindex(chosen).to_numpy()
    frame = pd.DataFrame({"respondent_id": [f"G{i:03d}" for i in range(1, n + 1)], "klant_id": chosen,
                          "klanttype": kind,
                          "datum": _dates(rng, n, pd.Timestamp("2026-01-05"), pd.Timestamp("2026-01-30")).sort_values()})
    bond = rng.normal(0, 1, n)
    calculating = 0.4 * bond + np.sqrt(1 - 0.4 ** 2) * rng.normal(0, 1, n)
    complaint = rng.choice(list(COMPLAINTS), size=n, p=[share for share, _ in COMPLAINTS.values()])
    bond = bond + np.array([COMPLAINTS[c][1] for c in complaint])
    score = {}
    for driver in SENSITIVITY_MEANS:
        partner = PARTNER_EFFECT * (kind != "consument") if driver == "partnership" else 0.0
        score[driver] = SENSITIVITY_MEANS[driver] + partner + SENSITIVITY_LOADINGS[driver] * bond + rng.normal(0, 0.55, n)
    trust = TRUST_MEAN + sum(TRUST_WEIGHTS[d] * (score[d] - SENSITIVITY_MEANS[d]) for d in score) + rng.normal(0, 0.5, n)
    satisfaction = SATISFACTION_MEAN + 0.85 * calculating + 0.15 * bond + rng.normal(0, 0.55, n)
    for item in items:
        code = item["code"]
        level = {"klantvertrouwen": trust, "tevredenheid": satisfaction}.get(item["dimension"])
        level = score[item["dimension"]] if level is None else level
        column = pd.array(np.clip(np.round(level + rng.normal(0, ITEM_NOISE, n)), 1, 7).astype(int), dtype="Int64")
        column[rng.choice(n, size=SENSITIVITY_BLANKS[code], replace=False)] = pd.NA
        frame[code] = column
    latent = 7.75 + 1.3 * (trust - TRUST_MEAN) + 0.2 * bond + 0.2 * calculating + rng.normal(0, 1.1, n)
    recommend = pd.array(np.clip(np.round(latent), 0, 10).astype(int), dtype="Int64")
    recommend[rng.choice(n, size=RECOMMEND_BLANKS, replace=False)] = pd.NA
    frame["aanbeveling"] = recommend
    frame["klacht"] = complaint
    return frame


#: Trapper's customer measures of the past year (notebook 08, HET/WIJ/IK): (maatregel, afdeling, budget in
#: euro), as a manager would write them down; fixed, nothing drawn. Trapper invests mostly in the hard side
#: (HET: systems, measuring, procedures), a little in attitude (IK) and least in culture (WIJ). The words are
#: chosen so that klantlib/het_wij_ik.toml's keywords recognise most measures by exactly one side, one
#: by two (the workshop about the CRM package: HET and IK) and one by none (the showroom's lighting).
MEASURES = [
    ("Nieuw CRM-pakket voor klantenservice en zakelijke verkoop", "klantenservice", 45000),
    ("KPI-dashboard met de doorlooptijden van de werkplaats", "werkplaats", 18000),
    ("Chatbot op de webshop voor vragen over bestellingen en levertijden", "webshop", 15000),
    ("Nieuwe procedure voor klachten, met vaste termijnen en een ticketsysteem", "klantenservice", 9000),
    ("NPS-meting na elke reparatie: een sms met één vraag", "werkplaats", 6000),
    ("Maandrapport over de wachttijd aan de telefoon", "klantenservice", 2000),
    ("Servicenormen voor winkel en werkplaats: binnen 24 uur antwoord, reparatie klaar op de beloofde dag",
     "directie", 4000),
    ("Training klantvriendelijk adviseren voor het winkelpersoneel", "winkel", 12000),
    ("Coaching van de teamleiders in winkel en werkplaats", "directie", 9000),
    ("Workshop over het nieuwe CRM-pakket voor alle medewerkers met klantcontact", "klantenservice", 4500),
    ("Teamdag waarop medewerkers klantverhalen uitwisselen", "directie", 2500),
    ("Nieuwe verlichting in de showroom", "winkel", 9000),
]


def measures() -> pd.DataFrame:
    """Trapper's customer measures of the past year (MEASURES: fixed, nothing drawn)."""
    return pd.DataFrame(MEASURES, columns=["maatregel", "afdeling", "budget"])


def _questionnaire_parts(name: str) -> dict[str, str]:
    """The parts of the shipped questionnaire ``name``: key -> title, in order."""
    path = Path(__file__).resolve().parent.parent / "klantlib" / "questionnaires" / f"{name}.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))["questionnaire"]["parts"]


#: Notebook 09: who owns each touchpoint of klantbeleving.toml at Trapper (the course's choice, fixed). Two
#: departments are written "A; B"; an empty owner is nobody: nobody answers the reviews, and the shop points a
#: customer who wants to return something or complain to the web shop, which points back to the shop.
TOUCHPOINT_OWNERS = {"SM": "Marketing", "FO": "Marketing", "MS": "Marketing", "RV": "",
                     "CH": "Klantenservice; E-commerce", "EM": "Klantenservice", "TE": "Klantenservice",
                     "PR": "Verkoop", "WS": "E-commerce", "WI": "Verkoop", "DE": "Dealerzaken", "BZ": "Logistiek",
                     "FA": "Financiën", "OR": "Werkplaats", "GA": "Werkplaats; Klantenservice", "RK": ""}


def touchpoint_table() -> pd.DataFrame:
    """Trapper's touchpoints (notebook 09): code, stage and touchpoint read from klantbeleving.toml, owner from
    TOUCHPOINT_OWNERS (fixed, nothing drawn)."""
    items, parts = _questionnaire_items("klantbeleving"), _questionnaire_parts("klantbeleving")
    if [item["code"] for item in items] != list(TOUCHPOINT_OWNERS):
        raise ValueError("TOUCHPOINT_OWNERS must name the codes of klantbeleving.toml, in its order")
    return pd.DataFrame({"code": [item["code"] for item in items],
                         "fase": [parts[item["part"]] for item in items],
                         "touchpoint": [item["dimension"] for item in items],
                         "eigenaar": [TOUCHPOINT_OWNERS[item["code"]] for item in items]})


#: Notebook 09's touchpoint ratings: the mean report mark (1-10) per touchpoint, before the customer's own
#: effect, noise and rounding. The story (told here, not on the data card: finding it is notebook 09's work):
#: the new showroom (WI) and the test ride (PR) are rated best; the busy workshop (OR: bikes not ready on the
#: promised day) and the chat (CH) are where the journey breaks for many customers; returns and complaints
#: (RK, nobody owns them) and the guarantee (GA) get the lowest marks but from few customers.
EXPERIENCE_MEANS = {"SM": 7.1, "FO": 6.8, "MS": 7.6, "RV": 7.1, "CH": 6.5, "EM": 6.9, "TE": 7.0, "PR": 8.1,
                    "WS": 7.7, "WI": 8.0, "DE": 7.4, "BZ": 7.3, "FA": 7.5, "OR": 5.8, "GA": 6.0, "RK": 5.2}
#: A touchpoint before the purchase is rated only when the customer's journey log shows it (at any step), and then
#: by this share: not everybody rates everything.
RATED_WHEN_USED = 0.85
#: Who rates a touchpoint after the purchase: BZ by (web shop, shop or dealer) purchase, the others by a share.
DELIVERY_RATED = {"webshop": 0.9, "otherwise": 0.3}
AFTER_PURCHASE_RATED = {"FA": 0.55, "OR": 0.45, "GA": 0.08, "RK": 0.12}
#: A touchpoint of the questionnaire with another name in the journey log (klantreis): none, the questionnaire
#: spells them as the log does; experience_survey checks that every name before the purchase is in the log.
LOG_NAMES: dict[str, str] = {}
EXPERIENCE_PERSON, EXPERIENCE_NOISE = 0.6, 1.2
EXPERIENCE_CUSTOMERS = 600


def experience_survey(rng, klantreis) -> pd.DataFrame:
    """Notebook 09's touchpoint ratings (klantbeleving.toml) by 600 of Trapper's known buyers of 2025.

    The customers: the journeys of 2025 (:func:`journeys`) that end in Actie with a known klant_id, each
    customer's last one; 600 of those customers are drawn. A touchpoint before the purchase (the ORCA steps) is
    rated only when it occurs in that journey's log (any step; LOG_NAMES maps a name that differs), by
    RATED_WHEN_USED of them; after the purchase BZ by DELIVERY_RATED (the web shop delivers) and the others by
    AFTER_PURCHASE_RATED. A mark is the touchpoint's mean (EXPERIENCE_MEANS) plus the customer's own effect
    (some customers give higher marks everywhere) and noise, rounded to a whole mark on 1-10.
    """
    items = _questionnaire_items("klantbeleving")
    if [item["code"] for item in items] != list(EXPERIENCE_MEANS):
        raise ValueError("EXPERIENCE_MEANS must name the codes of klantbeleving.toml, in its order")
    after = [item["code"] for item in items if item["part"] == "service"]
    if set(after) != {"BZ", *AFTER_PURCHASE_RATED}:
        raise ValueError("the touchpoints after the purchase must be BZ and those of AFTER_PURCHASE_RATED")
    logged = {name for weights in TOUCHPOINTS.values() for name in weights}
    log_name = {item["code"]: LOG_NAMES.get(item["code"], item["dimension"]) for item in items if item["part"] != "service"}
    missing = sorted(set(log_name.values()) - logged)
    if missing:
        raise ValueError(f"{missing} are no touchpoints of the journey log: add them to LOG_NAMES")
    known = klantreis[(klantreis["klant_id"] != "") & (klantreis["tijdstip"].dt.year == 2025)]
    ends = known.sort_values(["tijdstip", "reis_id"]).groupby("reis_id").tail(1)
    ends = ends[ends["stap"] == "Actie"]
    last = ends.groupby("klant_id").tail(1).sort_values("klant_id")  # ends is in time order: the customer's last
    chosen = last.iloc[np.sort(rng.choice(len(last), size=EXPERIENCE_CUSTOMERS, replace=False))]
    n = len(chosen)
    used = known.groupby("reis_id")["touchpoint"].agg(set).reindex(chosen["reis_id"])
    frame = pd.DataFrame({"klant_id": chosen["klant_id"].to_numpy(), "reis_id": chosen["reis_id"].to_numpy(),
                          "klantgroep": chosen["klantgroep"].to_numpy()})
    webshop = (chosen["touchpoint"] == "webshop").to_numpy()
    person = rng.normal(0, EXPERIENCE_PERSON, n)
    for item in items:
        code = item["code"]
        if code in log_name:
            share = np.array([log_name[code] in points for points in used]) * RATED_WHEN_USED
        elif code == "BZ":
            share = np.where(webshop, DELIVERY_RATED["webshop"], DELIVERY_RATED["otherwise"])
        else:
            share = np.full(n, AFTER_PURCHASE_RATED[code])
        rated = rng.random(n) < share
        marks = np.clip(np.round(EXPERIENCE_MEANS[code] + person + rng.normal(0, EXPERIENCE_NOISE, n)), 1, 10)
        column = pd.array(marks.astype(int), dtype="Int64")
        column[~rated] = pd.NA
        frame[code] = column
    return frame


#: Notebook 09's customer relevancy (relevantie.toml, Crawford & Mathews) among 400 of Trapper's buyers of 2025:
#: the mean rating per attribute before rounding onto 1-5 (product's mean comes out a little lower: 5 is the top).
#: Nothing is at 5 (nothing dominates), product differentiates (4), the rest is at market level (3), service low
#: (the workshop); toegang and beleving lie far enough from 3,5 that no customers' level hangs on a rounding.
RELEVANCE_MEANS = {"prijs": 2.7, "product": 4.3, "toegang": 3.3, "service": 3.0, "beleving": 3.3}
RELEVANCE_PERSON, RELEVANCE_NOISE = 0.35, 0.75
RELEVANCE_BLANKS = 7
#: The hidden kinds of customer behind the 100 points (not shipped): (share among consumers, share among
#: businesses and municipalities, mean points for prijs, product, toegang, service, beleving). Price-minded,
#: product-minded, convenience (toegang), service and experience (beleving) customers; businesses weigh service more.
POINT_SEGMENTS = {"prijs": (0.30, 0.10, (40, 27, 12, 11, 10)),
                  "product": (0.25, 0.20, (18, 45, 13, 12, 12)),
                  "gemak": (0.18, 0.20, (18, 20, 35, 15, 12)),
                  "service": (0.15, 0.45, (15, 20, 15, 38, 12)),
                  "beleving": (0.12, 0.05, (15, 20, 12, 15, 38))}
POINT_CONCENTRATION = 15  # how closely a customer's division follows his kind's mean (Dirichlet)
RELEVANCE_CUSTOMERS = 400


def relevance_survey(rng, klanten, transacties) -> pd.DataFrame:
    """Notebook 09's customer relevancy: 400 customers who bought in 2025 rate Trapper on relevantie.toml.

    Each rating is the attribute's mean (RELEVANCE_MEANS) plus the customer's own effect and noise, rounded onto
    1-5; RELEVANCE_BLANKS ratings are left blank. The 100 points: each customer is of a hidden kind
    (POINT_SEGMENTS, by consumer or business), his division is drawn around that kind's mean (Dirichlet,
    POINT_CONCENTRATION) and given out as 20 chips of 5 points (multinomial), so every row sums to exactly 100.
    ``klantgroep``: consument, or zakelijk for businesses and municipalities (the business desk's customers).
    """
    items = _questionnaire_items("relevantie")
    attributes = [item["dimension"] for item in items]
    if attributes != list(RELEVANCE_MEANS):
        raise ValueError("RELEVANCE_MEANS must name the attributes of relevantie.toml, in its order")
    lines = transacties[(transacties["datum"].dt.year == 2025) & (transacties["bedrag"] > 0)]
    buyers = np.sort(lines["klant_id"].unique())
    chosen = np.sort(rng.choice(buyers, size=RELEVANCE_CUSTOMERS, replace=False))
    n = len(chosen)
    kind = klanten.set_index("klant_id")["klanttype"].reindex(chosen).to_numpy()
    business = kind != "consument"
    frame = pd.DataFrame({"klant_id": chosen, "klantgroep": np.where(business, "zakelijk", "consument")})
    person = rng.normal(0, RELEVANCE_PERSON, n)
    for item in items:
        latent = RELEVANCE_MEANS[item["dimension"]] + person + rng.normal(0, RELEVANCE_NOISE, n)
        frame[item["code"]] = pd.array(np.clip(np.round(latent), 1, 5).astype(int), dtype="Int64")
    codes = [item["code"] for item in items]
    for cell in rng.choice(n * len(codes), size=RELEVANCE_BLANKS, replace=False):
        frame.loc[cell // len(codes), codes[cell % len(codes)]] = pd.NA
    names = list(POINT_SEGMENTS)
    segment = np.where(business, rng.choice(len(names), size=n, p=[v[1] for v in POINT_SEGMENTS.values()]),
                       rng.choice(len(names), size=n, p=[v[0] for v in POINT_SEGMENTS.values()]))
    means = np.array([POINT_SEGMENTS[names[s]][2] for s in segment], dtype=float) / 100
    shares = np.array([rng.dirichlet(POINT_CONCENTRATION * m) for m in means])
    points = np.array([rng.multinomial(20, p) for p in shares]) * 5
    for j, attribute in enumerate(attributes):
        frame[f"W_{attribute}"] = points[:, j]
    return frame


#: Trapper's management's own relevancy profile (relevantieprofiel.toml): per attribute, in the questionnaire's
#: order, the level it says Trapper is at and why (fixed). It breaks the model's rule: three attributes at 4.
MANAGEMENT_PROFILE = [
    (3, "Onze prijzen zijn eerlijk: niet de laagste, wel wat je bij een goede fiets verwacht."),
    (5, "Onze fietsen winnen testen."),
    (4, "Je koopt bij ons in de webshop, in de winkel naast de fabriek of bij een dealer in de buurt."),
    (4, "We hebben een eigen werkplaats en onderhoudscontracten voor bedrijven."),
    (4, "De nieuwe showroom laat zien wie we zijn."),
]


def management_profile() -> pd.DataFrame:
    """Trapper's management's relevancy profile (MANAGEMENT_PROFILE; attributes read from relevantieprofiel.toml)."""
    attributes = [item["dimension"] for item in _questionnaire_items("relevantieprofiel")]
    if len(attributes) != len(MANAGEMENT_PROFILE):
        raise ValueError("MANAGEMENT_PROFILE must give one row per attribute of relevantieprofiel.toml")
    return pd.DataFrame({"attribuut": attributes, "niveau": [level for level, _ in MANAGEMENT_PROFILE],
                         "toelichting": [reason for _, reason in MANAGEMENT_PROFILE]})


def _write(frame: pd.DataFrame, path: Path) -> Path:
    frame.to_csv(path, index=False, lineterminator="\n", encoding="utf-8", date_format="%Y-%m-%d", float_format="%.2f")
    return path


def generate(out_dir: Path, streams: Callable[[str], np.random.Generator] = stream) -> dict[str, Path]:
    """Write every dataset as ``<name>.csv`` (and the example exports in ``voorbeelden/``) into ``out_dir``.

    ``streams`` gives each dataset its random stream by name (:func:`stream`; a test passes another one
    for a single dataset to prove the others do not change).
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    klanten = customers(streams("klanten"))
    transacties = transactions(streams("transacties"), klanten)
    leefstijl, stellingen = lifestyle_survey(streams("leefstijl"), klanten)
    relatiesterkte = relationship_survey(streams("relatiesterkte"), klanten, transacties)
    klantreis = journeys(streams("klantreis"), klanten, transacties)
    frames = {
        "klanten": klanten.drop(columns="_loyal"),
        "transacties": transacties,
        "relatiesterkte": relatiesterkte,
        "servqual": servqual_survey(streams("servqual"), klanten, transacties),
        "leefstijl": leefstijl,
        "leefstijl_stellingen": stellingen,  # the statements: fixed text, nothing drawn
        "dmu": purchase_decisions(streams("dmu"), klanten),
        "klantreis": klantreis,
        "benchmark_medewerkers": employee_scan(streams("benchmark_medewerkers")),
        "benchmark_klanten": customer_mirror(streams("benchmark_klanten"), transacties, relatiesterkte),
        "marges": margins(),  # fixed figures, nothing drawn
        "klantgevoeligheid": sensitivity_survey(streams("klantgevoeligheid"), klanten, transacties),
        "maatregelen": measures(),  # fixed list, nothing drawn
        "touchpoints": touchpoint_table(),  # fixed table, nothing drawn
        "klantbeleving": experience_survey(streams("klantbeleving"), klantreis),
        "relevantie": relevance_survey(streams("relevantie"), klanten, transacties),
        "relevantieprofiel": management_profile(),  # fixed profile, nothing drawn
    }
    written = {}
    for name, frame in frames.items():
        if name == "klantreis":
            frame = frame.assign(tijdstip=frame["tijdstip"].dt.strftime("%Y-%m-%d %H:%M"))
        written[name] = _write(frame, out_dir / f"{name}.csv")
    exports = {"voorbeelden/kassa_export": till_export, "voorbeelden/enquete_export": survey_export,
               "voorbeelden/klantreis_logboek": journey_export, "voorbeelden/zelfscan_export": scan_export,
               "voorbeelden/klantgevoeligheid_export": sensitivity_export,
               "voorbeelden/maatregelen_export": measures_export,
               "voorbeelden/klantbeleving_export": experience_export}
    for name, make in exports.items():
        path = out_dir / f"{name}.csv"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(make(streams(name)))
        written[f"{name}.csv"] = path
    return written


if __name__ == "__main__":
    for name, path in generate(Path(__file__).resolve().parent).items():
        print(f"{name}: {path}")
