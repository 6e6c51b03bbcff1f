"""SGDExplorer: mini-batch SGD on the MSE bowl with batch-size, learning-rate and schedule controls (chapter 7)."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .. import plots
from .._validation import check_int
from ..descent import hessian
from ..losses import mse
from ..stochastic import SCHEDULES, sgd
from ..style import COLORS
from ._app import _App, _check_start, _line_bowl, _one_feature, _optional_rate, _rate_slider, _slider_row
from ._controls import IntSlider, SelectionSlider, ToggleButtons


def _batch_options(n):
    """Powers of two below n, then n itself (full batch)."""
    sizes = [2 ** k for k in range(int(np.log2(n)) + 1) if 2 ** k < n]
    return sizes + [n]


class SGDExplorer(_App):
    """Mini-batch SGD on the MSE bowl: the noisy path, its noise floor, and schedules that converge.

    Attributes
    ----------
    learning_rate : ipywidgets.FloatLogSlider
        η₀, from 1/(40L) to 3/L on a log scale (L of the full MSE).
    batch_size : ipywidgets.SelectionSlider
        Rows per step: powers of two, then n (full-batch descent).
    schedule : ipywidgets.ToggleButtons
        ``"constant"``, ``"inverse"`` (η₀/(1 + t/epoch)) or ``"step"`` (halved every epoch).
    epochs : ipywidgets.IntSlider
    seed : ipywidgets.IntSlider
        The shuffles' random seed: another seed, another noisy path.
    result : DescentResult
        The current run (recorded per step).
    floor : float
        Mean full MSE over the second half of the run minus the least possible MSE (the noise floor for a
        constant η once ``settled``; NaN after divergence).
    settled : bool
        The second half measures noise, not descent: by the run's middle the start's excess MSE, shrinking by
        (1 − ημ)² per step along the flattest direction (μ the Hessian's smallest eigenvalue), is below the floor.
    """

    _picture = "Mini-batch SGD path on the loss bowl's contour map, and the full-data MSE per step"

    def __init__(self, x, y, *, learning_rate=None, batch_size=4, epochs=10, schedule="constant", seed=0,
                 start=None, units=None, w_label="w (slope)", b_label="b (intercept)"):
        self.x, self.y = _one_feature(x, y)
        n = self.x.size
        learning_rate = _optional_rate(learning_rate)
        options = _batch_options(n)
        batch_size = check_int(batch_size, "batch_size", minimum=1, maximum=n)
        if batch_size not in options:
            raise ValueError(f"batch_size must be one of {options} for these {n} rows, got {batch_size}")
        epochs = check_int(epochs, "epochs", minimum=1, maximum=50)
        if schedule not in SCHEDULES:
            raise ValueError(f"schedule must be one of {', '.join(map(repr, SCHEDULES))}, got {schedule!r}")
        seed = check_int(seed, "seed", minimum=0, maximum=9)
        start = _check_start(start)
        plots._check_labels(units, w_label, b_label)
        super().__init__((9.3, 5.4))
        self._labels = {"w_label": w_label, "b_label": b_label}
        self._units = units
        bowl = _line_bowl(self.x, self.y, start)
        self.limits, self.bounds, self._minimum, self._start = bowl.limits, bowl.bounds, bowl.minimum, bowl.start
        self._mu = float(np.linalg.eigvalsh(hessian(self.x))[0])
        self._start_gap = mse(self.y, self._start[0] * self.x + self._start[1]) - self._minimum
        value = 0.5 * self.limits[0] if learning_rate is None else learning_rate
        self.learning_rate = _rate_slider(self.limits, value, description="η₀ (learning rate)", steps=200,
                                          width="400px")
        self.batch_size = SelectionSlider(options=options, value=batch_size, description="batch size")
        self.schedule = ToggleButtons(options=list(SCHEDULES), value=schedule, description="η schedule",
                                      tooltips=["η = η₀ at every step", "η₀ / (1 + t/epoch)", "η₀ halved every epoch"])
        self.epochs = IntSlider(value=epochs, min=1, max=50, description="epochs")
        self.seed = IntSlider(value=seed, min=0, max=9, description="shuffle seed")
        self._build_figure()
        self.widget = widgets.VBox([
            _slider_row(self.learning_rate, self.batch_size), _slider_row(self.schedule),
            self._status_html, self._image, _slider_row(self.epochs, self.seed),
        ])
        for control in (self.learning_rate, self.batch_size, self.schedule, self.epochs, self.seed):
            control.observe(self._on_fast_change, names="value")
        self._compute()
        self._request(full=True)

    def _build_figure(self):
        fig = self.figure
        grid = fig.add_gridspec(2, 2, width_ratios=[1.2, 1], hspace=0.5, wspace=0.3, left=0.06, right=0.97,
                                top=0.94, bottom=0.1)
        ax3d = fig.add_subplot(grid[:, 0], projection="3d", computed_zorder=False)
        self._surface = plots.plot_loss_surface(self.x, self.y, ax=ax3d, bounds=self.bounds, resolution=40,
                                                units=self._units, **self._labels)
        self._surface.path_line.set(lw=1, ms=1.5)
        self._contour = plots.plot_contour(self.x, self.y, ax=fig.add_subplot(grid[0, 1]), bounds=self.bounds,
                                           resolution=80, units=self._units, **self._labels)
        self._contour.path_line.set(lw=1, ms=1.5)
        self._contour.ax.set_title("MSE contours, SGD path")
        ax = self._curve_ax = fig.add_subplot(grid[1, 1])
        (self._curve,) = ax.plot([], [], color=COLORS["data"], lw=1.2, label="after each step")
        (self._floor_line,) = ax.plot([], [], color=COLORS["fit"], ls="--", lw=2,
                                      label="mean over the second half")
        ax.set_yscale("log")
        ax.set_xlabel("epoch (passes over the data)")
        unit = f" ({self._units}²)" if self._units else ""
        ax.set_ylabel(f"MSE − least MSE{unit}")
        ax.set_title("distance above the minimum (log scale)", fontsize=10)
        ax.legend(loc="upper right", fontsize=8)
        gap0 = self._start_gap if self._start_gap > 0 else 1.0
        ax.set_ylim(gap0 * 1e-7, gap0 * 5)
        s, c = self._surface, self._contour
        # the minimum's stars are redrawn after the paths (blitting draws the dynamic artists over the background),
        # so the cloud of steps around the minimum never hides them
        self._dynamic = [s.path_line, s.start, s.optimum, c.path_line, c.start, c.optimum, self._curve,
                         self._floor_line]

    def _compute(self):
        eta, batch, epochs = self.learning_rate.value, self.batch_size.value, self.epochs.value
        res = self.result = sgd(self.x, self.y, eta, batch_size=batch, epochs=epochs, schedule=self.schedule.value,
                                random_state=self.seed.value, w0=[self._start[0]], b0=self._start[1])
        plots.set_surface_path(self._surface, res.path, res.losses)
        plots.set_contour_path(self._contour, res.path)
        few = res.path.shape[0] <= 300  # markers only where they can be told apart
        for line in (self._surface.path_line, self._contour.path_line):
            line.set_marker("o" if few else "")
        per_epoch = -(-self.x.size // batch)
        with np.errstate(invalid="ignore", over="ignore"):
            shown = np.where(np.isfinite(res.losses), res.losses - self._minimum, np.nan)
            shown[shown <= 0] = np.nan  # at the minimum to rounding: off the log scale
        epoch_axis = np.arange(shown.size) / per_epoch
        self._curve.set_data(epoch_axis, shown)
        self._curve.set_marker("o" if shown.size <= 60 else "")
        self._curve.set_markersize(2.5)
        self._curve_ax.set_xlim(0, epochs)
        half = res.losses[res.losses.size // 2:] - self._minimum
        self.floor = float(np.mean(half))
        # settled: by the middle of the run the start's excess MSE has shrunk below the floor (along the flattest
        # direction the excess shrinks by (1 − ημ)² per step), so the second half measures noise, not descent
        factor = abs(1.0 - eta * self._mu)
        transient = self._start_gap * factor ** res.n_iter if factor < 1 else float("inf")
        self.settled = bool(np.isfinite(self.floor) and transient <= self.floor)
        if res.diverged:
            self.floor, self.settled = float("nan"), False
            self._floor_line.set_data([], [])
        else:
            self._floor_line.set_data([epochs / 2, epochs], [self.floor, self.floor])
        self._set_status(self._describe(eta, batch, res))

    def _describe(self, eta, batch, res):
        n = self.x.size
        what = "full batch (plain descent)" if batch == n else f"batch size {batch}"
        head = f"{what}, η₀ = {eta:.3g}, {self.schedule.value} η"
        if res.diverged:
            return f"diverged: {head}; the loss blew up after {res.n_iter} steps"
        gap = self.floor / self._minimum if self._minimum > 0 else float("inf")
        last = res.losses[-1] / self._minimum - 1 if self._minimum > 0 else float("inf")
        if batch == n:
            return (f"no noise: {head}; every step uses all {n} rows; after {res.n_iter} steps the MSE is "
                    f"{last:.2%} above its minimum")
        if self.schedule.value == "constant":
            if not self.settled:
                return (f"still descending: {head}; at this η₀ the start's error needs more than half the run to die "
                        f"out (last step {last:.2%} above the minimum): give it more epochs or a larger η₀ to see "
                        "the noise floor")
            return (f"noisy: {head}; the path jitters around ★: over the second half the MSE averages "
                    f"{gap:.2%} above its minimum (the noise floor); last step {last:.2%}")
        return (f"decaying: {head}; the jitter shrinks as η falls: last step {last:.2%} above the minimum "
                f"(second-half mean {gap:.2%})")
