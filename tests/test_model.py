import numpy as np
import pytest

import lrcore as lr


def test_closed_form_estimator_matches_scikit_learn_on_houses():
    linear_model = pytest.importorskip("sklearn.linear_model")
    X, y = lr.load_houses()
    ours = lr.LinearRegression().fit(X, y)
    ref = linear_model.LinearRegression().fit(X, y)
    assert np.allclose(ours.coef_, ref.coef_, rtol=1e-6) and ours.intercept_ == pytest.approx(ref.intercept_, rel=1e-6)
    assert ours.score(X, y) == pytest.approx(ref.score(X, y), rel=1e-9)
    assert ours.fit_info_["rank"] == 4 and ours.history_ is None


def test_gradient_descent_estimator_on_standardised_houses():
    linear_model = pytest.importorskip("sklearn.linear_model")
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
    with pytest.raises(ValueError, match="fitted with 1"):
        model.predict(np.ones((2, 2)))
    with pytest.raises(ValueError, match="not a parameter"):
        model.set_params(alpha=1)
