"""Run every benchmark in this folder (`make bench`); figures go to benchmarks/results/."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

failed = []
for script in sorted(HERE.glob("bench_*.py")):
    print(f"\n== {script.name}")
    if subprocess.run([sys.executable, str(script)], cwd=HERE).returncode != 0:
        failed.append(script.name)
sys.exit(f"failed: {', '.join(failed)}" if failed else 0)
