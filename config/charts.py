"""The portals' charts: SVG drawn on the server by pygal, served as images under their own CSP.

pygal writes its look as a ``<style>`` element inside the SVG. The pages' CSP allows no inline
style, so a chart is never inlined: a page shows ``<img src=…svg>`` (see templates/charts/chart.html)
and the SVG response carries a CSP of its own that allows its inline style and nothing else (an
SVG shown as an image runs no script and loads nothing anyway). pygal's configuration script is
dropped. The page's heading names the chart and the image's alt text says it again, so the
drawing shows no title of its own; `title` names the SVG document (its <title>, read when the
image is opened by itself). Two sizes are drawn: ``s`` for phones (labels sized to stay readable at 390 px) and ``l``
for wider screens; the page picks one with ``<picture>``.

Axis titles and month or day labels are written in the reader's language (the request's active
language); money ticks go through the one money formatter. Values are integers (fen or micros);
pygal turns them into positions only.
"""

import re
from datetime import date, timedelta

import pygal
from django.http import HttpResponse
from django.utils import dateformat
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from pygal.style import Style

SIZES = {"s": (340, 280), "l": (640, 300)}
FONT = "system-ui, -apple-system, 'Segoe UI', 'Noto Sans', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"
STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#212529",
    foreground_strong="#212529",
    foreground_subtle="#6c757d",
    colors=("#0d6efd", "#198754", "#6f42c1", "#fd7e14"),
    font_family=FONT,
    label_font_size=12,
    major_label_font_size=12,
    value_font_size=12,
    value_label_font_size=12,
    tooltip_font_size=12,
    title_font_size=14,
    legend_font_size=12,
    no_data_font_size=16,
)
SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'"
_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)


def chart_size(value: str | None) -> str:
    return value if value in SIZES else "l"


def last_months(today: date, count: int = 12) -> list[date]:
    """The first day of each of the last `count` months, oldest first, this month last."""
    months = []
    year, month = today.year, today.month
    for _i in range(count):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def month_label(month: date) -> str:
    # Translators: a month under a chart bar, the year left to the axis title (Django date format: "Dec"; Chinese "12月").
    return dateformat.format(month, pgettext("chart month", "M"))


def month_year(month: date) -> str:
    # Translators: a month and its year in a chart's axis title (Django date format: "Dec 2026"; Chinese "2026年12月").
    return dateformat.format(month, pgettext("chart month and year", "M Y"))


def day_label(day: date) -> str:
    # Translators: a day on a chart's time axis, the year left to the axis title (Django date format: "Dec 3"; Chinese "12月3日").
    return dateformat.format(day, pgettext("chart day", "M j"))


def day_year(day: date) -> str:
    # Translators: a day and its year in a chart's axis title (Django date format: "Dec 3, 2026"; Chinese "2026年12月3日").
    return dateformat.format(day, pgettext("chart day and year", "M j, Y"))


def _span(first: str, last: str) -> str:
    return first if first == last else _("%(first)s – %(last)s") % {"first": first, "last": last}


def _base(size: str, **options) -> dict:
    width, height = SIZES[size]
    return {
        "style": STYLE,
        "width": width,
        "height": height,
        "explicit_size": True,
        "show_legend": False,
        "js": [],
        "css": ["file://style.css", "file://graph.css"],
        "disable_xml_declaration": True,
        "margin": 8,
        "spacing": 8,
        "truncate_label": -1,
        "truncate_legend": -1,
        "no_data_text": _("Nothing yet"),
        "print_zeroes": False,
        **options,
    }


def _render(chart, title: str) -> str:
    svg = _SCRIPT.sub("", chart.render(is_unicode=True))
    opening = svg.index(">") + 1
    return f"{svg[:opening]}<title>{escape(title)}</title>{svg[opening:]}"


def month_bar_chart(by_month: dict[date, int], *, months: list[date], size: str, y_title: str, value_format, title: str) -> str:
    """One bar per month (zero where nothing happened), y axis in the unit `value_format` writes.

    A phone gets the last six of `months`. Bars are labelled by month alone, level, so labels
    never need turning; the axis title names the first and last month with their years."""
    if size == "s":
        months = months[-6:]
    chart = pygal.Bar(
        **_base(
            size,
            x_title=_span(month_year(months[0]), month_year(months[-1])),
            y_title=y_title,
            value_formatter=lambda value: value_format(round(value or 0)),
            min_scale=3,
            max_scale=6,
        )
    )
    chart.x_labels = [month_label(month) for month in months]
    values = [by_month.get(month, 0) for month in months]
    if not any(values):
        return _empty(size, title)
    chart.y_labels = _ticks(max(values))
    chart.add(y_title, values)
    return _render(chart, title)


def _cjk_extra(labels: list[str], font_size: int = 12) -> int:
    """How much wider than pygal reckons the widest label is drawn (pygal counts every character
    as 0.6 em; a Chinese character takes a full em)."""
    return max((sum(1 for char in label if ord(char) > 0x2E7F) for label in labels), default=0) * font_size * 2 // 5


def _ticks(top: int) -> list[int]:
    """Round whole-number ticks (steps of 1, 2 or 5 times a power of ten) from 0 to at least `top`,
    at most six of them: counts have no halves, fen and micros no fractions, and the highest bar
    stays under the highest tick."""
    step = 1
    while top / step > 5:
        step = step * 5 // 2 if str(step)[0] == "2" else step * 2
    return list(range(0, top + step, step)) if top else [0, 1]


def category_bar_chart(rows: list[tuple[str, int]], *, size: str, x_title: str, title: str) -> str:
    """Horizontal bars, one per category, longest label written out in full on the left."""
    if not rows:
        return _empty(size, title)
    height = max(140, 70 + 34 * len(rows))
    labels = [label for label, _value in rows]
    chart = pygal.HorizontalBar(
        **_base(
            size,
            height=height,
            x_title=x_title,  # under the value axis
            print_values=True,
            value_formatter=lambda value: f"{round(value or 0):,}",
            margin_left=8 + _cjk_extra(labels),
        )
    )
    chart.x_labels = labels
    chart.y_labels = _ticks(max(value for _label, value in rows))
    chart.add(x_title, [value for _label, value in rows])
    return _render(chart, title)


def cumulative_chart(series: list[tuple[date, int]], *, size: str, y_title: str, value_format, title: str) -> str:
    """A step line of a running total by day, starting from nothing the day before the first point."""
    if not series:
        return _empty(size, title)
    chart = pygal.DateLine(
        **_base(
            size,
            x_title=_span(day_year(series[0][0] - timedelta(days=1)), day_year(series[-1][0])),
            y_title=y_title,
            x_value_formatter=day_label,
            margin_right=28,  # the last day's label is centred on the right edge of the plot
            value_formatter=lambda value: value_format(round(value or 0)),
            show_dots=False,
            include_x_axis=True,
            fill=True,
            min_scale=3,
            max_scale=6,
        )
    )
    points = [(series[0][0] - timedelta(days=1), 0)]
    for day, value in series:
        points.append((day, points[-1][1]))  # hold the level until the day it changes
        points.append((day, value))
    chart.add(y_title, points)
    chart.y_labels = _ticks(max(max(value for _day, value in series), 0))
    days = [series[0][0] - timedelta(days=1), *(day for day, _value in series)]
    chart.x_labels = _spread(days, 4 if size == "s" else 6)
    return _render(chart, title)


def _empty(size: str, title: str) -> str:
    """A frame that says there is nothing to draw yet (no axes of made-up numbers)."""
    return _render(pygal.Bar(**_base(size, height=140, show_x_labels=False, show_y_labels=False)), title)


def _spread(days: list[date], count: int) -> list[date]:
    """At most `count` days from first to last, evenly apart (the time axis' labels)."""
    first, last = days[0], days[-1]
    span = (last - first).days
    if span < count:
        return sorted(set(days))
    return [first + timedelta(days=round(span * index / (count - 1))) for index in range(count)]


def chart_response(svg: str) -> HttpResponse:
    """The SVG as an image with a CSP of its own: its inline style is allowed, nothing else is.

    No cache header of its own: a person's or a merchant's chart gets no-store from
    NoStoreMiddleware like every answer to a signed-in person, and a chart's URL is the same in
    every language, so not even the public statistics are kept for the next reader."""
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Security-Policy"] = SVG_CSP
    return response
