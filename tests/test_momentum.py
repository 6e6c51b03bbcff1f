"""Momentum (heavy ball and Nesterov) in gradient_descent, and momentum_theory against measured rates."""

import warnings

import numpy as np
import pytest

import lrcore as lr
from lrcore.descent import _momentum_rate


def _quadratic(kappa, d=2, seed=0):
    """A least-squares problem without intercept whose MSE Hessian has eigenvalues exactly 1 … κ (rotated)."""
    rng = np.random.default_rng(seed)
    q, _ = np.linalg.qr(rng.normal(size=(d, d)))
    eig = np.geomspace(1.0, kappa, d)
    X = np.diag(np.sqrt(eig)) @ q.T          # n = d rows: (2/n)·XᵀX = (2/d)·Q diag(eig) Qᵀ
    X *= np.sqrt(d / 2.0)                    # so that (2/n)·XᵀX = Q diag(eig) Qᵀ
    y = rng.normal(size=d)
    return X, y, np.linalg.solve(X, y)


def _hand_heavy_ball(X, y, eta, beta, steps, nesterov=False, w0=None, b0=0.0, fit_intercept=True):
    """The heavy-ball / Nesterov recurrence written out, independent of lrcore's loop."""
    n, d = X.shape
    A = np.hstack([X, np.ones((n, 1))]) if fit_intercept else X
    theta = np.zeros(A.shape[1]) if w0 is None else np.r_[w0, b0] if fit_intercept else np.asarray(w0, float)
    prev = theta.copy()
    out = [theta.copy()]
    for _ in range(steps):
        at = theta + beta * (theta - prev) if nesterov else theta
        grad = (2.0 / n) * A.T @ (A @ at - y)
        theta, prev = theta - eta * grad + beta * (theta - prev), theta
        out.append(theta.copy())
    return np.array(out)


def test_momentum_zero_is_plain_descent_bit_for_bit():
    x, y = lr.make_line_data(n=40, seed=2)
    eta = 0.4 * lr.stability_limit(x)
    plain = lr.gradient_descent(x, y, eta, max_iter=200)
    for kw in ({"momentum": 0.0}, {"momentum": 0.0, "nesterov": True}):
        same = lr.gradient_descent(x, y, eta, max_iter=200, **kw)
        assert np.array_equal(same.path, plain.path) and same.stop_reason == plain.stop_reason
        assert same.momentum == 0.0
    assert plain.momentum == 0.0 and plain.nesterov is False


@pytest.mark.parametrize("nesterov", [False, True])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_momentum_follows_the_recurrence(nesterov, fit_intercept):
    rng = np.random.default_rng(5)
    X = rng.normal(size=(50, 3))
    y = X @ [1.0, -2.0, 0.5] + 0.7 + 0.3 * rng.normal(size=50)
    eta, beta = 0.3 * lr.stability_limit(X, fit_intercept=fit_intercept), 0.6
    res = lr.gradient_descent(X, y, eta, momentum=beta, nesterov=nesterov, max_iter=40, tol=None, grad_tol=None,
                              w0=[0.5, 0.5, 0.5], b0=1.0, fit_intercept=fit_intercept)
    ref = _hand_heavy_ball(X, y, eta, beta, 40, nesterov, w0=[0.5, 0.5, 0.5], b0=1.0, fit_intercept=fit_intercept)
    got = res.path if fit_intercept else res.path[:, :3]
    assert np.allclose(got, ref, rtol=1e-12, atol=1e-12)
    assert res.momentum == beta and res.nesterov is nesterov


@pytest.mark.parametrize("kappa", [10, 100, 1000])
def test_theory_matches_the_eigenvalues(kappa):
    X, _, _ = _quadratic(kappa)
    th = lr.momentum_theory(X, fit_intercept=False)
    assert th.L == pytest.approx(kappa, rel=1e-10) and th.mu == pytest.approx(1.0, rel=1e-10)
    assert th.kappa == pytest.approx(kappa, rel=1e-9)
    s = np.sqrt(kappa)
    assert th.rate == pytest.approx((s - 1) / (s + 1), rel=1e-9)
    assert th.plain_rate == pytest.approx((kappa - 1) / (kappa + 1), rel=1e-9)
    assert th.momentum == pytest.approx(th.rate ** 2, rel=1e-12)
    assert th.learning_rate == pytest.approx(4 / (s + 1) ** 2, rel=1e-9)
    assert th.plain_learning_rate == pytest.approx(2 / (kappa + 1), rel=1e-9)
    # the spectral radius of the heavy-ball iteration at (η*, β*) is the stated rate, and it is the best pair:
    eig = np.linalg.eigvalsh(lr.hessian(X, fit_intercept=False))
    assert _momentum_rate(th.learning_rate, th.momentum, eig) == pytest.approx(th.rate, rel=1e-6)
    for factor in (0.9, 1.1):
        assert _momentum_rate(th.learning_rate * factor, th.momentum, eig) > th.rate
        assert _momentum_rate(th.learning_rate, min(th.momentum * factor, 0.999), eig) > th.rate


def _measured_rate(path, optimum, rate, start_factor=2):
    """(‖e_{k+m}‖/‖e_k‖)^{1/m} over a window long enough to wash out the k·ρᵏ factor, before rounding."""
    m = int(np.ceil(np.log(1e-4) / np.log(rate)))
    e = np.linalg.norm(path - optimum, axis=1)
    k = start_factor * m
    return (e[k + m] / e[k]) ** (1.0 / m), k + m


@pytest.mark.parametrize("kappa", [10, 100, 1000])
@pytest.mark.parametrize("seed", [0, 1])
def test_measured_contraction_is_within_ten_percent_of_theory(kappa, seed):
    X, y, w_opt = _quadratic(kappa, d=2, seed=seed)
    th = lr.momentum_theory(X, fit_intercept=False)
    m = int(np.ceil(np.log(1e-4) / np.log(th.rate)))
    run = lr.gradient_descent(X, y, th.learning_rate, momentum=th.momentum, max_iter=3 * m, tol=None,
                              grad_tol=None, fit_intercept=False)
    measured, last = _measured_rate(run.path[:, :2], w_opt, th.rate)
    assert np.linalg.norm(run.path[last, :2] - w_opt) > 1e-12 * np.linalg.norm(w_opt)  # above rounding
    assert abs(measured / th.rate - 1) <= 0.10, (measured, th.rate)
    plain_steps = int(np.ceil(np.log(1e-4) / np.log(th.plain_rate)))
    plain = lr.gradient_descent(X, y, th.plain_learning_rate, max_iter=3 * plain_steps, tol=None, grad_tol=None,
                                fit_intercept=False)
    measured_plain, _ = _measured_rate(plain.path[:, :2], w_opt, th.plain_rate)
    assert abs(measured_plain / th.plain_rate - 1) <= 0.10


@pytest.mark.parametrize("kappa", [10, 100, 1000])
def test_the_best_pair_beats_plain_descent_by_the_predicted_factor(kappa):
    """Steps to shrink the error 1e6-fold: plain descent at its best η over momentum at (η*, β*) ≈ speedup."""
    X, y, w_opt = _quadratic(kappa, d=5, seed=3)
    th = lr.momentum_theory(X, fit_intercept=False)
    target = 1e-6

    def steps_to(run):
        e = np.linalg.norm(run.path[:, :5] - w_opt, axis=1)
        return int(np.flatnonzero(e <= target * e[0])[0])

    budget = int(3 * np.log(target) / np.log(th.plain_rate))
    plain = lr.gradient_descent(X, y, th.plain_learning_rate, max_iter=budget, tol=None, grad_tol=None,
                                fit_intercept=False)
    heavy = lr.gradient_descent(X, y, th.learning_rate, momentum=th.momentum, max_iter=budget, tol=None,
                                grad_tol=None, fit_intercept=False)
    ratio = steps_to(plain) / steps_to(heavy)
    # the k·ρᵏ factor of the repeated eigenvalue costs momentum a few steps: allow 25 % on a count of steps
    assert ratio == pytest.approx(th.speedup, rel=0.25), (ratio, th.speedup)
    assert th.speedup == pytest.approx(np.sqrt(kappa), rel=0.35)
    # and no other plain learning rate does better than 2/(L + μ)
    for factor in (0.8, 1.05):
        other = lr.gradient_descent(X, y, factor * th.plain_learning_rate, max_iter=budget, tol=None,
                                    grad_tol=None, fit_intercept=False)
        e = np.linalg.norm(other.path[:, :5] - w_opt, axis=1)
        assert not np.any(e[: steps_to(plain)] <= target * e[0]) or factor * th.plain_learning_rate * th.L >= 2


def test_momentum_extends_the_stability_limit_to_two_one_plus_beta_over_L():
    x, y = lr.make_line_data(n=40, x_range=(-2.5, 2.5), seed=2)
    limit, beta = lr.stability_limit(x), 0.5
    ok = lr.gradient_descent(x, y, 0.95 * (1 + beta) * limit, momentum=beta, max_iter=3000, tol=None, grad_tol=1e-8)
    bad = lr.gradient_descent(x, y, 1.05 * (1 + beta) * limit, momentum=beta, max_iter=3000)
    assert ok.stop_reason == "grad_tol"
    assert bad.diverged and "2(1 + β)/L" in bad.message
    assert lr.gradient_descent(x, y, 1.5 * limit, max_iter=3000).diverged  # the same η without momentum


def test_nesterov_at_its_own_pair_converges_and_overshoots_less():
    X, y, w_opt = _quadratic(100, d=2, seed=2)
    th = lr.momentum_theory(X, fit_intercept=False)
    beta = (np.sqrt(th.kappa) - 1) / (np.sqrt(th.kappa) + 1)
    nag = lr.gradient_descent(X, y, 1 / th.L, momentum=beta, nesterov=True, max_iter=2000, tol=None, grad_tol=1e-10,
                              fit_intercept=False)
    assert nag.stop_reason == "grad_tol" and np.allclose(nag.w, w_opt, atol=1e-8)
    eig = np.linalg.eigvalsh(lr.hessian(X, fit_intercept=False))
    assert _momentum_rate(1 / th.L, beta, eig, nesterov=True) <= 1 - 1 / np.sqrt(th.kappa) + 1e-12


def test_divergence_with_momentum_is_silent():
    x, y = lr.make_line_data(n=30, seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for nesterov in (False, True):
            res = lr.gradient_descent(x, y, 5 * lr.stability_limit(x), momentum=0.9, nesterov=nesterov,
                                      max_iter=100_000)
            assert res.diverged and res.n_iter < 1000


def test_momentum_theory_on_a_round_and_a_singular_bowl():
    round_ = lr.momentum_theory(np.array([[1.0, 0.0], [0.0, 1.0]]), fit_intercept=False)
    assert round_.kappa == pytest.approx(1.0) and round_.rate == pytest.approx(0.0, abs=1e-7)
    assert round_.speedup == 1.0
    x = np.linspace(0, 1, 10)
    singular = lr.momentum_theory(np.column_stack([x, 2 * x]))
    assert singular.kappa == np.inf and singular.rate == 1.0 and singular.plain_rate == 1.0
    assert np.isnan(singular.speedup)


@pytest.mark.parametrize(("call", "exc", "text"), [
    (lambda x, y: lr.gradient_descent(x, y, 0.1, momentum=1.0), ValueError, "momentum"),
    (lambda x, y: lr.gradient_descent(x, y, 0.1, momentum=-0.1), ValueError, "momentum"),
    (lambda x, y: lr.gradient_descent(x, y, 0.1, momentum=np.nan), ValueError, "momentum"),
    (lambda x, y: lr.gradient_descent(x, y, 0.1, momentum="0.9"), TypeError, "momentum"),
    (lambda x, y: lr.gradient_descent(x, y, 0.1, momentum=None), TypeError, "momentum"),
    (lambda x, y: lr.gradient_descent(x, y, 0.1, momentum=0.5, nesterov="yes"), TypeError, "nesterov"),
    (lambda x, y: lr.gradient_descent(x, y, 0.1, nesterov=1), TypeError, "nesterov"),
    (lambda x, y: lr.momentum_theory(None), TypeError, "X"),
    (lambda x, y: lr.momentum_theory(np.zeros((3, 1)), fit_intercept=False), ValueError, "X"),
    (lambda x, y: lr.momentum_theory(x, fit_intercept="no"), TypeError, "fit_intercept"),
])
def test_bad_momentum_input(call, exc, text):
    x, y = lr.make_line_data(n=10, seed=0)
    with pytest.raises(exc, match=text):
        call(x, y)
