"""The MAE-optimal line (least absolute deviations), for the outlier lesson.

MAE has no closed form; this is iteratively reweighted least squares: the
weighted squares Σ rᵢ²/|rᵢ| equal Σ |rᵢ|, so each round solves a weighted
least-squares problem with weights 1/max(|rᵢ|, δ) from the previous round.
"""

from __future__ import annotations

import numpy as np

from ._validation import check_data, check_int, check_scalar
from .closed_form import fit_closed_form

__all__ = ["fit_mae"]


def fit_mae(X, y, *, max_iter=200, tol=1e-10, delta=1e-9):
    """(w, b) minimising the mean absolute error, by IRLS.

    Parameters
    ----------
    X : array-like of shape (n, d) or (n,)
    y : array-like of shape (n,)
    max_iter : int
        Most reweighting rounds.
    tol : float
        Stop when the MAE changes by less than ``tol``·MAE between rounds.
    delta : float
        Floor on |rᵢ| (relative to the spread of y) so that points on the line
        do not get infinite weight.

    Returns
    -------
    w : ndarray of shape (d,)
    b : float
    """
    X, y = check_data(X, y, min_samples=2)
    max_iter = check_int(max_iter, "max_iter", minimum=1)
    tol = check_scalar(tol, "tol", positive=True)
    # The MAE line scales with the data: fit on columns and y scaled by powers of 2 (exact), so that
    # values near 1e±300 neither overflow nor underflow, then scale the answer back.
    sx, sy = _power_of_two_scale(X), float(_power_of_two_scale(y[:, None])[0])
    w, b = _fit_mae_scaled(X / sx, y / sy, max_iter, tol, delta)
    return w * (sy / sx), b * sy


def _power_of_two_scale(A):
    """Per column, a power of 2 that brings the largest |value| into [1, 2) (1 for a zero column)."""
    _, exponent = np.frexp(np.max(np.abs(A), axis=0))      # peak = m·2^e with m in [0.5, 1)
    return np.where(exponent != 0, np.ldexp(1.0, exponent - 1), 1.0)


def _fit_mae_scaled(X, y, max_iter, tol, delta):
    """IRLS on data whose columns and y are of order 1."""
    delta = check_scalar(delta, "delta", positive=True) * (np.ptp(y) or 1.0)
    w, b = fit_closed_form(X, y)
    best = (np.mean(np.abs(X @ w + b - y)), w, b)
    for _ in range(max_iter):
        r = X @ w + b - y
        sw = np.sqrt(1.0 / np.maximum(np.abs(r), delta))
        A = np.hstack([X, np.ones((len(y), 1))]) * sw[:, None]
        theta = np.linalg.lstsq(A, y * sw, rcond=None)[0]
        w, b = theta[:-1], float(theta[-1])
        value = float(np.mean(np.abs(X @ w + b - y)))
        improved = best[0] - value
        if value < best[0]:
            best = (value, w, b)
        if abs(improved) <= tol * max(value, 1e-300):
            break
    return best[1].copy(), float(best[2])
