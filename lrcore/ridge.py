"""Ridge regression: least squares with a penalty α‖w‖² on the weights (never on the intercept).

The convention is scikit-learn's (``sklearn.linear_model.Ridge``): minimise

    ‖y − X·w − b‖² + α‖w‖²,

so ``alpha`` means the same number there and here. Dividing by n gives the
course's MSE scale, (1/n)(SSE + α‖w‖²), with the same minimiser.

The intercept decouples after centring: with X_c = X − x̄ and y_c = y − ȳ, the
weights solve (X_cᵀX_c + αI)·w = X_cᵀy_c and b = ȳ − x̄ᵀw. Every eigenvalue
λ of X_cᵀX_c becomes λ + α, so the system is never singular for α > 0.
Methods: the normal equations as written (``"normal"``), the SVD of X_c
(w = V·diag(s/(s² + α))·Uᵀy_c, ``"svd"``), least squares on the augmented rows
[X_c; √α·I], [y_c; 0] by QR (``"qr"``) or by gradient descent (``"descent"``).
"""

from __future__ import annotations

import warnings

import numpy as np

from ._validation import (
    check_bool,
    check_choice,
    check_data,
    check_int,
    check_scalar,
    check_vector,
    in_safe_range,
    scale_down,
)
from .descent import gradient_descent, stability_limit

__all__ = ["fit_ridge", "ridge_path", "RIDGE_METHODS", "RidgeConvergenceWarning"]

RIDGE_METHODS = ("auto", "normal", "svd", "qr", "descent")
_EPS = np.finfo(float).eps


class RidgeConvergenceWarning(UserWarning):
    """Gradient descent on the ridge problem stopped before its tolerance was met."""


def _check_alpha(alpha, name="alpha"):
    alpha = check_scalar(alpha, name)
    if alpha < 0:
        raise ValueError(f"{name} must be 0 or more, got {alpha}")
    return alpha


def _centre(X, y, fit_intercept):
    if not fit_intercept:
        return X, y, np.zeros(X.shape[1]), 0.0
    x_bar, y_bar = X.mean(axis=0), float(y.mean())
    return X - x_bar, y - y_bar, x_bar, y_bar


def _svd_weights(U, s, Vt, yc, alpha):
    """w = V·diag(s/(s² + α))·Uᵀy_c; at α = 0 singular values at rounding level count as 0 (minimum norm)."""
    factor = np.zeros_like(s)
    if alpha > 0:
        factor = s / (s * s + alpha)
    else:
        keep = s > max(U.shape[0], Vt.shape[1]) * _EPS * (s[0] if s.size else 0.0)
        factor[keep] = 1.0 / s[keep]
    return Vt.T @ (factor * (U.T @ yc))


def _fit_svd(Xc, yc, alpha):
    U, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    return _svd_weights(U, s, Vt, yc, alpha), {"method": "svd"}


def _fit_normal(Xc, yc, alpha):
    """(X_cᵀX_c + αI)w = X_cᵀy_c, solved with the rows and columns scaled to unit diagonal (same solution)."""
    d = Xc.shape[1]
    G = Xc.T @ Xc
    G[np.diag_indices(d)] += alpha
    rhs = Xc.T @ yc
    scale = np.sqrt(np.diag(G))
    scale = np.where(scale > 0, scale, 1.0)
    Gs = G / np.outer(scale, scale)
    eig = np.linalg.eigvalsh(Gs)
    if eig[0] <= d * _EPS * eig[-1]:  # numerically singular (α = 0 and collinear columns): minimum norm by SVD
        w, info = _fit_svd(Xc, yc, alpha)
        info["note"] = "X_cᵀX_c + αI is numerically singular: minimum-norm solution from the SVD instead"
        return w, info
    w = np.linalg.solve(Gs, rhs / scale) / scale
    return w, {"method": "normal", "condition_number": float(eig[-1] / eig[0])}


def _augmented(Xc, yc, alpha):
    d = Xc.shape[1]
    A = np.vstack([Xc, np.sqrt(alpha) * np.eye(d)])
    return A, np.concatenate([yc, np.zeros(d)])


def _column_scale(A):
    s = np.linalg.norm(A, axis=0)
    return np.where(s > 0, s, 1.0)


def _fit_qr(Xc, yc, alpha):
    """Least squares on [X_c; √α·I] w ≈ [y_c; 0] by Householder QR of the column-scaled matrix.

    Scaling the columns of the augmented matrix (w = v / scale) is a change of
    variables of a least-squares problem, so it keeps the ridge minimiser; the
    penalty stays on the original columns' w because √α·I is scaled with them.
    """
    A, ya = _augmented(Xc, yc, alpha)
    scale = _column_scale(A)
    A /= scale  # in place: A is a fresh array
    Q, R = np.linalg.qr(A)
    del A
    sv = np.linalg.svd(R, compute_uv=False)
    if sv[-1] <= max(Q.shape) * _EPS * sv[0]:  # rank-deficient (only possible at α = 0)
        w, info = _fit_svd(Xc, yc, alpha)
        info["note"] = "the augmented matrix is rank-deficient (α = 0, collinear columns): minimum norm from the SVD"
        return w, info
    return np.linalg.solve(R, Q.T @ ya) / scale, {"method": "qr"}


def _fit_descent(Xc, yc, alpha, max_iter, rtol):
    """Gradient descent on the augmented problem, its columns scaled to unit length, at η = 1/L.

    The MSE of the augmented rows, (1/(n + d))·(‖y_c − X_c w‖² + α‖w‖²), has
    the ridge minimiser; scaling its columns only changes variables (see
    ``_fit_qr``). It stops when the gradient's norm falls below ``rtol`` times
    its norm at the start (w = 0).
    """
    A, ya = _augmented(Xc, yc, alpha)
    scale = _column_scale(A)
    As = A / scale
    eta = stability_limit(As, fit_intercept=False) / 2  # 1/L
    g0 = 2.0 / A.shape[0] * np.linalg.norm(As.T @ ya)
    if g0 == 0:
        return np.zeros(Xc.shape[1]), {"method": "descent", "n_iter": 0, "stop_reason": "grad_tol",
                                       "learning_rate": eta}
    result = gradient_descent(As, ya, eta, max_iter=max_iter, tol=None, grad_tol=rtol * g0, fit_intercept=False)
    info = {"method": "descent", "n_iter": result.n_iter, "stop_reason": result.stop_reason, "learning_rate": eta}
    if not result.converged:
        warnings.warn(f"ridge by descent: {result.message}; the gradient did not fall to {rtol:.0e} of its start "
                      "(raise max_iter, or use method='qr')", RidgeConvergenceWarning, stacklevel=3)
    return result.w / scale, info


def fit_ridge(X, y, alpha, *, method="auto", fit_intercept=True, max_iter=20_000, tol=1e-12, return_info=False):
    """Ridge regression (w, b): minimise ‖y − X·w − b‖² + α‖w‖², the intercept b not penalised.

    ``alpha`` is scikit-learn's ``Ridge(alpha=...)``: the penalty is added to the
    sum of squares. The minimiser of the course's (1/n)(SSE + α‖w‖²) is the same.
    The weights solve (X_cᵀX_c + αI)·w = X_cᵀy_c on the centred data; b = ȳ − x̄ᵀw.
    Ridge is **not** scale-invariant: the penalty falls on w of the columns as
    given, so standardise the features first when their units differ.

    Parameters
    ----------
    X : array-like of shape (n, d) or (n,)
    y : array-like of shape (n,)
    alpha : float
        Penalty strength, ≥ 0 (0 is ordinary least squares; with collinear
        columns it gives the minimum-norm solution).
    method : {"auto", "normal", "svd", "qr", "descent"}
        ``"normal"``: the regularised normal equations as written (rows and
        columns scaled to unit diagonal before solving, which keeps the solution);
        ``"svd"``: w = V·diag(s/(s² + α))·Uᵀy_c from the SVD of X_c;
        ``"qr"``: least squares on the augmented rows [X_c; √α·I], [y_c; 0] by QR
        of the column-scaled matrix; ``"descent"``: the same augmented problem by
        ``gradient_descent`` at η = 1/L of the column-scaled augmented matrix,
        until the gradient norm is ``tol`` times its starting value;
        ``"auto"``: ``"qr"``.
    fit_intercept : bool
        Fit an unpenalised b (True, by centring) or keep b = 0.
    max_iter : int
        Most descent steps (``"descent"`` only), 1 to 1,000,000.
    tol : float
        Relative gradient tolerance of ``"descent"``, in (0, 1).
    return_info : bool
        Also return a dict: the ``method`` used, and for descent ``n_iter``,
        ``stop_reason`` and ``learning_rate``.

    Returns
    -------
    w : ndarray of shape (d,)
    b : float
    info : dict, only with ``return_info=True``
    """
    X, y = check_data(X, y)
    alpha = _check_alpha(alpha)
    method = check_choice(method, "method", RIDGE_METHODS)
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    max_iter = check_int(max_iter, "max_iter", minimum=1, maximum=1_000_000)
    tol = check_scalar(tol, "tol", low=0.0, high=1.0)
    return_info = check_bool(return_info, "return_info")
    # Extreme magnitudes: X = Xs·2**ex, y = ys·2**ey (exact). Then w = ws·2**(ey − ex) solves the problem with
    # α·2**(−2ex), and b = bs·2**ey.
    ex = ey = 0
    if not in_safe_range(X, y):
        X, ex = scale_down(X)
        y, ey = scale_down(y)
        with np.errstate(over="ignore", under="ignore"):
            alpha = float(np.ldexp(alpha, -2 * ex))
    Xc, yc, x_bar, y_bar = _centre(X, y, fit_intercept)
    if not np.isfinite(alpha):  # the rescaled penalty exceeds the float range: its limit, w = 0, to double precision
        w, b, info = np.zeros(X.shape[1]), y_bar, {"method": "limit α → ∞"}
        return _unscale(w, b, ex, ey, info, return_info)
    if method == "descent":
        w, info = _fit_descent(Xc, yc, alpha, max_iter, tol)
    elif method == "normal":
        w, info = _fit_normal(Xc, yc, alpha)
    elif method == "svd":
        w, info = _fit_svd(Xc, yc, alpha)
    else:
        w, info = _fit_qr(Xc, yc, alpha)
    b = y_bar - float(x_bar @ w) if fit_intercept else 0.0
    return _unscale(w, b, ex, ey, info, return_info)


def _unscale(w, b, ex, ey, info, return_info):
    """Undo the power-of-2 scaling of X (2**ex) and y (2**ey): w·2**(ey − ex), b·2**ey."""
    if ex or ey:
        with np.errstate(over="ignore", under="ignore"):
            w, b = np.ldexp(w, ey - ex), float(np.ldexp(b, ey))
        if not (np.all(np.isfinite(w)) and np.isfinite(b)):
            raise ValueError("the ridge solution exceeds the largest floating-point number: rescale X and y")
    return (w, b, info) if return_info else (w, b)


def ridge_path(X, y, alphas, *, fit_intercept=True):
    """Ridge weights and intercepts for many α from one SVD of the centred X.

    Parameters
    ----------
    X : array-like of shape (n, d) or (n,)
    y : array-like of shape (n,)
    alphas : array-like of shape (m,)
        Penalty strengths, each ≥ 0.

    Returns
    -------
    W : ndarray of shape (m, d)
        Row k holds w at ``alphas[k]`` (the same as ``fit_ridge(X, y, alphas[k], method="svd")``).
    b : ndarray of shape (m,)
    """
    X, y = check_data(X, y)
    alphas = check_vector(alphas, "alphas")
    if np.any(alphas < 0):
        raise ValueError(f"alphas must all be 0 or more, got {alphas.min():g}")
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    if not in_safe_range(X, y):
        raise ValueError("X or y has values whose squares leave double precision's range: rescale them first")
    Xc, yc, x_bar, y_bar = _centre(X, y, fit_intercept)
    U, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    W = np.array([_svd_weights(U, s, Vt, yc, float(a)) for a in alphas])
    b = y_bar - W @ x_bar if fit_intercept else np.zeros(len(alphas))
    return W, b
