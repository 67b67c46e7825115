"""Synthetic data for benchmarks: the curated tables scaled up N times.

Each copy of a row gets a new id (``<id>-x<k>``) and its dates shifted by ``k`` days,
while references into other tables keep pointing at rows that exist, so every
explorer can be driven on 10x or 100x data exactly as on the curated data.
"""

from __future__ import annotations

import pandas as pd

from lessons import data

#: Date columns shifted in each copy, so scaled events spread over time instead of stacking.
DATE_COLUMNS = ("start_date", "end_date", "date", "announced_date", "control_since")


def scale_table(frame: pd.DataFrame, factor: int) -> pd.DataFrame:
    if factor <= 1 or frame.empty:
        return frame.copy()
    copies = []
    for k in range(factor):
        part = frame.copy()
        if k:
            if "id" in part:
                part["id"] = part["id"].astype(str) + f"-x{k}"
            for col in DATE_COLUMNS:
                if col in part and pd.api.types.is_datetime64_any_dtype(part[col]):
                    part[col] = part[col] + pd.Timedelta(days=k % 365)
        copies.append(part)
    out = pd.concat(copies)
    if "id" in out:
        out.index = pd.Index(out["id"].astype(str), name=frame.index.name)
    for col in frame.columns:
        if isinstance(frame[col].dtype, pd.CategoricalDtype):
            out[col] = pd.Categorical(out[col], categories=frame[col].cat.categories, ordered=frame[col].cat.ordered)
    return out


def tables(factor: int = 1, directory=None) -> dict:
    """All tables (scaled, except sources and parties, which are looked up) plus the GeoJSON layers."""
    pkg = data.package(directory)
    out = {
        name: (frame.copy() if name in ("sources", "parties", "glossary") else scale_table(frame, factor))
        for name, frame in pkg.tables.items()
    }
    out.update(pkg.layers)
    return out
