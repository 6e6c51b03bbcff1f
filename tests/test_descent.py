import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import lrcore as lr


@st.composite
def well_posed(draw):
    """Random regression problems whose design [X, 1] is comfortably full-rank."""
    seed = draw(st.integers(0, 10_000))
    n = draw(st.integers(8, 60))
    d = draw(st.integers(1, 3))
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d)) * rng.uniform(0.5, 3, size=d) + rng.uniform(-2, 2, size=d)
    y = X @ rng.normal(size=d) + rng.normal() + 0.3 * rng.normal(size=n)
    if np.linalg.cond(np.hstack([X, np.ones((n, 1))])) > 30:
        X = rng.normal(size=(n, d))
    return X, y


def test_descent_reaches_the_least_squares_line():
    x, y = lr.make_line_data(n=40, seed=2)
    res = lr.gradient_descent(x, y, 0.5 * lr.stability_limit(x), max_iter=5000)
    w, b = lr.fit_closed_form(x, y)
    assert res.converged and res.stop_reason in ("loss_tol", "grad_tol")
    assert np.allclose(res.w, w, rtol=1e-4) and res.b == pytest.approx(b, rel=1e-4)


@given(well_posed())
def test_descent_below_two_over_L_reaches_the_closed_form(problem):
    X, y = problem
    lr_ = 0.9 * lr.stability_limit(X)
    res = lr.gradient_descent(X, y, lr_, max_iter=20_000, tol=None, grad_tol=1e-9)
    w, b = lr.fit_closed_form(X, y)
    assert res.stop_reason == "grad_tol"
    assert np.allclose(res.w, w, atol=1e-6) and res.b == pytest.approx(b, abs=1e-6)


@given(well_posed())
def test_descent_above_two_over_L_reports_divergence_without_warnings(problem):
    X, y = problem
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = lr.gradient_descent(X, y, 1.1 * lr.stability_limit(X), max_iter=5000)
    assert res.diverged and not res.converged
    assert res.message.startswith(f"diverged at step {res.n_iter}")
    assert "2/L" in res.message


def test_huge_learning_rate_overflows_silently_and_stops_early():
    X, y = lr.load_houses()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = lr.gradient_descent(X, y, 1e6, max_iter=10_000)
    assert res.diverged and res.n_iter < 20
    assert res.path.shape == (res.n_iter + 1, 4)


def test_result_shapes_and_path_consistency():
    X = np.random.default_rng(0).normal(size=(30, 2))
    y = X @ [1.0, -2.0] + 0.5
    res = lr.gradient_descent(X, y, 0.1, max_iter=7, tol=None, grad_tol=None)
    assert res.stop_reason == "max_iter" and res.n_iter == 7
    assert res.path.shape == (8, 3) and res.losses.shape == (8,) and res.grad_norms.shape == (8,)
    for k in (0, 3, 7):
        w, b = res.path[k, :2], res.path[k, 2]
        assert res.losses[k] == pytest.approx(lr.mse(y, X @ w + b))
        gw, gb = lr.mse_grad(X, y, w, b)
        assert res.grad_norms[k] == pytest.approx(np.hypot(np.linalg.norm(gw), gb))
    # each step is θ − η∇L
    gw, gb = lr.mse_grad(X, y, res.path[2, :2], res.path[2, 2])
    assert np.allclose(res.path[3], res.path[2] - 0.1 * np.append(gw, gb))
    with pytest.raises(AttributeError):
        res.n_iter = 3  # frozen


def test_each_stopping_rule_can_fire():
    x, y = lr.make_line_data(n=50, noise=1.0, seed=5)
    eta = 0.5 * lr.stability_limit(x)
    assert lr.gradient_descent(x, y, eta, tol=1e-6, grad_tol=None).stop_reason == "loss_tol"
    assert lr.gradient_descent(x, y, eta, tol=None, grad_tol=1e-3).stop_reason == "grad_tol"
    assert lr.gradient_descent(x, y, eta, max_iter=3).stop_reason == "max_iter"
    assert lr.gradient_descent(x, y, 10.0).stop_reason == "diverged"


def test_early_stopping_watches_the_validation_loss():
    x, y = lr.make_line_data(n=60, noise=2.0, seed=7)
    x_tr, x_va, y_tr, y_va = lr.train_test_split(x, y, test_size=0.3, seed=1)
    res = lr.gradient_descent(x_tr, y_tr, 0.02, tol=None, grad_tol=None, max_iter=20_000,
                              patience=5, validation=(x_va, y_va))
    assert res.stop_reason == "early_stopping"
    assert res.val_losses.shape == res.losses.shape
    best = int(np.argmin(res.val_losses))
    assert res.n_iter == best + 5
    assert np.all(res.val_losses[best + 1:] >= res.val_losses[best])


def test_rmse_descent_chatters_where_mse_settles():
    # A perfect fit: MSE's gradient shrinks with the error, RMSE's does not.
    x = np.linspace(0, 1, 20)
    y = 2 * x + 1
    eta = 0.05
    mse_run = lr.gradient_descent(x, y, eta, loss="mse", max_iter=3000, tol=None, grad_tol=None)
    rmse_run = lr.gradient_descent(x, y, eta, loss="rmse", max_iter=3000, tol=None, grad_tol=None)
    assert mse_run.losses[-1] < 1e-12
    assert rmse_run.losses[-1] > 1e-4  # stuck bouncing at a distance of about η
    assert np.median(rmse_run.grad_norms[-100:]) > 0.5


def test_mae_descent_heads_for_the_median_line():
    x = np.zeros(5)
    y = np.array([0.0, 1.0, 2.0, 3.0, 100.0])
    res = lr.gradient_descent(x, y, 0.01, loss="mae", max_iter=5000, tol=None, grad_tol=None)
    assert res.b == pytest.approx(2.0, abs=0.05)  # the median, not the mean 21.2


def test_fit_intercept_false_keeps_b_at_zero():
    x = np.linspace(1, 2, 10)
    res = lr.gradient_descent(x, 3 * x, 0.1, b0=5.0, fit_intercept=False, max_iter=2000)
    assert res.b == 0.0 and res.w[0] == pytest.approx(3.0, rel=1e-4)


def test_hessian_is_the_mse_hessian():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(25, 2)), rng.normal(size=25)
    H = lr.hessian(X)
    # the gradient is affine in θ: its finite-difference Jacobian is H
    theta = np.array([0.3, -0.4, 0.2])
    cols = []
    for j in range(3):
        e = np.zeros(3)
        e[j] = 1e-3
        gp = np.append(*lr.mse_grad(X, y, (theta + e)[:2], (theta + e)[2]))
        gm = np.append(*lr.mse_grad(X, y, (theta - e)[:2], (theta - e)[2]))
        cols.append((gp - gm) / 2e-3)
    assert np.allclose(np.column_stack(cols), H)


def test_regimes_at_the_thresholds():
    x, _ = lr.make_line_data()
    limit = lr.stability_limit(x)
    one_over_L = limit / 2
    assert lr.learning_rate_regime(x, one_over_L) == "monotone"  # exactly 1/L: no overshoot
    assert lr.learning_rate_regime(x, limit) == "diverging"  # exactly 2/L: never converges
    assert lr.learning_rate_regime(x, 0.9 * one_over_L) == "monotone"
    assert lr.learning_rate_regime(x, 1.5 * one_over_L) == "oscillating"
    assert lr.learning_rate_regime(x, 1.1 * limit) == "diverging"


def test_regimes_describe_what_descent_does():
    x, y = lr.make_line_data(n=30, seed=9)
    limit = lr.stability_limit(x)
    w_star, b_star = lr.fit_closed_form(x, y)

    def sign_changes(eta):
        res = lr.gradient_descent(x, y, eta, max_iter=200, tol=None, grad_tol=None)
        # error along the Hessian's top eigenvector
        _, vecs = np.linalg.eigh(lr.hessian(x))
        err = (res.path - np.append(w_star, b_star)) @ vecs[:, -1]
        err = err[np.abs(err) > 1e-9 * abs(err[0])]  # ignore rounding noise at the bottom
        return int(np.sum(np.sign(err[1:]) != np.sign(err[:-1])))

    assert sign_changes(0.9 * limit / 2) == 0
    assert sign_changes(1.5 * limit / 2) > 10


@pytest.mark.parametrize("loss", ["mae", "rmse"])
def test_a_start_at_the_minimum_is_not_called_divergence(loss):
    x = np.array([1.0, 2.0, 3.0, 4.0])
    res = lr.gradient_descent(x, 2 * x + 1, 0.05, w0=[2 + 1e-12], b0=1.0, loss=loss, max_iter=50)
    assert not res.diverged


def test_huge_data_gets_a_message_not_a_warning():
    X = np.array([1e200, 2e200, 3e200])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match="standardise"):
            lr.stability_limit(X)
        res = lr.gradient_descent(X, [1.0, 2.0, 3.0], 1e-3)
        assert res.diverged and "rescale" in res.message
        res = lr.gradient_descent([1.0, 2.0, 3.0], [1e200, 2e200, 3e200], 1e-3)
        assert res.diverged and "2/L" not in res.message


def test_early_stopping_returns_the_best_parameters_not_the_last():
    x, y = lr.make_line_data(n=60, noise=2.0, seed=7)
    x_tr, x_va, y_tr, y_va = lr.train_test_split(x, y, test_size=0.3, seed=1)
    res = lr.gradient_descent(x_tr, y_tr, 0.02, tol=None, grad_tol=None, max_iter=20_000, patience=3,
                              validation=(x_va, y_va))
    best = int(np.argmin(res.val_losses))
    assert res.stop_reason == "early_stopping" and res.best_step == best
    assert res.n_iter == best + 3                                  # the run went on for the patience window
    assert np.allclose(res.w, res.path[best, :1]) and res.b == res.path[best, 1]
    assert not np.allclose(res.path[-1], res.path[best])           # so the last parameters differ
    assert f"step {best}" in res.message
    plain = lr.gradient_descent(x_tr, y_tr, 0.02, max_iter=50)
    assert plain.best_step is None and np.allclose(plain.w, plain.path[-1, :1])


def test_descent_converges_below_two_over_l_and_bounces_forever_at_it():
    """stability_limit is the boundary, not the largest rate that converges: at exactly 2/L descent bounces."""
    x = np.array([-1.0, 1.0])                    # centred: H = diag(2·mean x², 2) = diag(2, 2), L = 2, 2/L = 1
    y = np.array([1.0, -1.0])                    # minimum at w = −1, b = 0
    limit = lr.stability_limit(x)
    assert limit == pytest.approx(1.0)
    below = lr.gradient_descent(x, y, 0.999 * limit, w0=[1.0], max_iter=20_000, tol=None, grad_tol=1e-9)
    assert below.converged and abs(below.w[0] + 1) < 1e-8
    at = lr.gradient_descent(x, y, limit, w0=[1.0], max_iter=500, tol=None, grad_tol=1e-9)
    assert not at.converged and not at.diverged
    assert np.allclose(np.abs(at.path[:, 0] + 1.0), 2.0)      # |w − w*| stays 2 at every step: bouncing
