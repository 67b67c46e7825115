"""The one figure engine of every explorer: :class:`PlotView` shows a plotly figure in JupyterLab, takes
its container's width, and keeps it in step with the controls by sending only what changed.

Why not plotly's ``go.FigureWidget``? Measured in JupyterLab 4 with plotly 7 and anywidget, every
FigureWidget carries the whole plotly.js bundle in its widget state: a 5.1 MB websocket frame per
explorer, every time a cell runs (10.6 MB for one Run All of lesson 03; over 300 MB for a class of thirty).
It also guesses axis types from the first data that reaches the browser (a date axis drawn in
milliseconds when an update arrives before the first draw), draws at 700 px until a width hack runs, and
resets properties left out of a batch sent before the first draw. This widget avoids all four:

- **plotly.js once, cached.** The browser loads ``<base>/static/plotly.min.js?v=<version>``, a static file
  that jupyter_server serves from plotly's own package data (``ServerApp.extra_static_paths``, written by
  ``python -m lessons.dev.setup_lab``; Binder's ``postBuild`` does the same) with a long cache lifetime, so it
  crosses the network at most once per browser. Where that file is not served (a JupyterHub set up by
  someone else), the first view on the page asks the kernel for the bundle once, and every later view on
  the page reuses it.
- **Only what changed.** The kernel keeps the JSON of each trace and of each top-level layout key as the
  browser has it. :meth:`PlotView.show` serialises the new figure, compares piece by piece and sends one
  small ``patch`` message (changed traces, changed layout keys, the trace count). The browser applies it
  and calls ``Plotly.react``, which redraws only what differs. A view that appears later (a re-rendered
  output, a second view) asks for the whole figure once (``ready`` → ``full``), so patches never depend on
  what a view has already seen (each message carries a revision; a view that misses one asks again).
- **No guessing.** The figure functions give axis types explicitly; the engine never sends a partial first
  figure: the first thing a view draws is the whole current figure.
- **Width.** ``autosize`` with a ``ResizeObserver`` on the output: the figure always fills its container;
  a figure's own ``width`` is ignored here (it still applies to static output).

Clicks come back as one dict per point (``trace``, ``index``, ``customdata``, ``x``, ``y``) to the callbacks
registered with :meth:`PlotView.on_click`; :meth:`PlotView.click` simulates one from Python for tests.
"""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path

import anywidget
import plotly
import plotly.graph_objects as go
import traitlets
from plotly.io.json import to_json_plotly

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
PLOTLY_VERSION = metadata.version("plotly")

_ESM = r"""
const VERSION = "%(version)s";

function baseUrl() {
  const el = document.getElementById("jupyter-config-data");
  if (el) { try { return JSON.parse(el.textContent).baseUrl || "/"; } catch (e) { /* fall through */ } }
  return (document.body && document.body.dataset.baseUrl) || "/";
}

function addScript(src) {
  return new Promise((resolve, reject) => {
    // plotly.min.js is a UMD bundle: hide an AMD loader, if a page has one, so it sets window.Plotly
    const define = window.define;
    window.define = undefined;
    const s = document.createElement("script");
    s.src = src;
    s.onload = () => { window.define = define; window.Plotly ? resolve(window.Plotly) : reject(new Error("no Plotly")); };
    s.onerror = () => { window.define = define; s.remove(); reject(new Error("not served: " + src)); };
    document.head.appendChild(s);
  });
}

function plotlyFrom(model) {
  if (window.Plotly && window.Plotly.react) return Promise.resolve(window.Plotly);
  if (!window.__lessonsPlotly) {
    window.PlotlyConfig = window.PlotlyConfig || { MathJaxConfig: "local" };
    window.__lessonsPlotly = addScript(baseUrl() + "static/plotly.min.js?v=" + VERSION).catch(() =>
      new Promise((resolve, reject) => {
        // not served as a static file here: ask this kernel for the bundle, once per page
        const onMsg = (msg) => {
          if (!msg || msg.type !== "plotly-js") return;
          model.off("msg:custom", onMsg);
          const url = URL.createObjectURL(new Blob([msg.source], { type: "text/javascript" }));
          addScript(url).then(resolve, reject);
        };
        model.on("msg:custom", onMsg);
        model.send({ type: "need-plotly" });
        setTimeout(() => reject(new Error("plotly.js did not arrive")), 60000);
      }));
  }
  return window.__lessonsPlotly;
}

function point(p) {
  const pick = (v) => (v === undefined ? null : v);
  const index = p.pointNumber !== undefined ? p.pointNumber : p.pointIndex;
  return { trace: p.curveNumber, index: Array.isArray(index) ? index : pick(index),
           customdata: pick(p.customdata), x: pick(p.x), y: pick(p.y) };
}

async function render({ model, el }) {
  el.classList.add("lessons-plot");
  const div = document.createElement("div");
  div.className = "lessons-plot-area";
  div.style.width = "100%%";
  div.style.minHeight = (model.get("height") || 320) + "px";
  el.appendChild(div);
  let fig = null, rev = -1, drawn = false, Plotly = null, pending = Promise.resolve();
  const config = Object.assign({ responsive: true, displaylogo: false }, model.get("config") || {});

  const label = () => {
    const meta = fig && fig.layout && fig.layout.meta;
    const alt = meta && typeof meta === "object" ? meta.alt : "";
    el.setAttribute("role", "figure");  // not "img": the modebar's buttons inside must stay reachable (axe nested-interactive)
    el.setAttribute("aria-label", alt || "Interactive figure");
  };
  const draw = () => {
    if (!Plotly || !fig) return pending;
    const layout = Object.assign({}, fig.layout, { autosize: true });
    delete layout.width;
    pending = pending.then(() => Plotly.react(div, fig.data.slice(), layout, config)).then(() => {
      div.style.minHeight = "";  // the space kept before the first draw; from now on the figure's own height
      label();
      if (!drawn) {
        drawn = true;
        div.on("plotly_click", (ev) => model.send({ type: "click", points: (ev.points || []).map(point) }));
      }
      el.dataset.rev = String(rev);
    }).catch((e) => { div.textContent = "The figure could not be drawn: " + e; });
    return pending;
  };
  const onMsg = (msg) => {
    if (!msg || typeof msg !== "object") return;
    if (msg.type === "full") {
      fig = JSON.parse(msg.figure);
      rev = msg.rev;
      draw();
    } else if (msg.type === "patch") {
      if (!fig || msg.base !== rev) { model.send({ type: "ready" }); return; }
      const data = fig.data.slice(0, msg.ntraces);
      for (const [i, t] of Object.entries(JSON.parse(msg.traces))) data[Number(i)] = t;
      const layout = Object.assign({}, fig.layout);
      for (const [k, v] of Object.entries(JSON.parse(msg.layout))) {
        if (v === null) delete layout[k]; else layout[k] = v;
      }
      fig = { data, layout };
      rev = msg.rev;
      draw();
    }
  };
  model.on("msg:custom", onMsg);
  const observer = new ResizeObserver(() => {
    if (drawn && div.offsetWidth > 0) Plotly.Plots.resize(div);
  });
  observer.observe(el);
  try {
    Plotly = await plotlyFrom(model);
  } catch (e) {
    div.textContent = "This figure needs plotly.js, which did not load (" + e.message + "). " +
      "Run `python -m lessons.dev.setup_lab`, then restart JupyterLab.";
  }
  model.send({ type: "ready" });
  return () => {
    model.off("msg:custom", onMsg);
    observer.disconnect();
    if (Plotly) Plotly.purge(div);
  };
}

export default { render };
"""


def _as_spec(fig) -> tuple[list, dict]:
    """Traces and layout of a ``go.Figure`` or of a plain ``{"data": [...], "layout": {...}}`` dict."""
    if fig is None:
        return [], {}
    if isinstance(fig, dict):
        return list(fig.get("data", [])), dict(fig.get("layout", {}))
    if isinstance(fig, go.Figure):
        # plotly's own validated copies; to_plotly_json would deep-copy every array
        return list(fig._data), dict(fig._layout)
    raise TypeError(f"PlotView.show takes a plotly Figure or a dict with data and layout, not {type(fig).__name__}")


def _dumps(value) -> str:
    return to_json_plotly(value)


class PlotView(anywidget.AnyWidget):
    """A plotly figure in JupyterLab that updates by sending only what changed (see the module docstring)."""

    _esm = _ESM % {"version": PLOTLY_VERSION}
    height = traitlets.Int(320).tag(sync=True)
    config = traitlets.Dict().tag(sync=True)

    def __init__(self, fig=None, *, height: int | None = None, config: dict | None = None, **kwargs):
        super().__init__(**kwargs)
        self._traces: list[str] = []  # JSON of each trace as the browser has it
        self._trace_objs: list = []  # the objects they came from (an identical object is not re-serialised)
        self._layout: dict[str, str] = {}
        self._layout_objs: dict[str, object] = {}
        self._rev = 0
        self._click_callbacks: list = []
        if config:
            self.config = config
        self.on_msg(self._on_message)
        if fig is not None:
            self.show(fig)
        if height is not None:
            self.height = height
        elif "height" in self._layout:
            self.height = int(json.loads(self._layout["height"]) or 320)

    # -- the kernel side of the protocol -------------------------------------------------------------
    def show(self, fig) -> bool:
        """Make the browser show ``fig``; sends one patch with what differs. Returns whether anything did.

        ``fig`` is a ``go.Figure`` or a plain ``{"data": [...], "layout": {...}}`` dict. With a plain dict, a
        trace or layout value that is *the same object* as last time is taken as unchanged without being
        serialised again (cache the pieces that never change, such as a map's outlines, and build new objects
        for what changes; never mutate a piece in place). A ``go.Figure`` is always compared in full.
        """
        data, layout = _as_spec(fig)
        trusted = isinstance(fig, dict)
        traces = {}
        for i, trace in enumerate(data):
            if trusted and i < len(self._trace_objs) and self._trace_objs[i] is trace:
                continue
            text = _dumps(trace)
            if i >= len(self._traces) or self._traces[i] != text:
                traces[i] = text
        changed = {}
        for key, value in layout.items():
            if trusted and self._layout_objs.get(key) is value:
                continue
            text = _dumps(value)
            if self._layout.get(key) != text:
                changed[key] = text
        removed = [k for k in self._layout if k not in layout]
        if not traces and not changed and not removed and len(data) == len(self._traces):
            self._trace_objs, self._layout_objs = (list(data), dict(layout)) if trusted else ([], {})
            return False
        self._traces = [traces.get(i, self._traces[i] if i < len(self._traces) else "null") for i in range(len(data))]
        self._trace_objs = list(data) if trusted else []
        for key in removed:
            del self._layout[key]
        self._layout.update(changed)
        self._layout_objs = dict(layout) if trusted else {}
        base, self._rev = self._rev, self._rev + 1
        self.send(
            {
                "type": "patch",
                "base": base,
                "rev": self._rev,
                "ntraces": len(data),
                "traces": "{" + ",".join(f'"{i}":{t}' for i, t in traces.items()) + "}",
                "layout": "{"
                + ",".join(
                    [f"{json.dumps(k)}:{v}" for k, v in changed.items()] + [f"{json.dumps(k)}:null" for k in removed]
                )
                + "}",
            }
        )
        return True

    def _full(self) -> str:
        layout = ",".join(f"{json.dumps(k)}:{v}" for k, v in self._layout.items())
        return '{"data":[' + ",".join(self._traces) + '],"layout":{' + layout + "}}"

    @property
    def figure(self) -> dict:
        """The figure as the browser shows it, as plain JSON values: ``{"data": [...], "layout": {...}}``."""
        return json.loads(self._full())

    def _on_message(self, _widget, content, _buffers) -> None:
        kind = content.get("type") if isinstance(content, dict) else None
        if kind == "ready":
            self.send({"type": "full", "rev": self._rev, "figure": self._full()})
        elif kind == "need-plotly":
            self.send({"type": "plotly-js", "source": PLOTLY_JS.read_text(encoding="utf-8")})
        elif kind == "click":
            for point in content.get("points") or []:
                self._emit(point)
                break  # one click, one point: the one under the mouse

    # -- clicks ----------------------------------------------------------------------------------------
    def on_click(self, callback, remove: bool = False) -> None:
        """Call ``callback(point)`` when a student clicks a point; ``point`` is a dict with ``trace``,
        ``index``, ``customdata``, ``x`` and ``y``."""
        if remove:
            self._click_callbacks = [c for c in self._click_callbacks if c is not callback]
        else:
            self._click_callbacks.append(callback)

    def click(self, trace: int, index: int) -> dict:
        """Simulate a click on point ``index`` of trace ``trace`` (what the browser would send); returns the point."""
        spec = self.figure["data"][trace]

        def at(name):
            values = spec.get(name)
            if isinstance(values, dict) and "bdata" in values:  # typed array: decode with plotly's own reader
                values = _decode_typed(values)
            try:
                return values[index] if isinstance(values, (list, tuple)) else None
            except IndexError:
                return None

        point = {"trace": trace, "index": index, "customdata": at("customdata"), "x": at("x"), "y": at("y")}
        self._emit(point)
        return point

    def _emit(self, point: dict) -> None:
        for callback in list(self._click_callbacks):
            callback(point)


def _decode_typed(value: dict) -> list:
    import base64

    import numpy as np

    array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
    if "shape" in value:
        array = array.reshape([int(n) for n in str(value["shape"]).split(",")])
    return array.tolist()
