"""A server-rendered SVG line chart of cumulative earnings (no script, no CDN)."""

from datetime import date, timedelta

from django.utils.html import escape

from . import money


def earnings_svg(series: list[tuple[date, int]], *, width: int = 640, height: int = 200, title: str = "") -> str:
    """An accessible step chart of `(day, cumulative micros)`; empty series give an empty frame."""
    pad_left, pad_bottom, pad_top = 90, 24, 12
    plot_w, plot_h = width - pad_left - 10, height - pad_bottom - pad_top
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" class="earnings-chart">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{pad_left}" y1="{pad_top + plot_h}" x2="{pad_left + plot_w}" y2="{pad_top + plot_h}" stroke="#adb5bd"/>',
    ]
    if series:
        # Start from nothing the day before the first sale, so one sale still draws a rise.
        series = [(series[0][0] - timedelta(days=1), 0), *series]
        top = max(max(value for _, value in series), 1)
        first, last = series[0][0], series[-1][0]
        span = max((last - first).days, 1)

        def xy(day: date, value: int) -> tuple[float, float]:
            x = pad_left + plot_w * ((day - first).days / span if len(series) > 1 else 1)
            y = pad_top + plot_h - plot_h * max(value, 0) / top
            return round(x, 1), round(y, 1)

        points = []
        previous = None
        for day, value in series:
            x, y = xy(day, value)
            if previous is not None:
                points.append(f"{x},{previous}")
            points.append(f"{x},{y}")
            previous = y
        parts.append(f'<polyline fill="none" stroke="#0d6efd" stroke-width="2" points="{" ".join(points)}"/>')
        for day, value in series[1:]:
            x, y = xy(day, value)
            parts.append(
                f'<circle cx="{x}" cy="{y}" r="3" fill="#0d6efd"><title>{day.isoformat()}: '
                f"{escape(money.format_micros(value))}</title></circle>"
            )
        label = escape(money.format_micros(top))
        parts.append(f'<text x="{pad_left - 6}" y="{pad_top + 10}" text-anchor="end" font-size="11">{label}</text>')
        parts.append(f'<text x="{pad_left}" y="{height - 6}" font-size="11">{first.isoformat()}</text>')
        parts.append(f'<text x="{pad_left + plot_w}" y="{height - 6}" text-anchor="end" font-size="11">{last.isoformat()}</text>')
    parts.append("</svg>")
    return "".join(parts)
