"""One small view per kind of question: it builds the controls, reads the response from them, puts a
response into them and locks them. :data:`VIEW_CLASSES` maps a kind to its view."""

from __future__ import annotations

import itertools
from collections.abc import Mapping

import ipywidgets as w

from .. import html as h
from .questions import MAX_PARTS, Question, as_list, text

# --------------------------------------------------------------------------- one view per kind


class QuestionView(w.VBox):
    """One question on screen: prompt, hint, controls and feedback. Subclasses build the controls."""

    def __init__(self, question: Question, number: int = 1):
        self.question, self.locked = question, False
        self.prompt = w.HTML(
            str(h.Html(f"<div class='lessons lessons-quiz-prompt'><b>{number}.</b> {h.esc(question.prompt)}</div>"))
        )
        self.hint = w.HTML(str(h.Html(f"<div class='lessons lessons-muted'>{h.esc(question.hint)}</div>")))
        self.feedback = w.HTML("")
        self.controls = self.build()
        super().__init__(children=[self.prompt, self.hint, self.controls, self.feedback])

    def build(self) -> w.Widget:
        raise NotImplementedError

    def inputs(self) -> list[w.Widget]:
        """The controls a student uses (disabled when locked)."""
        return []

    def response(self):
        raise NotImplementedError

    def set_response(self, response) -> str:
        """Put ``response`` into the controls; return '' or a message when it does not fit."""
        raise NotImplementedError

    def untouched_message(self) -> str:
        """A hint when the controls still hold their starting state ('' once the student has answered)."""
        blank = self.question.mark(self.response())
        return "" if blank.answered or not self.question.is_blank(self.response()) else blank.feedback

    def lock(self, locked: bool) -> None:
        self.locked = locked
        for control in self.inputs():
            control.disabled = locked

    def clear(self) -> None:
        self.feedback.value = ""
        self.lock(False)
        self.set_response(None)


class SingleView(QuestionView):
    def build(self):
        self.radio = w.RadioButtons(options=self.question.options(), value=None, layout=w.Layout(width="auto"))
        return self.radio

    def inputs(self):
        return [self.radio]

    def response(self):
        return self.radio.value

    def set_response(self, response) -> str:
        choice = text(response, 1000)
        if response is not None and choice not in self.question.choices:
            return f"“{choice[:80]}” is not one of the options."
        self.radio.value = None if response is None else choice
        return ""


class MultipleView(QuestionView):
    def build(self):
        self.boxes = [
            w.Checkbox(value=False, description=o, indent=False, layout=w.Layout(width="auto"))
            for o in self.question.options()
        ]
        return w.VBox(self.boxes)

    def inputs(self):
        return self.boxes

    def response(self):
        return [b.description for b in self.boxes if b.value]

    def set_response(self, response) -> str:
        picked = set(as_list(response))
        unknown = picked - set(self.question.choices)
        if unknown:
            return f"“{sorted(unknown)[0][:80]}” is not one of the options."
        for box in self.boxes:
            box.value = box.description in picked
        return ""


class OrderView(QuestionView):
    """Items with ↑ and ↓ buttons. Until the student moves one, the ordering is not an answer."""

    def build(self):
        self.order, self.touched = self.question.options(), False
        self.item_labels, self.up_buttons, self.down_buttons, rows = [], [], [], []
        for i in range(len(self.order)):
            label = w.HTML(layout=w.Layout(width="auto"))
            up = w.Button(description="↑", layout=w.Layout(width="36px"))
            down = w.Button(description="↓", layout=w.Layout(width="36px"))
            up.on_click(lambda _b, i=i: self.move(i, -1))
            down.on_click(lambda _b, i=i: self.move(i, +1))
            self.item_labels.append(label)
            self.up_buttons.append(up)
            self.down_buttons.append(down)
            rows.append(w.HBox([up, down, label]))
        self.relabel()
        return w.VBox(rows)

    def relabel(self) -> None:
        last = len(self.order) - 1
        for i, item in enumerate(self.order):
            self.item_labels[i].value = f"<span class='lessons'>{i + 1}. {h.esc(item)}</span>"
            self.up_buttons[i].tooltip, self.down_buttons[i].tooltip = f"Move “{item}” up", f"Move “{item}” down"
            self.up_buttons[i].disabled = self.locked or i == 0
            self.down_buttons[i].disabled = self.locked or i == last

    def move(self, index: int, step: int) -> None:
        """Move the item at ``index`` up (step -1) or down (step +1)."""
        target = index + step
        if self.locked or not (0 <= index < len(self.order) and 0 <= target < len(self.order)):
            return
        self.order[index], self.order[target] = self.order[target], self.order[index]
        self.touched = True
        self.relabel()

    def response(self):
        return list(self.order)

    def set_response(self, response) -> str:
        if response is None:
            self.order, self.touched = self.question.options(), False
            self.relabel()
            return ""
        items = as_list(response)
        if sorted(items) != sorted(self.question.choices):
            return "The list must contain each item exactly once."
        self.order, self.touched = items, True
        self.relabel()
        return ""

    def untouched_message(self) -> str:
        return "" if self.touched else "Move the items first: use ↑ and ↓ to put them in order, then press Check."

    def lock(self, locked: bool) -> None:
        self.locked = locked
        self.relabel()


class MatchView(QuestionView):
    def build(self):
        rights = self.question.options()
        self.dropdowns = {
            left: w.Dropdown(
                options=rights,
                value=None,
                description=f"Match: {left}",  # the menu's accessible name (hidden on screen; the row shows the item)
                layout=w.Layout(flex="1 1 50%", width="auto"),
            ).add_class("lessons-named-menu")
            for left in self.question.choices
        }
        return w.VBox(
            [
                w.HBox(
                    [w.HTML(f"<span class='lessons'>{h.esc(left)}</span>", layout=w.Layout(flex="1 1 45%")), dd],
                    layout=w.Layout(align_items="center"),
                )
                for left, dd in self.dropdowns.items()
            ]
        )

    def inputs(self):
        return list(self.dropdowns.values())

    def response(self):
        return {left: dd.value for left, dd in self.dropdowns.items() if dd.value is not None}

    def set_response(self, response) -> str:
        if isinstance(response, Mapping):
            pairs = dict(itertools.islice(response.items(), MAX_PARTS))
        elif response is None:
            pairs = {}
        else:
            read = self.question.read(response)
            if isinstance(read, str):
                return read
            pairs = read
        for left, right in pairs.items():
            if left not in self.dropdowns:
                return f"“{text(left, 80)}” is not one of the items to match."
            if right is not None and right not in self.dropdowns[left].options:
                return f"“{text(right, 80)}” is not one of the options."
        for left, dd in self.dropdowns.items():
            dd.value = pairs.get(left)
        return ""


class NumericView(QuestionView):
    def build(self):
        self.text = w.Text(value="", placeholder="Type a number", layout=w.Layout(width="16em"))
        return self.text

    def inputs(self):
        return [self.text]

    def response(self):
        return self.text.value

    def set_response(self, response) -> str:
        typed = "" if response is None else text(response, 10_000) if not isinstance(response, str) else response
        self.text.value = typed[:10_000]
        return ""


class ErrorView(w.VBox):
    """A question whose row cannot be read: its problem instead of controls."""

    def __init__(self, message: str):
        self.question, self.locked, self.feedback = None, True, w.HTML("")
        super().__init__(children=[w.HTML(str(h.empty_state(message or "This question could not be read.")))])

    def clear(self) -> None:
        pass


VIEW_CLASSES = {
    "single": SingleView,
    "multiple": MultipleView,
    "order": OrderView,
    "match": MatchView,
    "numeric": NumericView,
}
