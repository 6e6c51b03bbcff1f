"""Show a static matplotlib figure with a text alternative.

JupyterLab renders ``image/png`` as an ``<img>`` without ``alt``, so a screen
reader says nothing about a figure. ``show_figure`` displays a bundle whose
preferred ``text/html`` is an ``<img>`` with the PNG as a ``data:`` URI and the
figure's message as ``alt`` (JupyterLab's sanitizer keeps both, trusted or
not); ``image/png`` and ``text/plain`` (the alt) follow for other front ends.
The ``<img>`` also carries its natural size and the smallest text size of the
figure, in CSS pixels, so that a test over the saved notebooks can check them.
"""

from __future__ import annotations

import base64
import html
import io

#: Widest a static figure may be (CSS px): JupyterLab's output area at 1024×768 with the left area
#: closed is 844 px, and the apps use at most 837 px; wider images are shrunk, and their text with them.
MAX_WIDTH_PX = 837
#: Smallest text a figure may have (CSS px), at the figure's natural size.
MIN_TEXT_PX = 10.0

__all__ = ["show_figure", "figure_bundle", "smallest_text_px", "MAX_WIDTH_PX", "MIN_TEXT_PX"]


def _check_figure(fig):
    from matplotlib.figure import Figure

    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure (e.g. from plt.subplots()), got {type(fig).__name__}")
    return fig


def _check_alt(alt):
    if not isinstance(alt, str):
        raise TypeError(f"alt must be a string (the figure's one-line message), got {type(alt).__name__}")
    if not alt.strip():
        raise ValueError("alt must not be empty: say in one line what the figure shows")
    if "\n" in alt or "\r" in alt:
        raise ValueError(f"alt must be one line (no line breaks), got {alt!r:.80}")
    return alt.strip()


def smallest_text_px(fig):
    """The smallest font size, in CSS px at the figure's dpi, of the texts ``fig`` draws.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A figure; it is drawn first, so that tick labels and layout are final.

    Returns
    -------
    float
        ``size_pt · dpi / 72`` of the smallest visible, non-empty text on the canvas (``inf`` when there
        is none). Tick labels an axis does not draw (outside its view) share the size of those it draws.
    """
    from matplotlib.text import Text

    fig = _check_figure(fig)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    box = fig.bbox
    sizes = []
    for text in fig.findobj(Text):
        if not (text.get_visible() and text.get_text().strip()):
            continue
        extent = text.get_window_extent(renderer)
        if extent.x1 < box.x0 or extent.x0 > box.x1 or extent.y1 < box.y0 or extent.y0 > box.y1:
            continue      # off the canvas: not drawn
        sizes.append(text.get_fontsize() * fig.dpi / 72.0)
    return min(sizes, default=float("inf"))


def whole_pixel_inches(figsize, dpi):
    """``figsize`` (inches) nudged so that its canvas is ``round(figsize · dpi)`` pixels with every matplotlib.

    A canvas is the figure's size in pixels truncated, and ``5.6 · 90`` is 503.99999999999994 in floating
    point: matplotlib 3.10 truncates that to 503, 3.11 (which allows 1e-8) to 504, so a picture's height,
    saved in the chapters, changed with the version. A quarter pixel more truncates to the same whole number
    everywhere; the quarter row past the canvas is never drawn.

    Parameters
    ----------
    figsize : sequence of float
        Width and height in inches.
    dpi : float
        Dots per inch.

    Returns
    -------
    tuple of float
        The nudged width and height in inches.
    """
    return tuple((round(inches * dpi) + 0.25) / dpi for inches in figsize)


def figure_bundle(fig, alt):
    """The display bundle and metadata ``show_figure`` displays (the figure is left open, its size nudged by
    ``whole_pixel_inches`` so that its pixel size does not depend on the matplotlib version).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to show.
    alt : str
        Its text alternative: one non-empty line saying what the figure shows.

    Returns
    -------
    (dict, dict)
        The MIME bundle (``text/html``, ``image/png``, ``text/plain``) and its metadata.
    """
    fig = _check_figure(fig)
    alt = _check_alt(alt)
    fig.set_size_inches(whole_pixel_inches(fig.get_size_inches(), fig.dpi))  # the same size everywhere
    text_px = smallest_text_px(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=fig.dpi)
    return png_bundle(buffer.getvalue(), alt, text_px)


def png_bundle(png, alt, text_px):
    """The bundle and metadata showing PNG bytes ``png`` as an ``<img>`` with text alternative ``alt`` (one
    line), noting ``text_px``, the smallest text in it in CSS px (``inf``: none); also used by the apps for the
    picture readers without a kernel see."""
    width = int.from_bytes(png[16:20], "big")     # the PNG's IHDR: width, height
    height = int.from_bytes(png[20:24], "big")
    data = base64.b64encode(png).decode("ascii")
    small = f"{text_px:.1f}" if text_px != float("inf") else "none"
    tag = (f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt, quote=True)}" '
           f'width="{width}" height="{height}" data-min-text-px="{small}">')
    bundle = {"text/html": tag, "image/png": data, "text/plain": alt}
    metadata = {"image/png": {"width": width, "height": height},
                "lrcore": {"alt": alt, "width_px": width, "min_text_px": small}}
    return bundle, metadata


def show_figure(fig, alt):
    """Display ``fig`` as an image with a text alternative, then close it.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to show (e.g. from ``plt.subplots()``).
    alt : str
        The figure's message in one line, read by screen readers: what it
        shows, not "a plot". Escaped for HTML here.

    Returns
    -------
    None
        The figure is displayed and closed, so the inline backend does not show it a second time.

    Raises
    ------
    TypeError
        If ``fig`` is not a matplotlib Figure or ``alt`` is not a string.
    ValueError
        If ``alt`` is empty or has a line break.

    Examples
    --------
    >>> fig, ax = plt.subplots(figsize=(6, 4), layout="constrained")   # doctest: +SKIP
    >>> show_figure(fig, "Quiz score rises with hours studied, roughly along a line.")  # doctest: +SKIP
    """
    import matplotlib.pyplot as plt
    from IPython.display import display

    bundle, metadata = figure_bundle(fig, alt)
    plt.close(fig)
    display(bundle, raw=True, metadata=metadata)
