"""Double-double residuals: exact error-free transformations and NIST accuracy without long double."""

from fractions import Fraction

import numpy as np
import pytest
from helpers import lre
from hypothesis import given
from hypothesis import strategies as st

import lrcore as lr
from lrcore import _extended as ext
from lrcore import closed_form

moderate = st.floats(min_value=-1e100, max_value=1e100, allow_nan=False).filter(lambda v: v == 0 or abs(v) > 1e-100)


@given(moderate, moderate)
def test_two_sum_is_exact(a, b):
    s, e = ext.two_sum(np.float64(a), np.float64(b))
    assert Fraction(a) + Fraction(b) == Fraction(float(s)) + Fraction(float(e))
    assert s == a + b


@given(moderate, moderate)
def test_two_prod_is_exact(a, b):
    p, e = ext.two_prod(np.float64(a), np.float64(b))
    assert Fraction(a) * Fraction(b) == Fraction(float(p)) + Fraction(float(e))


def _exact_residual(A, x, y, r):
    return [float(Fraction(yi) - Fraction(ri) - sum(Fraction(a) * Fraction(xj) for a, xj in zip(row, x, strict=True)))
            for row, yi, ri in zip(A, y, r, strict=True)]


@pytest.mark.parametrize("seed", range(5))
def test_residual_is_correctly_rounded_where_double_cancels(seed):
    rng = np.random.default_rng(seed)
    A = rng.normal(size=(40, 4)) * 10.0 ** rng.integers(-3, 4, size=4)
    x = rng.normal(size=4)
    y = A @ x + rng.normal(size=40) * 1e-9          # residual 1e-9 of terms near 1e3: double keeps few digits
    r = rng.normal(size=40) * 1e-9
    exact = np.array(_exact_residual(A, x, y, r))
    dd = ext.accurate_residual(A, x, y, r)
    plain = y - r - A @ x
    assert np.allclose(dd, exact, rtol=1e-14, atol=0)
    assert not np.allclose(plain, exact, rtol=1e-8, atol=0)  # the test would catch plain double


def test_rmatvec_matches_exact_sum():
    rng = np.random.default_rng(7)
    A = rng.normal(size=(1001, 3)) * 1e4
    r = rng.normal(size=1001)
    r -= A @ np.linalg.lstsq(A, r, rcond=None)[0]    # r ⟂ columns: Aᵀr cancels to near zero
    exact = [float(sum(Fraction(a) * Fraction(b) for a, b in zip(A[:, j], r, strict=True))) for j in range(3)]
    assert np.allclose(ext.accurate_rmatvec(A, r), exact, rtol=1e-12, atol=0)


def test_overflow_returns_none_instead_of_warning():
    A = np.full((3, 2), 1e300)
    assert ext.accurate_residual(A, np.array([1e10, 1.0]), np.zeros(3), np.zeros(3)) is None
    assert ext.accurate_rmatvec(A, np.full(3, 1e300)) is None


def test_plain_double_residuals_would_miss_the_promise():
    """The same refinement with residuals in plain double falls short on Wampler5: the test above can fail."""
    X, y, cert = lr.load_nist("Wampler5")
    A = lr.add_intercept(X)
    scale = np.linalg.norm(A, axis=0)
    Q, R = np.linalg.qr(A / scale)
    theta0 = np.linalg.solve(R, Q.T @ y) / scale
    plain = closed_form._refine_augmented(A, y, theta0, Q, R, scale, 3, residuals="double")
    dd = closed_form._refine_augmented(A, y, theta0, Q, R, scale, 3, residuals="double-double")
    as_cert = lambda t: np.append(t[-1], t[:-1])  # noqa: E731
    assert lre(as_cert(plain), cert["beta"]).min() < 7.0 <= lre(as_cert(dd), cert["beta"]).min()
