import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import lrcore as lr

finite = st.floats(-10, 10, allow_nan=False, allow_infinity=False)


@st.composite
def problems(draw, min_n=2, max_n=20, max_d=3):
    n = draw(st.integers(min_n, max_n))
    d = draw(st.integers(1, max_d))
    X = draw(arrays(float, (n, d), elements=finite))
    y = draw(arrays(float, n, elements=finite))
    w = draw(arrays(float, d, elements=finite))
    b = draw(finite)
    return X, y, w, b


def test_losses_on_a_hand_computed_example():
    y_true = np.array([1.0, 2.0, 3.0])
    y_pred = np.array([2.0, 2.0, 1.0])  # residuals 1, 0, -2
    assert lr.sse(y_true, y_pred) == 5.0
    assert lr.mse(y_true, y_pred) == pytest.approx(5 / 3)
    assert lr.rmse(y_true, y_pred) == pytest.approx(np.sqrt(5 / 3))
    assert lr.mae(y_true, y_pred) == pytest.approx(1.0)


def test_predict_and_residual_sign_convention():
    X = np.array([[1.0], [2.0]])
    assert np.allclose(lr.predict(X, [3.0], 1.0), [4.0, 7.0])
    # r = ŷ − y: a prediction above the truth gives a positive residual
    assert np.allclose(lr.residuals(X, [0.0, 10.0], [3.0], 1.0), [4.0, -3.0])


def test_metrics_match_scikit_learn():
    from sklearn import metrics
    rng = np.random.default_rng(1)
    y, p = rng.normal(size=50), rng.normal(size=50)
    assert lr.mse(y, p) == pytest.approx(metrics.mean_squared_error(y, p))
    assert lr.mae(y, p) == pytest.approx(metrics.mean_absolute_error(y, p))
    assert lr.r2_score(y, p) == pytest.approx(metrics.r2_score(y, p))
    assert lr.rmse(y, p) == pytest.approx(np.sqrt(metrics.mean_squared_error(y, p)))


def test_r2_of_constant_target():
    assert lr.r2_score([2.0, 2.0], [2.0, 2.0]) == 1.0
    assert lr.r2_score([2.0, 2.0], [1.0, 3.0]) == 0.0
    assert lr.r2_score([0.1, 0.1, 0.1], [0.101, 0.1, 0.1]) == 0.0  # constant up to rounding


@given(problems())
def test_mse_gradient_matches_central_differences(p):
    X, y, w, b = p
    dw, db = lr.mse_grad(X, y, w, b)
    ndw, ndb = lr.numerical_grad(lr.mse, X, y, w, b)
    scale = 1 + np.abs(np.append(dw, db)).max()
    assert np.allclose(dw, ndw, atol=1e-5 * scale)
    assert db == pytest.approx(ndb, abs=1e-5 * scale)


@given(problems())
def test_rmse_gradient_matches_central_differences(p):
    X, y, w, b = p
    r = X @ w + b - y
    if np.sqrt(np.mean(r**2)) < 1e-3:  # √ is not differentiable at a perfect fit
        return
    dw, db = lr.rmse_grad(X, y, w, b)
    ndw, ndb = lr.numerical_grad(lr.rmse, X, y, w, b)
    scale = 1 + np.abs(np.append(dw, db)).max()
    assert np.allclose(dw, ndw, atol=1e-4 * scale)
    assert db == pytest.approx(ndb, abs=1e-4 * scale)


@given(problems())
def test_rmse_gradient_is_mse_gradient_over_twice_rmse(p):
    X, y, w, b = p
    value = lr.rmse(y, lr.predict(X, w, b))
    if value == 0:
        return
    dw, db = lr.rmse_grad(X, y, w, b)
    mw, mb = lr.mse_grad(X, y, w, b)
    assert np.allclose(dw, mw / (2 * value))
    assert db == pytest.approx(mb / (2 * value))


def test_rmse_gradient_at_a_perfect_fit_is_zero_not_nan():
    x = np.arange(5.0)
    dw, db = lr.rmse_grad(x, 2 * x + 1, [2.0], 1.0)
    assert np.all(dw == 0) and db == 0


def test_mae_subgradient_matches_differences_away_from_kinks():
    rng = np.random.default_rng(3)
    X, y = rng.normal(size=(30, 2)), rng.normal(size=30)
    w, b = np.array([0.3, -0.2]), 0.1
    dw, db = lr.mae_grad(X, y, w, b)
    ndw, ndb = lr.numerical_grad(lr.mae, X, y, w, b, h=1e-8)
    assert np.allclose(dw, ndw, atol=1e-6) and db == pytest.approx(ndb, abs=1e-6)


def test_a_wrong_gradient_is_caught_by_the_check():
    # The published mistake: 2β₁(β₁xᵢ + β₀ − yᵢ) instead of 2xᵢ(β₁xᵢ + β₀ − yᵢ)
    x, y = lr.make_line_data(n=20, seed=4)
    w, b = 0.5, 0.0
    r = w * x + b - y
    wrong = np.mean(2 * w * r)
    ndw, _ = lr.numerical_grad(lr.mse, x, y, [w], b)
    assert abs(wrong - ndw[0]) > 1.0
    assert lr.mse_grad(x, y, [w], b)[0][0] == pytest.approx(ndw[0], rel=1e-6)


def test_numerical_grad_accepts_a_loss_name():
    x, y = lr.make_line_data(n=10)
    assert np.allclose(lr.numerical_grad("mse", x, y, [1.0], 0.0)[0], lr.numerical_grad(lr.mse, x, y, [1.0], 0.0)[0])


@given(problems(max_d=1), st.sampled_from(["mse", "sse", "rmse", "mae", "half_mse"]))
def test_loss_grid_matches_pointwise_losses(p, name):
    X, y, _, _ = p
    ws, bs = np.linspace(-3, 3, 7), np.linspace(-2, 2, 5)
    grid = lr.loss_grid(X[:, 0], y, ws, bs, loss=name)
    assert grid.shape == (5, 7)
    direct = {"mse": lr.mse, "sse": lr.sse, "rmse": lr.rmse, "mae": lr.mae,
              "half_mse": lambda t, q: lr.mse(t, q) / 2}[name]
    for i, b in enumerate(bs):
        for j, w in enumerate(ws):
            expected = direct(y, X[:, 0] * w + b)
            assert grid[i, j] == pytest.approx(expected, rel=1e-9, abs=1e-9)


def test_loss_grid_keeps_digits_for_offset_data():
    # Data far from the origin: raw moments would cancel; centred ones do not.
    x = 1e6 + np.arange(10.0)
    y = 3 * x + 5 + np.sin(np.arange(10.0))
    w, b = lr.fit_closed_form(x, y)
    grid = lr.loss_grid(x, y, [w[0]], [b])
    assert grid[0, 0] == pytest.approx(lr.mse(y, w[0] * x + b), rel=1e-6)
