"""Closed-form least squares: normal equations, QR, and the SVD pseudoinverse.

Setting the MSE gradient to zero gives the normal equations X̃ᵀX̃θ = X̃ᵀy with
X̃ = [X, 1] and θ = (w, b). Solving them directly is fast but squares the
condition number (κ(X̃ᵀX̃) = κ(X̃)²); QR and the SVD work on X̃ itself. The
pseudoinverse X̃⁺ = V Σ⁺ Uᵀ gives the minimum-norm solution even when X̃ᵀX̃
is singular.
"""

from __future__ import annotations

import math
import numbers
import warnings

import numpy as np

from ._extended import accurate_residual, accurate_rmatvec
from ._validation import (
    check_bool,
    check_choice,
    check_data,
    check_features,
    check_scalar,
    check_vector,
    in_safe_range,
    scale_down,
    with_ones,
)

__all__ = [
    "IllConditionedWarning", "condition_number", "sigma_plus", "pinv_svd",
    "normal_equation", "fit_closed_form", "METHODS",
]

METHODS = ("auto", "normal", "qr", "svd")
_EPS = np.finfo(float).eps


class IllConditionedWarning(UserWarning):
    """XᵀX is singular or too ill-conditioned for the normal equations to be trusted."""


def condition_number(A):
    """κ₂(A) = σ_max / σ_min, the 2-norm condition number (``inf`` when singular or beyond the float range).

    κ does not change when A is scaled, so very large or very small A is scaled
    by a power of 2 first (its squares would overflow or underflow inside the SVD).
    """
    A = check_features(A, "A")
    if not in_safe_range(A):
        A = scale_down(A)[0]
    s = _singular_values(A, "A")
    if s[-1] <= 0:
        return float("inf")
    with np.errstate(over="ignore"):
        return float(s[0] / s[-1])


def _singular_values(A, name):
    try:
        return np.linalg.svd(A, compute_uv=False)
    except np.linalg.LinAlgError as exc:  # LAPACK did not converge: too extreme a mix of magnitudes
        raise ValueError(f"{name}: its singular value decomposition did not converge ({exc})") from None


def _cutoff(s, shape, rcond):
    if rcond is None:
        rcond = max(shape) * _EPS
    else:
        rcond = check_scalar(rcond, "rcond")
        if rcond < 0:
            raise ValueError(f"rcond must be 0 or more, got {rcond}")
    return float(rcond) * float(s[0] if s.size else 0.0)  # Python floats: a huge rcond gives inf, no warning


#: Largest m·n for which ``sigma_plus`` builds the dense (n, m) Σ⁺.
MAX_SIGMA_ENTRIES = 10**8


def _check_shape(shape):
    """(m, n) from a pair of non-negative whole numbers (integral floats such as 3.0 are accepted)."""
    if not isinstance(shape, (tuple, list)) or len(shape) != 2:
        raise ValueError(f"shape must be a pair (m, n), got {shape!r:.40}")
    dims = []
    for v in shape:
        if isinstance(v, (bool, np.bool_)) or not isinstance(v, numbers.Real):
            raise TypeError(f"shape must hold two whole numbers (m, n), got {type(v).__name__} {v!r:.30}")
        if not (math.isfinite(v) and float(v).is_integer() and v >= 0):
            raise ValueError(f"shape must hold two non-negative whole numbers (m, n), got {tuple(shape)!r:.60}")
        dims.append(int(v))
    m, n = dims
    if m * n > MAX_SIGMA_ENTRIES:
        raise ValueError(f"shape {m} × {n} is too large for a dense Σ⁺ (at most {MAX_SIGMA_ENTRIES:,} entries)")
    return m, n


def sigma_plus(singular_values, shape, rcond=None):
    """Σ⁺ for a matrix A of ``shape`` (m, n) with the given singular values.

    Σ is (m, n) with the singular values on its diagonal; Σ⁺ has the
    transposed shape (n, m), holds 1/σᵢ where σᵢ is above the cut-off
    ``rcond · σ_max`` (default rcond = max(m, n)·machine epsilon, the cut-off of
    ``numpy.linalg.lstsq`` and ``matrix_rank``) and 0 elsewhere.
    """
    s = check_vector(singular_values, "singular_values")
    m, n = _check_shape(shape)
    if s.size != min(m, n):
        raise ValueError(f"singular_values must have min(m, n) = {min(m, n)} entries, got {s.size}")
    if np.any(s < 0) or np.any(np.diff(s) > 0):
        raise ValueError("singular_values must be non-negative and sorted from largest to smallest")
    cut = _cutoff(s, (m, n), rcond)
    out = np.zeros((n, m))
    keep = s > cut
    idx = np.arange(s.size)[keep]
    with np.errstate(over="ignore", divide="ignore"):
        inv = 1.0 / s[keep]
    if not np.all(np.isfinite(inv)):
        raise ValueError("singular_values has kept values so close to 0 that 1/σ exceeds the largest "
                         "floating-point number; raise rcond to cut them")
    out[idx, idx] = inv
    return out


def pinv_svd(A, rcond=None):
    """The Moore–Penrose pseudoinverse A⁺ = V Σ⁺ Uᵀ, built from the SVD.

    Singular values at or below ``rcond · σ_max`` count as zero (their
    reciprocal is replaced by 0), so A⁺y is the minimum-norm least-squares
    solution. Uses the thin SVD, where Σ⁺ is the top-left k×k block of the
    full (n, m) Σ⁺ that ``sigma_plus`` builds (k = min(m, n)). Very large or
    very small A is scaled by a power of 2 first ((cA)⁺ = A⁺/c).

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
    if in_safe_range(A):
        return _pinv(A, rcond)
    As, e = scale_down(A)
    with np.errstate(over="ignore", under="ignore"):
        out = np.ldexp(_pinv(As, rcond), -e)
    if not np.all(np.isfinite(out)):
        raise ValueError(f"A has values so small (max |A| = {np.max(np.abs(A)):.3g}) that A⁺ exceeds the largest "
                         "floating-point number; rescale A")
    return out


def _pinv(A, rcond):
    try:
        U, s, Vt = np.linalg.svd(A, full_matrices=False)
    except np.linalg.LinAlgError as exc:
        raise ValueError(f"A: its singular value decomposition did not converge ({exc})") from None
    cut = _cutoff(s, A.shape, rcond)
    keep = s > cut
    inv = np.zeros_like(s)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        inv[keep] = 1.0 / s[keep]
        out = (Vt.T * inv) @ U.T
    if not np.all(np.isfinite(out)):
        raise ValueError("A has singular values so close to 0 (kept by rcond) that A⁺ exceeds the largest "
                         "floating-point number; raise rcond to cut them")
    return out


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
    Very large or very small A and y (whose squares would overflow or
    underflow) are scaled by powers of 2 first; θ is scaled back.

    Returns
    -------
    ndarray of shape (n_columns,)
    """
    A, y = check_data(A, y, names=("A", "y"))
    if in_safe_range(y, A):
        return _solve_normal(A, y)
    As, ea = _scale_columns(A)
    ys, ey = scale_down(y)
    return _scale_solution(_solve_normal(As, ys), ey - ea)


def _scale_columns(A):
    """(As, e) with column j of A = As_j·2**e_j and max|As_j| in [0.5, 1) (exact)."""
    e = np.array([scale_down(column)[1] for column in A.T], dtype=int)
    return np.ldexp(A, -e), e


def _scale_solution(theta, e):
    """θ·2**e, or a ValueError naming the data when that overflows."""
    with np.errstate(over="ignore", under="ignore"):
        out = np.ldexp(theta, e)
    if not np.all(np.isfinite(out)):
        raise ValueError("the least-squares solution exceeds the largest floating-point number: y is too large "
                         "compared with A (or X); rescale them")
    return out


def _solve_normal(A, y):
    """The normal equations for checked A and y whose squares fit in double precision."""
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
            IllConditionedWarning, stacklevel=3,
        )
        return pinv_svd(A) @ y
    if (sv[0] / sv[-1]) ** 2 * _EPS > 1.0:
        warnings.warn(
            "AᵀA is ill-conditioned (κ(AᵀA) = κ(A)² exceeds 1/ε_mach): solving it as written, expect to lose "
            "digits; QR or the SVD of A keep them",
            IllConditionedWarning, stacklevel=3,
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


def _min_norm(X, y, fit_intercept, keep):
    """Minimum-norm w (intercept not penalised), as scikit-learn and lstsq give it.

    Uses the ``keep`` largest singular values of the (centred) X as given, so
    the rank is the one decided elsewhere (on scaled columns).
    """
    mu, y_bar = (X.mean(axis=0), y.mean()) if fit_intercept else (np.zeros(X.shape[1]), 0.0)
    U, s, Vt = np.linalg.svd(X - mu, full_matrices=False)
    inv = np.zeros_like(s)
    inv[:keep] = 1.0 / s[:keep]
    w = Vt.T @ (inv * (U.T @ (y - y_bar)))
    return w, float(y_bar - mu @ w) if fit_intercept else 0.0


def _split(theta, fit_intercept):
    return (theta[:-1].copy(), float(theta[-1])) if fit_intercept else (theta.copy(), 0.0)


def _fit_qr(X, y, fit_intercept, refine):
    A = _design(X, fit_intercept)
    scale = _column_scale(A)
    Q, R = np.linalg.qr(A / scale)
    sv = np.linalg.svd(R, compute_uv=False)
    with np.errstate(over="ignore"):
        kappa = float(sv[0] / sv[-1]) if sv[-1] > 0 else float("inf")
    rank = _rank(sv, A.shape)
    if rank < A.shape[1]:
        w, b = _min_norm(X, y, fit_intercept, keep=rank - int(fit_intercept))
        return w, b, {"method": "svd", "rank": rank, "condition_number": float("inf"), "refinement_steps": 0,
                      "note": "rank-deficient: minimum-norm solution from the SVD"}
    theta = np.linalg.solve(R, Q.T @ y) / scale
    if refine:
        theta = _refine_augmented(A, y, theta, Q, R, scale, refine)
    w, b = _split(theta, fit_intercept)
    return w, b, {"method": "qr", "rank": rank, "condition_number": kappa, "refinement_steps": refine}


class _NeedsScaling(Exception):
    """The data's squares leave double precision's range: fit on power-of-2-scaled copies instead."""


def _gram(X, y, fit_intercept):
    """(X̃ᵀX̃, X̃ᵀy) built without copying X (X̃ = [X, 1] when fitting an intercept).

    Raises ``_NeedsScaling`` when the Gram matrix shows that squares of X or y
    overflow or underflow (a column whose sum of squares is 0 although it is
    not all zero, or is below n·2⁻⁴⁰² or above 2⁴⁰⁰): a safety check that costs
    nothing beyond the Gram matrix itself.
    """
    n, d = X.shape
    with np.errstate(all="ignore"):
        xtx = X.T @ X
        if not fit_intercept:
            gram, rhs = xtx, X.T @ y
        else:
            both = np.empty((n, 2))  # Xᵀy and the column sums Xᵀ1 in one pass over X
            both[:, 0], both[:, 1] = y, 1.0
            xty, col_sums = (X.T @ both).T
            gram = np.empty((d + 1, d + 1))
            gram[:d, :d], gram[:d, d], gram[d, :d], gram[d, d] = xtx, col_sums, col_sums, n
            rhs = np.append(xty, y.sum())
    squares = np.diag(xtx)
    if not (np.all(np.isfinite(gram)) and np.all(np.isfinite(rhs))) or np.any(squares >= 2.0 ** 400) \
            or np.any((squares > 0) & (squares < n * 2.0 ** -402)) \
            or np.any(X[:, squares == 0] != 0):
        raise _NeedsScaling
    return gram, rhs


def _scaled_eigenvalues(gram):
    """(column scale, eigenvalues of the Gram matrix of the unit-length columns, ascending)."""
    scale = np.sqrt(np.diag(gram))
    scale = np.where(scale > 0, scale, 1.0)
    return scale, np.linalg.eigvalsh(gram / np.outer(scale, scale))


def _fit_semi_normal(X, y, fit_intercept):
    """Normal equations on the column-scaled Gram matrix, built without copying X.

    Returns None when the problem is too ill-conditioned for them.
    """
    d = X.shape[1]
    gram, rhs = _gram(X, y, fit_intercept)
    scale, eig = _scaled_eigenvalues(gram)
    gram_s = gram / np.outer(scale, scale)
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
        ``"normal"`` solves X̃ᵀX̃θ = X̃ᵀy as written, judging rank and κ from the
        eigenvalues of X̃ᵀX̃ (cheap; the minimum-norm SVD solution when they say it
        is singular); ``"qr"`` uses a Householder QR of the column-scaled X̃;
        ``"svd"`` the pseudoinverse of the column-scaled X̃, with the rank decided
        there (minimum-norm w when rank-deficient);
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
    # On large problems the Gram-matrix methods check the range of X from X̃ᵀX̃ itself (see _gram),
    # which saves a pass over X; everything else checks it first.
    gram_checks = method in ("auto", "normal") and X.shape[0] * (X.shape[1] + 1) > _SMALL_PROBLEM
    result = None
    if in_safe_range(y) and (gram_checks or in_safe_range(X)):
        try:
            result = _fit(X, y, method, fit_intercept)
        except _NeedsScaling:
            result = None
    if result is not None:
        w, b, info = result
    else:  # column j of X = Xs_j·2**e_j, y = ys·2**ey: then w_j = ws_j·2**(ey − e_j) and b = bs·2**ey
        Xs, ex = _scale_columns(X)
        ys, ey = scale_down(y)
        w, b, info = _fit(Xs, ys, method, fit_intercept)
        w = _scale_solution(w, ey - ex)
        b = float(_scale_solution(np.array([b]), ey)[0])
    return (w, b, info) if return_info else (w, b)


def _fit(X, y, method, fit_intercept):
    """(w, b, info) for checked X and y whose squares fit in double precision."""
    n, d = X.shape
    if method == "auto":
        result = None
        if n * (d + 1) > _SMALL_PROBLEM:
            result = _fit_semi_normal(X, y, fit_intercept)
        if result is None:
            result = _fit_qr(X, y, fit_intercept, refine=3)
    elif method == "qr":
        result = _fit_qr(X, y, fit_intercept, refine=0)
    elif method == "normal":
        result = _fit_normal(X, y, fit_intercept)
    else:
        result = _fit_svd(X, y, fit_intercept)
    return result


def _fit_normal(X, y, fit_intercept):
    """The normal equations X̃ᵀX̃θ = X̃ᵀy solved as written; rank and κ judged from the Gram matrix.

    The Gram matrix costs one pass over X; its eigenvalues (after scaling the
    columns to unit length) cost next to nothing, and κ(X̃)² = λ_max/λ_min. When
    λ_min is at rounding level (κ(X̃) beyond about 10⁷ after scaling) the Gram
    matrix cannot tell a rank-deficient X̃ from a merely ill-conditioned one:
    the minimum-norm solution from the SVD is returned instead, with a note.
    """
    gram, rhs = _gram(X, y, fit_intercept)
    p = gram.shape[0]
    _, eig = _scaled_eigenvalues(gram)
    rank = int(np.sum(eig > p * _EPS * eig[-1])) if eig[-1] > 0 else 0
    if rank < p:
        w, b, info = _fit_svd(X, y, fit_intercept)
        found = info.get("note", f"full rank ({info['rank']} of {p}): least-squares solution from the SVD")
        info["note"] = (f"X̃ᵀX̃ is numerically singular (rank {rank} of {p} judged from its eigenvalues), so the "
                        f"normal equations cannot be solved; the SVD of the column-scaled X̃ finds {found}")
        return w, b, info
    kappa = float(np.sqrt(eig[-1] / eig[0]))
    info = {"method": "normal", "rank": rank, "condition_number": kappa, "refinement_steps": 0}
    try:
        theta = np.linalg.solve(gram, rhs)
    except np.linalg.LinAlgError:  # exactly singular in floating point
        w, b, info = _fit_svd(X, y, fit_intercept)
        info["note"] = "X̃ᵀX̃ is exactly singular in floating point: minimum-norm solution from the SVD instead"
        return w, b, info
    if kappa ** 2 * _EPS > 1e-3:
        info["note"] = (f"κ(X̃ᵀX̃) ≈ {kappa ** 2:.0e} (columns scaled to unit length): expect to lose about "
                        f"{np.log10(kappa ** 2):.0f} of the ≈ 16 digits; QR or the SVD of X̃ keep more")
    w, b = _split(theta, fit_intercept)
    return w, b, info


def _fit_svd(X, y, fit_intercept):
    """Least squares through the SVD of the column-scaled design X̃ (the pseudoinverse, Σ⁺ by hand).

    The rank is decided on the column-scaled X̃ (as QR does), so bad units alone
    never make a column look dependent. Full rank: θ = (X̃/s)⁺y / s. Rank r
    below full: the minimum-norm w (the intercept is not part of the norm, as in
    scikit-learn) from the r largest singular values of the centred X as given.
    """
    A = _design(X, fit_intercept)
    scale = _column_scale(A)
    sv = np.linalg.svd(A / scale, compute_uv=False)
    rank = _rank(sv, A.shape)
    info = {"method": "svd", "rank": rank, "refinement_steps": 0}
    if rank == A.shape[1]:
        with np.errstate(over="ignore"):
            info["condition_number"] = float(sv[0] / sv[-1])
        theta = (pinv_svd(A / scale) @ y) / scale
        w, b = _split(theta, fit_intercept)
        return w, b, info
    info["condition_number"] = float("inf")
    info["note"] = f"rank-deficient (rank {rank} of {A.shape[1]}): minimum-norm solution from the SVD"
    w, b = _min_norm(X, y, fit_intercept, keep=rank - int(fit_intercept))
    return w, b, info
