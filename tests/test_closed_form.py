import warnings

import numpy as np
import pytest
from helpers import lre
from hypothesis import given
from hypothesis import strategies as st

import lrcore as lr


@st.composite
def matrices(draw):
    seed = draw(st.integers(0, 10_000))
    m, n = draw(st.integers(1, 12)), draw(st.integers(1, 12))
    rank = draw(st.integers(0, min(m, n)))
    rng = np.random.default_rng(seed)
    return rng.normal(size=(m, rank)) @ rng.normal(size=(rank, n)) if rank else np.zeros((m, n))


@given(matrices())
def test_pinv_svd_matches_numpy(A):
    P = lr.pinv_svd(A)
    ref = np.linalg.pinv(A, rcond=max(A.shape) * np.finfo(float).eps)
    assert P.shape == A.T.shape
    assert np.allclose(P, ref, atol=1e-8 * (1 + np.abs(ref).max()))


@given(matrices())
def test_pinv_svd_satisfies_the_penrose_conditions(A):
    P = lr.pinv_svd(A)
    tol = 1e-8 * (1 + np.abs(A).max()) * (1 + np.abs(P).max()) ** 2
    assert np.allclose(A @ P @ A, A, atol=tol)
    assert np.allclose(P @ A @ P, P, atol=tol)
    assert np.allclose((A @ P).T, A @ P, atol=tol)
    assert np.allclose((P @ A).T, P @ A, atol=tol)


def test_sigma_plus_has_the_transposed_shape_and_reciprocals():
    S = lr.sigma_plus([4.0, 2.0, 0.0], (5, 3))
    assert S.shape == (3, 5)
    assert np.allclose(np.diag(S), [0.25, 0.5, 0.0])
    assert np.count_nonzero(S) == 2
    # V Σ⁺ Uᵀ with the full SVD equals pinv_svd
    A = np.random.default_rng(0).normal(size=(5, 3))
    U, s, Vt = np.linalg.svd(A)
    assert np.allclose(Vt.T @ lr.sigma_plus(s, A.shape) @ U.T, lr.pinv_svd(A))


def test_rcond_drops_small_singular_values():
    A = np.diag([1.0, 1e-8])
    assert lr.pinv_svd(A)[1, 1] == pytest.approx(1e8)
    assert lr.pinv_svd(A, rcond=1e-6)[1, 1] == 0.0


@st.composite
def regressions(draw):
    seed = draw(st.integers(0, 10_000))
    n, d = draw(st.integers(5, 80)), draw(st.integers(1, 5))
    if n <= d + 1:
        n = d + 3
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d)) * rng.uniform(0.1, 10, size=d)
    y = X @ rng.normal(size=d) + rng.normal(size=n)
    return X, y


@pytest.mark.parametrize("method", ["auto", "normal", "qr", "svd"])
@given(problem=regressions())
def test_closed_form_matches_lstsq_and_scikit_learn(method, problem):
    from sklearn import linear_model
    X, y = problem
    w, b = lr.fit_closed_form(X, y, method=method)
    theta = np.linalg.lstsq(np.hstack([X, np.ones((len(y), 1))]), y, rcond=None)[0]
    assert np.allclose(w, theta[:-1], rtol=1e-7, atol=1e-9) and b == pytest.approx(theta[-1], rel=1e-7, abs=1e-9)
    sk = linear_model.LinearRegression().fit(X, y)
    assert np.allclose(w, sk.coef_, rtol=1e-7, atol=1e-9) and b == pytest.approx(sk.intercept_, rel=1e-7, abs=1e-9)


@given(regressions())
def test_no_intercept_matches_lstsq(problem):
    X, y = problem
    w, b = lr.fit_closed_form(X, y, fit_intercept=False)
    assert b == 0.0 and np.allclose(w, np.linalg.lstsq(X, y, rcond=None)[0], rtol=1e-8, atol=1e-10)


@pytest.mark.parametrize("long_double", ["as this platform has it", "plain double"])
@pytest.mark.parametrize("name", lr.nist_names())
def test_auto_is_accurate_on_every_nist_problem(name, long_double, monkeypatch):
    """≥ 7 digits everywhere, also where np.longdouble is float64 (Windows, macOS on ARM): the
    refinement must not need it (tests/test_extended.py shows plain double would not do)."""
    if long_double == "plain double":
        monkeypatch.setattr(np, "longdouble", np.float64)
    X, y, cert = lr.load_nist(name)
    w, b = lr.fit_closed_form(X, y, method="auto", fit_intercept=cert["intercept"])
    estimate = np.append(b, w) if cert["intercept"] else w
    assert lre(estimate, cert["beta"]).min() >= 7.0


def test_the_normal_equations_lose_filip_and_auto_does_not():
    X, y, cert = lr.load_nist("Filip")
    A = lr.add_intercept(X)
    theta = np.linalg.solve(A.T @ A, A.T @ y)                  # the textbook recipe
    assert lre(np.append(theta[-1], theta[:-1]), cert["beta"]).min() < 2  # κ² beats double precision
    w, b, info = lr.fit_closed_form(X, y, method="normal", return_info=True)
    assert info["method"] == "svd" and "numerically singular" in info["note"] and "full rank (11 of 11)" in info["note"]
    w, b = lr.fit_closed_form(X, y)
    assert lre(np.append(b, w), cert["beta"]).min() >= 7


def test_column_scaling_rescues_filip_for_the_svd():
    """The SVD decides Filip's rank on unit-length columns (11 of 11) and keeps about 7 digits;
    np.linalg.lstsq on the columns as given drops a singular value and keeps none."""
    X, y, cert = lr.load_nist("Filip")
    w, b, info = lr.fit_closed_form(X, y, method="svd", return_info=True)
    assert info["rank"] == 11 and lre(np.append(b, w), cert["beta"]).min() >= 6.5
    theta = np.linalg.lstsq(lr.add_intercept(X), y, rcond=None)[0]
    assert lre(np.append(theta[-1], theta[:-1]), cert["beta"]).min() < 2


def test_normal_method_judges_rank_from_the_gram_matrix_without_an_svd_of_x(monkeypatch):
    """method="normal" costs one pass over X: no SVD or QR of the n×(d+1) design on a full-rank problem."""
    rng = np.random.default_rng(3)
    X = rng.normal(size=(500, 4))
    y = X @ [1.0, 2.0, 3.0, 4.0] + 5.0 + rng.normal(size=500)
    big = []
    real_svd, real_qr = np.linalg.svd, np.linalg.qr
    monkeypatch.setattr(np.linalg, "svd", lambda a, *k, **kw: big.append(np.shape(a)) or real_svd(a, *k, **kw))
    monkeypatch.setattr(np.linalg, "qr", lambda a, *k, **kw: big.append(np.shape(a)) or real_qr(a, *k, **kw))
    w, b, info = lr.fit_closed_form(X, y, method="normal", return_info=True)
    assert not [s for s in big if s[0] >= 500], big
    assert info["method"] == "normal" and info["rank"] == 5
    assert np.allclose(np.append(w, b), np.linalg.lstsq(lr.add_intercept(X), y, rcond=None)[0], rtol=1e-10)


def test_normal_equation_solves_the_textbook_system():
    x, y = lr.make_line_data(n=20, seed=1)
    theta = lr.normal_equation(lr.add_intercept(x), y)
    A = lr.add_intercept(x)
    assert np.allclose(A.T @ A @ theta, A.T @ y)


def test_duplicated_feature_is_solved_with_the_minimum_norm_answer():
    rng = np.random.default_rng(2)
    x = rng.normal(size=50)
    y = 3 * x + 1 + 0.1 * rng.normal(size=50)
    X = np.column_stack([x, x])
    for method in ("auto", "svd", "qr"):
        w, b, info = lr.fit_closed_form(X, y, method=method, return_info=True)
        assert info["rank"] == 2 and info["method"] == "svd"
        assert w[0] == pytest.approx(w[1]) and w.sum() == pytest.approx(lr.fit_closed_form(x, y)[0][0])
    with pytest.warns(lr.IllConditionedWarning, match="rank 2 of 3"):
        theta = lr.normal_equation(lr.add_intercept(X), y)
    assert theta[0] == pytest.approx(theta[1])
    w, b, info = lr.fit_closed_form(X, y, method="normal", return_info=True)
    assert "rank-deficient" in info["note"] and info["rank"] == 2 and info["condition_number"] == np.inf
    assert np.allclose(w, lr.fit_closed_form(X, y, method="auto")[0])


@pytest.mark.parametrize("c", [0.22, 0.65, 3.0, 1e-3])
def test_a_scaled_copy_of_a_column_is_recognised_by_every_method(c):
    """Rounding makes XᵀX look merely ill-conditioned; the SVD of X sees the rank."""
    from sklearn import linear_model
    x = np.linspace(0, 1, 20) ** 1.5
    y = 2 * x + 1
    X = np.column_stack([x, c * x])
    ref = linear_model.LinearRegression().fit(X, y)
    for method in ("auto", "normal", "qr", "svd"):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            w, b, info = lr.fit_closed_form(X, y, method=method, return_info=True)
        assert info["rank"] == 2, method
        assert np.allclose(w, ref.coef_, rtol=1e-6, atol=1e-9) and b == pytest.approx(ref.intercept_), method
    with pytest.warns(lr.IllConditionedWarning, match="rank 2 of 3"):
        lr.normal_equation(lr.add_intercept(X), y)


def test_constant_feature_is_solved():
    x = np.linspace(0, 1, 10)
    X = np.column_stack([x, np.full(10, 4.0)])
    w, b = lr.fit_closed_form(X, 2 * x + 1)
    assert np.allclose(X @ w + b, 2 * x + 1)


def test_house_columns_collinearity_matches_scikit_learn():
    from sklearn import linear_model
    X, y = lr.load_houses(("sqft_living", "sqft_above", "sqft_basement"))
    w, b, info = lr.fit_closed_form(X, y, return_info=True)
    assert info["rank"] == 3
    sk = linear_model.LinearRegression().fit(X, y)
    assert np.allclose(X @ w + b, sk.predict(X), rtol=1e-8)


def test_condition_number_matches_numpy():
    A = np.random.default_rng(0).normal(size=(10, 3)) * [1, 10, 100]
    assert lr.condition_number(A) == pytest.approx(np.linalg.cond(A))
    assert lr.condition_number(np.ones((3, 2))) == np.inf or lr.condition_number(np.ones((3, 2))) > 1e15
    # the normal equations square it
    assert lr.condition_number(A.T @ A) == pytest.approx(lr.condition_number(A) ** 2, rel=1e-6)


def test_large_well_conditioned_problem_takes_the_fast_path():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200_000, 12))
    y = X @ rng.normal(size=12) + 3 + rng.normal(size=200_000)
    w, b, info = lr.fit_closed_form(X, y, return_info=True)
    assert info["method"] == "normal"
    ref = np.linalg.lstsq(np.hstack([X, np.ones((len(y), 1))]), y, rcond=None)[0]
    assert np.allclose(np.append(w, b), ref, rtol=1e-10, atol=1e-12)


def test_no_warning_escapes_fit_closed_form_normal():
    X, y, _ = lr.load_nist("Longley")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        lr.fit_closed_form(X, y, method="normal")


def test_normal_equation_on_a_full_rank_ill_conditioned_problem_solves_as_written():
    X, y, cert = lr.load_nist("Longley")
    A = lr.add_intercept(X)
    with pytest.warns(lr.IllConditionedWarning, match="expect to lose digits"):
        theta = lr.normal_equation(A, y)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        textbook = np.linalg.solve(A.T @ A, A.T @ y)
    assert np.array_equal(theta, textbook)
    assert lre(np.append(theta[-1], theta[:-1]), cert["beta"]).min() < lre(
        np.append(*lr.fit_closed_form(X, y)[::-1]), cert["beta"]).min()


@pytest.mark.parametrize("method", ["normal", "auto"])
@pytest.mark.parametrize("exponent", [-560, 600])
def test_large_problems_check_their_range_from_the_gram_matrix(method, exponent):
    """Above 2 million numbers the Gram-matrix methods skip the separate range pass: a column whose squares
    underflow or overflow must still be caught (and solved exactly on power-of-2-scaled copies)."""
    rng = np.random.default_rng(11)
    X0 = rng.normal(size=(200_000, 10))
    y = X0 @ np.arange(1.0, 11.0) + 3.0 + rng.normal(size=200_000)
    w0, b0 = lr.fit_closed_form(X0, y, method=method)
    X = X0.copy()
    X[:, 3] = np.ldexp(X[:, 3], exponent)                    # exact: a power of 2
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        w, b = lr.fit_closed_form(X, y, method=method)
    expected = w0.copy()
    expected[3] = np.ldexp(w0[3], -exponent)
    assert np.allclose(w, expected, rtol=1e-9, atol=0) and b == pytest.approx(b0, rel=1e-9)
