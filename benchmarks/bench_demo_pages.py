"""Do the demo pages always finish? Every notebook as a Voila page, loaded again and again on a busy machine.

A lecturer in front of a class has no retry: a page that stops half-way is a failed demo.
This loads each notebook of the course (klantlib.navigation.COURSE) ``LOADS`` times as
a Voila page in headless Chromium, against the server ``python -m klantlib.demo`` starts
(klantlib.demo's command and environment), while the machine is busy: one process
spinning on a core and nbval executing the notebooks over and over, both started and
stopped by this script. Each load is a fresh browser context; a page has finished when
the text "Verder:" of its last cell is on it (as the browser tests' open_in_voila waits),
and one that has not after ``TIMEOUT_S`` seconds counts as not finished (the script
records how many of its cells the page showed and goes on with the next load). The
pages are loaded in turns (00, 01, ..., 09, 00, ...), so each meets the same load.

Goal: every load finishes (500 of 500 with the default 50 loads of 10 pages).
Per page: loads, finished, median and max seconds until finished.

The notebooks are served from a temporary copy of the course (``git archive HEAD``:
notebooks/ beside data/ as in the repository); klantlib is imported from this checkout.
``--diagnose`` also makes the server log each notebook cell it executes and, when a
page does not finish, dump its asyncio tasks and threads into the result (for finding
the cause of a stall; it costs a little time per cell).

    python benchmarks/bench_demo_pages.py
    python benchmarks/bench_demo_pages.py --loads 5 --pages 04 09 --diagnose
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from _results import report  # noqa: E402

LOADS = 50
TIMEOUT_S = 90.0
GOAL = "every load finishes"
#: What the browser may load: the demo server only (offline, as in a lecture hall without internet).
LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")

#: Put on the server's PYTHONPATH with --diagnose (never on the kernels'): logs each cell nbclient executes,
#: the kernel client class, and on SIGUSR2 every asyncio task's stack and every thread's.
DIAGNOSE = r'''
import sys
if any(part.endswith("voila") for part in sys.orig_argv[:4]):
    import asyncio, faulthandler, os, signal, time
    _log = open(os.environ["KLANT_DIAGNOSE_LOG"], "a", buffering=1)

    def _say(text):
        _log.write(f"{time.time():.3f} {text}\n")

    def _dump(signum, frame):
        _say("DUMP begin")
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        for task in (asyncio.all_tasks(loop) if loop else ()):
            _say(f"TASK {task!r}")
            for f in task.get_stack():
                _log.write(f"    at {f.f_code.co_filename}:{f.f_lineno} {f.f_code.co_name}\n")
        faulthandler.dump_traceback(_log, all_threads=True)
        _say("DUMP end")

    signal.signal(signal.SIGUSR2, _dump)

    import nbclient.client as _nc

    _start = _nc.NotebookClient.async_start_new_kernel_client
    _run = _nc.NotebookClient.async_execute_cell

    async def _start_logged(self, *args, **kwargs):
        kc = await _start(self, *args, **kwargs)
        _say(f"CLIENT {type(kc).__module__}.{type(kc).__qualname__} shell={type(kc.shell_channel).__qualname__} "
             f"km={type(self.km).__qualname__} factory={self.km.client_factory}")
        return kc

    async def _run_logged(self, cell, cell_index, *args, **kwargs):
        tag = f"{os.path.basename(self.km.connection_file)} cell {cell_index}"
        _say(f"CELL {tag} start")
        try:
            return await _run(self, cell, cell_index, *args, **kwargs)
        finally:
            _say(f"CELL {tag} end")

    _nc.NotebookClient.async_start_new_kernel_client = _start_logged
    _nc.NotebookClient.async_execute_cell = _run_logged
'''


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def course_copy(into: Path) -> Path:
    """The course as committed (HEAD), unpacked into ``into``: notebooks/ beside data/."""
    into.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "HEAD"], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def _env(extra_path: list[str] = ()) -> dict:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([*extra_path, str(ROOT)])}


class Load:
    """The busy machine: a process spinning on a core, and nbval running the notebooks in a loop."""

    def __init__(self, course: Path, log: Path):
        self.course, self.log = course, log
        self.processes = []

    def __enter__(self):
        spin = [sys.executable, "-c", "while True: pass"]
        nbval = (f"while true; do {sys.executable} -m pytest -q -p no:cacheprovider --nbval notebooks/ "
                 f"> /dev/null 2>&1; echo nbval-rondje >> {self.log}; done")
        with open(self.log, "w"):
            pass
        for command in (spin, ["bash", "-c", nbval]):
            self.processes.append(subprocess.Popen(command, cwd=self.course, env=_env(), start_new_session=True,
                                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        return self

    def __exit__(self, *exc):
        _stop_tree(self.processes)

    def rounds(self) -> int:
        return self.log.read_text().count("nbval-rondje")


def _stop_tree(processes: list[subprocess.Popen], timeout: float = 20) -> None:
    """Stop these processes and everything they started (kernels run in sessions of their own)."""
    import psutil

    family = []
    for process in processes:
        try:
            family += [psutil.Process(process.pid), *psutil.Process(process.pid).children(recursive=True)]
        except psutil.NoSuchProcess:
            pass
    for member in family:
        try:
            member.terminate()
        except psutil.NoSuchProcess:
            pass
    _gone, alive = psutil.wait_procs(family, timeout=timeout)
    for member in alive:
        try:
            member.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(alive, timeout=timeout)
    for process in processes:
        process.poll()


class Server:
    """Voila as ``python -m klantlib.demo`` starts it, over the notebooks of the course copy."""

    def __init__(self, course: Path, folder: Path, diagnose: bool, ipc: bool = False, plain: bool = False):
        from klantlib.demo import environment, voila_command

        self.port = _free_port()
        self.log = folder / f"voila-{self.port}.log"
        self.diagnose_log = folder / f"diagnose-{self.port}.log"
        extra = []
        env = environment(False)
        if diagnose:
            (folder / "site").mkdir(exist_ok=True)
            (folder / "site" / "sitecustomize.py").write_text(DIAGNOSE)
            extra = [str(folder / "site")]
            env["KLANT_DIAGNOSE_LOG"] = str(self.diagnose_log)
            self.diagnose_log.touch()
        env = {**env, "PYTHONPATH": os.pathsep.join([*extra, str(ROOT)])}
        command = voila_command(course / "notebooks", self.port)
        if ipc:  # kernels over Unix sockets, as the browser tests start Voila (conftest.KERNELS_OVER_IPC)
            command[-1:-1] = ["--KernelManager.transport=ipc"]
        if plain:  # jupyter_client's own kernel client instead of klantlib.demo.SLICED_CLIENT (to compare)
            command = [part for part in command if not part.startswith("--AsyncKernelManager.client_factory=")]
        with open(self.log, "w") as out:
            self.process = subprocess.Popen(command, cwd=course,
                                            env=env, stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        while True:
            if self.process.poll() is not None or time.monotonic() > deadline:
                _stop_tree([self.process])
                raise RuntimeError(f"Voila did not start:\n{self.log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=2):
                    break
            except OSError:
                time.sleep(0.5)
        self.url = f"http://127.0.0.1:{self.port}/voila/render"

    def stop(self) -> None:
        _stop_tree([self.process])

    def log_since(self, offset: int) -> str:
        return self.log.read_text(errors="replace")[offset:]

    def dump(self) -> str:
        """The server's asyncio tasks and threads (--diagnose only), as written on SIGUSR2."""
        before = len(self.diagnose_log.read_text(errors="replace"))
        os.kill(self.process.pid, signal.SIGUSR2)
        time.sleep(2)
        return self.diagnose_log.read_text(errors="replace")[before:]


def _cells(path: Path) -> list[str]:
    """The first line of each cell of a notebook (to name the cell a page stopped at)."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [f"{cell['cell_type']}: {''.join(cell['source']).strip().splitlines()[0][:80] if cell['source'] else ''}"
            for cell in cells]


#: The id of the kernel Voila started for a page (in the page's configuration, sent before the first cell).
KERNEL_ID = """() => {
    const config = document.getElementById('jupyter-config-data');
    return config ? JSON.parse(config.textContent).kernelId || null : null;
}"""


def _shut_down(page_url: str, kernel: str) -> None:
    """Stop a page's kernel, as Voila's page asks when it is left (its "beforeunload" beacon).

    Closing a browser context skips that beacon, and leaving the page does not send it reliably in headless
    Chromium (measured: every load kept its kernel, 150 MiB each). A page that did not finish never sends it.
    """
    root = page_url.split("/voila/render")[0]
    request = urllib.request.Request(f"{root}/voila/api/shutdown/{kernel}", method="POST", data=b"")
    try:
        with urllib.request.urlopen(request, timeout=30):
            pass
    except OSError:
        pass  # already gone


def load_once(browser, url: str, timeout_s: float) -> dict:
    """Open one page in a fresh context; how long until its last cell was there, or how far it got."""
    from playwright.sync_api import Error as PageError

    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.route(lambda address: not address.startswith(LOCAL), lambda route: route.abort())
    page = context.new_page()
    start = time.monotonic()
    outcome = {"finished": False}
    try:
        page.goto(url, timeout=timeout_s * 1000, wait_until="commit")
        # Done as open_in_voila (tests/browser/conftest.py) waits: the widgets are drawn and the last cell is there.
        page.wait_for_selector(".jupyter-widgets", timeout=max(1.0, timeout_s - (time.monotonic() - start)) * 1000)
        left = max(1.0, timeout_s - (time.monotonic() - start))
        page.get_by_text("Verder:", exact=False).last.wait_for(timeout=left * 1000)
        outcome = {"finished": True, "seconds": round(time.monotonic() - start, 2)}
    except PageError as error:  # a Playwright timeout, or the page/browser failed
        outcome["error"] = str(error).splitlines()[0][:200]
        try:
            outcome["cells_shown"] = page.locator(".jp-Cell").count()
        except PageError:
            pass
    finally:
        try:
            outcome["kernel"] = page.evaluate(KERNEL_ID)  # the caller stops it (after recording a stall)
        except PageError:
            pass
        try:
            context.close()
        except PageError:
            pass
    return outcome


def _stall(server: Server, notebook: Path, outcome: dict, offset: int, diagnose: bool, load: int) -> dict:
    """What is known of a page that did not finish: how far it got, the server's log since it was opened."""
    cells = _cells(notebook)
    shown = outcome.get("cells_shown")
    stall = {"page": notebook.name, "load": load, **outcome, "cells_total": len(cells),
             "next_cell": cells[shown] if shown is not None and shown < len(cells) else None,
             "server_log": server.log_since(offset)[-4000:]}
    if diagnose:
        stall["dump"] = server.dump()[-30000:]
        stall["cell_log"] = [line for line in server.diagnose_log.read_text().splitlines()
                             if " CELL " in line or " CLIENT " in line][-40:]
    return stall


def measure(loads: int, pages: list, timeout_s: float, diagnose: bool, ipc: bool = False,
            plain: bool = False) -> dict:
    from chromium import find_chromium
    from conftest import CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    path, why = find_chromium()
    if path is None:
        sys.exit(f"bench_demo_pages: {why}")
    runs = {entry.file: [] for entry in pages}
    stalls = []
    interrupted = False
    with tempfile.TemporaryDirectory(prefix="bench-demo-") as tmp:
        folder = Path(tmp)
        course = course_copy(folder / "course")
        server = Server(course, folder, diagnose, ipc, plain)
        try:
            with Load(course, folder / "load.log") as load, sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
                try:
                    try:
                        for k in range(loads):
                            for entry in pages:
                                if server.process.poll() is not None:  # the server died: note it, start another
                                    stalls.append({"page": entry.file, "load": k + 1,
                                                   "server_died": server.log_since(0)[-2000:]})
                                    server = Server(course, folder, diagnose, ipc, plain)
                                offset = len(server.log_since(0))
                                outcome = load_once(browser, f"{server.url}/{entry.file}", timeout_s)
                                kernel = outcome.pop("kernel", None)
                                runs[entry.file].append(outcome)
                                mark = f"{outcome['seconds']:.1f} s" if outcome["finished"] else "NIET KLAAR"
                                print(f"  {k + 1:>3}/{loads} {entry.file[:2]}: {mark}", flush=True)
                                if not outcome["finished"]:
                                    stalls.append({**_stall(server, course / "notebooks" / entry.file, outcome,
                                                            offset, diagnose, load=k + 1), "kernel": kernel})
                                if kernel:
                                    _shut_down(server.url, kernel)
                    except (KeyboardInterrupt, SystemExit) as stop:  # Ctrl+C or SIGTERM: keep what was measured
                        interrupted = True
                        print(f"onderbroken ({stop or 'Ctrl+C'}); de metingen tot nu toe worden bewaard", flush=True)
                finally:
                    browser.close()
                rounds = load.rounds()
            clients = sorted({line.split(" ", 1)[1] for line in server.diagnose_log.read_text().splitlines()
                              if " CLIENT " in line}) if diagnose else []
        finally:
            server.stop()
    return {"runs": runs, "stalls": stalls, "nbval_rounds": rounds, "clients": clients, "interrupted": interrupted}


def main(loads: int = LOADS, numbers: list[str] | None = None, timeout_s: float = TIMEOUT_S,
         diagnose: bool = False, ipc: bool = False, plain: bool = False) -> dict:
    from klantlib.demo import chapter
    from klantlib.navigation import COURSE

    pages = [chapter(number) for number in numbers] if numbers else list(COURSE)
    started = time.strftime("%Y-%m-%d %H:%M")
    begin = time.monotonic()
    measured = measure(loads, pages, timeout_s, diagnose, ipc, plain)
    result = {"started": started, "ipc": ipc, "plain_client": plain,
              "minutes": round((time.monotonic() - begin) / 60, 1), "loads": loads, "timeout_s": timeout_s,
              "goal": GOAL, "nbval_rounds": measured["nbval_rounds"], "pages": {}, "stalls": measured["stalls"],
              "interrupted": measured["interrupted"]}
    if diagnose:
        result["kernel_clients"] = measured["clients"]
    for name, outcomes in measured["runs"].items():
        seconds = [o["seconds"] for o in outcomes if o["finished"]]
        result["pages"][name] = {
            "loads": len(outcomes), "finished": len(seconds),
            "median_s": round(statistics.median(seconds), 2) if seconds else None,
            "max_s": round(max(seconds), 2) if seconds else None,
        }
    result["total_loads"] = sum(p["loads"] for p in result["pages"].values())
    result["total_finished"] = sum(p["finished"] for p in result["pages"].values())
    result["met"] = result["total_finished"] == result["total_loads"] and not result["interrupted"]
    return result


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=LOADS, help=f"loads per page (default {LOADS})")
    parser.add_argument("--pages", nargs="*", metavar="NN", help="only these notebooks (default: all of COURSE)")
    parser.add_argument("--timeout", type=float, default=TIMEOUT_S, help=f"seconds per load (default {TIMEOUT_S:g})")
    parser.add_argument("--diagnose", action="store_true", help="log the server's cells; dump its tasks on a stall")
    parser.add_argument("--ipc", action="store_true", help="kernels over Unix sockets, as in the browser tests")
    parser.add_argument("--plain-client", action="store_true", help="without klantlib.demo.SLICED_CLIENT (to compare)")
    parser.add_argument("--name", default="bench_demo_pages", help="the results file (default bench_demo_pages)")
    args = parser.parse_args()
    # Stopped by another program (SIGTERM): stop the server, the load and the browser too (the finally blocks).
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(f"bench_demo_pages: stopped (signal {signum})"))
    result = main(args.loads, args.pages, args.timeout, args.diagnose, args.ipc, args.plain_client)
    rows = []
    for name, entry in result["pages"].items():
        timing = (f"mediaan {entry['median_s']:.1f} s, max {entry['max_s']:.1f} s" if entry["finished"]
                  else "geen enkele keer klaar")
        rows.append((name, f"{entry['finished']}/{entry['loads']}", timing))
    rows.append(("totaal", f"{result['total_finished']}/{result['total_loads']}",
                 f"{result['minutes']:g} min; nbval-rondes ernaast: {result['nbval_rounds']}"
                 + ("; ONDERBROKEN" if result["interrupted"] else "")))
    for stall in result["stalls"]:
        print(f"niet klaar: {stall['page']} (keer {stall['load']}): {stall.get('cells_shown')} van "
              f"{stall.get('cells_total')} cellen getoond; volgende: {stall.get('next_cell')}")
    report(args.name, f"Demopagina's (Voila, headless Chromium) op een drukke machine: klaar binnen "
           f"{result['timeout_s']:g} s, {result['loads']} keer per pagina", rows, result)
