"""Mini-batch SGD: unbiased batch gradients, schedules, the noise floor, convergence to the closed form."""

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import lrcore as lr
from lrcore.stochastic import MAX_STEPS


def _problem(n=200, d=2, seed=0, noise=0.5):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d)) * rng.uniform(0.5, 2, d) + rng.uniform(-1, 1, d)
    y = X @ rng.normal(size=d) + rng.normal() + noise * rng.normal(size=n)
    return X, y


@given(st.integers(0, 10_000), st.integers(2, 80), st.integers(1, 3), st.integers(1, 80))
def test_size_weighted_mean_of_batch_gradients_is_the_full_gradient(seed, n, d, batch_size):
    X, y = _problem(n, d, seed)
    batch_size = min(batch_size, n)
    rng = np.random.default_rng(seed + 1)
    w, b = rng.normal(size=d), float(rng.normal())
    dw, db, sizes = lr.minibatch_gradients(X, y, w, b, batch_size, random_state=seed)
    assert sizes.sum() == n and np.all(sizes[:-1] == batch_size) and 1 <= sizes[-1] <= batch_size
    full_w, full_b = lr.mse_grad(X, y, w, b)
    scale = 1 + np.abs(full_w).max() + abs(full_b) + np.abs(dw).max()
    assert np.allclose(sizes @ dw / n, full_w, atol=1e-12 * scale)
    assert sizes @ db / n == pytest.approx(full_b, abs=1e-12 * scale)
    if n % batch_size == 0:  # equal sizes: the plain mean
        assert np.allclose(dw.mean(axis=0), full_w, atol=1e-12 * scale)
        assert db.mean() == pytest.approx(full_b, abs=1e-12 * scale)


def test_batches_partition_the_rows_and_a_seed_repeats_them():
    X, y = _problem(n=50)
    a = lr.minibatch_gradients(X, y, [0.3, 0.1], 0.2, 8, random_state=4)
    b = lr.minibatch_gradients(X, y, [0.3, 0.1], 0.2, 8, random_state=4)
    c = lr.minibatch_gradients(X, y, [0.3, 0.1], 0.2, 8, random_state=5)
    assert all(np.array_equal(p, q) for p, q in zip(a, b, strict=True))
    assert not np.array_equal(a[0], c[0])
    # a single batch of every row is the full gradient; batches of one row are the per-row gradients
    dw, db, sizes = lr.minibatch_gradients(X, y, [0.3, 0.1], 0.2, 50)
    assert sizes.tolist() == [50] and np.allclose(dw[0], lr.mse_grad(X, y, [0.3, 0.1], 0.2)[0])
    dw1, db1, _ = lr.minibatch_gradients(X, y, [0.3, 0.1], 0.2, 1, shuffle=False)
    r = X @ [0.3, 0.1] + 0.2 - y
    assert np.allclose(dw1, 2 * r[:, None] * X) and np.allclose(db1, 2 * r)


def test_global_random_state_is_untouched():
    X, y = _problem()
    state = np.random.get_state()[1].copy()  # noqa: NPY002  (the legacy global state must stay untouched)
    lr.sgd(X, y, 0.05, epochs=2, random_state=None)
    lr.minibatch_gradients(X, y, [0, 0], 0, 10)
    assert np.array_equal(np.random.get_state()[1], state)  # noqa: NPY002


def test_full_batch_sgd_is_gradient_descent():
    X, y = _problem(n=60)
    eta = 0.4 * lr.stability_limit(X)
    s = lr.sgd(X, y, eta, batch_size=60, epochs=30)
    g = lr.gradient_descent(X, y, eta, max_iter=30, tol=None, grad_tol=None)
    assert s.n_iter == 30 and np.allclose(s.path, g.path, rtol=1e-12, atol=1e-12)
    assert np.allclose(s.losses, g.losses, rtol=1e-12)


def test_steps_follow_the_batches_by_hand():
    X, y = _problem(n=23)
    s = lr.sgd(X, y, 0.05, batch_size=5, epochs=2, shuffle=True, random_state=7, momentum=0.3)
    rng = np.random.default_rng(7)
    theta, v = np.zeros(3), np.zeros(3)
    path = [theta.copy()]
    for _ in range(2):
        order = rng.permutation(23)
        for i in range(0, 23, 5):
            rows = order[i:i + 5]
            A = np.hstack([X[rows], np.ones((rows.size, 1))])
            g = (2 / rows.size) * A.T @ (A @ theta - y[rows])
            v = 0.3 * v - 0.05 * g
            theta = theta + v
            path.append(theta.copy())
    assert s.n_iter == 10 and np.allclose(s.path, path, rtol=1e-12, atol=1e-14)
    full = [lr.mse(y, X @ p[:2] + p[2]) for p in path]
    assert np.allclose(s.losses, full, rtol=1e-12)


def test_schedules():
    rates = lr.learning_rate_schedule(0.1, 9, schedule="inverse", decay_steps=2)
    assert np.allclose(rates, 0.1 / (1 + np.arange(9) / 2))
    rates = lr.learning_rate_schedule(0.1, 9, schedule="step", decay_steps=3)
    assert np.allclose(rates, 0.1 * np.array([1, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25]))
    assert np.all(lr.learning_rate_schedule(0.1, 5) == 0.1)
    assert set(lr.SCHEDULES) == {"constant", "inverse", "step"}


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize(("schedule", "batch_size"), [("inverse", 10), ("inverse", 25), ("step", 10)])
def test_a_decaying_schedule_reaches_the_closed_form(seed, schedule, batch_size):
    """Stated tolerance: within 1 % of ‖θ*‖ of the closed form, and the MSE within 1e-4 (relative) of its minimum."""
    X, y = _problem(n=200, seed=seed)
    X = lr.standardize(X)[0]
    w, b = lr.fit_closed_form(X, y)
    eta0 = 0.25 * lr.stability_limit(X)
    decay = 5 * (200 // batch_size) if schedule == "inverse" else 25 * (200 // batch_size)
    res = lr.sgd(X, y, eta0, batch_size=batch_size, epochs=200, schedule=schedule, decay_steps=decay,
                 random_state=seed)
    theta, star = np.r_[res.w, res.b], np.r_[w, b]
    assert np.linalg.norm(theta - star) <= 0.01 * np.linalg.norm(star)
    best = lr.mse(y, X @ w + b)
    assert res.losses[-1] <= best * (1 + 1e-4)
    fixed = lr.sgd(X, y, eta0, batch_size=batch_size, epochs=200, random_state=seed)
    assert fixed.losses[-1] > res.losses[-1]  # the same η₀ held fixed stays on its noise floor


def test_fixed_rate_stalls_at_a_floor_that_grows_with_eta_and_shrinks_with_batch_size():
    X, y = _problem(n=400, seed=3, noise=1.0)
    X = lr.standardize(X)[0]
    w, b = lr.fit_closed_form(X, y)
    best = lr.mse(y, X @ w + b)

    def floor(eta, batch):
        gaps = [lr.sgd(X, y, eta, batch_size=batch, epochs=40, random_state=s).losses for s in range(3)]
        steps = len(gaps[0])
        return np.mean([g[steps // 2:].mean() - best for g in gaps])  # the second half: settled

    base = floor(0.02, 8)
    assert base > 0
    assert floor(0.08, 8) > 2.5 * base            # theory: about 4× for 4× the learning rate
    assert floor(0.02, 32) < base / 2.5           # theory: about 1/4 for 4× the batch (a bit less: n is finite)
    # the decaying schedule goes below the constant one's floor
    decayed = lr.sgd(X, y, 0.08, batch_size=8, epochs=40, schedule="inverse", random_state=0).losses[-1] - best
    assert decayed < floor(0.08, 8) / 5


def test_noise_floor_matches_the_one_parameter_formula():
    """One weight, no intercept: the excess MSE settles at about η·s²/(4B(1 − ηλ/2)) · (n − B)/(n − 1).

    s² is the mean square of the per-row gradients at the optimum, (n − B)/(n − 1) the correction for a batch
    drawn without repeats. The formula treats every step's noise as independent; within an epoch the batches
    share out the rows (their noises sum to zero), so it holds when the error forgets within an epoch
    (ηλ·n/B ≫ 1); otherwise the floor is lower (reshuffled epochs beat independent draws).
    """
    rng = np.random.default_rng(0)
    n = 500
    x = rng.normal(size=n)
    x = x / np.sqrt(np.mean(x * x))                      # λ = 2·mean(x²) = 2
    y = 1.5 * x + rng.normal(size=n)
    w = np.sum(x * y) / np.sum(x * x)
    r = w * x - y
    g = 2 * r * x                                        # per-row gradients at the optimum (mean 0)
    s2 = np.mean(g * g)
    lam = 2.0

    def ratio(eta, batch):
        runs = [lr.sgd(x, y, eta, batch_size=batch, epochs=12 * batch, random_state=k, fit_intercept=False,
                       w0=[w]).losses for k in range(4)]
        measured = np.mean([run[len(run) // 5:].mean() for run in runs]) - np.mean(r * r)
        return measured / (eta * s2 / (4 * batch * (1 - eta * lam / 2)) * (n - batch) / (n - 1))

    for eta, batch in ((0.05, 1), (0.2, 10), (0.3, 20)):  # ηλ·n/B = 50, 20, 15
        assert ratio(eta, batch) == pytest.approx(1.0, rel=0.25), (eta, batch)
    assert ratio(0.1, 50) < 0.8                              # ηλ·n/B = 2: the epochs' reshuffling lowers the floor


def test_stop_rules_and_divergence():
    X, y = _problem(n=100)
    big = lr.sgd(X, y, 10 * lr.stability_limit(X), batch_size=100, epochs=1000)
    assert big.diverged and "2/L" in big.message and big.n_iter < 1000
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for batch in (1, 7):
            assert lr.sgd(X, y, 50.0, batch_size=batch, epochs=100, random_state=0).diverged
    early = lr.sgd(X, y, 0.05, batch_size=5, epochs=50, patience=20, random_state=0)
    assert early.stop_reason == "early_stopping" and early.best_step is not None
    assert early.losses[early.best_step] == early.losses.min()
    assert np.array_equal(np.r_[early.w, early.b], early.path[early.best_step])
    grad = lr.sgd(X, y, 0.2 * lr.stability_limit(X), batch_size=100, epochs=2000, grad_tol=1e-6)
    assert grad.stop_reason == "grad_tol" and grad.converged and grad.grad_norms[-1] <= 1e-6
    tol = lr.sgd(X, y, 0.2 * lr.stability_limit(X), batch_size=100, epochs=2000, tol=1e-12)
    assert tol.stop_reason == "loss_tol"
    done = lr.sgd(X, y, 0.01, batch_size=30, epochs=3)
    assert done.stop_reason == "max_iter" and done.n_iter == 3 * 4 and len(done.path) == 13
    assert "12 steps (3 epochs)" in done.message


def test_no_intercept_keeps_b_at_zero_and_batch_size_is_clipped():
    X, y = _problem(n=20)
    res = lr.sgd(X, y, 0.05, batch_size=1000, epochs=3, fit_intercept=False, b0=5.0)
    assert res.n_iter == 3 and np.all(res.path[:, -1] == 0.0)


@pytest.mark.parametrize(("kwargs", "exc", "text"), [
    ({"learning_rate": 0}, ValueError, "learning_rate"),
    ({"learning_rate": "0.1"}, TypeError, "learning_rate"),
    ({"batch_size": 0}, ValueError, "batch_size"),
    ({"batch_size": 2.5}, TypeError, "batch_size"),
    ({"epochs": 0}, ValueError, "epochs"),
    ({"epochs": MAX_STEPS, "batch_size": 1}, ValueError, "MAX_STEPS"),
    ({"schedule": "cosine"}, ValueError, "schedule"),
    ({"schedule": None}, ValueError, "schedule"),
    ({"decay_steps": 0}, ValueError, "decay_steps"),
    ({"decay_steps": np.inf}, ValueError, "decay_steps"),
    ({"shuffle": "yes"}, TypeError, "shuffle"),
    ({"random_state": -1}, ValueError, "random_state"),
    ({"random_state": 1.5}, TypeError, "random_state"),
    ({"w0": [1.0]}, ValueError, "w0"),
    ({"b0": "1"}, TypeError, "b0"),
    ({"momentum": 1.0}, ValueError, "momentum"),
    ({"tol": -1}, ValueError, "tol"),
    ({"grad_tol": np.nan}, ValueError, "grad_tol"),
    ({"patience": 0}, ValueError, "patience"),
    ({"fit_intercept": 1}, TypeError, "fit_intercept"),
])
def test_bad_sgd_input(kwargs, exc, text):
    X, y = _problem(n=20)
    args = {"learning_rate": 0.1}
    args.update(kwargs)
    eta = args.pop("learning_rate")
    with pytest.raises(exc, match=text):
        lr.sgd(X, y, eta, **args)


@pytest.mark.parametrize(("call", "exc", "text"), [
    (lambda X, y: lr.sgd(X, y[:5], 0.1), ValueError, "X has 20 rows but y has 5"),
    (lambda X, y: lr.sgd(np.full((3, 2), np.nan), y[:3], 0.1), ValueError, "X"),
    (lambda X, y: lr.minibatch_gradients(X, y, [0, 0], 0, 0), ValueError, "batch_size"),
    (lambda X, y: lr.minibatch_gradients(X, y, [0, 0], 0, 21), ValueError, "batch_size"),
    (lambda X, y: lr.minibatch_gradients(X, y, [0], 0, 5), ValueError, "w"),
    (lambda X, y: lr.minibatch_gradients(X, y, [0, 0], None, 5), TypeError, "b"),
    (lambda X, y: lr.minibatch_gradients(X, y, [0, 0], 0, 5, random_state="a"), TypeError, "random_state"),
    (lambda X, y: lr.learning_rate_schedule(0.1, -1), ValueError, "steps"),
    (lambda X, y: lr.learning_rate_schedule(0.1, 5, schedule="exp"), ValueError, "schedule"),
])
def test_bad_minibatch_and_schedule_input(call, exc, text):
    X, y = _problem(n=20)
    with pytest.raises(exc, match=text):
        call(X, y)


# --- fuzzing: odd arguments give a result or a ValueError/TypeError naming an argument (see test_fuzz.py) ----------

from hypothesis import strategies as hst  # noqa: E402
from test_fuzz import as_container, data, fuzz_settings, perturb, run_call  # noqa: E402


@hst.composite
def _sgd_args(draw):
    X, y, w, b = draw(data())
    return {"X": draw(as_container(X)), "y": draw(as_container(y)),
            "learning_rate": draw(hst.sampled_from([1e-3, 0.1, 1.0, 1e10])), "w0": w, "b0": b,
            "batch_size": draw(hst.integers(1, 8)), "epochs": draw(hst.integers(1, 4)),
            "schedule": draw(hst.sampled_from(["constant", "inverse", "step"])), "decay_steps": None,
            "shuffle": draw(hst.booleans()), "random_state": draw(hst.sampled_from([None, 0, 3])),
            "momentum": draw(hst.sampled_from([0.0, 0.5, 0.9])), "tol": None, "grad_tol": None, "patience": None,
            "fit_intercept": draw(hst.booleans())}


def _small_counts(kwargs):
    for key in ("epochs", "batch_size", "patience", "decay_steps"):
        value = kwargs.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**4:
            kwargs[key] = 3 if key != "decay_steps" else None      # huge counts only make a run long
    return kwargs


def test_fuzz_sgd():
    @fuzz_settings(150)
    @given(hst.data())
    def test(case):
        kwargs, _ = case.draw(perturb(case.draw(_sgd_args())))
        run_call(lr.sgd, _small_counts(kwargs), finite_ok=lambda r: r is None or r.diverged)

    test()


def test_fuzz_minibatch_gradients_and_schedules():
    @hst.composite
    def mb_args(draw):
        X, y, w, b = draw(data())
        return {"X": draw(as_container(X)), "y": draw(as_container(y)), "w": w, "b": b,
                "batch_size": draw(hst.integers(1, 3)), "shuffle": draw(hst.booleans()), "random_state": 1}

    @hst.composite
    def schedule_args(draw):
        return {"learning_rate": draw(hst.sampled_from([1e-3, 0.5, 1e300])), "steps": draw(hst.integers(0, 9)),
                "schedule": draw(hst.sampled_from(["constant", "inverse", "step"])),
                "decay_steps": draw(hst.sampled_from([1, 2.5, 1e-300, 1e300]))}

    @fuzz_settings(150)
    @given(hst.data())
    def test(case):
        kwargs, _ = case.draw(perturb(case.draw(mb_args())))
        run_call(lr.minibatch_gradients, _small_counts(kwargs))
        kwargs, _ = case.draw(perturb(case.draw(schedule_args())))
        if isinstance(kwargs["steps"], int) and not isinstance(kwargs["steps"], bool) and kwargs["steps"] > 10**4:
            kwargs["steps"] = 5
        run_call(lr.learning_rate_schedule, kwargs)

    test()


def test_fuzz_momentum_theory_and_momentum_descent():
    @hst.composite
    def theory_args(draw):
        X, _, _, _ = draw(data(n_min=2))
        return {"X": draw(as_container(X)), "fit_intercept": draw(hst.booleans())}

    @hst.composite
    def descent_args(draw):
        X, y, w, b = draw(data())
        return {"X": draw(as_container(X)), "y": draw(as_container(y)),
                "learning_rate": draw(hst.sampled_from([1e-3, 0.1, 1.0, 1e10])), "w0": w, "b0": b, "max_iter": 20,
                "momentum": draw(hst.sampled_from([0.0, 0.5, 0.99])), "nesterov": draw(hst.booleans())}

    @fuzz_settings(150)
    @given(hst.data())
    def test(case):
        kwargs, _ = case.draw(perturb(case.draw(theory_args())))
        run_call(lr.momentum_theory, kwargs, finite_ok=lambda t: t is None or not np.isfinite(t.kappa))
        kwargs, _ = case.draw(perturb(case.draw(descent_args())))
        if isinstance(kwargs["max_iter"], int) and 10**4 < kwargs["max_iter"] <= 10**6:
            kwargs["max_iter"] = 20                                  # only long, not odd
        run_call(lr.gradient_descent, kwargs, finite_ok=lambda r: r is None or r.diverged)

    test()
