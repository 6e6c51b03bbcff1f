"""RidgeExplorer: an α slider that reshapes the bowl over two weights and shrinks them (chapter 8)."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import FuncFormatter

from .. import plots
from .._validation import check_text
from ..ridge import _check_alpha, ridge_path
from ..style import COLORS, CONTOUR_CMAP
from ._app import _App, _slider_row
from ._controls import FloatLogSlider

#: The default pair: two strongly correlated King County features (correlation about 0.88).
DEFAULT_PAIR = ("sqft_living", "sqft_above")


def _ticks(value, _pos=None):
    """Compact tick text (2.5k) with a true minus sign, as in the rest of the course."""
    return plots._compact(value).replace("-", "−")


def _default_data():
    """Training rows of chapter 6's split: the two features standardised, price in thousand dollars."""
    from ..data import load_houses, standardize, train_test_split

    X, y = load_houses(DEFAULT_PAIR)
    X_tr, _, y_tr, _ = train_test_split(X, y, test_size=0.2, seed=42)
    return standardize(X_tr)[0], y_tr / 1000.0


class RidgeExplorer(_App):
    """Ridge on two features: the α slider rounds the bowl, moves its minimum towards 0 and shrinks the weights.

    The bowl is the course's MSE-scaled ridge cost of the centred data (the
    intercept is not penalised, so it is profiled out),
    J(w) = (1/n)·(‖y_c − X_c w‖² + α‖w‖²), whose Hessian (2/n)(X_cᵀX_c + αI) has
    every eigenvalue of (2/n)X_cᵀX_c shifted by 2α/n. ``alpha`` is
    scikit-learn's (``Ridge(alpha=...)``: the penalty added to the sum of squares).

    Attributes
    ----------
    alpha : ipywidgets.FloatLogSlider
        α from n/1000 to 100·n on a log scale.
    w : ndarray (2,)
        The ridge weights at the current α.
    kappa : float
        κ of X_cᵀX_c + αI (and of the Hessian).
    kappa_ols : float
        κ of X_cᵀX_c (α = 0).
    limit : float
        2/L of the ridge cost at the current α (fixed-step descent converges below it).
    """

    _picture = ("Contours of the ridge loss over two weights with the ridge minimum (dot), least squares (star) and "
                "the dashed path as α grows, beside both weights against α")

    def __init__(self, X=None, y=None, *, alpha=None, feature_names=None, units="k$"):
        if (X is None) != (y is None):
            raise TypeError("X and y must be given together (or neither, for King County's sqft_living, sqft_above)")
        if X is None:
            X, y = _default_data()
            feature_names = feature_names or tuple(DEFAULT_PAIR)
        feature_names = plots._check_pair_of_text(feature_names or ("x₁", "x₂"), "feature_names")
        self.units = check_text(units, "units", optional=True)
        Xc, yc = plots._centred_two_features(X, y)
        self.X, self.y = Xc, yc
        self.n = Xc.shape[0]
        self.feature_names = feature_names
        G = Xc.T @ Xc
        self._gram, self._rhs = G, Xc.T @ yc
        self._eig = np.linalg.eigvalsh(G)
        if self._eig[0] <= 1e-12 * self._eig[-1]:
            raise ValueError("X has two collinear features: X_cᵀX_c is singular and the α = 0 bowl has no single "
                             "minimum; give two features that are not multiples of each other")
        self.kappa_ols = float(self._eig[-1] / self._eig[0])
        self.w_ols = np.linalg.solve(G, self._rhs)
        lo, hi = np.log10(self.n) - 3, np.log10(self.n) + 2
        value = 10 ** (lo + 2) if alpha is None else float(alpha)
        if alpha is not None:
            value = _check_alpha(alpha)
            if value <= 0:
                raise ValueError(f"alpha must be greater than 0 for the log-scale slider, got {value}")
        super().__init__((9.3, 4.4))
        self.alpha = FloatLogSlider(value=value, base=10, min=lo, max=hi, step=(hi - lo) / 100,
                                            description="α (ridge penalty)",
                                            readout_format=".3g",
                                            layout=widgets.Layout(width="460px"))
        self._grid_alphas = np.logspace(lo - 1, hi + 1, 120)
        self._path_w = ridge_path(Xc, yc, self._grid_alphas, fit_intercept=False)[0]
        self._build_figure()
        note = widgets.HTML(f"n = {self.n:,} rows; α/n is the penalty on the MSE scale")
        self.widget = widgets.VBox([_slider_row(self.alpha, note), self._image, self._status_html])
        self.alpha.observe(self._update, names="value")
        self._update(None)

    # -- figure --------------------------------------------------------------
    def _build_figure(self):
        fig = self.figure
        self._ax = fig.add_axes([0.08, 0.13, 0.40, 0.72])
        self._path_ax = fig.add_axes([0.59, 0.13, 0.39, 0.72])
        ax = self._ax
        span = 1.25 * max(np.abs(self.w_ols).max(), 1e-12)
        centre = self.w_ols / 2
        self._w1 = np.linspace(centre[0] - span, centre[0] + span, 90)
        self._w2 = np.linspace(centre[1] - span, centre[1] + span, 90)
        ax.set_xlim(self._w1[0], self._w1[-1])
        ax.set_ylim(self._w2[0], self._w2[-1])
        ax.set_aspect("equal")
        (path,) = ax.plot(self._path_w[:, 0], self._path_w[:, 1], color=COLORS["residual"], ls="--", lw=1.5,
                          label="ridge minimum as α grows")
        star = ax.scatter(*self.w_ols, marker="*", s=170, color=COLORS["optimum"], edgecolor="black", zorder=5,
                          label="least squares (α = 0)")
        plus = ax.scatter(0, 0, marker="+", s=90, color="black", zorder=4, label="w = 0")
        (self._dot,) = ax.plot([], [], marker="o", ms=9, ls="none", color=COLORS["fit"], markeredgecolor="black",
                               zorder=6, label="ridge minimum at this α")
        unit = f" ({self.units} per sd)" if self.units else ""
        ax.set_xlabel(f"w₁: {self.feature_names[0]}{unit}")
        ax.set_ylabel(f"w₂: {self.feature_names[1]}{unit}")
        ax.xaxis.set_major_formatter(FuncFormatter(_ticks))
        ax.yaxis.set_major_formatter(FuncFormatter(_ticks))
        legend = ax.legend(loc="lower left", fontsize=8, framealpha=0.85, frameon=True)
        self._contours = None
        pa = self._path_ax
        a = self._grid_alphas
        pa.semilogx(a, self._path_w[:, 0], color=COLORS["data"], lw=2, label=f"w₁: {self.feature_names[0]}")
        pa.semilogx(a, self._path_w[:, 1], color=COLORS["mae"], lw=2, ls="--", label=f"w₂: {self.feature_names[1]}")
        pa.axhline(0, color="black", lw=0.8)
        pa.set_xlim(a[0], a[-1])
        pa.set_xlabel("α (log scale)")
        pa.set_ylabel(f"weight{unit}")
        pa.set_title("coefficient path: both weights shrink towards 0")
        self._vline = pa.axvline(self.alpha.value, color=COLORS["fit"], lw=1.5, ls=":")
        (self._marks,) = pa.plot([], [], marker="o", ms=7, ls="none", color=COLORS["fit"], markeredgecolor="black")
        pa.legend(loc="upper right", fontsize=8)
        # drawn over the contours, which change with α, so they are redrawn with them (in this order: the star of
        # least squares last of the marks, so that the ridge minimum never hides it as α → 0)
        self._star = star
        self._static_dynamic = [path, plus, self._dot, star, legend, self._vline, self._marks, self._ax.title]
        self._dynamic = list(self._static_dynamic)

    def _update(self, _change):
        a = float(self.alpha.value)
        G = self._gram + a * np.eye(2)
        self.w = np.linalg.solve(G, self._rhs)
        eig = self._eig + a
        self.kappa = float(eig[-1] / eig[0])
        self.limit = 2.0 / (2.0 * eig[-1] / self.n)  # 2/L with L = (2/n)(λ_max + α)
        W1, W2 = np.meshgrid(self._w1, self._w2)
        D1, D2 = W1 - self.w[0], W2 - self.w[1]
        Z = (G[0, 0] * D1 * D1 + 2 * G[0, 1] * D1 * D2 + G[1, 1] * D2 * D2) / self.n  # J − J_min
        if self._contours is not None:
            self._contours.remove()
        top = Z.max()
        levels = top * np.linspace(0, 1, 14)[1:] ** 2
        self._contours = self._ax.contour(self._w1, self._w2, Z, levels=levels, cmap=CONTOUR_CMAP, linewidths=1,
                                          zorder=1)
        # the bowl changes with α: its contours are drawn over the kept background like the other moving parts
        self._dynamic = [self._contours, *self._static_dynamic]
        self._ax.set_title(f"ridge bowl, α = {a:.3g}: κ = {self.kappa:,.1f} (α = 0: {self.kappa_ols:,.1f})")
        self._dot.set_data([self.w[0]], [self.w[1]])
        self._vline.set_xdata([a, a])
        self._marks.set_data([a, a], list(self.w))
        shrink = np.linalg.norm(self.w) / np.linalg.norm(self.w_ols)
        unit = f" {self.units}" if self.units else ""
        self._set_status(f"α = {a:.3g} (α/n = {a / self.n:.3g}): w = ({self.w[0]:,.1f}, {self.w[1]:,.1f}){unit} per sd, "
                         f"‖w‖ is {shrink:.0%} of least squares'; eigenvalues of X_cᵀX_c + αI are those of "
                         f"X_cᵀX_c plus α: κ = {self.kappa:,.1f} (α = 0: {self.kappa_ols:,.1f}), 2/L = {self.limit:.3g}")
        self._request(full=False)
