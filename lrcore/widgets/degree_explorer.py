"""DegreeExplorer: a polynomial-degree slider with training and validation error (chapter 8)."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .._validation import check_int, check_scalar, check_text
from ..closed_form import fit_closed_form
from ..data import standardize
from ..style import COLORS
from ._app import _App, _one_feature
from ._controls import IntSlider


def tide_data(seed=9):
    """Chapter 4's tide readings: 15 for training and 30 for validation, sea level h (m) at t hours from noon.

    Returns (t_train, h_train, t_val, h_val, tide) where ``tide(t) = sin(πt/6)`` is the smooth truth; waves add
    Gaussian noise of 0.4 m.
    """
    rng = np.random.default_rng(seed)
    t_tr = np.sort(rng.uniform(-6, 6, 15))
    t_va = rng.uniform(t_tr.min(), t_tr.max(), 30)

    def tide(t):
        return np.sin(np.pi * np.asarray(t, dtype=float) / 6)

    h_tr, h_va = tide(t_tr) + rng.normal(0, 0.4, 15), tide(t_va) + rng.normal(0, 0.4, 30)
    return t_tr, h_tr, t_va, h_va, tide


def polynomial_features(x, degree, mean=None, scale=None):
    """Columns x, x², …, x^degree of a 1-D x, standardised (with the given mean and scale, or their own).

    Returns (P, mean, scale) like ``lrcore.standardize``.
    """
    x = np.asarray(x, dtype=float)
    P = np.column_stack([x ** k for k in range(1, degree + 1)])
    return standardize(P, mean, scale)


class DegreeExplorer(_App):
    """Fit polynomials of growing degree: the training error keeps falling, the validation error turns up.

    For each degree the features are x, x², …, x^degree of the x scaled to
    [−1, 1] by the training range, standardised on the training rows, and the
    fit is least squares in closed form (``fit_closed_form``).

    Attributes
    ----------
    degree : ipywidgets.IntSlider
        1 to ``max_degree``.
    train_mse, val_mse : ndarray (max_degree,)
        The training and validation MSE of every degree (index degree − 1).
    best_degree : int
        The degree with the lowest validation MSE.
    noise_variance : float or None
        Drawn as a dotted line on the validation curve: the MSE of the true curve on
        average over new points (0.16 m² for the tide, given or not for other data).
    """

    _picture = "Polynomial fit through the training and validation tide readings, and training and validation MSE by degree"

    def __init__(self, x_train=None, y_train=None, x_val=None, y_val=None, *, max_degree=12, degree=3,
                 truth=None, x_label="t (hours from noon)", y_label="sea level (m)", units="m", noise_variance=None):
        given = [v is None for v in (x_train, y_train, x_val, y_val)]
        if any(given) and not all(given):
            raise TypeError("x_train, y_train, x_val and y_val must be given together (or none, for chapter 4's tide)")
        if all(given):
            x_train, y_train, x_val, y_val, truth = tide_data()
            noise_variance = 0.16 if noise_variance is None else noise_variance   # the tide's waves: 0.4² m²
        if truth is not None and not callable(truth):
            raise TypeError(f"truth must be a function of x (or None), got {type(truth).__name__}")
        self.x_train, self.y_train = _one_feature(x_train, y_train)
        self.x_val, self.y_val = _one_feature(x_val, y_val)
        n = self.x_train.size
        max_degree = check_int(max_degree, "max_degree", minimum=1, maximum=min(20, n - 1))
        degree = check_int(degree, "degree", minimum=1, maximum=max_degree)
        self.x_label, self.y_label = check_text(x_label, "x_label"), check_text(y_label, "y_label")
        self.units = check_text(units, "units", optional=True)
        self.truth = truth
        self.noise_variance = None if noise_variance is None else check_scalar(noise_variance, "noise_variance",
                                                                                positive=True)
        lo, hi = self.x_train.min(), self.x_train.max()
        if hi <= lo:
            raise ValueError("x_train must take at least two different values")
        self._centre, self._half = (lo + hi) / 2, (hi - lo) / 2
        self._grid = np.linspace(min(lo, self.x_val.min()), max(hi, self.x_val.max()), 300)
        self._fits = [self._fit(k) for k in range(1, max_degree + 1)]
        self.train_mse = np.array([f[1] for f in self._fits])
        self.val_mse = np.array([f[2] for f in self._fits])
        self.best_degree = int(np.argmin(self.val_mse)) + 1
        super().__init__((9.3, 4.2))
        self.degree = IntSlider(value=degree, min=1, max=max_degree, description="polynomial degree",
                                        layout=widgets.Layout(width="420px"))
        self._build_figure()
        self.widget = widgets.VBox([self.degree, self._image, self._status_html])
        self.degree.observe(self._on_fast_change, names="value")
        self._compute()
        self._request(full=True)

    def _scaled(self, x):
        return (np.asarray(x, dtype=float) - self._centre) / self._half

    def _fit(self, k):
        P, mean, scale = polynomial_features(self._scaled(self.x_train), k)
        w, b = fit_closed_form(P, self.y_train)
        train = float(np.mean((P @ w + b - self.y_train) ** 2))
        Pv = polynomial_features(self._scaled(self.x_val), k, mean, scale)[0]
        val = float(np.mean((Pv @ w + b - self.y_val) ** 2))
        curve = polynomial_features(self._scaled(self._grid), k, mean, scale)[0] @ w + b
        return curve, train, val

    def _build_figure(self):
        fig = self.figure
        ax = fig.add_axes([0.07, 0.14, 0.42, 0.74])
        pa = fig.add_axes([0.60, 0.14, 0.38, 0.74])
        ys = np.concatenate([self.y_train, self.y_val])
        pad = 0.25 * (ys.max() - ys.min())
        if self.truth is not None:
            ax.plot(self._grid, self.truth(self._grid), color=COLORS["residual"], ls=":", lw=2, label="the smooth truth")
        ax.scatter(self.x_train, self.y_train, color=COLORS["data"], zorder=3, label="training points")
        ax.scatter(self.x_val, self.y_val, facecolor="none", edgecolor=COLORS["test"], marker="s", zorder=3,
                   label="validation points")
        (self._curve,) = ax.plot([], [], color=COLORS["fit"], lw=2, label="fitted polynomial")
        ax.set_ylim(ys.min() - pad, ys.max() + pad)
        ax.set_xlim(self._grid[0], self._grid[-1])
        ax.set(xlabel=self.x_label, ylabel=self.y_label, title="the fit (the curve may leave the picture)")
        ax.legend(loc="lower right", fontsize=8, framealpha=0.85, frameon=True)
        degrees = np.arange(1, self.train_mse.size + 1)
        unit = f" ({self.units}²)" if self.units else ""
        pa.semilogy(degrees, self.train_mse, color=COLORS["data"], marker="o", lw=2, label="training MSE")
        pa.semilogy(degrees, self.val_mse, color=COLORS["test"], marker="s", ls="--", lw=2, label="validation MSE")
        if self.noise_variance is not None:
            sq = f" {self.units}²" if self.units else ""
            pa.axhline(self.noise_variance, color="black", ls=":", lw=1,
                       label=f"noise variance {self.noise_variance:g}{sq}")
        pa.set(xlabel="polynomial degree", ylabel=f"MSE{unit}, log scale", title="validation curve")
        pa.set_xticks(degrees)
        pa.legend(loc="upper left", fontsize=8)
        self._vline = pa.axvline(self.degree.value, color=COLORS["fit"], lw=1.5, ls=":")
        (self._marks,) = pa.plot([], [], marker="D", ms=9, ls="none", color=COLORS["fit"], markeredgecolor="black")
        self._dynamic = [self._curve, self._vline, self._marks]

    def _compute(self):
        k = int(self.degree.value)
        curve, train, val = self._fits[k - 1]
        self._curve.set_data(self._grid, curve)
        self._vline.set_xdata([k, k])
        self._marks.set_data([k, k], [train, val])
        self.train_mse_now, self.val_mse_now = train, val
        if k < self.best_degree:
            verdict = "underfitting: too stiff to follow the curve"
        elif k == self.best_degree:
            verdict = "the lowest validation MSE"
        else:
            verdict = "overfitting: it follows the noise of the training points"
        unit = f" {self.units}²" if self.units else ""
        self._set_status(f"degree {k}: training MSE {train:.3f}{unit}, validation MSE {val:.3f}{unit} — {verdict} "
                         f"(best validation at degree {self.best_degree})")
