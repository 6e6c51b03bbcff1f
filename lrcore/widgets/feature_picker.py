"""FeaturePicker: choose house features, see validation RMSE and coefficients (chapter 6)."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
import traitlets
from matplotlib.ticker import FuncFormatter

from ..houses import BASELINE_FEATURES, house_price_model
from ..style import CLOUD_ALPHA, COLORS
from ._app import _App, _check_feature_names

#: Features the house-price picker offers (the numeric columns a buyer would know).
PICKER_FEATURES = ("bedrooms", "bathrooms", "floors", "sqft_living", "sqft_lot", "sqft_above", "sqft_basement",
                   "waterfront", "view", "condition", "grade", "yr_built", "lat", "long")


class FeatureChecklist(widgets.GridBox):
    """One checkbox per feature, in columns, with the ticked names as ``value`` (a tuple in ``options`` order).

    Unlike a multi-select list, every box is reached with Tab and ticked with Space, and the grid wraps to the
    width of the output area. Setting ``value`` in Python ticks the boxes; ticking a box sets ``value``.
    """

    value = traitlets.Tuple()

    def __init__(self, options, value=(), *, description="features"):
        self.options = tuple(options)
        self._syncing = False
        self.boxes = {name: widgets.Checkbox(value=name in value, description=name, indent=False,
                                             layout=widgets.Layout(width="auto", margin="0 8px 0 0"))
                      for name in self.options}
        super().__init__(children=list(self.boxes.values()), value=tuple(n for n in self.options if n in value),
                         layout=widgets.Layout(grid_template_columns="repeat(auto-fill, minmax(130px, 1fr))",
                                               width="100%", grid_gap="0 4px"))
        self.description = description
        for box in self.boxes.values():
            box.observe(self._on_box, names="value")

    @traitlets.validate("value")
    def _valid_value(self, proposal):
        names = _check_feature_names(proposal["value"], "features", self.options)
        return tuple(n for n in self.options if n in names)

    @traitlets.observe("value")
    def _on_value(self, change):
        if self._syncing:
            return
        self._syncing = True
        try:
            for name, box in self.boxes.items():
                box.value = name in change["new"]
        finally:
            self._syncing = False

    def _on_box(self, _change):
        if self._syncing:
            return
        self._syncing = True
        try:
            self.value = tuple(name for name, box in self.boxes.items() if box.value)
        finally:
            self._syncing = False


class FeaturePicker(_App):
    """Pick house features and see the validation RMSE (dollars, for choosing) and the coefficients.

    The status compares validation errors (rows held out from the training
    rows) and the figure shows the predictions on those validation rows, so
    that choosing features never looks at the test set.

    Attributes
    ----------
    features : FeatureChecklist
        Checkboxes for the columns of the King County data used to predict the
        price; ``features.value`` is the tuple of ticked names.
    model : dict
        The last fit (see ``house_price_model``).
    baseline : dict
        The fit on bedrooms, bathrooms and floors, to beat.
    """

    _picture = "Coefficients of the chosen features, and predicted against actual prices on the validation houses"

    def __init__(self, initial=BASELINE_FEATURES):
        initial = _check_feature_names(initial, "initial", PICKER_FEATURES)
        super().__init__((9.3, 4.2))
        self.baseline = house_price_model(BASELINE_FEATURES)
        self.features = FeatureChecklist(PICKER_FEATURES, initial)
        label = widgets.HTML("<b>features</b> (Tab to a box, Space to tick it):")
        self.widget = widgets.VBox([label, self.features, self._status_html, self._image])
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
            self._set_status("no features picked: tick one or more boxes above")
            self._dynamic = []
            self._request(full=True)
            return
        m = self.model = house_price_model(self.features.value)
        ax1.scatter(m["y_val"] / 1e3, np.maximum(m["pred_val"], 1e4) / 1e3, s=4, alpha=CLOUD_ALPHA,
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
        hatches = [None if v >= 0 else "////" for v in values]  # a second cue besides colour and direction
        ax2.barh(names, values, color=colors, hatch=hatches, edgecolor="white")
        ax2.axvline(0, color="black", lw=0.8)
        ax2.set_xlabel("thousand USD per sd of the feature")
        ax2.set_title("coefficients (negative: hatched)")
        self._dynamic = []
        base = self.baseline["rmse_val"]
        self._set_status(
            f"{len(m['features'])} feature(s): validation RMSE = USD {m['rmse_val']:,.0f} "
            f"(baseline bedrooms+bathrooms+floors: USD {base:,.0f}); "
            + ("beats the baseline" if m["rmse_val"] < base else "does not beat the baseline")
            + (f"; rank {m['info']['rank']} of {len(m['features']) + 1}: collinear features"
               if m["info"]["rank"] < len(m["features"]) + 1 else ""))
        self._request(full=True)
