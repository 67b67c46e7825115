"""Broken data in a notebook: one readable panel, not a traceback, and no cascade of NameErrors.

``import lessons`` calls :func:`register`. When a cell raises :class:`~lessons.checks.DataError`, IPython
shows the error's panel (what is wrong, where, how to fix, ``make check-data``) instead of a traceback. Later
cells that load the data again show one line pointing back to that panel, and a ``NameError`` for a name a
failed cell would have defined says so instead of a bare traceback. Any other error is shown as usual.
"""

from __future__ import annotations

from .checks import DataError

_state = {"failed": False}


def panel(err: DataError):
    """The one panel a teacher sees: what is wrong, where, how to fix, how to check."""
    from .html import Html, esc

    items = "".join(f"<li>{esc(str(p))}</li>" for p in err.problems[:50])
    more = f"<li>... and {len(err.problems) - 50} more</li>" if len(err.problems) > 50 else ""
    where = f" in <code>{esc(err.directory)}</code>" if err.directory else ""
    return Html(
        "<div class='lessons-wrong lessons-data-error' role='alert'>"
        f"<p><strong>The lessons' data could not be loaded</strong>{where}: "
        f"{len(err.problems)} problem(s).</p><ul>{items}{more}</ul>"
        f"<p><strong>How to fix:</strong> {esc(err.fix)} Check the data with <code>make check-data</code> "
        "(or <code>python -m lessons.data --check</code>), then Kernel, Restart Kernel and Run All Cells.</p></div>"
    )


class _Note:
    """A one-line note, as HTML in a notebook and as text elsewhere."""

    def __init__(self, text: str):
        self.text = text

    def _repr_html_(self) -> str:
        from .html import Html, esc

        return Html(f"<div class='lessons-wrong lessons-data-error' role='alert'>{esc(self.text)}</div>")._repr_html_()

    def __repr__(self) -> str:
        return self.text


def handler(shell, etype, value, tb, tb_offset=None):
    """IPython custom exception handler for DataError (and NameError after one)."""
    from IPython.display import display

    if isinstance(value, DataError):
        if _state["failed"]:
            display(_Note("The data is still broken (see the message in the first cell that loaded it). "
                          "Fix the files, run make check-data, then restart the kernel and run all cells."))
        else:
            _state["failed"] = True
            display(panel(value))
        return []
    if isinstance(value, NameError) and _state["failed"]:
        display(_Note(f"{value}: an earlier cell could not load the data, so it did not define this name. "
                      "Fix the data first (see the message above)."))
        return []
    shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
    return []


def register() -> bool:
    """Install :func:`handler` in the running IPython shell, if there is one. Returns whether it did."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    if shell is None or not hasattr(shell, "set_custom_exc"):
        return False
    shell.set_custom_exc((DataError, NameError), handler)
    return True
