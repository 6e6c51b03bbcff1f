"""One function per teaching figure.

Every function takes ``ax=None`` (or ``fig=None`` for multi-panel figures),
draws on a new pyplot figure when none is given, labels its axes with names and
units, uses the colours of ``lrcore.style`` (lines also differ by marker or
dash; start, path and minimum have a legend), changes no global matplotlib state, and returns a
``types.SimpleNamespace`` of what it drew so that apps can update the artists.
"""

from __future__ import annotations

import math
from types import SimpleNamespace

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.colors import is_color_like
from matplotlib.figure import FigureBase
from matplotlib.ticker import FuncFormatter

from ._validation import (
    _as_float_array,
    check_bool,
    check_choice,
    check_data,
    check_features,
    check_int,
    check_params,
    check_scalar,
    check_text,
    is_constant,
)
from .closed_form import fit_closed_form
from .data import standardize
from .descent import gradient_descent, stability_limit
from .losses import LOSSES, loss_grid
from .style import BAND_ALPHA, COLORS, CONTOUR_CMAP, START_FACE, SURFACE_CMAP

__all__ = [
    "loss_bounds", "plot_fit", "plot_loss_surface", "plot_contour", "plot_loss_curve",
    "plot_gradient_field", "plot_loss_surfaces", "plot_scaling_bowls", "plot_gradient_norms",
    "plot_learning_rate_scale", "loss_label", "bowl_over_weights", "draw_weight_bowl", "set_surface_path",
    "set_contour_path", "set_learning_rate_marker",
]

_LOSS_NAMES = {"mse": "MSE", "rmse": "RMSE", "mae": "MAE", "sse": "SSE", "half_mse": "½·MSE"}
_HALO = [patheffects.Stroke(linewidth=4, foreground="white"), patheffects.Normal()]

#: Data a figure draws must lie within ±DRAWABLE and, unless all zero, reach at least 1/DRAWABLE: the
#: losses drawn are in the data's units squared, and beyond that they leave the floating-point range.
DRAWABLE = 1e100
#: Largest grid side (resolution, density) and number of points a figure computes.
MAX_GRID = 1000


# --- argument checks shared by the figures ----------------------------------

def _check_loss(loss, name="loss"):
    return check_choice(loss, name, tuple(_LOSS_NAMES))


def _check_ax(ax, name="ax", *, optional=True):
    if ax is None and optional:
        return None
    if not isinstance(ax, Axes):
        raise TypeError(f"{name} must be a matplotlib Axes{' or None' if optional else ''}, got {type(ax).__name__}")
    return ax


def _check_fig(fig, name="fig"):
    if fig is not None and not isinstance(fig, FigureBase):
        raise TypeError(f"{name} must be a matplotlib Figure or None, got {type(fig).__name__}")
    return fig


def _check_drawable(arr, name):
    """Refuse data too large (or too small) for the losses a figure draws to stay in the float range."""
    top = float(np.max(np.abs(arr))) if np.size(arr) else 0.0
    if top > DRAWABLE:
        raise ValueError(f"{name} has values too large (max |{name}| = {top:.3g}) to draw: the losses, in its units "
                         f"squared, would leave the floating-point range; rescale {name} to below {DRAWABLE:.0e}")
    if 0 < top < 1 / DRAWABLE:
        raise ValueError(f"{name} has values too small (max |{name}| = {top:.3g}) to draw: the losses, in its units "
                         f"squared, would underflow to 0; rescale {name} to above {1 / DRAWABLE:.0e}")
    return arr


def _check_names(names, name, choices):
    """A tuple of names from ``choices``; a single string is one name."""
    if isinstance(names, str):
        names = (names,)
    try:
        names = tuple(names)
    except TypeError:
        raise TypeError(f"{name} must be a sequence of names, got {type(names).__name__}") from None
    if not names:
        raise ValueError(f"{name} must name at least one of {', '.join(map(repr, choices))}")
    for item in names:
        check_choice(item, name, choices)
    return names


def _check_pair_of_text(value, name):
    if not isinstance(value, (tuple, list)) or not all(isinstance(v, str) for v in value):
        raise TypeError(f"{name} must be a pair of strings, got {value!r:.60}")
    if len(value) != 2:
        raise ValueError(f"{name} must be a pair of strings (one name per feature), got {len(value)}: {value!r:.60}")
    return tuple(value)


def _check_bounds(bounds, name="bounds"):
    """None or (w_min, w_max, b_min, b_max): finite, increasing, drawable."""
    if bounds is None:
        return None
    if isinstance(bounds, np.ndarray):
        bounds = bounds.tolist() if bounds.ndim == 1 else bounds
    if not isinstance(bounds, (tuple, list)) or len(bounds) != 4:
        raise TypeError(f"{name} must be four numbers (w_min, w_max, b_min, b_max), got {bounds!r:.60}")
    values = tuple(check_scalar(v, name) for v in bounds)
    for lo, hi in (values[:2], values[2:]):
        if not lo < hi:
            raise ValueError(f"{name} must be (w_min, w_max, b_min, b_max) with each min < max, got {values}")
        if max(abs(lo), abs(hi)) > DRAWABLE ** 2:
            raise ValueError(f"{name} has values too large to draw (beyond ±{DRAWABLE ** 2:.0e}), got {values}")
    return values


def _check_path(path, name="path"):
    """None or a (k, d + 1) array of parameters (last column b); NaN and inf allowed (a diverged run)."""
    if path is None:
        return None
    arr = _as_float_array(path, name)
    if arr.ndim != 2 or arr.shape[1] < 2:
        raise ValueError(f"{name} must be a 2-D array of (w, b) rows (e.g. DescentResult.path), got shape {arr.shape}")
    return arr


def _check_drawn(drawn, name, attributes, made_by):
    if not isinstance(drawn, SimpleNamespace) or not all(hasattr(drawn, a) for a in attributes):
        raise TypeError(f"{name} must be what {made_by} returned, got {type(drawn).__name__}")
    return drawn


def loss_label(loss="mse", units=None):
    """Axis label for a loss, with its units: MSE is in units², RMSE and MAE in units."""
    name = _LOSS_NAMES[_check_loss(loss)]
    units = check_text(units, "units", optional=True)
    if not units:
        return name + (" (y units²)" if loss in ("mse", "sse", "half_mse") else " (y units)")
    squared = loss in ("mse", "sse", "half_mse")
    return f"{name} ({units}²)" if squared else f"{name} ({units})"


def _compact(value, _pos=None):
    """Tick text without exponents: 2.5k, 20M, 1.2G."""
    for factor, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= factor:
            return f"{value / factor:.3g}{suffix}"
    return f"{value:.3g}"


def _axes(ax, projection=None, figsize=(6.0, 4.0)):
    if ax is not None:
        return ax
    fig = plt.figure(figsize=figsize, layout="constrained")
    return fig.add_subplot(projection=projection)


def _one_feature(x, y, names=("x", "y")):
    X, y = check_data(x, y, min_samples=2, names=names)
    if X.shape[1] != 1:
        raise ValueError(f"{names[0]} must be a single feature for a (w, b) picture, got {X.shape[1]} columns")
    return _check_drawable(X[:, 0], names[0]), _check_drawable(y, names[1])


def loss_bounds(x, y, *, span=2.0):
    """A (w_min, w_max, b_min, b_max) box around the least-squares (w*, b*).

    Half-widths are ``span`` times max(|w*|, sd(y)/sd(x)) for w and
    max(|b*|, sd(y)) for b, so the bowl and a start away from the optimum fit.
    """
    xs, y = _one_feature(x, y)
    span = check_scalar(span, "span", positive=True)
    w, b = fit_closed_form(xs, y)
    sx = 1.0 if is_constant(xs) else xs.std()
    sy = max(abs(y).max(), 1.0) if is_constant(y) else y.std()
    with np.errstate(over="ignore"):
        dw = span * max(abs(w[0]), sy / sx)
        db = span * max(abs(b), sy)
        box = (w[0] - dw, w[0] + dw, b - db, b + db)
    if not all(math.isfinite(v) for v in box) or max(map(abs, box)) > DRAWABLE ** 2:
        raise ValueError(f"span = {span:.3g} is too large for these data: the (w, b) box leaves the drawable range")
    return tuple(float(v) for v in box)


def _grid(x, y, bounds, loss, resolution):
    ws = np.linspace(bounds[0], bounds[1], resolution)
    bs = np.linspace(bounds[2], bounds[3], resolution)
    return ws, bs, loss_grid(x, y, ws, bs, loss=loss)


def _minimum(xs, y, loss, ws, bs, Z):
    """(w, b) at the loss's minimum: least squares for the squared losses, the grid's best point for MAE."""
    if loss == "mae":
        i, j = np.unravel_index(np.argmin(Z), Z.shape)
        return float(ws[j]), float(bs[i]), float(Z[i, j])
    w, b = fit_closed_form(xs, y)
    return float(w[0]), b, float(loss_grid(xs, y, w, [b], loss=loss)[0, 0])


def _visible_path(path, bounds, pad=0.1):
    """Path columns (w, b) cut where they leave the padded box.

    A step that leaves the box is drawn up to the box's edge (so a diverging
    first step still shows which way it went); points further out are NaN (not
    drawn). Returns ``w``, ``b`` and a boolean mask of the points moved onto the edge.
    """
    if path is None or len(path) == 0:
        return np.empty(0), np.empty(0), np.zeros(0, bool)
    w, b = np.array(path[:, 0], dtype=float), np.array(path[:, -1], dtype=float)
    pw, pb = pad * (bounds[1] - bounds[0]), pad * (bounds[3] - bounds[2])
    lo = np.array([bounds[0] - pw, bounds[2] - pb])
    hi = np.array([bounds[1] + pw, bounds[3] + pb])
    with np.errstate(invalid="ignore", over="ignore"):
        inside = (w >= lo[0]) & (w <= hi[0]) & (b >= lo[1]) & (b <= hi[1])
    edge = np.zeros(w.size, bool)
    for k in np.flatnonzero(~inside):
        if k == 0 or not inside[k - 1]:
            continue
        start = np.array([w[k - 1], b[k - 1]])
        step = np.array([w[k], b[k]]) - start
        with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
            limits = np.where(step > 0, (hi - start) / step, np.where(step < 0, (lo - start) / step, np.inf))
        t = float(np.nanmin(limits)) if np.all(np.isfinite(step)) else 0.0
        w[k], b[k] = start + min(max(t, 0.0), 1.0) * step if np.all(np.isfinite(step)) else start
        edge[k] = True
    hidden = ~inside & ~edge
    w[hidden], b[hidden] = np.nan, np.nan
    return w, b, edge


def plot_fit(x, y, w, b, *, ax=None, residuals=True, x_label="x", y_label="y", label="data",
             x_test=None, y_test=None, line_label=None):
    """Data points, the line ŷ = w·x + b, and each residual as a vertical segment.

    Returns
    -------
    SimpleNamespace with ``ax``, ``points``, ``line``, ``residuals`` (a
    LineCollection, empty when ``residuals=False``) and ``test_points`` (or None).
    """
    xs, y = _one_feature(x, y)
    w, b = check_params(w, b, 1)
    w = float(w[0])
    residuals = check_bool(residuals, "residuals")
    for text, text_name in ((x_label, "x_label"), (y_label, "y_label"), (label, "label")):
        check_text(text, text_name)
    check_text(line_label, "line_label", optional=True)
    _check_ax(ax)
    xt = yt = None
    if x_test is not None or y_test is not None:
        xt, yt = _one_feature(x_test, y_test, names=("x_test", "y_test"))
    lo, hi = xs.min(), xs.max()
    pad = 0.05 * (hi - lo or 1.0)
    grid = np.array([lo - pad, hi + pad])
    with np.errstate(over="ignore", invalid="ignore"):
        ends = w * grid + b
    if not np.all(np.isfinite(ends)) or np.max(np.abs(ends)) > DRAWABLE ** 2:
        raise ValueError(f"the line w·x + b (w = {w:.3g}, b = {b:.3g}) leaves the drawable range over these x")
    ax = _axes(ax)
    points = ax.scatter(xs, y, s=28, color=COLORS["data"], marker="o", zorder=3, label=label)
    test_points = None
    if xt is not None:
        test_points = ax.scatter(xt, yt, s=36, color=COLORS["test"], marker="^", zorder=3, label="test data")
    (line,) = ax.plot(grid, ends, color=COLORS["fit"], lw=2, label=line_label or f"ŷ = {w:.3g}·x {'−' if b < 0 else '+'} {abs(b):.3g}")
    segments = np.stack([np.column_stack([xs, y]), np.column_stack([xs, w * xs + b])], axis=1) if residuals else []
    lines = LineCollection(segments, colors=COLORS["residual"], linestyles="--", linewidths=1, zorder=2,
                           label="residuals" if residuals else None)
    ax.add_collection(lines)
    ax.set_xlabel(x_label)
    ax.set_ylabel(y_label)
    ax.legend(loc="best")
    return SimpleNamespace(ax=ax, points=points, line=line, residuals=lines, test_points=test_points)


def plot_loss_surface(x, y, *, path=None, ax=None, loss="mse", bounds=None, resolution=50,
                      elev=28, azim=-125, units=None, losses=None, w_label="w (slope)", b_label="b (intercept)"):
    """The 3D bowl of a loss over (w, b), with a descent path drawn on top.

    mplot3d has no depth buffer, so a path could vanish behind the surface. The
    axes are created with ``computed_zorder=False`` and the path is drawn after
    the surface, lifted by 1% of the height and outlined in white: it stays
    visible from every viewing angle.

    Parameters
    ----------
    path : ndarray of shape (k, 2), optional
        (w, b) points, e.g. ``DescentResult.path``.
    losses : ndarray of shape (k,), optional
        The loss at each path point (computed when omitted).

    Returns
    -------
    SimpleNamespace with ``ax``, ``surface``, ``path_line``, ``start``,
    ``optimum``, ``bounds``, ``z_lift``, ``z_max``.
    """
    xs, y = _one_feature(x, y)
    loss = _check_loss(loss)
    resolution = check_int(resolution, "resolution", minimum=2, maximum=MAX_GRID)
    elev, azim = check_scalar(elev, "elev"), check_scalar(azim, "azim")
    _check_labels(units, w_label, b_label)
    path = _check_path(path)
    losses = _check_losses(losses, path)
    if ax is not None and getattr(ax, "name", None) != "3d":
        raise TypeError(f"ax must be a 3D Axes (projection='3d') or None, got {type(ax).__name__}")
    bounds = loss_bounds(xs, y) if bounds is None else _check_bounds(bounds)
    if ax is None:
        fig = plt.figure(figsize=(6.0, 4.6))
        ax = fig.add_subplot(projection="3d", computed_zorder=False)
    ws, bs, Z = _grid(xs, y, bounds, loss, resolution)
    W, B = np.meshgrid(ws, bs)
    surface = ax.plot_surface(W, B, Z, cmap=SURFACE_CMAP, alpha=0.75, linewidth=0, antialiased=False,
                              rstride=2, cstride=2, zorder=1)
    z_max = float(Z.max())
    z_lift = 0.01 * (z_max - float(Z.min()))
    w_opt, b_opt, z_opt = _minimum(xs, y, loss, ws, bs, Z)
    optimum = ax.scatter([w_opt], [b_opt], [z_opt + z_lift], color=COLORS["optimum"], marker="*", s=160,
                         edgecolor="black", zorder=12, depthshade=False, label="minimum")
    (path_line,) = ax.plot([], [], [], color=COLORS["path"], lw=2, marker="o", ms=3, zorder=10,
                           path_effects=_HALO, label="descent path")
    (start,) = ax.plot([], [], [], color=START_FACE, marker="o", ms=8, ls="none", zorder=11,
                       markeredgecolor="black", markeredgewidth=1.5, label="start")
    ax.set_xlim(bounds[0], bounds[1])
    ax.set_ylim(bounds[2], bounds[3])
    ax.set_zlim(0, z_max * 1.02)
    ax.set_xlabel(w_label)
    ax.set_ylabel(b_label)
    ax.set_zlabel(loss_label(loss, units))
    ax.zaxis.set_major_formatter(FuncFormatter(_compact))  # short ticks, no offset text over the label
    ax.view_init(elev=elev, azim=azim)
    _marks_legend(ax, (start, path_line, optimum))
    drawn = SimpleNamespace(ax=ax, surface=surface, path_line=path_line, start=start, optimum=optimum,
                            bounds=bounds, z_lift=z_lift, z_max=z_max, x=xs, y=y, loss=loss)
    set_surface_path(drawn, path, losses)
    return drawn


def _marks_legend(ax, handles):
    """A compact legend for the start, path and minimum, inside the axes (it adds nothing to the figure's size)."""
    ax.legend(handles=list(handles), loc="upper right", fontsize=8, handlelength=1.6, borderpad=0.3,
              labelspacing=0.3, borderaxespad=0.3, frameon=True, framealpha=0.9, edgecolor=COLORS["residual"])


def _check_labels(units, w_label, b_label):
    check_text(units, "units", optional=True)
    check_text(w_label, "w_label")
    check_text(b_label, "b_label")


def _check_losses(losses, path, name="losses"):
    """None or one loss per path point (NaN and inf allowed)."""
    if losses is None:
        return None
    arr = _as_float_array(losses, name)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be 1-D (one value per path point), got shape {arr.shape}")
    k = 0 if path is None else len(path)
    if arr.size < k:
        raise ValueError(f"{name} must have one value per path point ({k}), got {arr.size}")
    return arr


def set_surface_path(drawn, path, losses=None):
    """Move the path of a ``plot_loss_surface`` figure to a new descent path."""
    _check_drawn(drawn, "drawn", ("path_line", "start", "bounds", "z_lift", "z_max", "x", "y", "loss"),
                 "plot_loss_surface")
    path = _check_path(path)
    losses = _check_losses(losses, path)
    w, b, edge = _visible_path(path, drawn.bounds)
    losses = np.full(w.size, np.nan) if losses is None else np.array(losses, dtype=float)[: w.size]
    recompute = np.isfinite(w) & (edge | ~np.isfinite(losses))
    for i in np.flatnonzero(recompute):
        losses[i] = float(loss_grid(drawn.x, drawn.y, [w[i]], [b[i]], loss=drawn.loss)[0, 0])
    with np.errstate(invalid="ignore"):
        z = np.where(np.isfinite(w), np.minimum(np.asarray(losses, float)[: w.size], drawn.z_max), np.nan)
    drawn.path_line.set_data_3d(w, b, z + drawn.z_lift)
    if w.size and np.isfinite(w[0]):
        drawn.start.set_data_3d([w[0]], [b[0]], [z[0] + drawn.z_lift])
    else:
        drawn.start.set_data_3d([], [], [])


def plot_contour(x, y, *, path=None, ax=None, loss="mse", bounds=None, resolution=120, levels=14, units=None,
                 w_label="w (slope)", b_label="b (intercept)"):
    """Contour map of a loss over (w, b) with the descent path and the minimum.

    Levels are spaced on a square-root scale so that the rings near the
    minimum are visible too.

    Returns
    -------
    SimpleNamespace with ``ax``, ``contours``, ``path_line``, ``start``, ``optimum``, ``bounds``.
    """
    xs, y = _one_feature(x, y)
    loss = _check_loss(loss)
    resolution = check_int(resolution, "resolution", minimum=2, maximum=MAX_GRID)
    levels = check_int(levels, "levels", minimum=1, maximum=100)
    _check_labels(units, w_label, b_label)
    path = _check_path(path)
    _check_ax(ax)
    bounds = loss_bounds(xs, y) if bounds is None else _check_bounds(bounds)
    ax = _axes(ax, figsize=(5.0, 4.2))
    ws, bs, Z = _grid(xs, y, bounds, loss, resolution)
    lo, hi = float(Z.min()), float(Z.max())
    lv = lo + (hi - lo) * np.linspace(0.0, 1.0, levels + 1)[1:] ** 2
    contours = ax.contour(ws, bs, Z, levels=lv, cmap=CONTOUR_CMAP, linewidths=1)
    w_opt, b_opt, _ = _minimum(xs, y, loss, ws, bs, Z)
    optimum = ax.scatter([w_opt], [b_opt], color=COLORS["optimum"], marker="*", s=180, edgecolor="black",
                         zorder=5, label="minimum")
    (path_line,) = ax.plot([], [], color=COLORS["path"], lw=1.5, marker="o", ms=3, zorder=4,
                           path_effects=_HALO, label="descent path")
    (start,) = ax.plot([], [], color=START_FACE, marker="o", ms=8, ls="none", markeredgecolor="black",
                       markeredgewidth=1.5, zorder=6, label="start")
    ax.set_xlim(bounds[0], bounds[1])
    ax.set_ylim(bounds[2], bounds[3])
    ax.set_xlabel(w_label)
    ax.set_ylabel(b_label)
    ax.set_title(f"{_LOSS_NAMES[loss]} contours")
    _marks_legend(ax, (start, path_line, optimum))
    drawn = SimpleNamespace(ax=ax, contours=contours, path_line=path_line, start=start, optimum=optimum,
                            bounds=bounds)
    set_contour_path(drawn, path)
    return drawn


def set_contour_path(drawn, path):
    """Move the path of a ``plot_contour`` figure to a new descent path."""
    _check_drawn(drawn, "drawn", ("path_line", "start", "bounds"), "plot_contour")
    w, b, _ = _visible_path(_check_path(path), drawn.bounds)
    drawn.path_line.set_data(w, b)
    drawn.start.set_data(w[:1], b[:1])


_CURVE_LIMIT = 1e250


def plot_loss_curve(losses, *, ax=None, log=None, label=None, units=None, loss="mse", minimum=None, color=None):
    """The cost J (the loss being minimised, e.g. MSE) at each step of a descent run.

    Parameters
    ----------
    losses : array-like
        Loss at steps 0, 1, 2, ...
    log : bool, optional
        Log y axis; by default, when the values span more than two decades.
    minimum : float, optional
        The least loss achievable, drawn as a dotted line.

    Values beyond ±1e250 (the end of a diverging run) and, on a log axis,
    below 1e-250 are left out of the line: matplotlib cannot place them.
    """
    values = _as_float_array(losses, "losses")
    if values.ndim != 1 or values.size == 0:
        raise ValueError(f"losses must be a non-empty 1-D sequence, got shape {values.shape}")
    if log is not None:
        log = check_bool(log, "log")
    check_text(label, "label", optional=True)
    ylabel = loss_label(loss, units)
    if minimum is not None:
        minimum = check_scalar(minimum, "minimum")
        if not (abs(minimum) <= _CURVE_LIMIT and (not log or minimum >= 1 / _CURVE_LIMIT)):
            raise ValueError(f"minimum must lie within ±{_CURVE_LIMIT:.0e} (and be positive on a log axis), "
                             f"got {minimum:.3g}")
    if color is not None and not is_color_like(color):
        raise ValueError(f"color must be a matplotlib colour (e.g. '#0072B2' or 'black'), got {color!r:.40}")
    _check_ax(ax)
    with np.errstate(invalid="ignore"):
        values = np.where(np.abs(values) <= _CURVE_LIMIT, values, np.nan)
        finite = values[np.isfinite(values) & (values >= 1 / _CURVE_LIMIT)]
    if log and finite.size == 0:
        raise ValueError(f"log=True needs at least one value in losses between {1 / _CURVE_LIMIT:.0e} and "
                         f"{_CURVE_LIMIT:.0e}")
    if log is None:  # more than two decades (compared as logarithms: the ratio itself may overflow)
        log = bool(finite.size > 1 and np.log10(finite.max()) - np.log10(finite.min()) > 2)
    ax = _axes(ax, figsize=(5.0, 3.4))
    if log:
        with np.errstate(invalid="ignore"):
            values = np.where(values >= 1 / _CURVE_LIMIT, values, np.nan)
    (line,) = ax.plot(np.arange(values.size), values, color=color or COLORS["data"], lw=2, label=label)
    if minimum is not None:
        ax.axhline(minimum, color=COLORS["optimum"], ls=":", lw=1.5, label="least possible loss")
    if log:
        ax.set_yscale("log")
    ax.set_xlabel("step")
    ax.set_ylabel(ylabel)
    if label or minimum is not None:
        ax.legend(loc="best")
    return SimpleNamespace(ax=ax, line=line, log=log)


def plot_gradient_field(x, y, *, losses=("mse", "rmse"), fig=None, bounds=None, density=11, units=None):
    """The descent direction −∇ of each loss over the same MSE contours, one panel per loss.

    ∇RMSE = ∇MSE / (2·RMSE) points the same way as ∇MSE everywhere; what
    differs is the length. Each panel draws arrows whose length is the
    gradient's norm relative to that panel's largest arrow: on a perfect fit
    the MSE arrows shrink to nothing at the minimum while the RMSE arrows keep
    their length right up to it.

    Returns
    -------
    SimpleNamespace with ``fig``, ``axes`` and ``quivers`` (name → Quiver).
    """
    xs, y = _one_feature(x, y)
    losses = _check_names(losses, "losses", tuple(LOSSES))
    density = check_int(density, "density", minimum=2, maximum=50)
    check_text(units, "units", optional=True)
    _check_fig(fig)
    bounds = loss_bounds(xs, y) if bounds is None else _check_bounds(bounds)
    fig = fig or plt.figure(figsize=(min(4.15 * len(losses), 8.3), 4.2), layout="constrained")  # ≤ 830 px wide
    axes = fig.subplots(1, len(losses), squeeze=False)[0]
    ws = np.linspace(bounds[0], bounds[1], density)
    bs = np.linspace(bounds[2], bounds[3], density)
    quivers = {}
    for ax, name in zip(axes, losses, strict=True):
        drawn = plot_contour(xs, y, ax=ax, bounds=bounds, units=units)
        _marks_legend(ax, (drawn.optimum,))      # no path here: the minimum only
        grad = LOSSES[name][1]
        U = np.empty((density, density))
        V = np.empty((density, density))
        for r, b in enumerate(bs):
            for c, w in enumerate(ws):
                gw, gb = grad(xs, y, [w], b)
                U[r, c], V[r, c] = -gw[0], -gb
        scale = np.hypot(U, V).max() or 1.0
        # one factor for both components keeps each arrow along −∇ in the (w, b) plane (angles="xy");
        # the length is set in screen units: the longest arrow spans one grid cell of the axes' width
        quivers[name] = ax.quiver(ws, bs, U / scale, V / scale, color=COLORS[name], angles="xy",
                                  scale_units="width", scale=1.1 * density,
                                  width=0.005)
        ax.set_title(f"−∇{_LOSS_NAMES[name]}: length ∝ ‖∇‖\n(own scale per panel)", fontsize=10)
    return SimpleNamespace(fig=fig, axes=list(axes), quivers=quivers)


def plot_loss_surfaces(x, y, *, losses=("mse", "mae", "rmse"), fig=None, units=None, resolution=40):
    """The same data under several losses, as 3D surfaces side by side."""
    xs, y = _one_feature(x, y)
    losses = _check_names(losses, "losses", tuple(_LOSS_NAMES))
    check_text(units, "units", optional=True)
    resolution = check_int(resolution, "resolution", minimum=2, maximum=MAX_GRID)
    _check_fig(fig)
    # at most two surfaces per row, at most 830 px wide: JupyterLab shows the figure unshrunk
    ncols = min(len(losses), 2)
    nrows = -(-len(losses) // ncols)
    fig = fig or plt.figure(figsize=(4.15 * ncols, 3.7 * nrows))
    bounds = loss_bounds(xs, y)
    axes, surfaces = [], []
    for i, name in enumerate(losses):
        ax = fig.add_subplot(nrows, ncols, i + 1, projection="3d", computed_zorder=False)
        drawn = plot_loss_surface(xs, y, ax=ax, loss=name, bounds=bounds, resolution=resolution, units=units)
        if i:  # one legend for the row: these surfaces have no path, only the minimum
            ax.get_legend().remove()
        else:
            _marks_legend(ax, (drawn.optimum,))
        ax.set_title(f"{_LOSS_NAMES[name]}: " + {"mse": "smooth bowl", "mae": "creased (kinks)",
                                                  "rmse": "cone-like, same minimum"}.get(name, ""))
        axes.append(ax)
        surfaces.append(drawn)
    fig.subplots_adjust(wspace=0.2, hspace=0.15, left=0.08, right=0.97, top=0.95, bottom=0.04)
    return SimpleNamespace(fig=fig, axes=axes, surfaces=surfaces)


def _centred_two_features(X, y):
    X, y = check_data(X, y, min_samples=3)
    if X.shape[1] != 2:
        raise ValueError(f"X must have exactly 2 features for a (w₁, w₂) picture, got {X.shape[1]}")
    for column in X.T:  # each feature on its own: a tiny one beside a large one would overflow κ
        _check_drawable(column, "X")
    _check_drawable(y, "y")
    constant = [j + 1 for j in range(2) if is_constant(X[:, j])]
    if constant:
        which = "both columns are" if len(constant) == 2 else f"column {constant[0]} is"
        raise ValueError(f"X has constant features ({which} constant): there is nothing to learn from a constant "
                         "feature, so its weight has no bowl to draw; give two features that vary")
    return X - X.mean(axis=0), y - y.mean()


def bowl_over_weights(X, y, *, steps=60, rate_fraction=0.5, resolution=100, square=False):
    """Contours and a descent path over (w₁, w₂) for two centred features (the intercept profiled out).

    The intercept is profiled out by centring X and y, so ``kappa`` is κ of the
    2×2 Hessian (2/n)·X_cᵀX_c of the centred features. That is smaller than
    ``np.linalg.cond(lr.hessian(X))`` of the full model with intercept whenever
    the features' means are large compared with their spread.

    Returns
    -------
    SimpleNamespace with ``ws1, ws2, Z`` (grid), ``optimum`` (2,), ``result``
    (DescentResult from (0, 0) at ``rate_fraction``·(2/L)), ``kappa`` (κ of the Hessian).
    """
    Xc, yc = _centred_two_features(X, y)
    steps = check_int(steps, "steps", minimum=1, maximum=100_000)
    rate_fraction = check_scalar(rate_fraction, "rate_fraction", low=0.0, high=1.0)
    resolution = check_int(resolution, "resolution", minimum=2, maximum=MAX_GRID)
    square = check_bool(square, "square")
    w_opt, _ = fit_closed_form(Xc, yc, fit_intercept=False)
    H = (2.0 / len(yc)) * (Xc.T @ Xc)
    eig = np.linalg.eigvalsh(H)
    with np.errstate(over="ignore"):  # beyond the float range κ is inf, as for a singular H
        kappa = float(eig[-1] / eig[0]) if eig[0] > 0 else float("inf")
    eta = rate_fraction * stability_limit(Xc, fit_intercept=False)
    result = gradient_descent(Xc, yc, eta, max_iter=steps, tol=None, grad_tol=1e-12, fit_intercept=False)
    # each axis spans the path and the minimum, with a margin
    reach = np.abs(result.path[:, :2] - w_opt).max(axis=0)
    half = np.maximum(1.25 * reach, 1e-9 * (1 + np.abs(w_opt)))
    if square:  # the same scale on both axes: the bowl's true shape
        half[:] = half.max()
    ws1 = np.linspace(w_opt[0] - half[0], w_opt[0] + half[0], resolution)
    ws2 = np.linspace(w_opt[1] - half[1], w_opt[1] + half[1], resolution)
    W1, W2 = np.meshgrid(ws1, ws2)
    # MSE(w) = (w − w*)ᵀ (H/2) (w − w*) + MSE(w*)
    D1, D2 = W1 - w_opt[0], W2 - w_opt[1]
    base = float(np.mean((Xc @ w_opt - yc) ** 2))
    Z = base + 0.5 * (H[0, 0] * D1 * D1 + 2 * H[0, 1] * D1 * D2 + H[1, 1] * D2 * D2)
    return SimpleNamespace(ws1=ws1, ws2=ws2, Z=Z, optimum=w_opt, result=result, kappa=kappa, eta=eta,
                           rate_fraction=rate_fraction)


def draw_weight_bowl(bowl, ax, *, title, feature_names=("feature 1", "feature 2")):
    """Draw a ``bowl_over_weights`` result on ``ax``; returns the artists."""
    _check_drawn(bowl, "bowl", ("ws1", "ws2", "Z", "optimum", "result", "kappa", "rate_fraction"),
                 "bowl_over_weights")
    _check_ax(ax, optional=False)
    check_text(title, "title")
    feature_names = _check_pair_of_text(feature_names, "feature_names")
    Z = bowl.Z
    lo, hi = Z.min(), Z.max()
    lv = lo + (hi - lo) * np.linspace(0, 1, 15)[1:] ** 2
    contours = ax.contour(bowl.ws1, bowl.ws2, Z, levels=lv, cmap=CONTOUR_CMAP, linewidths=1)
    path = bowl.result.path
    rate = "1/L" if np.isclose(bowl.rate_fraction, 0.5) else f"{bowl.rate_fraction:.2g}·(2/L)"
    (line,) = ax.plot(path[:, 0], path[:, 1], color=COLORS["path"], lw=1.3, marker="o", ms=2.5,
                      path_effects=_HALO, label=f"descent, η = {rate}, {bowl.result.n_iter} steps")
    star = ax.scatter(*bowl.optimum, marker="*", s=160, color=COLORS["optimum"], edgecolor="black", zorder=5,
                      label="minimum")
    ax.set_xlim(bowl.ws1[0], bowl.ws1[-1])
    ax.set_ylim(bowl.ws2[0], bowl.ws2[-1])
    if np.isclose(bowl.ws1[-1] - bowl.ws1[0], bowl.ws2[-1] - bowl.ws2[0]):
        ax.set_aspect("equal")
    ax.set_xlabel(f"w₁ (weight of {feature_names[0]})")
    ax.set_ylabel(f"w₂ (weight of {feature_names[1]})")
    kappa = f"{bowl.kappa:,.0f}" if bowl.kappa >= 100 else f"{bowl.kappa:.3g}"
    ax.set_title(f"{title}\nκ(H) = {kappa}")
    ax.xaxis.set_major_formatter(FuncFormatter(_compact))
    ax.yaxis.set_major_formatter(FuncFormatter(_compact))
    ax.legend(loc="lower left", fontsize=8)
    return SimpleNamespace(ax=ax, contours=contours, path_line=line, optimum=star)


def plot_scaling_bowls(X, y, *, fig=None, steps=60, feature_names=("feature 1", "feature 2")):
    """The bowl over (w₁, w₂) for raw features beside the same for standardised ones.

    Both panels run descent from w = 0 for ``steps`` steps at η = 1/L of their
    own Hessian: along the elongated bowl (large κ) each step removes only a
    fraction 1/κ of the error and descent crawls; on the round one it arrives.
    """
    Xc, yc = _centred_two_features(X, y)
    steps = check_int(steps, "steps", minimum=1, maximum=100_000)
    feature_names = _check_pair_of_text(feature_names, "feature_names")
    _check_fig(fig)
    Z = standardize(Xc)[0]
    fig = fig or plt.figure(figsize=(8.3, 4.4), layout="constrained")   # ≤ 830 px wide
    ax1, ax2 = fig.subplots(1, 2)
    raw = draw_weight_bowl(bowl_over_weights(Xc, yc, steps=steps), ax1, title="raw features",
                           feature_names=feature_names)
    scaled = draw_weight_bowl(bowl_over_weights(Z, yc, steps=steps), ax2, title="standardised features",
                              feature_names=tuple(f"{n} (scaled)" for n in feature_names))
    return SimpleNamespace(fig=fig, raw=raw, scaled=scaled)


def plot_gradient_norms(x, y, *, ax=None, n_points=40, units=None):
    """‖∇MSE‖ and ‖∇RMSE‖ against the distance to the minimum, on log-log axes.

    Points move from the minimum along a fixed direction. MSE's gradient
    shrinks in proportion to the distance (slope 1); RMSE's tends to a
    constant on a perfect fit (slope 0), which is why fixed-step descent on
    RMSE cannot settle.
    """
    xs, y = _one_feature(x, y)
    n_points = check_int(n_points, "n_points", minimum=2, maximum=MAX_GRID)
    check_text(units, "units", optional=True)
    _check_ax(ax)
    w_opt, b_opt = fit_closed_form(xs, y)
    direction = np.array([1.0, 1.0]) / np.sqrt(2.0)
    distances = np.logspace(-6, 1, n_points)
    norms = {"mse": [], "rmse": []}
    for t in distances:
        w, b = w_opt[0] + t * direction[0], b_opt + t * direction[1]
        for name in norms:
            gw, gb = LOSSES[name][1](xs, y, [w], b)
            norms[name].append(float(np.hypot(gw[0], gb)))
    ax = _axes(ax, figsize=(5.2, 3.8))
    lines = {
        "mse": ax.loglog(distances, norms["mse"], color=COLORS["mse"], marker="o", ms=3, label="‖∇MSE‖")[0],
        "rmse": ax.loglog(distances, norms["rmse"], color=COLORS["rmse"], ls="--", marker="s", ms=3,
                          label="‖∇RMSE‖")[0],
    }
    ax.minorticks_off()  # log minor ticks cost more than the whole curve to draw
    ax.set_xlabel("distance from the minimum in (w, b)")
    ax.set_ylabel("gradient norm")
    ax.legend(loc="best")
    return SimpleNamespace(ax=ax, lines=lines, distances=distances, norms={k: np.array(v) for k, v in norms.items()})


def plot_learning_rate_scale(X, learning_rate=None, *, ax=None, low=None, high=None, fit_intercept=True):
    """A log learning-rate axis with the regimes shaded and 1/L, 2/L marked.

    Returns
    -------
    SimpleNamespace with ``ax``, ``marker`` (the current η, movable), ``limits`` (1/L, 2/L).
    """
    X = _check_drawable(check_features(X), "X")
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    if learning_rate is not None:
        learning_rate = check_scalar(learning_rate, "learning_rate", positive=True)
    _check_ax(ax)
    two_over_L = stability_limit(X, fit_intercept=fit_intercept)
    if not math.isfinite(two_over_L):
        raise ValueError("X is all zeros (and no intercept): every learning rate is stable, there is no scale to draw")
    one_over_L = two_over_L / 2
    low = one_over_L / 50 if low is None else check_scalar(low, "low", positive=True)
    high = two_over_L * 2 if high is None else check_scalar(high, "high", positive=True)
    if not low < high:
        raise ValueError(f"low must be below high, got low = {low:.3g}, high = {high:.3g}")
    ax = _axes(ax, figsize=(6.0, 1.2))
    ax.axvspan(low, one_over_L, color=COLORS["monotone"], alpha=BAND_ALPHA["monotone"], lw=0)
    ax.axvspan(one_over_L, two_over_L, color=COLORS["oscillating"], alpha=BAND_ALPHA["oscillating"], lw=0,
               hatch="//")
    ax.axvspan(two_over_L, high, color=COLORS["diverging"], alpha=BAND_ALPHA["diverging"], lw=0, hatch="xx")
    for value, text, align in ((one_over_L, "1/L", "right"), (two_over_L, "2/L", "left")):
        ax.axvline(value, color="black", lw=1.2)
        ax.text(value, 1.04, f" {text} = {value:.3g} ", ha=align, va="bottom", fontsize=8,
                transform=ax.get_xaxis_transform())
    for lo_, hi_, text in ((low, one_over_L, "monotone"), (one_over_L, two_over_L, "oscillating"),
                           (two_over_L, high, "diverging")):
        ax.text(np.sqrt(lo_) * np.sqrt(hi_), 0.5, text, ha="center", va="center", fontsize=8,
                transform=ax.get_xaxis_transform())
    (marker,) = ax.plot([], [], marker="v", color="black", ms=10, ls="none", clip_on=False,
                        transform=ax.get_xaxis_transform())
    ax.set_xscale("log")
    ax.set_xlim(low, high)
    ax.set_yticks([])
    ax.spines[["left", "top", "right"]].set_visible(False)
    ax.set_xlabel("learning rate η (log scale)")
    drawn = SimpleNamespace(ax=ax, marker=marker, limits=(one_over_L, two_over_L))
    if learning_rate is not None:
        set_learning_rate_marker(drawn, learning_rate)
    return drawn


def set_learning_rate_marker(drawn, learning_rate):
    """Move the η marker of a ``plot_learning_rate_scale`` axis."""
    _check_drawn(drawn, "drawn", ("ax", "marker", "limits"), "plot_learning_rate_scale")
    learning_rate = check_scalar(learning_rate, "learning_rate", positive=True)
    lo, hi = drawn.ax.get_xlim()
    drawn.marker.set_data([min(max(learning_rate, lo), hi)], [0.8])
