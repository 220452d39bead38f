"""A choice question as clickable options: pick, press the button, read the feedback.

:func:`ask` shows the question of a key (``ask("rfm_peildatum")``), :func:`choice_widget`
any :class:`~klantlib.selfcheck.Question`. The computing (which options are right,
what a wrong option misses) is :func:`klantlib.selfcheck.check`; this module only
draws and wires the widget. In a stored notebook, on GitHub or on paper, where no
widget can run, the question shows as a plain list of its options.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from klantlib.selfcheck import LETTERS, Question, question
from klantlib.views._widgets import with_class

__all__ = ["ChoiceQuestion", "ask", "choice_widget"]


class ChoiceQuestion(widgets.VBox):
    """The widget box, with a static fallback (the options as a list) for frontends without widgets."""

    question: Question

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        options = [f"{LETTERS[i]}. {text}" for i, text in enumerate(self.question.options)]
        how = "Kies er één of meer" if self.question.multiple else "Kies er één"
        bundle["text/plain"] = f"{how}:\n" + "\n".join(options)
        bundle["text/html"] = f"<p>{how}:</p><ol type='A'>" + "".join(
            f"<li>{html.escape(text)}</li>" for text in self.question.options
        ) + "</ol>"
        return bundle


def choice_widget(question: Question) -> ChoiceQuestion:
    """Radio buttons (one answer) or checkboxes (``multiple``), a check button and the feedback.

    >>> from klantlib.selfcheck import part_hash
    >>> from klantlib.views._widgets import find_widget
    >>> q = Question("demo_keuze", kind="choice", options=["koesteren", "laten groeien"],
    ...              members=[part_hash("demo_keuze", "laten groeien")])
    >>> box = choice_widget(q)
    >>> find_widget(box, "klant-keuze").index = 1
    >>> find_widget(box, "klant-controleer").click()
    >>> "Goed!" in find_widget(box, "klant-feedback-vak").value
    True
    """
    labels = [f"{LETTERS[i]}. {text}" for i, text in enumerate(question.options)]
    layout = widgets.Layout(width="auto")
    if question.multiple:
        boxes = [with_class(widgets.Checkbox(value=False, description=label, indent=False, layout=layout),
                            "klant-keuze") for label in labels]
        selector = widgets.VBox(boxes)

        def chosen():
            return [text for box, text in zip(boxes, question.options) if box.value]
    else:
        selector = with_class(widgets.RadioButtons(options=labels, value=None, layout=layout), "klant-keuze")

        def chosen():
            return None if selector.index is None else question.options[selector.index]

    button = with_class(widgets.Button(description="Controleer", button_style="primary"), "klant-controleer")
    feedback = with_class(widgets.HTML(), "klant-feedback-vak")

    def on_click(_button):
        answer = chosen()
        if answer is None or answer == []:
            feedback.value = "<i>Kies eerst een antwoord.</i>"
            return
        feedback.value = question.check(answer)._repr_html_()

    button.on_click(on_click)
    box = ChoiceQuestion([selector, button, feedback])
    box.question = question
    return with_class(box, "klant-vraag")


def ask(key: str) -> ChoiceQuestion:
    """Show the choice question ``key`` of the question banks as clickable options with a check button.

    Args:
        key: the question's key in its bank (:func:`klantlib.selfcheck.question`).

    Returns:
        The widget (:func:`choice_widget`); shown as a list of the options where no widget runs.

    Raises:
        KeyError: there is no question with this key (close keys are suggested).
        ValueError: the question is not a choice (answer it with :func:`klantlib.selfcheck.check`).

    >>> ask("start_herstart").question.kind
    'choice'
    """
    q = question(key)
    if q.kind != "choice":
        raise ValueError(f"De opdracht {key!r} is geen keuzevraag: vul je antwoord in en gebruik check({key!r}, ...).")
    return choice_widget(q)
