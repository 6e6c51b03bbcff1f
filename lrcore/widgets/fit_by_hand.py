"""FitByHand: fit a line by hand with w and b sliders (chapter 1)."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .. import plots
from .._validation import check_scalar, check_text
from ..closed_form import fit_closed_form
from ..losses import mae, mse, rmse, sse
from ._app import _App, _one_feature, _slider_row
from ._controls import FloatSlider


class FitByHand(_App):
    """Fit a line by hand: w and b sliders, the residuals drawn, live SSE, MSE, RMSE, MAE.

    Attributes
    ----------
    w, b : ipywidgets.FloatSlider
    """

    _picture = "Data, your line and its residuals"

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
        self.w = FloatSlider(value=w, min=bounds[0], max=bounds[1], step=(bounds[1] - bounds[0]) / 200,
                                     description="w (slope)", readout_format=".3g")
        self.b = FloatSlider(value=b, min=bounds[2], max=bounds[3], step=(bounds[3] - bounds[2]) / 200,
                                     description="b (intercept)", readout_format=".3g")
        ax = self.figure.add_subplot()
        self._drawn = plots.plot_fit(self.x, self.y, self.w.value, self.b.value, ax=ax, x_label=x_label,
                                     y_label=y_label, line_label="your line ŷ = w·x + b")
        self._drawn.ax.legend(loc="upper left", fontsize=8)
        self._text = ax.text(0.98, 0.02, "", transform=ax.transAxes, va="bottom", ha="right", fontsize=9,
                             family="monospace", bbox=dict(facecolor="white", alpha=0.85, edgecolor="none"))
        self.best = (float(w_opt[0]), float(b_opt))
        self.figure.subplots_adjust(left=0.1, right=0.97, top=0.95, bottom=0.12)
        self._dynamic = [self._drawn.line, self._drawn.residuals, self._text]
        self.widget = widgets.VBox([_slider_row(self.w, self.b), self._status_html, self._image])
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


