"""A horizontal stacked bar chart (e.g. actions by status for each workstream).

One `StackedBarChart` value is drawn two ways from the same geometry: as SVG for HTML and PDF
(WeasyPrint draws inline SVG) and as PNG for DOCX (python-docx can only embed pictures). The PNG
is drawn with Pillow, which WeasyPrint already depends on, so charts add no dependency.
The chart is never the only place a number appears: each report also prints the counts in a
table beside it, so screen-reader users and anyone editing the DOCX have the figures.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from html import escape

from PIL import Image, ImageDraw, ImageFont

LABEL_WIDTH = 260
BAR_WIDTH = 360
ROW_HEIGHT = 28
BAR_HEIGHT = 18
TOP = 10
LEGEND_ROW = 22
FONT_SIZE = 12
# The PNG is drawn at twice the SVG's size so it stays sharp when printed.
PNG_SCALE = 2


@dataclass(frozen=True)
class Series:
    name: str
    colour: str  # "#rrggbb"
    values: tuple[int, ...]


@dataclass(frozen=True)
class StackedBarChart:
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]

    @property
    def largest_total(self) -> int:
        totals = [sum(s.values[i] for s in self.series) for i in range(len(self.categories))]
        return max(totals, default=0)

    @property
    def width(self) -> int:
        return LABEL_WIDTH + BAR_WIDTH + 50

    @property
    def height(self) -> int:
        legend_rows = (len(self.series) + 3) // 4
        return TOP + ROW_HEIGHT * len(self.categories) + 10 + LEGEND_ROW * legend_rows

    def bars(self) -> list[tuple[int, float, float, Series, int]]:
        """(category index, x, width, series, value) for every non-empty segment."""
        scale = BAR_WIDTH / max(self.largest_total, 1)
        segments = []
        for index in range(len(self.categories)):
            x = float(LABEL_WIDTH)
            for series in self.series:
                value = series.values[index]
                if value:
                    segments.append((index, x, value * scale, series, value))
                    x += value * scale
        return segments

    def legend(self) -> list[tuple[float, float, Series]]:
        base = TOP + ROW_HEIGHT * len(self.categories) + 10
        return [
            (float(10 + (i % 4) * 160), float(base + (i // 4) * LEGEND_ROW), series)
            for i, series in enumerate(self.series)
        ]


def _row_y(index: int) -> float:
    return TOP + index * ROW_HEIGHT


def _clip(label: str, limit: int = 40) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def to_svg(chart: StackedBarChart) -> str:
    """The chart as an inline SVG element, with a title for assistive technology."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="jup-chart" '
        f'viewBox="0 0 {chart.width} {chart.height}" width="{chart.width}" '
        f'height="{chart.height}" aria-labelledby="chart-title">',
        f'<title id="chart-title">{escape(chart.title)}</title>',
        f'<g font-family="Arial, Liberation Sans, sans-serif" font-size="{FONT_SIZE}">',
    ]
    for index, category in enumerate(chart.categories):
        y = _row_y(index) + BAR_HEIGHT - 4
        parts.append(f'<text x="0" y="{y}">{escape(_clip(category))}</text>')
    for index, x, width, series, value in chart.bars():
        y = _row_y(index)
        parts.append(
            f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" '
            f'fill="{series.colour}"><title>{escape(series.name)}: {value}</title></rect>'
        )
        if width >= 14:
            parts.append(
                f'<text x="{x + width / 2:.1f}" y="{y + BAR_HEIGHT - 5}" text-anchor="middle" '
                f'fill="{_ink_on(series.colour)}">{value}</text>'
            )
    for x, y, series in chart.legend():
        parts.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{series.colour}"/>')
        parts.append(f'<text x="{x + 18}" y="{y + 11}">{escape(series.name)}</text>')
    parts.append("</g></svg>")
    return "".join(parts)


def _ink_on(colour: str) -> str:
    """Black or white text, whichever reads better on the colour."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#0b0c0c" if (red * 299 + green * 587 + blue * 114) / 1000 > 140 else "#ffffff"


@lru_cache(maxsize=4)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for name in ("LiberationSans-Regular.ttf", "Arial.ttf", "DejaVuSans.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def to_png(chart: StackedBarChart) -> bytes:
    """The same chart as a PNG, for documents that cannot hold SVG (DOCX)."""
    k = PNG_SCALE
    image = Image.new("RGB", (chart.width * k, chart.height * k), "white")
    draw = ImageDraw.Draw(image)
    font = _font(FONT_SIZE * k)
    for index, category in enumerate(chart.categories):
        draw.text((0, (_row_y(index) + 2) * k), _clip(category), fill="#0b0c0c", font=font)
    for index, x, width, series, value in chart.bars():
        y = _row_y(index)
        box = (x * k, y * k, (x + width) * k - 1, (y + BAR_HEIGHT) * k)
        draw.rectangle(box, fill=series.colour)
        if width >= 14:
            centre = ((x + width / 2) * k, (y + BAR_HEIGHT / 2) * k)
            draw.text(centre, str(value), fill=_ink_on(series.colour), font=font, anchor="mm")
    for x, y, series in chart.legend():
        draw.rectangle((x * k, y * k, (x + 12) * k, (y + 12) * k), fill=series.colour)
        draw.text(((x + 18) * k, y * k), series.name, fill="#0b0c0c", font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
