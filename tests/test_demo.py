"""The lecturer's demo command (klantlib.demo, `make demo`), presentation mode through the environment,
and klantlib's warnings as visible notebook outputs. The pages themselves: tests/browser/test_demo_pages.py."""

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import warnings
from pathlib import Path

import nbformat
import pytest

from klantlib import demo, notebook
from klantlib.errors import KlantDataWarning
from klantlib.navigation import CHAPTERS, COURSE

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(sys.executable).parent.parent


# --- the command ---------------------------------------------------------------------------------

def test_without_a_number_it_lists_every_notebook_with_number_and_title(capsys):
    assert demo.main([]) == 0
    out = capsys.readouterr().out
    for entry in COURSE:
        assert re.search(rf"^  {entry.file[:2]}  {re.escape(entry.title)}$", out, re.MULTILINE)
    assert "make demo N=04 PRESENTATIE=1" in out


#: Numbers that are no notebook: a planned one (not written yet) when the list has one, and never a number.
UNKNOWN = [*[c.number for c in CHAPTERS if c.planned][:1], "99", "abc", "-1"]


@pytest.mark.parametrize("number", UNKNOWN)
def test_an_unknown_number_gives_a_dutch_error_and_exit_code_2(number, capsys):
    assert demo.main([number]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    written = ", ".join(entry.file[:2] for entry in COURSE)
    assert captured.err.strip() == f"Er is geen notebook met nummer {number}. Kies uit: {written}."


@pytest.mark.parametrize(("number", "file"), [("4", "04_rfm_klantenmatrix.ipynb"), ("04", "04_rfm_klantenmatrix.ipynb"),
                                              ("00", "00_start_hier.ipynb"),
                                              ("06_orca_klantreis.ipynb", "06_orca_klantreis.ipynb")])
def test_a_number_finds_its_notebook(number, file):
    assert demo.chapter(number).file == file


def test_every_demo_notebook_exists():
    for entry in COURSE:
        assert (demo.NOTEBOOK_DIR / entry.file).is_file()


def test_voila_serves_the_folder_on_localhost_so_links_between_pages_work():
    command = demo.voila_command(demo.NOTEBOOK_DIR, 8866)
    assert command[:3] == [sys.executable, "-m", "voila"]
    assert command[-1] == str(demo.NOTEBOOK_DIR)  # a folder (tree mode), not one notebook
    assert "--Voila.ip=127.0.0.1" in command and "--port=8866" in command and "--no-browser" in command
    assert demo.demo_url(8866, demo.chapter("04")) == "http://127.0.0.1:8866/voila/render/04_rfm_klantenmatrix.ipynb"


def test_voila_runs_notebooks_with_the_kernel_client_that_waits_in_slices():
    from jupyter_client.asynchronous import AsyncKernelClient
    from traitlets.utils.importstring import import_item

    assert f"--AsyncKernelManager.client_factory={demo.SLICED_CLIENT}" in demo.voila_command()
    client = import_item(demo.SLICED_CLIENT)
    assert issubclass(client, AsyncKernelClient)
    assert client().shell_channel_class.__name__ == "SlicedChannel"


def test_slides_run_jupyterlab_at_the_course_root_on_localhost():
    command = demo.lab_command(demo.ROOT, 8888, "geheim")
    assert command[:3] == [sys.executable, "-m", "jupyterlab"]
    assert f"--ServerApp.root_dir={demo.ROOT}" in command and "--ServerApp.ip=127.0.0.1" in command
    assert "--IdentityProvider.token=geheim" in command
    assert demo.slides_url(8888, demo.chapter("4"), "geheim") == (
        "http://127.0.0.1:8888/rise/notebooks/04_rfm_klantenmatrix.ipynb?token=geheim")


def test_presentation_mode_reaches_the_kernels_through_the_environment():
    on = demo.environment(True, {"PATH": "/bin"})
    assert on == {"PATH": "/bin", notebook.PRESENTATION_VARIABLE: "1"}
    assert demo.environment(False, on) == {"PATH": "/bin"}


@pytest.fixture
def demos():
    """The demo processes a test starts; whatever is left of them (a server too) is killed afterwards,
    also when the test failed or hit its time limit."""
    started = []
    yield started
    for process in started:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # its own session: the demo, its server and their kernels
        process.communicate()


def _start_demo(demos: list, *args: str, ignoring_ctrl_c: bool = False):
    """Run the documented command as a lecturer does; return the process and the address it printed.

    ``ignoring_ctrl_c``: start it as a non-interactive shell starts a background job (``make demo &``,
    ``make test &``, some CI runners): with SIGINT ignored, which the demo inherits. It runs in a session
    of its own, so a test can send Ctrl+C to its whole process group, as a terminal does, and can kill
    the whole group (its server too) when something goes wrong.
    """
    env = {**os.environ, "JUPYTER_PLATFORM_DIRS": "1", "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "klantlib.demo", *args, "--geen-browser"]
    if ignoring_ctrl_c:  # the shell ignores SIGINT and exec keeps that for the demo (no preexec_fn: threads)
        command = ["sh", "-c", 'trap "" INT; exec "$@"', "sh", *command]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True, start_new_session=True)
    demos.append(process)
    lines = []
    for line in process.stdout:
        lines.append(line)
        if line.startswith("Open in je browser: "):
            return process, line.removeprefix("Open in je browser: ").strip(), lines
    pytest.fail(f"geen adres gekregen:\n{''.join(lines)}")


def _stop_demo(process, *, group: bool = False) -> str:
    """Ctrl+C: to the demo, or (``group``) to its whole process group, server included, as a terminal sends it.

    Never waits forever: when the demo has not stopped after 60 s the test fails, and the ``demos``
    fixture kills its whole process group (the server shares the demo's output pipe, so killing the
    demo alone would leave the pipe open and the test waiting).
    """
    if group:
        os.killpg(process.pid, signal.SIGINT)
    else:
        process.send_signal(signal.SIGINT)
    try:
        out, _ = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("de demo stopte niet op Ctrl+C")  # the demos fixture kills what is left
    assert process.returncode == 0
    return out


def _ignores_sigint(pid: int) -> bool:
    """Whether a process ignores SIGINT, from the kernel's own record (Linux: SigIgn in /proc/<pid>/status)."""
    status = Path(f"/proc/{pid}/status").read_text()
    ignored = int(next(line.split()[1] for line in status.splitlines() if line.startswith("SigIgn:")), 16)
    return bool(ignored >> (signal.SIGINT - 1) & 1)


def _children(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _port_of(url: str) -> int:
    return int(url.split(":")[2].split("/")[0])


@pytest.mark.slow
@pytest.mark.timeout(240)
@pytest.mark.parametrize(("args", "path", "first"), [
    (["04"], "/voila/render/04_rfm_klantenmatrix.ipynb", "04 · De 80/20-regel, RFM en de klantenmatrix: demopagina, "
                                                         "zonder presentatiemodus."),
    (["4", "--dia", "--presentatie"], "/rise/notebooks/04_rfm_klantenmatrix.ipynb?token=",
     "04 · De 80/20-regel, RFM en de klantenmatrix: dia's, met presentatiemodus."),
])
def test_the_demo_command_starts_a_server_that_serves_the_page(args, path, first, demos):
    import urllib.request

    process, url, lines = _start_demo(demos, *args)
    try:
        assert lines[0].strip() == first
        assert url.startswith("http://127.0.0.1:") and path in url
        with urllib.request.urlopen(url, timeout=120) as response:
            assert response.status == 200
            page = response.read().decode()
        assert ("Verder:" in page) if "voila" in path else ("rise" in page.lower())
    finally:
        out = _stop_demo(process)
    assert out.strip().endswith("Gestopt.")
    port = _port_of(url)
    with socket.socket() as probe:  # the server stopped with the command: nothing answers any more
        assert probe.connect_ex(("127.0.0.1", port)) != 0


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="leest /proc (Linux)")
def test_a_background_job_really_starts_with_ctrl_c_ignored():
    """The premise of the next test: what a child of ``sh -c 'trap "" INT; exec ...'`` gets, as a background job."""
    code = "import signal; print(signal.getsignal(signal.SIGINT) is signal.SIG_IGN)"
    out = subprocess.run(["sh", "-c", 'trap "" INT; exec "$@"', "sh", sys.executable, "-c", code],
                         capture_output=True, text=True, check=True).stdout
    assert out.strip() == "True"


@pytest.mark.slow
@pytest.mark.timeout(240)
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="leest /proc (Linux)")
def test_ctrl_c_stops_the_demo_and_its_server_even_when_started_ignoring_it(demos):
    """make demo & / make test &: the demo inherits SIGINT ignored; it restores Ctrl+C for itself and its server."""
    process, url, _ = _start_demo(demos, "04", ignoring_ctrl_c=True)
    try:
        servers = _children(process.pid)
        assert servers, "geen server gestart"
        assert not _ignores_sigint(process.pid)  # the demo put Ctrl+C back ...
        assert not any(_ignores_sigint(pid) for pid in servers)  # ... and its server inherited that
    finally:
        out = _stop_demo(process, group=True)  # Ctrl+C as a terminal sends it: to the demo and the server
    assert out.strip().endswith("Gestopt.")
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", _port_of(url))) != 0


def _make(*args: str) -> str:
    printed = subprocess.run(["make", "-s", "-n", "-C", str(ROOT), *args, f"VENV={VENV}"],
                             capture_output=True, text=True, check=True).stdout
    return printed.strip().splitlines()[-1]


def test_make_demo_runs_the_module_with_the_chosen_options():
    assert _make("demo").split() == [f"{VENV}/bin/python", "-m", "klantlib.demo"]
    assert _make("demo", "N=04").split()[-1] == "04"
    assert _make("demo", "N=04", "PRESENTATIE=1").split()[-2:] == ["04", "--presentatie"]
    assert _make("demo", "N=04", "DIA=1").split()[-2:] == ["04", "--dia"]
    assert _make("demo", "N=04", "PRESENTATIE=0").split()[-1] == "04"


# --- presentation mode in setup() ----------------------------------------------------------------

@pytest.fixture
def restore_style():
    from klantlib.plotting import use_style

    yield
    use_style()


@pytest.mark.parametrize(("value", "expected"), [("1", True), (None, False), ("0", False), ("ja", False)])
def test_setup_follows_the_environment_variable(value, expected, monkeypatch, capsys, restore_style):
    from klantlib.plotting import is_presentation

    if value is None:
        monkeypatch.delenv(notebook.PRESENTATION_VARIABLE, raising=False)
    else:
        monkeypatch.setenv(notebook.PRESENTATION_VARIABLE, value)
    notebook.setup()
    assert is_presentation() is expected
    assert capsys.readouterr().out.splitlines()[0].endswith("(presentatiemodus)." if expected else "is geladen.")
    monkeypatch.setenv(notebook.PRESENTATION_VARIABLE, "1")
    notebook.setup(presentation=False)  # an explicit choice wins
    assert is_presentation() is False


# --- warnings as visible outputs -----------------------------------------------------------------

def test_a_klantlib_warning_is_displayed_as_an_output_in_a_notebook(monkeypatch):
    shown = []
    monkeypatch.setattr(notebook, "_shell", lambda: object())
    monkeypatch.setattr("IPython.display.display", lambda bundle, raw: shown.append((bundle, raw)))
    notebook._showwarning(KlantDataWarning("2 van de 4 rijen <b> overgeslagen"), KlantDataWarning, "/tmp/x.py", 3)
    ((bundle, raw),) = shown
    assert raw is True
    assert bundle["text/plain"] == "Let op: 2 van de 4 rijen <b> overgeslagen"
    assert "klant-melding" in bundle["text/html"] and "2 van de 4 rijen &lt;b&gt; overgeslagen" in bundle["text/html"]


def test_other_warnings_and_plain_python_keep_the_normal_route(monkeypatch, capsys):
    monkeypatch.setattr(notebook, "_shell", lambda: None)
    monkeypatch.setattr(warnings, "formatwarning", notebook._formatwarning)
    notebook._showwarning(KlantDataWarning("3 rijen overgeslagen"), KlantDataWarning, "/tmp/x.py", 3)
    assert capsys.readouterr().err == "Let op: 3 rijen overgeslagen\n"
    monkeypatch.setattr(notebook, "_shell", lambda: pytest.fail("only klantlib's warnings are displayed"))
    notebook._showwarning(UserWarning("iets"), UserWarning, "/tmp/x.py", 3)
    assert "/tmp/x.py:3: UserWarning: iets" in capsys.readouterr().err


@pytest.mark.parametrize(("name", "sentence"), [
    ("04_rfm_klantenmatrix.ipynb", "Let op: 1 van de 180 rijen in 'kassa_export.csv' overgeslagen (rij 59)"),
    ("05_servqual_gaps.ipynb", "Let op: 1 van de 13 rijen in 'enquete_export.csv' overgeslagen (rij 2)"),
])
def test_stored_outputs_hold_the_warning_as_readable_text_and_html(name, sentence):
    nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    notes = [o for o in outputs if o.output_type == "display_data" and o.data.get("text/plain", "").startswith(sentence)]
    assert len(notes) == 1 and "klant-melding" in notes[0].data["text/html"]


def test_no_stored_output_hides_a_message_in_stderr():
    """Voila drops stderr: a message students should read must not be there."""
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            for output in cell.get("outputs", []):
                assert not (output.output_type == "stream" and output.name == "stderr"), (path.name, output.text)


# --- reaching the data ---------------------------------------------------------------------------

def test_files_the_notebooks_read_by_path_are_in_data_and_so_in_the_wheel():
    """Notebooks read the example exports as ../data/voorbeelden/... from their own folder (the kernel's
    working folder in JupyterLab, Voila and nbval alike); the wheel ships data/ as klantlib/_data."""
    import tomllib

    include = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert include["force-include"]["data"] == "klantlib/_data"
    paths = set()
    for path in (ROOT / "source").glob("[0-9][0-9]_*.md"):
        paths |= set(re.findall(r"""["'](\.\./data/[^"']+)["']""", path.read_text(encoding="utf-8")))
    assert paths  # 04 and 05 read an example export
    for relative in paths:
        assert (ROOT / "notebooks" / relative).resolve().is_file(), relative


def test_the_slides_of_notebook_04_survive_the_build():
    nb = json.loads((ROOT / "notebooks" / "04_rfm_klantenmatrix.ipynb").read_text(encoding="utf-8"))
    kinds = [cell["metadata"].get("slideshow", {}).get("slide_type") for cell in nb["cells"]]
    assert kinds[0] == "slide" and kinds.count("slide") >= 8 and "subslide" in kinds
    assert nb["metadata"]["rise"]["scroll"] is True
    for cell, kind in zip(nb["cells"], kinds):
        if cell["cell_type"] == "code":  # a lecturer runs the slides top to bottom: no hidden definitions
            assert kind != "skip", "".join(cell["source"])[:40]
        text = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and text.startswith("## "):
            assert kind == "slide", text[:40]


@pytest.mark.slow
def test_a_built_wheel_reads_the_same_data_as_the_repository(tmp_path):
    """The wheel carries data/ as klantlib/_data: load_dataset there gives what it gives in the repository,
    and the example exports the notebooks read are in it too."""
    import zipfile

    from klantlib.data import DATASETS, load_dataset

    subprocess.run([sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path / "dist")],
                   cwd=ROOT, check=True, capture_output=True)
    (wheel,) = (tmp_path / "dist").glob("klantlib-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    for name in DATASETS:
        assert f"klantlib/_data/{name}.csv" in names
    assert {"klantlib/_data/voorbeelden/kassa_export.csv", "klantlib/_data/voorbeelden/enquete_export.csv"} <= names
    script = ("from klantlib._datasets import data_folder; from klantlib.data import load_dataset; "
              "import sys; f = load_dataset('transacties'); print(data_folder()); print(len(f), round(f['bedrag'].sum(), 2))")
    out = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(tmp_path / "site")}).stdout.splitlines()
    assert out[0] == str(tmp_path / "site" / "klantlib" / "_data")
    repo = load_dataset("transacties")
    assert out[1] == f"{len(repo)} {round(repo['bedrag'].sum(), 2)}"
