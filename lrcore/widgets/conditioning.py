"""ConditioningExplorer: scale one feature and watch the bowl stretch (chapter 4)."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .. import plots
from .._validation import check_data, check_int
from ..data import standardize
from ._app import _App, _slider_row
from ._controls import FloatLogSlider, ToggleButtons


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

    _picture = "Contour map of the MSE bowl with the descent path, and the cost per step"

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
        self.scale = FloatLogSlider(value=1.0, base=10, min=-1, max=1, step=0.05,
                                            description=f"scale {feature_names[1]} by", readout_format=".3g")
        self.step_size = ToggleButtons(options=["1/L", "0.9·(2/L)"], value="1/L", description="step size η")
        self.widget = widgets.VBox([_slider_row(self.scale, self.step_size), self._status_html, self._image])
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


