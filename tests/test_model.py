import numpy as np
import pytest

import lrcore as lr


def test_closed_form_estimator_matches_scikit_learn_on_houses():
    from sklearn import linear_model
    X, y = lr.load_houses()
    ours = lr.LinearRegression().fit(X, y)
    ref = linear_model.LinearRegression().fit(X, y)
    assert np.allclose(ours.coef_, ref.coef_, rtol=1e-6) and ours.intercept_ == pytest.approx(ref.intercept_, rel=1e-6)
    assert ours.score(X, y) == pytest.approx(ref.score(X, y), rel=1e-9)
    assert ours.fit_info_["rank"] == 4 and ours.history_ is None


def test_gradient_descent_estimator_on_standardised_houses():
    from sklearn import linear_model
    X, y = lr.load_houses()
    Z, _, _ = lr.standardize(X)
    ours = lr.LinearRegression(solver="gd").fit(Z, y)
    ref = linear_model.LinearRegression().fit(Z, y)
    assert ours.history_.converged
    assert np.allclose(ours.coef_, ref.coef_, rtol=1e-6) and ours.intercept_ == pytest.approx(ref.intercept_, rel=1e-6)


def test_estimator_conventions():
    model = lr.LinearRegression(method="qr")
    assert repr(model) == "LinearRegression(method='qr')"
    assert model.set_params(method="svd") is model and model.get_params()["method"] == "svd"
    with pytest.raises(ValueError, match="not fitted"):
        model.predict([[1.0]])
    x, y = lr.make_line_data(noise=0)
    model.fit(x, y)
    assert model.n_features_in_ == 1 and model.predict([0.0, 1.0]) == pytest.approx([1.0, 3.0])
    with pytest.raises(ValueError, match="X has 2 features, but LinearRegression is expecting 1 features as input"):
        model.predict(np.ones((2, 2)))
    with pytest.raises(ValueError, match="not a parameter"):
        model.set_params(alpha=1)


def test_gd_estimator_refuses_a_diverging_rate_and_warns_when_unconverged():
    x = np.linspace(0, 1, 10)
    y = 2 * x + 1
    with pytest.raises(ValueError, match="learning_rate"):
        lr.LinearRegression(solver="gd", learning_rate=10.0).fit(x, y)
    with pytest.warns(lr.model.ConvergenceWarning, match="max_iter = 5"):
        lr.LinearRegression(solver="gd", max_iter=5).fit(x, y)


def test_fit_intercept_false_in_both_solvers():
    x = np.linspace(1, 2, 10)
    for solver in ("closed_form", "gd"):
        model = lr.LinearRegression(solver=solver, fit_intercept=False).fit(x, 3 * x)
        assert model.intercept_ == 0.0 and model.coef_[0] == pytest.approx(3.0, rel=1e-6)
