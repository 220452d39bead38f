"""How much `import klantlib` costs, as a ratio to `import pandas` measured in the same run.

klantlib needs pandas anyway; everything else (matplotlib, seaborn, ipywidgets)
is imported lazily, so the goal is a ratio of at most 1.3.

    python benchmarks/bench_import.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys

GOAL = 1.3
REPEATS = 9
SNIPPET = "import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"


def import_seconds(module: str) -> float:
    out = subprocess.run(
        [sys.executable, "-c", SNIPPET.format(module=module)], check=True, capture_output=True, text=True
    )
    return float(out.stdout)


def main() -> dict:
    times = {"pandas": [], "klantlib": []}
    for _ in range(REPEATS):  # alternate, so both see the same machine load
        for module in times:
            times[module].append(import_seconds(module))
    medians = {module: statistics.median(values) for module, values in times.items()}
    result = {
        "pandas_s": round(medians["pandas"], 4),
        "klantlib_s": round(medians["klantlib"], 4),
        "ratio": round(medians["klantlib"] / medians["pandas"], 3),
        "goal": GOAL,
        "repeats": REPEATS,
    }
    result["met"] = result["ratio"] <= GOAL
    print(f"import pandas   {result['pandas_s'] * 1000:7.1f} ms (median of {REPEATS})")
    print(f"import klantlib {result['klantlib_s'] * 1000:7.1f} ms")
    print(f"ratio           {result['ratio']:7.2f}  (goal <= {GOAL}: {'ok' if result['met'] else 'NOT MET'})")
    return result


if __name__ == "__main__":
    from _results import save

    save("bench_import", main())
