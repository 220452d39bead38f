"""Answers a student types into a widget, saved to a file as they are given.

An :class:`AnswerStore` keeps one questionnaire's answers in a JSON file
(by default in ``mijn_antwoorden/`` next to the notebook, i.e. relative to the
working directory). Every change is written at once and atomically (a temporary
file, then ``os.replace``), so a crash or a kernel restart never leaves half a
file. A new store on the same file, after a kernel restart or on another day,
finds the answers again.

A file that can't be read (broken JSON, cut off halfway, wrong types, or a file
of another questionnaire) is never overwritten or deleted: it is moved aside to
a backup name (``<naam>.kapot-1.json``, ``-2`` ...), the store starts empty and
:attr:`AnswerStore.message` says in Dutch what happened (also as a
:class:`~klantlib.errors.KlantDataWarning`).

>>> import tempfile
>>> folder = tempfile.mkdtemp()
>>> store = AnswerStore("demo", folder=folder)
>>> store.set("E1", 6)
>>> AnswerStore("demo", folder=folder).answers  # a new store: as after a kernel restart
{'E1': 6}
"""

from __future__ import annotations

import json
import os
import tempfile
import warnings
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import pandas as pd

from klantlib.errors import KlantDataWarning

__all__ = ["DEFAULT_FOLDER", "FORMAT_VERSION", "AnswerStore"]

#: Where answers are saved, relative to the working directory (the notebook's folder).
DEFAULT_FOLDER = "mijn_antwoorden"
FORMAT_VERSION = 1
_SCALARS = (str, int, float, bool, type(None))


class AnswerStore:
    """One questionnaire's answers in ``<folder>/<name>.json``, saved on every change.

    ``name`` identifies the questionnaire (it is written into the file, and a
    file of another questionnaire is not taken over). ``validate(key, value)``
    may say whether a stored answer is acceptable; answers it rejects are left
    out when the file is read (the file itself is kept as a backup copy).
    Values are JSON scalars: text, numbers, true/false or null.
    """

    def __init__(
        self,
        name: str,
        *,
        folder: str | os.PathLike = DEFAULT_FOLDER,
        validate: Callable[[str, object], bool] | None = None,
        order: Iterable[str] | None = None,
    ):
        if not name or any(ch in name for ch in '/\\:*?"<>|'):
            raise ValueError(f"Ongeldige naam voor een antwoordenbestand: {name!r}.")
        self.name = name
        self.path = Path(folder) / f"{name}.json"
        self.validate = validate
        self.order = list(order) if order is not None else None
        self.message = ""
        self.backup: Path | None = None
        self._answers: dict = {}
        self._load()

    # -- reading ------------------------------------------------------------------------
    def _load(self) -> None:
        if not self.path.exists():
            return
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self._reject(f"het bestand is niet te lezen ({type(exc).__name__})")
            return
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            why = "het bestand is leeg" if not text.strip() else "het bestand is beschadigd of maar half opgeslagen"
            self._reject(why)
            return
        if not isinstance(data, dict) or not isinstance(data.get("antwoorden"), dict):
            self._reject("het bestand heeft niet de vorm van een antwoordenbestand")
            return
        if data.get("vragenlijst") != self.name:
            self._reject(f"het bestand hoort bij een andere vragenlijst ({data.get('vragenlijst')!r})")
            return
        good, bad = {}, []
        for key, value in data["antwoorden"].items():
            if isinstance(value, _SCALARS) and (self.validate is None or self.validate(key, value)):
                good[key] = value
            else:
                bad.append(key)
        if bad:
            self._backup()
            shown = ", ".join(bad[:8]) + (f" en nog {len(bad) - 8}" if len(bad) > 8 else "")
            self._report(
                f"{len(bad)} opgeslagen antwoord(en) in '{self.path}' waren ongeldig en zijn weggelaten: {shown}. "
                f"Het oorspronkelijke bestand is bewaard als '{self.backup}'."
            )
        self._answers = good

    def _backup(self) -> Path:
        """Copy the current file aside under a free name: nothing is ever overwritten."""
        n = 1
        while True:
            candidate = self.path.with_name(f"{self.path.stem}.kapot-{n}{self.path.suffix}")
            if not candidate.exists():
                break
            n += 1
        candidate.write_bytes(self.path.read_bytes())
        self.backup = candidate
        return candidate

    def _reject(self, why: str) -> None:
        backup = self._backup()
        self.path.unlink()  # the copy exists; the next save starts a fresh file
        self._answers = {}
        self._report(
            f"Je opgeslagen antwoorden in '{self.path}' konden niet worden gelezen: {why}. "
            f"Het bestand is bewaard als '{backup}' en de vragenlijst begint leeg."
        )

    def _report(self, text: str) -> None:
        self.message = text
        warnings.warn(text, KlantDataWarning, stacklevel=4)

    # -- writing ------------------------------------------------------------------------
    def _save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        payload = {"vragenlijst": self.name, "versie": FORMAT_VERSION, "antwoorden": self._sorted()}
        text = json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
        fd, tmp = tempfile.mkstemp(prefix=f".{self.name}.", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise

    def _sorted(self) -> dict:
        if self.order is None:
            return dict(self._answers)
        rank = {k: i for i, k in enumerate(self.order)}
        return dict(sorted(self._answers.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0])))

    def set(self, key: str, value) -> None:
        """Store one answer and save at once; ``None`` removes it."""
        self.update({key: value})

    def update(self, answers: Mapping) -> None:
        """Store several answers and save once."""
        for key, value in answers.items():
            if not isinstance(value, _SCALARS):
                raise TypeError(f"Antwoord op {key!r} moet tekst, een getal of leeg zijn, niet {type(value).__name__}.")
            if value is None:
                self._answers.pop(key, None)
            else:
                self._answers[key] = value
        self._save()

    def clear(self) -> None:
        """Remove all answers; the old file is kept as a backup copy first."""
        if self.path.exists():
            self._backup()
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
        """The answers as one row (columns in ``columns`` or ``order``; unanswered ones blank).

        >>> import tempfile
        >>> s = AnswerStore("demo", folder=tempfile.mkdtemp(), order=["E1", "E2"])
        >>> s.update({"E2": 3, "E1": 5})
        >>> s.to_frame()
           E1  E2
        0   5   3
        """
        columns = list(columns) if columns is not None else (self.order or list(self._answers))
        extra = [k for k in self._answers if k not in columns] if columns is not None else []
        cols = columns + sorted(extra)
        return pd.DataFrame([{c: self._answers.get(c) for c in cols}], columns=cols)

    def to_csv(self, path: str | os.PathLike | None = None, columns: Iterable[str] | None = None) -> Path:
        """Export the answers as a one-row CSV (comma-separated, UTF-8); returns the path.

        The default path is the answers file with ``.csv``: ``mijn_antwoorden/<naam>.csv``.
        """
        target = Path(path) if path is not None else self.path.with_suffix(".csv")
        target.parent.mkdir(parents=True, exist_ok=True)
        self.to_frame(columns).to_csv(target, index=False)
        return target
