"""LearningRateExplorer: descent on the MSE bowl with a learning-rate slider (chapter 4)."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .. import plots
from .._validation import check_int
from ..descent import _regime, gradient_descent
from ..losses import mse
from ..style import COLORS
from ._app import _App, _check_start, _line_bowl, _one_feature, _optional_rate, _rate_slider, _slider_row
from ._controls import FloatSlider, IntSlider


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

    _picture = "Descent path on the 3D loss bowl and its contour map, the cost per step, and the learning-rate scale marked at 1/L and 2/L"

    def __init__(self, x, y, *, learning_rate=None, steps=50, start=None, units=None, w_label="w (slope)",
                 b_label="b (intercept)"):
        self.x, self.y = _one_feature(x, y)
        learning_rate = _optional_rate(learning_rate)
        steps = check_int(steps, "steps", minimum=1, maximum=300)
        start = _check_start(start)
        plots._check_labels(units, w_label, b_label)
        super().__init__((9.3, 5.6))
        self._labels = {"w_label": w_label, "b_label": b_label}
        bowl = _line_bowl(self.x, self.y, start)
        self.limits, self.bounds, self._minimum, start = bowl.limits, bowl.bounds, bowl.minimum, bowl.start
        w_lo, w_hi, b_lo, b_hi = self.bounds
        value = 0.8 * self.limits[0] if learning_rate is None else learning_rate
        self.learning_rate = _rate_slider(self.limits, value, description="η (learning rate)", steps=300,
                                          width="420px")
        self.w0 = FloatSlider(value=start[0], min=w_lo, max=w_hi, step=(w_hi - w_lo) / 100,
                                      description="start w", readout_format=".4g")
        self.b0 = FloatSlider(value=start[1], min=b_lo, max=b_hi, step=(b_hi - b_lo) / 100,
                                      description="start b", readout_format=".4g")
        self.steps = IntSlider(value=steps, min=1, max=300, description="steps")
        self.elev = IntSlider(value=28, min=-10, max=90, description="view elev")
        self.azim = IntSlider(value=-125, min=-180, max=180, description="view azim",
                                      )
        marks = widgets.HTML(f"1/L = {self.limits[0]:.3g} &nbsp;·&nbsp; 2/L = {self.limits[1]:.3g} "
                             "(marked on the scale under the plots)")
        self._units = units
        self._build_figure()
        self.widget = widgets.VBox([
            _slider_row(self.learning_rate, marks), self._status_html, self._image,
            _slider_row(self.w0, self.b0, self.steps), _slider_row(self.elev, self.azim),
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
        # the minimum is redrawn after the path (blitting draws the dynamic artists over the background), so a
        # converged path never hides the star
        self._dynamic = [s.path_line, s.start, s.optimum, c.path_line, c.start, c.optimum, self._curve,
                         self._scale.marker]

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
        self.regime = _regime(eta, self.limits[1])  # 2/L is known: no eigenvalues per slider move
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


