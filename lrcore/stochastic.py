"""Mini-batch stochastic gradient descent on MSE, with learning-rate schedules and momentum.

An epoch shuffles the n rows (``shuffle=True``) and cuts them into consecutive
batches of ``batch_size`` rows (the last one smaller when ``batch_size`` does
not divide n). Each batch B gives one step with the batch's own MSE gradient

    g_B = ((2/m)·X_Bᵀr_B, (2/m)·Σ_B r),   m = |B|,

an unbiased estimate of the full gradient: over the batches of one epoch the
size-weighted mean Σ_B (m_B/n)·g_B is exactly the full gradient (the plain mean
when all batches have the same size), see ``minibatch_gradients``. With a fixed
learning rate the noise of g_B keeps the parameters jittering around the
minimum (a noise floor that grows with η and shrinks with the batch size);
a decaying schedule shrinks the jitter and the run converges.

Random numbers come from ``np.random.default_rng(random_state)`` only; the
global numpy random state is never used or changed.
"""

from __future__ import annotations

import numpy as np

from ._validation import (
    check_bool,
    check_choice,
    check_data,
    check_int,
    check_params,
    check_scalar,
    check_seed,
    in_safe_range,
)
from .descent import MAX_STEPS, _check_momentum, _result, _stability_limit, _StopRules
from .losses import _gradient

__all__ = ["sgd", "minibatch_gradients", "learning_rate_schedule", "SCHEDULES"]

SCHEDULES = ("constant", "inverse", "step")


def learning_rate_schedule(learning_rate, steps, *, schedule="constant", decay_steps=100):
    """The learning rate η_t of steps t = 0, 1, …, steps − 1.

    ``"constant"``: η_t = η₀. ``"inverse"``: η_t = η₀ / (1 + t/decay_steps)
    (the 1/t decay: Σ η_t diverges, so the parameters can travel any distance,
    while Σ η_t² converges, so the noise they collect stays bounded).
    ``"step"``: η_t = η₀ · 0.5^⌊t/decay_steps⌋ (halved every ``decay_steps`` steps).

    Returns
    -------
    ndarray of shape (steps,)
    """
    lr = check_scalar(learning_rate, "learning_rate", positive=True)
    steps = check_int(steps, "steps", minimum=0, maximum=MAX_STEPS)
    schedule = check_choice(schedule, "schedule", SCHEDULES)
    decay_steps = check_scalar(decay_steps, "decay_steps", positive=True)
    return _schedule(lr, np.arange(steps), schedule, decay_steps)


def _schedule(lr, t, schedule, decay_steps):
    t = np.asarray(t, dtype=float)
    if schedule == "constant":
        return np.full(t.shape, lr)
    if schedule == "inverse":
        return lr / (1.0 + t / decay_steps)
    return lr * 0.5 ** np.floor(t / decay_steps)


def _batches(n, batch_size, rng, shuffle):
    """Row indices of each batch of one epoch: a permutation (or 0..n−1) cut into pieces of batch_size."""
    order = rng.permutation(n) if shuffle else np.arange(n)
    return [order[i:i + batch_size] for i in range(0, n, batch_size)]


def _batch_gradient(Xb, yb, w, b):
    """MSE gradient on one batch: ((2/m)·X_Bᵀr_B, (2/m)·Σ r_B)."""
    r = Xb @ w + b - yb
    m = r.size
    return (2.0 / m) * (Xb.T @ r), 2.0 * float(r.sum()) / m


def minibatch_gradients(X, y, w, b=0.0, batch_size=32, *, shuffle=True, random_state=None):
    """The MSE gradient of every mini-batch of one epoch, and the batch sizes.

    The rows are shuffled (``shuffle=True``) with ``np.random.default_rng(random_state)``
    and cut into consecutive batches of ``batch_size`` rows, exactly as one
    epoch of ``sgd`` does. Each batch B of m rows gives ((2/m)·X_Bᵀr_B, (2/m)·Σ_B r).

    The batches partition the rows, so the full gradient is the size-weighted
    mean of the batch gradients, exactly (up to rounding):
    ∇MSE = Σ_B (m_B/n)·g_B. When ``batch_size`` divides n every m_B is the same
    and this is the plain mean. (With a smaller last batch the plain mean
    over-weights that batch's rows.)

    Parameters
    ----------
    X : array-like of shape (n, d) or (n,)
    y : array-like of shape (n,)
    w : array-like of shape (d,)
    b : float
    batch_size : int
        From 1 to n.
    shuffle : bool
    random_state : int or None

    Returns
    -------
    dw : ndarray of shape (n_batches, d)
    db : ndarray of shape (n_batches,)
    sizes : ndarray of shape (n_batches,)
        Rows in each batch.
    """
    X, y = check_data(X, y)
    n, d = X.shape
    w, b = check_params(w, b, d)
    batch_size = check_int(batch_size, "batch_size", minimum=1, maximum=n)
    shuffle = check_bool(shuffle, "shuffle")
    rng = np.random.default_rng(check_seed(random_state, "random_state"))
    batches = _batches(n, batch_size, rng, shuffle)
    dw, db = np.empty((len(batches), d)), np.empty(len(batches))
    safe = in_safe_range(X, y, w, np.array([b]))
    for j, rows in enumerate(batches):
        if safe:
            dw[j], db[j] = _batch_gradient(X[rows], y[rows], w, b)
        else:  # extreme magnitudes: lr.mse_grad's overflow-safe route (or its error naming X and y)
            dw[j], db[j] = _gradient("mse", X[rows], y[rows], w, b)
    return dw, db, np.array([rows.size for rows in batches])


def sgd(X, y, learning_rate, *, batch_size=32, epochs=10, schedule="constant", decay_steps=None, shuffle=True,
        random_state=None, w0=None, b0=0.0, momentum=0.0, tol=None, grad_tol=None, patience=None,
        fit_intercept=True):
    """Minimise MSE of ŷ = X·w + b by mini-batch stochastic gradient descent.

    Each epoch shuffles the rows and takes one step per batch of ``batch_size``
    rows: θ ← θ − η_t·g_B(θ) (+ β·(θ − θ_prev) with ``momentum`` β), where g_B is
    the MSE gradient of that batch alone and η_t follows ``schedule``.

    **Recorded per step.** ``path``, ``losses`` and ``grad_norms`` hold the
    parameters, the full-data MSE and the norm of the full-data gradient at the
    start and after every step (one row per mini-batch update, not per epoch),
    so the run's noise is visible. Computing the full MSE costs one pass over
    the data per step; it is for teaching, not speed. The number of steps is
    epochs × ⌈n / batch_size⌉, at most ``MAX_STEPS`` (1,000,000), which bounds
    the memory.

    Stop rules, checked on the recorded full-data values at every step, in
    this order: the loss is non-finite or more than 1e8 times the starting
    loss (``"diverged"``); ‖∇MSE‖ ≤ ``grad_tol`` (``"grad_tol"``); the relative
    change of the full MSE from the previous step is ≤ ``tol`` (``"loss_tol"``);
    the full MSE has not improved for ``patience`` steps (``"early_stopping"``,
    returning the best step's parameters); all epochs done (``"max_iter"``).
    ``tol`` and ``grad_tol`` are off by default: with a fixed η the noise
    keeps the loss moving, and a noisy step can meet a tolerance by chance.

    Parameters
    ----------
    X : array-like of shape (n, d) or (n,)
    y : array-like of shape (n,)
    learning_rate : float
        η₀ > 0, the first step's learning rate.
    batch_size : int
        Rows per step, 1 (pure SGD) to n (full-batch descent, one step per epoch);
        larger values are clipped to n.
    epochs : int
        Passes over the data.
    schedule : {"constant", "inverse", "step"}
        η_t = η₀; η₀/(1 + t/decay_steps); or η₀·0.5^⌊t/decay_steps⌋ (t counts steps from 0).
    decay_steps : float, optional
        Steps over which the schedule decays; by default one epoch (⌈n / batch_size⌉ steps).
    shuffle : bool
        Shuffle the rows each epoch (else the same batches in the same order every epoch).
    random_state : int or None
        Seed of ``np.random.default_rng`` for the shuffles.
    w0 : array-like of shape (d,), optional
        Starting weights (zeros by default).
    b0 : float
        Starting intercept.
    momentum : float
        β in [0, 1): heavy-ball momentum (0: none).
    tol, grad_tol : float or None
        Relative change of the full MSE, and norm of the full gradient, below which the run stops (None: off).
    patience : int or None
        Early stopping on the full training MSE.
    fit_intercept : bool
        If False, b stays at 0.

    Returns
    -------
    DescentResult
        ``n_iter`` counts steps (mini-batch updates), ``learning_rate`` is η₀,
        ``loss`` is ``"mse"``, ``momentum`` is β.
    """
    X, y = check_data(X, y)
    n, d = X.shape
    lr = check_scalar(learning_rate, "learning_rate", positive=True)
    batch_size = min(check_int(batch_size, "batch_size", minimum=1), n)
    epochs = check_int(epochs, "epochs", minimum=1, maximum=MAX_STEPS)
    schedule = check_choice(schedule, "schedule", SCHEDULES)
    per_epoch = -(-n // batch_size)
    total = epochs * per_epoch
    if total > MAX_STEPS:
        raise ValueError(f"epochs × batches per epoch = {epochs:,} × {per_epoch:,} = {total:,} steps exceeds "
                         f"MAX_STEPS = {MAX_STEPS:,} (every step is recorded): use fewer epochs or larger batches")
    decay_steps = float(per_epoch) if decay_steps is None else check_scalar(decay_steps, "decay_steps", positive=True)
    shuffle = check_bool(shuffle, "shuffle")
    rng = np.random.default_rng(check_seed(random_state, "random_state"))
    beta = _check_momentum(momentum)
    rules = _StopRules(tol, grad_tol, patience)
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    w, b = check_params(np.zeros(d) if w0 is None else w0, b0, d, names=("w0", "b0"))
    w = w.copy()
    if not fit_intercept:
        b = 0.0
    rates = _schedule(lr, np.arange(total), schedule, decay_steps)

    path = np.empty((total + 1, d + 1))
    losses = np.empty(total + 1)
    grad_norms = np.empty(total + 1)
    vw, vb = np.zeros(d), 0.0
    stop = "max_iter"
    with np.errstate(over="ignore", invalid="ignore"):
        rules.zero_loss = float(y @ y) / n
    k = 0
    batches = []
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        while True:
            r = X @ w + b - y
            value = float(r @ r) / n
            gw, gb = (2.0 / n) * (X.T @ r), (2.0 * float(r.sum()) / n if fit_intercept else 0.0)
            path[k, :d], path[k, d] = w, b
            losses[k] = value
            gnorm = float(np.sqrt(gw @ gw + gb * gb))
            grad_norms[k] = gnorm
            stop = rules.check(k, value, gnorm) or stop
            if stop != "max_iter":
                break
            if k == total:
                break
            if not batches:
                batches = _batches(n, batch_size, rng, shuffle)[::-1]  # popped from the end: first batch first
            rows = batches.pop()
            bw, bb = _batch_gradient(X[rows], y[rows], w, b)
            if not fit_intercept:
                bb = 0.0
            vw = beta * vw - rates[k] * bw
            vb = beta * vb - rates[k] * bb
            w += vw
            b += vb
            k += 1
    steps = k
    return _result(stop, steps, rules, path, losses, grad_norms,
                   _message(stop, steps, per_epoch, lr, schedule, batch_size, beta, X, fit_intercept),
                   monitored="the full MSE", learning_rate=lr, loss="mse", momentum=beta)


def _message(stop, steps, per_epoch, lr, schedule, batch_size, beta, X, fit_intercept):
    epochs = steps / per_epoch
    where = f"{steps} step{'' if steps == 1 else 's'} ({epochs:.3g} epoch{'' if epochs == 1 else 's'})"
    how = f"batch size {batch_size}, {schedule} η"
    if beta:
        how += f", momentum {beta:.3g}"
    if stop == "diverged":
        text = f"diverged after {where}: the loss blew up ({how})"
        try:
            limit = _stability_limit(X, fit_intercept) * (1 + beta)
        except ValueError:
            return text + "; the data are too large in magnitude: rescale X and y (lr.standardize)"
        if lr >= limit:
            text += f"; η₀ = {lr:.3g} ≥ {'2(1 + β)/L' if beta else '2/L'} = {limit:.3g} of the full MSE"
        return text
    if stop == "grad_tol":
        return f"converged after {where}: the full gradient is (almost) zero ({how})"
    if stop == "loss_tol":
        return f"stopped after {where}: the full MSE stopped changing ({how})"
    if stop == "early_stopping":
        return f"stopped early after {where}: no improvement of the full MSE for the patience window ({how})"
    return f"ran all {where} ({how})"
