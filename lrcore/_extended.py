"""Residuals in portable extended precision: double-double arithmetic in numpy.

Iterative refinement needs the residual of a least-squares system to more
digits than double precision holds. ``np.longdouble`` gives 64 bits of
mantissa on x86-64 Linux but is plain double on Windows and on macOS with ARM,
so it cannot be relied on. Error-free transformations can: in IEEE-754 double
arithmetic (round to nearest), for any doubles a and b

* ``two_sum(a, b)`` returns s = fl(a + b) and e with a + b = s + e exactly
  (Knuth);
* ``two_prod(a, b)`` returns p = fl(a·b) and e with a·b = p + e exactly
  (Dekker's split of each factor into two 26-bit halves, no FMA needed),

as long as nothing overflows. Summing the rounded parts error-free and the
error parts in plain double gives the result as if computed in about twice
the working precision and then rounded once (Ogita, Rump and Oishi's Sum2 and
Dot2). Everything here is element-wise numpy, so it gives the same answer on
every CPU, with or without SIMD, whatever BLAS numpy uses.
"""

from __future__ import annotations

import numpy as np

__all__ = ["two_sum", "two_prod", "accurate_sum", "accurate_residual", "accurate_rmatvec"]

_SPLITTER = 134217729.0  # 2**27 + 1: splits a 53-bit mantissa into two halves of at most 26 bits


def two_sum(a, b):
    """s = fl(a + b) and the rounding error e, with a + b = s + e exactly."""
    s = a + b
    bb = s - a
    e = (a - (s - bb)) + (b - bb)
    return s, e


def _split(a):
    c = _SPLITTER * a
    hi = c - (c - a)
    return hi, a - hi


def two_prod(a, b):
    """p = fl(a·b) and the rounding error e, with a·b = p + e exactly (no underflow or overflow)."""
    p = a * b
    ah, al = _split(a)
    bh, bl = _split(b)
    e = ((ah * bh - p) + ah * bl + al * bh) + al * bl
    return p, e


def accurate_sum(hi, lo=None):
    """Σ along axis 0 of ``hi`` (+ ``lo``), as if in twice the working precision, rounded once.

    The additions of ``hi`` go through a pairwise tree of ``two_sum`` whose
    errors are kept; those errors and ``lo`` (small corrections, e.g. the
    errors of ``two_prod``) are summed in plain double.
    """
    hi = np.asarray(hi, dtype=float)
    err = np.zeros(hi.shape[1:]) if lo is None else np.asarray(lo, dtype=float).sum(axis=0)
    while hi.shape[0] > 1:
        half = hi.shape[0] // 2
        s, e = two_sum(hi[:half], hi[half:2 * half])
        err = err + e.sum(axis=0)
        hi = np.concatenate([s, hi[2 * half:]]) if hi.shape[0] % 2 else s
    total = hi[0] if hi.shape[0] else np.zeros(hi.shape[1:])
    return total + err


def accurate_residual(A, x, y, r):
    """y − r − A·x for A (n, p), x (p,), y and r (n,), in double-double, rounded to double.

    The residual of the first block row of the augmented system
    [I A; Aᵀ 0][r; x] = [y; 0]. Returns None when an intermediate overflows
    (the caller then keeps plain double precision).
    """
    with np.errstate(over="ignore", invalid="ignore"):
        prod, prod_err = two_prod(A, -x)                        # (n, p): −A_ij·x_j exactly as prod + err
        terms = np.vstack([y, -r, prod.T])                       # (p + 2, n)
        out = accurate_sum(terms, prod_err.T)
    return out if np.all(np.isfinite(out)) else None


def accurate_rmatvec(A, r):
    """Aᵀ·r for A (n, p) and r (n,), in double-double, rounded to double (None on overflow)."""
    with np.errstate(over="ignore", invalid="ignore"):
        prod, prod_err = two_prod(A, r[:, None])                 # (n, p)
        out = accurate_sum(prod, prod_err)
    return out if np.all(np.isfinite(out)) else None
