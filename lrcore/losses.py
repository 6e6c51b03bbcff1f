"""Losses, metrics and their gradients for the linear model ŷ = X·w + b.

Conventions (DESIGN.md): the residual is r = ŷ − y, and

* MSE  = (1/n) Σ rᵢ²,  ∇_w MSE = (2/n) Xᵀr,  ∂MSE/∂b = (2/n) Σ rᵢ
* RMSE = √MSE,         ∇RMSE = ∇MSE / (2·RMSE)   (chain rule through √)
* MAE  = (1/n) Σ |rᵢ|, a subgradient (1/n) Xᵀ sign(r), (1/n) Σ sign(rᵢ)

Losses take ``(y_true, y_pred)``; gradients take ``(X, y, w, b)`` and return
the pair ``(dw, db)``.
"""

from __future__ import annotations

import numpy as np

from ._validation import (
    check_choice,
    check_data,
    check_features,
    check_pair,
    check_params,
    check_scalar,
    check_vector,
    is_constant,
)

__all__ = [
    "predict", "residuals", "sse", "mse", "rmse", "mae", "r2_score",
    "mse_grad", "rmse_grad", "mae_grad", "numerical_grad", "loss_grid", "LOSSES",
]


def predict(X, w, b=0.0):
    """Predictions ŷ = X·w + b, shape (n,)."""
    X = check_features(X)
    w, b = check_params(w, b, X.shape[1])
    return X @ w + b


def residuals(X, y, w, b=0.0):
    """Residuals r = ŷ − y (prediction minus truth), shape (n,)."""
    X, y = check_data(X, y)
    w, b = check_params(w, b, X.shape[1])
    return X @ w + b - y


def sse(y_true, y_pred):
    """Sum of squared errors Σ (ŷᵢ − yᵢ)², in the target's units squared."""
    y_true, y_pred = check_pair(y_true, y_pred)
    r = y_pred - y_true
    return float(r @ r)


def mse(y_true, y_pred):
    """Mean squared error (1/n) Σ (ŷᵢ − yᵢ)², in the target's units squared."""
    y_true, y_pred = check_pair(y_true, y_pred)
    r = y_pred - y_true
    return float(r @ r) / r.size


def rmse(y_true, y_pred):
    """Root mean squared error √MSE, in the target's own units."""
    return float(np.sqrt(mse(y_true, y_pred)))


def mae(y_true, y_pred):
    """Mean absolute error (1/n) Σ |ŷᵢ − yᵢ|, in the target's own units."""
    y_true, y_pred = check_pair(y_true, y_pred)
    return float(np.mean(np.abs(y_pred - y_true)))


def r2_score(y_true, y_pred):
    """Coefficient of determination R² = 1 − SSE / Σ (yᵢ − ȳ)².

    1 is a perfect fit, 0 is no better than predicting the mean, and it can be
    negative. Needs at least 2 samples; a constant ``y_true`` (spread at
    rounding level) gives 1.0 for a perfect prediction and 0.0 otherwise.
    """
    y_true, y_pred = check_pair(y_true, y_pred, min_samples=2)
    ss_res = float(np.sum((y_true - y_pred) ** 2))
    ss_tot = float(np.sum((y_true - y_true.mean()) ** 2))
    if ss_tot == 0.0 or is_constant(y_true):
        return 1.0 if ss_res == 0.0 else 0.0
    return 1.0 - ss_res / ss_tot


def _residual_parts(X, y, w, b):
    X, y = check_data(X, y)
    w, b = check_params(w, b, X.shape[1])
    return X, X @ w + b - y


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
    return loss_and_grad_from_residuals("mse", *_residual_parts(X, y, w, b))[1:]


def rmse_grad(X, y, w, b=0.0):
    """Gradient of RMSE: ∇MSE / (2·RMSE).

    Where RMSE = 0 (a perfect fit) √ has no derivative; the zero vector, which
    is a subgradient there (RMSE is minimal), is returned.
    """
    return loss_and_grad_from_residuals("rmse", *_residual_parts(X, y, w, b))[1:]


def mae_grad(X, y, w, b=0.0):
    """A subgradient of MAE: ((1/n) Xᵀ sign(r), (1/n) Σ sign(r)), with sign(0) = 0."""
    return loss_and_grad_from_residuals("mae", *_residual_parts(X, y, w, b))[1:]


#: Name → (loss, gradient) for the losses descent can minimise.
LOSSES = {"mse": (mse, mse_grad), "rmse": (rmse, rmse_grad), "mae": (mae, mae_grad)}


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
        Relative step, > 0.

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
    theta = np.append(w, b)
    grad = np.empty_like(theta)
    for j in range(theta.size):
        step = h * max(1.0, abs(theta[j]))
        up, down = theta.copy(), theta.copy()
        up[j] += step
        down[j] -= step
        f_up = loss(y, X @ up[:-1] + up[-1])
        f_down = loss(y, X @ down[:-1] + down[-1])
        grad[j] = (f_up - f_down) / (up[j] - down[j])
    return grad[:-1], float(grad[-1])


def loss_grid(x, y, w_values, b_values, loss="mse"):
    """A loss of the one-feature model ŷ = w·x + b over a grid of (w, b).

    MSE, SSE and RMSE come from the data's centred sufficient statistics
    (x̄, ȳ, Σu², Σuv, Σv² with u = x − x̄, v = y − ȳ):

        MSE(w, b) = (w²·Σu² − 2w·Σuv + Σv²)/n + (w·x̄ + b − ȳ)²

    which costs O(grid) instead of O(grid · n) and does not lose digits to
    cancellation. MAE has no such statistics and is computed point by point.

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
    X, y = check_data(x, y)
    if X.shape[1] != 1:
        raise ValueError(f"x must be a single feature for a (w, b) grid, got {X.shape[1]} columns")
    loss = check_choice(loss, "loss", ("mse", "sse", "rmse", "mae", "half_mse"))
    xs = X[:, 0]
    W = check_vector(w_values, "w_values")[None, :]
    B = check_vector(b_values, "b_values")[:, None]
    n = xs.size
    if loss == "mae":
        out = np.empty((B.shape[0], W.shape[1]))
        for i, b in enumerate(B[:, 0]):
            out[i] = np.abs(W[0][:, None] * xs[None, :] + b - y[None, :]).mean(axis=1)
        return out
    x_bar, y_bar = xs.mean(), y.mean()
    u, v = xs - x_bar, y - y_bar
    suu, suv, svv = u @ u, u @ v, v @ v
    grid = (W * W * suu - 2.0 * W * suv + svv) / n + (W * x_bar + B - y_bar) ** 2
    grid = np.maximum(grid, 0.0)
    if loss == "sse":
        return grid * n
    if loss == "half_mse":
        return grid / 2.0
    if loss == "rmse":
        return np.sqrt(grid)
    return grid
