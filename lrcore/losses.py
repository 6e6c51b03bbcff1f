"""Losses, metrics and their gradients for the linear model ŷ = X·w + b.

Conventions (DESIGN.md): the residual is r = ŷ − y, and

* MSE  = (1/n) Σ rᵢ²,  ∇_w MSE = (2/n) Xᵀr,  ∂MSE/∂b = (2/n) Σ rᵢ
* RMSE = √MSE,         ∇RMSE = ∇MSE / (2·RMSE)   (chain rule through √)
* MAE  = (1/n) Σ |rᵢ|, a subgradient (1/n) Xᵀ sign(r), (1/n) Σ sign(rᵢ)

Losses take ``(y_true, y_pred)``; gradients take ``(X, y, w, b)`` and return
the pair ``(dw, db)``.
"""

from __future__ import annotations

import math

import numpy as np

from ._validation import (
    check_choice,
    check_data,
    check_features,
    check_pair,
    check_params,
    check_scalar,
    check_vector,
    exponent,
    in_safe_range,
    is_constant,
    scale_down,
)

__all__ = [
    "predict", "residuals", "sse", "mse", "rmse", "mae", "r2_score",
    "mse_grad", "rmse_grad", "mae_grad", "numerical_grad", "loss_grid", "LOSSES",
]


# --- magnitudes -------------------------------------------------------------
# Inside the safe range (see _validation.SAFE_EXPONENT) everything is computed as written. Outside it,
# the same quantities come from copies scaled by powers of 2 (exact), so that squares neither overflow
# nor underflow; a result that itself exceeds the largest float raises a ValueError naming the data.

def _ldexp(value, e, message):
    """value·2**e as a float, or a ValueError with ``message`` when that overflows."""
    try:
        return math.ldexp(float(value), int(e))
    except OverflowError:
        raise ValueError(message) from None


def _ldexp_array(values, e, message):
    with np.errstate(over="ignore", under="ignore"):
        out = np.ldexp(values, int(e))
    if not np.all(np.isfinite(out)):
        raise ValueError(message)
    return out


def _linear_scaled(X, w, b, y=None):
    """(u, e) with X·w + b (− y) = u·2**e and max|u| in [0.5, 1), computed without overflow."""
    Xs, ex = scale_down(X)
    ws, ew = scale_down(w)
    parts = []
    if np.any(Xs) and np.any(ws):
        parts.append(ex + ew + max(X.shape[1], 1).bit_length())  # |Xs·ws| < d
    if b != 0.0:
        parts.append(exponent(b))
    if y is not None and np.any(y):
        parts.append(exponent(y))
    if not parts:
        return np.zeros(X.shape[0]), 0
    top = max(parts) + 2  # three terms of at most 2**max each
    with np.errstate(under="ignore"):
        total = np.ldexp(Xs @ ws, ex + ew - top) + math.ldexp(b, -top)
        if y is not None:
            total = total - np.ldexp(y, -top)
    u, e = scale_down(total)
    return u, e + top


def _predictions(X, w, b, y=None):
    """X·w + b (− y) without spurious overflow; a ValueError when the result itself overflows."""
    if in_safe_range(X, w, b) and (y is None or in_safe_range(y)):
        out = X @ w + b
        return out if y is None else out - y
    u, e = _linear_scaled(X, w, b, y)
    what = "the predictions X·w + b" if y is None else "the residuals X·w + b − y"
    return _ldexp_array(u, e, f"{what} exceed the largest floating-point number (about 1.8e308): "
                              "X, w or b are too large; rescale X and y (lr.standardize)")


def _scaled_residuals(y_true, y_pred):
    """(u, e) with y_pred − y_true = u·2**e and max|u| in [0.5, 1), computed without overflow."""
    with np.errstate(over="ignore", invalid="ignore"):
        r = y_pred - y_true
    if np.all(np.isfinite(r)):
        return scale_down(r)
    u, e = scale_down(y_pred * 0.5 - y_true * 0.5)
    return u, e + 1


def _safe_residuals(y_true, y_pred):
    """y_pred − y_true when it can be squared and summed as written, else None."""
    if not in_safe_range(y_true, y_pred):
        return None
    r = y_pred - y_true
    return r if in_safe_range(r) else None


def _too_far(what):
    return (f"y_true and y_pred are too far apart for {what}: it exceeds the largest floating-point number "
            "(about 1.8e308); rescale y_true and y_pred")


def predict(X, w, b=0.0):
    """Predictions ŷ = X·w + b, shape (n,)."""
    X = check_features(X)
    w, b = check_params(w, b, X.shape[1])
    return _predictions(X, w, b)


def residuals(X, y, w, b=0.0):
    """Residuals r = ŷ − y (prediction minus truth), shape (n,)."""
    X, y = check_data(X, y)
    w, b = check_params(w, b, X.shape[1])
    return _predictions(X, w, b, y)


def sse(y_true, y_pred):
    """Sum of squared errors Σ (ŷᵢ − yᵢ)², in the target's units squared."""
    y_true, y_pred = check_pair(y_true, y_pred)
    r = _safe_residuals(y_true, y_pred)
    if r is not None:
        return float(r @ r)
    u, e = _scaled_residuals(y_true, y_pred)
    return _ldexp(u @ u, 2 * e, _too_far("the SSE"))


def mse(y_true, y_pred):
    """Mean squared error (1/n) Σ (ŷᵢ − yᵢ)², in the target's units squared."""
    y_true, y_pred = check_pair(y_true, y_pred)
    r = _safe_residuals(y_true, y_pred)
    if r is not None:
        return float(r @ r) / r.size
    u, e = _scaled_residuals(y_true, y_pred)
    return _ldexp(float(u @ u) / u.size, 2 * e, _too_far("the MSE"))


def rmse(y_true, y_pred):
    """Root mean squared error √MSE, in the target's own units."""
    y_true, y_pred = check_pair(y_true, y_pred)
    r = _safe_residuals(y_true, y_pred)
    if r is not None:
        return float(np.sqrt(float(r @ r) / r.size))
    u, e = _scaled_residuals(y_true, y_pred)
    return _ldexp(np.sqrt(float(u @ u) / u.size), e, _too_far("the RMSE"))


def mae(y_true, y_pred):
    """Mean absolute error (1/n) Σ |ŷᵢ − yᵢ|, in the target's own units."""
    y_true, y_pred = check_pair(y_true, y_pred)
    r = _safe_residuals(y_true, y_pred)
    if r is not None:
        return float(np.mean(np.abs(r)))
    u, e = _scaled_residuals(y_true, y_pred)
    return _ldexp(np.mean(np.abs(u)), e, _too_far("the MAE"))


def r2_score(y_true, y_pred):
    """Coefficient of determination R² = 1 − SSE / Σ (yᵢ − ȳ)².

    1 is a perfect fit, 0 is no better than predicting the mean, and it can be
    negative. Needs at least 2 samples; a constant ``y_true`` (spread at
    rounding level) gives 1.0 for a perfect prediction and 0.0 otherwise.
    """
    y_true, y_pred = check_pair(y_true, y_pred, min_samples=2)
    if in_safe_range(y_true, y_pred):
        ss_res = float(np.sum((y_true - y_pred) ** 2))
        ss_tot = float(np.sum((y_true - y_true.mean()) ** 2))
        scale = 0
    else:  # the two sums of squares in their own power-of-2 units: SSE = ss_res·4**e_res, likewise SST
        t, e_tot = scale_down(y_true)
        u, e_res = _scaled_residuals(y_true, y_pred)
        ss_res, ss_tot = float(np.sum(u ** 2)), float(np.sum((t - t.mean()) ** 2))
        scale = 2 * (e_res - e_tot)
    if ss_tot == 0.0 or is_constant(y_true):
        return 1.0 if ss_res == 0.0 else 0.0
    ratio = _ldexp(ss_res / ss_tot, scale, "y_pred is so far from y_true that R² = 1 − SSE/SST is below the "
                                           "most negative floating-point number")
    return 1.0 - ratio


def _gradient(loss, X, y, w, b):
    """(dw, db) of a loss at (w, b), checked, and safe from overflow in the squares."""
    X, y = check_data(X, y)
    w, b = check_params(w, b, X.shape[1])
    if in_safe_range(X, y, w, b):
        return loss_and_grad_from_residuals(loss, X, X @ w + b - y)[1:]
    # r = u·2**e and X = Xs·2**ex: the gradient formulas in those units, then scaled back
    u, e = _linear_scaled(X, w, b, y)
    Xs, ex = scale_down(X)
    n = u.size
    if loss == "mse":
        dw, db, shift = (2.0 / n) * (Xs.T @ u), 2.0 * float(u.sum()) / n, e
    elif loss == "rmse":
        norm = float(np.sqrt(u @ u / n))
        if norm == 0.0:
            return np.zeros(X.shape[1]), 0.0
        dw, db, shift = (Xs.T @ u) / (n * norm), float(u.sum()) / (n * norm), 0
    else:
        s = np.sign(u)
        dw, db, shift = (Xs.T @ s) / n, float(s.sum()) / n, 0
    message = (f"the {loss.upper()} gradient exceeds the largest floating-point number: X (up to "
               f"{np.max(np.abs(X)):.3g}) and the residuals X·w + b − y are too large; rescale X and y (lr.standardize)")
    return _ldexp_array(dw, ex + shift, message), _ldexp(db, shift, message)


def loss_and_grad_from_residuals(loss, X, r):
    """The loss and its gradient (dw, db) from the residuals r = X·w + b − y (no argument checks).

    The one place the gradient formulas live; ``mse_grad``, ``rmse_grad``,
    ``mae_grad`` and ``gradient_descent``'s inner loop all call it.
    """
    n = r.size
    if loss == "mse":
        return float(r @ r) / n, (2.0 / n) * (X.T @ r), 2.0 * float(r.sum()) / n
    if loss == "rmse":
        value = float(np.sqrt(r @ r / n))
        if value == 0.0 or not np.isfinite(value):  # √ has no derivative at 0; 0 is a subgradient there
            return value, np.zeros(X.shape[1]), 0.0
        scale = 1.0 / (n * value)  # (2/n) / (2·RMSE)
        return value, scale * (X.T @ r), scale * float(r.sum())
    s = np.sign(r)  # MAE: a subgradient, sign(0) = 0
    return float(np.abs(r).sum()) / n, (X.T @ s) / n, float(s.sum()) / n


def mse_grad(X, y, w, b=0.0):
    """Gradient of MSE: ((2/n) Xᵀr, (2/n) Σ r) with r = X·w + b − y."""
    return _gradient("mse", X, y, w, b)


def rmse_grad(X, y, w, b=0.0):
    """Gradient of RMSE: ∇MSE / (2·RMSE).

    Where RMSE = 0 (a perfect fit) √ has no derivative; the zero vector, which
    is a subgradient there (RMSE is minimal), is returned.
    """
    return _gradient("rmse", X, y, w, b)


def mae_grad(X, y, w, b=0.0):
    """A subgradient of MAE: ((1/n) Xᵀ sign(r), (1/n) Σ sign(r)), with sign(0) = 0."""
    return _gradient("mae", X, y, w, b)


#: Name → (loss, gradient) for the losses descent can minimise.
LOSSES = {"mse": (mse, mse_grad), "rmse": (rmse, rmse_grad), "mae": (mae, mae_grad)}


#: The smallest relative step ``numerical_grad`` accepts: below a few machine epsilons θ ± h·θ rounds to θ
#: (or differs from it only in the last bits), and the difference quotient is rounding noise or 0/0.
MIN_STEP = 4 * np.finfo(float).eps


def numerical_grad(loss, X, y, w, b=0.0, *, h=1e-6):
    """Central-difference gradient of ``loss(y, X·w + b)`` in (w, b).

    Each parameter θⱼ is nudged by ±h·max(1, |θⱼ|) and the slope
    (L(θ + hⱼ) − L(θ − hⱼ)) / (2hⱼ) is taken: error O(h²) for smooth losses.

    Parameters
    ----------
    loss : callable or str
        A loss taking ``(y_true, y_pred)``, e.g. ``mse``, or its name.
    X, y : array-like
        Data, (n, d) and (n,).
    w, b : parameters at which to differentiate.
    h : float
        Relative step, at least ``MIN_STEP`` (4 machine epsilons, about 8.9e-16):
        a smaller one is rejected with a ValueError, not clamped.

    Returns
    -------
    dw : ndarray of shape (d,)
    db : float
    """
    if isinstance(loss, str):
        loss = LOSSES[check_choice(loss, "loss", tuple(LOSSES))][0]
    if not callable(loss):
        raise TypeError(f"loss must be a callable loss(y_true, y_pred) or a name, got {type(loss).__name__}")
    X, y = check_data(X, y)
    w, b = check_params(w, b, X.shape[1])
    h = check_scalar(h, "h", positive=True)
    if h < MIN_STEP:
        raise ValueError(f"h must be at least {MIN_STEP:.2g} (4 machine epsilons), got {h:.3g}: a smaller relative "
                         "step is lost to rounding and the difference quotient means nothing")
    theta = np.append(w, b)
    grad = np.empty_like(theta)
    for j in range(theta.size):
        step = h * max(1.0, abs(theta[j]))
        up, down = theta.copy(), theta.copy()
        up[j] += step
        down[j] -= step
        if not (math.isfinite(up[j]) and math.isfinite(down[j])):
            raise ValueError(f"h = {h:.3g} is too large: θ ± h·max(1, |θ|) overflows for parameter {j}")
        f_up, f_down = _loss_at(loss, X, y, up, h), _loss_at(loss, X, y, down, h)
        with np.errstate(over="ignore", invalid="ignore"):
            grad[j] = (f_up - f_down) / (up[j] - down[j])
        if not math.isfinite(grad[j]):
            raise ValueError(f"the difference quotient of loss overflows for parameter {j} (h = {h:.3g}); "
                             "rescale X and y (lr.standardize) or use a larger h")
    return grad[:-1], float(grad[-1])


def _loss_at(loss, X, y, theta, h):
    """loss(y, X·w + b) at θ = (w, b) as a finite float; errors say which argument of numerical_grad to change."""
    try:
        value = loss(y, _predictions(X, theta[:-1], float(theta[-1])))
    except (ValueError, OverflowError) as exc:
        raise ValueError(f"loss cannot be evaluated at θ ± h·max(1, |θ|) (h = {h:.3g}): {exc}") from None
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise TypeError(f"loss must return a single number, got {type(value).__name__}") from None
    if not math.isfinite(value):
        raise ValueError(f"loss returned {value} at θ ± h·max(1, |θ|) (h = {h:.3g}); it must be finite")
    return value


def loss_grid(x, y, w_values, b_values, loss="mse"):
    """A loss of the one-feature model ŷ = w·x + b over a grid of (w, b).

    MSE, SSE and RMSE come from the data's centred sufficient statistics
    (x̄, ȳ, Σu², Σuv, Σv² with u = x − x̄, v = y − ȳ):

        MSE(w, b) = (w²·Σu² − 2w·Σuv + Σv²)/n + (w·x̄ + b − ȳ)²

    which costs O(grid) instead of O(grid · n) and does not lose digits to
    cancellation. MAE has no such statistics and is computed point by point.
    Very large or very small data (beyond about 1e±60) are first scaled by
    powers of 2, so that the squares neither overflow nor underflow.

    Parameters
    ----------
    x, y : array-like of shape (n,)
    w_values, b_values : array-like, 1-D
        Grid axes.
    loss : {"mse", "sse", "rmse", "mae", "half_mse"}

    Returns
    -------
    ndarray of shape (len(b_values), len(w_values))
        ``Z[i, j]`` is the loss at w = w_values[j], b = b_values[i], the layout
        of ``np.meshgrid(w_values, b_values)``.
    """
    X, y = check_data(x, y, names=("x", "y"))
    if X.shape[1] != 1:
        raise ValueError(f"x must be a single feature for a (w, b) grid, got {X.shape[1]} columns")
    loss = check_choice(loss, "loss", ("mse", "sse", "rmse", "mae", "half_mse"))
    xs = X[:, 0]
    W = check_vector(w_values, "w_values")
    B = check_vector(b_values, "b_values")
    if in_safe_range(xs, y, W, B):
        return _finish_grid(_grid_in_units(xs, y, W, B, loss), loss, xs.size, 0)
    # W·x + B − y = (W'·x' + B' − y')·2**top with every primed term at most 1/4
    x1, ex = scale_down(xs)
    tops = [exponent(a) for a in (B, y) if np.any(a)]
    if np.any(x1) and np.any(W):
        tops.append(ex + exponent(W))
    top = (max(tops) if tops else 0) + 2
    with np.errstate(under="ignore"):
        W1 = np.ldexp(W, ex - top) if np.any(x1) else np.zeros_like(W)
        B1, y1 = np.ldexp(B, -top), np.ldexp(y, -top)
    return _finish_grid(_grid_in_units(x1, y1, W1, B1, loss), loss, xs.size, top)


def _grid_in_units(xs, y, W, B, loss):
    """The MSE (or MAE) grid of ŷ = W·x + B computed as written (no scaling)."""
    W, B = W[None, :], B[:, None]
    if loss == "mae":
        out = np.empty((B.shape[0], W.shape[1]))
        for i, b in enumerate(B[:, 0]):
            out[i] = np.abs(W[0][:, None] * xs[None, :] + b - y[None, :]).mean(axis=1)
        return out
    n = xs.size
    x_bar, y_bar = xs.mean(), y.mean()
    u, v = xs - x_bar, y - y_bar
    suu, suv, svv = u @ u, u @ v, v @ v
    grid = (W * W * suu - 2.0 * W * suv + svv) / n + (W * x_bar + B - y_bar) ** 2
    return np.maximum(grid, 0.0)


def _finish_grid(grid, loss, n, top):
    """The named loss from the MSE (or MAE) grid computed in units of 2**top."""
    if top == 0:
        if loss == "sse":
            return grid * n
        if loss == "half_mse":
            return grid / 2.0
        if loss == "rmse":
            return np.sqrt(grid)
        return grid
    message = (f"the {loss.upper()} over this grid exceeds the largest floating-point number: x, y, w_values or "
               "b_values are too large; rescale x and y (lr.standardize) or narrow the grid")
    if loss == "mae":
        return _ldexp_array(grid, top, message)
    if loss == "rmse":
        return _ldexp_array(np.sqrt(grid), top, message)
    factor = {"sse": float(n), "half_mse": 0.5}.get(loss, 1.0)
    return _ldexp_array(grid * factor, 2 * top, message)
