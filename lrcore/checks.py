"""Exercise checks: run the learner's answer on reference cases and say what is wrong.

A check never raises at the learner: whatever the answer does (returns None,
raises, has the wrong shape), the check returns one friendly verdict, with a
hint when it is wrong, as a ``CheckResult``. Put the check on the last line of
a cell and Jupyter shows the verdict; tests read ``.passed``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .closed_form import fit_closed_form
from .losses import mae, mse, mse_grad, rmse, rmse_grad

__all__ = [
    "CheckResult", "check_function", "check_predict", "check_residuals", "check_line", "check_mse",
    "check_mae", "check_rmse", "check_mse_grad", "check_rmse_grad", "check_choice", "check_value",
    "check_beats_baseline",
]


@dataclass(frozen=True)
class CheckResult:
    """The verdict of a check: ``passed`` and the ``message`` shown to the learner."""

    passed: bool
    message: str

    def __bool__(self):
        return self.passed

    def __repr__(self):
        return self.message


def _verdict(passed, message):
    return CheckResult(bool(passed), ("✔ " if passed else "✘ ") + message)


def _describe(value):
    if value is None:
        return "None (did you forget to return the result?)"
    if value is Ellipsis:
        return "... (the placeholder is still there: replace it with your code)"
    try:
        arr = np.asarray(value, dtype=float)
        if arr.ndim == 0:
            return f"{float(arr):.6g}"
        return f"an array of shape {arr.shape}: {np.array2string(arr, precision=4, threshold=6)}"
    except (TypeError, ValueError):
        return f"a {type(value).__name__}"


def _flat(value):
    """All numbers in a value (a number, an array, or a tuple/list of them) as one 1-D float array."""
    if isinstance(value, (tuple, list)):
        parts = [np.ravel(np.asarray(v, dtype=float)) for v in value]
        return np.concatenate(parts) if parts else np.empty(0)
    return np.ravel(np.asarray(value, dtype=float))


def _close(got, expected, rtol):
    """Same numbers in the same order; a tuple (dw, db) and an array [dw, db] count as the same answer."""
    try:
        g, e = _flat(got), _flat(expected)
        if g.shape != e.shape:
            return False
        return bool(np.allclose(g, e, rtol=rtol, atol=rtol * 1e-3))
    except (TypeError, ValueError):
        return False


def check_function(func, reference, cases, *, name, hint="", rtol=1e-6):
    """Compare ``func(*case)`` with ``reference(*case)`` on every case.

    Parameters
    ----------
    func : callable
        The learner's function.
    reference : callable
        The correct function.
    cases : list of tuple
        Argument tuples; the first failing case is shown.
    name : str
        What the function computes, for the message.
    hint : str
        Shown when the answer is wrong.
    """
    if not callable(func):
        got = "None" if func is None else f"a {type(func).__name__}"
        return _verdict(False, f"{name}: expected a function (def ...), got {got}.")
    for case in cases:
        expected = reference(*case)
        try:
            got = func(*case)
        except Exception as exc:  # the learner's code may raise anything
            return _verdict(False, f"{name}: your function raised {type(exc).__name__}: {exc}. {hint}".strip())
        if not _close(got, expected, rtol):
            shown = ", ".join(_describe(a) if np.ndim(a) == 0 else f"shape {np.shape(a)}" for a in case)
            return _verdict(False, f"{name}: for inputs ({shown}) you returned {_describe(got)}, "
                                   f"expected {_describe(expected)}. {hint}".strip())
    return _verdict(True, f"{name}: correct on all {len(cases)} test cases.")


def _cases(seed=0, n_cases=4):
    rng = np.random.default_rng(seed)
    out = []
    for k in range(n_cases):
        n = 3 + 4 * k
        x = rng.uniform(-3, 5, n)
        y = 2.0 * x - 1.0 + rng.normal(0, 1, n)
        out.append((x, y, float(rng.uniform(-2, 3)), float(rng.uniform(-2, 2))))
    return out


def check_predict(func):
    """Learner writes ``predict(x, w, b)`` for ŷ = w·x + b."""
    cases = [(x, w, b) for x, _, w, b in _cases(1)]
    return check_function(func, lambda x, w, b: w * x + b, cases, name="predict(x, w, b)",
                          hint="Hint: ŷ = w·x + b for every x at once (numpy arrays add and multiply element-wise).")


def check_residuals(func):
    """Learner writes ``residuals(x, y, w, b)`` = ŷ − y."""
    def reference(x, y, w, b):
        return w * x + b - y

    def flipped(x, y, w, b):
        return y - (w * x + b)

    cases = _cases(2)
    result = check_function(func, reference, cases, name="residuals(x, y, w, b)")
    if not result.passed and callable(func):
        try:
            if _close(func(*cases[0]), flipped(*cases[0]), 1e-6):
                return _verdict(False, "residuals(x, y, w, b): your signs are flipped. This course uses "
                                       "r = ŷ − y (prediction minus truth), so a line above a point gives r > 0.")
        except Exception:  # reported by the first check
            pass
    return result if result.passed else _verdict(False, result.message.removeprefix("✘ ") + " Hint: r = (w·x + b) − y.")


def check_line(x, y, w, b, *, within=0.10):
    """Is the line (w, b) within ``within`` (10%) of the least MSE on (x, y)?

    On a perfect fit (least MSE 0) a slider cannot land exactly on the line, so
    an MSE below 0.1% of the variance of y also passes.
    """
    try:
        w, b = float(np.ravel(w)[0]), float(b)
    except (TypeError, ValueError, IndexError):
        return _verdict(False, f"Give w and b as numbers, got w = {_describe(w)}, b = {_describe(b)}.")
    if not (math.isfinite(w) and math.isfinite(b)):
        return _verdict(False, f"Give w and b as finite numbers, got w = {w}, b = {b}.")
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    best_w, best_b = fit_closed_form(x, y)
    best = mse(y, best_w[0] * x + best_b)
    yours = mse(y, w * x + b)
    if yours <= (1 + within) * best or yours <= 1e-3 * float(np.var(y)):
        closeness = f"within {yours / best - 1:.1%} of" if best > 0 else "as good as"
        return _verdict(True, f"Your line has MSE {yours:.4g}, {closeness} the best possible {best:.4g}.")
    return _verdict(False, f"Your line has MSE {yours:.4g}; the best possible is {best:.4g}. Move the sliders to "
                           "shrink the residuals: first b, to where the cloud starts at x = 0, then the slope w "
                           "(the line turns about its point at x = 0), then adjust both in turn.")


def check_mse(func):
    """Learner writes ``mse(y_true, y_pred)``."""
    cases = [(y, w * x + b) for x, y, w, b in _cases(3)]
    return check_function(func, mse, cases, name="mse(y_true, y_pred)",
                          hint="Hint: square each residual, then take the mean (divide by n, not n − 1).")


def check_mae(func):
    """Learner writes ``mae(y_true, y_pred)``."""
    cases = [(y, w * x + b) for x, y, w, b in _cases(4)]
    return check_function(func, mae, cases, name="mae(y_true, y_pred)",
                          hint="Hint: the mean of the absolute residuals |ŷᵢ − yᵢ| (np.abs).")


def check_rmse(func):
    """Learner writes ``rmse(y_true, y_pred)``."""
    cases = [(y, w * x + b) for x, y, w, b in _cases(5)]
    return check_function(func, rmse, cases, name="rmse(y_true, y_pred)",
                          hint="Hint: the square root of the MSE, so that it is in the units of y.")


def _gradient_check(func, reference, name, hint_w, hint_b):
    if not callable(func):
        got = "None" if func is None else f"a {type(func).__name__}"
        return _verdict(False, f"{name}: expected a function (def ...), got {got}.")
    for x, y, w, b in _cases(6):
        dw_ref, db_ref = reference(x, y, [w], b)
        try:
            got = func(x, y, w, b)
        except Exception as exc:
            return _verdict(False, f"{name}: calling it raised {type(exc).__name__}: {exc}")
        if got is None or got is Ellipsis:
            return _verdict(False, f"{name}: it returned {_describe(got)}")
        try:
            dw, db = (float(np.ravel(got[0])[0]), float(got[1]))
        except Exception as exc:
            return _verdict(False, f"{name}: expected a pair (dJ/dw, dJ/db) of numbers, but calling it gave "
                                   f"{type(exc).__name__}: {exc}")
        if reference is mse_grad:
            r = w * x + b - y
            if math.isclose(dw, float(np.mean(2 * w * r)), rel_tol=1e-9) and not math.isclose(w, 0.0):
                return _verdict(False, f"{name}: your dJ/dw multiplies each residual by w where xᵢ belongs. "
                                       "The chain rule gives ∂(w·xᵢ + b − yᵢ)/∂w = xᵢ, so dJ/dw = (2/n)·Σ xᵢ·rᵢ.")
        ok_w = math.isclose(dw, dw_ref[0], rel_tol=1e-6, abs_tol=1e-9)
        ok_b = math.isclose(db, db_ref, rel_tol=1e-6, abs_tol=1e-9)
        if not ok_w or not ok_b:
            parts = []
            if not ok_w:
                parts.append(f"dJ/dw = {dw:.6g}, expected {dw_ref[0]:.6g}. {hint_w}")
            if not ok_b:
                parts.append(f"dJ/db = {db:.6g}, expected {db_ref:.6g}. {hint_b}")
            return _verdict(False, f"{name} at w = {w:.3g}, b = {b:.3g}: " + " ".join(parts))
    return _verdict(True, f"{name}: both partial derivatives match at every test point.")


def check_mse_grad(func):
    """Learner writes ``mse_grad(x, y, w, b) -> (dw, db)`` for one feature."""
    return _gradient_check(func, mse_grad, "mse_grad(x, y, w, b)",
                           "Hint: (2/n)·Σ xᵢ·(ŷᵢ − yᵢ): each residual is weighted by its own xᵢ (not by w).",
                           "Hint: (2/n)·Σ (ŷᵢ − yᵢ).")


def check_rmse_grad(func):
    """Learner writes ``rmse_grad(x, y, w, b) -> (dw, db)`` for one feature."""
    return _gradient_check(func, rmse_grad, "rmse_grad(x, y, w, b)",
                           "Hint: divide the MSE gradient by 2·RMSE (chain rule through the square root).",
                           "Hint: the same factor 1/(2·RMSE) applies to the b part.")


def check_choice(answer, correct, *, options, explanation, name="answer"):
    """A multiple-choice answer: one of ``options``; ``explanation`` is shown either way."""
    if answer not in options:
        got = "nothing yet (answer = None)" if answer is None else repr(answer)
        return _verdict(False, f"{name}: choose one of {', '.join(repr(o) for o in options)}; got {got}.")
    if answer == correct:
        return _verdict(True, f"{name}: {answer!r} is right. {explanation}")
    return _verdict(False, f"{name}: {answer!r} is not it. {explanation}")


def check_value(answer, expected, *, name, rtol=1e-3, hint=""):
    """A numeric answer within ``rtol`` (relative) of ``expected``."""
    try:
        value = float(np.ravel(answer)[0]) if np.ndim(answer) else float(answer)
    except (TypeError, ValueError, IndexError):
        got = "nothing yet (answer = None)" if answer is None else _describe(answer)
        return _verdict(False, f"{name}: expected a number, got {got}.")
    if math.isclose(value, expected, rel_tol=rtol, abs_tol=rtol * 1e-6):
        return _verdict(True, f"{name}: {value:.6g} is right.")
    return _verdict(False, f"{name}: {value:.6g} is not it. {hint}".strip())


def check_beats_baseline(features, *, baseline=("bedrooms", "bathrooms", "floors")):
    """Do these King County features give a lower validation RMSE than the baseline's?

    Scored on validation rows held out from the training rows (never on the
    test set, which stays for the final report), with the course's model:
    standardised, closed form, the splits of ``house_price_model``; so every
    learner is scored alike.
    """
    from .data import HOUSE_COLUMNS
    from .widgets import house_price_model  # imported here: checks of chapters 1–5 need no widgets

    if isinstance(features, str):
        features = (features,)
    try:
        features = tuple(features)
    except TypeError:
        return _verdict(False, f"features: give a list of column names, got {_describe(features)}.")
    unknown = [f for f in features if f not in HOUSE_COLUMNS or f == "price"]
    if not features or unknown:
        return _verdict(False, f"features: {', '.join(map(repr, unknown)) or 'nothing'} is not a usable column; "
                               f"choose from {', '.join(c for c in HOUSE_COLUMNS if c != 'price')}.")
    yours = house_price_model(features)
    base = house_price_model(baseline)
    if yours["rmse_val"] < base["rmse_val"]:
        return _verdict(True, f"validation RMSE ${yours['rmse_val']:,.0f} beats the baseline's "
                              f"${base['rmse_val']:,.0f}. Now, once, the test set: RMSE ${yours['rmse_test']:,.0f} "
                              f"(baseline ${base['rmse_test']:,.0f}).")
    return _verdict(False, f"validation RMSE ${yours['rmse_val']:,.0f} does not beat the baseline's "
                           f"${base['rmse_val']:,.0f}. Hint: which column says most about a house's size or quality?")
