"""Chapter 8: one-hot encoding, log-price coefficients, ridge in closed form, standard errors."""

from __future__ import annotations

import math

import numpy as np

from ._core import _as_real, _never_raises, _NotNumbers, _read_number, _verdict, check_function

# --- one-hot ------------------------------------------------------------------------------------------------------

@_never_raises
def check_one_hot(D, codes):
    """Is ``D`` the one-hot matrix of ``codes`` with the first (smallest) level dropped?

    Column j of D is 1.0 where the code equals the (j + 1)-th smallest level
    and 0.0 elsewhere: with an intercept in the model, the k dummies of all k
    levels add up to the column of ones, so one level must go (the reference).

    Returns
    -------
    CheckResult
    """
    name = "one-hot zipcode"
    codes = np.asarray(codes, dtype=float).ravel()
    levels = np.unique(codes)
    full = (codes[:, None] == levels[None, :]).astype(float)
    want = full[:, 1:]
    if D is None or D is Ellipsis:
        return _verdict(False, f"{name}: expected an array of shape {want.shape}, got nothing yet (D = {D!r}).")
    try:
        got, _ = _as_real(D)
    except _NotNumbers as exc:
        if isinstance(D, np.ndarray) and D.dtype == bool:
            got = D.astype(float)
        else:
            return _verdict(False, f"{name}: expected an array of 0s and 1s, got {exc}.")
    if got.shape == full.shape and np.array_equal(got, full):
        return _verdict(False, f"{name}: you kept all {levels.size} levels. Their {levels.size} columns add up to "
                               "1 on every row, which is the intercept's column of ones: X̃ loses rank and the "
                               "coefficients are not identifiable (chapter 5). Drop the first level's column.")
    if got.shape == want.T.shape and np.array_equal(got, want.T):
        return _verdict(False, f"{name}: right numbers, transposed: one ROW per sale, one column per level, "
                               f"shape {want.shape}.")
    if got.shape == want.shape and np.array_equal(got, full[:, :-1]):
        return _verdict(False, f"{name}: you dropped the last level; this chapter drops the first (the smallest "
                               "zipcode, 98001) so that every coefficient compares with that area.")
    if got.shape != want.shape:
        return _verdict(False, f"{name}: expected shape {want.shape} (one row per sale, one column per level but "
                               f"the first), got shape {got.shape}.")
    if np.array_equal(got, want):
        return _verdict(True, f"{name}: {want.shape[1]} dummy columns, the first level ({levels[0]:.0f}) is the "
                              "reference that the intercept absorbs.")
    return _verdict(False, f"{name}: some entries are wrong. Column j is 1.0 where codes == levels[j + 1], "
                           "else 0.0 (levels = np.unique(codes)).")


# --- log target -----------------------------------------------------------------------------------------------------

@_never_raises
def check_log_effect(answer, coef):
    """Percent change of the price per unit, from a coefficient ``coef`` of a model of ln(price): (e^c − 1)·100."""
    name = "percent per unit"
    expected = (math.exp(coef) - 1) * 100
    if answer is None or answer is Ellipsis:
        return _verdict(False, f"{name}: expected a number, got nothing yet (answer = {answer!r}).")
    value, problem = _read_number(answer, "answer")
    if problem:
        return _verdict(False, f"{name}: expected a number, got {problem.removeprefix('answer = ')}.")
    if math.isclose(value, expected, rel_tol=1e-4):
        return _verdict(True, f"{name}: {value:.4g} % is right: ln(price) rises by c, so the price is multiplied "
                              f"by e^c = {math.exp(coef):.4f}.")
    mistakes = [
        (coef * 100, "c·100 is the small-c approximation (e^c ≈ 1 + c); it is close only for small c. The "
                     "exact change is (e^c − 1)·100."),
        (math.exp(coef), "e^c is the factor the price is multiplied by, not the percent change: subtract 1, "
                         "then multiply by 100."),
        (math.exp(coef) - 1, "that is the change as a fraction; multiply by 100 for percent."),
        ((10 ** coef - 1) * 100, "10^c is for log10; the model here is the natural log ln(price), so use e^c "
                                 "(np.exp)."),
    ]
    for wrong, sentence in mistakes:
        if math.isclose(value, wrong, rel_tol=1e-4) and not math.isclose(wrong, expected, rel_tol=1e-4):
            return _verdict(False, f"{name}: {value:.4g} is not it: {sentence}")
    return _verdict(False, f"{name}: {value:.4g} is not it. Hint: if ln(price) goes up by c, the price is multiplied "
                           "by e^c.")


# --- ridge in closed form ----------------------------------------------------------------------------------------

def _ridge(X, y, alpha):
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    w = np.linalg.solve(Xc.T @ Xc + alpha * np.eye(X.shape[1]), Xc.T @ yc)
    return w, float(y.mean() - X.mean(axis=0) @ w)


def _ridge_intercept_penalised(X, y, alpha):
    A = np.hstack([X, np.ones((X.shape[0], 1))])
    theta = np.linalg.solve(A.T @ A + alpha * np.eye(A.shape[1]), A.T @ y)
    return theta[:-1], float(theta[-1])


def _ridge_no_intercept(X, y, alpha):
    return np.linalg.solve(X.T @ X + alpha * np.eye(X.shape[1]), X.T @ y), 0.0


def _ridge_alpha_over_n(X, y, alpha):
    return _ridge(X, y, alpha * X.shape[0])


def _ridge_alpha_times_n(X, y, alpha):
    return _ridge(X, y, alpha / X.shape[0])


def _ols(X, y, alpha):
    return _ridge(X, y, 0.0)


def _ridge_cases():
    rng = np.random.default_rng(8)
    cases = []
    for n, d, alpha in ((12, 2, 3.0), (30, 3, 10.0), (50, 4, 0.5)):
        X = rng.normal(3.0, 2.0, (n, d))
        y = X @ rng.normal(0, 2, d) + 5.0 + rng.normal(0, 1, n)
        cases.append((X, y, alpha))
    return cases


_RIDGE_MISTAKES = [
    (_ridge_intercept_penalised, "you penalised the intercept too (αI on the whole X̃ᵀX̃ of [X, 1]). The penalty "
                                 "shrinks the weights only: centre X and y first, solve (X_cᵀX_c + αI)w = X_cᵀy_c, "
                                 "then b = ȳ − x̄ᵀw."),
    (_ridge_no_intercept, "your b is 0 and the weights come from the uncentred X: centre X and y first (then the "
                          "intercept is free), and return b = ȳ − x̄ᵀw."),
    (_ridge_alpha_over_n, "your α acts n times stronger: you divided X_cᵀX_c by n (the MSE scale) but not α, or "
                          "multiplied α by n. Here the penalty is added to the sum of squares: X_cᵀX_c + αI."),
    (_ridge_alpha_times_n, "your α acts n times weaker: the penalty α goes on the sum-of-squares scale, "
                           "X_cᵀX_c + αI, not divided by n."),
    (_ols, "you returned ordinary least squares: α never entered. Add α to the diagonal: X_cᵀX_c + αI."),
]


@_never_raises
def check_ridge(func):
    """Check a learner's ``ridge(X, y, alpha) -> (w, b)`` against the closed form with an unpenalised intercept."""
    return check_function(func, _ridge, _ridge_cases(), name="ridge(X, y, alpha)", rtol=1e-6,
                          mistakes=_RIDGE_MISTAKES,
                          hint="Hint: X_c = X − X.mean(axis=0), y_c = y − y.mean(); solve (X_cᵀX_c + αI)w = X_cᵀy_c "
                               "with np.linalg.solve; b = ȳ − x̄·w.")


# --- standard errors ----------------------------------------------------------------------------------------------

@_never_raises
def check_standard_errors(se, X, y):
    """Are ``se`` the classical standard errors of (w, b) for least squares on (X, y) (intercept last)?"""
    from ..uncertainty import ols_inference

    name = "standard errors"
    inf = ols_inference(X, y)
    want = np.append(inf.se_w, inf.se_b)
    if se is None or se is Ellipsis:
        return _verdict(False, f"{name}: expected {want.size} numbers (one per weight, then the intercept), got "
                               f"nothing yet (se = {se!r}).")
    try:
        got, _ = _as_real(se)
    except _NotNumbers as exc:
        return _verdict(False, f"{name}: expected {want.size} numbers, got {exc}.")
    got = got.reshape(-1)
    if got.size != want.size:
        return _verdict(False, f"{name}: expected {want.size} numbers (one per column of X̃ = [X, 1]), got {got.size}.")
    if np.allclose(got, want, rtol=1e-6, atol=0):
        return _verdict(True, f"{name}: all {want.size} are right (σ̂² = RSS/(n − p) with p = {want.size}).")
    n, p = X.shape[0], want.size
    mistakes = [
        (want ** 2, "these are variances, the diagonal of σ̂²(X̃ᵀX̃)⁻¹: take the square root."),
        (want * np.sqrt((n - p) / n), "you divided the RSS by n; the unbiased σ̂² divides by n − p, the rows minus "
                                      "the fitted parameters."),
        (want / np.sqrt(inf.sigma2), "you left out σ̂²: Cov(θ̂) = σ̂²(X̃ᵀX̃)⁻¹."),
        (want * np.sqrt(inf.sigma2), "you used σ̂² twice, or σ̂² where σ̂ belongs after the square root: "
                                     "SE = √(σ̂²·[(X̃ᵀX̃)⁻¹]ⱼⱼ)."),
        (np.roll(want, 1), "right numbers, wrong order: the course puts the intercept last, (w, b)."),
    ]
    for wrong, sentence in mistakes:
        if np.allclose(got, wrong, rtol=1e-6, atol=0):
            return _verdict(False, f"{name}: {sentence}")
    return _verdict(False, f"{name}: not yet. Hint: σ̂² = RSS/(n − p); SE = √diag(σ̂²(X̃ᵀX̃)⁻¹) with X̃ = [X, 1].")
