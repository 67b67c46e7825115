"""Helpers for browser tests that look at what a student sees (import from any tests/test_browser_*.py).

- :func:`set_theme` switches JupyterLab between its light and dark theme;
- :func:`low_contrast` lists text whose contrast against its real background is under 4.5:1 (WCAG AA),
  computed from the page's own styles;
- :func:`quoted_html` lists outputs that show an HTML string in quotes instead of rendering it;
- :func:`tick_labels` reads an axis' tick labels from a plotly figure;
- :class:`Traffic` counts the bytes a page receives over websockets and HTTP.
"""

from __future__ import annotations

LIGHT, DARK = "JupyterLab Light", "JupyterLab Dark"

_CONTRAST_JS = r"""
([root, minimum]) => {
  const parse = (c) => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null;
    const p = m[1].split(',').map(Number); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
  const lum = ({ r, g, b }) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const blend = (top, under) => ({ r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a),
                                   b: top.b * top.a + under.b * (1 - top.a), a: 1 });
  const background = (el) => {
    const stack = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) { stack.push(c); if (c.a >= 1) break; }
    }
    let bg = { r: 255, g: 255, b: 255, a: 1 };
    for (let i = stack.length - 1; i >= 0; i--) bg = blend(stack[i], bg);
    return bg;
  };
  const out = [];
  const roots = typeof root === 'string' ? Array.from(document.querySelectorAll(root)) : [root];
  for (const r of roots) {
    const walker = document.createTreeWalker(r, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent.trim();
      const el = n.parentElement;
      if (!text || !el || el.closest('svg')) continue;  // plotly draws on its own white paper
      const st = getComputedStyle(el);
      if (st.visibility === 'hidden' || st.display === 'none' || el.getClientRects().length === 0) continue;
      const fg = parse(st.color); if (!fg) continue;
      const bg = background(el);
      const a = lum(blend(fg, bg)), b = lum(bg);
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      if (ratio < minimum) out.push({ text: text.slice(0, 60), ratio: Math.round(ratio * 100) / 100,
                                      color: st.color, cls: el.className && String(el.className).slice(0, 60) });
    }
  }
  return out;
}
"""


def set_theme(page, theme: str) -> None:
    """Switch JupyterLab's theme and wait until the page says it is applied."""
    page.evaluate("t => window.jupyterapp.commands.execute('apputils:change-theme', {theme: t})", theme)
    light = "true" if theme == LIGHT else "false"
    page.wait_for_function(f"() => document.body.dataset.jpThemeLight === '{light}'", timeout=30_000)
    page.wait_for_timeout(500)


def low_contrast(page, selector: str, minimum: float = 4.5) -> list[dict]:
    """Text inside ``selector`` (every match) whose contrast with its background is below ``minimum``."""
    return page.evaluate(_CONTRAST_JS, [selector, minimum])


def quoted_html(page) -> list[str]:
    """Outputs that show markup as a quoted string (a function returned a str instead of an HTML object)."""
    return page.eval_on_selector_all(
        ".jp-OutputArea-output[data-mime-type='text/plain']",
        "els => els.map(e => e.innerText.trim()).filter(t => /^['\"]\\s*<[a-z]/i.test(t))",
    )


def tick_labels(locator, axis: str = "x") -> list[str]:
    """The tick labels of a plotly figure's axis, as the page shows them."""
    return [t.strip() for t in locator.locator(f"g.{axis}tick text").all_text_contents() if t.strip()]


class Traffic:
    """Bytes a page receives: websocket frames and HTTP responses, from the moment :meth:`start` is called."""

    def __init__(self, page):
        self.ws = 0
        self.http = 0
        self.frames: list[int] = []
        self._on = False
        page.on("websocket", self._socket)
        page.on("response", self._response)

    def start(self) -> None:
        self.ws = self.http = 0
        self.frames = []
        self._on = True

    def _socket(self, ws) -> None:
        def count(payload):
            if self._on:
                n = len(payload.encode() if isinstance(payload, str) else payload)
                self.ws += n
                self.frames.append(n)

        ws.on("framereceived", count)

    def _response(self, response) -> None:
        if not self._on:
            return
        try:
            length = response.headers.get("content-length")
            self.http += int(length) if length else len(response.body())
        except Exception:  # noqa: BLE001 - a response without a body (redirect, aborted) counts as 0
            pass

    @property
    def total(self) -> int:
        return self.ws + self.http


AXE_SCOPE = ".jp-Notebook .jp-OutputArea-output, .jp-Notebook .jp-MarkdownOutput"


def axe_audit(page, axe_js: str, scope: str = AXE_SCOPE) -> list[dict]:
    """Run axe-core (its script passed in, read from the project's own node_modules) over ``scope``;
    returns the violations as ``{"id", "impact", "help", "nodes": [target, ...]}``."""
    if not page.evaluate("() => !!window.axe"):
        page.add_script_tag(content=axe_js)
    return page.evaluate(
        """async (scope) => {
             const r = await axe.run({include: Array.from(document.querySelectorAll(scope))},
                                     {resultTypes: ['violations']});
             return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                             nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 10),
                                             count: v.nodes.length}));
           }""",
        scope,
    )
