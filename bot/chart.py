"""Comparison charts as PNG: a grid of policy areas (rows) by cities (columns).

A grid says "who has what" for several cities at a glance, where text would repeat the same long
labels city after city. Pillow draws it; its built-in font needs no system fonts.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from knowledge.models import Snapshot

COLOURS = {
    "Sufficient data": (46, 160, 67), "Insufficient data": (230, 145, 30), "No Response": (160, 160, 160),
    "yes": (46, 110, 200), "no": (235, 235, 235), "not covered": (255, 255, 255),
}
CELL, ROW_H, PAD = 120, 26, 12


def _state_data(s: Snapshot, area: str) -> str:
    d = s.data_availability
    return "not covered" if d is None else d.level_of(area) or "not covered"


def chart_rows(snaps: list[Snapshot], topic: str) -> tuple[list[str], list[list[str]]]:
    """Row labels and, per row, one state per city; for data availability or any list topic."""
    if topic == "data":
        areas: list[str] = []
        for s in snaps:
            d = s.data_availability
            for level in (d.sufficient + d.insufficient + d.no_response) if d else []:
                if level not in areas:
                    areas.append(level)
        return areas, [[_state_data(s, a) for s in snaps] for a in areas]
    field = {"policy_areas": "policy_areas", "roles": "roles", "terms": "terms",
             "success_factors": "success_factors", "helping_to": "helping_to",
             "funding_sources": "funding_sources"}.get(topic, "policy_areas")
    labels: list[str] = []
    for s in snaps:
        for item in getattr(s, field) or []:
            if item not in labels:
                labels.append(item)
    rows = [["not covered" if getattr(s, field) is None else "yes" if lab in getattr(s, field) else "no"
             for s in snaps] for lab in labels]
    return labels, rows


def grid_png(title: str, columns: list[str], labels: list[str], rows: list[list[str]]) -> bytes:
    font = ImageFont.load_default(size=14)
    label_w = max([int(font.getlength(lab)) for lab in labels] + [120]) + 2 * PAD
    legend = [k for k in COLOURS if any(k in r for r in rows)]
    width = label_w + CELL * len(columns) + PAD
    height = PAD * 3 + ROW_H * (len(labels) + 2) + ROW_H * len(legend)
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    draw.text((PAD, PAD), title, fill="black", font=font)
    top = PAD + ROW_H
    for c, name in enumerate(columns):
        draw.text((label_w + c * CELL + 4, top), name[:16], fill="black", font=font)
    for r, (label, states) in enumerate(zip(labels, rows, strict=True)):
        y = top + ROW_H * (r + 1)
        draw.text((PAD, y + 5), label, fill="black", font=font)
        for c, state in enumerate(states):
            x = label_w + c * CELL
            draw.rectangle([x + 2, y + 2, x + CELL - 4, y + ROW_H - 3], fill=COLOURS[state], outline=(200, 200, 200))
    y = top + ROW_H * (len(labels) + 1) + PAD
    for i, state in enumerate(legend):
        draw.rectangle([PAD, y + i * ROW_H + 4, PAD + 16, y + i * ROW_H + 20], fill=COLOURS[state], outline="grey")
        draw.text((PAD + 24, y + i * ROW_H + 4), state, fill="black", font=font)
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def comparison_chart(snaps: list[Snapshot], topic: str, title: str) -> bytes | None:
    """A PNG for the topic, or None when no city's snapshot has anything to draw."""
    labels, rows = chart_rows(snaps, topic)
    if not labels:
        return None
    return grid_png(title, [s.city for s in snaps], labels, rows)
