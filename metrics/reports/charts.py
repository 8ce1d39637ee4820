"""The monthly report's charts as PNG images for the e-mail (the page draws its own with Chart.js).

Mail clients run no JavaScript, so the mail carries pictures: drawn here with matplotlib's Agg
backend (no display, no GUI toolkit), in the portal's colours (static/css/portal.css: the city's
blue first), and readable without colour: every series also has its own hatch (bars) or marker and
line style (lines), and the colours differ in lightness, so a greyscale print or a reader who does
not see colours tells them apart. Each chart comes with its alt text, which states every figure in
it; the mail shows the same figures in a data table beside it.

matplotlib is imported inside `_pyplot()` on first use: only the mail command and its task pay for
it, never a page load or the start of a process.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _

# The portal's palette, darkest first so that neighbouring series differ in lightness too:
# the city's blue, a dark red, a green and an amber (each ≥ 4.5:1 against white).
COLOURS = ("#0b4f8a", "#a52834", "#2e6b30", "#7a4b00", "#5c636a")
# Lighter tints of the same colours as bar fills, so the hatch lines (in the full colour) show.
HATCHES = ("", "///", "...", "xx", "\\\\")
MARKERS = ("o", "s", "^", "D", "v")
LINESTYLES = ("-", "--", "-.", ":", (0, (5, 1)))

WIDTH_INCHES = 6.4  # 640 px at DPI: fits the 640 px wide mail body
HEIGHT_INCHES = 3.2
DPI = 100

# pyplot keeps global state; two threads drawing at once (a threaded worker) would mix figures.
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | int | None]  # None: the platform does not give the figure


@dataclass(frozen=True)
class Chart:
    """One image of the mail: `filename` is also its Content-ID (`<img src="cid:...">`)."""

    filename: str
    title: str
    alt: str
    png: bytes


def number(value: float | int | None, decimals: int = 0) -> str:
    """A figure as the Swedish reader writes it ("12 300", "4,5"); "–" when it is not given."""
    if value is None:
        return "–"
    return formats.number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def alt_text(title: str, categories: Sequence[str], series: Sequence[Series], decimals: int = 0) -> str:
    """Every figure of the chart in words, in the order the chart shows them:
    "Räckvidd per konto. Konto A: november 12 300, oktober 10 000. Konto B: …"."""
    if not categories or not series:
        return _("%(title)s: no figures for the month.") % {"title": title}
    parts = [title + "."]
    for index, category in enumerate(categories):
        values = ", ".join(
            f"{one.name} {number(one.values[index] if index < len(one.values) else None, decimals)}"
            for one in series
        )
        parts.append(f"{category}: {values}.")
    return " ".join(parts)


def bar_chart(
    *,
    filename: str,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    decimals: int = 0,
) -> Chart:
    """Horizontal grouped bars, one group per category (an account, an objective), one bar per
    series (this month, the month before), each series with its own hatch."""
    plt = _pyplot()
    with _LOCK:
        height = max(1.8, 1.0 + 0.22 * len(categories) * max(len(series), 1))
        figure, axes = plt.subplots(figsize=(WIDTH_INCHES, height), dpi=DPI)
        try:
            count = max(len(series), 1)
            bar_height = 0.8 / count
            positions = range(len(categories))
            for index, one in enumerate(series):
                values = [_plotted(v) for v in one.values]
                offsets = [p - 0.4 + bar_height * (index + 0.5) for p in positions]
                colour = COLOURS[index % len(COLOURS)]
                bars = axes.barh(
                    offsets,
                    values,
                    height=bar_height,
                    color=_tint(colour) if index else colour,
                    edgecolor=colour,
                    hatch=HATCHES[index % len(HATCHES)],
                    linewidth=1,
                    label=one.name,
                )
                axes.bar_label(bars, labels=[number(v, decimals) for v in one.values], padding=3, fontsize=8)
            axes.set_yticks(list(positions), labels=[_short(c) for c in categories])
            axes.invert_yaxis()
            # The title at the figure's left edge and the legend at its right: neither over a bar.
            figure.text(0.01, 1 - 0.12 / height, title, ha="left", va="top", fontsize=11, fontweight="bold")
            _plain_axes(axes, values_on="x")
            # A fixed layout (tight_layout costs a third of the drawing): room for the longest label.
            longest = max((len(_short(c)) for c in categories), default=0)
            figure.subplots_adjust(
                left=min(0.45, 0.04 + 0.0118 * longest),
                right=0.9,
                top=1 - 0.5 / height,
                bottom=0.35 / height,
            )
            if len(series) > 1:
                figure.legend(
                    loc="upper right",
                    bbox_to_anchor=(0.99, 1 - 0.08 / height),
                    ncol=len(series),
                    fontsize=8,
                    frameon=False,
                )
            png = _png(figure)
        finally:
            plt.close(figure)
    return Chart(filename=filename, title=title, alt=alt_text(title, categories, series, decimals), png=png)


def line_chart(
    *,
    filename: str,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    decimals: int = 0,
) -> Chart:
    """Lines over the months, each series with its own marker and line style."""
    plt = _pyplot()
    with _LOCK:
        figure, axes = plt.subplots(figsize=(WIDTH_INCHES, HEIGHT_INCHES), dpi=DPI)
        try:
            positions = list(range(len(categories)))
            for index, one in enumerate(series):
                axes.plot(
                    positions,
                    [float("nan") if v is None else v for v in one.values],
                    color=COLOURS[index % len(COLOURS)],
                    marker=MARKERS[index % len(MARKERS)],
                    linestyle=LINESTYLES[index % len(LINESTYLES)],
                    linewidth=2,
                    markersize=5,
                    label=one.name,
                )
            axes.set_xticks(positions, labels=list(categories), fontsize=8)
            axes.set_title(title, loc="left", fontsize=11, fontweight="bold")
            _plain_axes(axes, values_on="y")
            figure.subplots_adjust(left=0.1, right=0.97, top=0.88, bottom=0.1)
            axes.legend(loc="best", fontsize=8, frameon=False)
            png = _png(figure)
        finally:
            plt.close(figure)
    return Chart(filename=filename, title=title, alt=alt_text(title, categories, series, decimals), png=png)


# --- internals ------------------------------------------------------------------------------------

_PYPLOT = None


def _pyplot():
    global _PYPLOT
    if _PYPLOT is None:
        import matplotlib

        matplotlib.use("Agg", force=True)
        from matplotlib import pyplot

        pyplot.rcParams.update(
            {
                "font.family": "DejaVu Sans",
                "font.size": 9,
                "axes.edgecolor": "#5c636a",
                "axes.labelcolor": "#1a1a1a",
                "text.color": "#1a1a1a",
                "xtick.color": "#1a1a1a",
                "ytick.color": "#1a1a1a",
                "hatch.linewidth": 1.0,
                "svg.hashsalt": "helsocial",
            }
        )
        _PYPLOT = pyplot
    return _PYPLOT


def _plain_axes(axes, *, values_on: str) -> None:
    """No top and right frame, a light grid along the value axis, Swedish numbers on it."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis=values_on, color="#dee2e6")
    axes.set_axisbelow(True)
    value_axis = axes.xaxis if values_on == "x" else axes.yaxis
    value_axis.set_major_formatter(FuncFormatter(lambda value, _pos: number(value)))
    value_axis.set_major_locator(MaxNLocator(nbins=5, integer=True))


def _png(figure) -> bytes:
    buffer = io.BytesIO()
    # No timestamps in the file: the same figures give the same bytes.
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def _plotted(value):
    return 0 if value is None else value


def _short(label: str, limit: int = 34) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _tint(colour: str, amount: float = 0.7) -> str:
    """`colour` mixed with white: a light fill on which the hatch in the full colour shows."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (255 - c) * amount):02x}" for c in (red, green, blue))
