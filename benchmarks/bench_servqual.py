"""How fast SERVQUAL scoring is, as ratios to bare pandas measured in the same run.

1. Scoring 100 000 synthetic respondents (seeded, 0.5% blanks): ``servqual_score``
   (checks of every answer, gaps, dimension scores, item counts) against the same
   score computed with bare vectorised pandas (``P - E``, dimension means, their
   mean): goal a ratio of at most 2. Reported beside it, with its own flag: the
   gaps alone, ``servqual_gaps`` against a bare ``P - E``. There the checks (every
   cell a whole number in 1..7, unique respondent ids) cost about as much again as
   the subtraction itself, so that ratio sits near 2.
2. The questionnaire widget's update function, :func:`klantlib.servqual.own_scores`,
   with the shipped survey as reference (its summary computed once, as the widget
   does): median goal at most 50 ms, without drawing. Also reported: the same
   with the survey's summary recomputed every time.

    python benchmarks/bench_servqual.py
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

from klantlib.servqual import (  # noqa: E402
    DIMENSION_ITEMS,
    E_COLUMNS,
    GAP_COLUMNS,
    P_COLUMNS,
    WEIGHT_COLUMNS,
    servqual_gaps,
    servqual_score,
    summary,
)
from klantlib.servqual import own_scores as widget_scores  # noqa: E402

N = 100_000
SEED = 20240501
REPEATS = 25
RATIO_GOAL = 2.0
UPDATE_GOAL_MS = 50.0


def synthetic_survey(n: int = N, seed: int = SEED) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    e = rng.integers(4, 8, size=(n, 22)).astype(float)
    p = np.clip(e - rng.integers(-1, 3, size=(n, 22)), 1, 7)
    values = np.hstack([e, p])
    values[rng.random(values.shape) < 0.005] = np.nan
    frame = pd.DataFrame(values, columns=list(E_COLUMNS + P_COLUMNS), index=pd.RangeIndex(2, n + 2, name="rij"))
    frame.insert(0, "respondent_id", [f"R{k:06d}" for k in range(1, n + 1)])
    return frame


def bare_gaps(survey: pd.DataFrame) -> pd.DataFrame:
    """What a student would write without klantlib: no checks, just P - E."""
    return pd.DataFrame(survey[list(P_COLUMNS)].to_numpy() - survey[list(E_COLUMNS)].to_numpy(),
                        index=survey.index, columns=list(GAP_COLUMNS))


def bare_score(survey: pd.DataFrame) -> pd.Series:
    gaps = bare_gaps(survey)
    dims = pd.DataFrame({d: gaps[[f"G{i}" for i in items]].mean(axis=1) for d, items in DIMENSION_ITEMS.items()})
    return dims.mean(axis=1)


def timed(func, *args, **kwargs) -> float:
    start = time.perf_counter()
    func(*args, **kwargs)
    return time.perf_counter() - start


def shipped_survey() -> tuple[pd.DataFrame, str]:
    try:
        from klantlib import load_dataset

        return load_dataset("servqual"), "data/servqual.csv"
    except Exception:  # the dataset is not there yet: a stand-in of the same shape
        return synthetic_survey(400, seed=7), "synthetische vervanger (400 respondenten; dataset ontbreekt)"


def main() -> dict:
    survey = synthetic_survey()
    # Same answers: klantlib must not be slower for finding nothing wrong.
    pd.testing.assert_frame_equal(servqual_gaps(survey), bare_gaps(survey))
    np.testing.assert_allclose(servqual_score(survey)["servqual"].to_numpy(), bare_score(survey).to_numpy())

    times = {"bare_gaps": [], "servqual_gaps": [], "bare_score": [], "servqual_score": []}
    for _ in range(REPEATS):  # alternate, so both see the same machine load
        times["bare_gaps"].append(timed(bare_gaps, survey))
        times["servqual_gaps"].append(timed(servqual_gaps, survey))
        times["bare_score"].append(timed(bare_score, survey))
        times["servqual_score"].append(timed(servqual_score, survey))
    med = {k: statistics.median(v) for k, v in times.items()}

    def paired(ours: str, bare: str) -> float:
        return statistics.median(a / b for a, b in zip(times[ours], times[bare]))

    shipped, shipped_name = shipped_survey()
    reference = summary(shipped, errors="warn")
    rng = np.random.default_rng(SEED)
    answers = {**{c: int(x) for c, x in zip(E_COLUMNS + P_COLUMNS, rng.integers(1, 8, 44))},
               **dict(zip(WEIGHT_COLUMNS, [10, 30, 20, 20, 20])), "organisatie": "Bieb"}
    update = [timed(widget_scores, answers, reference) for _ in range(200)]
    full = [timed(lambda: widget_scores(answers, summary(shipped, errors="warn"))) for _ in range(30)]

    result = {
        "respondents": N,
        "seed": SEED,
        "repeats": REPEATS,
        "bare_gaps_ms": round(1000 * med["bare_gaps"], 2),
        "servqual_gaps_ms": round(1000 * med["servqual_gaps"], 2),
        # Ratio per repeat (both timed back to back), then the median: robust to load from other processes.
        "gaps_ratio": round(paired("servqual_gaps", "bare_gaps"), 3),
        "bare_score_ms": round(1000 * med["bare_score"], 2),
        "servqual_score_ms": round(1000 * med["servqual_score"], 2),
        "score_ratio": round(paired("servqual_score", "bare_score"), 3),
        "ratio_goal": RATIO_GOAL,
        "shipped_survey": shipped_name,
        "shipped_respondents": len(shipped),
        "update_median_ms": round(1000 * statistics.median(update), 3),
        "update_with_summary_median_ms": round(1000 * statistics.median(full), 3),
        "update_goal_ms": UPDATE_GOAL_MS,
    }
    result["score_met"] = result["score_ratio"] <= RATIO_GOAL
    result["gaps_met"] = result["gaps_ratio"] <= RATIO_GOAL
    result["update_met"] = result["update_median_ms"] <= UPDATE_GOAL_MS
    result["met"] = result["score_met"] and result["update_met"]
    return result


if __name__ == "__main__":
    result = main()
    rows = [
        ("score, bare pandas", f"{result['bare_score_ms']:.1f} ms", ""),
        ("servqual_score", f"{result['servqual_score_ms']:.1f} ms",
         f"{result['score_ratio']:.2f}x (doel <= {RATIO_GOAL:g}x)"),
        ("P - E, bare pandas", f"{result['bare_gaps_ms']:.1f} ms", ""),
        ("servqual_gaps (met controles)", f"{result['servqual_gaps_ms']:.1f} ms",
         f"{result['gaps_ratio']:.2f}x (alleen ter info)"),
        ("widget_scores (update)", f"{result['update_median_ms']:.2f} ms", f"doel <= {UPDATE_GOAL_MS:g} ms"),
        ("widget_scores + summary", f"{result['update_with_summary_median_ms']:.2f} ms", ""),
    ]
    report("bench_servqual", f"SERVQUAL, {result['respondents']:,} respondenten (mediaan van {REPEATS}); "
           f"widget op {result['shipped_survey']}", rows, result)
