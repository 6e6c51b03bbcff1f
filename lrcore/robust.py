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
