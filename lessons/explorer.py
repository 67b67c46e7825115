"""The one base of every explorer: a box of controls, a figure and panels whose only state is the controls.

An explorer subclass

- builds its controls and registers each with :meth:`Explorer.watch` (any change calls :meth:`refresh`);
- implements :meth:`refresh`, which reads what the student chose *from the controls*, shows the figure
  (``self.figure.show(fig)``, a :class:`lessons.figsync.PlotView`) and updates its panels;
- sets several controls at once inside ``with self.quiet():`` (one refresh at the end, no re-entrancy flags);
- gets :meth:`reset` and a **Reset** button for free (every watched control back to where it started);
- uses :meth:`alt_table_box` for the "Describe this figure" / "Data as a table" accordion;
- offers ``select(id)`` for its items, and handles clicks through ``self.figure.on_click``.

Where no widget can be drawn (GitHub, a viewer without a kernel) the explorer shows its ``summary`` as text.
"""

from __future__ import annotations

from contextlib import contextmanager

import ipywidgets as w

from .html import STYLE_TAG, Html, raw


class Explorer(w.VBox):
    """Base class: watched controls as the only state, ``quiet()``, ``reset()``, a text repr."""

    def __init__(self, children=(), *, summary: str, **kwargs):
        self._watched: list[tuple[w.Widget, str, object]] = []
        self._quiet_depth = 0
        self._stale = False
        self.summary = summary
        self._style = w.HTML(STYLE_TAG, layout=w.Layout(display="none"))
        self.reset_button = w.Button(
            description="Reset",
            icon="undo",
            tooltip="Put every control back where it started",
            layout=w.Layout(width="auto"),
        )
        self.reset_button.on_click(lambda _button: self.reset())
        super().__init__(children=(self._style, *children), **kwargs)
        self.add_class("lessons-explorer")
        self.add_class("lessons")

    def set_children(self, *children) -> None:
        """Lay the explorer out (the stylesheet stays first, invisible)."""
        self.children = (self._style, *children)

    # -- state ------------------------------------------------------------------------------------------
    def watch(self, control: w.Widget, names: str = "value") -> w.Widget:
        """Refresh whenever ``control.<names>`` changes, and restore its current value on :meth:`reset`."""
        self._watched.append((control, names, getattr(control, names)))
        control.observe(self._changed, names=names)
        return control

    def _changed(self, _change=None) -> None:
        if self._quiet_depth:
            self._stale = True
        else:
            self.refresh()

    @contextmanager
    def quiet(self):
        """Set several controls without a refresh for each; refresh once at the end if anything changed."""
        self._quiet_depth += 1
        try:
            yield self
        finally:
            self._quiet_depth -= 1
            if not self._quiet_depth and self._stale:
                self._stale = False
                self.refresh()

    def reset(self) -> None:
        """Every watched control back to its first value, then one refresh."""
        with self.quiet():
            for control, name, initial in self._watched:
                setattr(control, name, initial)
            self._stale = True

    def refresh(self) -> None:  # pragma: no cover - every explorer implements it
        raise NotImplementedError

    # -- pieces -----------------------------------------------------------------------------------------
    @staticmethod
    def alt_table_box(alt: Html | str = "", table: Html | str = "") -> w.Accordion:
        """The accordion under every figure: its text description and its data as a table (both closed)."""
        describe = w.HTML(str(raw(alt) if isinstance(alt, Html) else Html(f"<p>{alt}</p>")))
        as_table = w.HTML(str(raw(table)))
        box = w.Accordion(children=[describe, as_table], selected_index=None)
        box.set_title(0, "Describe this figure (text)")
        box.set_title(1, "Data as a table")
        return box

    @staticmethod
    def html_panel(value: Html | str = "", **layout) -> w.HTML:
        """An ipywidgets HTML panel holding an :class:`~lessons.html.Html` value."""
        return w.HTML(str(value), layout=w.Layout(**layout))

    def __repr__(self) -> str:
        # ipywidgets cuts text reprs at about 120 characters; keep summaries short
        return f"[{self.summary} (interactive: run the notebook to use it)]"
