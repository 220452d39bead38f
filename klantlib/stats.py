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

They are plain NumPy on the values a model hands them; they don't check
answers (the models do that first, with :mod:`klantlib.survey`).

The distributions these rest on are computed here too, in one place, for every
model: :func:`t_cdf` and :func:`t_quantile` (Student's t), :func:`chi_square_tail`
and :func:`chi_square_tail_inverse` (the chi-square test of notebook 03); the normal
quantile is :class:`statistics.NormalDist`'s. Not scipy's: importing
``scipy.special`` alone (its compiled library of special functions) costs every
kernel that computes an interval 9-12 MiB, measured in December 2026 with
``VmHWM`` in notebooks 03, 05, 07, 08 and 09, which then peaked at 1,32-1,43
times an empty notebook. A kernel's peak memory is what limits how many students
fit on a JupyterHub. The algorithms are the textbook ones (Press et al.,
*Numerical Recipes*, 3rd ed., 2007, §6.2 and §6.4), and the tests compare them
with scipy over a wide grid.
"""

from __future__ import annotations

import functools
import math
from statistics import NormalDist

import numpy as np
import pandas as pd

from klantlib.errors import KlantDataError

__all__ = ["CONFIDENCE", "chi_square_tail", "chi_square_tail_inverse", "correlation", "cronbach_alpha",
           "mean_difference", "mean_interval", "t_cdf", "t_quantile"]

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
    frame = values.to_frame() if isinstance(values, pd.Series) else values
    data = frame.to_numpy(dtype=float)
    n = (~np.isnan(data)).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(n > 0, np.nansum(data, axis=0) / np.maximum(n, 1), np.nan)
        spread = np.sqrt(np.nansum((data - mean) ** 2, axis=0) / (n - 1))
        half = np.where(n > 1, t_quantile(0.5 + confidence / 2, np.maximum(n - 1, 1)) * spread / np.sqrt(n), np.nan)
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
        t = t_quantile(0.5 + confidence / 2, np.where(both & (freedom > 0), freedom, 1.0))
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
            p = 2 * t_cdf(-abs(t), n - 2)
            if abs(r) == 1:  # a perfect line: no spread left to be unsure about
                low = high = r
            elif n > 3:
                half = NormalDist().inv_cdf(0.5 + confidence / 2) / math.sqrt(n - 3)
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


# -- the distributions -------------------------------------------------------------------------------------------
# Press, Teukolsky, Vetterling & Flannery, Numerical Recipes, 3rd ed. (2007): the regularized incomplete gamma
# function (§6.2: its series and its continued fraction) and the regularized incomplete beta function (§6.4: its
# continued fraction), each evaluated by the modified Lentz method (§5.2), with the logarithm of the gamma
# function from math.lgamma. Student's t and the chi-square distribution are special cases of them (§6.14).

_EPSILON = 2.0 ** -52  # the spacing of floats near 1
_TINY = 1e-300  # keeps the Lentz method from dividing by zero
_MAX_TERMS = 10_000


def _beta_fraction(a: float, b: float, x: float) -> float:
    """The continued fraction of the regularized incomplete beta function I_x(a, b) (Numerical Recipes, §6.4)."""
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > _TINY else _TINY)
    h = d
    for m in range(1, _MAX_TERMS):
        for term in (m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),  # the even step, then the odd one
                     -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))):
            d = 1.0 + term * d
            d = 1.0 / (d if abs(d) > _TINY else _TINY)
            c = 1.0 + term / c
            c = c if abs(c) > _TINY else _TINY
            h *= d * c
        if abs(d * c - 1.0) <= _EPSILON:
            break
    return h


def _stirling_correction(x: float) -> float:
    """lgamma(x) - ((x - ½) log x - x + ½ log 2π) for x >= 10, by Stirling's series (its first seven terms).

    Large arguments' lgamma values nearly cancel in the prefactors below; this keeps what is left
    exact (as R's ``lbeta`` and DiDonato & Morris's TOMS 708 do).
    """
    inverse = 1.0 / (x * x)
    series = 0.0
    for coefficient in (-3617 / 122400, 1 / 156, -691 / 360360, 1 / 1188, -1 / 1680, 1 / 1260, -1 / 360):
        series = (series + coefficient) * inverse
    return (series + 1 / 12) / x


def _log_beta(a: float, b: float) -> float:
    """log B(a, b) = lgamma(a) + lgamma(b) - lgamma(a + b), without their cancellation for large a or b."""
    small, large = min(a, b), max(a, b)
    if large < 10:
        return math.lgamma(small) + math.lgamma(large) - math.lgamma(small + large)
    share = small / (small + large)
    if small >= 10:
        correction = _stirling_correction(small) + _stirling_correction(large) - _stirling_correction(small + large)
        return (-0.5 * math.log(large) + 0.5 * math.log(2 * math.pi) + correction
                + (small - 0.5) * math.log(share) + large * math.log1p(-share))
    correction = _stirling_correction(large) - _stirling_correction(small + large)
    return (math.lgamma(small) + correction + small - small * math.log(small + large)
            + (large - 0.5) * math.log1p(-share))


def _beta_regularized(a: float, b: float, x: float, y: float, log_x: float, log_y: float) -> float:
    """I_x(a, b), with y = 1 - x and both logarithms given apart (computed without cancellation by the caller)."""
    if x <= 0.0:
        return 0.0
    if y <= 0.0:
        return 1.0
    front = math.exp(a * log_x + b * log_y - _log_beta(a, b))
    if x < (a + 1.0) / (a + b + 2.0):  # where the fraction converges fast; else by symmetry, I_x(a, b) = 1 - I_y(b, a)
        return front * _beta_fraction(a, b, x) / a
    return 1.0 - front * _beta_fraction(b, a, y) / b


def _t_tail(t: float, degrees: float) -> float:
    """P(T >= t) for t >= 0: ½ I_x(degrees / 2, ½) with x = degrees / (degrees + t²)."""
    if math.isinf(t):
        return 0.0
    if math.isinf(degrees):
        return NormalDist().cdf(-t)
    ratio = t * t / degrees
    if ratio == 0.0:  # t so near 0 that P(T >= t) is ½ to the last digit
        return 0.5
    return 0.5 * _beta_regularized(degrees / 2, 0.5, 1 / (1 + ratio), ratio / (1 + ratio),
                                   -math.log1p(ratio), math.log(ratio) - math.log1p(ratio))


def _t_density(t: float, degrees: float) -> float:
    if math.isinf(degrees):
        return NormalDist().pdf(t)
    return math.exp(math.lgamma((degrees + 1) / 2) - math.lgamma(degrees / 2) - 0.5 * math.log(degrees * math.pi)
                    - (degrees + 1) / 2 * math.log1p(t * t / degrees))


def _gamma_upper(a: float, x: float) -> float:
    """The regularized upper incomplete gamma function Q(a, x) = 1 - P(a, x) (Numerical Recipes, §6.2)."""
    if x <= 0.0:
        return 1.0
    if math.isinf(x):
        return 0.0
    if a >= 10 and a / 2 < x < 2 * a:  # -x + a log x - lgamma(a), without the cancellation of its large terms
        front = math.exp(a * (math.log1p((x - a) / a) - (x - a) / a) + 0.5 * math.log(a / (2 * math.pi))
                         - _stirling_correction(a))
    else:
        front = math.exp(-x + a * math.log(x) - math.lgamma(a))
    if x < a + 1.0:  # the series of P(a, x) converges fast here
        term = total = 1.0 / a
        for n in range(1, _MAX_TERMS):
            term *= x / (a + n)
            total += term
            if abs(term) <= abs(total) * _EPSILON:
                break
        return 1.0 - front * total
    # the continued fraction of Q(a, x), by the modified Lentz method
    b = x + 1.0 - a
    c, d = 1.0 / _TINY, 1.0 / b
    h = d
    for i in range(1, _MAX_TERMS):
        term = -i * (i - a)
        b += 2.0
        d = term * d + b
        d = 1.0 / (d if abs(d) > _TINY else _TINY)
        c = b + term / c
        c = c if abs(c) > _TINY else _TINY
        h *= d * c
        if abs(d * c - 1.0) <= _EPSILON:
            break
    return front * h


def _chi_square_density(x: float, degrees: float) -> float:
    a = degrees / 2
    return math.exp((a - 1) * math.log(x / 2) - x / 2 - math.lgamma(a)) / 2


def _solve_tail(tail, density, target: float, start: float) -> float:
    """The x > 0 where a falling tail(x) equals ``target``: Newton's method, kept inside a shrinking bracket.

    A Newton step that would leave the bracket (a heavy tail, a poor start) is replaced by
    halving the bracket, or doubling x while no upper end is known.
    """
    low, high, x = 0.0, math.inf, start
    for _ in range(_MAX_TERMS):
        excess = tail(x) - target
        if excess == 0.0:
            return x
        if excess > 0.0:
            low = x
        else:
            high = x
        slope = density(x)
        new = x + excess / slope if slope > 0.0 else low  # no slope left (far out in the tail): not a step
        if not low < new < high:
            new = 2.0 * x if math.isinf(high) else (low + high) / 2
        if abs(new - x) <= 4 * _EPSILON * abs(new) or (high - low <= 4 * _EPSILON * high < math.inf):
            return new
        x = new
    return x


def _broadcast(function):
    """Let a function of floats take arrays too (element by element), as NumPy's functions do."""
    vectorized = np.vectorize(function, otypes=[float])

    @functools.wraps(function)
    def wrapper(*args):
        if any(np.ndim(arg) for arg in args):
            return vectorized(*args)
        return function(*(float(arg) for arg in args))

    return wrapper


@_broadcast
@functools.lru_cache(maxsize=1024)
def t_cdf(t: float, degrees: float) -> float:
    """The chance that Student's t with ``degrees`` degrees of freedom is at most ``t``: P(T <= t).

    What ``scipy.stats.t.cdf(t, degrees)`` gives (a test compares them to 1e-11 relative,
    over a wide grid). A two-sided p-value is ``2 * t_cdf(-abs(t), degrees)``. Computed by
    the regularized incomplete beta function, I_x(degrees/2, ½) with x = degrees / (degrees + t²)
    (Numerical Recipes, §6.4 and §6.14), not by scipy: see the module's docstring for why.

    Args:
        t: the value, any float (``inf`` too); numbers or arrays.
        degrees: the degrees of freedom, above 0 (need not be whole: Welch's are not).

    Returns:
        The chance, a float from 0 to 1 (an array for arrays); NaN for a NaN or for degrees <= 0.

    >>> round(t_cdf(2.0, 10), 6), t_cdf(0.0, 3), round(2 * t_cdf(-2.228139, 10), 4)
    (0.963306, 0.5, 0.05)
    """
    if math.isnan(t) or math.isnan(degrees) or degrees <= 0:
        return math.nan
    tail = _t_tail(abs(t), degrees)
    return tail if t < 0 else 1.0 - tail


@_broadcast
@functools.lru_cache(maxsize=1024)
def t_quantile(p: float, degrees: float) -> float:
    """The ``p`` quantile of Student's t with ``degrees`` degrees of freedom: the t with P(T <= t) = p.

    A 95% interval uses ``t_quantile(0.975, n - 1)``. What ``scipy.stats.t.ppf(p, degrees)``
    gives (a test compares them to 1e-11 relative, over a wide grid): :func:`t_cdf` solved for t by
    Newton's method inside a bracket, starting from the normal quantile.

    Args:
        p: the chance, from 0 to 1 (0 gives ``-inf``, 1 gives ``inf``); numbers or arrays.
        degrees: the degrees of freedom, above 0 (need not be whole).

    Returns:
        t, a float (an array for arrays); NaN for a p outside 0-1, a NaN, or degrees <= 0.

    >>> round(t_quantile(0.975, 10), 6), round(t_quantile(0.025, 10), 6), t_quantile(0.5, 4)
    (2.228139, -2.228139, 0.0)
    >>> t_quantile(0.975, [1, 2]).round(4)
    array([12.7062,  4.3027])
    """
    if math.isnan(p) or math.isnan(degrees) or degrees <= 0 or not 0.0 <= p <= 1.0:
        return math.nan
    if p == 0.5:
        return 0.0
    if p in (0.0, 1.0):
        return math.copysign(math.inf, p - 0.5)
    tail = min(p, 1.0 - p)  # exact for p from 0.5 to 1 (Sterbenz)
    start = -NormalDist().inv_cdf(tail)
    t = _solve_tail(lambda x: _t_tail(x, degrees), lambda x: _t_density(x, degrees), tail, start)
    return t if p > 0.5 else -t


@_broadcast
@functools.lru_cache(maxsize=1024)
def chi_square_tail(x: float, degrees: float) -> float:
    """The chance that a chi-square variable with ``degrees`` degrees of freedom is at least ``x``: its p-value.

    What ``scipy.stats.chi2.sf(x, degrees)`` gives (a test compares them to 1e-11 relative, over a
    wide grid). Computed by the regularized upper incomplete gamma function Q(degrees/2, x/2)
    (Numerical Recipes, §6.2 and §6.14), not by scipy: see the module's docstring for why.

    Args:
        x: the chi-square statistic (0 or more; below 0 the chance is 1); numbers or arrays.
        degrees: the degrees of freedom, above 0.

    Returns:
        The chance, a float from 0 to 1 (an array for arrays); NaN for a NaN or for degrees <= 0.

    >>> round(chi_square_tail(3.841459, 1), 6), round(chi_square_tail(11.86, 2), 5), chi_square_tail(0.0, 4)
    (0.05, 0.00266, 1.0)
    """
    if math.isnan(x) or math.isnan(degrees) or degrees <= 0:
        return math.nan
    return _gamma_upper(degrees / 2, x / 2)


@_broadcast
@functools.lru_cache(maxsize=1024)
def chi_square_tail_inverse(alpha: float, degrees: float) -> float:
    """The x that a chi-square variable with ``degrees`` degrees of freedom exceeds with chance ``alpha``.

    The critical value of a chi-square test at level ``alpha``: the inverse of
    :func:`chi_square_tail`, as ``scipy.stats.chi2.isf(alpha, degrees)`` gives it (a test
    compares them to 1e-11 relative, over a wide grid). Solved by Newton's method inside a
    bracket, from Wilson and Hilferty's (1931) approximation.

    Args:
        alpha: the chance, from 0 to 1 (1 gives 0, 0 gives ``inf``); numbers or arrays.
        degrees: the degrees of freedom, above 0.

    Returns:
        x, a float (an array for arrays); NaN for an alpha outside 0-1, a NaN, or degrees <= 0.

    >>> round(chi_square_tail_inverse(0.05, 1), 6), round(chi_square_tail_inverse(0.05, 24), 4)
    (3.841459, 36.415)
    """
    if math.isnan(alpha) or math.isnan(degrees) or degrees <= 0 or not 0.0 <= alpha <= 1.0:
        return math.nan
    if alpha == 1.0:
        return 0.0
    if alpha == 0.0:
        return math.inf
    # Wilson & Hilferty: the cube root of chi-square / degrees is nearly normal
    spread = 2 / (9 * degrees)
    start = degrees * (1 - spread + NormalDist().inv_cdf(1 - alpha) * math.sqrt(spread)) ** 3
    start = start if start > 0 else degrees
    return _solve_tail(lambda x: _gamma_upper(degrees / 2, x / 2), lambda x: _chi_square_density(x, degrees),
                       alpha, start)
