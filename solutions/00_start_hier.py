"""Worked solutions for notebook 00_start_hier (for lecturers).

Each function computes the answer to the exercise with the same key in
klantlib/questions/00_start_hier.toml; tests/test_selfcheck.py checks they agree.
"""

import klantlib


def start_aantal_kopers():
    transacties = klantlib.load_dataset("transacties")
    return transacties["klant_id"].nunique()


def start_omzet_2025():
    transacties = klantlib.load_dataset("transacties")
    return round(transacties.loc[transacties["datum"].dt.year == 2025, "bedrag"].sum())
