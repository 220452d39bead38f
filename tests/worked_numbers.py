"""The exact worked value of every number and table self-check, before the worked solution rounds it.

tests/test_selfcheck.py checks every number question of the banks against these values: rounded
half up (as at school and in Excel) and with Python's ``round()`` both are accepted, and none lies
exactly halfway at its question's decimals. The worked solutions round their answer (``round(x, 2)``,
``.round(2)``), so the value they check is not the exact one: this script runs every lecturer's
version with those two calls taken out of the ``oplossing`` cells and keeps what ``check`` was given.

Run it after a change in the data, a worked solution or a bank (about 20 s)::

    .venv/bin/python tests/worked_numbers.py

It writes tests/worked_numbers.json and, for each number question, makes its bank line with the bank's
own tool (:func:`klantlib.selfcheck.bank_entry`, as ``python -m klantlib.selfcheck``) and says whether
the bank holds it; paste a line that differs into klantlib/questions/<notebook>.toml.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKED = Path(__file__).with_suffix(".json")


class _Unrounded(ast.NodeTransformer):
    """``round(x, 2)`` and ``x.round(2)`` become ``x``."""

    def visit_Call(self, node):
        self.generic_visit(node)
        if isinstance(node.func, ast.Name) and node.func.id == "round":
            return node.args[0]
        if isinstance(node.func, ast.Attribute) and node.func.attr == "round":
            return node.func.value
        return node


def exact_worked_values() -> dict:
    """Run every lecturer's version without its rounding; the exact values given to number and table checks."""
    import nbformat

    from klantlib import course
    from klantlib.selfcheck import questions

    sources = course.sources()
    given = {}
    for path in sources:
        nb = course.read_source(path)
        version = course.lecturer_version(nb, path.with_suffix(".ipynb").name,
                                          [p.with_suffix(".ipynb").name for p in sources])
        for cell in version.cells:
            if cell.cell_type == "code" and course.SOLUTION in cell.get("metadata", {}).get("tags", []):
                cell.source = ast.unparse(_Unrounded().visit(ast.parse(cell.source)))
        version.cells.append(nbformat.v4.new_code_cell(
            "import json\nfrom klantlib.selfcheck import answers_given\nprint(json.dumps(answers_given()))"))
        course.run(version, ROOT / "notebooks")
        given.update(json.loads("".join(o["text"] for o in version.cells[-1].outputs if o.get("name") == "stdout")))
    numeric = [key for key, q in questions().items() if q.kind in ("number", "table")]
    return {key: given[key] for key in numeric}  # floats: JSON keeps them exactly (repr)


def _in_bank(q, value) -> bool:
    """Whether the bank holds exactly the hashes the tool makes from ``value``."""
    from klantlib.parsing import text_key
    from klantlib.selfcheck import answer_hash, part_hash

    if q.kind == "number":
        return q.answer == answer_hash(q.key, value, decimals=q.decimals)
    cells = {text_key(label): cell for label, cell in q.cells.items()}
    return len(cells) == len(value) and all(
        cells.get(text_key(label)) == part_hash(q.key, label, number, decimals=q.decimals)
        for label, number in value.items())


def main() -> None:
    from klantlib.selfcheck import bank_entry, questions

    worked = exact_worked_values()
    WORKED.write_text(json.dumps(worked, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{WORKED.relative_to(ROOT)}: {len(worked)} questions")
    for key, value in worked.items():
        q = questions()[key]
        values = [value] if q.kind == "number" else list(value.items())
        try:
            line = bank_entry(key, values, kind=q.kind, decimals=q.decimals)
        except ValueError as exc:  # lies halfway: the question needs other decimals
            print(f"{key}: {exc}")
            continue
        print(f"{key}: {'in de bank' if _in_bank(q, value) else 'ANDERS, zet in ' + q.bank + '.toml: ' + line}")


if __name__ == "__main__":
    main()
