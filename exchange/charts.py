"""Bar charts as server-rendered SVG: no JavaScript, no CDN, readable by screen readers."""

from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    caption: str  # what the bar's tooltip and the table beside it say, e.g. "¥300.00"


def text_width(text: str, *, font_size: int = 12) -> int:
    """Roughly how wide `text` is drawn: CJK characters take a full em, Latin ones a bit over half."""
    return sum(font_size if ord(char) > 0x2E7F else font_size * 0.6 for char in text).__ceil__()


def bar_chart_svg(bars: list[Bar], *, title: str, width: int = 480, bar_height: int = 22, label_width: int | None = None) -> str:
    """A horizontal bar chart; each bar is scaled to the largest value. Returns SVG markup (escaped)."""
    if label_width is None:  # wide enough for the longest label, within reason
        label_width = min(220, max(60, max((text_width(bar.label) for bar in bars), default=0) + 12))
    gap = 6
    height = max(1, len(bars)) * (bar_height + gap) + gap
    top = max((bar.value for bar in bars), default=0) or 1
    plot = width - label_width - 90
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    for index, bar in enumerate(bars):
        y = gap + index * (bar_height + gap)
        length = max(1, plot * bar.value // top) if bar.value else 0
        text_y = f"{y + bar_height * 0.7:.0f}"
        parts.append(
            f'<g class="bar" data-label="{escape(bar.label)}" data-value="{bar.value}">'
            f'<text x="{label_width - 6}" y="{text_y}" text-anchor="end" font-size="12">{escape(bar.label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length}" height="{bar_height}" fill="#0d6efd">'
            f"<title>{escape(bar.caption)}</title></rect>"
            f'<text x="{label_width + length + 4}" y="{text_y}" font-size="12">{escape(bar.caption)}</text></g>'
        )
    if not bars:
        parts.append(f'<text x="8" y="{height - 8}" font-size="12">—</text>')
    parts.append("</svg>")
    return "".join(parts)
