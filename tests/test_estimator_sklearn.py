"""lrcore.LinearRegression inside scikit-learn: check_estimator, its tools, and sample weights."""

import subprocess
import sys
import warnings

import numpy as np
import pytest

import lrcore as lr

sklearn = pytest.importorskip("sklearn")
from sklearn import linear_model  # noqa: E402
from sklearn.base import clone, is_classifier, is_regressor  # noqa: E402
from sklearn.exceptions import DataConversionWarning, NotFittedError  # noqa: E402
from sklearn.model_selection import GridSearchCV, KFold, cross_val_score  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402
from sklearn.utils import estimator_checks  # noqa: E402
from sklearn.utils.estimator_checks import check_estimator  # noqa: E402
from sklearn.utils.validation import check_is_fitted  # noqa: E402

METHODS = ("auto", "normal", "qr", "svd")

# --- check_estimator --------------------------------------------------------------

ONE_D_X = ("the course reads a 1-D X as one feature (n samples), so fit accepts it where scikit-learn "
           "wants a ValueError")
EXPECTED_FAILURES = {
    "closed_form": {
        "check_fit1d": ONE_D_X,
        "check_non_transformer_estimators_n_iter": (
            "the closed form does not iterate: n_iter_ is None, scikit-learn's convention for Ridge's direct "
            "solvers (scikit-learn marks this check as an expected failure for Ridge too)"),
    },
    "gd": {"check_fit1d": ONE_D_X},
}
# Checks that must have run and passed: they cover what lrcore adds for scikit-learn.
MUST_PASS = (
    "check_valid_tag_types", "check_estimators_unfitted", "check_n_features_in_after_fitting",
    "check_complex_data", "check_dtype_object", "check_supervised_y_2d", "check_requires_y_none",
    "check_fit2d_predict1d", "check_estimator_sparse_tag", "check_estimator_sparse_array",
    "check_estimator_sparse_matrix", "check_estimators_empty_data_messages", "check_estimators_nan_inf",
    "check_sample_weights_shape", "check_all_zero_sample_weights_error",
    "check_sample_weight_equivalence_on_dense_data", "check_regressors_train", "check_fit_check_is_fitted",
    "check_estimator_repr", "check_set_params", "check_fit_idempotent",
)
# Checks scikit-learn itself skips when an optional package or set-up is missing.
MAY_SKIP = {
    "check_array_api_input": "needs SCIPY_ARRAY_API=1 and array-api-strict",
    "check_regressor_data_not_an_array": "needs pandas",
    "check_sample_weights_pandas_series": "needs pandas",
    "check_dataframe_column_names_consistency": "needs pandas",
}


def _run_check_estimator(solver):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "does not inherit from BaseEstimator", SkipTestWarning, ConvergenceWarning
        return check_estimator(lr.LinearRegression(solver=solver), on_fail=None,
                               expected_failed_checks=EXPECTED_FAILURES[solver])


@pytest.mark.parametrize("solver", ["closed_form", "gd"])
def test_check_estimator_passes_all_but_the_named_expected_failures(solver):
    results = _run_check_estimator(solver)
    failed = {r["check_name"]: repr(r["exception"]) for r in results if r["status"] == "failed"}
    assert not failed, failed
    xfailed = {r["check_name"] for r in results if r["status"] == "xfail"}
    assert xfailed == set(EXPECTED_FAILURES[solver]), "an expected failure now passes: update the list"
    skipped = {r["check_name"] for r in results if r["status"] == "skipped"}
    assert skipped <= set(MAY_SKIP), skipped
    passed = {r["check_name"] for r in results if r["status"] == "passed"}
    # a check that this scikit-learn does not have yet (it added some in 1.6.1 and 1.7) cannot have run
    must_pass = {name for name in MUST_PASS if hasattr(estimator_checks, name)}
    assert len(must_pass) >= len(MUST_PASS) - 3, "most of the checks lrcore relies on must exist"
    assert must_pass <= passed, must_pass - passed
    assert len(passed) >= 50


def test_the_expected_failures_fail_for_the_stated_reasons():
    rng = np.random.default_rng(0)
    x = rng.uniform(size=20)
    model = lr.LinearRegression().fit(x, 3 * x + 1)  # 1-D X: one feature, by the course's convention
    assert model.n_features_in_ == 1 and model.coef_ == pytest.approx([3.0])
    assert model.n_iter_ is None
    assert lr.LinearRegression(solver="gd").fit(x, 3 * x + 1).n_iter_ >= 1


# --- the protocol pieces ------------------------------------------------------------

def test_not_fitted_error_before_fit():
    model = lr.LinearRegression()
    for call in (lambda: model.predict([[1.0]]), lambda: model.score([[1.0], [2.0]], [1.0, 2.0])):
        with pytest.raises(NotFittedError, match="not fitted"):
            call()
    with pytest.raises(NotFittedError):
        check_is_fitted(model)
    check_is_fitted(model.fit([[0.0], [1.0]], [1.0, 2.0]))
    assert issubclass(NotFittedError, ValueError) and issubclass(NotFittedError, AttributeError)


def test_without_scikit_learn_lrcore_raises_and_warns_with_its_own_classes(monkeypatch):
    monkeypatch.setitem(sys.modules, "sklearn", None)  # "import sklearn" now fails
    with pytest.raises(lr.model.NotFittedError, match="not fitted") as info:
        lr.LinearRegression().predict([[1.0]])
    assert not isinstance(info.value, NotFittedError)
    assert isinstance(info.value, ValueError) and isinstance(info.value, AttributeError)
    with pytest.warns(lr.model.DataConversionWarning, match="column-vector y"):
        lr.LinearRegression().fit([[0.0], [1.0], [2.0]], [[1.0], [2.0], [3.0]])


def test_fit_and_predict_do_not_import_scikit_learn():
    code = (
        "import sys, numpy as np, lrcore\n"
        "x = np.linspace(0, 1, 20)\n"
        "for solver in ('closed_form', 'gd'):\n"
        "    m = lrcore.LinearRegression(solver=solver).fit(x, 2 * x + 1, sample_weight=np.ones(20))\n"
        "    m.predict(x); m.score(x, 2 * x + 1)\n"
        "assert 'sklearn' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_clone_and_is_regressor():
    model = lr.LinearRegression(solver="gd", learning_rate=0.5, max_iter=5000)
    copy = clone(model)
    assert copy is not model and type(copy) is lr.LinearRegression
    assert copy.get_params() == model.get_params()
    fitted = model.fit(np.linspace(0, 1, 10), np.linspace(0, 1, 10))
    assert not hasattr(clone(fitted), "coef_")
    assert is_regressor(model) and not is_classifier(model)
    assert not is_regressor(StandardScaler())


def test_repr_survives_odd_parameter_values():
    model = lr.LinearRegression(learning_rate=np.array([1.0, 4.0]), tol=float("nan"))
    text = repr(model)
    assert text.startswith("LinearRegression(") and "learning_rate=array([1., 4.])" in text and "tol=nan" in text
    assert repr(lr.LinearRegression(method="qr", max_iter=5)) == "LinearRegression(method='qr', max_iter=5)"


# --- scikit-learn's tools give scikit-learn's numbers --------------------------------

@pytest.fixture(scope="module")
def houses():
    return lr.load_houses()


@pytest.fixture(scope="module")
def houses_standardised(houses):
    X, y = houses
    return lr.standardize(X)[0], y


@pytest.mark.parametrize(("solver", "rtol"), [("closed_form", 1e-9), ("gd", 1e-6)])
def test_pipeline_matches_scikit_learn(houses, solver, rtol):
    X, y = houses
    ours = make_pipeline(StandardScaler(), lr.LinearRegression(solver=solver)).fit(X, y)
    ref = make_pipeline(StandardScaler(), linear_model.LinearRegression()).fit(X, y)
    assert np.allclose(ours.predict(X), ref.predict(X), rtol=rtol)
    assert ours.score(X, y) == pytest.approx(ref.score(X, y), rel=rtol)
    assert is_regressor(ours)


def test_pipeline_routes_sample_weight_like_scikit_learn(houses):
    X, y = houses
    w = np.random.default_rng(1).uniform(0, 2, size=len(y))
    ours = make_pipeline(StandardScaler(), lr.LinearRegression()).fit(X, y, linearregression__sample_weight=w)
    ref = make_pipeline(StandardScaler(), linear_model.LinearRegression()).fit(
        X, y, linearregression__sample_weight=w)
    assert np.allclose(ours.predict(X), ref.predict(X), rtol=1e-9)


@pytest.mark.parametrize("scoring", [None, "neg_mean_squared_error"])
def test_cross_val_score_matches_scikit_learn(houses, scoring):
    X, y = houses
    cv = KFold(5, shuffle=True, random_state=0)
    ours = cross_val_score(lr.LinearRegression(), X, y, cv=cv, scoring=scoring)
    ref = cross_val_score(linear_model.LinearRegression(), X, y, cv=cv, scoring=scoring)
    assert ours.shape == (5,) and np.allclose(ours, ref, rtol=1e-9)


def test_grid_search_over_solver_and_method(houses_standardised):
    Z, y = houses_standardised
    grid = {"solver": ["closed_form", "gd"], "method": ["normal", "qr", "svd"]}
    search = GridSearchCV(lr.LinearRegression(), grid, cv=3).fit(Z, y)
    ref = cross_val_score(linear_model.LinearRegression(), Z, y, cv=3)
    assert len(search.cv_results_["params"]) == 6
    assert np.allclose(search.cv_results_["mean_test_score"], ref.mean(), rtol=1e-6)
    best = search.best_estimator_
    assert isinstance(best, lr.LinearRegression) and best.get_params()["solver"] in grid["solver"]
    assert np.allclose(best.predict(Z), linear_model.LinearRegression().fit(Z, y).predict(Z), rtol=1e-6)


# --- sample weights -------------------------------------------------------------------

@pytest.fixture(scope="module")
def weights(houses):
    w = np.random.default_rng(2).uniform(0, 3, size=len(houses[1]))
    w[:40] = 0.0
    return w


@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("method", METHODS)
def test_weighted_closed_form_matches_scikit_learn(houses, weights, method, fit_intercept):
    X, y = houses
    ours = lr.LinearRegression(method=method, fit_intercept=fit_intercept).fit(X, y, sample_weight=weights)
    ref = linear_model.LinearRegression(fit_intercept=fit_intercept).fit(X, y, sample_weight=weights)
    assert np.allclose(ours.coef_, ref.coef_, rtol=1e-8, atol=0)
    assert ours.intercept_ == pytest.approx(ref.intercept_, rel=1e-8, abs=1e-300)
    assert ours.fit_info_["weighted"] and ours.fit_info_["rank"] == 3 + fit_intercept
    assert ours.score(X, y, sample_weight=weights) == pytest.approx(ref.score(X, y, sample_weight=weights),
                                                                    rel=1e-12)
    unweighted = linear_model.LinearRegression(fit_intercept=fit_intercept).fit(X, y)
    assert not np.allclose(ours.coef_, unweighted.coef_, rtol=1e-4)  # the weights matter here


def test_weighted_descent_matches_scikit_learn(houses_standardised, weights):
    Z, y = houses_standardised
    ours = lr.LinearRegression(solver="gd").fit(Z, y, sample_weight=weights)
    ref = linear_model.LinearRegression().fit(Z, y, sample_weight=weights)
    assert ours.history_.converged and ours.n_iter_ == ours.history_.n_iter >= 1
    assert np.allclose(ours.coef_, ref.coef_, rtol=1e-6)
    assert ours.intercept_ == pytest.approx(ref.intercept_, rel=1e-6)


def _repeat(X, y, counts):
    return np.repeat(X, counts, axis=0), np.repeat(y, counts)


@pytest.fixture(scope="module")
def small_problem():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(30, 3))
    y = X @ [1.5, -2.0, 0.5] + 4.0 + rng.normal(scale=0.3, size=30)
    counts = rng.integers(0, 4, size=30)
    counts[:3] = (0, 3, 1)
    return X, y, counts


@pytest.mark.parametrize(("solver", "method", "rtol"),
                         [("closed_form", m, 1e-10) for m in METHODS] + [("gd", "auto", 1e-7)])
def test_integer_weights_equal_repeated_rows(small_problem, solver, method, rtol):
    X, y, counts = small_problem
    weighted = lr.LinearRegression(solver=solver, method=method).fit(X, y, sample_weight=counts)
    repeated = lr.LinearRegression(solver=solver, method=method).fit(*_repeat(X, y, counts))
    assert np.allclose(weighted.coef_, repeated.coef_, rtol=rtol)
    assert weighted.intercept_ == pytest.approx(repeated.intercept_, rel=rtol)
    assert weighted.score(X, y, sample_weight=counts) == pytest.approx(repeated.score(*_repeat(X, y, counts)),
                                                                        rel=1e-12)
    if solver == "gd":  # the default step 1/L comes from the weighted Hessian, the one of the repeated rows
        assert weighted.history_.learning_rate == pytest.approx(repeated.history_.learning_rate, rel=1e-12)


@pytest.mark.parametrize(("solver", "rtol"), [("closed_form", 1e-10), ("gd", 1e-7)])
def test_zero_weights_equal_dropping_rows(small_problem, solver, rtol):
    X, y, _ = small_problem
    y = y.copy()
    y[:5] = 1e6  # wild targets on the rows that get weight 0
    w = np.ones(len(y))
    w[:5] = 0.0
    weighted = lr.LinearRegression(solver=solver).fit(X, y, sample_weight=w)
    dropped = lr.LinearRegression(solver=solver).fit(X[5:], y[5:])
    assert np.allclose(weighted.coef_, dropped.coef_, rtol=rtol)
    assert weighted.intercept_ == pytest.approx(dropped.intercept_, rel=rtol)
    assert abs(weighted.intercept_ - 4.0) < 1.0


def test_scaling_all_weights_changes_nothing(small_problem):
    X, y, counts = small_problem
    for solver in ("closed_form", "gd"):
        a = lr.LinearRegression(solver=solver).fit(X, y, sample_weight=counts)
        b = lr.LinearRegression(solver=solver).fit(X, y, sample_weight=counts * 1e200)
        assert np.allclose(a.coef_, b.coef_, rtol=1e-9) and a.intercept_ == pytest.approx(b.intercept_, rel=1e-9)


@pytest.mark.parametrize("loss", ["mse", "rmse", "mae"])
def test_gradient_descent_with_integer_weights_walks_the_repeated_rows_path(small_problem, loss):
    X, y, counts = small_problem
    weighted = lr.gradient_descent(X, y, 0.05, loss=loss, max_iter=30, tol=None, grad_tol=None,
                                   sample_weight=counts)
    repeated = lr.gradient_descent(*_repeat(X, y, counts), 0.05, loss=loss, max_iter=30, tol=None, grad_tol=None)
    assert weighted.n_iter == repeated.n_iter == 30
    assert np.allclose(weighted.path, repeated.path, rtol=1e-10, atol=1e-12)
    assert np.allclose(weighted.losses, repeated.losses, rtol=1e-10)


def test_gradient_descent_unit_weights_equal_no_weights(small_problem):
    X, y, _ = small_problem
    plain = lr.gradient_descent(X, y, 0.1, max_iter=200)
    ones = lr.gradient_descent(X, y, 0.1, max_iter=200, sample_weight=np.ones(len(y)))
    assert plain.stop_reason == ones.stop_reason and plain.n_iter == ones.n_iter
    assert np.allclose(plain.path, ones.path, rtol=1e-12, atol=1e-14)


def test_the_callers_weights_are_not_changed(small_problem):
    X, y, counts = small_problem
    w = counts.astype(float)
    before = w.copy()
    lr.LinearRegression().fit(X, y, sample_weight=w)
    lr.LinearRegression(solver="gd").fit(X, y, sample_weight=w)
    assert np.array_equal(w, before)


BAD_WEIGHTS = [
    ("negative", lambda n: np.r_[-1.0, np.ones(n - 1)], ValueError, "negative"),
    ("NaN", lambda n: np.r_[np.nan, np.ones(n - 1)], ValueError, "NaN"),
    ("inf", lambda n: np.r_[np.inf, np.ones(n - 1)], ValueError, "infinite"),
    ("all zero", lambda n: np.zeros(n), ValueError, "zero"),
    ("too short", lambda n: np.ones(n - 1), ValueError, "entries"),
    ("2-D", lambda n: np.ones((n, 2)), ValueError, "1-D"),
    ("scalar", lambda n: 2.0, ValueError, "1-D"),
    ("text", lambda n: ["a"] * n, TypeError, "numbers"),
    ("complex", lambda n: np.ones(n) * 1j, TypeError, "numbers"),
]


@pytest.mark.parametrize(("label", "make", "exc", "text"), BAD_WEIGHTS, ids=[b[0] for b in BAD_WEIGHTS])
def test_bad_weights_are_refused_naming_sample_weight(small_problem, label, make, exc, text):
    X, y, _ = small_problem
    fitted = lr.LinearRegression().fit(X, y)
    calls = [
        lambda: lr.LinearRegression().fit(X, y, sample_weight=make(len(y))),
        lambda: lr.LinearRegression(solver="gd").fit(X, y, sample_weight=make(len(y))),
        lambda: fitted.score(X, y, sample_weight=make(len(y))),
        lambda: lr.gradient_descent(X, y, 0.1, sample_weight=make(len(y))),
    ]
    for call in calls:
        with pytest.raises(exc, match=text) as info:
            call()
        assert type(info.value) is exc and "sample_weight" in str(info.value)


# --- inputs as scikit-learn hands them over -------------------------------------------

def test_inputs_scikit_learn_style(small_problem):
    X, y, _ = small_problem
    ref = lr.LinearRegression().fit(X, y)
    as_objects = lr.LinearRegression().fit(X.astype(object), y.astype(object))
    assert np.array_equal(as_objects.coef_, ref.coef_)
    assert np.array_equal(as_objects.predict(X.astype(object)), ref.predict(X))
    with pytest.warns(DataConversionWarning, match="A column-vector y was passed"):
        column = lr.LinearRegression().fit(X, y[:, None])
    assert np.array_equal(column.coef_, ref.coef_)


def test_bad_inputs_scikit_learn_style(small_problem):
    from scipy import sparse

    X, y, _ = small_problem
    model = lr.LinearRegression()
    cases = [
        (lambda: model.fit(X + 1j, y), ValueError, r"Complex data not supported: X must hold real numbers"),
        (lambda: model.fit(X, y + 1j), ValueError, r"Complex data not supported: y must hold real numbers"),
        (lambda: model.fit(sparse.csr_matrix(X), y), TypeError, r"X is a scipy sparse matrix: sparse input is not"),
        (lambda: model.fit(X, None), ValueError, r"LinearRegression requires y to be passed"),
        (lambda: model.fit(np.empty((4, 0)), y[:4]), ValueError, r"X has 0 feature\(s\) \(shape=\(4, 0\)\)"),
    ]
    obj = X.astype(object)
    obj[0, 0] = "1.5"
    cases.append((lambda obj=obj: model.fit(obj, y), TypeError, "X must hold numbers, got text"))
    obj = X.astype(object)
    obj[0, 0] = {"a": 1}
    cases.append((lambda obj=obj: model.fit(obj, y), TypeError, "X must hold numbers only .*dict"))
    for call, exc, pattern in cases:
        with pytest.raises(exc, match=pattern):
            call()
    fitted = model.fit(X, y)
    with pytest.raises(ValueError, match="X has 1 features, but LinearRegression is expecting 3 features as input"):
        fitted.predict(X[:, :1])
    with pytest.raises(ValueError, match="Reshape your data either using X.reshape"):
        fitted.predict(X[0])
    with pytest.raises(ValueError, match="X has 1 features, but LinearRegression is expecting 3"):
        fitted.score(X[:, :1], y)
