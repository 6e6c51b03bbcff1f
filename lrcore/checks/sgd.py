"""Chapter 7: the gradient of a mini-batch, and one heavy-ball momentum step."""

from __future__ import annotations

import numpy as np

from ._core import _never_raises, check_function


def _batch_cases(seed=7):
    """(X, y, w, b, rows) with rows a batch of distinct row indices, never all rows."""
    rng = np.random.default_rng(seed)
    out = []
    for n, d, m in ((12, 1, 4), (20, 2, 5), (9, 3, 3), (30, 2, 7)):
        X = rng.normal(size=(n, d))
        y = X @ rng.normal(size=d) + 0.5 + rng.normal(0, 0.5, n)
        out.append((X, y, rng.normal(size=d), float(rng.normal()), np.sort(rng.choice(n, size=m, replace=False))))
    return out


def _batch_grad(X, y, w, b, rows, scale=None):
    X, y, rows = np.asarray(X, float), np.asarray(y, float), np.asarray(rows)
    Xb = X[rows] if X.ndim == 2 else X[rows][:, None]
    r = Xb @ np.atleast_1d(w) + b - y[rows]
    m = r.size if scale is None else scale(X, rows)
    return (2.0 / m) * (Xb.T @ r), 2.0 * float(r.sum()) / m


def _full_grad(X, y, w, b, rows):
    return _batch_grad(X, y, w, b, np.arange(len(y)))


_BATCH_MISTAKES = [
    (lambda X, y, w, b, rows: _batch_grad(X, y, w, b, rows, scale=lambda X, rows: len(X)),
     "you divided by n, the number of ALL rows; the batch's MSE is a mean over its own m rows, so divide by "
     "m = len(rows). (Dividing by n shrinks every step by m/n.)"),
    (_full_grad, "you returned the gradient of the whole data set: use only the rows of the batch, X[rows] and "
                 "y[rows]."),
    (lambda X, y, w, b, rows: tuple(g / 2 for g in _batch_grad(X, y, w, b, rows)),
     "your gradient is half the size: that is the gradient of ½·MSE; this chapter's J is MSE (the 2 stays)."),
    (lambda X, y, w, b, rows: tuple(-g for g in _batch_grad(X, y, w, b, rows)),
     "the sign is flipped: with r = ŷ − y (prediction minus truth) the gradient is +(2/m)·X_Bᵀr."),
    (lambda X, y, w, b, rows: tuple(g * len(rows) for g in _batch_grad(X, y, w, b, rows)),
     "you forgot to divide by m: that is the gradient of the batch's SSE, a sum, not of its MSE."),
]


@_never_raises
def check_minibatch_gradient(func, cases=None):
    """Check the learner's ``minibatch_gradient(X, y, w, b, rows) -> (dw, db)``: the MSE gradient of the batch.

    The reference is ((2/m)·X_Bᵀr_B, (2/m)·Σ r_B) over the m rows ``rows``,
    r = X·w + b − y. Names dividing by n instead of m, using every row, the
    ½·MSE gradient, a flipped sign and a forgotten 1/m.

    Parameters
    ----------
    func : callable
        The learner's function.
    cases : list of tuple, optional
        ``(X, y, w, b, rows)`` tuples; by default four data sets of the check's own.

    Returns
    -------
    CheckResult
    """
    name = "minibatch_gradient(X, y, w, b, rows)"
    start = ("Hint: start from Section 1's formula for g_B: which rows enter the sums, and which count do you "
             "divide by?")
    full = "Hint: Xb, yb = X[rows], y[rows]; r = Xb @ w + b − yb; then (2/m)·Xbᵀr and (2/m)·Σr with m = len(rows)."
    return check_function(func, _batch_grad, _batch_cases() if cases is None else cases, name=name,
                          mistakes=_BATCH_MISTAKES, hint=full, start_hint=start, returns="dw, db")


def _step_cases(seed=11):
    """(theta, theta_prev, grad, eta, beta) with the three vectors all different."""
    rng = np.random.default_rng(seed)
    out = []
    for d, eta, beta in ((2, 0.1, 0.9), (3, 0.05, 0.5), (1, 0.2, 0.7), (4, 0.01, 0.95)):
        out.append((rng.normal(size=d), rng.normal(size=d), rng.normal(size=d), eta, beta))
    return out


def _heavy_ball(theta, theta_prev, grad, eta, beta):
    theta, theta_prev, grad = (np.asarray(v, float) for v in (theta, theta_prev, grad))
    return theta - eta * grad + beta * (theta - theta_prev)


def _as(f):
    return lambda theta, theta_prev, grad, eta, beta: f(*(np.asarray(v, float) for v in (theta, theta_prev, grad)),
                                                        eta, beta)


_STEP_MISTAKES = [
    (_as(lambda t, p, g, eta, beta: t - eta * g - beta * (t - p)),
     "the momentum term points backwards: it is +β·(θ − θ_prev) (the velocity is θ − θ_prev, where you went "
     "last step, not θ_prev − θ), the direction you were already moving, so the ball keeps rolling that way."),
    (_as(lambda t, p, g, eta, beta: t - eta * g), "you left out the momentum term: add β·(θ − θ_prev)."),
    (_as(lambda t, p, g, eta, beta: t + eta * g + beta * (t - p)),
     "you stepped uphill: the gradient term is −η·∇J."),
    (_as(lambda t, p, g, eta, beta: t - g + beta * (t - p)), "the gradient step forgot η: −η·∇J."),
    (_as(lambda t, p, g, eta, beta: -eta * g + beta * (t - p)),
     "you returned the change (the new velocity); add it to θ to get the new position."),
    (_as(lambda t, p, g, eta, beta: t - eta * (1 - beta) * g + beta * (t - p)),
     "you damped the gradient by (1 − β): that is the 'exponential average' form of momentum, whose η means "
     "something else; this chapter's heavy ball is θ − η·∇J + β·(θ − θ_prev)."),
]


@_never_raises
def check_momentum_step(func, cases=None):
    """Check the learner's ``momentum_step(theta, theta_prev, grad, eta, beta) -> new theta``.

    The reference is the heavy-ball step θ − η·∇J + β·(θ − θ_prev). Names a
    backwards momentum term, no momentum term, a step uphill, a forgotten η,
    returning the velocity instead of the position, and the (1 − β)-damped
    gradient of the exponential-average form.

    Parameters
    ----------
    func : callable
        The learner's function.
    cases : list of tuple, optional
        ``(theta, theta_prev, grad, eta, beta)`` tuples; by default four of the check's own.

    Returns
    -------
    CheckResult
    """
    name = "momentum_step(theta, theta_prev, grad, eta, beta)"
    start = ("Hint: the update has two parts, the gradient step of plain descent and the momentum term; "
             "Section 6's formula for θ_{k+1} has both.")
    full = "Hint: new θ = θ − eta·grad + beta·(θ − θ_prev)."
    return check_function(func, _heavy_ball, _step_cases() if cases is None else cases, name=name,
                          mistakes=_STEP_MISTAKES, hint=full, start_hint=start, returns="the new theta")
