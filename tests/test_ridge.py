"""Ridge regression (lrcore.ridge): every method against scikit-learn's Ridge and the theory."""

import warnings

import numpy as np
import pytest
from helpers import house_training_rows

import lrcore as lr

sklearn_linear = pytest.importorskip("sklearn.linear_model")

METHODS = ("auto", "normal", "svd", "qr")


HOUSES = house_training_rows()
Z_HOUSES = lr.standardize(HOUSES[0])[0]


def _rel(a, b):
    return float(np.max(np.abs(np.asarray(a) - b) / np.abs(b)))


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("alpha", [0.0, 1.0, 300.0, 1e5])
@pytest.mark.parametrize("scaled", [True, False], ids=["standardised", "raw"])
def test_matches_sklearn_ridge_on_the_house_data(method, alpha, scaled):
    X = Z_HOUSES if scaled else HOUSES[0]
    y = HOUSES[1]
    w, b = lr.fit_ridge(X, y, alpha, method=method)
    ref = sklearn_linear.Ridge(alpha=alpha, solver="svd").fit(X, y)
    assert _rel(np.append(w, b), np.append(ref.coef_, ref.intercept_)) < 1e-6


def test_descent_matches_sklearn_to_its_stated_tolerance():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(300, 4)) * [1.0, 10.0, 0.1, 1000.0] + [0, 5, -3, 2e4]   # very different ranges
    y = X @ [2.0, -0.3, 40.0, 0.01] + rng.normal(size=300)
    for alpha in (0.5, 50.0):
        w, b, info = lr.fit_ridge(X, y, alpha, method="descent", return_info=True)
        ref = sklearn_linear.Ridge(alpha=alpha, solver="svd").fit(X, y)
        assert info["stop_reason"] == "grad_tol"
        assert _rel(np.append(w, b), np.append(ref.coef_, ref.intercept_)) < 1e-6


def test_descent_on_house_subset_matches_qr():
    X, y = Z_HOUSES[:3000, :13], HOUSES[1][:3000]
    w, b = lr.fit_ridge(X, y, 10.0, method="descent")
    w_ref, b_ref = lr.fit_ridge(X, y, 10.0, method="qr")
    assert _rel(np.append(w, b), np.append(w_ref, b_ref)) < 1e-6


def test_descent_that_runs_out_of_steps_warns():
    X, y = Z_HOUSES[:500, :13], HOUSES[1][:500]
    with pytest.warns(lr.RidgeConvergenceWarning, match="max_iter"):
        lr.fit_ridge(X, y, 1.0, method="descent", max_iter=3)


def test_intercept_is_not_penalised_and_the_gradient_vanishes():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(50, 3)) + 100.0
    y = X @ [1.0, 2.0, 3.0] + 500.0 + rng.normal(size=50)
    alpha = 20.0
    w, b = lr.fit_ridge(X, y, alpha)
    r = X @ w + b - y
    assert abs(r.sum()) < 1e-8 * np.abs(y).sum()                  # ∂/∂b of SSE is 0: b is free
    grad_w = 2 * X.T @ r + 2 * alpha * w                          # ∇_w (SSE + α‖w‖²)
    assert np.linalg.norm(grad_w) < 1e-8 * np.linalg.norm(2 * X.T @ y)
    # penalising the intercept too (the common mistake) gives a different, worse-fitting answer
    A = lr.add_intercept(X)
    theta_wrong = np.linalg.solve(A.T @ A + alpha * np.eye(4), A.T @ y)
    assert abs(theta_wrong[-1] - b) > 1.0


def test_eigenvalues_shift_by_alpha():
    X = Z_HOUSES[:, :13]
    Xc = X - X.mean(axis=0)
    lam = np.linalg.eigvalsh(Xc.T @ Xc)
    alpha = 5000.0
    lam_ridge = np.linalg.eigvalsh(Xc.T @ Xc + alpha * np.eye(13))
    assert np.allclose(lam_ridge, lam + alpha, rtol=1e-10)
    assert lam_ridge[-1] / lam_ridge[0] < lam[-1] / lam[0]


def test_alpha_zero_is_least_squares_and_large_alpha_shrinks_to_zero():
    X, y = Z_HOUSES[:, :13], HOUSES[1]
    w0, b0 = lr.fit_ridge(X, y, 0.0)
    w_ls, b_ls = lr.fit_closed_form(X, y)
    assert _rel(np.append(w0, b0), np.append(w_ls, b_ls)) < 1e-8
    norms = [np.linalg.norm(lr.fit_ridge(X, y, a)[0]) for a in (0.0, 1e2, 1e4, 1e6, 1e8)]
    assert all(a > b for a, b in zip(norms, norms[1:], strict=False))
    w_big, b_big = lr.fit_ridge(X, y, 1e14)
    assert np.linalg.norm(w_big) < 1e-6 * norms[0] and b_big == pytest.approx(y.mean(), rel=1e-6)


def test_collinear_columns_alpha_zero_gives_minimum_norm():
    X3, y = lr.load_houses(["sqft_living", "sqft_above", "sqft_basement"])
    for method in METHODS:
        w, b = lr.fit_ridge(X3[:2000], y[:2000], 0.0, method=method)
        w_ref, b_ref = lr.fit_closed_form(X3[:2000], y[:2000], method="svd")
        assert _rel(np.append(w, b), np.append(w_ref, b_ref)) < 1e-6, method
    w, b = lr.fit_ridge(X3[:2000], y[:2000], 10.0)            # α > 0: unique, and sklearn agrees
    ref = sklearn_linear.Ridge(alpha=10.0, solver="svd").fit(X3[:2000], y[:2000])
    assert _rel(np.append(w, b), np.append(ref.coef_, ref.intercept_)) < 1e-6


def test_no_intercept_matches_sklearn():
    X, y = Z_HOUSES[:4000, :13], HOUSES[1][:4000]
    for method in METHODS:
        w, b = lr.fit_ridge(X, y, 7.0, method=method, fit_intercept=False)
        ref = sklearn_linear.Ridge(alpha=7.0, fit_intercept=False, solver="svd").fit(X, y)
        assert b == 0.0 and _rel(w, ref.coef_) < 1e-8


def test_ridge_path_matches_fit_ridge_and_extreme_magnitudes_scale():
    X, y = Z_HOUSES[:, :13], HOUSES[1]
    alphas = np.array([0.0, 10.0, 1e3, 1e5])
    W, b = lr.ridge_path(X, y, alphas)
    for k, a in enumerate(alphas):
        w_k, b_k = lr.fit_ridge(X, y, a)
        assert _rel(np.append(W[k], b[k]), np.append(w_k, b_k)) < 1e-8
    # X·2^300 and y·2^300 with α·2^600 is the same problem; w stays, b scales
    big = 2.0 ** 300
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        w_big, b_big = lr.fit_ridge(X[:500] * big, y[:500] * big, 10.0 * big * big)
    w_ref, b_ref = lr.fit_ridge(X[:500], y[:500], 10.0)
    assert _rel(w_big, w_ref) < 1e-9 and b_big / big == pytest.approx(b_ref, rel=1e-9)


BAD = [
    ("alpha negative", lambda: lr.fit_ridge([[1.0], [2.0]], [1.0, 2.0], -1.0), ValueError, "alpha"),
    ("alpha NaN", lambda: lr.fit_ridge([[1.0], [2.0]], [1.0, 2.0], np.nan), ValueError, "alpha"),
    ("alpha string", lambda: lr.fit_ridge([[1.0], [2.0]], [1.0, 2.0], "1"), TypeError, "alpha"),
    ("alpha None", lambda: lr.fit_ridge([[1.0], [2.0]], [1.0, 2.0], None), TypeError, "alpha"),
    ("method", lambda: lr.fit_ridge([[1.0], [2.0]], [1.0, 2.0], 1.0, method="lsqr"), ValueError, "method"),
    ("X NaN", lambda: lr.fit_ridge([[np.nan], [2.0]], [1.0, 2.0], 1.0), ValueError, "X"),
    ("lengths", lambda: lr.fit_ridge([[1.0], [2.0]], [1.0, 2.0, 3.0], 1.0), ValueError, "X has 2 rows"),
    ("fit_intercept", lambda: lr.fit_ridge([[1.0], [2.0]], [1.0, 2.0], 1.0, fit_intercept=1), TypeError,
     "fit_intercept"),
    ("max_iter", lambda: lr.fit_ridge([[1.0], [2.0]], [1.0, 2.0], 1.0, max_iter=0), ValueError, "max_iter"),
    ("tol", lambda: lr.fit_ridge([[1.0], [2.0]], [1.0, 2.0], 1.0, tol=0.0), ValueError, "tol"),
    ("path alphas negative", lambda: lr.ridge_path([[1.0], [2.0]], [1.0, 2.0], [1.0, -2.0]), ValueError, "alphas"),
    ("path alphas empty", lambda: lr.ridge_path([[1.0], [2.0]], [1.0, 2.0], []), ValueError, "alphas"),
    ("path alphas text", lambda: lr.ridge_path([[1.0], [2.0]], [1.0, 2.0], "1"), TypeError, "alphas"),
]


@pytest.mark.parametrize(("label", "call", "exc", "text"), BAD, ids=[c[0] for c in BAD])
def test_bad_input_names_the_argument(label, call, exc, text):
    with pytest.raises(exc, match=text):
        call()
