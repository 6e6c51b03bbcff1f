"""Closed-form least squares: normal equations, QR, and the SVD pseudoinverse.

Setting the MSE gradient to zero gives the normal equations X̃ᵀX̃θ = X̃ᵀy with
X̃ = [X, 1] and θ = (w, b). Solving them directly is fast but squares the
condition number (κ(X̃ᵀX̃) = κ(X̃)²); QR and the SVD work on X̃ itself. The
pseudoinverse X̃⁺ = V Σ⁺ Uᵀ gives the minimum-norm solution even when X̃ᵀX̃
is singular.
"""

from __future__ import annotations

import warnings

import numpy as np

from ._extended import accurate_residual, accurate_rmatvec
from ._validation import check_bool, check_choice, check_data, check_features, check_scalar, check_vector, with_ones

__all__ = [
    "IllConditionedWarning", "condition_number", "sigma_plus", "pinv_svd",
    "normal_equation", "fit_closed_form", "METHODS",
]

METHODS = ("auto", "normal", "qr", "svd")
_EPS = np.finfo(float).eps


class IllConditionedWarning(UserWarning):
    """XᵀX is singular or too ill-conditioned for the normal equations to be trusted."""


def condition_number(A):
    """κ₂(A) = σ_max / σ_min, the 2-norm condition number (``inf`` when singular)."""
    A = check_features(A, "A")
    s = np.linalg.svd(A, compute_uv=False)
    return float(s[0] / s[-1]) if s[-1] > 0 else float("inf")


def _cutoff(s, shape, rcond):
    if rcond is None:
        rcond = max(shape) * _EPS
    else:
        rcond = check_scalar(rcond, "rcond")
        if rcond < 0:
            raise ValueError(f"rcond must be 0 or more, got {rcond}")
    return rcond * (s[0] if s.size else 0.0)


def sigma_plus(singular_values, shape, rcond=None):
    """Σ⁺ for a matrix A of ``shape`` (m, n) with the given singular values.

    Σ is (m, n) with the singular values on its diagonal; Σ⁺ has the
    transposed shape (n, m), holds 1/σᵢ where σᵢ is above the cut-off
    ``rcond · σ_max`` (default rcond = max(m, n)·machine epsilon, the cut-off of
    ``numpy.linalg.lstsq`` and ``matrix_rank``) and 0 elsewhere.
    """
    s = check_vector(singular_values, "singular_values")
    if not isinstance(shape, (tuple, list)) or len(shape) != 2:
        raise ValueError(f"shape must be a pair (m, n), got {shape!r:.40}")
    m, n = (int(v) for v in shape)
    if s.size != min(m, n):
        raise ValueError(f"singular_values must have min(m, n) = {min(m, n)} entries, got {s.size}")
    if np.any(s < 0) or np.any(np.diff(s) > 0):
        raise ValueError("singular_values must be non-negative and sorted from largest to smallest")
    cut = _cutoff(s, (m, n), rcond)
    out = np.zeros((n, m))
    keep = s > cut
    idx = np.arange(s.size)[keep]
    out[idx, idx] = 1.0 / s[keep]
    return out


def pinv_svd(A, rcond=None):
    """The Moore–Penrose pseudoinverse A⁺ = V Σ⁺ Uᵀ, built from the SVD.

    Singular values at or below ``rcond · σ_max`` count as zero (their
    reciprocal is replaced by 0), so A⁺y is the minimum-norm least-squares
    solution. Uses the thin SVD, where Σ⁺ is the top-left k×k block of the
    full (n, m) Σ⁺ that ``sigma_plus`` builds (k = min(m, n)).

    Parameters
    ----------
    A : array-like of shape (m, n)
    rcond : float, optional
        Relative cut-off, ≥ 0. Default max(m, n)·machine epsilon (as
        ``numpy.linalg.lstsq``; ``numpy.linalg.pinv`` defaults to 1e-15).

    Returns
    -------
    ndarray of shape (n, m)
    """
    A = check_features(A, "A")
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    cut = _cutoff(s, A.shape, rcond)
    keep = s > cut
    inv = np.zeros_like(s)
    inv[keep] = 1.0 / s[keep]
    return (Vt.T * inv) @ U.T


def _rank(singular_values, shape):
    """Numerical rank: singular values above max(m, n)·ε·σ_max (numpy's matrix_rank rule)."""
    s = singular_values
    return int(np.sum(s > max(shape) * _EPS * s[0])) if s.size and s[0] > 0 else 0


def normal_equation(A, y):
    """Solve the normal equations AᵀAθ = Aᵀy for θ, as the textbook does.

    ``A`` is the design matrix as given: append the column of ones yourself
    (``add_intercept``) to fit an intercept. When κ(AᵀA) = κ(A)² exceeds
    1/ε_mach (machine epsilon), an ``IllConditionedWarning`` says what happens next:

    * A has full rank: the equations are solved as written anyway, and the
      warning says to expect lost digits;
    * A is rank-deficient (a duplicated, scaled-copy or constant column): the
      solution is not unique; the minimum-norm one, A⁺y from the SVD of A
      itself (``pinv_svd``), is returned.

    The rank and κ come from the singular values of A, not from the rounded
    AᵀA, so a column that is 0.65 times another is recognised as well.

    Returns
    -------
    ndarray of shape (n_columns,)
    """
    A, y = check_data(A, y, names=("A", "y"))
    gram, rhs = A.T @ A, A.T @ y
    eig = np.abs(np.linalg.eigvalsh(gram))
    if eig.max() > 0 and eig.min() > eig.max() * 1e3 * _EPS:  # comfortably well-conditioned: the textbook
        return np.linalg.solve(gram, rhs)
    sv = np.linalg.svd(A, compute_uv=False)
    rank = _rank(sv, A.shape)
    if rank < A.shape[1]:
        warnings.warn(
            f"AᵀA is singular (A has rank {rank} of {A.shape[1]} columns): the solution is not unique; "
            "returning the minimum-norm one, A⁺y from the SVD of A",
            IllConditionedWarning, stacklevel=2,
        )
        return pinv_svd(A) @ y
    if (sv[0] / sv[-1]) ** 2 * _EPS > 1.0:
        warnings.warn(
            "AᵀA is ill-conditioned (κ(AᵀA) = κ(A)² exceeds 1/ε_mach): solving it as written, expect to lose "
            "digits; QR or the SVD of A keep them",
            IllConditionedWarning, stacklevel=2,
        )
    try:
        return np.linalg.solve(gram, rhs)
    except np.linalg.LinAlgError:  # exactly singular in floating point although A has full rank
        return pinv_svd(A) @ y


# --- fit_closed_form -------------------------------------------------------

def _refine_augmented(A, y, x, Q, R, scale, iterations, residuals="double-double"):
    """Iterative refinement of min ‖y − A·x‖ through the augmented system.

    Solves [I A; Aᵀ 0][r; x] = [y; 0] again for corrections, with the
    residuals of that system computed in extended precision and the
    corrections from the QR factors of the column-scaled A = Q R / scale.
    This is Björck's method: it also fixes the large-residual error that plain
    refinement of x leaves (Wampler 4 and 5).

    ``residuals`` says how the system's residuals are computed:
    ``"double-double"`` (the default: error-free transformations in numpy, the
    same on every platform), ``"longdouble"`` (``np.longdouble``: 80-bit on
    x86-64 Linux, plain double on Windows and macOS on ARM) or ``"double"``.
    The last two are kept to measure what the first one buys (benchmarks/).
    """
    z = x * scale  # coordinates of the scaled problem
    r = y - A @ x
    for _ in range(iterations):
        x = z / scale
        f = g = None
        if residuals == "double-double":
            f, g = accurate_residual(A, x, y, r), accurate_rmatvec(A, r)
        elif residuals == "longdouble":
            ext = np.longdouble
            A_ext, r_ext = A.astype(ext), r.astype(ext)
            f = (y.astype(ext) - r_ext - A_ext @ x.astype(ext)).astype(float)
            g = (A_ext.T @ r_ext).astype(float)
        if f is None or g is None:  # plain double (or an overflow in the extended computation)
            f, g = y - r - A @ x, A.T @ r
        h = np.linalg.solve(R.T, -g / scale)
        c = Q.T @ f - h
        z = z + np.linalg.solve(R, c)
        r = r + (f - Q @ c)
    return z / scale


def _design(X, fit_intercept):
    return with_ones(X) if fit_intercept else X


def _column_scale(A):
    s = np.linalg.norm(A, axis=0)
    return np.where(s > 0, s, 1.0)


def _min_norm(X, y, fit_intercept, rcond=None):
    """Minimum-norm w (intercept not penalised), as scikit-learn and lstsq give it."""
    if fit_intercept:
        mu, y_bar = X.mean(axis=0), y.mean()
        w = pinv_svd(X - mu, rcond) @ (y - y_bar)
        return w, float(y_bar - mu @ w)
    return pinv_svd(X, rcond) @ y, 0.0


def _split(theta, fit_intercept):
    return (theta[:-1].copy(), float(theta[-1])) if fit_intercept else (theta.copy(), 0.0)


def _fit_qr(X, y, fit_intercept, refine):
    A = _design(X, fit_intercept)
    scale = _column_scale(A)
    Q, R = np.linalg.qr(A / scale)
    sv = np.linalg.svd(R, compute_uv=False)
    kappa = float(sv[0] / sv[-1]) if sv[-1] > 0 else float("inf")
    rank = _rank(sv, A.shape)
    if rank < A.shape[1]:
        w, b = _min_norm(X, y, fit_intercept)
        return w, b, {"method": "svd", "rank": rank, "condition_number": float("inf"), "refinement_steps": 0,
                      "note": "rank-deficient: minimum-norm solution from the SVD"}
    theta = np.linalg.solve(R, Q.T @ y) / scale
    if refine:
        theta = _refine_augmented(A, y, theta, Q, R, scale, refine)
    w, b = _split(theta, fit_intercept)
    return w, b, {"method": "qr", "rank": rank, "condition_number": kappa, "refinement_steps": refine}


def _fit_semi_normal(X, y, fit_intercept):
    """Normal equations on the column-scaled Gram matrix, built without copying X.

    Returns None when the problem is too ill-conditioned for them.
    """
    n, d = X.shape
    xtx = X.T @ X
    if fit_intercept:  # Xᵀy and the column sums Xᵀ1 in one pass over X
        both = np.empty((n, 2))
        both[:, 0], both[:, 1] = y, 1.0
        xty, col_sums = (X.T @ both).T
        gram = np.empty((d + 1, d + 1))
        gram[:d, :d], gram[:d, d], gram[d, :d], gram[d, d] = xtx, col_sums, col_sums, n
        rhs = np.append(xty, y.sum())
    else:
        gram, rhs = xtx, X.T @ y
    scale = np.sqrt(np.diag(gram))
    scale = np.where(scale > 0, scale, 1.0)
    gram_s = gram / np.outer(scale, scale)
    eig = np.linalg.eigvalsh(gram_s)
    if eig[0] <= 0 or eig[-1] / eig[0] > 1e6:
        return None
    kappa = float(np.sqrt(eig[-1] / eig[0]))
    theta = np.linalg.solve(gram_s, rhs / scale) / scale
    steps = 0
    if kappa > 1e2:  # one step of refinement with the same factor
        r = y - X @ theta[:d] - (theta[d] if fit_intercept else 0.0)
        rhs_r = np.append(X.T @ r, r.sum()) if fit_intercept else X.T @ r
        theta = theta + np.linalg.solve(gram_s, rhs_r / scale) / scale
        steps = 1
    w, b = _split(theta, fit_intercept)
    return w, b, {"method": "normal", "rank": d + int(fit_intercept), "condition_number": kappa,
                  "refinement_steps": steps}


_SMALL_PROBLEM = 2_000_000  # n·(d+1) below which the accurate path costs next to nothing


def fit_closed_form(X, y, method="auto", fit_intercept=True, *, return_info=False):
    """Least-squares (w, b) in closed form.

    Parameters
    ----------
    X : array-like of shape (n, d) or (n,)
    y : array-like of shape (n,)
    method : {"auto", "normal", "qr", "svd"}
        ``"normal"`` solves X̃ᵀX̃θ = X̃ᵀy as written; ``"qr"`` uses a Householder
        QR of the column-scaled X̃; ``"svd"`` the pseudoinverse (minimum-norm w);
        ``"auto"`` takes the scaled normal equations (with one refinement step)
        on large, well-conditioned problems (κ ≤ 1000 after scaling), and
        otherwise QR with refinement of the augmented system (residuals in double-double, the same on every platform),
        falling back to the SVD when X̃ is rank-deficient.
    fit_intercept : bool
        Fit b (True) or keep b = 0.
    return_info : bool
        Also return a dict saying what was done: ``method`` used, ``rank``,
        ``condition_number`` (of the column-scaled design; ``inf`` when
        rank-deficient), ``refinement_steps`` and a ``note`` when a fallback
        or a warning happened.

    Returns
    -------
    w : ndarray of shape (d,)
    b : float
    info : dict, only with ``return_info=True``
    """
    X, y = check_data(X, y)
    method = check_choice(method, "method", METHODS)
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    n, d = X.shape
    if method == "auto":
        result = None
        if n * (d + 1) > _SMALL_PROBLEM:
            result = _fit_semi_normal(X, y, fit_intercept)
        if result is None:
            result = _fit_qr(X, y, fit_intercept, refine=3)
    elif method == "qr":
        result = _fit_qr(X, y, fit_intercept, refine=0)
    else:
        A = _design(X, fit_intercept)
        sv = np.linalg.svd(A / _column_scale(A), compute_uv=False)
        rank = _rank(sv, A.shape)
        kappa = float(sv[0] / sv[-1]) if rank == A.shape[1] else float("inf")
        info = {"method": method, "rank": rank, "condition_number": kappa, "refinement_steps": 0}
        if method == "svd" or rank < A.shape[1]:
            w, b = _min_norm(X, y, fit_intercept)  # the intercept is not part of the minimised norm
            if method == "normal":
                info.update(method="svd", note=f"rank-deficient (rank {rank} of {A.shape[1]}): minimum-norm "
                                               "solution from the SVD instead of the normal equations")
        else:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", IllConditionedWarning)
                theta = normal_equation(A, y)
            w, b = _split(theta, fit_intercept)
            notes = [str(c.message) for c in caught if issubclass(c.category, IllConditionedWarning)]
            if notes:
                info["note"] = notes[0]
        result = (w, b, info)
    w, b, info = result
    return (w, b, info) if return_info else (w, b)
