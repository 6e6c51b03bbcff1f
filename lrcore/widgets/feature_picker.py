"""FeaturePicker: choose house features, see validation RMSE and coefficients (chapter 6)."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import FuncFormatter

from ..houses import BASELINE_FEATURES, house_price_model
from ..style import COLORS
from ._app import _App, _check_feature_names

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
