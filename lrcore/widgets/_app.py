"""Shared machinery of the course's apps: a figure, its PNG in an Image widget, blitting, status, display."""

from __future__ import annotations

import asyncio
import functools
import io
import time
from types import SimpleNamespace

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image as PILImage

from .. import plots
from .._validation import check_scalar
from ..closed_form import fit_closed_form
from ..descent import stability_limit
from ..figure_display import png_bundle, smallest_text_px, whole_pixel_inches
from ..losses import mse
from ..style import course_style
from ._controls import FloatLogSlider, Picture, StatusLine, quiet_widget_creation

#: Least pause, in seconds, between the end of one frame and the start of the next inside the kernel. The pause
#: is also at least as long as the last frame took to draw, so the kernel spends at most half its time drawing and
#: reads every slider message that arrived meanwhile before the next frame: they join it, no backlog builds.
_MIN_GAP = 0.015


#: Widest picture, in inches at ``_App._dpi`` (837 px): a classroom projector at 1024×768 gives JupyterLab's
#: output area 844 px with the left area closed; a wider picture is shrunk and its 8-pt text falls below 10 px.
MAX_FIGURE_WIDTH = 9.3


def _widget_bundle(widget):
    """The display bundle of an ipywidgets widget: ``_repr_mimebundle_`` in ipywidgets 8, built by hand in 7."""
    make = getattr(widget, "_repr_mimebundle_", None)
    if make is not None:
        return make() or {}
    return {"application/vnd.jupyter.widget-view+json": {"version_major": 2, "version_minor": 0,
                                                         "model_id": widget.model_id}}


def _colab_widget_metadata():
    """Where Google Colab runs the app, the display metadata that makes it load the custom widget manager (the
    controls are anywidget widgets, which Colab's built-in manager does not know); elsewhere nothing. anywidget
    computes it for its own widgets' displays; an app displays a box of them, so it asks anywidget too."""
    try:
        from anywidget._util import get_repr_metadata
    except ImportError:  # a future anywidget: Colab then falls back to its own display hook
        return {}
    return get_repr_metadata()


class _App:
    """Shared machinery: a figure, its PNG in an Image widget, blitting, status, display.

    Works with ipywidgets 8 and with 7.7+ (Google Colab ships 7.x)."""

    _dpi = 90

    #: What the picture shows, before the status line in its text alternative (each app says its own).
    _picture = "The app's picture"

    def __init_subclass__(cls, **kwargs):
        """Build every app's widgets without ipywidgets 7's comm deprecation warning under newer ipykernels."""
        super().__init_subclass__(**kwargs)
        init = cls.__dict__.get("__init__")
        if init is None:
            return

        @functools.wraps(init)
        def quiet_init(self, *args, **kw):
            with quiet_widget_creation():
                init(self, *args, **kw)

        cls.__init__ = quiet_init

    def __init__(self, figsize):
        if figsize[0] > MAX_FIGURE_WIDTH:
            raise ValueError(f"an app's figure may be at most {MAX_FIGURE_WIDTH} in wide (837 px, the output area "
                             f"of a 1024x768 projector), got {figsize[0]}")
        with course_style():
            self.figure = Figure(figsize=whole_pixel_inches(figsize, self._dpi), dpi=self._dpi)
        canvas = FigureCanvasAgg(self.figure)
        self._image = Picture(width=canvas.get_width_height()[0], alt=self._picture)
        self._status_html = StatusLine()
        self._background = None
        self._palette = None  # the palette image of the last full redraw, reused by blits
        self._dynamic = []
        self._png = b""
        self._pending = None  # "full" or "blit" while a frame waits to be drawn
        self._timer = None
        self._ready_at = 0.0  # event-loop time before which no new frame starts
        self._status = ""
        self.frames_drawn = 0  # full redraws plus blits, for tests and benchmarks

    # -- drawing ---------------------------------------------------------
    def _full_draw(self):
        """Draw everything, keep the background without the dynamic artists, then blit them."""
        for artist in self._dynamic:
            artist.set_visible(False)
        with course_style():
            self.figure.canvas.draw()
        self._background = self.figure.canvas.copy_from_bbox(self.figure.bbox)
        for artist in self._dynamic:
            artist.set_visible(True)
        self._blit(new_palette=True)

    def _blit(self, new_palette=False):
        canvas = self.figure.canvas
        canvas.restore_region(self._background)
        for artist in self._dynamic:
            artist.axes.draw_artist(artist)
        self._png = self._encode(canvas, new_palette=new_palette)
        with self._image.hold_sync():  # the frame and its text alternative in one message
            self._image.png = self._png
            self._image.alt = f"{self._picture}. {self._status}"
        self.frames_drawn += 1

    def _encode(self, canvas, *, new_palette=False):
        """The frame as a 256-colour palette PNG: a third of the bytes of a true-colour PNG (about 50 KiB instead
        of 140-160 KiB for the learning-rate explorer) without visible loss on these flat-shaded figures.

        After a full redraw the palette is chosen for the whole frame (median-cut octree, dithered); a blitted
        frame only moves the same artists over the same background, so it reuses that palette, mapping each
        pixel to its nearest colour (4 ms instead of 11 ms for the explorer)."""
        rgb = PILImage.fromarray(np.asarray(canvas.buffer_rgba())[..., :3])
        if new_palette or self._palette is None:
            image = self._palette = rgb.quantize(256, method=PILImage.Quantize.FASTOCTREE)
        else:
            image = rgb.quantize(palette=self._palette, dither=PILImage.Dither.NONE)
        buffer = io.BytesIO()
        image.save(buffer, format="png", compress_level=1)
        return buffer.getvalue()

    def _on_fast_change(self, _change):
        """A control that moves only the dynamic artists changed: recompute, then blit."""
        self._compute()
        self._request(full=False)

    def _request(self, *, full):
        """Ask for a new frame. Outside a running event loop (plain Python) it is drawn at once. Inside the
        kernel's loop the first move is drawn as soon as its message is handled; moves that arrive while a frame is
        being drawn (or within the short pause after it, see ``_MIN_GAP``) join the next frame, so a held-down key
        or a dragged slider never queues a backlog of stale frames, and the last frame always shows the last move.
        Results and status are always updated at once; ``png()`` and displaying the app draw a pending frame first."""
        if full or self._pending == "full" or self._background is None:
            self._pending = "full"
        else:
            self._pending = "blit"
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self._flush()
            return
        if self._timer is None:
            self._timer = loop.call_later(max(0.0, self._ready_at - loop.time()), self._flush)

    def _flush(self):
        """Draw the pending frame, if any."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        pending, self._pending = self._pending, None
        started = time.perf_counter()
        if pending == "full":
            self._full_draw()
        elif pending == "blit":
            self._blit()
        else:
            return
        took = time.perf_counter() - started
        try:
            self._ready_at = asyncio.get_running_loop().time() + max(_MIN_GAP, took)
        except RuntimeError:
            pass

    def _set_status(self, text):
        self._status = text
        self._status_html.text = text  # the picture's alt follows with the next frame (_blit)

    # -- public ----------------------------------------------------------
    @property
    def status(self):
        """One line saying what the figure shows."""
        return self._status

    def png(self):
        """PNG bytes of the current frame (drawing a pending one first)."""
        if self._pending:
            self._flush()
        return self._png

    def save_png(self, path):
        """Write the current frame to ``path``."""
        with open(path, "wb") as fh:
            fh.write(self.png())

    def _repr_mimebundle_(self, include=None, exclude=None):
        """The live widget where a kernel runs; for readers without one (GitHub, nbviewer, the course website)
        the current frame as an ``<img>`` whose alt is the picture's text alternative, and as a plain PNG."""
        png = self.png()
        with course_style():
            text_px = smallest_text_px(self.figure)
        fallback, _ = png_bundle(png, self._image.alt, text_px)
        bundle = _widget_bundle(self.widget)
        bundle["text/plain"] = f"{type(self).__name__}: {self._status}"
        bundle["text/html"] = fallback["text/html"]
        bundle["image/png"] = fallback["image/png"]
        return bundle, _colab_widget_metadata()

    def __repr__(self):
        return f"<{type(self).__name__}: {self._status}>"


def _slider_row(*controls):
    return widgets.HBox(list(controls), layout=widgets.Layout(flex_flow="row wrap"))


_one_feature = plots._one_feature


def _line_bowl(x, y, start):
    """What an app running descent on the MSE bowl of one feature needs: ``limits`` (1/L, 2/L), the plot
    ``bounds``, the least-squares ``minimum`` MSE, and ``start`` (the given one, or far up the bowl)."""
    two_over_L = stability_limit(x)
    bounds = plots.loss_bounds(x, y)
    w_opt, b_opt = fit_closed_form(x, y)
    if start is None:
        start = (w_opt[0] - 0.8 * (bounds[1] - w_opt[0]), b_opt + 0.8 * (bounds[3] - b_opt))
    return SimpleNamespace(limits=(two_over_L / 2, two_over_L), bounds=bounds, start=start,
                           minimum=mse(y, w_opt[0] * x + b_opt))


def _rate_slider(limits, value, *, description, steps, width):
    """A log-scale η slider from 1/(40L) to 1.5·(2/L), past the divergence limit."""
    lo, hi = np.log10(limits[0] / 40), np.log10(1.5 * limits[1])
    return FloatLogSlider(value=value, base=10, min=lo, max=hi, step=(hi - lo) / steps, description=description,
                          readout_format=".3g", layout=widgets.Layout(width=width))


def _optional_rate(value, name="learning_rate"):
    return None if value is None else check_scalar(value, name, positive=True)


def _check_start(start):
    """None or a finite (w, b) pair."""
    if start is None:
        return None
    if isinstance(start, np.ndarray):
        start = start.tolist() if start.ndim == 1 else start
    if not isinstance(start, (tuple, list)) or len(start) != 2:
        raise TypeError(f"start must be a pair (w, b) or None, got {start!r:.40}")
    return tuple(check_scalar(v, "start") for v in start)


def _check_feature_names(names, name, choices):
    """A tuple of names from ``choices``; a single string is one name."""
    if isinstance(names, str):
        names = (names,)
    try:
        names = tuple(names)
    except TypeError:
        raise TypeError(f"{name} must be a column name or a sequence of them, got {type(names).__name__}") from None
    unknown = [n for n in names if not isinstance(n, str) or n not in choices]
    if unknown:
        raise ValueError(f"{name} must name columns from {', '.join(choices)}; got {', '.join(map(repr, unknown))}")
    return names


