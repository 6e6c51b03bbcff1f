"""Gradient descent with the stopping rules the course teaches, and its theory.

For MSE the Hessian is constant, H = (2/n)·X̃ᵀX̃ with X̃ = [X, 1] (with sample
weights, H = 2·X̃ᵀ·diag(p)·X̃ where p = weights / their sum). Along an
eigenvector with eigenvalue λ one step multiplies the error by (1 − ηλ), so with
L the largest eigenvalue:

* η ≤ 1/L: every factor lies in [0, 1): the parameters approach the minimum
  without overshooting ("monotone");
* 1/L < η < 2/L: the steepest direction's factor lies in (−1, 0): the
  parameters overshoot and zig-zag, yet still converge ("oscillating");
* η ≥ 2/L: |1 − ηL| ≥ 1: the error along that direction never shrinks and
  above 2/L grows each step ("diverging").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validation import (
    check_bool,
    check_choice,
    check_data,
    check_features,
    check_int,
    check_params,
    check_scalar,
    check_vector,
    with_ones,
)
from .losses import loss_and_grad_from_residuals

__all__ = ["DescentResult", "gradient_descent", "hessian", "stability_limit", "learning_rate_regime", "STOP_REASONS",
           "MomentumTheory", "momentum_theory"]

MAX_STEPS = 1_000_000  # the path of every step is kept: (max_iter + 1)·(d + 1) numbers
STOP_REASONS = ("loss_tol", "grad_tol", "early_stopping", "max_iter", "diverged")

# A loss this many times the starting loss (or non-finite) counts as divergence.
_EXPLOSION_FACTOR = 1e8


@dataclass(frozen=True)
class DescentResult:
    """What a run of gradient descent did.

    Attributes
    ----------
    w : ndarray of shape (d,)
        Weights at the last step; after early stopping, at the best step (``best_step``).
    b : float
        Intercept, from the same step as ``w``.
    path : ndarray of shape (n_iter + 1, d + 1)
        Parameters at every step, start included; the last column is b.
    losses : ndarray of shape (n_iter + 1,)
        Training loss at every point of ``path``.
    grad_norms : ndarray of shape (n_iter + 1,)
        Euclidean norm of the gradient in (w, b) at every point of ``path``.
    n_iter : int
        Number of steps taken.
    stop_reason : str
        One of ``STOP_REASONS``.
    learning_rate : float
    loss : str
    message : str
        One sentence for a learner: what happened and why it stopped.
    val_losses : ndarray or None
        Validation loss at every point of ``path`` when validation data was given.
    best_step : int or None
        With early stopping: the step whose parameters ``w`` and ``b`` are (the
        lowest monitored loss); None otherwise.
    momentum : float
        The momentum β of the run (0 for plain descent).
    nesterov : bool
        Whether the gradient was taken at the look-ahead point (Nesterov).
    """

    w: np.ndarray
    b: float
    path: np.ndarray
    losses: np.ndarray
    grad_norms: np.ndarray
    n_iter: int
    stop_reason: str
    learning_rate: float
    loss: str
    message: str
    val_losses: np.ndarray | None = None
    best_step: int | None = None
    momentum: float = 0.0
    nesterov: bool = False

    @property
    def converged(self):
        """True when a tolerance rule (loss or gradient) stopped the run."""
        return self.stop_reason in ("loss_tol", "grad_tol")

    @property
    def diverged(self):
        """True when the loss became non-finite or exploded."""
        return self.stop_reason == "diverged"


def hessian(X, *, fit_intercept=True):
    """Hessian of MSE in (w, b): H = (2/n)·X̃ᵀX̃, shape (d+1, d+1) (or (d, d) without intercept).

    Raises ValueError when the features are so large that H overflows
    (standardise them first).
    """
    X = check_features(X)
    return _hessian(X, check_bool(fit_intercept, "fit_intercept"))


def _hessian(X, fit_intercept, shares=None):
    """(2/n)·X̃ᵀX̃, or 2·X̃ᵀ·diag(shares)·X̃ for weighted MSE (X already checked)."""
    A = with_ones(X) if fit_intercept else X
    with np.errstate(over="ignore", invalid="ignore"):
        if shares is None:
            H = (2.0 / A.shape[0]) * (A.T @ A)
        else:
            H = 2.0 * (A.T @ (A * shares[:, None]))
    if not np.all(np.isfinite(H)):
        raise ValueError("X is too large in magnitude: its Hessian overflows double precision; "
                         "standardise the features first (lr.standardize)")
    return H


def stability_limit(X, *, fit_intercept=True):
    """2/L, the stability limit of fixed-step descent on MSE: it converges if and only if η < 2/L.

    At η = 2/L exactly, the error along the steepest direction flips sign each
    step without shrinking (descent bounces forever); above it, it grows.
    L is the largest eigenvalue of the MSE Hessian (2/n)·X̃ᵀX̃. Returns ``inf``
    when the Hessian is zero (all features and the intercept absent).
    """
    return _limit(hessian(X, fit_intercept=fit_intercept))


def _limit(H):
    L = float(np.linalg.eigvalsh(H)[-1])
    return 2.0 / L if L > 0 else float("inf")


def _stability_limit(X, fit_intercept, shares=None):
    """2/L for MSE, weighted by ``shares`` (p = w / Σ w) when given (X already checked).

    With weights the loss is Σ pᵢrᵢ² and its Hessian 2·X̃ᵀ·diag(p)·X̃.
    """
    return _limit(_hessian(X, fit_intercept, shares))


def _check_sample_weight(sample_weight, n_samples):
    """Return ``sample_weight`` as a float array of n_samples finite weights ≥ 0, not all 0 (None stays None).

    Raises TypeError for non-numbers and ValueError, naming ``sample_weight``,
    for a wrong shape or length, NaN/inf, negative weights or all weights 0.
    The caller's array is never modified.
    """
    if sample_weight is None:
        return None
    w = np.array(check_vector(sample_weight, "sample_weight", length=n_samples), dtype=float)  # a copy
    if np.any(w < 0):
        raise ValueError(f"sample_weight must not be negative, got {int(np.sum(w < 0))} negative weight(s)")
    if not np.any(w > 0):
        raise ValueError("sample_weight are all zero: at least one weight must be positive")
    return w


def _weight_shares(weights):
    """Weights scaled to sum to 1 (p = w / Σ w), without overflow for huge weights."""
    p = weights / weights.max()
    return p / p.sum()


def learning_rate_regime(X, learning_rate, *, fit_intercept=True):
    """Name what fixed-step descent on MSE does with this learning rate.

    Returns ``"monotone"`` for η ≤ 1/L, ``"oscillating"`` for 1/L < η < 2/L and
    ``"diverging"`` for η ≥ 2/L (at exactly 2/L it does not converge either).
    """
    lr = check_scalar(learning_rate, "learning_rate", positive=True)
    return _regime(lr, stability_limit(X, fit_intercept=fit_intercept))


def _regime(lr, limit):
    """The regime of learning rate ``lr`` against the stability limit 2/L = ``limit``."""
    if lr <= limit / 2:
        return "monotone"
    if lr < limit:
        return "oscillating"
    return "diverging"


def _check_momentum(momentum, name="momentum"):
    """β as a float in [0, 1)."""
    beta = check_scalar(momentum, name)
    if not 0.0 <= beta < 1.0:
        raise ValueError(f"{name} must lie in [0, 1) (0 is plain descent; 1 or more never settles), got {beta}")
    return beta


@dataclass(frozen=True)
class MomentumTheory:
    """Plain descent and the heavy ball at their best on the MSE quadratic (see ``momentum_theory``).

    Attributes
    ----------
    L, mu : float
        Largest and smallest eigenvalues of the MSE Hessian.
    kappa : float
        Condition number L/μ (inf when μ = 0).
    learning_rate, momentum : float
        The best heavy-ball pair η* = 4/(√L + √μ)², β* = ((√κ − 1)/(√κ + 1))².
    rate : float
        Its error factor per step, (√κ − 1)/(√κ + 1) = √β*.
    plain_learning_rate : float
        The best fixed step of plain descent, 2/(L + μ).
    plain_rate : float
        Its error factor per step, (κ − 1)/(κ + 1).
    """

    L: float
    mu: float
    kappa: float
    learning_rate: float
    momentum: float
    rate: float
    plain_learning_rate: float
    plain_rate: float

    @property
    def speedup(self):
        """How many plain steps one momentum step is worth: log(rate)/log(plain_rate), about √κ for large κ."""
        if self.plain_rate >= 1.0 or self.rate >= 1.0:
            return float("nan")  # singular Hessian: neither converges along the flat direction
        if self.plain_rate <= 0.0:
            return 1.0  # κ = 1: both land in one step
        return float(np.log(self.rate) / np.log(self.plain_rate))


def momentum_theory(X, *, fit_intercept=True):
    """The best learning rate and momentum for descent on MSE, and the rates they give.

    On a quadratic with Hessian eigenvalues in [μ, L] (κ = L/μ), plain descent
    is fastest at η = 2/(L + μ), where the error shrinks at worst by
    (κ − 1)/(κ + 1) per step. The heavy ball θₖ₊₁ = θₖ − η∇J(θₖ) + β(θₖ − θₖ₋₁)
    is fastest at η* = 4/(√L + √μ)² and β* = ((√κ − 1)/(√κ + 1))², where every
    eigen-direction shrinks by (√κ − 1)/(√κ + 1) per step (Polyak, 1964). At β*
    the iteration has a repeated eigenvalue, so the error behaves like
    k·ρᵏ: measure the rate over a long window.

    Parameters
    ----------
    X : array-like of shape (n, d) or (n,)
    fit_intercept : bool

    Returns
    -------
    MomentumTheory
        With a singular Hessian (μ = 0, e.g. collinear features) κ is inf,
        both rates are 1 and β* = 1: nothing converges along the flat direction
        (the loss still can), and there is no best pair to use.
    """
    H = hessian(X, fit_intercept=fit_intercept)
    eig = np.linalg.eigvalsh(H)
    L, mu = float(eig[-1]), max(float(eig[0]), 0.0)
    if L <= 0.0:
        raise ValueError("X is all zeros, or too small in magnitude for its Hessian (and there is no intercept): "
                         "the MSE does not depend on the parameters; rescale X (lr.standardize)")
    if mu <= 4 * np.finfo(float).eps * L * H.shape[0]:  # rounding-level: treat as singular
        mu = 0.0
    q = mu / L                                   # 1/κ, in [0, 1]: the formulas below in ratios, free of overflow
    sq = float(np.sqrt(q))
    rate = (1.0 - sq) / (1.0 + sq)
    with np.errstate(over="ignore"):
        eta_star = (2.0 / (np.sqrt(L) * (1.0 + sq))) ** 2   # 4/(√L + √μ)²
        eta_plain = (2.0 / L) / (1.0 + q)                    # 2/(L + μ)
    if not (np.isfinite(eta_star) and np.isfinite(eta_plain)):
        raise ValueError("X is too small in magnitude: the best learning rates exceed the largest floating-point "
                         "number; rescale X (lr.standardize)")
    return MomentumTheory(L=L, mu=mu, kappa=1.0 / q if q > 0 else float("inf"), learning_rate=float(eta_star),
                          momentum=rate * rate, rate=rate, plain_learning_rate=float(eta_plain),
                          plain_rate=(1.0 - q) / (1.0 + q))


def _momentum_rate(learning_rate, beta, eigenvalues, nesterov=False):
    """Spectral radius of one heavy-ball (or Nesterov) step on a quadratic with these Hessian eigenvalues.

    Along an eigenvector with eigenvalue λ the error obeys eₖ₊₁ = (1 + β − ηλ)eₖ − βeₖ₋₁ (heavy ball) or
    eₖ₊₁ = (1 + β)(1 − ηλ)eₖ − β(1 − ηλ)eₖ₋₁ (Nesterov): the roots of r² − t·r + c = 0 give its factor.
    """
    lam = np.asarray(eigenvalues, dtype=float)
    a = learning_rate * lam
    t, c = ((1 + beta) * (1 - a), beta * (1 - a)) if nesterov else (1 + beta - a, np.full_like(a, beta))
    disc = np.sqrt((t * t - 4 * c).astype(complex))
    return float(np.max(np.maximum(np.abs((t + disc) / 2), np.abs((t - disc) / 2))))


def _loss_and_grad(loss, X, y, w, b, r, shares=None):
    """Loss and gradient at (w, b), writing residuals into the buffer ``r`` (no allocation for them)."""
    np.matmul(X, w, out=r)
    r += b
    r -= y
    if shares is None:
        return loss_and_grad_from_residuals(loss, X, r)
    return _weighted_loss_and_grad(loss, X, r, shares)


def _weighted_loss_and_grad(loss, X, r, p):
    """Weighted loss and gradient from residuals r and weight shares p (Σ p = 1).

    MSE Σ pᵢrᵢ², RMSE its square root, MAE Σ pᵢ|rᵢ|: the unweighted losses
    are the case pᵢ = 1/n.
    """
    if loss == "mse":
        pr = p * r
        return float(pr @ r), 2.0 * (X.T @ pr), 2.0 * float(pr.sum())
    if loss == "rmse":
        pr = p * r
        value = float(np.sqrt(pr @ r))
        if value == 0.0 or not np.isfinite(value):  # √ has no derivative at 0; 0 is a subgradient there
            return value, np.zeros(X.shape[1]), 0.0
        return value, (X.T @ pr) / value, float(pr.sum()) / value
    ps = p * np.sign(r)  # MAE: a subgradient, sign(0) = 0
    return float(p @ np.abs(r)), X.T @ ps, float(ps.sum())


def gradient_descent(
    X, y, learning_rate, *, w0=None, b0=0.0, loss="mse", max_iter=1000,
    tol=1e-10, grad_tol=1e-8, patience=None, validation=None, fit_intercept=True, sample_weight=None,
    momentum=0.0, nesterov=False,
):
    """Minimise a loss of ŷ = X·w + b by fixed-step gradient descent, optionally with momentum.

    Each step is θ ← θ − η·∇L(θ) with θ = (w, b). With ``momentum`` β > 0 it is
    the heavy-ball step θₖ₊₁ = θₖ − η·∇L(θₖ) + β·(θₖ − θₖ₋₁) (with θ₋₁ = θ₀, so
    the first step is a plain one); with ``nesterov=True`` the gradient is taken
    at the look-ahead point θₖ + β·(θₖ − θₖ₋₁) instead. The loss, gradient norm
    and stop rules are always those at θₖ, the points of ``path``. The rules checked at every
    point, in this order: the loss is non-finite or more than 1e8 times the
    starting loss (``"diverged"``); ‖∇L‖ ≤ ``grad_tol`` (``"grad_tol"``);
    |ΔL| ≤ ``tol``·L_prev, the loss stopped moving (``"loss_tol"``); the monitored
    loss has not improved for ``patience`` steps (``"early_stopping"``);
    ``max_iter`` steps taken (``"max_iter"``).

    Parameters
    ----------
    X : array-like of shape (n, d) or (n,)
    y : array-like of shape (n,)
    learning_rate : float
        Step size η > 0.
    w0 : array-like of shape (d,), optional
        Starting weights (zeros by default).
    b0 : float
        Starting intercept.
    loss : {"mse", "rmse", "mae"}
    max_iter : int
        Most steps to take, from 1 to ``MAX_STEPS`` (1,000,000: every step's parameters are kept).
    tol : float or None
        Relative change of the loss below which the run stops (None: off).
    grad_tol : float or None
        Gradient norm below which the run stops (None: off).
    patience : int or None
        Early stopping: steps without improvement of the monitored loss (the
        validation loss if ``validation`` is given, else the training loss).
        When it stops the run, the result holds the parameters of the best
        step (``best_step``, the lowest monitored loss), not the last ones
        ``patience`` steps later; ``path`` and the losses still run to the end.
    validation : tuple (X_val, y_val), optional
        Held-out data whose loss is recorded at every step and monitored by
        ``patience``.
    fit_intercept : bool
        If False, b stays at 0.
    sample_weight : array-like of shape (n,), optional
        Weights wᵢ ≥ 0 (finite, not all 0). The loss becomes the weighted
        mean: MSE = Σ wᵢrᵢ² / Σ wᵢ with gradient (2 Σ wᵢrᵢxᵢ / Σ wᵢ,
        2 Σ wᵢrᵢ / Σ wᵢ), RMSE its square root, MAE = Σ wᵢ|rᵢ| / Σ wᵢ.
        An integer weight k acts as k copies of the row, 0 as dropping it.
        The validation loss stays unweighted. The weighted MSE has the
        Hessian 2·X̃ᵀ·diag(p)·X̃ with p = w / Σ w, and its own 1/L.
    momentum : float
        β in [0, 1); 0 (the default) is plain descent. On MSE the heavy ball
        converges if and only if η < 2(1 + β)/L (see ``momentum_theory`` for the
        best pair (η, β)).
    nesterov : bool
        Take the gradient at the look-ahead point (Nesterov's accelerated
        gradient); with ``momentum=0`` it is plain descent.

    Returns
    -------
    DescentResult
    """
    X, y = check_data(X, y)
    n, d = X.shape
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    lr = check_scalar(learning_rate, "learning_rate", positive=True)
    loss = check_choice(loss, "loss", ("mse", "rmse", "mae"))
    max_iter = check_int(max_iter, "max_iter", minimum=1, maximum=MAX_STEPS)
    rules = _StopRules(tol, grad_tol, patience)
    beta = _check_momentum(momentum)
    nesterov = check_bool(nesterov, "nesterov")
    weights = _check_sample_weight(sample_weight, n)
    shares = None if weights is None else _weight_shares(weights)
    w, b = check_params(np.zeros(d) if w0 is None else w0, b0, d, names=("w0", "b0"))
    w = w.copy()
    if not fit_intercept:
        b = 0.0
    X_val = y_val = None
    if validation is not None:
        if not isinstance(validation, (tuple, list)) or len(validation) != 2:
            raise TypeError("validation must be a pair (X_val, y_val)")
        X_val, y_val = check_data(*validation, names=("validation X_val", "validation y_val"))
        if X_val.shape[1] != d:
            raise ValueError(f"validation X_val must have {d} feature(s) like X, got {X_val.shape[1]}")

    path = np.empty((max_iter + 1, d + 1))
    losses = np.empty(max_iter + 1)
    grad_norms = np.empty(max_iter + 1)
    val_losses = np.empty(max_iter + 1) if X_val is not None else None
    r = np.empty(n)
    r_val = np.empty(X_val.shape[0]) if X_val is not None else None
    w_prev, b_prev = w.copy(), b  # θₖ₋₁ (θ₋₁ = θ₀: no velocity at the start)
    stop = "max_iter"
    with np.errstate(over="ignore", invalid="ignore"):
        rules.zero_loss = _zero_loss(loss, y, shares)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for k in range(max_iter + 1):
            value, gw, gb = _loss_and_grad(loss, X, y, w, b, r, shares)
            if not fit_intercept:
                gb = 0.0
            path[k, :d], path[k, d] = w, b
            losses[k] = value
            gnorm = float(np.sqrt(gw @ gw + gb * gb))
            grad_norms[k] = gnorm
            monitored = value
            if val_losses is not None:
                val_losses[k] = monitored = _loss_and_grad(loss, X_val, y_val, w, b, r_val)[0]
            stop = rules.check(k, value, gnorm, monitored) or stop
            if stop != "max_iter" or k == max_iter:
                break
            if beta == 0.0:
                w -= lr * gw
                b -= lr * gb
                continue
            vw, vb = w - w_prev, b - b_prev  # the velocity θₖ − θₖ₋₁
            if nesterov:  # the gradient at the look-ahead point θₖ + β·(θₖ − θₖ₋₁)
                _, gw, gb = _loss_and_grad(loss, X, y, w + beta * vw, b + beta * vb, r, shares)
                if not fit_intercept:
                    gb = 0.0
            w_prev, b_prev = w.copy(), b
            w += beta * vw - lr * gw
            b += beta * vb - lr * gb
    steps = k
    return _result(stop, steps, rules, path, losses, grad_norms,
                   _describe(stop, steps, lr, loss, X, fit_intercept, shares, beta, nesterov),
                   monitored="the monitored loss", learning_rate=lr, loss=loss,
                   val_losses=None if val_losses is None else val_losses[: steps + 1].copy(),
                   momentum=beta, nesterov=nesterov)


class _StopRules:
    """The stop rules every descent in lrcore shares (``gradient_descent``, ``sgd``), with their arguments checked.

    ``check`` is called at each recorded point, in order, and names the first rule that fires: the loss is
    non-finite or more than 1e8 times the larger of the starting loss and ``zero_loss`` (``"diverged"``);
    ‖∇L‖ ≤ ``grad_tol`` (``"grad_tol"``); |ΔL| ≤ ``tol``·L_prev (``"loss_tol"``); the monitored loss has not
    improved for ``patience`` points (``"early_stopping"``, remembering ``best_step``). The step budget
    (``"max_iter"``) is the caller's. ``zero_loss`` is the loss of the all-zero model, so that a start right
    at the minimum (loss ≈ 0) does not make an ordinary first step look like divergence.
    """

    def __init__(self, tol, grad_tol, patience):
        if tol is not None:
            tol = check_scalar(tol, "tol")
            if tol < 0:
                raise ValueError(f"tol must be 0 or more (or None), got {tol}")
        if grad_tol is not None:
            grad_tol = check_scalar(grad_tol, "grad_tol")
            if grad_tol < 0:
                raise ValueError(f"grad_tol must be 0 or more (or None), got {grad_tol}")
        if patience is not None:
            patience = check_int(patience, "patience", minimum=1)
        self.tol, self.grad_tol, self.patience = tol, grad_tol, patience
        self.zero_loss = 0.0
        self.best_step = None
        self._explosion = self._previous = None
        self._best, self._since_best = np.inf, 0

    def check(self, k, value, gnorm, monitored=None):
        """The rule that stops the run at point ``k`` (loss ``value``, gradient norm ``gnorm``), or None."""
        if self._explosion is None:
            floor = self.zero_loss if np.isfinite(self.zero_loss) else 0.0
            self._explosion = _EXPLOSION_FACTOR * max(value, floor, 1e-300)
        if not np.isfinite(value) or not np.isfinite(gnorm) or value > self._explosion:
            return "diverged"
        if self.grad_tol is not None and gnorm <= self.grad_tol:
            return "grad_tol"
        previous, self._previous = self._previous, value
        if previous is not None and self.tol is not None and abs(previous - value) <= self.tol * abs(previous):
            return "loss_tol"
        if self.patience is not None:
            monitored = value if monitored is None else monitored
            if monitored < self._best:
                self._best, self._since_best, self.best_step = monitored, 0, k
            else:
                self._since_best += 1
                if self._since_best >= self.patience:
                    return "early_stopping"
        return None


def _result(stop, steps, rules, path, losses, grad_norms, message, *, monitored, **fields):
    """The DescentResult of a run that recorded points 0..``steps``: early stopping returns the best point."""
    chosen, best_step = steps, None
    if stop == "early_stopping":
        chosen = best_step = rules.best_step
        message += f"; returning the parameters of step {best_step}, where {monitored} was lowest"
    d = path.shape[1] - 1
    return DescentResult(
        w=path[chosen, :d].copy(), b=float(path[chosen, d]), path=path[: steps + 1].copy(),
        losses=losses[: steps + 1].copy(), grad_norms=grad_norms[: steps + 1].copy(), n_iter=steps,
        stop_reason=stop, message=message, best_step=best_step, **fields)


def _zero_loss(loss, y, shares):
    """The loss of the all-zero model (ŷ = 0)."""
    if shares is None:
        n = y.size
        return {"mse": float(y @ y) / n, "rmse": float(np.sqrt(y @ y / n)), "mae": float(np.abs(y).mean())}[loss]
    mse = float(shares @ (y * y))
    return {"mse": mse, "rmse": float(np.sqrt(mse)), "mae": float(shares @ np.abs(y))}[loss]


def _describe(stop, steps, lr, loss, X, fit_intercept, shares=None, beta=0.0, nesterov=False):
    plural = "" if steps == 1 else "s"
    if stop == "diverged":
        if steps == 0:
            return "diverged at step 0: the loss overflows before the first step; rescale X and y (lr.standardize)"
        text = f"diverged at step {steps}: the loss blew up"
        if loss == "mse":
            try:
                limit = _stability_limit(X, fit_intercept, shares)
            except ValueError:
                return text + "; the data are too large in magnitude: rescale X and y (lr.standardize)"
            if beta == 0.0:
                if lr >= limit:
                    text += f"; η = {lr:.3g} {'>' if lr > limit else '≥'} 2/L = {limit:.3g}"
            else:
                name, factor = (("(2 + 2β)/((1 + 2β)L)", (1 + beta) / (1 + 2 * beta)) if nesterov
                                else ("2(1 + β)/L", 1 + beta))
                if lr >= factor * limit:
                    text += f"; η = {lr:.3g} ≥ {name} = {factor * limit:.3g} with β = {beta:.3g}"
        return text
    if stop == "grad_tol":
        return f"converged in {steps} step{plural}: the gradient is (almost) zero"
    if stop == "loss_tol":
        return f"converged in {steps} step{plural}: the loss stopped changing"
    if stop == "early_stopping":
        return f"stopped early after {steps} step{plural}: no improvement for the patience window"
    return f"stopped after max_iter = {steps} step{plural} without meeting a tolerance"
