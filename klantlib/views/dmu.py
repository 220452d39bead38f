"""Figures and the role widget for buying roles and the DMU (notebook 02).

- :func:`role_grid`: who holds which role, people × roles, a filled dot per role held
  (and, with the outcome of :func:`klantlib.dmu.check_roles`, right and wrong in colour).
- :func:`dmu_size_bars`: the DMU size per buying situation: the mean as a bar,
  every purchase as a dot.
- :func:`roles_per_situation`: per role, how many people hold it on average, per buying situation.
- :func:`role_widget`: a checkbox grid to assign the roles of a case, a *Controleer*
  button and the feedback of :func:`~klantlib.dmu.check_roles`.

Every number comes from :mod:`klantlib.dmu`; this module only draws and wires.
Each plot helper draws on ``ax`` (or makes a figure of ``figsize``, by default a
size that grows in presentation mode), passes its keyword arguments to its main
plotting call, fills in defaults only, and returns the axes.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> ax = role_grid({"Ria": ["initiator", "gebruiker"], "Henk": ["koper"]})
>>> [t.get_text() for t in ax.get_yticklabels()]
['Ria', 'Henk']
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

from klantlib.dmu import BUYCLASSES, CASES, ROLES, Case, check_roles, dmu_sizes, jobs, role_matrix

__all__ = ["dmu_size_bars", "role_grid", "role_widget", "roles_per_situation"]

#: Colours of the grid: a role held, right, wrong (Okabe & Ito, as klantlib.plotting.PALETTE).
HELD, RIGHT, WRONG, EMPTY = "#0072B2", "#009E73", "#D55E00", "#D9D9D9"


def _new_axes(ax, figsize, default):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    from klantlib.plotting import figure_size

    _, ax = plt.subplots(figsize=figsize or figure_size(default))
    return ax


def _labels(assignment, people: list[str]) -> list[str]:
    """Row labels: the person, and their job when a table gives one (``functie``)."""
    if isinstance(assignment, pd.DataFrame) and "functie" in assignment.columns and "deelnemer_id" in assignment:
        job = jobs(assignment)
        return [f"{p} ({job[p]})" if p in job.index else p for p in people]
    return list(people)


def _marker_path(marker: str):
    from matplotlib.markers import MarkerStyle

    style = MarkerStyle(marker)
    return style.get_path().transformed(style.get_transform())


_DOT, _CROSS = _marker_path("o"), _marker_path("X")


class _RoleGrid:
    """The dots of :func:`role_grid`; :meth:`update` recolours them in place (for the widget)."""

    def __init__(self, ax, matrix: pd.DataFrame, labels: list[str], *, title: str | None = None, **kwargs):
        from matplotlib.collections import PathCollection

        from klantlib.plotting import underride

        self.ax = ax
        self.people = list(matrix.index)
        n, m = len(self.people), len(ROLES)
        xs, ys = np.meshgrid(np.arange(m), np.arange(n))
        self.dots = ax.scatter(xs.ravel(), ys.ravel(),
                               **underride(kwargs, PathCollection, s=420, linewidths=2, zorder=3))
        ax.set_xticks(np.arange(m), [r for r in ROLES])
        ax.xaxis.tick_top()
        ax.tick_params(axis="x", rotation=30, length=0)
        for label in ax.get_xticklabels():
            label.set_horizontalalignment("left")
        ax.set_yticks(np.arange(n), labels)
        ax.tick_params(axis="y", length=0)
        ax.xaxis.set_label_position("top")
        ax.set_xlabel("rol")
        ax.set_ylabel("persoon")
        ax.set_xlim(-0.6, m - 0.4)
        ax.set_ylim(n - 0.4, -0.6)
        ax.grid(False)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.set_axisbelow(True)
        for k in range(n):  # a light band per person, so a row is easy to follow
            ax.axhspan(k - 0.45, k + 0.45, color="#F4F4F4", zorder=0)
        self.title = ax.set_title("", loc="left", pad=12)
        self.note = ax.text(0, -0.02, "", transform=ax.transAxes, va="top", ha="left", fontsize="small",
                            color="#555555")
        self.changing = [self.dots, self.title, self.note]
        self.update(matrix, title=title)

    def update(self, matrix: pd.DataFrame, verdict: pd.DataFrame | None = None, *, title: str | None = None):
        held = matrix.reindex(index=self.people, columns=list(ROLES), fill_value=False).to_numpy().ravel()
        faces = np.where(held, HELD, "white").astype(object)
        edges = np.where(held, HELD, EMPTY).astype(object)
        if verdict is not None:
            for i, person in enumerate(self.people):
                for j, role in enumerate(ROLES):
                    k = i * len(ROLES) + j
                    if role in verdict.at[person, "goed"]:
                        faces[k] = edges[k] = RIGHT
                    elif role in verdict.at[person, "fout"]:
                        faces[k] = edges[k] = WRONG
        self.dots.set_facecolors(list(faces))
        self.dots.set_edgecolors(list(edges))
        # A wrong role is a cross, not only another colour (readable without colour vision).
        self.dots.set_paths([_CROSS if face == WRONG else _DOT for face in faces])
        self.title.set_text(title or "Wie heeft welke rol?")
        if verdict is None:
            self.note.set_text("gevulde stip: heeft deze rol")
        else:
            self.note.set_text("groene stip: goed · oranjerood kruis: deze rol hoort niet bij deze persoon\n"
                               "een rol die nog ontbreekt, zie je niet: lees de hint")


def role_grid(assignment, ax=None, *, verdict: pd.DataFrame | None = None, title: str | None = None,
              figsize=None, **kwargs):
    """Who holds which role: one row per person, one column per role, a filled dot where the person holds it.

    Args:
        assignment: per person the roles (``{"Ria": ["initiator"], ...}``) or a
            table with one row per person per role (``deelnemer_id``, ``rol``
            and, if present, ``functie``: one purchase of the ``dmu`` dataset).
        ax: the axes to draw on (default: a new figure).
        verdict: :func:`klantlib.dmu.check_roles` of this assignment: right roles
            are drawn green, wrong ones vermillion (missing ones are not shown).
        title: the title (default "Wie heeft welke rol?").
        figsize: the size of a new figure (default: grows with the number of people).
        **kwargs: passed to ``ax.scatter`` (``s``, ``linewidths``, ``marker`` ...).

    Returns:
        The axes.
    """
    matrix = role_matrix(assignment)
    ax = _new_axes(ax, figsize, (7.5, 1.2 + 0.55 * max(len(matrix), 1)))
    _RoleGrid(ax, matrix, _labels(assignment, list(matrix.index)), title=title, **kwargs).update(
        matrix, verdict, title=title)
    return ax


#: Area of a dot in :func:`dmu_size_bars`, in points², per purchase of that size.
AREA_PER_PURCHASE = 20


def _size_keys(largest: int) -> list[int]:
    """At most three round counts up to ``largest`` for the size key of :func:`dmu_size_bars`.

    >>> _size_keys(30), _size_keys(7), _size_keys(1)
    ([10, 20, 30], [2, 4, 6], [1])
    """
    from matplotlib.ticker import MaxNLocator

    ticks = MaxNLocator(nbins=3, integer=True, steps=[1, 2, 5, 10]).tick_values(1, largest)
    keys = [int(t) for t in ticks if 1 <= t <= largest]
    return keys[-3:] or [int(largest)]


def dmu_size_bars(aankopen: pd.DataFrame, ax=None, *, title: str | None = None, figsize=None, **kwargs):
    """The DMU size per buying situation: the mean as a bar, each size as a dot whose area says how many purchases.

    ``aankopen`` is the first table of :func:`klantlib.dmu.dmu_summary`; the means and
    counts are :func:`klantlib.dmu.dmu_sizes`. A key beside the axes gives the dot's
    area for a few counts (as the matrix of notebook 04 does). Keyword arguments go
    to ``ax.barh``. Returns the axes.
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    from klantlib.formatting import number
    from klantlib.plotting import PALETTE, decorate, underride

    ax = _new_axes(ax, figsize, (8, 3.6))
    means, counts = dmu_sizes(aankopen)
    situations = list(means.index)
    y = np.arange(len(situations))[::-1]
    bars = ax.barh(y, means.to_numpy(), **underride(kwargs, Patch, height=0.6, color=PALETTE[4], alpha=0.7,
                                                    label="gemiddelde"))
    for yy, situation in zip(y, situations):
        part = counts[counts["koopsituatie"] == situation]
        ax.scatter(part["deelnemers"].to_numpy(), np.full(len(part), yy),
                   s=AREA_PER_PURCHASE * part["aankopen"].to_numpy(), color=PALETTE[0], zorder=3)
        ax.text(means[situation] + 0.15, yy + 0.36, f"gemiddeld {number(means[situation], 1)}", va="center",
                fontsize="small")
    ax.set_yticks(y, situations)
    ax.set_xlim(0, max(8, counts["deelnemers"].max() + 1))  # room for the largest DMU
    decorate(ax, xlabel="aantal personen in de DMU", ylabel="koopsituatie",
             title=title or "Hoe groot is de DMU per koopsituatie?")
    keys = _size_keys(int(counts["aankopen"].max()))
    dots = [Line2D([], [], linestyle="", marker="o", color=PALETTE[0], markersize=(AREA_PER_PURCHASE * n) ** 0.5)
            for n in keys]
    size_key = ax.legend(dots, [number(n) for n in keys], title="stip: aankopen\nmet die grootte",
                         loc="upper left", bbox_to_anchor=(1.01, 1.0), labelspacing=1.2, borderpad=0.8,
                         fontsize="small", title_fontsize="small")
    ax.add_artist(size_key)
    ax.legend([bars.patches[0]], [bars.get_label()], loc="lower left", bbox_to_anchor=(1.01, 0.0),
              fontsize="small")
    return ax


def roles_per_situation(situaties: pd.DataFrame, ax=None, *, title: str | None = None, figsize=None, **kwargs):
    """Per role, how many people hold it on average in each buying situation (grouped bars).

    ``situaties`` is the second table of :func:`klantlib.dmu.dmu_summary`.
    Keyword arguments go to every ``ax.bar``. Returns the axes.
    """
    from matplotlib.patches import Patch

    from klantlib.plotting import PALETTE, decorate, number_axis, underride

    ax = _new_axes(ax, figsize, (8, 4))
    roles = list(ROLES)
    situations = [s for s in BUYCLASSES if s in situaties.index]
    x = np.arange(len(roles))
    width = 0.8 / max(len(situations), 1)
    colours = dict(zip(BUYCLASSES, (PALETTE[5], PALETTE[1], PALETTE[2])))
    hatches = dict(zip(BUYCLASSES, ("", "//", "..")))  # not by colour alone
    for k, situation in enumerate(situations):
        values = situaties.loc[situation, roles].to_numpy(dtype=float)
        ax.bar(x - 0.4 + width * (k + 0.5), values,
               **underride(kwargs, Patch, width=width, color=colours[situation], hatch=hatches[situation],
                           edgecolor="white", label=situation))
    ax.set_xticks(x, roles)
    number_axis(ax, "y", decimals=1)
    decorate(ax, xlabel="rol", ylabel="personen met deze rol\n(gemiddeld per aankoop)",
             title=title or "Hoeveel personen hebben elke rol?")
    ax.legend(title="koopsituatie", fontsize="small", loc="upper right")
    return ax


def _case(case) -> Case:
    if isinstance(case, Case):
        return case
    from klantlib.parsing import check_option

    check_option("case", case, tuple(CASES))
    return CASES[case]


def role_widget(case="ebike"):
    """Assign the roles of a case: a checkbox per person per role, a *Controleer* button, feedback per person.

    The story of ``case`` (a :class:`~klantlib.dmu.Case` or a name in
    :data:`~klantlib.dmu.CASES`) is shown above the grid. Every click redraws
    :func:`role_grid` of the current choice; *Controleer* compares it with the
    case (:func:`~klantlib.dmu.check_roles`), colours the dots right or wrong
    and shows a hint per person, never the missing role itself.

    CSS classes for browser tests: ``klant-rol-<i>-<j>`` (the checkbox of person
    ``i`` and role ``j``, from 0, in the order of the case and of table 1.1),
    ``klant-keuzes`` (the choice as text), ``klant-controleer`` (the button),
    ``klant-feedback-vak`` (the feedback), ``klant-figuur`` (the figure output).
    (tests/test_dmu.py clicks it without a browser, tests/browser/test_dmu_notebook.py in one.)
    """
    import ipywidgets as widgets

    from klantlib.views._widgets import FigureArea, redraw_on_change, with_class

    case = _case(case)
    people, roles = case.people, list(ROLES)
    story = widgets.HTML(f"<b>{html.escape(case.titel)}</b><br>{html.escape(case.tekst)}",
                         layout=widgets.Layout(max_width="760px"))
    boxes = {}
    cells = []
    for i, person in enumerate(people):
        cells.append(widgets.HTML(f"<b>{html.escape(person)}</b>"))
        for j, role in enumerate(roles):
            # Each checkbox carries its role as a visible label (its name for screen readers too); the row
            # starts with the person, so the grid reads "Ria: initiator, beïnvloeder, ...".
            box = with_class(widgets.Checkbox(value=False, indent=False, description=role,
                                              layout=widgets.Layout(width="auto")), f"klant-rol-{i}-{j}")
            boxes[person, role] = box
            cells.append(box)
    grid = with_class(widgets.GridBox(cells, layout=widgets.Layout(
        grid_template_columns=f"90px repeat({len(roles)}, max-content)", grid_gap="2px 12px")), "klant-rollen")
    chosen_html = with_class(widgets.HTML(), "klant-keuzes")
    button = with_class(widgets.Button(description="Controleer", button_style="primary"), "klant-controleer")
    feedback = with_class(widgets.HTML(), "klant-feedback-vak")
    area = FigureArea((7.5, 1.2 + 0.55 * len(people)))

    def assignment() -> dict[str, list[str]]:
        return {p: [r for r in roles if boxes[p, r].value] for p in people}

    plot = _RoleGrid(area.ax, role_matrix(assignment()), people, title=case.titel)
    area.redraws(*plot.changing)

    def update():
        current = assignment()
        chosen_html.value = " · ".join(f"<b>{html.escape(p)}</b>: {', '.join(current[p]) or '–'}" for p in people)
        feedback.value = ""  # a changed choice has not been checked yet
        plot.update(role_matrix(current), title=case.titel)
        area.show()

    def on_check(_button):
        current = assignment()
        verdict = check_roles(case, current)
        plot.update(role_matrix(current), verdict, title=case.titel)
        area.show()
        if verdict["in_orde"].all():
            feedback.value = ('<div class="klant-feedback klant-feedback-goed" style="border-left:6px solid '
                              '#009E73;padding:0.4em 0.8em">Goed! Iedereen heeft precies de rollen uit het '
                              'verhaal.</div>')
            return
        lines = "".join(f"<li><b>{html.escape(p)}</b>: {'✓' if row.in_orde else html.escape(row.hint)}</li>"
                        for p, row in verdict.iterrows())
        feedback.value = ('<div class="klant-feedback klant-feedback-fout" style="border-left:6px solid #D55E00;'
                          f'padding:0.4em 0.8em">Nog niet helemaal goed.<ul>{lines}</ul></div>')

    button.on_click(on_check)
    redraw_on_change(update, *boxes.values())
    return widgets.VBox([story, grid, chosen_html, widgets.HBox([button]), feedback, area.output])
