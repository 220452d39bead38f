"""A class's questionnaire exports pooled into one survey: a folder of files or a list of uploads.

The book's opdracht 2.4 (SERVQUAL) and the lifestyle questionnaire of notebook 03
are done by students or groups, each handing in the CSV that the questionnaire
widget exports (:meth:`klantlib.answers.AnswerStore.to_csv`) or a survey they
collected themselves. :func:`pool_files` is the part every questionnaire shares:
it finds the files, reads each one with the questionnaire's own reader (which
checks it by that model's rules), leaves out a file that can't be used and names
it with the reason, leaves out a file handed in twice, and combines the rest.
Every questionnaire calls it through :meth:`klantlib.survey.Questionnaire.pool`
(and so :func:`klantlib.servqual.pool_surveys` and :func:`klantlib.vals.pool_surveys`).

**Unique respondents.** Every respondent gets the id ``<file>/<id>``: the file
name without its extension, then the file's own ``respondent_id`` or, where that
is missing, ``rij <n>`` (the spreadsheet row). A file with one respondent and no
``respondent_id`` (a widget export) is just ``<file>``. Two uploads with the
same file name get ``-2``, ``-3`` ... after the second and later name. The id is
the index (named ``respondent``) and the column ``respondent_id``; the column
``bestand`` names the file.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd

from klantlib.errors import KlantDataError, warn

__all__ = ["SUFFIXES", "pool_files"]

#: The files in a folder that are read: CSV (``.txt`` as Excel's "Tekst") and Excel.
SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm")


def _is_pair(item) -> bool:
    """``(name, bytes)``: a file name and its content."""
    return (isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str)
            and isinstance(item[1], (bytes, bytearray, memoryview)))


def _entries(sources) -> tuple[list[tuple[object, str | None]], list[str], str]:
    """The files to read as ``(source, name)``, the names ignored in a folder, and where they came from (Dutch)."""
    if isinstance(sources, (str, os.PathLike)):
        folder = Path(sources)
        if folder.is_dir():
            files = sorted((p for p in folder.iterdir() if p.is_file()), key=lambda p: p.name.casefold())
            used = [p for p in files if p.suffix.casefold() in SUFFIXES]
            ignored = [p.name for p in files if p.suffix.casefold() not in SUFFIXES]
            if not used:
                raise KlantDataError(f"In de map '{folder}' staan geen CSV- of Excelbestanden om samen te voegen. "
                                     "Zet de geëxporteerde antwoorden (.csv) van de klas in die map.")
            return [(p, p.name) for p in used], ignored, f"de map '{folder.name}'"
        if not folder.exists():
            raise KlantDataError(f"De map '{folder}' bestaat niet. Geef de map met de geëxporteerde antwoorden van "
                                 "de klas, of een lijst met bestanden.")
        return [(folder, folder.name)], [], "1 bestand"
    if isinstance(sources, Mapping):
        if "content" in sources:  # one FileUpload entry
            return [(sources, None)], [], "1 upload"
        # ipywidgets 7: {name: {"content": ...}, ...}
        return [({**entry, "name": entry.get("name") or key}, None) for key, entry in sources.items()], [], "de uploads"
    if _is_pair(sources) or isinstance(sources, (bytes, bytearray, memoryview)):
        sources = [sources]
    items = []
    for k, item in enumerate(sources, start=1):
        if _is_pair(item):
            items.append((bytes(item[1]), item[0]))
        elif isinstance(item, (bytes, bytearray, memoryview)):
            items.append((bytes(item), f"bestand {k}"))
        else:
            items.append((item, None))
    if not items:
        raise KlantDataError("Er zijn geen bestanden om samen te voegen: de lijst (of de upload) is leeg. Kies eerst "
                             "de bestanden van de klas.")
    return items, [], "de uploads"


def _unique_prefix(name: str, taken: set[str]) -> str:
    stem = Path(name).stem or name
    prefix, k = stem, 1
    while prefix.casefold() in taken:
        k += 1
        prefix = f"{stem}-{k}"
    taken.add(prefix.casefold())
    return prefix


def _respondent_ids(frame: pd.DataFrame, prefix: str, id_column: str) -> list[str]:
    """``<prefix>/<id>``, ``<prefix>/rij <n>`` where the id is blank, or just ``<prefix>`` for a lone respondent."""
    from klantlib.parsing import to_ids

    if id_column in frame.columns:  # the one id rule: 7 stays "7" (not "7.0"), "007" keeps its zeros
        own = to_ids(frame[id_column], column=id_column, source=frame.attrs.get("source"))
    else:
        own = pd.Series(pd.NA, index=frame.index, dtype="object")
    if len(frame) == 1 and pd.isna(own.iloc[0]):
        return [prefix]
    return [f"{prefix}/{rid}" if not pd.isna(rid) else f"{prefix}/rij {label}" for label, rid in zip(frame.index, own)]


def pool_files(sources, read: Callable[[Mapping], pd.DataFrame], *, what: str,
               id_column: str = "respondent_id") -> pd.DataFrame:
    """Read every file of a class with ``read`` and combine them into one survey; bad files are named and left out.

    Args:
        sources: a folder (every ``.csv``, ``.txt``, ``.xlsx`` and ``.xlsm`` in
            it, in alphabetical order; other files are listed as ignored), one
            file, or a list of files: paths, ``(name, bytes)`` pairs, or the value
            of an ipywidgets ``FileUpload`` (its entries, with ``name`` and
            ``content``).
        read: the questionnaire's reader: takes one file as
            ``{"name": ..., "content": bytes}`` (what
            :func:`klantlib.data.read_table` reads) and returns its checked
            respondents, or raises a :class:`~klantlib.errors.KlantDataError`
            saying in Dutch why the file can't be used.
        what: the questionnaire in Dutch words, for messages
            (``"SERVQUAL-vragenlijst"``).
        id_column: the respondents' own id column in a file, if it has one.

    Returns:
        One DataFrame: the columns ``respondent_id`` (unique over the class, see
        the module docstring) and ``bestand`` (the file), then every column of
        the files (blank where a file lacks it); the index is the unique id
        (named ``respondent``). ``attrs["bestanden"]`` lists the files used,
        ``attrs["overgeslagen"]`` maps each file left out to the reason.

    Raises:
        KlantDataError: no files, a folder that doesn't exist, or no usable file
            at all (naming every file and why).

    A file left out (it can't be read, fails ``read``'s checks, or has exactly the
    content of an earlier file) gives one :class:`~klantlib.errors.KlantDataWarning`
    that counts the files and names each with its reason.

    >>> import io, tempfile, warnings
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "anna.csv").write_text("vraag\\n4\\n")
    >>> _ = (folder / "bram.csv").write_text("respondent_id,vraag\\nR1,2\\nR2,5\\n")
    >>> _ = (folder / "kopie.csv").write_text("vraag\\n4\\n")
    >>> from klantlib.data import read_table
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     klas = pool_files(folder, read_table, what="vragenlijst")
    >>> klas
               respondent_id   bestand  vraag
    respondent
    anna                anna  anna.csv      4
    bram/R1          bram/R1  bram.csv      2
    bram/R2          bram/R2  bram.csv      5
    >>> print(caught[0].message)
    1 van de 3 bestanden is niet meegenomen in de vragenlijst van de klas:
    - 'kopie.csv': dezelfde inhoud als 'anna.csv' (twee keer ingeleverd?).
    Samengevoegd: 2 bestanden met samen 3 respondenten.
    """
    from klantlib._sources import _load
    from klantlib.formatting import listing, number

    entries, ignored, origin = _entries(sources)
    skipped: dict[str, str] = {}
    frames: list[tuple[str, pd.DataFrame]] = []
    seen: dict[str, str] = {}
    for k, (item, name) in enumerate(entries, start=1):
        try:
            raw, shown = _load(item, name)
        except KlantDataError as exc:
            skipped[name or f"bestand {k}"] = str(exc)
            continue
        if shown in skipped or any(shown == used for used, _ in frames):
            shown = f"{shown} ({k})"  # two uploads with one name: keep both apart in messages
        digest = hashlib.sha256(raw).hexdigest()
        if digest in seen:
            skipped[shown] = f"dezelfde inhoud als '{seen[digest]}' (twee keer ingeleverd?)."
            continue
        seen[digest] = shown
        try:
            frame = read({"name": shown, "content": raw})
        except KlantDataError as exc:
            skipped[shown] = str(exc)
            continue
        frames.append((shown, frame))
    total = len(entries)
    if not frames:
        listed = "\n".join(f"- '{name}': {reason}" for name, reason in skipped.items())
        raise KlantDataError(f"Geen van de {number(total)} bestanden uit {origin} is bruikbaar als {what}:\n{listed}")
    taken: set[str] = set()
    parts = []
    for shown, frame in frames:
        ids = _respondent_ids(frame, _unique_prefix(shown, taken), id_column)
        part = frame.drop(columns=[c for c in (id_column, "bestand") if c in frame.columns])
        part.insert(0, "bestand", shown)
        part.insert(0, "respondent_id", ids)
        parts.append(part.set_axis(pd.Index(ids, name="respondent")))
    pooled = pd.concat(parts, sort=False)
    respondents = len(pooled)
    notes = []
    if skipped:
        verb = "is" if len(skipped) == 1 else "zijn"
        listed = "\n".join(f"- '{name}': {reason}" for name, reason in skipped.items())
        notes.append(f"{number(len(skipped))} van de {number(total)} bestanden {verb} niet meegenomen in de {what} "
                     f"van de klas:\n{listed}")
    if ignored:
        notes.append(f"Genegeerd, want geen CSV- of Excelbestand: {listing(ignored, limit=None, quote=True)}.")
    if notes:
        files = "1 bestand" if len(frames) == 1 else f"{number(len(frames))} bestanden"
        notes.append(f"Samengevoegd: {files} met samen {number(respondents)} respondent"
                     f"{'' if respondents == 1 else 'en'}.")
        warn("\n".join(notes))
    pooled.attrs = {"source": f"de klas ({origin})", "bestanden": [shown for shown, _ in frames],
                    "overgeslagen": dict(skipped)}
    return pooled
