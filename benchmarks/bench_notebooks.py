"""Sizing for a JupyterHub: time and peak memory of each notebook's kernel, as a ratio to an empty notebook.

Every notebook runs as a student's Restart & Run All would: in its own, fresh
kernel, started by its own driver process. The baseline is an "empty" notebook
whose one cell imports pandas and matplotlib (``import pandas as pd`` and
``import matplotlib.pyplot as plt``), run the same way in the same run; the
notebooks and the baseline take turns, so both see the same machine load.

- time: wall time from starting the kernel until the last cell has run;
- memory: the kernel's peak resident memory (``ru_maxrss`` of the driver's
  children: the kernel is the only child the driver waits for).

Goals per notebook: time <= 1.3x and peak memory <= 1.25x the empty notebook.
The table also gives students per GB: how many such kernels fit in 1 GiB of
memory at their peak (the Jupyter server and the hub's own processes not counted).

    python benchmarks/bench_notebooks.py [--repeats 3] [04 05 ...]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
GOAL_TIME = 1.3
GOAL_MEMORY = 1.25
BASELINE = "leeg notebook (pandas + matplotlib)"

# klantlib.course.run executes as `make notebooks` does (a fresh kernel over local sockets, and a client
# that does not stall on a missed wake-up of its socket: nbclient's own can wait for its full timeout).
DRIVER = r"""
import json, resource, sys, time
from pathlib import Path
import nbformat
from klantlib.course import run
path, folder = sys.argv[1], sys.argv[2]
nb = nbformat.read(path, as_version=4)
start = time.perf_counter()
run(nb, Path(folder))
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def empty_notebook(folder: Path) -> Path:
    """Write the baseline: one cell that imports pandas and matplotlib, nothing else."""
    path = folder / "leeg.ipynb"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import pandas as pd\nimport matplotlib.pyplot as plt")])
    nbformat.write(nb, path)
    return path


def run_once(path: Path) -> dict:
    """Execute one notebook in a fresh kernel (cwd: the notebooks folder, as in JupyterLab)."""
    env = {**os.environ, "MPLBACKEND": "module://matplotlib_inline.backend_inline"}
    out = subprocess.run(
        [sys.executable, "-c", DRIVER, str(path), str(ROOT / "notebooks")],
        check=True, capture_output=True, text=True, env=env,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(numbers: list[str], repeats: int) -> dict:
    notebooks = sorted(p for p in (ROOT / "notebooks").glob("*.ipynb") if not numbers or p.name[:2] in numbers)
    with tempfile.TemporaryDirectory() as tmp:
        baseline = empty_notebook(Path(tmp))
        runs: dict[str, list[dict]] = {BASELINE: [], **{p.name: [] for p in notebooks}}
        for _ in range(repeats):
            for path in notebooks:  # the baseline before every notebook, so both see the same load
                runs[BASELINE].append(run_once(baseline))
                runs[path.name].append(run_once(path))

    def medians(name):
        return {key: statistics.median(run[key] for run in runs[name]) for key in ("seconds", "mib")}

    base = medians(BASELINE)
    rows = {}
    print(f"{'notebook':32s} {'tijd':>7s} {'x leeg':>7s} {'geheugen':>10s} {'x leeg':>7s} {'per GB':>7s}")
    for name in runs:
        figures = medians(name)
        row = {
            "seconds": round(figures["seconds"], 2),
            "peak_mib": round(figures["mib"], 1),
            "time_ratio": round(figures["seconds"] / base["seconds"], 2),
            "memory_ratio": round(figures["mib"] / base["mib"], 2),
            "students_per_gib": int(1024 // figures["mib"]),
        }
        row["met"] = row["time_ratio"] <= GOAL_TIME and row["memory_ratio"] <= GOAL_MEMORY
        rows[name] = row
        note = "" if name == BASELINE else ("ok" if row["met"] else "DOEL NIET GEHAALD")
        print(f"{name:32s} {row['seconds']:6.2f}s {row['time_ratio']:6.2f}x {row['peak_mib']:7.1f} MiB "
              f"{row['memory_ratio']:6.2f}x {row['students_per_gib']:7d}  {note}")
    met = all(row["met"] for name, row in rows.items() if name != BASELINE)
    print("doel gehaald" if met else "DOEL NIET GEHAALD")
    return {"goal_time_ratio": GOAL_TIME, "goal_memory_ratio": GOAL_MEMORY, "repeats": repeats,
            "notebooks": rows, "met": met}


if __name__ == "__main__":
    from _results import save

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("numbers", nargs="*", help="only these notebooks (e.g. 04 05)")
    parser.add_argument("--repeats", type=int, default=3)
    arguments = parser.parse_args()
    save("bench_notebooks", main(arguments.numbers, arguments.repeats))
