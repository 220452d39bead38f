"""One source per notebook (klantlib.course): the student notebooks match it, the lecturer's
version runs clean with every worked solution right, and the exercises follow the house rules
(source/README.md): checks after their step, no answer visible above its check, hints that don't
hand out the answer or the solution code."""

import json
import re
from pathlib import Path

import nbformat
import pytest

from klantlib import course
from klantlib.formatting import number, percent
from klantlib.selfcheck import LETTERS, part_hash, questions

ROOT = Path(__file__).resolve().parent.parent
SOURCES = course.sources()
CHECK = re.compile(r"""\b(check|ask)\(\s*["']([\w]+)["']""")


def _tags(cell):
    return cell.get("metadata", {}).get("tags", [])


def _keys(cell) -> list[tuple[str, str]]:
    return CHECK.findall(cell.source) if cell.cell_type == "code" else []


def _bank(path: Path) -> dict:
    return {key: q for key, q in questions().items() if q.bank == path.stem}


@pytest.fixture(scope="module", params=SOURCES, ids=[p.stem for p in SOURCES])
def source(request):
    return request.param, course.read_source(request.param)


@pytest.fixture(scope="module")
def lecturer_run(source):
    """The lecturer's version, executed, and the worked answers it gave (answers_given())."""
    path, nb = source
    version = course.lecturer_version(nb, path.with_suffix(".ipynb").name, [p.with_suffix(".ipynb").name for p in SOURCES])
    version.cells.append(nbformat.v4.new_code_cell(
        "import json\nfrom klantlib.selfcheck import answers_given\nprint(json.dumps(answers_given()))"))
    course.run(version, ROOT / "notebooks")
    given = json.loads("".join(o["text"] for o in version.cells[-1].outputs if o.get("name") == "stdout"))
    version.cells.pop()
    return version, given


def test_there_is_a_source_for_every_notebook():
    assert [p.stem for p in SOURCES] == sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def test_student_notebooks_are_in_sync_with_their_source():
    assert course.out_of_sync() == [], "edit source/*.md and run `make notebooks`"


def test_student_version_has_no_solution_and_lecturer_version_has_all():
    for path in SOURCES:
        nb = course.read_source(path)
        solutions = [c for c in nb.cells if course.SOLUTION in _tags(c)]
        assert solutions, path.name
        student = nbformat.read(ROOT / "notebooks" / path.with_suffix(".ipynb").name, as_version=4)
        assert not any({course.SOLUTION, course.LECTURER} & set(_tags(c)) for c in student.cells)
        assert not any(c.source.lstrip().startswith("## Voor docenten") for c in student.cells), "tag it docent"
        assert not any("Uitwerking" in c.source for c in student.cells), "a worked solution leaked"
        lecturer = course.lecturer_version(nb, path.with_suffix(".ipynb").name)
        assert sum(course.SOLUTION in _tags(c) for c in lecturer.cells) == len(solutions)


def test_every_question_is_asked_once_and_followed_by_its_worked_solution(source):
    path, nb = source
    asked = []
    for position, cell in enumerate(nb.cells):
        if course.SOLUTION in _tags(cell):
            continue
        for _, key in _keys(cell):
            asked.append(key)
            following = []
            for later in nb.cells[position + 1:]:
                if course.SOLUTION not in _tags(later):
                    break
                following.append(later)
            solved = [k for c in following for kind, k in _keys(c) if kind == "check"]
            assert key in solved, f"{key}: no `oplossing` cell with check({key!r}, ...) right after it"
    assert sorted(asked) == sorted(_bank(path)), "each question of the bank is asked exactly once"


def test_written_answers_have_a_model_answer(source):
    _, nb = source
    for position, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown" and "antwoord" in _tags(cell):
            later = nb.cells[position + 1] if position + 1 < len(nb.cells) else None
            assert later is not None and course.SOLUTION in _tags(later) and later.cell_type == "markdown", (
                f"answer cell without a model answer after it: {nb.cells[position - 1].source[:80]!r}")


def test_enough_checks_of_several_kinds_spread_over_the_notebook(source):
    path, nb = source
    bank = _bank(path)
    assert len(bank) >= 6, "at least 6 self-checks"
    assert len({q.kind for q in bank.values()}) >= 2, "of at least two kinds"
    assert sum(q.about == "begrip" for q in bank.values()) >= 2, "at least two about a concept"
    before_opdrachten = 0
    for cell in nb.cells:
        if cell.cell_type == "markdown" and re.search(r"^#+ .*Opdracht", cell.source, re.MULTILINE):
            break
        if course.SOLUTION not in _tags(cell):
            before_opdrachten += len(_keys(cell))
    assert before_opdrachten >= 4, "at least four checks right after the step they practise"


def test_lecturer_version_runs_clean_and_every_worked_solution_is_right(source, lecturer_run):
    path, _ = source
    version, given = lecturer_run
    for cell in version.cells:
        if cell.cell_type != "code":
            continue
        for output in cell.outputs:
            assert output["output_type"] != "error", cell.source
            if output.get("name") == "stderr":
                assert "Warning" not in output["text"] and "Error" not in output["text"], cell.source
        if course.SOLUTION in _tags(cell) and _keys(cell):
            shown = " ".join(o.get("data", {}).get("text/plain", "") for o in cell.outputs)
            assert shown.startswith("Goed!"), f"{cell.source}\n-> {shown}"
    assert sorted(given) == sorted(_bank(path)), "every question got a worked answer"


def _spellings(value, decimals) -> set[str]:
    """How a number answer could be written in an output or a text."""
    digits = 6 if decimals is None else decimals
    value = round(float(value), digits)
    forms = {number(value, digits), f"{value:.{digits}f}", f"{value:,.{digits}f}"}
    if 0 < abs(value) <= 1 and digits >= 2:
        for places in {max(digits - 2, 0), 1}:
            forms |= {percent(value, places), percent(value, places).replace("%", " %")}
    return {form for form in forms if len(form.strip("-0.,%")) >= 2}  # "0" or "1" would match anything


def _found(form: str, text: str) -> bool:
    return re.search(rf"(?<![\d.,]){re.escape(form)}(?![\d])", text) is not None


def test_hints_and_messages_never_hold_the_answer_or_the_solution_code(source, lecturer_run):
    path, nb = source
    _, given = lecturer_run
    solution_lines = {
        line.strip() for cell in nb.cells if course.SOLUTION in _tags(cell) and cell.cell_type == "code"
        for line in cell.source.splitlines()
        if len(line.strip()) >= 12 and not line.strip().startswith(("#", "check("))
    }
    for key, q in _bank(path).items():
        texts = [*q.hints, *q.mistakes.values(), q.explanation]
        assert q.hints, f"{key}: give at least one hint"
        if q.kind in ("number", "table", "set"):
            assert 2 <= len(q.hints) <= 3, f"{key}: 2-3 hints that escalate (concept, where to look, a step)"
        for text in texts:
            for line in solution_lines:
                assert line not in text, f"{key}: a message holds solution code {line!r}"
            values = [given[key]] if q.kind == "number" else list(given[key].values()) if q.kind == "table" else []
            for value in values:
                for form in _spellings(value, q.decimals):
                    assert not _found(form, text), f"{key}: a message holds the answer {form!r}"


def test_choice_questions_explain_every_wrong_option():
    for key, q in questions().items():
        if q.kind != "choice":
            continue
        hashes = {part_hash(key, option): option for option in q.options}
        assert 3 <= len(q.options) <= len(LETTERS), key
        assert set(q.members) <= set(hashes), f"{key}: a right answer that is not one of the options"
        assert len(q.members) == 1 or q.multiple, f"{key}: one right option, or multiple = true"
        for wrong in set(hashes) - set(q.members):
            assert wrong in q.mistakes, f"{key}: option {hashes[wrong]!r} needs feedback that explains the mistake"


def test_a_lecturers_version_is_stale_when_missing_or_made_from_another_source_or_student_notebook(tmp_path):
    # make docent (python start.py --docent) makes only these: a fresh clone has none, a git pull can change
    # the source or (with the data or klantlib) the stored student notebook.
    folders = {name: tmp_path / name for name in ("source", "notebooks", "solutions")}
    for folder in folders.values():
        folder.mkdir()
    for stem in ("00_start", "01_klant"):
        (folders["source"] / f"{stem}.md").write_text(f"# {stem}\n", encoding="utf-8")
        (folders["notebooks"] / f"{stem}.ipynb").write_text("{}", encoding="utf-8")

    def stale(names=None):
        return course.stale_solutions(names, folders["source"], folders["notebooks"], folders["solutions"])

    def write_lecturers_version(stem):
        nb = nbformat.v4.new_notebook()
        made_from = course.made_from(folders["source"] / f"{stem}.md", folders["notebooks"])
        nb.metadata["klantlib"] = {"made_from": made_from}
        nbformat.write(nb, folders["solutions"] / f"{stem}.ipynb")

    assert stale() == ["00_start.ipynb", "01_klant.ipynb"]
    write_lecturers_version("00_start")
    assert stale() == ["01_klant.ipynb"] and stale(["00"]) == [] and stale(["01"]) == ["01_klant.ipynb"]
    (folders["notebooks"] / "00_start.ipynb").write_text('{"new": "outputs"}', encoding="utf-8")
    assert stale(["00"]) == ["00_start.ipynb"]
    write_lecturers_version("00_start")
    (folders["source"] / "00_start.md").write_text("# 00_start, edited\n", encoding="utf-8")
    assert stale(["00"]) == ["00_start.ipynb"]
    nbformat.write(nbformat.v4.new_notebook(), folders["solutions"] / "01_klant.ipynb")  # made before the digest
    assert "01_klant.ipynb" in stale()


def test_run_uses_tcp_where_zmq_has_no_unix_sockets(monkeypatch, tmp_path):
    # Windows: python start.py --docent builds the lecturer's versions there too.
    monkeypatch.setattr(course, "_has_ipc", lambda: False)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(6 * 7)")])
    course.run(nb, tmp_path)
    assert nb.cells[0].outputs[0]["text"] == "42\n"


def test_every_check_a_student_fills_in_has_its_question_in_the_student_notebook(source):
    """The Markdown cell before an answer cell is the student's (a question inside a worked solution is lost)."""
    path, nb = source
    prose = None
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            prose = cell
        elif "antwoord" in _tags(cell) and _keys(cell):
            assert prose is not None and not {course.SOLUTION, course.LECTURER} & set(_tags(prose)), (
                f"{path.name}: de vraag bij {_keys(cell)[0][1]} staat in een cel die studenten niet zien"
            )


def _reply_after_a_send_while_waiting(channel_class) -> str:
    """What a client waiting for a reply gets when it sends on the same socket just after the reply arrived.

    The order of a widget cell under nbclient (and Voila): the client waits on the shell socket for the
    cell's execute_reply; the reply arrives while the client is busy (here: a blocking sleep, no loop turn);
    then the client sends on that socket (nbclient's Output widget sync, a comm_msg). Deterministic: the
    send takes the socket's wake-up of the reply. Returns the reply's type, or "verloren" when the wait
    did not end within half a second (less than the SlicedChannel's slice, so the slices can't save it).
    """
    import asyncio
    import time

    import zmq
    import zmq.asyncio
    from jupyter_client.session import Session

    async def scenario():
        context, sync_context = zmq.asyncio.Context(), zmq.Context()
        kernel = sync_context.socket(zmq.ROUTER)
        client = context.socket(zmq.DEALER)
        try:
            port = kernel.bind_to_random_port("tcp://127.0.0.1")
            client.connect(f"tcp://127.0.0.1:{port}")
            session = Session(key=b"test")
            channel = channel_class(client, session)
            channel.send(session.msg("execute_request", {"code": ""}))
            identity = kernel.recv_multipart()[0]  # the kernel learns whom to answer
            waiting = asyncio.ensure_future(channel.get_msg())
            await asyncio.sleep(0.2)  # the wait is registered; the loop idles on the socket's descriptor
            session.send(kernel, "execute_reply", {"status": "ok"}, ident=identity)
            time.sleep(0.2)  # the reply lies in the client's socket; the client is busy elsewhere
            channel.send(session.msg("comm_msg", {"comm_id": "uitvoer", "data": {"method": "update"}}))
            try:
                return (await asyncio.wait_for(waiting, 0.5))["msg_type"]
            except asyncio.TimeoutError:
                return "verloren"
        finally:
            client.close(0)
            kernel.close(0)
            sync_context.term()
            context.term()

    return asyncio.run(scenario())


def test_a_send_while_waiting_does_not_hide_a_reply_that_arrived():
    """The stall of a demo page at a widget cell (klantlib.course._sliced_client_class): the client Voila and
    course.run use wakes for the reply at once."""
    channel = course._sliced_client_class()().shell_channel_class
    for _ in range(3):
        assert _reply_after_a_send_while_waiting(channel) == "execute_reply"


def test_jupyter_clients_own_channel_still_loses_that_reply():
    """Why the workaround exists. When this fails, jupyter_client no longer loses the wake-up (upstream
    jupyter/jupyter_client#1059): SlicedChannel.send's extra look at the socket can then go."""
    from jupyter_client.channels import AsyncZMQSocketChannel

    assert _reply_after_a_send_while_waiting(AsyncZMQSocketChannel) == "verloren"
