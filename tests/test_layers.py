"""The layers of klantlib, read from the source (AST), not from running it.

- Views only draw and wire: no view module computes a number (group, count, mean ...) or
  silences its model's warnings; every number comes from a model function.
- No klantlib module imports another in a circle, counting imports inside functions too.
- ``errors=`` speaks one vocabulary (klantlib.errors.ERRORS) and is checked by check_errors.
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import klantlib
from klantlib.errors import ERRORS

PACKAGE = Path(klantlib.__file__).resolve().parent
VIEWS = PACKAGE / "views"

#: Calls that compute numbers from data: aggregations, groupings, counts, distributions. A view gets
#: these numbers from its model. What a view may still do is drawing: len() for the number of bars,
#: max()/min() for an axis limit, round() for a position, arithmetic on figure coordinates.
COMPUTING = {
    "agg", "aggregate", "corr", "count", "cov", "crosstab", "cumprod", "cumsum", "ewm", "expanding", "groupby",
    "mean", "median", "mode", "nunique", "pivot", "pivot_table", "prod", "quantile", "resample", "rolling",
    "std", "sum", "unique", "value_counts", "var",
}
#: Builtins and statistics functions that compute the same, called by name.
COMPUTING_BY_NAME = {"sum", "mean", "median", "fmean", "stdev", "pstdev", "variance", "pvariance"}
#: How code switches warnings off or reroutes them.
SILENCING = {"catch_warnings", "simplefilter", "filterwarnings", "resetwarnings"}

#: View modules not checked yet, with the reason.
def _view_modules() -> list[Path]:
    return sorted(path for path in VIEWS.glob("*.py") if path.name != "__init__.py")


def _calls(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute):
                yield node, func.attr, True
            elif isinstance(func, ast.Name):
                yield node, func.id, False


def _where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {ast.unparse(node)[:100]}"


@pytest.mark.parametrize("path", _view_modules(), ids=lambda p: p.name)
def test_a_view_computes_no_number(path):
    found = [_where(path, node) for node, name, method in _calls(path)
             if (method and name in COMPUTING) or (not method and name in COMPUTING_BY_NAME)]
    assert found == [], "een view rekent zelf; verplaats dit naar het model:\n" + "\n".join(found)


@pytest.mark.parametrize("path", _view_modules(), ids=lambda p: p.name)
def test_a_view_never_silences_its_models_warnings(path):
    found = [_where(path, node) for node, name, _ in _calls(path) if name in SILENCING]
    assert found == [], ("een view zet meldingen van het model uit; laat het model beslissen (een optie "
                         "zoals errors=\"coerce\"):\n" + "\n".join(found))


def test_the_scan_finds_what_it_looks_for(tmp_path):
    """The two scans above find a computing call and a silenced warning (so an empty result means something)."""
    view = tmp_path / "view.py"
    view.write_text("import warnings\n"
                    "def draw(ax, frame):\n"
                    "    with warnings.catch_warnings():\n"
                    "        warnings.simplefilter('ignore')\n"
                    "        counts = frame['groep'].value_counts()\n"
                    "    ax.set_xlim(0, max(len(counts), 1))\n"
                    "    return sum(counts)\n")
    names = [name for _, name, _ in _calls(view)]
    assert {"catch_warnings", "simplefilter", "value_counts", "sum"} <= set(names)
    assert not {"max", "len", "set_xlim"} & (COMPUTING | SILENCING)


# -- import circles ------------------------------------------------------------------------------------------

def _module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_only(tree: ast.AST) -> set[int]:
    """Ids of import nodes under ``if TYPE_CHECKING:`` (never run, so no circle)."""
    skipped = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped |= {id(inner) for part in node.body for inner in ast.walk(part)}
    return skipped


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Which klantlib modules each klantlib module imports: at module level and inside functions alike."""
    paths = {_module_name(path, package): path for path in package.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in paths}
    for name, path in paths.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        skipped = _type_checking_only(tree)
        own_package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(tree):
            if id(node) in skipped:
                continue
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = own_package.split(".")[: len(own_package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
            elif (isinstance(node, ast.Call) and ast.unparse(node.func) in ("importlib.import_module", "import_module")
                  and node.args and isinstance(node.args[0], ast.Constant)):
                targets = [node.args[0].value]
            else:
                continue
            graph[name] |= {target for target in targets if target in paths and target != name}
    return graph


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The circles in an import graph: every group of modules that reach each other (Tarjan), and self-imports."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for other in sorted(graph.get(module, ())):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1 or module in graph.get(module, ()):
                cycles.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return cycles


def test_no_klantlib_module_imports_another_in_a_circle():
    cycles = import_cycles(import_graph())
    assert cycles == [], "modules die elkaar (via elkaar) importeren:\n" + "\n".join(" <-> ".join(c) for c in cycles)


def test_the_import_graph_sees_imports_inside_functions_and_finds_a_circle(tmp_path):
    package = tmp_path / "pakket"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from pakket.b import f\n")
    (package / "b.py").write_text("def f():\n    from pakket import a\n    return a\n")
    (package / "c.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pakket import a\n"
                                  "from . import b\n")
    graph = import_graph(package)
    assert graph["pakket.a"] == {"pakket.b"} and graph["pakket.b"] == {"pakket", "pakket.a"}
    assert graph["pakket.c"] == {"pakket", "pakket.b"}  # a relative import counts; one under TYPE_CHECKING not
    assert import_cycles(graph) == [["pakket.a", "pakket.b"]]


# -- one vocabulary for errors= ------------------------------------------------------------------------------

def _functions_with_errors():
    import importlib
    import pkgutil

    for info in pkgutil.walk_packages(klantlib.__path__, "klantlib."):
        module = importlib.import_module(info.name)
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == info.name and "errors" in inspect.signature(function).parameters:
                yield info.name, name, function


def test_every_errors_option_uses_the_one_vocabulary_and_check_errors():
    """Its default (if any) is one of ERRORS, and the function checks it with check_errors or hands it on
    (errors=errors), in every module, the questionnaires' too."""
    found = list(_functions_with_errors())
    assert {f"{module}.{name}" for module, name, _ in found} >= {
        "klantlib.rfm.rfm_table", "klantlib.rfm.relatiesterkte", "klantlib.rfm.assessment_matrix",
        "klantlib.parsing.to_numbers", "klantlib.parsing.to_dates", "klantlib.errors.drop_invalid_rows",
        "klantlib.survey.check_answers", "klantlib.servqual.summary", "klantlib.service.martin_profile"}
    for module, name, function in found:
        if (module, name) == ("klantlib.errors", "check_errors"):
            continue
        default = inspect.signature(function).parameters["errors"].default
        assert default is inspect.Parameter.empty or default in ERRORS, \
            f"{module}.{name}: errors={default!r} is geen van {ERRORS}"
        calls = [node for node in ast.walk(ast.parse(inspect.getsource(function))) if isinstance(node, ast.Call)]
        checked = any(ast.unparse(call.func).endswith("check_errors") for call in calls)
        handed_on = any(k.arg == "errors" and isinstance(k.value, ast.Name) and k.value.id == "errors"
                        for call in calls for k in call.keywords)
        assert checked or handed_on, f"{module}.{name} controleert errors= niet met check_errors"


# -- a warning points at the line that called klantlib ---------------------------------------------------------

def _caught(call):
    import warnings

    with warnings.catch_warnings(record=True) as records:
        warnings.simplefilter("always")
        call()
    return records


def test_a_warning_points_at_the_callers_line_however_deep_klantlib_calls(tmp_path):
    """errors.warn: the file and line of a KlantDataWarning are the student's, not klantlib's (a terminal and a
    traceback show them; in a notebook klantlib.notebook shows only the Dutch sentence)."""
    import pandas as pd

    from klantlib.data import read_table
    from klantlib.errors import KlantDataWarning
    from klantlib.loyalty import customer_orders
    from klantlib.rfm import relatiesterkte, rfm_table

    bad = pd.DataFrame({"klant_id": ["a", None, "b"], "order_id": [1, 2, 3], "bedrag": [10.0, 5.0, 20.0],
                        "datum": ["02-01-2025", "03-01-2025", "04-01-2025"]})
    survey = pd.DataFrame({"klant_id": ["a", "b"], "attractiviteit": [4, None], "overstapkosten": [4, None],
                           "vertrouwen": [4, None], "tevredenheid": [4, None]})
    export = tmp_path / "kassa.csv"
    export.write_text("klant;bedrag\na;1\n;\nb;2\n", encoding="utf-8")  # an empty row between the data
    calls = [
        lambda: rfm_table(bad, reference_date="2025-12-31"),  # rfm -> errors.drop_invalid_rows
        lambda: customer_orders(bad),  # loyalty -> rfm -> errors
        lambda: relatiesterkte(survey),  # rfm -> errors.drop_invalid_rows
        lambda: read_table(export),  # data -> _readers
    ]
    for call in calls:
        records = [r for r in _caught(call) if issubclass(r.category, KlantDataWarning)]
        assert records, inspect.getsource(call)
        for record in records:
            assert (record.filename, record.lineno) == (__file__, call.__code__.co_firstlineno), str(record.message)
    old = _caught(lambda: relatiesterkte(survey, errors="missing"))
    future = [r for r in old if issubclass(r.category, FutureWarning)]
    assert len(future) == 1 and future[0].filename == __file__


def test_messages_write_a_count_with_its_noun_in_proper_dutch():
    """'1 rij is', '3 rijen zijn': a message counts with klantlib.formatting.counted, never 'rij(en)'."""
    import re

    in_text = re.compile(r"[\"'][^\"']*[a-z]\((?:en|s)\)")  # "rij(en)" inside a string literal
    found = [f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}"
             for path in sorted(PACKAGE.rglob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if in_text.search(line) and not line.lstrip().startswith("#")]
    assert found == [], "schrijf het aantal met counted():\n" + "\n".join(found)
