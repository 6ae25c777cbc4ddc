"""Comparison charts as PNG, drawn with matplotlib and sized for a phone: labels (rows) by cities (columns).

A grid says "who has what" for several cities at a glance, where text would repeat the same long
labels city after city. matplotlib's bundled DejaVu Sans has every accent ("São Paulo", "García"),
needs no system fonts, and its Agg backend draws without a display. Importing matplotlib takes
about a second and drawing a chart a few hundred milliseconds, so matplotlib is imported only when
a chart is drawn and the bot draws charts in a worker thread, never on the event loop.

The image is 720 px wide, which a phone shows at about 360 px: every text is at least 8 pt at
180 dpi (20 px, 10 px on the phone screen; a city name of one very long word may shrink to 6 pt),
long labels and city names are wrapped at spaces to widths measured in the font, never cut, and at
most MAX_CITIES columns are drawn (the caption says when there were more).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from bot.texts import LEVELS, t
from knowledge import labels
from knowledge.models import Snapshot

if TYPE_CHECKING:
    from matplotlib.figure import Figure

MAX_CITIES = 4  # columns that stay legible at 360 px
MAX_ROWS = 25  # a taller image is shrunk by Telegram until nothing is readable
WIDTH_IN, DPI = 4.0, 180  # 720 px
FONT = "DejaVu Sans"  # ships with matplotlib
LABEL_W = 1.55  # inches of the label column
LINE = 0.17  # inches per line of 8 pt text
# Colours that stay apart for colour-blind readers too; every state also has its own mark in the cell.
STYLE = {  # state -> (fill colour, mark)
    "sufficient": ("#1b9e77", "✓"), "insufficient": ("#e6ab02", "½"), "no_response": ("#bdbdbd", "?"),
    "yes": ("#3778bf", "✓"), "no": ("#eeeeee", ""), "not covered": ("#ffffff", "–"),
}
DATA_STATES = {"Sufficient data": "sufficient", "Insufficient data": "insufficient", "No Response": "no_response"}
LIST_FIELDS = {"policy_areas": "policy_areas", "roles": "roles", "terms": "terms", "success_factors": "success_factors",
               "helping_to": "helping_to", "funding_sources": "funding_sources"}


def _state_data(s: Snapshot, area: str) -> str:
    d = s.data_availability
    level = d.level_of(area) if d is not None else None
    return DATA_STATES.get(level or "", "not covered")


def chart_rows(snaps: list[Snapshot], topic: str) -> tuple[list[str], list[list[str]]]:
    """Row labels (as stored) and, per row, one state per city; for data availability or any list topic."""
    if topic == "data":
        areas: list[str] = []
        for s in snaps:
            d = s.data_availability
            for area in (d.sufficient + d.insufficient + d.no_response) if d else []:
                if area not in areas:
                    areas.append(area)
        return areas, [[_state_data(s, a) for s in snaps] for a in areas]
    field = LIST_FIELDS.get(topic, "policy_areas")
    found: list[str] = []
    for s in snaps:
        for item in getattr(s, field) or []:
            if item not in found:
                found.append(item)
    rows = [["not covered" if getattr(s, field) is None else "yes" if lab in getattr(s, field) else "no"
             for s in snaps] for lab in found]
    return found, rows


def legend_name(state: str, lang: str) -> str:
    if state in LEVELS:
        return LEVELS[state][lang]
    return t({"yes": "chart_yes", "no": "chart_no"}.get(state, "chart_not_covered"), lang)


def _width(text: str, size: float, bold: bool = False) -> float:
    """Inches `text` takes in the chart's font, measured: letters differ in width ("Autónoma" is wider
    than eight average letters), and a guessed width let city names run into the next column."""
    from matplotlib.font_manager import FontProperties  # lazy: see the module docstring
    from matplotlib.textpath import TextToPath

    prop = FontProperties(family=FONT, size=size, weight="bold" if bold else "normal")
    return float(TextToPath().get_text_width_height_descent(text, prop, ismath=False)[0]) / 72


def _wrap(text: str, inches: float, size: float, bold: bool = False) -> str:
    """Lines that fit `inches`, broken at spaces only: a name is wrapped, never cut inside a word."""
    lines: list[str] = []
    for word in text.split():
        if lines and _width(f"{lines[-1]} {word}", size, bold) <= inches:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return "\n".join(lines) or text


def grid_png(title: str, columns: list[str], row_labels: list[str], rows: list[list[str]], lang: str = "en") -> bytes:
    out = io.BytesIO()
    grid_figure(title, columns, row_labels, rows, lang).savefig(out, format="png", dpi=DPI)
    return out.getvalue()


def grid_figure(title: str, columns: list[str], row_labels: list[str], rows: list[list[str]], lang: str = "en") -> Figure:
    """Draw the grid (a figure, so a test can measure where each text landed). Coordinates are inches
    from the top left, so nothing depends on the figure's size."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # lazy: see the module docstring
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    col_w = (WIDTH_IN - LABEL_W - 0.1) / max(len(columns), 1)
    room = col_w - 0.08  # a city's name keeps clear of its neighbour's
    longest = max((_width(w, 8, bold=True) for c in columns for w in c.split()), default=room)
    head_size = max(6.0, min(8.0, 8 * room / longest))  # the longest word fits whole
    heads = [_wrap(c, room, head_size, bold=True) for c in columns]
    wrapped = [_wrap(lab, LABEL_W - 0.16, 8) for lab in row_labels]
    title_text = _wrap(title, WIDTH_IN - 0.16, 9.5, bold=True)
    legend = [s for s in STYLE if any(s in r for r in rows)]
    title_h = LINE * 1.3 * (title_text.count("\n") + 1) + 0.1
    head_h = LINE * (max(h.count("\n") for h in heads) + 1) + 0.08 if heads else 0
    row_hs = [max(0.26, LINE * (w.count("\n") + 1) + 0.08) for w in wrapped]
    height = title_h + head_h + sum(row_hs) + 0.12 + LINE * 1.4 * len(legend) + 0.1

    fig = Figure(figsize=(WIDTH_IN, height), dpi=DPI)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, WIDTH_IN)
    ax.set_ylim(height, 0)
    ax.axis("off")
    text: dict[str, Any] = {"fontfamily": FONT, "fontsize": 8, "color": "#222222"}
    ax.text(0.08, 0.06, title_text, va="top", ha="left", fontweight="bold", **{**text, "fontsize": 9.5})
    y = title_h
    for c, head in enumerate(heads):
        ax.text(LABEL_W + (c + 0.5) * col_w, y + head_h - 0.04, head, va="bottom", ha="center",
                fontweight="bold", linespacing=1.1, **{**text, "fontsize": head_size})
    y += head_h
    for label, states, h in zip(wrapped, rows, row_hs, strict=True):
        ax.text(0.08, y + h / 2, label, va="center", ha="left", linespacing=1.1, **text)
        for c, state in enumerate(states):
            colour, mark = STYLE[state]
            ax.add_patch(Rectangle((LABEL_W + c * col_w + 0.03, y + 0.03), col_w - 0.06, h - 0.06,
                                   facecolor=colour, edgecolor="#cccccc", linewidth=0.6))
            if mark:
                ax.text(LABEL_W + (c + 0.5) * col_w, y + h / 2, mark, va="center", ha="center",
                        **{**text, "color": "white" if state in ("sufficient", "yes") else "#222222"})
        y += h
    y += 0.12
    for state in legend:
        colour, mark = STYLE[state]
        ax.add_patch(Rectangle((0.08, y), 0.2, LINE, facecolor=colour, edgecolor="#999999", linewidth=0.6))
        ax.text(0.36, y + LINE / 2, f"{mark} {legend_name(state, lang)}".strip(), va="center", ha="left", **text)
        y += LINE * 1.4
    return fig


def comparison_chart(snaps: list[Snapshot], topic: str, title: str, lang: str = "en") -> bytes | None:
    """A PNG for the topic (at most MAX_CITIES cities, the first ones), or None when nothing can be drawn."""
    shown = snaps[:MAX_CITIES]
    found, rows = chart_rows(shown, topic)
    if not found:
        return None
    return grid_png(title, [s.city for s in shown], labels.labels(found, lang)[:MAX_ROWS], rows[:MAX_ROWS], lang)
