"""Answers a student types into a widget, saved to a file as they are given.

An :class:`AnswerStore` keeps one questionnaire's answers in a JSON file
(by default in ``mijn_antwoorden/`` next to the notebook, i.e. relative to the
working directory). Every change is written at once and atomically (a temporary
file, then ``os.replace``), so a crash or a kernel restart never leaves half a
file. A new store on the same file, after a kernel restart or on another day,
finds the answers again.

A file that can't be read (broken JSON, cut off halfway, not shaped as an
answers file, or a file of another questionnaire) is never overwritten or
deleted: it is moved aside to a backup name (``<naam>.kapot-1.json``, ``-2``
...), the store starts empty and :attr:`AnswerStore.message` says in Dutch what
happened (also as a :class:`~klantlib.errors.KlantDataWarning`). A file that
can be read but holds answers of a wrong type (a list, or what ``validate``
rejects) is first copied to such a backup; the store keeps its other answers
and the message names the ones left out.

>>> import tempfile
>>> folder = tempfile.mkdtemp()
>>> store = AnswerStore("demo", folder=folder)
>>> store.set("E1", 6)
>>> AnswerStore("demo", folder=folder).answers  # a new store: as after a kernel restart
{'E1': 6}

**What an answer can be.** Text, a whole number, a decimal number, true/false,
or blank (``None``, which removes the answer). A number taken from a
DataFrame (``df.iloc[0]["E1"]``, a numpy ``int64``, ``float64`` or ``bool``)
is kept as the Python value it stands for (``np.int64(3)`` is ``3``); a blank
cell (``NaN``, ``pd.NA``) is a blank answer. Text is kept exactly, except
that it is made writable first: a browser paste or a widget can deliver half
of an emoji (a lone surrogate, such as ``"\\ud83d"``), which no file can
hold. Such a half is replaced by the replacement character ``"\\ufffd"`` (�),
and two halves that belong together become their character, in memory as in
the file, so :attr:`AnswerStore.answers` always shows what is saved and the
store keeps saving.

>>> import numpy as np
>>> store.update({"E2": np.int64(3), "P1": np.float64("nan"), "naam": "Bieb \\ud83d"})
>>> AnswerStore("demo", folder=folder).answers
{'E1': 6, 'E2': 3, 'naam': 'Bieb �'}

**When saving fails** (the folder is a file, no permission to write, a full
disk ...) nothing is lost and nothing is silent: the change stays in memory,
:attr:`AnswerStore.saved` becomes ``False`` and an :class:`AnswerFileError`
(a :class:`~klantlib.errors.KlantDataError`, and an ``OSError``) says in Dutch
which file it is and what to do; :attr:`AnswerStore.message` holds the same
text. The next save (any change, or :meth:`AnswerStore.save`) writes all
answers in memory, and ``saved`` is ``True`` again. A folder or file that can't
be read doesn't stop a store from being created: it starts empty and
``message`` says why. A file that exists but can't be read is never
overwritten: saving fails until it can be read again.

>>> blocked = Path(folder) / "geen_map"
>>> _ = blocked.write_text("een bestand waar de map had moeten staan")
>>> s = AnswerStore("demo", folder=blocked)  # no error: message (and a warning) say why
>>> "is een bestand, geen map" in s.message
True
>>> try:
...     s.set("E1", 6)
... except AnswerFileError as exc:
...     print(str(exc).startswith("Je antwoorden zijn NIET opgeslagen"), s.saved, s.answers)
True False {'E1': 6}

**Two writers on one file** (a notebook cell run twice, a second browser tab)
don't overwrite each other. A store remembers what it last read from or wrote
to the file; before each write it reads the file again, and if another writer
changed it in the meantime the two versions are merged per answer (a
three-way merge against what the store last saw):

- an answer this store changed since its last successful save wins (the
  latest change counts, also when it removes an answer);
- otherwise, an answer the other writer changed (added, altered or removed)
  is taken over from the file;
- every other answer is the same on both sides and stays.

The store's answers in memory become the merged answers. If the other version
had a different value for an answer this store changed, that value would be
lost: the other version is therefore first copied to ``<naam>.conflict-1.json``
(``-2`` ...), and :attr:`AnswerStore.message` (also a
:class:`~klantlib.errors.KlantDataWarning`) says which answers differed and
where the copy is. Taking over answers without a disagreement is reported in
``message`` as well. A file that disappeared is simply written again. (Reading
and replacing the file are two steps: a write by another store in the few
milliseconds between them is not seen; with a person clicking that doesn't
happen in practice.)

>>> a = AnswerStore("samen", folder=folder)
>>> b = AnswerStore("samen", folder=folder)  # e.g. the same cell in a second tab
>>> a.set("E1", 6)
>>> b.set("P1", 4)  # b had not seen E1: it is merged in, not overwritten
>>> b.answers
{'E1': 6, 'P1': 4}
>>> a.set("P1", 2)  # both changed P1: the latest change wins ...
>>> a.answers
{'E1': 6, 'P1': 2}
>>> a.backup.name  # ... and the other version is kept
'samen.conflict-1.json'
"""

from __future__ import annotations

import contextlib
import errno
import json
import math
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import NoReturn

import numpy as np
import pandas as pd

from klantlib.errors import KlantDataError, warn
from klantlib.formatting import counted, listing

__all__ = ["DEFAULT_FOLDER", "FORMAT_VERSION", "AnswerFileError", "AnswerStore"]

#: Where answers are saved, relative to the working directory (the notebook's folder).
DEFAULT_FOLDER = "mijn_antwoorden"
FORMAT_VERSION = 1
_SCALARS = (str, int, float, bool, type(None))
#: How many answer keys a message lists before it says "en nog N".
_KEYS_SHOWN = 8
_OTHER_FOLDER = 'kies een andere map, bijvoorbeeld met folder="antwoorden_2"'


class AnswerFileError(KlantDataError, OSError):
    """The answers (or their export) could not be written or read; the Dutch message says what to do.

    A :class:`~klantlib.errors.KlantDataError` (so a ``ValueError``) and, as it
    is about a file, also an ``OSError``. The original error is ``__cause__``.
    """


class _Unusable(Exception):
    """The file is not a readable answers file; the argument says why, in Dutch."""


def _writable(text: str) -> str:
    """``text`` as it can be written to a UTF-8 file: half an emoji (a lone surrogate) becomes "\\ufffd".

    Two surrogates that form a pair become their one character; every lone one
    becomes the replacement character. Text without surrogates is returned as it is.

    >>> _writable("Bieb \\ud83d"), _writable("\\ud83d\\ude00") == "\\U0001f600", _writable("café")
    ('Bieb �', True, 'café')
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # UTF-16 is the one encoding in which surrogates mean something: a pair decodes to its
        # character, and "replace" turns each lone one into U+FFFD.
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text


def _answer_value(key, value):
    """The value as the store keeps it: a plain str, int, float or bool, or ``None`` for a blank.

    A numpy scalar becomes its Python value, a blank cell (NaN, ``pd.NA``, NaT)
    ``None``, and text :func:`_writable`. Raises ``TypeError`` (in Dutch) for
    anything else.

    >>> _answer_value("E1", np.int64(3)), _answer_value("E1", np.bool_(True)), _answer_value("E1", float("nan"))
    (3, True, None)
    """
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return None
    if isinstance(value, (np.bool_, np.integer, np.floating, np.str_)):  # a cell of a DataFrame row
        value = value.item()
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)  # a subclass (an IntEnum) as the plain int it reads back as from the file
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return _writable(str(value))
    raise TypeError(f"Antwoord op {key!r} moet tekst, een getal of leeg zijn, niet {type(value).__name__}.")


def _same(a, b) -> bool:
    """Equal as JSON values: ``True`` is not ``1`` and ``6`` is not ``6.0``."""
    return type(a) is type(b) and a == b


def _show_keys(keys: list[str]) -> str:
    return listing(keys, limit=_KEYS_SHOWN)


def _show_value(value) -> str:
    if value is None:
        return "leeg"
    if isinstance(value, str):
        return f"“{value}”"
    return str(value)


def _blocking_file(folder: Path) -> Path | None:
    """The file standing where ``folder`` (or one of its parents) should be a folder, if any."""
    for candidate in (folder, *folder.parents):
        try:
            if candidate.exists():
                return None if candidate.is_dir() else candidate
        except OSError:
            return None
    return None


def _explain(exc: OSError, target: Path, *, reading: bool = False) -> tuple[str, str]:
    """Why reading or writing ``target`` failed and what to do, both in Dutch."""
    blocker = _blocking_file(target.parent)
    if blocker is not None:
        return (f"'{blocker}' is een bestand, geen map",
                f"Hernoem of verwijder dat bestand, of {_OTHER_FOLDER}.")
    try:
        is_dir = target.is_dir()
    except OSError:
        is_dir = False
    if isinstance(exc, IsADirectoryError) or is_dir:
        return f"'{target}' is een map, geen bestand", f"Hernoem of verwijder die map, of {_OTHER_FOLDER}."
    if isinstance(exc, PermissionError):
        if reading:
            return ("je hebt er geen leesrechten op",
                    f"Geef jezelf leesrechten op het bestand, of {_OTHER_FOLDER}.")
        folder = target.parent
        with contextlib.suppress(OSError):
            while not folder.exists() and folder != folder.parent:  # the folder that exists, not one to be made
                folder = folder.parent
        return (f"je hebt geen toestemming om te schrijven in de map '{folder}' "
                "(of het bestand is alleen-lezen of geopend in een ander programma)",
                'Kies een map waarin je mag schrijven, bijvoorbeeld met folder="antwoorden_2" '
                "(in je eigen documenten), of sluit het andere programma.")
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "de schijf is vol", f"Maak ruimte vrij, of {_OTHER_FOLDER}."
    return f"{exc.strerror or exc} ({type(exc).__name__})", f"Probeer het nog eens, of {_OTHER_FOLDER}."


def _write_atomic(target: Path, text: str) -> bytes:
    """Write ``text`` (UTF-8) to ``target`` through a temporary file and ``os.replace``; returns the bytes.

    Raises the ``OSError`` if anything fails; the temporary file is removed and
    an existing ``target`` is left as it was.
    """
    data = text.encode("utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return data


class AnswerStore:
    """One questionnaire's answers in ``<folder>/<name>.json``, saved on every change.

    ``name`` identifies the questionnaire (it is written into the file, and a
    file of another questionnaire is not taken over). ``validate(key, value)``
    may say whether a stored answer is acceptable; answers it rejects are left
    out when the file is read (the file itself is kept as a backup copy).
    Values are text, numbers or true/false (see the module docstring for numpy
    numbers, blanks and half an emoji); ``None`` is no answer.

    Creating a store never fails because of the file or folder: problems are
    reported in :attr:`message` (and as a ``KlantDataWarning``).

    Attributes:
        path: the answers file, ``<folder>/<name>.json``.
        message: Dutch text about the last load or save: a file kept aside, answers
            merged with another writer's, or why saving failed. ``""`` after a
            save with nothing to report.
        backup: the last backup copy made (``.kapot-N.json`` or ``.conflict-N.json``), or ``None``.
        saved: see the property.
    """

    def __init__(
        self,
        name: str,
        *,
        folder: str | os.PathLike = DEFAULT_FOLDER,
        validate: Callable[[str, object], bool] | None = None,
        order: Iterable[str] | None = None,
    ):
        if not name or any(ch in name for ch in '/\\:*?"<>|') or _writable(name) != name:
            raise ValueError(f"Ongeldige naam voor een antwoordenbestand: {name!r}.")
        self.name = name
        self.path = Path(folder) / f"{name}.json"
        self.validate = validate
        self.order = list(order) if order is not None else None
        self.message = ""
        self.backup: Path | None = None
        self._answers: dict = {}
        # What this store last read from or wrote to the file: the bytes (None: no
        # file seen) and the valid answers in them, the base of the three-way merge.
        self._seen: bytes | None = None
        self._base: dict = {}
        # Keys this store changed since its last successful save.
        self._pending: set[str] = set()
        self._load()

    @property
    def saved(self) -> bool:
        """Whether every change made through this store is in the file.

        ``False`` after a save failed (the answers are still in memory), ``True``
        again once a save succeeds.
        """
        return not self._pending

    # -- reading ------------------------------------------------------------------------
    def _read(self) -> bytes | None:
        """The file's bytes, or ``None`` if there is no file; other problems raise ``OSError``."""
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return None

    def _parse(self, raw: bytes) -> tuple[dict, list[str]]:
        """The valid answers in ``raw`` and the keys of invalid ones; ``_Unusable`` if it's no answers file."""
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise _Unusable("het bestand is beschadigd (het is geen leesbare tekst)") from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            raise _Unusable("het bestand is leeg" if not text.strip()
                            else "het bestand is beschadigd of maar half opgeslagen") from None
        if not isinstance(data, dict) or not isinstance(data.get("antwoorden"), dict):
            raise _Unusable("het bestand heeft niet de vorm van een antwoordenbestand")
        if data.get("vragenlijst") != self.name:
            raise _Unusable(f"het bestand hoort bij een andere vragenlijst ({data.get('vragenlijst')!r})")
        good, bad = {}, []
        for key, value in data["antwoorden"].items():
            if value is None or (isinstance(value, float) and math.isnan(value)):
                continue  # null (or NaN) is no answer, as set(key, None) makes it
            # Text that another program wrote with half an emoji ("\\ud83d" in the JSON) is made
            # writable here, so that it can't stop the next save.
            key = _writable(key)
            if isinstance(value, str):
                value = _writable(value)
            if isinstance(value, _SCALARS) and (self.validate is None or self.validate(key, value)):
                good[key] = value
            else:
                bad.append(key)
        return good, bad

    def _examine(self, raw: bytes) -> tuple[dict | None, str]:
        """Parse the file's bytes: its valid answers (``None`` if unusable) and a Dutch note.

        Whatever is left out is first copied to a ``.kapot-N`` backup; raises
        ``OSError`` if that copy can't be made.
        """
        try:
            good, bad = self._parse(raw)
        except _Unusable as exc:
            backup = self._keep_copy(raw, "kapot")
            return None, f"{exc}. Het bestand is bewaard als '{backup}'"
        if not bad:
            return good, ""
        backup = self._keep_copy(raw, "kapot")
        were, are = ("was", "is") if len(bad) == 1 else ("waren", "zijn")
        return good, (f"{counted(len(bad), 'opgeslagen antwoord')} in '{self.path}' {were} ongeldig en "
                      f"{are} weggelaten: "
                      f"{_show_keys(bad)}. Het oorspronkelijke bestand is bewaard als '{backup}'.")

    def _load(self) -> None:
        try:
            raw = self._read()
        except OSError as exc:
            why, fix = _explain(exc, self.path, reading=True)
            self._report(f"Je antwoorden in '{self.path}' konden niet worden gelezen: {why}. {fix} "
                         "De vragenlijst begint leeg, en je antwoorden worden pas opgeslagen als dit is opgelost.")
            return
        if raw is None:
            return
        try:
            good, note = self._examine(raw)
        except OSError as exc:
            why, fix = _explain(exc, self.path)
            self._report(f"Je opgeslagen antwoorden in '{self.path}' zijn niet (helemaal) te gebruiken, en er kon "
                         f"geen reservekopie van worden gemaakt: {why}. {fix} Het bestand blijft staan zoals het is; "
                         "de vragenlijst begint leeg, en je antwoorden worden pas opgeslagen als dit is opgelost.")
            return
        if good is None:
            self._seen = raw  # backed up: the next save may replace it, even if it can't be removed now
            with contextlib.suppress(OSError):
                self.path.unlink()  # the copy exists; the next save starts a fresh file
                self._seen = None
            self._report(f"Je opgeslagen antwoorden in '{self.path}' konden niet worden gelezen: {note} "
                         "en de vragenlijst begint leeg.")
            return
        self._answers, self._base, self._seen = good, dict(good), raw
        if note:
            self._report(note)

    def _keep_copy(self, raw: bytes, kind: str) -> Path:
        """Write ``raw`` to ``<naam>.<kind>-N.json`` under a free N: no backup is ever overwritten."""
        n = 1
        while True:
            candidate = self.path.with_name(f"{self.path.stem}.{kind}-{n}{self.path.suffix}")
            try:
                fh = open(candidate, "xb")
            except FileExistsError:
                n += 1
                continue
            try:
                with fh:
                    fh.write(raw)
            except BaseException:
                with contextlib.suppress(OSError):
                    candidate.unlink()
                raise
            self.backup = candidate
            return candidate

    def _report(self, text: str) -> None:
        self.message = text
        warn(text)

    # -- writing ------------------------------------------------------------------------
    def _fail(self, exc: OSError, *, doing: str = "opgeslagen in", reading: bool = False) -> NoReturn:
        why, fix = _explain(exc, self.path, reading=reading)
        if reading and not isinstance(exc, (NotADirectoryError, IsADirectoryError)) \
                and _blocking_file(self.path.parent) is None:
            why = f"het bestand dat er al staat is niet te lezen: {why}; daarom wordt het niet overschreven"
        self.message = (f"Je antwoorden zijn NIET {doing} '{self.path}': {why}. {fix} Je antwoorden staan nog in "
                        "het geheugen en worden opgeslagen bij de volgende wijziging, zodra dit is opgelost; "
                        "herstart de kernel niet voor die tijd.")
        raise AnswerFileError(self.message) from exc

    def _merge(self, theirs: dict) -> tuple[dict, list[str], list[tuple[str, object, object]]]:
        """Three-way merge of the file's answers with this store's (see the module docstring).

        Returns the merged answers, the keys taken over from the file and the
        conflicts as ``(key, this store's value, the file's value)``.
        """
        merged, taken, conflicts = {}, [], []
        for key in dict.fromkeys([*self._base, *theirs, *self._answers]):
            mine, other, base = self._answers.get(key), theirs.get(key), self._base.get(key)
            other_changed = not _same(other, base)
            if key in self._pending:
                value = mine
                if other_changed and not _same(other, mine):
                    conflicts.append((key, mine, other))
            elif other_changed:
                value = other
                if not _same(other, mine):
                    taken.append(key)
            else:
                value = mine
            if value is not None:
                merged[key] = value
        return merged, taken, conflicts

    def _merge_note(self, taken: list[str], conflicts: list, backup: Path | None) -> str:
        if not taken and not conflicts:
            return ""
        parts = [f"Je antwoorden in '{self.path}' zijn intussen ook ergens anders gewijzigd "
                 "(in een tweede tabblad, of door een cel die nog eens is uitgevoerd). Ze zijn samengevoegd."]
        if taken:
            parts.append(f"Overgenomen van de andere kant: {_show_keys(taken)}.")
        if conflicts:
            listed = listing([f"{key}: hier {_show_value(mine)}, daar {_show_value(other)}"
                              for key, mine, other in conflicts], limit=_KEYS_SHOWN, separator="; ", word=None)
            parts.append(f"Bij {counted(len(conflicts), 'antwoord')} verschilden ze ({listed}); je laatste keuze "
                         f"telt. De andere versie is bewaard als '{backup}'.")
        parts.append("Vul de vragenlijst op één plek tegelijk in.")
        return " ".join(parts)

    def _save(self) -> None:
        """Merge with the file if another writer changed it, then write atomically.

        Raises AnswerFileError (answers kept in memory) if anything can't be read or written.
        """
        try:
            raw = self._read()
        except OSError as exc:
            self._fail(exc, reading=True)
        result, notes = self._answers, []
        if raw is not None and raw != self._seen:  # someone else wrote since this store last looked
            try:
                theirs, note = self._examine(raw)
            except OSError as exc:
                self._fail(exc)
            if theirs is None:
                notes.append(f"Het bestand '{self.path}' was intussen niet meer te gebruiken: {note}; "
                             "je antwoorden zijn opnieuw opgeslagen.")
            else:
                if note:
                    notes.append(note)
                result, taken, conflicts = self._merge(theirs)
                backup = None
                if conflicts:
                    try:
                        backup = self._keep_copy(raw, "conflict")
                    except OSError as exc:
                        self._fail(exc)
                notes.append(self._merge_note(taken, conflicts, backup))
        payload = {"vragenlijst": self.name, "versie": FORMAT_VERSION, "antwoorden": self._sorted(result)}
        text = json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
        try:
            data = _write_atomic(self.path, text)
        except OSError as exc:
            self._fail(exc)
        self._answers, self._base, self._seen = dict(result), dict(result), data
        self._pending.clear()
        self.message = ""
        note = " ".join(n for n in notes if n)
        if note:
            self._report(note)

    def _sorted(self, answers: Mapping | None = None) -> dict:
        answers = self._answers if answers is None else answers
        if self.order is None:
            return dict(answers)
        rank = {k: i for i, k in enumerate(self.order)}
        return dict(sorted(answers.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0])))

    def set(self, key: str, value) -> None:
        """Store one answer and save at once; ``None`` (or a blank cell: NaN, ``pd.NA``) removes it.

        ``value`` as in the module docstring: a numpy number is kept as its Python
        value, text with half an emoji gets "\\ufffd" in its place.

        Raises:
            TypeError: ``key`` is not text, or ``value`` is not text, a number,
                true/false or blank.
            AnswerFileError: the file could not be written; the answer is kept in
                memory, :attr:`saved` is ``False`` and :attr:`message` says why.
        """
        self.update({key: value})

    def update(self, answers: Mapping) -> None:
        """Store several answers and save once (``None`` removes an answer); values as for :meth:`set`.

        Raises:
            TypeError: a key is not text or a value is no answer (see :meth:`set`); then nothing is changed.
            AnswerFileError: as :meth:`set`.
        """
        cleaned = {}
        for key, value in answers.items():  # everything is checked before anything changes
            if not isinstance(key, str):
                raise TypeError(f"De naam van een antwoord moet tekst zijn, niet {key!r}.")
            cleaned[_writable(str(key))] = _answer_value(key, value)
        for key, value in cleaned.items():
            if value is None:
                self._answers.pop(key, None)
            else:
                self._answers[key] = value
            self._pending.add(key)
        self._save()

    def save(self) -> None:
        """Write the answers now, e.g. after fixing the folder a failed save complained about.

        Raises:
            AnswerFileError: as :meth:`set`.
        """
        self._save()

    def clear(self) -> None:
        """Remove all answers; the old file is kept as a backup copy first.

        Raises:
            AnswerFileError: no backup copy could be made (then nothing is
                cleared), or the empty file could not be written (then the
                answers are cleared in memory and :attr:`saved` is ``False``).
        """
        try:
            try:
                raw = self._read()
            except NotADirectoryError:
                raw = None  # the folder is a file, so there is no answers file to keep; saving will say so
            if raw is not None:
                self._keep_copy(raw, "kapot")
        except OSError as exc:
            why, fix = _explain(exc, self.path)
            self.message = (f"Je antwoorden zijn NIET gewist: van '{self.path}' kon geen reservekopie worden "
                            f"gemaakt: {why}. {fix}")
            raise AnswerFileError(self.message) from exc
        if raw is not None:  # the copy holds this version, also what another writer added to it
            self._seen = raw
            with contextlib.suppress(_Unusable):
                self._base = self._parse(raw)[0]
        self._pending |= set(self._answers) | set(self._base)
        self._answers = {}
        self._save()

    # -- looking ------------------------------------------------------------------------
    @property
    def answers(self) -> dict:
        """A copy of the answers (in ``order`` if given)."""
        return self._sorted()

    def get(self, key: str, default=None):
        return self._answers.get(key, default)

    def __len__(self) -> int:
        return len(self._answers)

    def to_frame(self, columns: Iterable[str] | None = None) -> pd.DataFrame:
        """The answers as one row: the columns in ``columns`` (or ``order``), unanswered ones blank, then
        any other answers in columns of their own (sorted), so that none is left out.

        >>> import tempfile
        >>> s = AnswerStore("demo", folder=tempfile.mkdtemp(), order=["E1", "E2"])
        >>> s.update({"E2": 3, "E1": 5})
        >>> s.to_frame()
           E1  E2
        0   5   3
        >>> s.to_frame(columns=["E2", "E3"])
           E2    E3  E1
        0   3  None   5
        """
        columns = list(columns) if columns is not None else (self.order or list(self._answers))
        extra = [k for k in self._answers if k not in columns] if columns is not None else []
        cols = columns + sorted(extra)
        return pd.DataFrame([{c: self._answers.get(c) for c in cols}], columns=cols)

    def to_csv(self, path: str | os.PathLike | None = None, columns: Iterable[str] | None = None) -> Path:
        """Export the answers as a one-row CSV (comma-separated, UTF-8), written atomically.

        Args:
            path: where to write; by default the answers file with ``.csv``:
                ``mijn_antwoorden/<naam>.csv``.
            columns: the columns, as in :meth:`to_frame`.

        Returns:
            The path written.

        Raises:
            AnswerFileError: the CSV could not be written (an existing CSV is left
                as it was). :attr:`saved` and :attr:`message` are about the answers
                file and don't change.
        """
        target = Path(path) if path is not None else self.path.with_suffix(".csv")
        try:
            _write_atomic(target, self.to_frame(columns).to_csv(index=False))
        except OSError as exc:
            why, fix = _explain(exc, target)
            raise AnswerFileError(f"Je antwoorden zijn NIET geëxporteerd naar '{target}': {why}. {fix}") from exc
        return target
