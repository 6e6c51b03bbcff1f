"""Gradient descent with the stopping rules the course teaches, and its theory.

For MSE the Hessian is constant, H = (2/n)·X̃ᵀX̃ with X̃ = [X, 1]. Along an
eigenvector with eigenvalue λ one step multiplies the error by (1 − ηλ), so with
L the largest eigenvalue:

* η ≤ 1/L: every factor lies in [0, 1): the parameters approach the minimum
  without overshooting ("monotone");
* 1/L < η < 2/L: the steepest direction's factor lies in (−1, 0): the
  parameters overshoot and zig-zag, yet still converge ("oscillating");
* η ≥ 2/L: |1 − ηL| ≥ 1: the error along that direction never shrinks and
  above 2/L grows each step ("diverging").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validation import (
    check_bool,
    check_choice,
    check_data,
    check_features,
    check_int,
    check_params,
    check_scalar,
    with_ones,
)
from .losses import loss_and_grad_from_residuals

__all__ = ["DescentResult", "gradient_descent", "hessian", "stability_limit", "learning_rate_regime", "STOP_REASONS"]

STOP_REASONS = ("loss_tol", "grad_tol", "early_stopping", "max_iter", "diverged")

# A loss this many times the starting loss (or non-finite) counts as divergence.
_EXPLOSION_FACTOR = 1e8


@dataclass(frozen=True)
class DescentResult:
    """What a run of gradient descent did.

    Attributes
    ----------
    w : ndarray of shape (d,)
        Weights at the last step.
    b : float
        Intercept at the last step.
    path : ndarray of shape (n_iter + 1, d + 1)
        Parameters at every step, start included; the last column is b.
    losses : ndarray of shape (n_iter + 1,)
        Training loss at every point of ``path``.
    grad_norms : ndarray of shape (n_iter + 1,)
        Euclidean norm of the gradient in (w, b) at every point of ``path``.
    n_iter : int
        Number of steps taken.
    stop_reason : str
        One of ``STOP_REASONS``.
    learning_rate : float
    loss : str
    message : str
        One sentence for a learner: what happened and why it stopped.
    val_losses : ndarray or None
        Validation loss at every point of ``path`` when validation data was given.
    """

    w: np.ndarray
    b: float
    path: np.ndarray
    losses: np.ndarray
    grad_norms: np.ndarray
    n_iter: int
    stop_reason: str
    learning_rate: float
    loss: str
    message: str
    val_losses: np.ndarray | None = None

    @property
    def converged(self):
        """True when a tolerance rule (loss or gradient) stopped the run."""
        return self.stop_reason in ("loss_tol", "grad_tol")

    @property
    def diverged(self):
        """True when the loss became non-finite or exploded."""
        return self.stop_reason == "diverged"


def hessian(X, *, fit_intercept=True):
    """Hessian of MSE in (w, b): H = (2/n)·X̃ᵀX̃, shape (d+1, d+1) (or (d, d) without intercept).

    Raises ValueError when the features are so large that H overflows
    (standardise them first).
    """
    X = check_features(X)
    A = with_ones(X) if check_bool(fit_intercept, "fit_intercept") else X
    with np.errstate(over="ignore", invalid="ignore"):
        H = (2.0 / A.shape[0]) * (A.T @ A)
    if not np.all(np.isfinite(H)):
        raise ValueError("X is too large in magnitude: its Hessian overflows double precision; "
                         "standardise the features first (lr.standardize)")
    return H


def stability_limit(X, *, fit_intercept=True):
    """2/L, the largest learning rate for which descent on MSE converges.

    L is the largest eigenvalue of the MSE Hessian (2/n)·X̃ᵀX̃. Returns ``inf``
    when the Hessian is zero (all features and the intercept absent).
    """
    L = float(np.linalg.eigvalsh(hessian(X, fit_intercept=fit_intercept))[-1])
    return 2.0 / L if L > 0 else float("inf")


def learning_rate_regime(X, learning_rate, *, fit_intercept=True):
    """Name what fixed-step descent on MSE does with this learning rate.

    Returns ``"monotone"`` for η ≤ 1/L, ``"oscillating"`` for 1/L < η < 2/L and
    ``"diverging"`` for η ≥ 2/L (at exactly 2/L it does not converge either).
    """
    lr = check_scalar(learning_rate, "learning_rate", positive=True)
    limit = stability_limit(X, fit_intercept=fit_intercept)
    if lr <= limit / 2:
        return "monotone"
    if lr < limit:
        return "oscillating"
    return "diverging"


def _loss_and_grad(loss, X, y, w, b, r):
    """Loss and gradient at (w, b), writing residuals into the buffer ``r`` (no allocation for them)."""
    np.matmul(X, w, out=r)
    r += b
    r -= y
    return loss_and_grad_from_residuals(loss, X, r)


def gradient_descent(
    X, y, learning_rate, *, w0=None, b0=0.0, loss="mse", max_iter=1000,
    tol=1e-10, grad_tol=1e-8, patience=None, validation=None, fit_intercept=True,
):
    """Minimise a loss of ŷ = X·w + b by fixed-step gradient descent.

    Each step is θ ← θ − η·∇L(θ) with θ = (w, b). The rules checked at every
    point, in this order: the loss is non-finite or more than 1e8 times the
    starting loss (``"diverged"``); ‖∇L‖ ≤ ``grad_tol`` (``"grad_tol"``);
    |ΔL| ≤ ``tol``·L_prev, the loss stopped moving (``"loss_tol"``); the monitored
    loss has not improved for ``patience`` steps (``"early_stopping"``);
    ``max_iter`` steps taken (``"max_iter"``).

    Parameters
    ----------
    X : array-like of shape (n, d) or (n,)
    y : array-like of shape (n,)
    learning_rate : float
        Step size η > 0.
    w0 : array-like of shape (d,), optional
        Starting weights (zeros by default).
    b0 : float
        Starting intercept.
    loss : {"mse", "rmse", "mae"}
    max_iter : int
        Most steps to take, at least 1.
    tol : float or None
        Relative change of the loss below which the run stops (None: off).
    grad_tol : float or None
        Gradient norm below which the run stops (None: off).
    patience : int or None
        Early stopping: steps without improvement of the monitored loss (the
        validation loss if ``validation`` is given, else the training loss).
        The result holds the last parameters, ``patience`` steps past the best
        one; the best step is ``argmin`` of ``val_losses`` (or ``losses``).
    validation : tuple (X_val, y_val), optional
        Held-out data whose loss is recorded at every step and monitored by
        ``patience``.
    fit_intercept : bool
        If False, b stays at 0.

    Returns
    -------
    DescentResult
    """
    X, y = check_data(X, y)
    n, d = X.shape
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    lr = check_scalar(learning_rate, "learning_rate", positive=True)
    loss = check_choice(loss, "loss", ("mse", "rmse", "mae"))
    max_iter = check_int(max_iter, "max_iter", minimum=1)
    if tol is not None:
        tol = check_scalar(tol, "tol")
        if tol < 0:
            raise ValueError(f"tol must be 0 or more (or None), got {tol}")
    if grad_tol is not None:
        grad_tol = check_scalar(grad_tol, "grad_tol")
        if grad_tol < 0:
            raise ValueError(f"grad_tol must be 0 or more (or None), got {grad_tol}")
    if patience is not None:
        patience = check_int(patience, "patience", minimum=1)
    w, b = check_params(np.zeros(d) if w0 is None else w0, b0, d, names=("w0", "b0"))
    w = w.copy()
    if not fit_intercept:
        b = 0.0
    X_val = y_val = None
    if validation is not None:
        if not isinstance(validation, (tuple, list)) or len(validation) != 2:
            raise TypeError("validation must be a pair (X_val, y_val)")
        X_val, y_val = check_data(*validation, names=("validation X_val", "validation y_val"))
        if X_val.shape[1] != d:
            raise ValueError(f"validation X_val must have {d} feature(s) like X, got {X_val.shape[1]}")

    path = np.empty((max_iter + 1, d + 1))
    losses = np.empty(max_iter + 1)
    grad_norms = np.empty(max_iter + 1)
    val_losses = np.empty(max_iter + 1) if X_val is not None else None
    r = np.empty(n)
    r_val = np.empty(X_val.shape[0]) if X_val is not None else None
    best, since_best = np.inf, 0
    stop = "max_iter"
    # "Exploding" is judged against the larger of the starting loss and the loss of the all-zero model, so a
    # start right at the minimum (loss ≈ 0) does not make an ordinary first step look like divergence.
    with np.errstate(over="ignore", invalid="ignore"):
        zero_loss = {"mse": float(y @ y) / n, "rmse": float(np.sqrt(y @ y / n)), "mae": float(np.abs(y).mean())}[loss]
    explosion = None
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for k in range(max_iter + 1):
            value, gw, gb = _loss_and_grad(loss, X, y, w, b, r)
            if not fit_intercept:
                gb = 0.0
            path[k, :d], path[k, d] = w, b
            losses[k] = value
            gnorm = float(np.sqrt(gw @ gw + gb * gb))
            grad_norms[k] = gnorm
            monitored = value
            if val_losses is not None:
                val_losses[k] = monitored = _loss_and_grad(loss, X_val, y_val, w, b, r_val)[0]
            if explosion is None:
                explosion = _EXPLOSION_FACTOR * max(value, zero_loss if np.isfinite(zero_loss) else 0.0, 1e-300)
            if not np.isfinite(value) or not np.isfinite(gnorm) or value > explosion:
                stop = "diverged"
                break
            if grad_tol is not None and gnorm <= grad_tol:
                stop = "grad_tol"
                break
            if k > 0 and tol is not None and abs(losses[k - 1] - value) <= tol * abs(losses[k - 1]):
                stop = "loss_tol"
                break
            if patience is not None:
                if monitored < best:
                    best, since_best = monitored, 0
                else:
                    since_best += 1
                    if since_best >= patience:
                        stop = "early_stopping"
                        break
            if k == max_iter:
                break
            w -= lr * gw
            b -= lr * gb
    steps = k
    message = _describe(stop, steps, lr, loss, X, fit_intercept)
    return DescentResult(
        w=path[steps, :d].copy(), b=float(path[steps, d]), path=path[: steps + 1].copy(),
        losses=losses[: steps + 1].copy(), grad_norms=grad_norms[: steps + 1].copy(), n_iter=steps,
        stop_reason=stop, learning_rate=lr, loss=loss, message=message,
        val_losses=None if val_losses is None else val_losses[: steps + 1].copy(),
    )


def _describe(stop, steps, lr, loss, X, fit_intercept):
    plural = "" if steps == 1 else "s"
    if stop == "diverged":
        if steps == 0:
            return "diverged at step 0: the loss overflows before the first step; rescale X and y (lr.standardize)"
        text = f"diverged at step {steps}: the loss blew up"
        if loss == "mse":
            try:
                limit = stability_limit(X, fit_intercept=fit_intercept)
            except ValueError:
                return text + "; the data are too large in magnitude: rescale X and y (lr.standardize)"
            if lr >= limit:
                text += f"; η = {lr:.3g} {'>' if lr > limit else '≥'} 2/L = {limit:.3g}"
        return text
    if stop == "grad_tol":
        return f"converged in {steps} step{plural}: the gradient is (almost) zero"
    if stop == "loss_tol":
        return f"converged in {steps} step{plural}: the loss stopped changing"
    if stop == "early_stopping":
        return f"stopped early after {steps} step{plural}: no improvement for the patience window"
    return f"stopped after max_iter = {steps} step{plural} without meeting a tolerance"
