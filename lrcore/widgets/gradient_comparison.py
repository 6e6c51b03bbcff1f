"""GradientComparison: descent on MSE against RMSE with the same learning rate (chapter 3)."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .. import plots
from .._validation import check_int
from ..closed_form import fit_closed_form
from ..descent import gradient_descent, stability_limit
from ..style import COLORS
from ._app import _App, _one_feature, _optional_rate, _slider_row
from ._controls import FloatLogSlider, ToggleButtons


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

    _picture = "MSE and RMSE descent paths on the contour map, and their losses per step"

    def __init__(self, x, y, *, learning_rate=None, steps=150):
        # Best with centred x (a round bowl), so that the difference is not hidden by a slow valley.
        self.x, self._noisy = _one_feature(x, y)
        learning_rate = _optional_rate(learning_rate)
        steps = check_int(steps, "steps", minimum=1, maximum=10_000)
        super().__init__((9.3, 4.2))
        w, b = fit_closed_form(self.x, self._noisy)
        self._perfect = w[0] * self.x + b
        self.steps = steps
        limit = stability_limit(self.x)
        value = 0.3 * limit if learning_rate is None else learning_rate
        lo, hi = np.log10(limit / 200), np.log10(0.95 * limit)
        self.learning_rate = FloatLogSlider(value=value, base=10, min=lo, max=hi, step=(hi - lo) / 200,
                                                    description="η (both)",
                                                    readout_format=".3g")
        self.data = ToggleButtons(options=["noisy", "perfect fit"], value="perfect fit", description="data")
        self.widget = widgets.VBox([_slider_row(self.learning_rate, self.data), self._status_html, self._image])
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
        # the minimum is drawn after both paths, so that a converged path never hides the star
        self._dynamic = [self._contour.path_line, self._contour.start, self._rmse_path, self._contour.optimum,
                         self._mse_dist, self._rmse_dist]
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


