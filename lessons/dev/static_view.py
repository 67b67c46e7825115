"""A static picture of a widget, for the exported site (runs inside the kernel at build time).

``lessons.dev.site`` executes each lesson with one hidden first cell, ``install()``, which
registers a display formatter for every ipywidgets ``DOMWidget``: where the notebook shows
an explorer or a quiz, the exported page gets the explorer's figure (as plotly JSON, drawn
by the site's plotly.js), its panels and tables in their first state, and one line saying
that the controls need JupyterLab. Controls themselves are not drawn, except the options of
a quiz question, which are its content. Nothing here changes what a notebook does in
JupyterLab: the cell is injected only by the site build, and removed before export.
"""

from __future__ import annotations

import html

from plotly.io.json import to_json_plotly

NOTE = (
    "<p class='lessons-static-note'>Shown in its first state: the controls of this explorer "
    "need JupyterLab (run the notebook to use them).</p>"
)
SPEC_CLASS = "lessons-figure-spec"


def figure_html(spec: dict) -> str:
    """A placeholder div and the figure's JSON; the site's script draws it with plotly.js."""
    frames = spec.get("frames") or []  # plotly's own slider and play button animate through these
    spec = {
        "data": spec.get("data", []),
        "layout": dict(spec.get("layout", {})),
        **({"frames": frames} if frames else {}),
    }
    spec["layout"].pop("width", None)  # the page's width, on screen and on paper
    spec["layout"]["autosize"] = True
    # plotly's own encoder: numpy arrays (a figure function's output) become typed arrays plotly.js reads,
    # where json.dumps(default=str) would write the array's repr as one string and draw nothing
    text = to_json_plotly(spec).replace("</", "<\\/")
    return f"<div class='lessons-figure'></div><script type='application/json' class='{SPEC_CLASS}'>{text}</script>"


def _figure_spec(widget):
    """The figure a widget shows, as a spec dict, or None when it is not a figure."""
    spec = getattr(widget, "figure", None)
    if isinstance(spec, dict) and "data" in spec:  # the engine's PlotView
        return spec
    try:
        import plotly.graph_objects as go
    except ImportError:  # pragma: no cover
        return None
    if isinstance(widget, go.FigureWidget):
        return widget.to_plotly_json()
    return None


def _output_html(outputs) -> str:
    parts = []
    for out in outputs:
        data = out.get("data", {})
        if "application/vnd.plotly.v1+json" in data:
            parts.append(figure_html(data["application/vnd.plotly.v1+json"]))
        elif "text/html" in data:
            parts.append(data["text/html"])
        elif "text/plain" in data or "text" in out:
            parts.append(f"<pre>{html.escape(data.get('text/plain', out.get('text', '')))}</pre>")
    return "".join(parts)


def widget_html(widget, stand_ins: dict | None = None) -> str:
    """The first state of a widget tree as static HTML. An explorer's ``static_figure()`` (plotly's own
    buttons standing in for its controls) takes the place of its live figure."""
    import ipywidgets as w

    stand_ins = dict(stand_ins or {})
    own = getattr(widget, "static_figure", None)
    if callable(own) and (spec := own()) is not None and getattr(widget, "figure", None) is not None:
        stand_ins[id(widget.figure)] = spec
    if id(widget) in stand_ins:
        return figure_html(stand_ins[id(widget)])
    spec = _figure_spec(widget)
    if spec is not None:
        return figure_html(spec)
    if isinstance(widget, (w.HTML, w.HTMLMath)):
        return f"<div class='lessons-static-html'>{widget.value}</div>"
    if isinstance(widget, w.Output):
        return _output_html(widget.outputs)
    if isinstance(widget, w.RadioButtons):  # a quiz question's options are its content
        items = "".join(f"<li>{html.escape(str(label))}</li>" for label in widget._options_labels)
        return f"<ul class='lessons-static-options'>{items}</ul>"
    if isinstance(widget, (w.Accordion, w.Tab)):
        titles = list(getattr(widget, "titles", ()) or ())
        parts = []
        for i, child in enumerate(widget.children):
            title = titles[i] if i < len(titles) and titles[i] else f"Part {i + 1}"
            parts.append(
                f"<details class='lessons-static-panel'><summary>{html.escape(title)}</summary>"
                f"{widget_html(child, stand_ins)}</details>"
            )
        return "".join(parts)
    if isinstance(widget, w.Box):
        return "".join(widget_html(child, stand_ins) for child in widget.children)
    return ""  # a control: not drawn


def static_bundle(widget) -> dict:
    body = widget_html(widget)
    summary = getattr(widget, "summary", "")
    head = f"<p class='lessons-static-summary'><b>{html.escape(summary)}</b></p>" if summary else ""
    return {"text/html": f"<div class='lessons-static'>{head}{NOTE}{body}</div>"}


def install(ip=None) -> None:
    """Render every displayed widget statically in this kernel (site build only)."""
    import ipywidgets as w
    from IPython import get_ipython

    ip = ip or get_ipython()
    ip.display_formatter.mimebundle_formatter.for_type(w.DOMWidget, static_bundle)
