"""A class's questionnaire exports pooled into one survey: a folder of files or a list of uploads.

The book's opdracht 2.4 (SERVQUAL) and the lifestyle questionnaire of notebook 03
are done by students or groups, each handing in the CSV that the questionnaire
widget exports (:meth:`klantlib.answers.AnswerStore.to_csv`) or a survey they
collected themselves. :func:`pool_files` is the part every questionnaire shares:
it finds the files, reads each one with the questionnaire's own reader (which
checks it by that model's rules), leaves out a file that can't be used and names
it with the reason, counts a file or respondent handed in twice once, and
combines the rest. Every questionnaire calls it through
:meth:`klantlib.survey.Questionnaire.pool` (and so
:func:`klantlib.servqual.pool_surveys` and :func:`klantlib.vals.pool_surveys`).

**A class folder.** Files in subfolders are read too, as a learning
environment's "download all submissions" writes them (one folder per student:
``Jansen, Piet_12345_assignsubmission_file/scan.xlsx``); messages name a file by
its path inside the folder. What a computer leaves beside the real files is
skipped without a word (:func:`is_clutter`): Excel's lock file of an open
workbook (``~$scan.xlsx``), macOS's ``._scan.xlsx``, ``.DS_Store`` and
``__MACOSX`` folder, Windows' ``desktop.ini`` and ``Thumbs.db``, and hidden files
and folders (``.ipynb_checkpoints``, where JupyterLab keeps copies).

**Handed in twice** (the course's rule). One export often reaches the lecturer
twice: two members of a group each hand it in, or a student hands it in again
after opening and saving it in Excel (then the file's bytes differ, its answers
don't). The answers decide, not the file:

1. A file with exactly the content of an earlier file is left out.
2. A file whose respondents have exactly the own ids (or none) and the answers
   of an earlier file's respondents (the same rows, in any order) is left out.
3. A respondent with an own id (``respondent_id``) whose id and answers both
   equal a respondent of an earlier file counts once (a group that hands in a
   longer export later).

A match that rests on one respondent only counts as a copy when both files sit
in the same folder (at the top of the class folder, or in one student's
folder of a learning environment's download): across two students' folders,
one respondent alike is easily two people (a short questionnaire, or Microsoft
Forms, which numbers the respondents of every form 1, 2, 3 ...). Then both count,
and the warning says "Misschien dubbel ingeleverd" and names both files. A match
on two respondents or more is a copy wherever it lies.

Ids compare as Excel rewrites them (``007`` and ``7`` are one id); dates and
other columns are not compared, since Excel rewrites them too. Anything else is
a different respondent: the same answers under another id, or without an id in
a file that also holds other answers, are two people who answered alike (when
two or more rows without an id equal an earlier file's, the warning says so, but
they count). Every file or respondent left out this way is named in the one
warning, with the earlier file and the number of respondents. Files are taken in
alphabetical order of their path; the first one counts.

**Unique respondents.** Every respondent gets the id ``<file>/<id>``: the file's
path in the folder without its extension (``scan``, or ``Jansen, Piet/scan``
in a subfolder), then the file's own ``respondent_id`` or, where that is
missing, ``rij <n>`` (the spreadsheet row). A file with one respondent and no
``respondent_id`` (a widget export) is just ``<file>``. Two files whose names
without extension are the same (case doesn't matter: two uploads ``antwoorden.csv``)
get ``-2``, ``-3`` ... after the second and later name, and so does an id that
an earlier respondent already has (``groep.csv`` with id ``R1`` and
``groep/R1.csv``). The id is the index (named ``respondent``) and the column ``respondent_id``; the column ``bestand``
names the file.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path, PurePosixPath

import numpy as np
import pandas as pd

from klantlib.errors import KlantDataError, describe_rows, warn
from klantlib.parsing import is_number_value, to_ids

__all__ = ["SUFFIXES", "is_clutter", "pool_files"]

#: The files in a folder that are read: CSV (``.txt`` as Excel's "Tekst") and Excel.
SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm")
#: Names that are no one's work (compared without case): Windows' folder settings and thumbnails, macOS's folder
#: of resource files in a zip.
_CLUTTER_NAMES = ("desktop.ini", "thumbs.db", "__macosx")


def is_clutter(name: str) -> bool:
    """Whether a file or folder name is something a computer leaves beside the real files, to skip quietly.

    Excel's lock file (``~$...``), hidden files and folders (``.DS_Store``,
    macOS's ``._...``, ``.ipynb_checkpoints``), ``desktop.ini``, ``Thumbs.db``
    and ``__MACOSX``.

    >>> [is_clutter(n) for n in ["~$scan.xlsx", "._scan.xlsx", ".DS_Store", "Desktop.ini", "__MACOSX", "scan.xlsx"]]
    [True, True, True, True, True, False]
    """
    name = str(name).strip()
    return name.startswith(("~$", ".")) or name.casefold() in _CLUTTER_NAMES


def _is_pair(item) -> bool:
    """``(name, bytes)``: a file name and its content."""
    return (isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str)
            and isinstance(item[1], (bytes, bytearray, memoryview)))


def _folder_files(folder: Path) -> tuple[list[tuple[Path, str]], list[str], list[str]]:
    """Every file under ``folder`` (subfolders too) as ``(path, relative name)``, in alphabetical order of the
    path; then the relative names of the files that are no CSV or Excel, and of the clutter skipped quietly."""
    found, clutter = [], []
    for root, folders, files in os.walk(folder):  # symbolic links to folders are not followed
        here = Path(root)
        clutter += [(here / d).relative_to(folder).as_posix() for d in folders if is_clutter(d)]
        folders[:] = [d for d in folders if not is_clutter(d)]  # os.walk then skips them
        for file in files:
            relative = (here / file).relative_to(folder).as_posix()
            (clutter if is_clutter(file) else found).append(relative)
    found.sort(key=lambda name: [part.casefold() for part in name.split("/")])
    used = [(folder / name, name) for name in found if PurePosixPath(name).suffix.casefold() in SUFFIXES]
    ignored = [name for name in found if PurePosixPath(name).suffix.casefold() not in SUFFIXES]
    return used, ignored, clutter


def _only_clutter(clutter: list[str]) -> str:
    """What a message adds when only clutter was found (Dutch), or ""."""
    from klantlib.formatting import listing

    if not clutter:
        return ""
    locks = [name for name in clutter if PurePosixPath(name).name.startswith("~$")]
    shown = listing(locks or clutter, limit=3, quote=True)
    if locks:
        return (f" Er staan alleen tijdelijke bestanden van Excel in ({shown}): die maakt Excel zolang een bestand "
                "open is, en ze bevatten geen antwoorden. Lever het bestand zelf in (zonder ~$ ervoor).")
    return f" Er staan alleen systeembestanden in ({shown}), en die bevatten geen antwoorden."


def _entries(sources) -> tuple[list[tuple[object, str | None]], list[str], str]:
    """The files to read as ``(source, name)``, the names ignored in a folder, and where they came from (Dutch)."""
    if isinstance(sources, (pd.DataFrame, pd.Series)):
        raise KlantDataError("Samenvoegen doe je met een map of een lijst met bestanden, niet met een tabel: deze "
                             "tabel is al één enquête. Scoor of vergelijk hem direct (bijvoorbeeld met .score(...) of "
                             ".compare(...)), of lees één bestand met .read(...).")
    if isinstance(sources, (str, os.PathLike)):
        folder = Path(sources)
        if folder.is_dir():
            used, ignored, clutter = _folder_files(folder)
            if not used:
                raise KlantDataError(f"In de map '{folder}' (en de mappen daarin) staan geen CSV- of Excelbestanden "
                                     "om samen te voegen." + _only_clutter(clutter) + " Zet de geëxporteerde "
                                     "antwoorden (.csv of .xlsx) van de klas in die map.")
            return used, ignored, f"de map '{folder.name}'"
        if not folder.exists():
            raise KlantDataError(f"De map '{folder}' bestaat niet. Geef de map met de geëxporteerde antwoorden van "
                                 "de klas, of een lijst met bestanden.")
        return [(folder, folder.name)], [], "1 bestand"
    if isinstance(sources, Mapping):
        if "content" in sources:  # one FileUpload entry
            sources = [sources]
        else:  # ipywidgets 7: {name: {"content": ...}, ...}
            sources = [{**entry, "name": entry.get("name") or key} for key, entry in sources.items()]
    if _is_pair(sources) or isinstance(sources, (bytes, bytearray, memoryview)):
        sources = [sources]
    items, clutter = [], []
    for k, item in enumerate(sources, start=1):
        if _is_pair(item):
            entry = (bytes(item[1]), item[0])
        elif isinstance(item, (bytes, bytearray, memoryview)):
            entry = (bytes(item), f"bestand {k}")
        else:
            entry = (item, None)
        name = entry[1] or _own_name(item)
        if name is not None and is_clutter(PurePosixPath(str(name).replace("\\", "/")).name):
            clutter.append(str(name))  # an upload of a folder's every file: its lock files too
        else:
            items.append(entry)
    if not items:
        raise KlantDataError("Er zijn geen bestanden om samen te voegen: de lijst (of de upload) is leeg."
                             + _only_clutter(clutter) + " Kies eerst de bestanden van de klas.")
    return items, [], "de uploads"


def _own_name(item) -> str | None:
    """The file name an item carries itself: an upload's ``name`` or a path's last part."""
    if isinstance(item, Mapping):
        return item.get("name")
    if isinstance(item, (str, os.PathLike)):
        return Path(item).name
    return None


def _unique_prefix(name: str, taken: set[str]) -> str:
    """The file's path without its extension, with ``-2``, ``-3`` ... when another file already has it."""
    stem = str(PurePosixPath(name).with_suffix("")) if PurePosixPath(name).suffix else name
    prefix, k = stem, 1
    while prefix.casefold() in taken:
        k += 1
        prefix = f"{stem}-{k}"
    taken.add(prefix.casefold())
    return prefix


def _respondent_ids(frame: pd.DataFrame, prefix: str, id_column: str) -> list[str]:
    """``<prefix>/<id>``, ``<prefix>/rij <n>`` where the id is blank, or just ``<prefix>`` for a lone respondent."""
    if id_column in frame.columns:  # the one id rule: 7 stays 7 (not 7.0), "007" keeps its zeros
        own = to_ids(frame[id_column], column=id_column, source=frame.attrs.get("source"))
    else:
        own = pd.Series(pd.NA, index=frame.index, dtype="object")
    if len(frame) == 1 and pd.isna(own.iloc[0]):
        return [prefix]
    return [f"{prefix}/{rid}" if not pd.isna(rid) else f"{prefix}/rij {label}" for label, rid in zip(frame.index, own)]


def _unique_id(rid: str, given: set[str]) -> str:
    """The respondent id, with ``-2``, ``-3`` ... when an earlier respondent already has it."""
    unique, k = rid, 1
    while unique in given:
        k += 1
        unique = f"{rid}-{k}"
    given.add(unique)
    return unique


def _id_key(rid) -> object:
    """An own id as files are compared: a whole number without its leading zeros (Excel writes 007 as 7)."""
    text = str(rid).strip()
    return int(text) if text.isdecimal() else text


def _cell(value):
    """A cell as compared between files: blank None, a number a float (Excel's 5 is a CSV's "5"), text trimmed."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if is_number_value(value):
        return float(value)
    return " ".join(str(value).split())


def _answer_rows(frame: pd.DataFrame, columns: list) -> list[tuple]:
    """Each respondent's answers in ``columns``, as a tuple to compare between files."""
    return [tuple(_cell(v) for v in row) for row in frame[columns].itertuples(index=False, name=None)]


def pool_files(sources, read: Callable[[Mapping], pd.DataFrame], *, what: str,
               id_column: str = "respondent_id", answers: Sequence[str] | None = None) -> pd.DataFrame:
    """Read every file of a class with ``read`` and combine them into one survey; bad files are named and left out.

    Args:
        sources: a folder (every ``.csv``, ``.txt``, ``.xlsx`` and ``.xlsm`` in
            it and in its subfolders, in alphabetical order of their path; other
            files are listed as ignored, clutter such as ``~$scan.xlsx`` is
            skipped quietly, see the module docstring), one file, or a list of
            files: paths, ``(name, bytes)`` pairs, or the value of an ipywidgets
            ``FileUpload`` (its entries, with ``name`` and ``content``).
        read: the questionnaire's reader: takes one file as
            ``{"name": ..., "content": bytes}`` (what
            :func:`klantlib.data.read_table` reads) and returns its checked
            respondents, or raises a :class:`~klantlib.errors.KlantDataError`
            saying in Dutch why the file can't be used.
        what: the questionnaire in Dutch words, for messages
            (``"SERVQUAL-vragenlijst"``).
        id_column: the respondents' own id column in a file, if it has one.
        answers: the columns that hold a respondent's answers, compared to find a
            file or respondent handed in twice (the module docstring gives the
            rule); default every column but ``id_column`` and ``bestand``.

    Returns:
        One DataFrame: the columns ``respondent_id`` (unique over the class, see
        the module docstring) and ``bestand`` (the file), then every column of
        the files (blank where a file lacks it); the index is the unique id
        (named ``respondent``). ``attrs["bestanden"]`` lists the files used,
        ``attrs["overgeslagen"]`` maps each file left out to the reason, and
        ``attrs["dubbel"]`` maps each file used that lost respondents to an
        earlier file (rule 3 of the module docstring) to their number.

    Raises:
        KlantDataError: no files (an empty list, upload or folder, or only
            clutter such as Excel's lock files), a folder that doesn't exist, or
            no usable file at all (naming every file and why).

    A file left out (it can't be read, fails ``read``'s checks, or is a copy of
    an earlier file), a respondent counted once, and a file that is no CSV or
    Excel give one :class:`~klantlib.errors.KlantDataWarning` that counts them
    and names each with its reason.

    >>> import io, tempfile, warnings
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "anna.csv").write_text("vraag\\n4\\n")
    >>> _ = (folder / "bram.csv").write_text("respondent_id,vraag\\nR1,2\\nR2,5\\n")
    >>> _ = (folder / "kopie.csv").write_text("vraag\\n4\\n")
    >>> _ = (folder / "~$bram.csv").write_text("")  # Excel's lock file: skipped without a word
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
    - 'kopie.csv': dezelfde inhoud als 'anna.csv' (1 respondent; twee keer ingeleverd?).
    Samengevoegd: 2 bestanden met samen 3 respondenten.
    """
    from klantlib._sources import _load
    from klantlib.formatting import listing, number

    entries, ignored, origin = _entries(sources)
    skipped: dict[str, str] = {}
    frames: list[tuple[str, pd.DataFrame]] = []
    copies = _Copies(id_column, answers)
    for k, (item, name) in enumerate(entries, start=1):
        try:
            raw, shown = _load(item, name)
        except KlantDataError as exc:
            skipped[name or f"bestand {k}"] = str(exc)
            continue
        if shown in skipped or any(shown == used for used, _ in frames):
            shown = f"{shown} ({k})"  # two uploads with one name: keep both apart in messages
        copy = copies.same_bytes(shown, raw)
        if copy:
            skipped[shown] = copy
            continue
        try:
            frame = read({"name": shown, "content": raw})
        except KlantDataError as exc:
            skipped[shown] = str(exc)
            continue
        copy, frame = copies.same_answers(shown, frame)
        if copy:
            skipped[shown] = copy
            continue
        frames.append((shown, frame))
    total = len(entries)
    if not frames:
        listed = "\n".join(f"- '{name}': {reason}" for name, reason in skipped.items())
        raise KlantDataError(f"Geen van de {number(total)} bestanden uit {origin} is bruikbaar als {what}:\n{listed}")
    taken: set[str] = set()
    given: set[str] = set()
    parts = []
    for shown, frame in frames:
        ids = _respondent_ids(frame, _unique_prefix(shown, taken), id_column)
        ids = [_unique_id(rid, given) for rid in ids]  # "groep.csv" with id R1 and "groep/R1.csv": both "groep/R1"
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
    if copies.doubles:
        listed = "\n".join(f"- '{name}': {note}." for name, (_, note) in copies.doubles.items())
        notes.append(f"Dubbel ingeleverd, één keer geteld:\n{listed}")
    if copies.alike:
        listed = "\n".join(f"- '{name}': {note}." for name, note in copies.alike.items())
        notes.append(f"Misschien dubbel ingeleverd (wel meegeteld):\n{listed}")
    old_excel = [name for name in ignored if name.casefold().endswith(".xls")]
    ignored = [name for name in ignored if name not in old_excel]
    if old_excel:  # Excel, but the old format: what to do differs from "no spreadsheet at all"
        notes.append(f"Genegeerd, want oud Excel (.xls): {listing(old_excel, limit=10, quote=True)}. Open zo'n "
                     "bestand in Excel en sla het op als Excel-werkmap (.xlsx) of als CSV, in deze map.")
    if ignored:
        zipped = any(name.casefold().endswith(".zip") for name in ignored)
        notes.append(f"Genegeerd, want geen CSV- of Excelbestand: {listing(ignored, limit=10, quote=True)}."
                     + (" Pak een zip-bestand eerst uit, in deze map." if zipped else ""))
    if notes:
        files = "1 bestand" if len(frames) == 1 else f"{number(len(frames))} bestanden"
        notes.append(f"Samengevoegd: {files} met samen {_respondents(respondents)}.")
        warn("\n".join(notes))
    pooled.attrs = {"source": f"de klas ({origin})", "bestanden": [shown for shown, _ in frames],
                    "overgeslagen": dict(skipped), "dubbel": {name: count for name, (count, _) in copies.doubles.items()}}
    return pooled


class _Copies:
    """The course's rule for a file or respondent handed in twice (see the module docstring), file by file.

    Each check names the earlier file; the first file with an answer counts.
    """

    def __init__(self, id_column: str, answers: Sequence[str] | None):
        self.id_column, self.answers = id_column, answers
        self.by_content: dict[str, str] = {}  # a file's bytes (hashed) -> the first file with them
        self.by_answers: dict[tuple, str] = {}  # a file's answer rows, in any order -> the first file with them
        self.by_respondent: dict[tuple, str] = {}  # (own id, answers) -> the first file with that respondent
        self.by_row: dict[tuple, str] = {}  # one respondent's answers -> the first file with them
        self.counted: dict[str, int] = {}  # per file used: its respondents
        self.doubles: dict[str, tuple[int, str]] = {}  # per file used: respondents left out by rule 3, and a note
        self.alike: dict[str, str] = {}  # per file used: a note on rows without an id that an earlier file holds

    def same_bytes(self, shown: str, raw: bytes) -> str | None:
        """Rule 1: why the file is a copy of an earlier file's bytes (Dutch), or None."""
        digest = hashlib.sha256(raw).hexdigest()
        earlier = self.by_content.setdefault(digest, shown)
        if earlier == shown:
            return None
        if self.counted.get(earlier) == 1 and _folder(earlier) != _folder(shown):
            return None  # one respondent, another student's folder: read it; same_answers decides (it counts)
        size = f"{_respondents(self.counted[earlier])}; " if earlier in self.counted else ""
        return f"dezelfde inhoud als '{earlier}' ({size}twee keer ingeleverd?)."

    def same_answers(self, shown: str, frame: pd.DataFrame) -> tuple[str | None, pd.DataFrame]:
        """Rules 2 and 3: why the whole file is a copy (or None), and the file without the respondents that an
        earlier file holds with the same id and answers."""
        from klantlib.formatting import listing, number

        columns = ([c for c in self.answers if c in frame.columns] if self.answers is not None
                   else sorted((c for c in frame.columns if c not in (self.id_column, "bestand")), key=str))
        rows = [(tuple(columns), row) for row in _answer_rows(frame, columns)]
        own = frame[self.id_column] if self.id_column in frame.columns else pd.Series(pd.NA, index=frame.index)
        keys = [None if pd.isna(rid) else (_id_key(rid), row) for rid, row in zip(own, rows)]
        # Rule 2: the same ids and answers as an earlier file, in any order (Excel re-saved or sorted it).
        signature = frozenset(Counter(key or row for key, row in zip(keys, rows)).items())
        earlier = self.by_answers.get(signature)
        if earlier is not None and len(rows) <= 1 and _folder(earlier) != _folder(shown):
            # One respondent's answers in two students' folders: with a short questionnaire two people often
            # answer alike, so both count, and the lecturer hears of it.
            self.alike[shown] = (f"zijn ene respondent heeft precies de antwoorden van '{earlier}' en telt mee: "
                                 "het bestand staat in de map van een andere student, en bij een korte vragenlijst "
                                 "antwoorden twee mensen vaak hetzelfde. Is het toch hetzelfde bestand, haal er dan "
                                 "één weg")
        elif earlier is not None:
            return (f"dezelfde antwoorden als '{earlier}' ({_respondents(len(rows))}; twee keer "
                    "ingeleverd, of opnieuw opgeslagen in Excel?)."), frame
        # Rule 3: a respondent whose own id and answers are both in an earlier file. Across students' folders only
        # when two or more respondents match that file: one match there is easily two people (Forms numbers the
        # respondents of every form 1, 2, 3 ...).
        matched = [self.by_respondent.get(key) if key is not None else None for key in keys]
        overlap = Counter(file for file in matched if file is not None)
        again = np.array([file is not None and (_folder(file) == _folder(shown) or overlap[file] >= 2)
                          for file in matched], dtype=bool)
        lone = [(label, file) for label, file, twice in zip(frame.index, matched, again) if file and not twice]
        if lone and shown not in self.alike:
            self.alike[shown] = (f"{_respondents(len(lone))} van de {number(len(frame))} "
                                 f"({describe_rows(label for label, _ in lone)}) {'heeft' if len(lone) == 1 else 'hebben'} "
                                 f"hetzelfde id en dezelfde antwoorden als een respondent in {listing(dict.fromkeys(f for _, f in lone), quote=True)}"
                                 " en tellen mee: het bestand staat in de map van een andere student, en één respondent "
                                 "die gelijk is kan toeval zijn (Forms nummert elke enquête vanaf 1)")
        if len(rows) and again.all():
            earlier = listing(dict.fromkeys(self.by_respondent[key] for key in keys), quote=True)
            who = "zijn respondent staat" if len(rows) == 1 else f"alle {_respondents(len(rows))} staan"
            return f"{who} met hetzelfde id en dezelfde antwoorden al in {earlier} (twee keer ingeleverd?).", frame
        self.by_answers.setdefault(signature, shown)
        if again.any():
            earlier = listing(dict.fromkeys(self.by_respondent[key] for key, twice in zip(keys, again) if twice),
                              quote=True)
            labels = frame.index[again]
            ids = listing([rid for rid, twice in zip(own, again) if twice], limit=5)
            verb = "staat" if len(labels) == 1 else "staan"
            self.doubles[shown] = (len(labels), f"{_respondents(len(labels))} van de {number(len(frame))} "
                                                f"({describe_rows(labels)}, id {ids}) {verb} met hetzelfde id en "
                                                f"dezelfde antwoorden al in {earlier}")
        # Rows without an id that an earlier file also holds count, but the lecturer hears of it.
        alike = [(label, self.by_row[row]) for label, key, row in zip(frame.index, keys, rows)
                 if key is None and row in self.by_row]
        if len(alike) >= 2 and shown not in self.alike:  # one row alike is easily a coincidence
            earlier = listing(dict.fromkeys(file for _, file in alike), quote=True)
            self.alike[shown] = (f"{_respondents(len(alike))} van de {number(len(frame))} "
                                 f"({describe_rows(label for label, _ in alike)}) hebben precies de antwoorden van "
                                 f"een respondent in {earlier} en tellen mee: zonder eigen id is niet te zien of het "
                                 "dezelfde mensen zijn. Is het een langere versie van dat bestand? Haal dan het oudere "
                                 "bestand weg")
        for key, row in zip(keys, rows):
            if key is not None:
                self.by_respondent.setdefault(key, shown)
            self.by_row.setdefault(row, shown)
        frame = frame.loc[~again]
        self.counted[shown] = len(frame)
        return None, frame


def _folder(shown: str) -> str:
    """The folder a file sits in, inside the class folder ("" at the top): in a learning environment's download,
    one student's hand-in."""
    return str(PurePosixPath(shown.replace("\\", "/")).parent)


def _respondents(count: int) -> str:
    """``"1 respondent"``, ``"3 respondenten"`` (Dutch, thousands with a dot)."""
    from klantlib.formatting import counted

    return counted(count, "respondent")
