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

import anywidget
import ipywidgets as w
import traitlets

from .html import STYLE_TAG, Html, raw


class StyleAndKeys(anywidget.AnyWidget):
    """The explorer's stylesheet (``value``, shown as HTML), and the helper that gives the arrow keys,
    Enter and Space inside an explorer to its controls.

    JupyterLab binds the arrow keys in a notebook's command mode (move to the next cell), and its binding wins
    over a focused <select>: without this, ArrowDown on an explorer's menu moves the notebook's cursor instead
    of choosing the next item (measured: the select's keydown is prevented on the way up and the focus moves to
    the cell). This marks the explorer's box ``data-lm-suppress-shortcuts`` and stops those keys (not Tab,
    Escape, Shift+Enter or modified keys) from leaving a focused control inside it. It also names the
    slider handles, makes the Accordion's section headers buttons the keyboard reaches (Tab) and opens
    (Enter or Space), and names the page's static plotly figures by their alt text (JupyterLab's plotly
    renderer gives them none)."""

    value = traitlets.Unicode("").tag(sync=True)
    _esm = """export default { render({ model, el }) {
      el.innerHTML = model.get('value');
      model.on('change:value', () => { el.innerHTML = model.get('value'); });
      let tries = 0;
      const mark = () => {
        const box = el.closest('.lessons-explorer, .lessons-quiz');
        if (!box) { if (tries++ < 100) requestAnimationFrame(mark); return; }
        if (box.dataset.lessonsKeys) return;
        box.dataset.lessonsKeys = 'on';
        box.setAttribute('data-lm-suppress-shortcuts', 'true');
        // JupyterLab handles keydown on the way up (bubbling): keep these keys for the focused control
        const keys = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown', ' ', 'Enter'];
        box.addEventListener('keydown', (e) => {
          if (!keys.includes(e.key) || e.ctrlKey || e.metaKey || e.altKey || (e.key === 'Enter' && e.shiftKey)) return;
          if (e.target !== box && e.target.closest('select, input, button, textarea, [role], [tabindex]')) e.stopPropagation();
        });
        // ipywidgets' slider handle is the focusable control, but its description is not tied to it: name it
        const name = () => box.querySelectorAll('.widget-slider .noUi-handle:not([aria-label])').forEach((h) => {
          const label = h.closest('.widget-slider').querySelector('.widget-label');
          const text = label && label.textContent.trim();
          if (text) h.setAttribute('aria-label', text);
        });
        // ipywidgets' Accordion headers answer a click only: make each a button the keyboard reaches and opens
        const expanded = (h) => h.setAttribute('aria-expanded',
          String(!!h.parentElement && h.parentElement.classList.contains('jupyter-widget-Collapse-open')));
        const headers = () => box.querySelectorAll('.jupyter-widget-Collapse-header:not([tabindex])').forEach((h) => {
          h.tabIndex = 0;
          h.setAttribute('role', 'button');
          expanded(h);
          h.addEventListener('keydown', (e) => {
            if (e.key !== 'Enter' && e.key !== ' ') return;
            e.preventDefault();
            e.stopPropagation();
            h.click();
          });
          h.addEventListener('click', () => requestAnimationFrame(() => expanded(h)));
        });
        const all = () => { name(); headers(); };
        all();
        new MutationObserver(all).observe(box, { childList: true, subtree: true });
        // the notebook's static plotly figures (JupyterLab's own renderer) carry no name for a screen reader:
        // give each its alt text (layout.meta.alt) or its title, once per page
        if (!window.__lessonsFigureNames) {
          window.__lessonsFigureNames = true;
          const label = () => document.querySelectorAll('.jp-RenderedPlotly .js-plotly-plot:not([aria-label])')
            .forEach((gd) => {
              const layout = gd.layout || {};
              const meta = layout.meta && typeof layout.meta === 'object' ? layout.meta : {};
              const title = layout.title && (typeof layout.title === 'string' ? layout.title : layout.title.text);
              const text = meta.alt || (title ? String(title).replace(/<[^>]+>/g, ' ') : '');
              if (!text) return;
              gd.setAttribute('role', 'figure');
              gd.setAttribute('aria-label', text.replace(/\\s+/g, ' ').trim());
            });
          label();
          let queued = false;  // JupyterLab changes the page often: one look per frame at most
          new MutationObserver(() => {
            if (queued) return;
            queued = true;
            requestAnimationFrame(() => { queued = false; label(); });
          }).observe(document.body, { childList: true, subtree: true });
        }
      };
      mark();
    } };"""


class Explorer(w.VBox):
    """Base class: watched controls as the only state, ``quiet()``, ``reset()``, a text repr."""

    def __init__(self, children=(), *, summary: str, **kwargs):
        self._watched: list[tuple[w.Widget, str, object]] = []
        self._quiet_depth = 0
        self._stale = False
        self.summary = summary
        self._style = StyleAndKeys(value=STYLE_TAG, layout=w.Layout(display="none"))
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
        """Lay the explorer out (the stylesheet, with the keyboard helper, stays first, invisible)."""
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

    def start_here(self) -> None:
        """Take the controls as they are now as the explorer's starting point (what Reset goes back to)."""
        self._watched = [(control, name, getattr(control, name)) for control, name, _ in self._watched]

    def refresh(self) -> None:  # pragma: no cover - every explorer implements it
        raise NotImplementedError

    def static_figure(self) -> dict | None:
        """The figure an exported page shows where no kernel runs (a spec dict), or None for the
        live figure's first state. An explorer whose controls plotly's own buttons can stand in for
        returns that figure, so the page keeps as much of the explorer as plotly alone allows."""
        return None

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
