"""Worked solutions for notebook 04_rfm_klantenmatrix (for lecturers).

Each function computes the answer to the exercise with the same key in
klantlib/questions/04_rfm_klantenmatrix.toml; tests/test_selfcheck.py checks they agree.
"""

import klantlib
from klantlib.rfm import assessment_matrix, relatiesterkte, rendement, rfm_scores, rfm_table, top_share


def _rfm():
    return rfm_table(klantlib.load_dataset("transacties"), reference_date="2026-01-01", order="order_id")


def rfm_top10_aandeel():
    revenue = klantlib.load_dataset("transacties").groupby("klant_id")["bedrag"].sum()
    return round(top_share(revenue, top=0.1), 2)


def rfm_aantal_eenmalig():
    return int((_rfm()["frequency"] == 1).sum())


def rfm_partners_70_60():
    strength = relatiesterkte(klantlib.load_dataset("relatiesterkte"))
    score = rendement(rfm_scores(_rfm()), bins=5)
    matrix = assessment_matrix(score.reindex(strength.index), strength, cut=(70, 60))
    return int((matrix["groep"] == "Partners").sum())
