"""The statistics every model shares, written once: a mean with its confidence interval, Cronbach's alpha.

- :func:`mean_interval`: per column the mean, the t-interval around it and on
  how many values it rests. SERVQUAL's gaps, a questionnaire compared with a
  published benchmark and every later comparison use it.
- :func:`mean_difference`: per column the difference between the means of two
  independent groups (an organisation and its customers), with Welch's
  t-interval: the mirror of notebook 07 and every later comparison of two groups.
- :func:`correlation`: per column Pearson's r with a target (a driver with
  recommendation), with Fisher's interval and the p-value: notebook 08's links.
- :func:`cronbach_alpha`: how consistently a set of items measures one thing
  (Cronbach, 1951), as survey courses report it beside every scale.

Both are plain NumPy on the values a model hands them; they don't check
answers (the models do that first, with :mod:`klantlib.survey`).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from klantlib.errors import KlantDataError

__all__ = ["CONFIDENCE", "correlation", "cronbach_alpha", "mean_difference", "mean_interval"]

#: The confidence level of every interval in the course, unless a function is told otherwise.
CONFIDENCE = 0.95


def mean_interval(values: pd.DataFrame | pd.Series, *, confidence: float = CONFIDENCE) -> pd.DataFrame:
    """Per column: the mean, the lower and upper bound of its t-interval, and how many values it rests on.

    The interval is the usual one for a mean from a sample: mean ± t × s / √n,
    with t the ``0.5 + confidence / 2`` quantile of Student's t-distribution with
    n − 1 degrees of freedom and s the sample standard deviation. Blank values
    (NaN) are left out per column. With one value there is no interval (NaN);
    with none, no mean either.

    Args:
        values: one column per thing to average (an item, a dimension), one row
            per respondent; a Series is one column.
        confidence: the confidence level, strictly between 0 and 1 (0.95: a 95%
            interval).

    Returns:
        A DataFrame with one row per column of ``values`` (index: the column
        names) and the columns ``gemiddelde``, ``ondergrens``, ``bovengrens`` and
        ``respondenten`` (the number of values).

    Raises:
        KlantDataError: ``confidence`` is not strictly between 0 and 1 (``95`` for
            95% is refused with a message that says to write 0.95).

    >>> mean_interval(pd.DataFrame({"E1": [5, 6, 7], "E2": [4, None, None]})).round(3)
        gemiddelde  ondergrens  bovengrens  respondenten
    E1         6.0       3.516       8.484             3
    E2         4.0         NaN         NaN             1
    """
    _check_confidence(confidence)
    from scipy.special import stdtrit  # the t-distribution's quantiles, without importing all of scipy.stats

    frame = values.to_frame() if isinstance(values, pd.Series) else values
    data = frame.to_numpy(dtype=float)
    n = (~np.isnan(data)).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(n > 0, np.nansum(data, axis=0) / np.maximum(n, 1), np.nan)
        spread = np.sqrt(np.nansum((data - mean) ** 2, axis=0) / (n - 1))
        half = np.where(n > 1, stdtrit(np.maximum(n - 1, 1), 0.5 + confidence / 2) * spread / np.sqrt(n), np.nan)
    return pd.DataFrame({"gemiddelde": mean, "ondergrens": mean - half, "bovengrens": mean + half,
                         "respondenten": n}, index=frame.columns)


def _check_confidence(confidence) -> None:
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) or not 0 < confidence < 1:
        raise KlantDataError(f"confidence moet tussen 0 en 1 liggen (0.95 voor 95%), niet {confidence!r}.")


def mean_difference(first: pd.DataFrame | pd.Series, second: pd.DataFrame | pd.Series, *,
                    confidence: float = CONFIDENCE) -> pd.DataFrame:
    """Per column: the mean of ``first`` minus the mean of ``second``, with Welch's t-interval around it.

    The two groups are independent (different people: an organisation's
    employees and its customers), and their spreads and sizes may differ, so the
    interval is Welch's (1947): difference ± t × √(s₁²/n₁ + s₂²/n₂), with t the
    ``0.5 + confidence / 2`` quantile of Student's t-distribution with the
    Welch-Satterthwaite degrees of freedom. It is what
    ``scipy.stats.ttest_ind(a, b, equal_var=False).confidence_interval()`` gives.
    Blank values (NaN) are left out per column. A group with fewer than two
    values in a column gives no interval (NaN); a group with none, no difference.

    Args:
        first, second: one column per thing compared (a statement), one row per
            respondent; only the columns of ``first`` are compared, and ``second``
            must have each of them. A Series is one column.
        confidence: the confidence level, strictly between 0 and 1.

    Returns:
        One row per column of ``first``, with ``gemiddelde_1``, ``gemiddelde_2``,
        ``verschil`` (first − second), ``ondergrens``, ``bovengrens``, ``n_1`` and
        ``n_2`` (the values each mean rests on).

    Raises:
        KlantDataError: ``confidence`` is not strictly between 0 and 1, or
            ``second`` misses a column of ``first``.

    >>> staff = pd.DataFrame({"B1": [6, 6, 7, 5]})
    >>> customers = pd.DataFrame({"B1": [4, 5, 3, 4, 5, 3]})
    >>> mean_difference(staff, customers).round(3)
        gemiddelde_1  gemiddelde_2  verschil  ondergrens  bovengrens  n_1  n_2
    B1           6.0           4.0       2.0       0.706       3.294    4    6
    """
    _check_confidence(confidence)
    from scipy.special import stdtrit

    first = first.to_frame() if isinstance(first, pd.Series) else first
    second = second.to_frame() if isinstance(second, pd.Series) else second
    missing = [column for column in first.columns if column not in second.columns]
    if missing:
        from klantlib.formatting import listing

        raise KlantDataError(f"De tweede groep mist {listing(missing, quote=True)}: vergelijk alleen kolommen "
                             "die in beide groepen staan.")
    a = first.to_numpy(dtype=float)
    b = second[list(first.columns)].to_numpy(dtype=float)
    n1, n2 = (~np.isnan(a)).sum(axis=0), (~np.isnan(b)).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean1 = np.where(n1 > 0, np.nansum(a, axis=0) / np.maximum(n1, 1), np.nan)
        mean2 = np.where(n2 > 0, np.nansum(b, axis=0) / np.maximum(n2, 1), np.nan)
        # the squared standard error of each mean: s² / n
        se1 = np.nansum((a - mean1) ** 2, axis=0) / (n1 - 1) / n1
        se2 = np.nansum((b - mean2) ** 2, axis=0) / (n2 - 1) / n2
        both = (n1 > 1) & (n2 > 1)
        freedom = (se1 + se2) ** 2 / (se1 ** 2 / (n1 - 1) + se2 ** 2 / (n2 - 1))
        t = stdtrit(np.where(both & (freedom > 0), freedom, 1.0), 0.5 + confidence / 2)
        half = np.where(both, t * np.sqrt(se1 + se2), np.nan)
    difference = mean1 - mean2
    return pd.DataFrame({"gemiddelde_1": mean1, "gemiddelde_2": mean2, "verschil": difference,
                         "ondergrens": difference - half, "bovengrens": difference + half,
                         "n_1": n1, "n_2": n2}, index=first.columns)


def correlation(values: pd.DataFrame | pd.Series, target: pd.Series, *, confidence: float = CONFIDENCE) -> pd.DataFrame:
    """Per column: Pearson's correlation r with ``target``, its interval, its p-value and on how many pairs it rests.

    r says how closely two scores rise and fall together, from −1 to 1 (0: no
    straight-line relation). It says nothing about cause. Per column only the
    rows where both the column and the target have a value count (pairwise):
    r is ``pandas.DataFrame.corrwith``'s, as SPSS's default computes it. The interval is
    Fisher's: tanh(atanh(r) ± z / √(n − 3)), with z the ``0.5 + confidence / 2``
    quantile of the normal distribution; the p-value is the two-sided t-test of
    r = 0 with n − 2 degrees of freedom. Both are what
    ``scipy.stats.pearsonr(x, y)`` and its ``confidence_interval()`` give.
    Fewer than three pairs, or a column or target that does not vary in them,
    give NaN (no r, or no interval with three pairs).

    Args:
        values: one column per score (a driver), one row per respondent; a
            Series is one column.
        target: the score to correlate with (recommendation), with the same
            index as ``values``.
        confidence: the confidence level, strictly between 0 and 1.

    Returns:
        One row per column of ``values`` with ``r``, ``ondergrens``,
        ``bovengrens``, ``p`` and ``paren`` (the rows where both have a value).

    Raises:
        KlantDataError: ``confidence`` is not strictly between 0 and 1, or
            ``target`` has another index than ``values``.

    >>> scores = pd.DataFrame({"vertrouwen": [2, 4, 5, 6, 7], "tevredenheid": [5, 6, 4, 6, 5]})
    >>> correlation(scores, pd.Series([3, 6, 7, 9, 10])).round(3)
                      r  ondergrens  bovengrens      p  paren
    vertrouwen    0.997       0.947       1.000  0.000      5
    tevredenheid  0.109      -0.856       0.904  0.861      5
    """
    _check_confidence(confidence)
    from scipy.special import ndtri, stdtr

    frame = values.to_frame() if isinstance(values, pd.Series) else values
    if not frame.index.equals(target.index):
        raise KlantDataError("De scores en de doelkolom horen bij dezelfde respondenten (dezelfde index); "
                             "neem beide uit dezelfde tabel.")
    numbers = frame.astype(float)
    target = target.astype(float)
    # r by pandas (pairwise complete, as corrwith does); n: the rows where both have a value
    r_all = numbers.corrwith(target)
    pairs = numbers.notna().mul(target.notna(), axis=0).sum()
    rows = []
    for column in frame.columns:
        n, r = int(pairs[column]), float(r_all[column])
        low = high = p = math.nan
        if n < 3:
            r = math.nan
        elif not math.isnan(r):
            r = min(max(r, -1.0), 1.0)
            t = r * math.sqrt((n - 2) / (1 - r ** 2)) if abs(r) < 1 else math.copysign(math.inf, r)
            p = float(2 * stdtr(n - 2, -abs(t)))
            if abs(r) == 1:  # a perfect line: no spread left to be unsure about
                low = high = r
            elif n > 3:
                half = float(ndtri(0.5 + confidence / 2)) / math.sqrt(n - 3)
                low, high = math.tanh(math.atanh(r) - half), math.tanh(math.atanh(r) + half)
        rows.append({"r": r, "ondergrens": low, "bovengrens": high, "p": p, "paren": n})
    return pd.DataFrame(rows, index=frame.columns, columns=["r", "ondergrens", "bovengrens", "p", "paren"])


def cronbach_alpha(items: pd.DataFrame) -> float:
    """Cronbach's alpha of a set of items: k / (k − 1) × (1 − Σ item variances / variance of the sum).

    Only respondents who answered every item count (listwise, as SPSS does by
    default). Alpha needs at least two items and two such respondents, and a sum
    that varies; otherwise it is NaN. It can be negative, when items pull in
    opposite directions (a reversed item not turned around).

    Args:
        items: one column per item, one row per respondent (numbers; blank = NaN).

    Returns:
        Alpha as a float (NaN where it does not exist).

    >>> answers = pd.DataFrame({"a": [1, 2, 3, 4], "b": [2, 2, 3, 5], "c": [1, 3, 3, 4]})
    >>> round(cronbach_alpha(answers), 4)
    0.9474
    """
    data = items.to_numpy(dtype=float)
    data = data[~np.isnan(data).any(axis=1)]
    k = data.shape[1]
    if k < 2 or len(data) < 2:
        return math.nan
    total = data.sum(axis=1).var(ddof=1)
    if total == 0:
        return math.nan
    return float(k / (k - 1) * (1 - data.var(axis=0, ddof=1).sum() / total))
