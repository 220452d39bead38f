"""One source per notebook; the student notebooks and the lecturer's version are made from it.

Each notebook is written once, in ``source/<NN_onderwerp>.md`` (a MyST Markdown
notebook that jupytext reads; it opens as a notebook in JupyterLab with the
jupytext extension, and reads well as plain text). Next to every exercise it holds
the worked solution, in cells tagged ``oplossing``: the steps in code (ending in
the same ``check(...)`` a student runs, which must say "Goed!") and, for questions
to discuss, a model answer in Markdown.

``make notebooks`` (``python -m klantlib.course``) makes from it

- ``notebooks/<NN>.ipynb``: the student notebook, without the ``oplossing`` cells,
  executed, so its stored outputs are what nbval checks;
- ``solutions/<NN>.ipynb``: the lecturer's version, with every worked solution
  shown and executed (not in git: ``make solutions`` makes only these, ``make docent``
  only those that are missing or stale, see :func:`stale_solutions`).

A test proves the committed student notebooks are in sync with their source and
that the lecturer's version runs clean with every check right. Never edit a
notebook in ``notebooks/`` by hand: edit the source and run ``make notebooks``.

Material for lecturers only that is no worked solution (how to pool the class's exports, a
demo of an upload) is tagged ``docent``: like ``oplossing`` it is left out of the student
notebook, so a student's path holds only what a student does.

Cells a student fills in are tagged ``antwoord`` (a Markdown cell for a written
answer, or a code cell with ``...`` to replace); the generated index and
navigation cells are tagged ``index`` and ``navigation`` (:mod:`klantlib.navigation`).

>>> nb = _from_text('''# Titel
...
... ```{code-cell} ipython3
... antwoord = ...
... ```
...
... ```{code-cell} ipython3
... :tags: [oplossing]
...
... antwoord = 42
... ```
...
... +++ {"tags": ["docent"]}
...
... Voor docenten: zo voeg je de klas samen.''')
>>> [cell.source for cell in student_version(nb).cells]
['# Titel', 'antwoord = ...']
>>> len(lecturer_version(nb, "99_demo.ipynb").cells)
5
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

__all__ = ["LECTURER", "SOLUTION", "build", "lecturer_version", "made_from", "out_of_sync", "read_source", "run", "sources",
           "stale_solutions", "student_version"]

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = ROOT / "source"
NOTEBOOK_DIR = ROOT / "notebooks"
SOLUTION_DIR = ROOT / "solutions"
SOLUTION = "oplossing"  # the tag of a worked-solution cell
LECTURER = "docent"  # the tag of other lecturer-only material (no exercise's solution)
KERNEL = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def sources(folder: Path = SOURCE_DIR) -> list[Path]:
    """The course's source notebooks, in course order."""
    return sorted(Path(folder).glob("[0-9][0-9]_*.md"))


def _from_text(text: str):
    import jupytext

    return jupytext.reads(text, fmt="md:myst")


def read_source(path: Path):
    """Read one source notebook (MyST Markdown) as an nbformat notebook."""
    return _from_text(Path(path).read_text(encoding="utf-8"))


def _tags(cell) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def _finish(nb, name: str, available: list[str]):
    """Plain notebook metadata, stable cell ids, and the generated index and navigation cells."""
    from klantlib.navigation import generated_source

    # Only what every notebook shares, plus a source's slide settings (RISE reads "rise"; a
    # cell's own slide type stays in its "slideshow" metadata, which the build keeps).
    rise = nb.metadata.get("rise")
    nb.metadata = {"kernelspec": dict(KERNEL), "language_info": {"name": "python"}}
    if rise:
        nb.metadata["rise"] = dict(rise)
    for number, cell in enumerate(nb.cells):
        text = generated_source(cell, name, available)
        if text is not None:
            cell.source = text
        cell.id = hashlib.sha1(f"{number}\x00{cell.source}".encode()).hexdigest()[:8]
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return nb


def _available(folder: Path = SOURCE_DIR) -> list[str]:
    """The notebooks the sources make; each must be in the course's list, and not as planned."""
    from klantlib.navigation import CHAPTERS, MANIFEST

    names = [p.with_suffix(".ipynb").name for p in sources(folder)]
    unknown = [name for name in names if name not in {c.file for c in CHAPTERS}]
    if unknown:
        raise ValueError(f"Deze notebooks staan niet in klantlib/{MANIFEST}: {', '.join(unknown)}. "
                         "Zet er een [[notebook]] voor in die lijst.")
    planned = [c.file for c in CHAPTERS if c.planned and c.file in names]
    if planned:
        raise ValueError(f"Deze notebooks hebben een bron, maar staan in klantlib/{MANIFEST} nog als gepland: "
                         f"{', '.join(planned)}. Haal daar de regel 'planned = true' weg.")
    return names


def student_version(nb, name: str = "", available: list[str] | None = None):
    """The notebook without its worked solutions (not executed).

    ``name`` is the notebook's file name (``04_rfm_klantenmatrix.ipynb``) and
    ``available`` the notebooks that exist (by default: those with a source), for
    the generated index and navigation cells.
    """
    import copy

    student = copy.deepcopy(nb)
    student.cells = [cell for cell in student.cells if not {SOLUTION, LECTURER} & set(_tags(cell))]
    return _finish(student, name, _available() if available is None else available)


def lecturer_version(nb, name: str = "", available: list[str] | None = None):
    """The notebook with its worked solutions and a banner that says what it is (not executed).

    ``name`` and ``available`` as for :func:`student_version`.
    """
    import copy

    import nbformat

    lecturer = copy.deepcopy(nb)
    banner = nbformat.v4.new_markdown_cell(
        f"> **Docentenversie, met uitwerkingen.** Gemaakt uit `source/{Path(name).stem}.md` met `make docent` "
        "(of `make solutions`); "
        "de uitwerkingen staan in de cellen direct na elke opdracht. Studenten werken in de map "
        "`notebooks/`, waar deze cellen niet in staan."
    )
    lecturer.cells.insert(1, banner)
    return _finish(lecturer, name, _available() if available is None else available)


def _sliced_client_class():
    """An async kernel client whose channels never leave a reply unread in their socket.

    Why a reply could stay unread (measured on this machine: Voila's page stalled for
    good at a widget cell, ``course.run``'s widget cell waited until its timeout, with
    kernel and client idle): jupyter_client's ``Session.send`` writes through a
    blocking shadow of the asyncio ZMQ socket. Writing runs libzmq's command
    processing, which takes the socket's edge-triggered wake-up of a message that has
    just arrived; the asyncio socket does not see that send, so it never looks again
    and a ``get_msg`` waiting on that socket waits on. A client sends on the shell
    socket while it waits there for a reply in one case: nbclient (and so Voila)
    mirrors an Output widget and sends its new outputs back to the kernel (a
    ``comm_msg``) when a cell displays into one, which every klantlib widget does
    (``views._widgets.FigureArea.show``). When the ``execute_reply`` arrived just
    before that send, the cell never ended (nbclient's default: no timeout). The
    same bug upstream: jupyter/nbclient#311, jupyter/jupyter_client#1059.

    So each channel reads the socket's events again after it sent (pyzmq's asyncio
    socket then wakes a waiting ``get_msg`` for a message that is there;
    ``tests/test_course.py`` reproduces the lost wake-up and checks this). On top of
    that, a wait for a message is cut in slices of at most a second, so a wake-up lost
    in any other way costs a second, not the whole wait.
    """
    import time

    import zmq
    from jupyter_client.asynchronous import AsyncKernelClient
    from jupyter_client.channels import AsyncZMQSocketChannel
    from traitlets import Type

    class SlicedChannel(AsyncZMQSocketChannel):
        def send(self, msg):
            super().send(msg)
            self.socket.get(zmq.EVENTS)  # the asyncio socket looks again: see the docstring above

        async def get_msg(self, timeout=None):
            from queue import Empty

            deadline = None if timeout is None else time.monotonic() + timeout
            while True:
                left = 1.0 if deadline is None else min(1.0, max(0.0, deadline - time.monotonic()))
                try:
                    return await super().get_msg(timeout=left)
                except Empty:
                    if deadline is not None and time.monotonic() >= deadline:
                        raise

    class SlicedClient(AsyncKernelClient):
        shell_channel_class = Type(SlicedChannel)
        iopub_channel_class = Type(SlicedChannel)
        control_channel_class = Type(SlicedChannel)

    return SlicedClient


def __getattr__(name: str):
    # ``klantlib.course.SlicedKernelClient``: the client of _sliced_client_class by its dotted name, so a
    # server can be told to use it (``--AsyncKernelManager.client_factory=klantlib.course.SlicedKernelClient``,
    # as klantlib.demo does for Voila, which executes a notebook through the same jupyter_client waits).
    if name == "SlicedKernelClient":
        globals()[name] = _sliced_client_class()
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def run(nb, folder: Path, *, timeout: int = 300):
    """Execute a notebook in ``folder`` (as nbval does: a fresh kernel, top to bottom).

    Raises:
        RuntimeError: a cell raised an error; the message names the cell.
    """
    import tempfile

    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    from traitlets.config import Config

    with tempfile.TemporaryDirectory() as sockets:
        # Local sockets, not TCP ports: no port clashes with other kernels, no network warning.
        config = Config()
        if _has_ipc():  # not every libzmq has Unix sockets (Windows): then TCP on 127.0.0.1, jupyter_client's default
            config.KernelManager.transport = "ipc"
            config.KernelManager.ip = str(Path(sockets) / "kernel")
        # client_factory is read directly (a class, not a dotted name): see _sliced_client_class.
        config.AsyncKernelManager.client_factory = _sliced_client_class()
        client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False, config=config,
                                resources={"metadata": {"path": str(folder)}})
        try:
            client.execute()  # starts the kernel, runs every cell, shuts the kernel down
        except CellExecutionError as error:
            raise RuntimeError(f"Een cel gaf een fout:\n{error}") from None
    return nb


def _has_ipc() -> bool:
    import zmq

    return bool(zmq.has("ipc"))


def made_from(source: Path, notebook_dir: Path = NOTEBOOK_DIR) -> str:
    """A digest of what a lecturer's version is made from: its source and the student notebook.

    The student notebook (in git, with its outputs) changes whenever the data or klantlib change
    what the notebook shows, so a lecturer's version made before such a change (a ``git pull``)
    no longer matches. :func:`build` stores the digest in the lecturer's version.
    """
    digest = hashlib.sha256()
    for path in (Path(source), Path(notebook_dir) / Path(source).with_suffix(".ipynb").name):
        digest.update(path.name.encode() + b"\0" + (path.read_bytes() if path.exists() else b"") + b"\0")
    return digest.hexdigest()


def stale_solutions(names: list[str] | None = None, source_dir: Path = SOURCE_DIR,
                    notebook_dir: Path = NOTEBOOK_DIR, solution_dir: Path = SOLUTION_DIR) -> list[str]:
    """The lecturer's versions that are missing, or were made from another source or student notebook."""
    import json

    stale = []
    for path in _selected(sources(source_dir), names):
        target = Path(solution_dir) / path.with_suffix(".ipynb").name
        try:
            stored = json.loads(target.read_text(encoding="utf-8"))["metadata"]["klantlib"]["made_from"]
        except (OSError, ValueError, KeyError, TypeError):
            stored = None
        if stored != made_from(path, notebook_dir):
            stale.append(target.name)
    return stale


def _selected(paths: list[Path], names: list[str] | None) -> list[Path]:
    """The sources whose name starts with one of ``names`` (``04``, ``04_rfm``); all without names."""
    if not names:
        return paths
    return [p for p in paths if any(p.stem.startswith(n.removesuffix(".md").removesuffix(".ipynb")) for n in names)]


def _cells(nb) -> list[tuple]:
    return [(c.cell_type, c.source, tuple(_tags(c))) for c in nb.cells]


def out_of_sync(source_dir: Path = SOURCE_DIR, notebook_dir: Path = NOTEBOOK_DIR) -> list[str]:
    """The student notebooks whose cells differ from what their source makes (``[]``: all in sync)."""
    import nbformat

    available = _available(source_dir)
    stale = []
    for path in sources(source_dir):
        target = Path(notebook_dir) / path.with_suffix(".ipynb").name
        wanted = student_version(read_source(path), target.name, available)
        if not target.exists() or _cells(nbformat.read(target, as_version=4)) != _cells(wanted):
            stale.append(target.name)
    return stale


def _same_but_widget_ids(path: Path, nb) -> bool:
    """Whether the notebook at ``path`` equals ``nb`` apart from the random ids of its widgets
    (kept as it is then, so a rebuild doesn't change files that didn't change).

    The stored widget state counts too, without its ids: it is what JupyterLab shows before the
    notebook runs, so a widget that changed (another control) must be written.

    >>> import nbformat
    >>> def notebook(model_id, name):
    ...     nb = nbformat.v4.new_notebook()
    ...     nb.metadata["widgets"] = {WIDGET_STATE: {"state": {model_id: {"model_name": name}}}}
    ...     return nb
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "nb.ipynb"
    >>> nbformat.write(notebook("a" * 32, "IntSliderModel"), path)
    >>> _same_but_widget_ids(path, notebook("b" * 32, "IntSliderModel"))
    True
    >>> _same_but_widget_ids(path, notebook("b" * 32, "AnyModel"))
    False
    """
    import json
    import re

    import nbformat

    if not path.exists():
        return False
    model_id = re.compile(r"(?:IPY_MODEL_)?[0-9a-f]{32}")

    def stable(notebook) -> tuple[str, list[str]]:
        notebook = nbformat.from_dict(json.loads(nbformat.writes(notebook)))
        state = notebook.metadata.pop("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
        models = sorted(model_id.sub("", json.dumps(model, sort_keys=True)) for model in state.values())
        return re.sub(r'"model_id": "[0-9a-f]+"', '"model_id": ""', nbformat.writes(notebook)), models

    return stable(nbformat.read(path, as_version=4)) == stable(nb)


def build(names: list[str] | None = None, *, students: bool = True, lecturers: bool = True,
          only_stale: bool = False) -> list[Path]:
    """Make and execute the student notebooks and/or the lecturer's versions; return the files written.

    ``only_stale``: of the lecturer's versions only those :func:`stale_solutions` names (``make docent``).
    """
    available = _available()
    written = []
    for path in _selected(sources(), names):
        nb = read_source(path)
        target = path.with_suffix(".ipynb").name
        if students:
            _execute_and_write(student_version(nb, target, available), NOTEBOOK_DIR / target, written)
        if lecturers and not (only_stale and not stale_solutions([path.stem])):
            version = lecturer_version(nb, target, available)
            # After the student notebook of this round is written: the digest covers it.
            version.metadata["klantlib"] = {"made_from": made_from(path)}
            _execute_and_write(version, SOLUTION_DIR / target, written)
    return written


#: The key under which a notebook's metadata stores the state of its widgets.
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def _execute_and_write(version, target: Path, written: list[Path]) -> None:
    import nbformat

    print(f"{target.parent.name}/{target.name} ...", flush=True)
    target.parent.mkdir(exist_ok=True)
    run(version, target.parent)
    if not _same_but_widget_ids(target, version):
        nbformat.write(version, target)
        written.append(target)


def _main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Maak de studentnotebooks en de docentenversie uit source/.")
    parser.add_argument("names", nargs="*", help="alleen deze notebooks (bijvoorbeeld 04)")
    parser.add_argument("--solutions", action="store_true", help="alleen de docentenversie (solutions/)")
    parser.add_argument("--stale", action="store_true",
                        help="met --solutions: alleen de docentenversies die ontbreken of niet meer bij hun bron "
                             "en studentnotebook passen (make docent)")
    parser.add_argument("--check", action="store_true", help="alleen controleren of notebooks/ bij source/ past")
    args = parser.parse_args(argv)
    if args.stale and not args.solutions:
        parser.error("--stale hoort bij --solutions")
    if args.check:
        stale = out_of_sync()
        print("Alles in orde." if not stale else f"Niet bijgewerkt: {', '.join(stale)}. Voer `make notebooks` uit.")
        return 1 if stale else 0
    if args.stale and not stale_solutions(args.names):
        print("De docentenversies in solutions/ zijn bijgewerkt.")
        return 0
    build(args.names, students=not args.solutions, only_stale=args.stale)
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
