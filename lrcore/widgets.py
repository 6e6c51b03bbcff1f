"""The course's interactive apps, one class each, drivable without a browser.

Every app draws on its own matplotlib ``Figure`` (never pyplot, so nothing is
shown twice and no global figure list grows) and shows it as a PNG in an
``ipywidgets.Image``. It exposes its controls as attributes, ``.status`` (one
line of text), ``.figure``, ``.widget`` (the box to display) and, where it runs
descent, ``.result``. Setting a control's ``.value`` in plain Python updates
all of them before the assignment returns.

Speed: an app draws its static background (surfaces, contours, axes) once,
keeps it as a pixel buffer, and on a slider move restores it and draws only the
artists that changed (blitting). Sliders send one update per release or key
press (continuous_update=False), and inside the kernel a frame waits 40 ms for
further moves to join it, so a held-down arrow key never queues a backlog of
stale frames: results and status follow every move, the picture the latest one.

Displaying an app shows the live widget where a kernel runs and carries a PNG
of its current frame for readers without one (GitHub, nbviewer, print).
"""

from __future__ import annotations

import asyncio
import base64
import html
import io

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter
from PIL import Image as PILImage

from . import plots
from ._validation import check_data, check_int, check_scalar, check_text
from .closed_form import fit_closed_form
from .data import standardize
from .descent import gradient_descent, learning_rate_regime, stability_limit
from .houses import BASELINE_FEATURES, house_price_model  # re-exported: the model moved below the apps
from .losses import mae, mse, rmse, sse
from .robust import fit_mae
from .style import COLORS, course_style

#: Seconds a frame waits inside the kernel for more slider moves to join it.
_DEBOUNCE = 0.04

__all__ = ["FitByHand", "LearningRateExplorer", "LossExplorer", "GradientComparison", "ConditioningExplorer",
           "FeaturePicker", "house_price_model"]


class _App:
    """Shared machinery: a figure, its PNG in an Image widget, blitting, status, display."""

    _dpi = 90

    def __init__(self, figsize):
        with course_style():
            self.figure = Figure(figsize=figsize, dpi=self._dpi)
        FigureCanvasAgg(self.figure)
        self._image = widgets.Image(format="png", layout=widgets.Layout(width=f"{int(figsize[0] * self._dpi)}px"))
        self._status_html = widgets.HTML()
        self._background = None
        self._dynamic = []
        self._png = b""
        self._pending = None  # "full" or "blit" while a frame waits to be drawn
        self._timer = None
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
        self._blit()

    def _blit(self):
        canvas = self.figure.canvas
        canvas.restore_region(self._background)
        for artist in self._dynamic:
            artist.axes.draw_artist(artist)
        self._png = self._encode(canvas)
        self._image.value = self._png
        self.frames_drawn += 1

    @staticmethod
    def _encode(canvas):
        rgba = np.asarray(canvas.buffer_rgba())
        buffer = io.BytesIO()
        PILImage.fromarray(rgba[..., :3]).save(buffer, format="png", compress_level=1)
        return buffer.getvalue()

    def _on_fast_change(self, _change):
        """A control that moves only the dynamic artists changed: recompute, then blit."""
        self._compute()
        self._request(full=False)

    def _request(self, *, full):
        """Ask for a new frame. Outside a running event loop (plain Python) it is drawn at once; inside
        the kernel's loop it is drawn ``_DEBOUNCE`` seconds later, and every request that arrives
        meanwhile (rapid slider moves) joins the same frame, so no backlog of stale frames builds up.
        Results and status are always updated at once; ``png()`` and displaying the app draw a
        pending frame first."""
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
            self._timer = loop.call_later(_DEBOUNCE, self._flush)

    def _flush(self):
        """Draw the pending frame, if any."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        pending, self._pending = self._pending, None
        if pending == "full":
            self._full_draw()
        elif pending == "blit":
            self._blit()

    def _set_status(self, text):
        self._status = text
        self._status_html.value = f"<b>{html.escape(text)}</b>"

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
        bundle = self.widget._repr_mimebundle_() or {}
        bundle["text/plain"] = f"{type(self).__name__}: {self._status}"
        bundle["image/png"] = base64.b64encode(self.png()).decode("ascii")
        return bundle

    def __repr__(self):
        return f"<{type(self).__name__}: {self._status}>"


def _slider_row(*controls):
    return widgets.HBox(list(controls), layout=widgets.Layout(flex_flow="row wrap"))


_one_feature = plots._one_feature


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


class FitByHand(_App):
    """Fit a line by hand: w and b sliders, the residuals drawn, live SSE, MSE, RMSE, MAE.

    Attributes
    ----------
    w, b : ipywidgets.FloatSlider
    """

    def __init__(self, x, y, *, w=0.0, b=None, x_label="x", y_label="y"):
        self.x, self.y = _one_feature(x, y)
        w = check_scalar(w, "w")
        b = None if b is None else check_scalar(b, "b")
        check_text(x_label, "x_label")
        check_text(y_label, "y_label")
        super().__init__((6.4, 4.2))
        w_opt, b_opt = fit_closed_form(self.x, self.y)
        bounds = plots.loss_bounds(self.x, self.y)
        b = float(np.mean(self.y)) if b is None else b
        self.w = widgets.FloatSlider(value=w, min=bounds[0], max=bounds[1], step=(bounds[1] - bounds[0]) / 200,
                                     description="w (slope)", continuous_update=False, readout_format=".3g")
        self.b = widgets.FloatSlider(value=b, min=bounds[2], max=bounds[3], step=(bounds[3] - bounds[2]) / 200,
                                     description="b (intercept)", continuous_update=False, readout_format=".3g")
        ax = self.figure.add_subplot()
        self._drawn = plots.plot_fit(self.x, self.y, self.w.value, self.b.value, ax=ax, x_label=x_label,
                                     y_label=y_label, line_label="your line ŷ = w·x + b")
        self._drawn.ax.legend(loc="upper left", fontsize=8)
        self._text = ax.text(0.98, 0.02, "", transform=ax.transAxes, va="bottom", ha="right", fontsize=9,
                             family="monospace", bbox=dict(facecolor="white", alpha=0.85, edgecolor="none"))
        self.best = (float(w_opt[0]), float(b_opt))
        self.figure.subplots_adjust(left=0.1, right=0.97, top=0.95, bottom=0.12)
        self._dynamic = [self._drawn.line, self._drawn.residuals, self._text]
        self.widget = widgets.VBox([_slider_row(self.w, self.b), self._image, self._status_html])
        for control in (self.w, self.b):
            control.observe(self._update, names="value")
        self._update(None, full=True)

    def _update(self, _change, full=False):
        w, b = self.w.value, self.b.value
        pred = w * self.x + b
        lo, hi = self._drawn.line.get_xdata()
        self._drawn.line.set_data([lo, hi], [w * lo + b, w * hi + b])
        self._drawn.residuals.set_segments(np.stack([np.column_stack([self.x, self.y]),
                                                     np.column_stack([self.x, pred])], axis=1))
        self.metrics = {"SSE": sse(self.y, pred), "MSE": mse(self.y, pred), "RMSE": rmse(self.y, pred),
                        "MAE": mae(self.y, pred)}
        self._text.set_text("\n".join(f"{k:>4} = {v:10.4g}" for k, v in self.metrics.items()))
        self._set_status(f"w = {w:.3g}, b = {b:.3g}: " + ", ".join(f"{k} = {v:.4g}" for k, v in self.metrics.items()))
        self._request(full=full)


class LearningRateExplorer(_App):
    """Gradient descent on the MSE bowl with a learning-rate slider marked at 1/L and 2/L.

    Attributes
    ----------
    learning_rate : ipywidgets.FloatLogSlider
        Spans 1/(40L) to 3/L (past 2/L) on a log scale.
    w0, b0 : ipywidgets.FloatSlider
        The start point.
    steps : ipywidgets.IntSlider
        Most steps to take.
    elev, azim : ipywidgets.IntSlider
        The 3D view.
    result : DescentResult
    limits : tuple (1/L, 2/L)
    """

    def __init__(self, x, y, *, learning_rate=None, steps=50, start=None, units=None, w_label="w (slope)",
                 b_label="b (intercept)"):
        self.x, self.y = _one_feature(x, y)
        learning_rate = _optional_rate(learning_rate)
        steps = check_int(steps, "steps", minimum=1, maximum=300)
        start = _check_start(start)
        plots._check_labels(units, w_label, b_label)
        super().__init__((10.0, 6.4))
        self._labels = {"w_label": w_label, "b_label": b_label}
        two_over_L = stability_limit(self.x)
        self.limits = (two_over_L / 2, two_over_L)
        self.bounds = plots.loss_bounds(self.x, self.y)
        w_lo, w_hi, b_lo, b_hi = self.bounds
        w_opt, b_opt = fit_closed_form(self.x, self.y)
        self._minimum = mse(self.y, w_opt[0] * self.x + b_opt)
        if start is None:
            start = (w_opt[0] - 0.8 * (w_hi - w_opt[0]), b_opt + 0.8 * (b_hi - b_opt))
        lo_exp, hi_exp = np.log10(self.limits[0] / 40), np.log10(1.5 * two_over_L)
        value = 0.8 * self.limits[0] if learning_rate is None else learning_rate
        self.learning_rate = widgets.FloatLogSlider(
            value=value, base=10, min=lo_exp, max=hi_exp, step=(hi_exp - lo_exp) / 300,
            description="η (learning rate)", continuous_update=False, readout_format=".3g",
            style={"description_width": "initial"}, layout=widgets.Layout(width="420px"))
        self.w0 = widgets.FloatSlider(value=start[0], min=w_lo, max=w_hi, step=(w_hi - w_lo) / 100,
                                      description="start w", continuous_update=False, readout_format=".3g")
        self.b0 = widgets.FloatSlider(value=start[1], min=b_lo, max=b_hi, step=(b_hi - b_lo) / 100,
                                      description="start b", continuous_update=False, readout_format=".3g")
        self.steps = widgets.IntSlider(value=steps, min=1, max=300, description="steps", continuous_update=False)
        self.elev = widgets.IntSlider(value=28, min=-10, max=90, description="view elev", continuous_update=False)
        self.azim = widgets.IntSlider(value=-125, min=-180, max=180, description="view azim",
                                      continuous_update=False)
        marks = widgets.HTML(f"1/L = {self.limits[0]:.3g} &nbsp;·&nbsp; 2/L = {self.limits[1]:.3g} "
                             "(marked on the scale under the plots)")
        self._units = units
        self._build_figure()
        self.widget = widgets.VBox([
            _slider_row(self.learning_rate, marks), _slider_row(self.w0, self.b0, self.steps),
            _slider_row(self.elev, self.azim), self._image, self._status_html,
        ])
        self.learning_rate.observe(self._on_fast_change, names="value")
        for control in (self.w0, self.b0, self.steps, self.elev, self.azim):
            control.observe(self._on_layout, names="value")
        self._on_layout(None)

    def _build_figure(self):
        fig = self.figure
        grid = fig.add_gridspec(3, 2, height_ratios=[1, 1, 0.28], width_ratios=[1.25, 1], hspace=0.55,
                                wspace=0.28, left=0.04, right=0.97, top=0.95, bottom=0.1)
        ax3d = fig.add_subplot(grid[0:2, 0], projection="3d", computed_zorder=False)
        self._surface = plots.plot_loss_surface(self.x, self.y, ax=ax3d, bounds=self.bounds, resolution=40,
                                                units=self._units, **self._labels)
        self._contour = plots.plot_contour(self.x, self.y, ax=fig.add_subplot(grid[0, 1]), bounds=self.bounds,
                                           resolution=80, units=self._units, **self._labels)
        self._curve_ax = fig.add_subplot(grid[1, 1])
        (self._curve,) = self._curve_ax.plot([], [], color=COLORS["data"], lw=2, marker="o", ms=2.5,
                                             label="cost J = MSE at each step")
        self._curve_ax.axhline(max(self._minimum, 1e-300), color=COLORS["optimum"], ls=":", lw=1.5,
                               label="least possible MSE")
        self._curve_ax.set_yscale("log")
        self._curve_ax.set_xlabel("step")
        self._curve_ax.set_ylabel(plots.loss_label("mse", self._units))
        self._curve_ax.legend(loc="upper right", fontsize=8)
        self._scale = plots.plot_learning_rate_scale(
            self.x, ax=fig.add_subplot(grid[2, :]), low=10 ** self.learning_rate.min,
            high=10 ** self.learning_rate.max)
        s, c = self._surface, self._contour
        self._dynamic = [s.path_line, s.start, c.path_line, c.start, self._curve, self._scale.marker]

    def _on_layout(self, _change):
        """Start point, steps or view changed: redraw the background, then the path."""
        self._surface.ax.view_init(elev=self.elev.value, azim=self.azim.value)
        start_loss = mse(self.y, self.w0.value * self.x + self.b0.value)
        floor = self._minimum * 0.7 if self._minimum > 0 else start_loss * 1e-14
        self._curve_ax.set_xlim(0, self.steps.value)
        self._curve_ax.set_ylim(floor, max(start_loss, self._minimum) * 30)
        self._compute()
        self._request(full=True)

    def _compute(self):
        eta = self.learning_rate.value
        self.result = gradient_descent(self.x, self.y, eta, w0=[self.w0.value], b0=self.b0.value,
                                       max_iter=self.steps.value, tol=1e-9, grad_tol=None)
        res = self.result
        plots.set_surface_path(self._surface, res.path, res.losses)
        plots.set_contour_path(self._contour, res.path)
        with np.errstate(invalid="ignore", over="ignore"):
            shown = np.where(np.isfinite(res.losses), res.losses, np.nan)
        self._curve.set_data(np.arange(shown.size), shown)
        plots.set_learning_rate_marker(self._scale, eta)
        self.regime = learning_rate_regime(self.x, eta)
        self._set_status(self._describe(eta, res))

    def _describe(self, eta, res):
        one, two = self.limits
        if self.regime == "diverging":
            if res.diverged:
                return f"{res.message}"
            growth = abs(1 - eta * 2 / two)
            return (f"diverged: η = {eta:.3g} > 2/L = {two:.3g}; the error along the steepest direction grows "
                    f"×{growth:.2f} per step")
        ran = f"converged in {res.n_iter} steps" if res.converged else f"not converged after {res.n_iter} steps"
        if self.regime == "oscillating":
            return f"oscillating: 1/L = {one:.3g} < η = {eta:.3g} < 2/L = {two:.3g}; overshoots each step, {ran}"
        if res.converged:
            return f"converged in {res.n_iter} steps: η = {eta:.3g} ≤ 1/L = {one:.3g}, no overshoot"
        return (f"slow: η = {eta:.3g} ≤ 1/L = {one:.3g} never overshoots, but {ran}: the flattest direction "
                "of the bowl takes many small steps")


class LossExplorer(_App):
    """Drag one point into an outlier and watch the MSE-optimal and MAE-optimal lines part.

    Attributes
    ----------
    outlier : ipywidgets.FloatSlider
        How far the chosen point is moved, in standard deviations of y.
    point : int
        Index of the point that moves (the one with the largest x).
    """

    def __init__(self, x, y, *, outlier=0.0, x_label="x", y_label="y"):
        self.x, self.y0 = _one_feature(x, y)
        outlier = check_scalar(outlier, "outlier")
        if not -6.0 <= outlier <= 6.0:
            raise ValueError(f"outlier must lie between -6 and 6 (standard deviations of y), got {outlier}")
        check_text(x_label, "x_label")
        check_text(y_label, "y_label")
        super().__init__((6.4, 4.2))
        self.point = int(np.argmax(self.x))
        self._sd = float(np.std(self.y0)) or 1.0
        self.outlier = widgets.FloatSlider(value=outlier, min=-6.0, max=6.0, step=0.25, continuous_update=False,
                                           description="outlier (sd of y)", style={"description_width": "initial"})
        ax = self.figure.add_subplot()
        mask = np.ones(self.x.size, bool)
        mask[self.point] = False
        ax.scatter(self.x[mask], self.y0[mask], s=28, color=COLORS["data"], label="data")
        reach = 6.0 * self._sd
        low = min(self.y0.min(), self.y0[self.point] - reach)
        high = max(self.y0.max(), self.y0[self.point] + reach)
        ax.set_ylim(low - 0.05 * (high - low), high + 0.05 * (high - low))
        (self._moved,) = ax.plot([], [], ls="none", marker="D", ms=9, color=COLORS["test"],
                                 markeredgecolor="black", label="the point you move")
        grid = np.array([self.x.min(), self.x.max()])
        self._grid = grid
        (self._mse_line,) = ax.plot(grid, grid, color=COLORS["mse"], lw=2, label="MSE-optimal line")
        (self._mae_line,) = ax.plot(grid, grid, color=COLORS["mae"], lw=2, ls="--", label="MAE-optimal line")
        ax.set_xlabel(x_label)
        ax.set_ylabel(y_label)
        ax.legend(loc="upper left", fontsize=8)
        self.figure.subplots_adjust(left=0.12, right=0.97, top=0.95, bottom=0.12)
        self._dynamic = [self._moved, self._mse_line, self._mae_line]
        w0, b0 = fit_closed_form(self.x, self.y0)
        self._clean = float(w0[0])
        self.widget = widgets.VBox([self.outlier, self._image, self._status_html])
        self.outlier.observe(self._update, names="value")
        self._update(None, full=True)

    def _update(self, _change, full=False):
        y = self.y0.copy()
        y[self.point] += self.outlier.value * self._sd
        self.y = y
        self.mse_fit = fit_closed_form(self.x, y)
        self.mae_fit = fit_mae(self.x, y)
        for line, (w, b) in ((self._mse_line, self.mse_fit), (self._mae_line, self.mae_fit)):
            line.set_ydata(w[0] * self._grid + b)
        self._moved.set_data([self.x[self.point]], [y[self.point]])
        self._set_status(
            f"outlier moved by {self.outlier.value:+.2f} sd: MSE line slope {self.mse_fit[0][0]:.3g}, "
            f"MAE line slope {self.mae_fit[0][0]:.3g} (MSE line without the outlier: {self._clean:.3g})")
        self._request(full=full)


class GradientComparison(_App):
    """MSE vs RMSE descent with the same learning rate, on noisy data or a perfect fit.

    Attributes
    ----------
    learning_rate : ipywidgets.FloatLogSlider
    data : ipywidgets.ToggleButtons
        ``"noisy"`` or ``"perfect fit"`` (the same x, y replaced by the noisy
        data's least-squares line).
    result : dict
        ``{"mse": DescentResult, "rmse": DescentResult}``.
    """

    def __init__(self, x, y, *, learning_rate=None, steps=150):
        # Best with centred x (a round bowl), so that the difference is not hidden by a slow valley.
        self.x, self._noisy = _one_feature(x, y)
        learning_rate = _optional_rate(learning_rate)
        steps = check_int(steps, "steps", minimum=1, maximum=10_000)
        super().__init__((10.0, 4.2))
        w, b = fit_closed_form(self.x, self._noisy)
        self._perfect = w[0] * self.x + b
        self.steps = steps
        limit = stability_limit(self.x)
        value = 0.3 * limit if learning_rate is None else learning_rate
        lo, hi = np.log10(limit / 200), np.log10(0.95 * limit)
        self.learning_rate = widgets.FloatLogSlider(value=value, base=10, min=lo, max=hi, step=(hi - lo) / 200,
                                                    description="η (both)", continuous_update=False,
                                                    readout_format=".3g")
        self.data = widgets.ToggleButtons(options=["noisy", "perfect fit"], value="perfect fit", description="data")
        self.widget = widgets.VBox([_slider_row(self.learning_rate, self.data), self._image, self._status_html])
        self.learning_rate.observe(self._on_fast_change, names="value")
        self.data.observe(self._on_data, names="value")
        self._on_data(None)

    def _on_data(self, _change):
        self.y = self._perfect if self.data.value == "perfect fit" else self._noisy
        self.figure.clear()
        ax1, ax2 = self.figure.subplots(1, 2, gridspec_kw=dict(wspace=0.3, left=0.07, right=0.98, top=0.9,
                                                                 bottom=0.13))
        self._contour = plots.plot_contour(self.x, self.y, ax=ax1, resolution=80)
        self._contour.path_line.set_color(COLORS["mse"])
        (self._rmse_path,) = ax1.plot([], [], color=COLORS["rmse"], lw=1.3, ls="--", marker="s", ms=2.5,
                                      label="RMSE path")
        ax1.set_title("both paths over the MSE contours")
        ax1.legend([self._contour.path_line, self._rmse_path], ["MSE path", "RMSE path"], loc="lower left",
                   fontsize=8)
        (self._mse_dist,) = ax2.semilogy([], [], color=COLORS["mse"], lw=2, label="descent on MSE")
        (self._rmse_dist,) = ax2.semilogy([], [], color=COLORS["rmse"], lw=2, ls="--", label="descent on RMSE")
        ax2.set_xlim(0, self.steps)
        ax2.set_ylim(1e-12, 1e2)
        ax2.set_xlabel("step")
        ax2.set_ylabel("distance to the minimum in (w, b)")
        ax2.set_title(f"{self.data.value}: how close each gets")
        ax2.legend(loc="upper right", fontsize=8)
        self._optimum = np.append(*fit_closed_form(self.x, self.y))
        self._dynamic = [self._contour.path_line, self._contour.start, self._rmse_path, self._mse_dist,
                         self._rmse_dist]
        self._compute()
        self._request(full=True)

    def _compute(self):
        eta = self.learning_rate.value
        bounds = self._contour.bounds
        start = (bounds[0] + 0.1 * (bounds[1] - bounds[0]), bounds[3] - 0.1 * (bounds[3] - bounds[2]))
        runs = {name: gradient_descent(self.x, self.y, eta, w0=[start[0]], b0=start[1], loss=name,
                                       max_iter=self.steps, tol=None, grad_tol=1e-14) for name in ("mse", "rmse")}
        self.result = runs
        plots.set_contour_path(self._contour, runs["mse"].path)
        w, b, _ = plots._visible_path(runs["rmse"].path, bounds)
        self._rmse_path.set_data(w, b)
        dist = {k: np.maximum(np.linalg.norm(r.path - self._optimum, axis=1), 1e-13) for k, r in runs.items()}
        self._mse_dist.set_data(np.arange(dist["mse"].size), dist["mse"])
        self._rmse_dist.set_data(np.arange(dist["rmse"].size), dist["rmse"])
        self.final_distance = {k: float(v[-1]) for k, v in dist.items()}
        tail = dist["rmse"][-20:]
        self.rmse_chatters = bool(np.any(np.diff(tail) > 0) and tail[-1] > 1e-6 * dist["rmse"][0])
        verdict = "keeps bouncing around the minimum" if self.rmse_chatters else "settles"
        def shown(d):  # below 1e-10 the digits are rounding noise that differs between machines
            return "< 1e-10" if d < 1e-10 else f"{d:.2g}"

        self._set_status(
            f"{self.data.value}, η = {eta:.3g}: after {self.steps} steps the MSE run ends "
            f"{shown(self.final_distance['mse'])} from the minimum in (w, b), the RMSE run "
            f"{shown(self.final_distance['rmse'])} (RMSE {verdict})")


class ConditioningExplorer(_App):
    """Scale one feature and watch the bowl stretch, κ grow and descent zig-zag and crawl.

    Attributes
    ----------
    scale : ipywidgets.FloatLogSlider
        Factor applied to feature 2 after standardising both, 0.1 to 10.
    step_size : ipywidgets.ToggleButtons
        ``"1/L"`` (no overshoot: a round bowl is solved in one step, a stretched
        one crawls along its flat direction) or ``"0.9·(2/L)"`` (overshoot:
        descent zig-zags across the steep direction).
    result : DescentResult
        Descent from w = 0 on the scaled, centred data.
    kappa : float
        Condition number of the MSE Hessian.
    """

    def __init__(self, X=None, y=None, *, steps=60, feature_names=("x₁", "x₂")):
        if (X is None) != (y is None):
            raise TypeError("X and y must be given together (or neither, for the built-in example)")
        steps = check_int(steps, "steps", minimum=1, maximum=10_000)
        feature_names = plots._check_pair_of_text(feature_names, "feature_names")
        super().__init__((6.0, 4.8))
        if X is None:
            rng = np.random.default_rng(0)
            X = rng.normal(size=(200, 2))
            y = X @ [3.0, 2.0] + 0.5 * rng.normal(size=200)
        X, self.y = check_data(X, y, min_samples=3)
        if X.shape[1] != 2:
            raise ValueError(f"X must have exactly 2 features, got {X.shape[1]}")
        plots._centred_two_features(X, self.y)  # drawable, no constant feature: say so before drawing
        self.X = standardize(X)[0]
        self.steps = steps
        self.feature_names = feature_names
        self.scale = widgets.FloatLogSlider(value=1.0, base=10, min=-1, max=1, step=0.05, continuous_update=False,
                                            description=f"scale {feature_names[1]} by",
                                            style={"description_width": "initial"}, readout_format=".3g")
        self.step_size = widgets.ToggleButtons(options=["1/L", "0.9·(2/L)"], value="1/L", description="η =")
        self.widget = widgets.VBox([_slider_row(self.scale, self.step_size), self._image, self._status_html])
        self.scale.observe(self._update, names="value")
        self.step_size.observe(self._update, names="value")
        self._update(None)

    def _update(self, _change):
        s = self.scale.value
        Xs = self.X * [1.0, s]
        fraction = 0.5 if self.step_size.value == "1/L" else 0.9
        bowl = plots.bowl_over_weights(Xs, self.y, steps=self.steps, rate_fraction=fraction, square=True)
        self.result, self.kappa = bowl.result, bowl.kappa
        self.figure.clear()
        ax = self.figure.add_subplot()
        plots.draw_weight_bowl(bowl, ax, title=f"{self.feature_names[1]} scaled by {s:.3g}",
                               feature_names=self.feature_names)
        self.figure.subplots_adjust(left=0.14, right=0.97, top=0.88, bottom=0.12)
        self._dynamic = []
        far = np.linalg.norm(self.result.w - bowl.optimum) / max(np.linalg.norm(bowl.optimum), 1e-300)
        self._set_status(f"scale {s:.3g}: κ(H) = {self.kappa:,.1f}; after {self.result.n_iter} steps at "
                         f"η = {self.step_size.value} "
                         f"the weights are {far:.1%} of |w*| away from the minimum")
        self._request(full=True)


#: Features the house-price picker offers (the numeric columns a buyer would know).
PICKER_FEATURES = ("bedrooms", "bathrooms", "floors", "sqft_living", "sqft_lot", "sqft_above", "sqft_basement",
                   "waterfront", "view", "condition", "grade", "yr_built", "lat", "long")


class FeaturePicker(_App):
    """Pick house features and see the validation RMSE (dollars, for choosing) and the coefficients.

    The status compares validation errors (rows held out from the training
    rows) and the figure shows the predictions on those validation rows, so
    that choosing features never looks at the test set.

    Attributes
    ----------
    features : ipywidgets.SelectMultiple
        Columns of the King County data used to predict the price.
    model : dict
        The last fit (see ``house_price_model``).
    baseline : dict
        The fit on bedrooms, bathrooms and floors, to beat.
    """

    def __init__(self, initial=BASELINE_FEATURES):
        initial = _check_feature_names(initial, "initial", PICKER_FEATURES)
        super().__init__((10.0, 4.2))
        self.baseline = house_price_model(BASELINE_FEATURES)
        self.features = widgets.SelectMultiple(options=PICKER_FEATURES, value=initial, rows=8,
                                               description="features")
        self.widget = widgets.VBox([widgets.HBox([self.features, self._image]), self._status_html])
        self.features.observe(self._update, names="value")
        self._update(None)

    def _update(self, _change):
        fig = self.figure
        fig.clear()
        ax1, ax2 = fig.subplots(1, 2, gridspec_kw=dict(width_ratios=[1, 1.1], wspace=0.55, left=0.09, right=0.98,
                                                        top=0.9, bottom=0.14))
        if not self.features.value:
            self.model = None
            for ax in (ax1, ax2):
                ax.set_axis_off()
            ax1.text(0.5, 0.5, "pick at least one feature", ha="center", va="center", transform=ax1.transAxes)
            self._set_status("no features picked: choose one or more on the left")
            self._dynamic = []
            self._request(full=True)
            return
        m = self.model = house_price_model(self.features.value)
        ax1.scatter(m["y_val"] / 1e3, np.maximum(m["pred_val"], 1e4) / 1e3, s=4, alpha=0.25,
                    color=COLORS["data"], rasterized=True)
        lim = (70, 8000)
        ax1.plot(lim, lim, color=COLORS["fit"], ls="--", lw=1.5, label="perfect prediction")
        ax1.set_xscale("log")
        ax1.set_yscale("log")
        ax1.set_xlim(lim)
        ax1.set_ylim(lim)
        for axis in (ax1.xaxis, ax1.yaxis):
            axis.set_major_formatter(FuncFormatter(lambda v, _pos: f"${v / 1e3:g}M" if v >= 1e3 else f"${v:g}k"))
            axis.set_minor_formatter(FuncFormatter(lambda v, _pos: ""))
        ax1.set_xlabel("actual price")
        ax1.set_ylabel("predicted price")
        ax1.set_title("validation sales (the rows for choosing)")
        ax1.legend(loc="upper left", fontsize=8)
        order = np.argsort(np.abs(m["coef_scaled"]))
        names = [m["features"][i] for i in order]
        values = m["coef_scaled"][order] / 1e3
        colors = [COLORS["mse"] if v >= 0 else COLORS["rmse"] for v in values]
        ax2.barh(names, values, color=colors, hatch=None)
        ax2.axvline(0, color="black", lw=0.8)
        ax2.set_xlabel("thousand $ per standard deviation of the feature")
        ax2.set_title("standardised coefficients (orange: negative)")
        self._dynamic = []
        base = self.baseline["rmse_val"]
        self._set_status(
            f"{len(m['features'])} feature(s): validation RMSE = ${m['rmse_val']:,.0f} "
            f"(baseline bedrooms+bathrooms+floors: ${base:,.0f}); "
            + ("beats the baseline" if m["rmse_val"] < base else "does not beat the baseline")
            + (f"; rank {m['info']['rank']} of {len(m['features']) + 1}: collinear features"
               if m["info"]["rank"] < len(m["features"]) + 1 else ""))
        self._request(full=True)
