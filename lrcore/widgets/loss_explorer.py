"""LossExplorer: one point dragged into an outlier, MSE against MAE lines (chapter 2)."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .._validation import check_scalar, check_text
from ..closed_form import fit_closed_form
from ..robust import fit_mae
from ..style import COLORS
from ._app import _App, _one_feature
from ._controls import FloatSlider


class LossExplorer(_App):
    """Drag one point into an outlier and watch the MSE-optimal and MAE-optimal lines part.

    Attributes
    ----------
    outlier : ipywidgets.FloatSlider
        How far the chosen point is moved, in standard deviations of y.
    point : int
        Index of the point that moves (the one with the largest x).
    """

    _picture = "The data with one movable point, and the MSE-best and MAE-best lines"

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
        self.outlier = FloatSlider(value=outlier, min=-6.0, max=6.0, step=0.25,
                                           description="outlier (sd of y)")
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
        self.widget = widgets.VBox([self.outlier, self._status_html, self._image])
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


