"""The package's one look: colour-blind-safe palette, fonts, and the colours of
categories, stances and parties, defined once and used by every figure and widget.

Colours come from Paul Tol's "bright" and "muted" schemes and the Okabe-Ito palette,
which stay distinguishable under the common colour-vision deficiencies.
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

from .hover import plain

FONT = "Source Sans Pro, Segoe UI, Helvetica, Arial, sans-serif"
FONT_SIZE = 14
INK = "#222222"
MUTED = "#6b6b6b"
GRID = "#e4e4e4"
BACKGROUND = "#ffffff"

#: Okabe-Ito, in order: a general qualitative sequence.
QUALITATIVE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

CATEGORY_COLOURS = {
    "vote": "#4477AA",
    "law": "#66CCEE",
    "treaty": "#228833",
    "fleet": "#332288",
    "politics": "#CCBB44",
    "military": "#EE6677",
    "diplomacy": "#AA3377",
    "international-response": "#117733",
    "ceasefire": "#0072B2",
    "humanitarian": "#E69F00",
    "energy": "#D55E00",
}
#: Where lanes are not categories (by actor, by story thread), each category's mark has its own shape as well
#: as its colour; the glyph is the key's text for it.
CATEGORY_SYMBOLS = {
    "vote": ("square", "■"),
    "law": ("diamond", "◆"),
    "treaty": ("pentagon", "⬟"),
    "fleet": ("triangle-up", "▲"),
    "politics": ("circle", "●"),
    "military": ("x", "✕"),
    "diplomacy": ("star", "★"),
    "international-response": ("hexagon", "⬢"),
    "ceasefire": ("cross", "✚"),
    "humanitarian": ("triangle-down", "▼"),
    "energy": ("hourglass", "⧗"),
}
CATEGORY_LABELS = {
    "vote": "Votes and elections",
    "law": "Laws and constitutions",
    "treaty": "Treaties and agreements",
    "fleet": "Black Sea Fleet",
    "politics": "Politics and protest",
    "military": "Military action",
    "diplomacy": "Diplomacy",
    "international-response": "International response",
    "ceasefire": "Ceasefire",
    "humanitarian": "Prisoners and humanitarian",
    "energy": "Energy strikes and facilities",
}

#: Stance toward an issue's proposition: a diverging, colour-blind-safe scale.
STANCE_COLOURS = {
    "supports": "#2166AC",
    "conditional": "#92C5DE",
    "mixed": "#F7F7F7",
    "opposes": "#D6604D",
    "no-position": "#BBBBBB",
}
STANCE_LABELS = {
    "supports": "Supports",
    "conditional": "Conditional: sets conditions",
    "mixed": "Mixed or ambiguous",
    "opposes": "Opposes",
    "no-position": "No stated position",
}
STANCE_ORDER = list(STANCE_COLOURS)

STATUS_COLOURS = {
    "agreed": "#228833",
    "agreed-to-negotiate": "#66CCEE",
    "proposed": "#CCBB44",
    "condition": "#EE6677",
    "rejected": "#AA3377",
    "expired": "#BBBBBB",
}

#: A shape per status as well as a colour, so status never rests on colour alone (a grey print, colour blindness).
STATUS_SYMBOLS = {
    "agreed": "circle",
    "agreed-to-negotiate": "diamond",
    "proposed": "square",
    "condition": "triangle-up",
    "rejected": "x",
    "expired": "circle-open",
}

PARTY_COLOURS = {
    "us": "#0072B2",
    "ru": "#D55E00",
    "ua": "#E69F00",
    "eu": "#009E73",
    "gb": "#56B4E9",
    "fr": "#CC79A7",
    "de": "#000000",
    "crimean-tatar-mejlis": "#882255",
    "un": "#332288",
    "unga": "#332288",
    "unsc": "#44AA99",
}

#: Map layers.
MAP_COLOURS = {
    "ua": "#FFF3CC",  # internationally recognised Ukraine
    "crimea": "#FFE08A",  # Autonomous Republic of Crimea and Sevastopol
    "ru": "#EDEDED",  # neighbouring Russia
    "border": "#555555",
    "control": "#D55E00",  # area under Russian control (hatched look via opacity)
    "sea": "#EAF2F8",
}

#: A sequential single-hue scale (ColorBrewer "Blues", 6 classes, colour-blind safe), light to dark,
#: for shares binned into classes (e.g. the 1991 referendum "yes" share on the map).
SEQUENTIAL = ["#EFF3FF", "#C6DBEF", "#9ECAE1", "#6BAED6", "#3182BD", "#08519C"]

TEMPLATE_NAME = "lessons"

#: The one stylesheet of every panel, key, table, empty state and quiz feedback. It is built on
#: JupyterLab's theme variables, so the same markup is readable in the light and the dark theme;
#: the second value of each ``var()`` is used where there is no JupyterLab (an exported page).
#: Figures keep a white paper with dark ink (:func:`_template`), legible on either theme.
#: Secondary text keeps --jp-ui-font-color1 and is set smaller: JupyterLab's --jp-ui-font-color2 is
#: 4.4:1 on its light background, under WCAG AA's 4.5:1. ipywidgets' coloured buttons (button_style) put white
#: text on light colours (2.1-3.7:1): explorers darken them to 5:1 or more.
CSS = """
.lessons{font-family:var(--jp-ui-font-family,{font});color:var(--jp-ui-font-color1,#1a1a1a);line-height:1.45}
.lessons a{color:var(--jp-content-link-color,#1a56b0)}
.lessons-muted{color:var(--jp-ui-font-color1,#333);font-size:.92em}
.lessons-explorer .jupyter-widget-Collapse-header,.lessons-explorer .lm-TabBar-tab,
.lessons-explorer .lm-TabBar-tabLabel{color:var(--jp-ui-font-color1,#1a1a1a)}
.lessons-panel,.lessons-details{background:var(--jp-layout-color1,#fff);color:var(--jp-ui-font-color1,#1a1a1a);
 border:1px solid var(--jp-border-color2,#d0d0d0);border-radius:6px;padding:8px 12px;margin:4px 0}
.lessons-details h3,.lessons-panel h3,.lessons-details h4,.lessons-panel h4{margin:0 0 6px;font-size:1.05em;color:var(--jp-ui-font-color0,#000)}
.lessons-details th{text-align:left;vertical-align:top;padding:2px 10px 2px 0;font-weight:600}
.lessons-details td{text-align:left;vertical-align:top}
.lessons-empty{padding:10px 12px;border:1px dashed var(--jp-border-color1,#999);border-radius:6px;
 color:var(--jp-ui-font-color1,#1a1a1a);background:var(--jp-layout-color2,#f3f3f3);margin:4px 0}
.lessons-empty .lessons-muted{margin-top:4px;color:var(--jp-ui-font-color1,#1a1a1a)}
.lessons-table{border-collapse:collapse;margin:4px 0;font-size:.95em}
.lessons-table caption{text-align:left;font-weight:600;padding:2px 0 6px}
.lessons-table th,.lessons-table td,.lessons .lessons-table th,.lessons .lessons-table td{border:1px solid var(--jp-border-color2,#d0d0d0);padding:3px 8px;
 text-align:left;vertical-align:top;white-space:normal;color:var(--jp-ui-font-color1,#1a1a1a)}
.lessons-table th{background:var(--jp-layout-color2,#f0f0f0);font-weight:600}
.lessons-sources{margin:4px 0 0;padding-left:2.6em}
.lessons-sources li{margin:2px 0}
.lessons-quote{margin:4px 0 6px;padding:2px 10px;border-left:3px solid var(--jp-border-color1,#999)}
.lessons-quote footer,.lessons-quote-by{color:var(--jp-ui-font-color1,#333);font-size:90%}
.lessons-key{display:flex;flex-wrap:wrap;gap:4px 14px;margin:4px 0;padding:0;list-style:none}
.lessons-key li{display:flex;align-items:center;gap:6px}
.lessons-swatch{display:inline-block;min-width:1.6em;height:1.1em;border-radius:3px;border:1px solid
 var(--jp-border-color1,#888);text-align:center;font-size:.8em;line-height:1.1em;color:#111}
.lessons-ok,.lessons-wrong,.lessons-partial{border-radius:6px;padding:6px 10px;margin:4px 0;
 color:var(--jp-ui-font-color1,#1a1a1a);background:var(--jp-layout-color2,#f3f3f3);border-left:5px solid}
.lessons-ok{border-left-color:var(--jp-success-color1,#2e7d32)}
.lessons-wrong{border-left-color:var(--jp-error-color1,#c62828)}
.lessons-partial{border-left-color:var(--jp-warn-color1,#ef6c00)}
.lessons-plot{width:100%;min-width:0}
/* a visible focus ring on every control, also where ipywidgets or JupyterLab set outline:none on select:focus */
.lessons-explorer :focus-visible,.lessons-quiz :focus-visible,.lessons-explorer select:focus,.lessons-quiz select:focus{
 outline:2px solid var(--jp-brand-color1,#1976d2)!important;outline-offset:1px}
.lessons-explorer .jupyter-button.mod-info{background-color:#0b6e85;color:#fff}
.lessons-explorer .jupyter-button.mod-primary{background-color:#1565c0;color:#fff}
.lessons-explorer .jupyter-button.mod-success{background-color:#2e7d32;color:#fff}
.lessons-explorer .jupyter-button.mod-warning{background-color:#9a4a00;color:#fff}
.lessons-explorer .jupyter-button.mod-danger{background-color:#c62828;color:#fff}
""".replace("{font}", FONT)


def _template() -> go.layout.Template:
    t = go.layout.Template()
    t.layout = go.Layout(
        font=dict(family=FONT, size=FONT_SIZE, color=INK),
        title=dict(font=dict(size=18), x=0, xanchor="left"),
        colorway=QUALITATIVE,
        paper_bgcolor=BACKGROUND,
        plot_bgcolor=BACKGROUND,
        hoverlabel=dict(font=dict(family=FONT, size=13), align="left"),
        # automargin: long category labels push the plot over instead of being cut off
        xaxis=dict(gridcolor=GRID, zeroline=False, linecolor=MUTED, automargin=True),
        yaxis=dict(gridcolor=GRID, zeroline=False, linecolor=MUTED, automargin=True),
        legend=dict(bgcolor="rgba(255,255,255,0.8)"),
        margin=dict(l=10, r=10, t=60, b=40),
    )
    return t


def register() -> None:
    """Make the package template the default for every plotly figure."""
    # One small template of our own, not merged with plotly's: every figure embeds its template in
    # the stored notebook output (plotly_white alone adds ~7 KB per figure), and a "a+b" default
    # would be re-merged for every figure (~35 ms each).
    pio.templates[TEMPLATE_NAME] = _template()
    pio.templates.default = TEMPLATE_NAME


def empty_figure(message: str, height: int = 300) -> go.Figure:
    """A blank figure that says why it is blank (used for empty selections)."""
    fig = go.Figure()
    fig.add_annotation(
        text=plain(message), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper", font=dict(size=16, color=MUTED)
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(height=height, meta={"empty": True, "alt": message})
    return fig
