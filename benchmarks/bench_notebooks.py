"""Time and peak memory of executing each notebook, as a student's Restart & Run All would.

Each notebook runs in its own driver process, so the peak memory of the kernel
(the driver's only child) is read with getrusage(RUSAGE_CHILDREN). Wall time
includes starting the kernel. Goals per notebook: <= 10 s and <= 300 MB.

    python benchmarks/bench_notebooks.py
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_SECONDS = 10.0
GOAL_MB = 300.0

DRIVER = r"""
import json, resource, sys, time
import nbformat
from nbclient import NotebookClient
path = sys.argv[1]
nb = nbformat.read(path, as_version=4)
start = time.perf_counter()
NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": sys.argv[2]}}).execute()
seconds = time.perf_counter() - start
kernel_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "kernel_peak_mb": kernel_mb}))
"""


def main() -> dict:
    rows = {}
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        out = subprocess.run(
            [sys.executable, "-c", DRIVER, str(path), str(path.parent)],
            check=True, capture_output=True, text=True, env={**__import__("os").environ, "MPLBACKEND": "Agg"},
        )
        figures = json.loads(out.stdout.strip().splitlines()[-1])
        figures = {k: round(v, 2) for k, v in figures.items()}
        figures["met"] = figures["seconds"] <= GOAL_SECONDS and figures["kernel_peak_mb"] <= GOAL_MB
        rows[path.name] = figures
        print(f"{path.name:32s} {figures['seconds']:6.2f} s  {figures['kernel_peak_mb']:6.1f} MB  "
              f"{'ok' if figures['met'] else 'NOT MET'}")
    return {"goal_seconds": GOAL_SECONDS, "goal_mb": GOAL_MB, "notebooks": rows}


if __name__ == "__main__":
    from _results import save

    save("bench_notebooks", main())
