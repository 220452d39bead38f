"""How fast the widgets answer: a control change in a running kernel until the new figure is a PNG.

The real path, measured in a real Jupyter kernel (ipykernel, started with
jupyter_client, matplotlib's inline backend as in JupyterLab and Voila): each
widget is built on the shipped data as its notebook builds it, then one control
is set ``UPDATES`` times in the kernel (``control.value = ...``, which is what a
slider move from the browser ends in). A timing runs from setting the value until
the callback has returned, which includes recomputing, redrawing and rendering
the figure to PNG (``display(fig)`` inside the widget's Output) and handing the
message to the kernel's output channel. The client checks that every change did
send a PNG.

- ``loyal_customers_widget(transacties)`` (notebook 00): the slider, 1 .. 10;
- ``matrix_widget(transacties, relatiesterkte)`` (notebook 04): the rendement
  cut-off (only the groups change), and the reference date, each of the other
  12 months once (RFM computed anew: the widget keeps the scores per date, so
  only a first visit costs this);
- ``servqual_widget(servqual)`` (notebook 05): answering E and P items in turn,
  starting from an empty questionnaire (each answer is also saved to disk);
- ``scan_widget(benchmark_medewerkers)`` (notebook 07): answering the eleven
  statements in turn (each answer saved to disk);
- ``scan_widget(klantgevoeligheid)`` (notebook 08): answering the 21 statements
  of the customer-sensitivity scan in turn (each answer saved to disk);
- ``relevancy_widget()`` (notebook 09): choosing a level for the five attributes
  in turn (each saved to disk; the reading checks Crawford & Mathews' rule);
- ``rating_widget(klantbeleving)`` (notebook 09): giving a mark to the 16
  touchpoints in turn, beside Trapper's journey map (each saved to disk).

Goal: median at most 80 ms per widget. With ``--compare REV`` the same is
measured, in the same run, for klantlib as it was at git revision ``REV``
(``git archive`` into a temporary folder, its own kernel, the cases taken in
turn), to show the old path beside the new, with the ratio of the medians.

    python benchmarks/bench_widgets.py
    python benchmarks/bench_widgets.py --compare e0fa374
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from _results import report  # noqa: E402

UPDATES = 30
GOAL_MS = 80.0

# Runs inside the kernel. Builds the widgets as the notebooks do and times control changes.
KERNEL_SETUP = """
import json, statistics, tempfile, time, warnings
import klantlib
from klantlib.notebook import setup
setup()
warnings.simplefilter("ignore")

def _find(widget, css):  # here, not from klantlib: --compare runs this against older code too
    if css in getattr(widget, "_dom_classes", ()):
        return widget
    for child in getattr(widget, "children", ()):
        found = _find(child, css)
        if found is not None:
            return found
    return None

def _all(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _all(child)

def _time_changes(changes):
    times = []
    for control, value in changes:
        start = time.perf_counter()
        control.value = value
        times.append(time.perf_counter() - start)
    return times

def _report(name, times):
    print("RESULT " + json.dumps({"name": name, "times_ms": [round(1000 * t, 2) for t in times]}))

print("KLANTLIB " + klantlib.__file__)
"""

KERNEL_CASES = {
    "start": """
from klantlib.views.start import loyal_customers_widget
transacties = klantlib.load_dataset("transacties")
box = loyal_customers_widget(transacties)
slider = _find(box, "klant-slider")
values = [3, 4, 5, 6, 7, 8, 9, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 2]
slider.value = 3; slider.value = 2  # warm-up
_report("start", _time_changes([(slider, values[k % len(values)]) for k in range({n})]))
""",
    "matrix_cut": """
from klantlib.views.rfm import matrix_widget
transacties = klantlib.load_dataset("transacties")
enquete = klantlib.load_dataset("relatiesterkte")
box = matrix_widget(transacties, enquete)
cut = _find(box, "klant-cut-x")
values = [55, 60, 65, 70, 75, 70, 65, 60, 55, 50, 45, 40, 35, 30, 35, 40, 45, 50]
cut.value = 55; cut.value = 50  # warm-up
_report("matrix_cut", _time_changes([(cut, values[k % len(values)]) for k in range({n})]))
""",
    "matrix_date": """
reference = _find(box, "klant-peildatum")
months = [value for _label, value in reference.options]
_report("matrix_date", _time_changes([(reference, month) for month in months[-3::-1] + months[-2:-1]]))
""",
    "servqual": """
from klantlib.views.servqual import servqual_widget
enquete = klantlib.load_dataset("servqual").set_index("respondent_id")
folder = tempfile.mkdtemp()
box = servqual_widget(enquete, folder=folder)
_find(box, "klant-organisatie").value = "De bieb"  # warm-up
changes = []
for k in range({n}):  # E1, P1, E2, P2, ...: a student filling in the questionnaire
    item = k // 2 % 22 + 1
    if k % 2 == 0:
        changes.append((_find(box, f"klant-E{{item}}"), 7 - k % 5))
    else:
        changes.append((_find(box, f"klant-P{{item}}"), 1 + k % 6))
_report("servqual", _time_changes(changes))
""",
    "klant": """
from klantlib.views.klant import customer_widget
box = customer_widget()
choice = _find(box, "klant-organisatie-keuze")
names = list(choice.options)
choice.value = names[1]; choice.value = names[0]  # warm-up
_report("klant", _time_changes([(choice, names[(k + 1) % len(names)]) for k in range({n})]))
""",
    "vals": """
from klantlib.views.vals import vals_widget
box = vals_widget(folder=tempfile.mkdtemp())
_find(box, "klant-S01").value = 3  # warm-up
_report("vals", _time_changes([(_find(box, f"klant-S{{k % 18 + 1:02d}}"), 1 + (k * 7) % 5) for k in range({n})]))
""",
    "dmu": """
from klantlib.views.dmu import role_widget
box = role_widget("ebike")
boxes = [w for w in _all(box) if "klant-rol-" in " ".join(getattr(w, "_dom_classes", ()))]
boxes[0].value = True; boxes[0].value = False  # warm-up
_report("dmu", _time_changes([(boxes[k % len(boxes)], k // len(boxes) % 2 == 0) for k in range({n})]))
""",
    "zelfscan": """
from klantlib.views.centricity import scan_widget
box = scan_widget(klantlib.load_dataset("benchmark_medewerkers"), folder=tempfile.mkdtemp())
_find(box, "klant-B1").value = 4  # warm-up
_report("zelfscan", _time_changes([(_find(box, f"klant-B{{k % 11 + 1}}"), 1 + (k * 5) % 7) for k in range({n})]))
""",
    "gevoeligheid": """
from klantlib.views.sensitivity import scan_widget
from klantlib.sensitivity import scan
box = scan_widget(klantlib.load_dataset("klantgevoeligheid"), folder=tempfile.mkdtemp())
codes = scan().codes
_find(box, "klant-ON1").value = 4  # warm-up
# every change a new value: the second round through the 21 statements is shifted by one
_report("gevoeligheid", _time_changes([(_find(box, f"klant-{{codes[k % len(codes)]}}"),
                                        1 + (k * 5 + k // len(codes)) % 7) for k in range({n})]))
""",
    "relevantie": """
from klantlib.views.experience import relevancy_widget
box = relevancy_widget(folder=tempfile.mkdtemp())
codes = ["RP", "RD", "RT", "RS", "RB"]
_find(box, "klant-RP").value = 3  # warm-up
_report("relevantie", _time_changes([(_find(box, f"klant-{{codes[k % 5]}}"), 1 + (k * 3 + k // 5) % 5)
                                      for k in range({n})]))
""",
    "klantbeleving": """
from klantlib.views.experience import rating_widget
from klantlib.experience import touchpoint_questionnaire
box = rating_widget(klantlib.load_dataset("klantbeleving"), folder=tempfile.mkdtemp())
codes = touchpoint_questionnaire().codes
_find(box, "klant-SM").value = 7  # warm-up
_report("klantbeleving", _time_changes([(_find(box, f"klant-{{codes[k % len(codes)]}}"),
                                         1 + (k * 7 + k // len(codes)) % 10) for k in range({n})]))
""",
}

LABELS = {
    "start": "start: slider minimaal aantal bestellingen",
    "matrix_cut": "matrix: grens rendement",
    "matrix_date": "matrix: peildatum, nieuw (RFM opnieuw)",
    "servqual": "servqual: een antwoord (E of P)",
    "klant": "klant: een andere organisatie kiezen",
    "vals": "VALS: een antwoord op een stelling",
    "dmu": "DMU: een rol aan- of uitvinken",
    "zelfscan": "zelfscan: een antwoord op een stelling",
    "gevoeligheid": "klantgevoeligheid: een antwoord op een stelling",
    "relevantie": "klantrelevantie: een niveau voor een attribuut",
    "klantbeleving": "klantbeleving: een cijfer voor een contactmoment",
}


class Kernel:
    """A Jupyter kernel that imports klantlib from ``klantlib_root``; :meth:`run` collects timings and PNG counts."""

    def __init__(self, klantlib_root: Path, cwd: str):
        from jupyter_client.manager import start_new_kernel

        self.root = klantlib_root
        env = {**os.environ, "MPLBACKEND": "module://matplotlib_inline.backend_inline",
               "PYTHONPATH": os.pathsep.join([str(klantlib_root), *filter(None, [os.environ.get("PYTHONPATH")])])}
        self.manager, self.client = start_new_kernel(kernel_name="python3", cwd=cwd, env=env)
        self.results, self.pngs, self.imported = {}, {}, []
        self.older = klantlib_root.resolve() != ROOT.resolve()  # --compare: may lack newer widgets
        self.run(f"import sys; sys.path.insert(0, {str(klantlib_root)!r})\n" + KERNEL_SETUP)
        if not self.imported or self.imported[0].parent.parent.resolve() != klantlib_root.resolve():
            raise RuntimeError(f"the kernel imported klantlib from {self.imported}, not from {klantlib_root}")

    def run(self, code: str, case: str | None = None) -> None:
        missing = []

        def hook(msg):
            content = msg["content"]
            if msg["msg_type"] == "stream":
                for line in content["text"].splitlines():
                    if line.startswith("KLANTLIB "):
                        self.imported.append(Path(line[len("KLANTLIB "):]))
                    if line.startswith("RESULT "):
                        found = json.loads(line[len("RESULT "):])
                        self.results[found["name"]] = found["times_ms"]
            elif msg["msg_type"] in ("display_data", "update_display_data") and case:
                self.pngs[case] = self.pngs.get(case, 0) + ("image/png" in content.get("data", {}))
            elif msg["msg_type"] == "error":
                if self.older and case and content["ename"] == "ModuleNotFoundError":
                    missing.append(case)  # an older klantlib without this widget: nothing to compare
                    return
                raise RuntimeError("\n".join(content["traceback"]))

        reply = self.client.execute_interactive(code, output_hook=hook, timeout=600)
        if missing:
            self.results[case] = []
        elif reply["content"]["status"] != "ok":
            raise RuntimeError(f"kernel error in {case}: {reply['content'].get('evalue')}")

    def close(self) -> None:
        self.client.stop_channels()
        self.manager.shutdown_kernel(now=True)


def measure(roots: list[Path], n: int = UPDATES) -> list[dict[str, list[float]]]:
    """Timings (ms) per case for klantlib from each of ``roots``, one kernel each, cases taken in turn."""
    with tempfile.TemporaryDirectory() as cwd:
        kernels = []
        try:
            kernels = [Kernel(root, cwd) for root in roots]
            for case, code in KERNEL_CASES.items():  # alternate, so every version sees the same machine load
                for kernel in kernels:
                    kernel.run(code.format(n=n), case)
        finally:
            for kernel in kernels:
                kernel.close()
    for kernel in kernels:
        for case, times in kernel.results.items():
            if kernel.pngs.get(case, 0) < len(times):  # every change must have sent a new figure
                raise RuntimeError(f"{case}: {kernel.pngs.get(case, 0)} PNGs for {len(times)} changes")
    return [kernel.results for kernel in kernels]


def old_klantlib(revision: str, into: Path) -> Path:
    """klantlib and data/ as they were at ``revision``, unpacked into ``into``."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision, "klantlib", "data"], check=True,
                             capture_output=True).stdout
    tar = into / "old.tar"
    tar.write_bytes(archive)
    with tarfile.open(tar) as t:
        t.extractall(into, filter="data")
    return into


def main(compare: str | None = None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        new, *old = measure([ROOT, old_klantlib(compare, Path(tmp))] if compare else [ROOT])
    old = old[0] if old else None
    result = {"updates": UPDATES, "goal_ms": GOAL_MS, "compare": compare, "cases": {}}
    for case in KERNEL_CASES:
        entry = {"median_ms": round(statistics.median(new[case]), 1), "max_ms": round(max(new[case]), 1)}
        if old and old[case]:  # a widget the older revision didn't have yet has nothing to compare
            entry["old_median_ms"] = round(statistics.median(old[case]), 1)
            entry["old_max_ms"] = round(max(old[case]), 1)
            entry["ratio"] = round(entry["median_ms"] / entry["old_median_ms"], 2)
        entry["met"] = entry["median_ms"] <= GOAL_MS
        result["cases"][case] = entry
    result["met"] = all(entry["met"] for entry in result["cases"].values())
    return result


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", metavar="REV", help="also measure klantlib as it was at this git revision")
    args = parser.parse_args()
    result = main(args.compare)
    rows = []
    for case, entry in result["cases"].items():
        note = f"max {entry['max_ms']:.0f} ms; doel mediaan <= {GOAL_MS:g} ms"
        if "old_median_ms" in entry:
            note += (f"; was {entry['old_median_ms']:.0f} ms (max {entry['old_max_ms']:.0f}) op {args.compare}, "
                     f"nu {entry['ratio']:.2f}x")
        rows.append((LABELS[case], f"{entry['median_ms']:.1f} ms", note))
    report("bench_widgets", f"Widgets: van een gewijzigde waarde in de kernel tot de nieuwe PNG "
           f"(mediaan van {UPDATES} wijzigingen; peildatum: elk van de 12 andere maanden)", rows, result)
