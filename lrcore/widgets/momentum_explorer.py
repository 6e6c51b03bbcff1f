"""MomentumExplorer: a momentum slider on chapter 4's elongated bowl, against plain descent at its best (chapter 7)."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .. import plots
from .._validation import check_data, check_int, check_scalar
from ..data import standardize
from ..descent import _momentum_rate, gradient_descent, momentum_theory
from ..style import COLORS, CONTOUR_CMAP
from ._app import _App, _slider_row
from ._controls import FloatSlider, IntSlider, ToggleButtons

_RATES = ("η*", "1/L")


class MomentumExplorer(_App):
    """Heavy-ball momentum on a long, narrow MSE bowl over two weights, beside plain descent at its best.

    The default data are chapter 4's: two standardised features, the second
    scaled by ``scale`` (10: κ ≈ 100), centred so the intercept drops out.

    Attributes
    ----------
    momentum : ipywidgets.FloatSlider
        β from 0 (plain descent) to 0.99.
    step_size : ipywidgets.ToggleButtons
        The momentum run's η: ``"η*"`` = 4/(√L + √μ)², the best partner of β* (alone, that η diverges: it is
        above 2/L), or ``"1/L"``.
    steps : ipywidgets.IntSlider
    theory : MomentumTheory
        η*, β* and the two best rates for this bowl.
    result, plain : DescentResult
        The momentum run, and plain descent at its best fixed η = 2/(L + μ).
    rate : float
        The momentum run's error factor per step in theory (spectral radius of the iteration).
    X, y : ndarray
        The centred data the runs use (no intercept), and ``optimum`` (2,), their least-squares weights.
    """

    _picture = "Momentum and plain descent paths on the narrow bowl's contour map, and their losses per step"

    def __init__(self, X=None, y=None, *, scale=10.0, momentum=0.0, step_size="1/L", steps=100,
                 feature_names=("x₁", "x₂")):
        if (X is None) != (y is None):
            raise TypeError("X and y must be given together (or neither, for the built-in example)")
        scale = check_scalar(scale, "scale", positive=True)
        momentum = check_scalar(momentum, "momentum")
        if not 0.0 <= momentum <= 0.99:
            raise ValueError(f"momentum must lie in [0, 0.99], got {momentum}")
        steps = check_int(steps, "steps", minimum=10, maximum=300)
        if step_size not in _RATES:
            raise ValueError(f"step_size must be one of {', '.join(map(repr, _RATES))}, got {step_size!r}")
        feature_names = plots._check_pair_of_text(feature_names, "feature_names")
        if X is None:
            rng = np.random.default_rng(0)
            X = rng.normal(size=(200, 2))
            y = X @ [3.0, 2.0] + 0.5 * rng.normal(size=200)
        X, y = check_data(X, y, min_samples=3)
        if X.shape[1] != 2:
            raise ValueError(f"X must have exactly 2 features, got {X.shape[1]}")
        plots._centred_two_features(X, y)  # drawable, no constant feature: say so before drawing
        Xs = standardize(X)[0] * [1.0, scale]
        self.X, self.y = plots._centred_two_features(Xs, y)
        self.feature_names = feature_names
        self.theory = momentum_theory(self.X, fit_intercept=False)
        if not np.isfinite(self.theory.kappa):
            raise ValueError("X's two features are collinear: the bowl has a flat valley and no best momentum")
        self._eig = np.linalg.eigvalsh((2.0 / len(self.y)) * (self.X.T @ self.X))
        super().__init__((9.3, 4.6))
        self.momentum = FloatSlider(value=momentum, min=0.0, max=0.99, step=0.01, description="β (momentum)",
                                            readout_format=".2f",
                                            layout=widgets.Layout(width="380px"))
        self.step_size = ToggleButtons(options=list(_RATES), value=step_size, description="step size η",
                                               tooltips=["4/(√L + √μ)², the best partner of β*", "1/L"])
        self.steps = IntSlider(value=steps, min=10, max=300, description="steps")
        self.widget = widgets.VBox([_slider_row(self.momentum, self.step_size), self._status_html, self._image,
                                    _slider_row(self.steps)])
        self._build_figure()
        self.momentum.observe(self._on_fast_change, names="value")
        self.step_size.observe(self._on_fast_change, names="value")
        self.steps.observe(self._on_steps, names="value")
        self._on_steps(None)

    def _build_figure(self):
        th = self.theory
        fig = self.figure
        grid = fig.add_gridspec(1, 2, width_ratios=[1, 1.1], wspace=0.32, left=0.08, right=0.98, top=0.88,
                                bottom=0.13)
        # the bowl: MSE(w) = MSE(w*) + ½(w − w*)ᵀH(w − w*), over a box that holds plain descent's path and the
        # momentum paths of the lesson (β* at η*, and β = 0.9, which overshoots), with a margin
        H = (2.0 / len(self.y)) * (self.X.T @ self.X)
        opt = np.linalg.solve(H, (2.0 / len(self.y)) * (self.X.T @ self.y))
        self.optimum = opt
        runs = [gradient_descent(self.X, self.y, eta, momentum=beta, max_iter=300, tol=None, grad_tol=None,
                                 fit_intercept=False).path[:, :2]
                for eta, beta in ((th.plain_learning_rate, 0.0), (th.learning_rate, th.momentum),
                                  (th.learning_rate, 0.9), (1.0 / th.L, 0.9))]
        reach = np.max([np.nanmax(np.abs(p - opt), axis=0) for p in runs], axis=0)
        half = 1.15 * np.maximum(reach, 1e-9 * (1 + np.abs(opt)))
        ws1 = np.linspace(opt[0] - half[0], opt[0] + half[0], 120)
        ws2 = np.linspace(opt[1] - half[1], opt[1] + half[1], 120)
        D1, D2 = np.meshgrid(ws1 - opt[0], ws2 - opt[1])
        Z = 0.5 * (H[0, 0] * D1 * D1 + 2 * H[0, 1] * D1 * D2 + H[1, 1] * D2 * D2)
        ax = self._map_ax = fig.add_subplot(grid[0, 0])
        levels = Z.max() * np.linspace(0, 1, 16)[1:] ** 2
        ax.contour(ws1, ws2, Z, levels=levels, cmap=CONTOUR_CMAP, linewidths=1)
        self._star = ax.scatter(*opt, marker="*", s=160, color=COLORS["optimum"], edgecolor="black", zorder=5,
                                label="minimum")
        (self._plain_line,) = ax.plot([], [], color=COLORS["residual"], lw=1.2, ls="--", marker="s", ms=2,
                                      label="plain, η = 2/(L + μ)")
        (self._path_line,) = ax.plot([], [], color=COLORS["path"], lw=1.3, marker="o", ms=2.5,
                                     path_effects=plots._HALO, label="momentum")
        ax.set_xlim(ws1[0], ws1[-1])
        ax.set_ylim(ws2[0], ws2[-1])
        ax.set_xlabel(f"w₁ (weight of {self.feature_names[0]})")
        ax.set_ylabel(f"w₂ (weight of {self.feature_names[1]})")
        ax.set_title(f"MSE contours, κ = {th.kappa:.0f} (w₂ axis stretched)")
        ax.legend(loc="upper right", fontsize=8, frameon=True, framealpha=0.9)
        cax = self._curve_ax = fig.add_subplot(grid[0, 1])
        (self._plain_curve,) = cax.plot([], [], color=COLORS["residual"], ls="--", lw=1.5,
                                        label=f"plain at its best: × {th.plain_rate:.3f} per step")
        (self._curve,) = cax.plot([], [], color=COLORS["path"], lw=1.5, label="momentum")
        (self._theory_line,) = cax.plot([], [], color=COLORS["fit"], ls=":", lw=2, label="momentum, theory ρᵏ")
        cax.set_yscale("log")
        cax.set_xlabel("step k")
        cax.set_ylabel("distance to the minimum ‖w − w*‖")
        cax.set_title("error per step (log scale)")
        cax.set_ylim(1e-12, 20 * np.linalg.norm(opt))
        self._legend = cax.legend(loc="lower left", fontsize=8)
        # the star is drawn last, over the paths that end on it
        self._dynamic = [self._plain_line, self._path_line, self._star, self._plain_curve, self._curve,
                         self._theory_line]

    def _on_steps(self, _change):
        self._curve_ax.set_xlim(0, self.steps.value)
        self._compute()
        self._request(full=True)

    def _compute(self):
        th, steps = self.theory, self.steps.value
        beta = self.momentum.value
        eta = th.learning_rate if self.step_size.value == "η*" else 1.0 / th.L
        self.plain = gradient_descent(self.X, self.y, th.plain_learning_rate, max_iter=steps, tol=None,
                                      grad_tol=None, fit_intercept=False)
        self.result = gradient_descent(self.X, self.y, eta, momentum=beta, max_iter=steps, tol=None, grad_tol=None,
                                       fit_intercept=False)
        self.rate = _momentum_rate(eta, beta, self._eig)
        opt = self.optimum
        self._plain_line.set_data(self.plain.path[:, 0], self.plain.path[:, 1])
        self._path_line.set_data(self.result.path[:, 0], self.result.path[:, 1])
        k = np.arange(steps + 1)
        with np.errstate(invalid="ignore", over="ignore"):
            e_plain = np.linalg.norm(self.plain.path[:, :2] - opt, axis=1)
            e = np.linalg.norm(self.result.path[:, :2] - opt, axis=1)
            e0 = float(np.linalg.norm(opt))
            self._plain_curve.set_data(k, e_plain)
            self._curve.set_data(np.arange(e.size), np.where(np.isfinite(e), e, np.nan))
            self._theory_line.set_data(k, e0 * self.rate ** k)
        self._set_status(self._describe(eta, beta, e, e_plain))

    def best_momentum(self, learning_rate):
        """The β that makes heavy-ball descent fastest at this η, and its rate √β.

        Every eigen-direction's factor has modulus √β once β ≥ (1 − √(ηλ))² for both λ = μ and λ = L; the
        smallest such β is max((1 − √(ημ))², (√(ηL) − 1)²). At η* both are β*.
        """
        th = self.theory
        beta = max((1 - np.sqrt(learning_rate * th.mu)) ** 2, (np.sqrt(learning_rate * th.L) - 1) ** 2)
        return float(beta), float(np.sqrt(beta))

    def _describe(self, eta, beta, e, e_plain):
        th = self.theory
        which = "η*" if self.step_size.value == "η*" else "1/L"
        head = f"β = {beta:.2f}, η = {which} = {eta:.3g}"
        if self.result.diverged or self.rate >= 1:
            return (f"diverged: {head}; the step is too long for this β (the heavy ball needs η < 2(1 + β)/L = "
                    f"{2 * (1 + beta) / th.L:.3g}); raise β, or choose η = 1/L")
        best, best_rate = self.best_momentum(eta)
        if beta == 0:
            shape = "plain descent (β = 0)"
        elif beta > best + 0.015:
            shape = f"overshoots and spirals in: β above the best β for this η ({best:.2f})"
        elif beta < best - 0.015:
            shape = f"faster than β = 0, not yet the best β for this η ({best:.2f})"
        else:
            shape = f"the best β for this η ({best:.2f})"
        far, far_plain = e[-1] / e[0], e_plain[-1] / e_plain[0]
        return (f"{shape}; {head}: error × {self.rate:.3f} per step in theory (best pair η*, β* = "
                f"{th.momentum:.2f}: × {th.rate:.3f}); after {self.steps.value} steps {far:.1e} of the start "
                f"distance is left, plain descent at its best {far_plain:.1e}")
