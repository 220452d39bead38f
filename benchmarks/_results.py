"""Where benchmark scripts write their figures (benchmarks/results/, not in git)."""

from __future__ import annotations

import json
import platform
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def save(name: str, result: dict) -> Path:
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.json"
    payload = {"machine": f"{platform.machine()}, Python {platform.python_version()}", **result}
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def report(name: str, title: str, rows: list[tuple[str, str, str]], result: dict) -> Path:
    """Print a benchmark's table (what, time, ratio or goal) and whether its goals were met; save the JSON."""
    print(title)
    width = max(len(row[0]) for row in rows)
    for what, value, note in rows:
        print(f"  {what:<{width}}  {value:>11}  {note}")
    print("doel gehaald" if result["met"] else "DOEL NIET GEHAALD")
    path = save(name, result)
    print(f"-> {path}")
    return path
