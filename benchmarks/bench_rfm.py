"""How fast RFM is, as ratios to bare pandas and to lifetimes, measured in the same run.

1. ``rfm_table`` + ``rfm_scores`` on 1 000 000 synthetic transactions of 100 000
   customers (seeded; about 5% returns), once with text ids ("K000123") and once
   with integer ids (123), against
   (a) the floor: one bare pandas groupby aggregation of the same three figures
       (last purchase date, number of purchases, sum of amounts) that also scores
       quintiles (``qcut`` of the ranks), without any checks; goal a ratio of at
       most 2 for both kinds of id;
   (b) the peer a user would pick instead: ``lifetimes``'
       ``summary_data_from_transaction_data`` (optional; "niet geïnstalleerd" if
       missing), goal: faster than it.
   Each repeat times the three back to back; ratios are the median of the
   per-repeat ratios, so load from other processes hits both sides alike.
2. The interactive matrix's update function, :func:`klantlib.views.rfm.matrix_state`,
   on the shipped data (``transacties`` and ``relatiesterkte``), changing a
   cut-off every call: median goal at most 50 ms (computing only; the widget's
   whole path, with drawing and rendering, is ``bench_widgets.py``).

    python benchmarks/bench_rfm.py
"""

from __future__ import annotations

import statistics
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _results import report  # noqa: E402

from klantlib.rfm import relatiesterkte, rfm_scores, rfm_table  # noqa: E402
from klantlib.views.rfm import matrix_state  # noqa: E402

N_ROWS = 1_000_000
N_CUSTOMERS = 100_000
SEED = 20260101
REFERENCE = pd.Timestamp("2026-01-01")
REPEATS = 7
PEER_REPEATS = 3
UPDATES = 40
RATIO_GOAL = 2.0
UPDATE_GOAL_MS = 50.0


def synthetic_transactions(n: int = N_ROWS, customers: int = N_CUSTOMERS, seed: int = SEED) -> pd.DataFrame:
    """Seeded transactions in 2024-2025: skewed purchase counts, about 5% returns."""
    rng = np.random.default_rng(seed)
    extra = n // 100  # spare rows: exact copies of a row are dropped below (rfm_table would warn about them)
    weights = rng.pareto(1.5, customers) + 1  # a few customers buy a lot, many buy little
    who = np.concatenate([np.arange(customers), rng.choice(customers, n + extra - customers, p=weights / weights.sum())])
    rng.shuffle(who[customers:])  # every customer keeps at least one row
    days = rng.integers(0, 731, n + extra)
    amount = np.round(rng.lognormal(3.5, 1.0, n + extra), 2)
    amount[rng.random(n + extra) < 0.05] *= -1
    frame = pd.DataFrame({
        "klant_id": pd.array([f"K{k:06d}" for k in who], dtype="str"),
        "datum": np.datetime64("2024-01-01", "ns") + days.astype("timedelta64[D]"),
        "bedrag": amount,
    })
    frame = frame[~frame.duplicated()].iloc[:n]
    return frame.sample(frac=1, random_state=seed).sort_values("datum", kind="stable").reset_index(drop=True)


def floor(transactions: pd.DataFrame) -> pd.DataFrame:
    """The same three figures as bare pandas would get them: one groupby, no checks."""
    bought = transactions["bedrag"] > 0
    summary = (
        transactions.assign(koopdatum=transactions["datum"].where(bought), koop=bought)
        .groupby("klant_id")
        .agg(laatste=("koopdatum", "max"), frequency=("koop", "sum"), monetary=("bedrag", "sum"))
    )
    return pd.DataFrame({"recency": (REFERENCE - summary["laatste"]).dt.days, "frequency": summary["frequency"],
                         "monetary": summary["monetary"]})


def floor_scored(transactions: pd.DataFrame) -> pd.DataFrame:
    """The floor plus quintile scores, as a pandas user would add them: qcut of the ranks."""
    summary = floor(transactions)
    summary = summary[summary["frequency"] > 0]
    return summary.assign(**{
        score: pd.qcut(summary[column].rank(method="first", ascending=ascending), 5, labels=False) + 1
        for score, column, ascending in (("R", "recency", False), ("F", "frequency", True), ("M", "monetary", True))
    })


def with_integer_ids(transactions: pd.DataFrame) -> pd.DataFrame:
    return transactions.assign(klant_id=transactions["klant_id"].str[1:].astype("int64"))


def klantlib_rfm(transactions: pd.DataFrame) -> pd.DataFrame:
    with warnings.catch_warnings():  # customers with returns only are reported: not the point here
        warnings.simplefilter("ignore")
        return rfm_scores(rfm_table(transactions, reference_date=REFERENCE))


def peer():
    try:
        from lifetimes.utils import summary_data_from_transaction_data
    except ImportError:
        return None

    def run(transactions: pd.DataFrame) -> pd.DataFrame:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return summary_data_from_transaction_data(transactions, "klant_id", "datum", monetary_value_col="bedrag",
                                                      observation_period_end=REFERENCE, freq="D")

    return run


def timed(func, *args, **kwargs) -> float:
    start = time.perf_counter()
    func(*args, **kwargs)
    return time.perf_counter() - start


def check_same_figures(transactions: pd.DataFrame) -> None:
    """klantlib must give the floor's figures: same customers, recency, frequency, monetary."""
    ours = klantlib_rfm(transactions)
    bare = floor(transactions)
    bare = bare[bare["frequency"] > 0]  # customers with returns only have no recency
    pd.testing.assert_index_equal(ours.index, bare.index)
    np.testing.assert_array_equal(ours["recency"].to_numpy(), bare["recency"].to_numpy())
    np.testing.assert_array_equal(ours["frequency"].to_numpy(), bare["frequency"].to_numpy())
    np.testing.assert_allclose(ours["monetary"].to_numpy(), bare["monetary"].to_numpy(), atol=0.006)


def widget_timings() -> dict:
    from klantlib import load_dataset

    transactions = load_dataset("transacties")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        strength = relatiesterkte(load_dataset("relatiesterkte"))
    cuts = [(x, y) for x in range(30, 75, 5) for y in (40, 50, 60)]
    plain = []
    matrix_state(transactions, strength, cut=(50, 50))  # warm-up
    for k in range(UPDATES):
        plain.append(timed(matrix_state, transactions, strength, cut=cuts[k % len(cuts)]))
    return {
        "shipped_transactions": len(transactions),
        "shipped_customers": int(transactions["klant_id"].nunique()),
        "surveyed_customers": len(strength),
        "update_median_ms": round(1000 * statistics.median(plain), 2),
    }


def main() -> dict:
    text_ids = synthetic_transactions()
    integer_ids = with_integer_ids(text_ids)
    check_same_figures(text_ids)
    run_peer = peer()
    times = {"floor_text": [], "klantlib_text": [], "floor_int": [], "klantlib_int": [], "peer": []}
    for k in range(REPEATS):  # alternate, so all see the same machine load
        times["floor_text"].append(timed(floor_scored, text_ids))
        times["klantlib_text"].append(timed(klantlib_rfm, text_ids))
        times["floor_int"].append(timed(floor_scored, integer_ids))
        times["klantlib_int"].append(timed(klantlib_rfm, integer_ids))
        if run_peer is not None and k < PEER_REPEATS:
            times["peer"].append(timed(run_peer, text_ids))
    med = {k: statistics.median(v) for k, v in times.items() if v}

    def ratio(ours, theirs):  # per repeat (timed back to back), then the median
        return round(statistics.median(a / b for a, b in zip(times[ours], times[theirs])), 3)

    result = {
        "transactions": N_ROWS,
        "customers": N_CUSTOMERS,
        "seed": SEED,
        "repeats": REPEATS,
        **{f"{k}_ms": round(1000 * v, 1) for k, v in med.items() if k != "peer"},
        "floor_ratio_text": ratio("klantlib_text", "floor_text"),
        "floor_ratio_int": ratio("klantlib_int", "floor_int"),
        "floor_ratio_goal": RATIO_GOAL,
        "peer": "lifetimes.utils.summary_data_from_transaction_data" if run_peer else "niet geïnstalleerd",
        "peer_ms": round(1000 * med["peer"], 1) if run_peer else None,
        "peer_ratio": round(med["klantlib_text"] / med["peer"], 3) if run_peer else None,
        **widget_timings(),
        "update_goal_ms": UPDATE_GOAL_MS,
    }
    result["floor_text_met"] = result["floor_ratio_text"] <= RATIO_GOAL
    result["floor_int_met"] = result["floor_ratio_int"] <= RATIO_GOAL
    result["peer_met"] = None if result["peer_ratio"] is None else result["peer_ratio"] < 1
    result["update_met"] = result["update_median_ms"] <= UPDATE_GOAL_MS
    result["met"] = all(v is not False for k, v in result.items() if k.endswith("_met"))
    return result


if __name__ == "__main__":
    result = main()
    peer_time = "niet geïnstalleerd" if result["peer_ms"] is None else f"{result['peer_ms']:.0f} ms"
    peer_note = "" if result["peer_ratio"] is None else f"klantlib {result['peer_ratio']:.2f}x (doel < 1x)"
    rows = [
        ("vloer: groupby + kwintielen, tekst-id's", f"{result['floor_text_ms']:.0f} ms", ""),
        ("rfm_table + rfm_scores, tekst-id's", f"{result['klantlib_text_ms']:.0f} ms",
         f"{result['floor_ratio_text']:.2f}x de vloer (doel <= {RATIO_GOAL:g}x)"),
        ("vloer: groupby + kwintielen, hele getallen", f"{result['floor_int_ms']:.0f} ms", ""),
        ("rfm_table + rfm_scores, hele getallen", f"{result['klantlib_int_ms']:.0f} ms",
         f"{result['floor_ratio_int']:.2f}x de vloer (doel <= {RATIO_GOAL:g}x)"),
        ("lifetimes summary_data_..., tekst-id's", peer_time, peer_note),
        ("matrix_state (update)", f"{result['update_median_ms']:.1f} ms", f"doel <= {UPDATE_GOAL_MS:g} ms"),
    ]
    report("bench_rfm", f"RFM, {result['transactions']:,} transacties / {result['customers']:,} klanten "
           f"(mediaan van {REPEATS}); widget op data/transacties.csv ({result['shipped_transactions']:,} rijen)",
           rows, result)
