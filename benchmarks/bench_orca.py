"""How fast the ORCA funnel and patterns are, as ratios to bare pandas measured in the same run.

1. ``funnel`` and ``paths`` on 1 000 000 synthetic events of about 330 000
   journeys (seeded; text ids "J0000123", stage names with mixed spelling as a
   student's export has them, online/offline, timestamps), each against a floor:
   (a) ``funnel``: one bare pandas ``groupby().max()`` of the stage number per
       journey, counted per stage and summed from the back; no checks;
   (b) ``paths``: bare pandas sorted by time, the first event per (journey,
       stage) kept, pivoted to one column per stage and joined to a pattern,
       counted with ``value_counts``; no checks.
   Goal a ratio of at most 2 for both. Each repeat times the four back to back;
   ratios are the median of the per-repeat ratios, so load from other
   processes hits both sides alike.
2. The interactive funnel's update function, :func:`klantlib.orca.funnel_state`,
   on the shipped log (``klantreis``), changing a filter every call: median goal
   at most 50 ms (computing only; no drawing).

    python benchmarks/bench_orca.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _results import report  # noqa: E402

from klantlib.orca import funnel, paths  # noqa: E402
from klantlib.orca import funnel_state  # noqa: E402

N_EVENTS = 1_000_000
SEED = 20250601
REPEATS = 7
UPDATES = 40
RATIO_GOAL = 2.0
UPDATE_GOAL_MS = 50.0
#: How the stage names are written in the synthetic export (the floor maps exactly these).
SPELLINGS = {"Oriëntatie": 0, "oriëntatie": 0, "ORIENTATIE": 0, "Research": 1, "research": 1,
             "Communicatie": 2, "COMMUNICATIE": 2, "Actie": 3, "actie": 3}


def synthetic_events(n: int = N_EVENTS, seed: int = SEED) -> pd.DataFrame:
    """Seeded journeys of 1-4 steps (about 3 events each, some steps twice), rows in random order."""
    rng = np.random.default_rng(seed)
    journeys = n // 3
    furthest = rng.choice(4, journeys, p=[0.26, 0.26, 0.19, 0.29])
    steps = furthest + 1
    who = np.repeat(np.arange(journeys), steps)
    stage = np.arange(len(who)) - np.repeat(np.cumsum(steps) - steps, steps)  # 0, 1, ... within each journey
    extra = n - len(who)  # repeated steps (a second search, another visit) to reach n events
    if extra > 0:
        pick = rng.integers(0, len(who), extra)
        who, stage = np.concatenate([who, who[pick]]), np.concatenate([stage, stage[pick]])
    who, stage = who[:n], stage[:n]
    online = rng.random(n) < np.array([0.8, 0.74, 0.54, 0.49])[stage]
    start = rng.integers(0, 365 * 24 * 60, journeys)
    minutes = start[who] + stage * 2 * 24 * 60 + rng.integers(0, 24 * 60, n)
    names = {k: [s for s, v in SPELLINGS.items() if v == k] for k in range(4)}
    variants = np.empty(n, dtype=object)
    for k in range(4):
        where = np.flatnonzero(stage == k)
        variants[where] = np.array(names[k], dtype=object)[rng.integers(0, len(names[k]), len(where))]
    frame = pd.DataFrame({
        "reis_id": pd.array([f"J{k:07d}" for k in who], dtype="str"),
        "stap": pd.array(variants, dtype="str"),
        "kanaal": pd.array(np.where(online, "online", "offline"), dtype="str"),
        "tijdstip": np.datetime64("2025-01-01", "ns") + minutes.astype("timedelta64[m]"),
    })
    return frame.sample(frac=1, random_state=seed).reset_index(drop=True)


def floor_funnel(events: pd.DataFrame) -> np.ndarray:
    """Journeys that reached each stage, as bare pandas counts them: no checks, exact spellings only."""
    furthest = events["stap"].map(SPELLINGS).groupby(events["reis_id"]).max()
    stopped = furthest.value_counts().reindex(range(4), fill_value=0).to_numpy()
    return stopped[::-1].cumsum()[::-1]


def floor_paths(events: pd.DataFrame) -> pd.Series:
    """The pattern counts as bare pandas would get them: first event per stage, pivot, join."""
    first = events.assign(fase=events["stap"].map(SPELLINGS)).sort_values("tijdstip", kind="stable")
    first = first.drop_duplicates(["reis_id", "fase"])
    wide = first.pivot(index="reis_id", columns="fase", values="kanaal")
    pattern = wide[0].fillna("?")
    for k in range(1, 4):
        step = wide[k]
        reached = wide.loc[:, k:].notna().any(axis=1)
        pattern = pattern.where(~reached, pattern + "-" + step.fillna("?"))
    return pattern.value_counts()


def klantlib_funnel(events: pd.DataFrame) -> pd.DataFrame:
    return funnel(events, customer="reis_id", stage="stap")


def klantlib_paths(events: pd.DataFrame):
    return paths(events, customer="reis_id", stage="stap")


def timed(func, *args, **kwargs) -> float:
    start = time.perf_counter()
    func(*args, **kwargs)
    return time.perf_counter() - start


def check_same_figures(events: pd.DataFrame) -> None:
    """The floors compute the same numbers, so the comparison is fair."""
    np.testing.assert_array_equal(klantlib_funnel(events)["bereikt"].to_numpy(), floor_funnel(events))
    ours = klantlib_paths(events).table["klanten"]
    bare = floor_paths(events)
    assert ours.sort_index().to_dict() == bare.sort_index().to_dict()


def widget_timings() -> dict:
    from klantlib import load_dataset

    log = load_dataset("klantreis")
    months = pd.date_range("2025-01-01", "2026-01-01", freq="MS")
    settings = [{"group": g, "channel_choice": c, "period": (months[a], months[a + 6])}
                for g in ("alle", "consument", "zakelijk") for c in ("alle", "online", "offline") for a in (0, 3, 6)]
    funnel_state(log)  # warm-up
    times = [timed(funnel_state, log, **settings[k % len(settings)]) for k in range(UPDATES)]
    return {"shipped_events": len(log), "shipped_journeys": int(log["reis_id"].nunique()),
            "update_median_ms": round(1000 * statistics.median(times), 2)}


def main() -> dict:
    events = synthetic_events()
    check_same_figures(events)
    times = {"floor_funnel": [], "funnel": [], "floor_paths": [], "paths": []}
    for _ in range(REPEATS):  # alternate, so all see the same machine load
        times["floor_funnel"].append(timed(floor_funnel, events))
        times["funnel"].append(timed(klantlib_funnel, events))
        times["floor_paths"].append(timed(floor_paths, events))
        times["paths"].append(timed(klantlib_paths, events))
    med = {k: statistics.median(v) for k, v in times.items()}

    def ratio(ours, theirs):  # per repeat (timed back to back), then the median
        return round(statistics.median(a / b for a, b in zip(times[ours], times[theirs])), 3)

    result = {
        "events": len(events),
        "journeys": int(events["reis_id"].nunique()),
        "seed": SEED,
        "repeats": REPEATS,
        **{f"{k}_ms": round(1000 * v, 1) for k, v in med.items()},
        "funnel_ratio": ratio("funnel", "floor_funnel"),
        "paths_ratio": ratio("paths", "floor_paths"),
        "ratio_goal": RATIO_GOAL,
        **widget_timings(),
        "update_goal_ms": UPDATE_GOAL_MS,
    }
    result["funnel_met"] = result["funnel_ratio"] <= RATIO_GOAL
    result["paths_met"] = result["paths_ratio"] <= RATIO_GOAL
    result["update_met"] = result["update_median_ms"] <= UPDATE_GOAL_MS
    result["met"] = all(v for k, v in result.items() if k.endswith("_met"))
    return result


if __name__ == "__main__":
    result = main()
    rows = [
        ("vloer: groupby().max() per reis", f"{result['floor_funnel_ms']:.0f} ms", ""),
        ("funnel", f"{result['funnel_ms']:.0f} ms",
         f"{result['funnel_ratio']:.2f}x de vloer (doel <= {RATIO_GOAL:g}x)"),
        ("vloer: sorteren, eerste per stap, pivot", f"{result['floor_paths_ms']:.0f} ms", ""),
        ("paths", f"{result['paths_ms']:.0f} ms", f"{result['paths_ratio']:.2f}x de vloer (doel <= {RATIO_GOAL:g}x)"),
        ("funnel_state (update)", f"{result['update_median_ms']:.1f} ms", f"doel <= {UPDATE_GOAL_MS:g} ms"),
    ]
    report("bench_orca", f"ORCA, {result['events']:,} gebeurtenissen / {result['journeys']:,} reizen "
           f"(mediaan van {REPEATS}); widget op data/klantreis.csv ({result['shipped_events']:,} rijen)",
           rows, result)
