"""How sure are the coefficients? Standard errors, confidence and prediction intervals of least squares.

The model: y = X̃θ + ε with X̃ = [X, 1], θ = (w, b) and independent errors
ε ~ N(0, σ²). Then least squares is the maximum-likelihood estimate,
θ̂ ~ N(θ, σ²(X̃ᵀX̃)⁻¹), and σ² is estimated by σ̂² = RSS/(n − p) with p = d + 1.
With heteroscedastic errors (spread that changes from row to row) the
classical covariance is wrong; the sandwich (X̃ᵀX̃)⁻¹X̃ᵀ·diag(ωᵢrᵢ²)·X̃(X̃ᵀX̃)⁻¹
(White's HC0 and its small-sample variants HC1–HC3) is not.

Everything is computed from the SVD of the column-scaled X̃ (never by
inverting X̃ᵀX̃), in the order (w, b): the intercept last, as everywhere in lrcore.
The t quantiles come from ``scipy.special.stdtrit`` (what ``scipy.stats.t.ppf`` computes), imported only when needed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validation import check_choice, check_data, check_features, check_scalar, in_safe_range, with_ones

__all__ = ["ols_inference", "prediction_interval", "OLSInference", "PredictionInterval", "COV_TYPES"]

COV_TYPES = ("classical", "HC0", "HC1", "HC2", "HC3")
_EPS = np.finfo(float).eps


def _t_quantile(level, dof):
    """t_{dof} quantile at (1 + level)/2: ``scipy.special.stdtrit``, the function ``scipy.stats.t.ppf`` calls.

    Imported lazily (``import lrcore`` stays light), and from ``scipy.special`` (about 26 MB) rather than
    ``scipy.stats`` (about 70 MB): the chapters' kernels have a memory budget.
    """
    from scipy.special import stdtrit

    return float(stdtrit(dof, 0.5 + level / 2))


def _check_level(level):
    return check_scalar(level, "level", low=0.0, high=1.0)


@dataclass(frozen=True)
class OLSInference:
    """Least-squares coefficients with their uncertainty (order (w, b): intercept last).

    Attributes
    ----------
    w, b : ndarray (d,), float
        The least-squares coefficients.
    se_w, se_b : ndarray (d,), float
        Their standard errors.
    ci_w : ndarray (d, 2)
        Lower and upper ends of each weight's confidence interval.
    ci_b : ndarray (2,)
    cov : ndarray (d + 1, d + 1)
        Estimated covariance of (w, b).
    sigma2 : float
        σ̂² = RSS/(n − p), the estimated noise variance.
    dof : int
        n − p, the residual degrees of freedom.
    t : float
        The t quantile the intervals use (t_{n−p} at (1 + level)/2).
    level : float
    cov_type : str
    residuals : ndarray (n,)
        r = ŷ − y.
    leverage : ndarray (n,)
        hᵢ, the diagonal of the hat matrix X̃(X̃ᵀX̃)⁻¹X̃ᵀ.
    """

    w: np.ndarray
    b: float
    se_w: np.ndarray
    se_b: float
    ci_w: np.ndarray
    ci_b: np.ndarray
    cov: np.ndarray
    sigma2: float
    dof: int
    t: float
    level: float
    cov_type: str
    residuals: np.ndarray
    leverage: np.ndarray


def _scaled_svd(A, name="X"):
    """(U, s, Vt, scale) of A/scale with unit-length columns (A is scaled in place); ValueError if rank-deficient."""
    scale = np.linalg.norm(A, axis=0)
    scale = np.where(scale > 0, scale, 1.0)
    A /= scale  # in place: A is the caller's fresh copy [X, 1]
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    rank = int(np.sum(s > max(A.shape) * _EPS * s[0])) if s[0] > 0 else 0
    if rank < A.shape[1]:
        raise ValueError(f"{name} with its column of ones has rank {rank} of {A.shape[1]} columns: the coefficients "
                         "are not identifiable, so they have no standard errors; drop a collinear column")
    return U, s, Vt, scale


def _solve(X, y, U, M, scale):
    """Least-squares (w, b) from the SVD of the column-scaled X̃ (θ = diag(1/scale)·M·Uᵀy), one refinement step."""
    theta = (M @ (U.T @ y)) / scale
    r = y - X @ theta[:-1] - theta[-1]
    theta = theta + (M @ (U.T @ r)) / scale  # a step of refinement: the residual's projection, as in Björck's method
    return theta[:-1], float(theta[-1])


def ols_inference(X, y, *, level=0.95, cov_type="classical"):
    """Least squares with standard errors and t-based confidence intervals of every coefficient.

    Classical: Cov(θ̂) = σ̂²(X̃ᵀX̃)⁻¹ with σ̂² = RSS/(n − p), p = d + 1 (the
    Gaussian-noise model with constant variance). ``"HC0"``…``"HC3"``: the
    heteroscedasticity-consistent sandwich (X̃ᵀX̃)⁻¹X̃ᵀ·diag(ωᵢrᵢ²)·X̃(X̃ᵀX̃)⁻¹ with
    ωᵢ = 1 (HC0), n/(n − p) (HC1), 1/(1 − hᵢ) (HC2), 1/(1 − hᵢ)² (HC3), hᵢ the leverage.
    The interval is θ̂ⱼ ± t·SEⱼ with the t quantile of n − p degrees of
    freedom for every ``cov_type`` (statsmodels' ``OLS.fit(cov_type=..., use_t=True)``;
    by default statsmodels uses the normal quantile for the robust types).

    (X̃ᵀX̃)⁻¹ is never formed: with the columns of X̃ scaled to unit length,
    X̃/s = U·S·Vᵀ, and (X̃ᵀX̃)⁻¹ = diag(1/s)·V·S⁻²·Vᵀ·diag(1/s).

    Parameters
    ----------
    X : array-like of shape (n, d) or (n,)
    y : array-like of shape (n,)
    level : float
        Confidence level, strictly between 0 and 1 (0.95: 95 % intervals).
    cov_type : {"classical", "HC0", "HC1", "HC2", "HC3"}

    Returns
    -------
    OLSInference
    """
    X, y = check_data(X, y)
    level = _check_level(level)
    cov_type = check_choice(cov_type, "cov_type", COV_TYPES)
    n, d = X.shape
    p = d + 1
    if n <= p:
        raise ValueError(f"X must have more rows than columns + 1 (n > p = {p}) to estimate the noise, got n = {n}")
    if not in_safe_range(X, y):
        raise ValueError("X or y has values whose squares leave double precision's range: rescale them first")
    A = with_ones(X)
    U, s, Vt, scale = _scaled_svd(A)
    del A
    M = Vt.T / s  # X̃⁺ = diag(1/scale)·M·Uᵀ; (X̃ᵀX̃)⁻¹ = diag(1/scale)·M·Mᵀ·diag(1/scale)
    w, b = _solve(X, y, U, M, scale)
    r = X @ w + b - y
    dof = n - p
    sigma2 = float(r @ r) / dof  # unbiased estimate RSS/(n − p) (the MLE would divide by n)
    leverage = np.einsum("ij,ij->i", U, U)
    if cov_type == "classical":
        cov_s = sigma2 * (M @ M.T)
    else:
        omega = {"HC0": 1.0, "HC1": n / dof}.get(cov_type)
        if omega is None:
            if np.any(leverage >= 1 - 1e3 * _EPS):
                raise ValueError(f"a row of X has leverage 1 (it alone determines a coefficient): {cov_type} "
                                 "divides by 1 − h and is undefined; use HC0 or HC1")
            omega = 1.0 / (1.0 - leverage) ** (1 if cov_type == "HC2" else 2)
        middle = U.T @ (U * (omega * r * r)[:, None])
        cov_s = M @ middle @ M.T
    cov = cov_s / np.outer(scale, scale)
    se = np.sqrt(np.clip(np.diag(cov), 0.0, None))
    t = _t_quantile(level, dof)
    theta = np.append(w, b)
    ci = np.column_stack([theta - t * se, theta + t * se])
    return OLSInference(w=w, b=float(b), se_w=se[:d], se_b=float(se[d]), ci_w=ci[:d], ci_b=ci[d], cov=cov,
                        sigma2=sigma2, dof=dof, t=t, level=level, cov_type=cov_type, residuals=r,
                        leverage=leverage)


@dataclass(frozen=True)
class PredictionInterval:
    """Predictions for new rows with a confidence interval of the mean and a prediction interval.

    Attributes
    ----------
    prediction : ndarray (m,)
        ŷ₀ = x₀·w + b.
    se_mean : ndarray (m,)
        σ̂·√(x̃₀ᵀ(X̃ᵀX̃)⁻¹x̃₀): the standard error of the fitted mean at x₀.
    mean_lower, mean_upper : ndarray (m,)
        Confidence interval of the mean price of houses like x₀.
    lower, upper : ndarray (m,)
        Prediction interval of one new y at x₀: ŷ₀ ± t·σ̂·√(1 + x̃₀ᵀ(X̃ᵀX̃)⁻¹x̃₀).
    level : float
    """

    prediction: np.ndarray
    se_mean: np.ndarray
    mean_lower: np.ndarray
    mean_upper: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    level: float


def prediction_interval(X, y, X_new, *, level=0.95):
    """Fit least squares on (X, y) and give intervals for new rows ``X_new``, under the Gaussian-noise model.

    A new observation is y₀ = x̃₀ᵀθ + ε₀: its prediction error ŷ₀ − y₀ has variance
    σ²(1 + x̃₀ᵀ(X̃ᵀX̃)⁻¹x̃₀) — the noise of the new house plus the uncertainty of θ̂ —
    so the interval is ŷ₀ ± t_{n−p}·σ̂·√(1 + x̃₀ᵀ(X̃ᵀX̃)⁻¹x̃₀). It assumes the
    noise has the same spread for every house (no heteroscedasticity).

    Parameters
    ----------
    X : array-like of shape (n, d) or (n,)
    y : array-like of shape (n,)
    X_new : array-like of shape (m, d) or (m,) (one feature)
    level : float
        Strictly between 0 and 1.

    Returns
    -------
    PredictionInterval
    """
    X, y = check_data(X, y)
    X_new = check_features(X_new, "X_new")
    if X_new.shape[1] != X.shape[1]:
        raise ValueError(f"X_new must have {X.shape[1]} feature(s) like X, got {X_new.shape[1]}")
    level = _check_level(level)
    n, d = X.shape
    p = d + 1
    if n <= p:
        raise ValueError(f"X must have more rows than columns + 1 (n > p = {p}) to estimate the noise, got n = {n}")
    if not in_safe_range(X, y, X_new):
        raise ValueError("X, y or X_new has values whose squares leave double precision's range: rescale them first")
    U, s, Vt, scale = _scaled_svd(with_ones(X))
    w, b = _solve(X, y, U, Vt.T / s, scale)
    del U
    r = X @ w + b - y
    dof = n - p
    sigma = np.sqrt(float(r @ r) / dof)
    z = (with_ones(X_new) / scale) @ (Vt.T / s)  # row i: S⁻¹Vᵀ(x̃₀/scale), so ‖row‖² = x̃₀ᵀ(X̃ᵀX̃)⁻¹x̃₀
    q = np.einsum("ij,ij->i", z, z)
    pred = X_new @ w + b
    t = _t_quantile(level, dof)
    se_mean = sigma * np.sqrt(q)
    half_obs = t * sigma * np.sqrt(1.0 + q)
    return PredictionInterval(prediction=pred, se_mean=se_mean, mean_lower=pred - t * se_mean,
                              mean_upper=pred + t * se_mean, lower=pred - half_obs, upper=pred + half_obs,
                              level=level)
