"""Chapter 1: predict, residuals, a line by hand."""

from __future__ import annotations

import math

import numpy as np

from ..closed_form import fit_closed_form
from ..losses import mse
from ._core import _cases, _never_raises, _read_number, _verdict, check_function


@_never_raises
def check_predict(func):
    """Check the learner's ``predict(x, w, b)``, ŷ = w·x + b for a whole array ``x``.

    Returns
    -------
    CheckResult
    """
    cases = [(x, w, b) for x, _, w, b in _cases(1)]
    mistakes = [
        (lambda x, w, b: w * x, "you left out b: ŷ = w·x + b (b lifts the whole line)."),
        (lambda x, w, b: b * x + w, "w and b are swapped: w multiplies x, b is added (ŷ = w·x + b)."),
        (lambda x, w, b: w * (x + b), "the brackets are off: ŷ = w·x + b adds b after multiplying, not w·(x + b)."),
    ]
    return check_function(func, lambda x, w, b: w * x + b, cases, name="predict(x, w, b)", mistakes=mistakes,
                          hint="Hint: ŷ = w·x + b for every x at once (numpy arrays add and multiply element-wise).")


@_never_raises
def check_residuals(func):
    """Check the learner's ``residuals(x, y, w, b)`` = ŷ − y (prediction minus truth).

    Returns
    -------
    CheckResult
    """
    mistakes = [
        (lambda x, y, w, b: y - (w * x + b),
         "your signs are flipped. This course uses r = ŷ − y (prediction minus truth), so a line above a "
         "point gives r > 0."),
        (lambda x, y, w, b: (w * x + b - y) ** 2, "those are the squared residuals r²; a residual keeps its sign: "
                                                  "r = ŷ − y."),
        (lambda x, y, w, b: np.abs(w * x + b - y), "those are |r|, the sizes only; a residual keeps its sign: "
                                                   "r = ŷ − y."),
        (lambda x, y, w, b: w * x - y, "you left out b: ŷ = w·x + b, so r = w·x + b − y."),
    ]
    return check_function(func, lambda x, y, w, b: w * x + b - y, _cases(2), name="residuals(x, y, w, b)",
                          mistakes=mistakes, hint="Hint: r = (w·x + b) − y.")



@_never_raises
def check_line(x, y, w, b, *, within=0.10):
    """Is the line (w, b) within ``within`` (10%) of the least MSE on (x, y)?

    On a perfect fit (least MSE 0) a slider cannot land exactly on the line, so
    an MSE below 0.1% of the variance of y also passes.

    Parameters
    ----------
    x, y : array_like
        The data of the exercise.
    w, b : float
        The learner's slope and intercept, in any form of one number
        (2.0, np.float32(2.0), [2.0], "2.0").
    within : float
        How far above the least MSE still passes, as a fraction.

    Returns
    -------
    CheckResult
    """
    w_value, w_problem = _read_number(w, "w")
    b_value, b_problem = _read_number(b, "b")
    if w_problem or b_problem:
        return _verdict(False, "Give w and b as numbers, got " + "; ".join(filter(None, (w_problem, b_problem)))
                        + ".")
    if not (math.isfinite(w_value) and math.isfinite(b_value)):
        return _verdict(False, f"Give w and b as finite numbers, got w = {w_value}, b = {b_value}.")
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    best_w, best_b = fit_closed_form(x, y)
    best = mse(y, best_w[0] * x + best_b)
    yours = mse(y, w_value * x + b_value)
    if yours <= (1 + within) * best or yours <= 1e-3 * float(np.var(y)):
        closeness = f"within {yours / best - 1:.1%} of" if best > 0 else "as good as"
        return _verdict(True, f"Your line has MSE {yours:.4g}, {closeness} the best possible {best:.4g}.")
    return _verdict(False, f"Your line has MSE {yours:.4g}; the best possible is {best:.4g}. Move the sliders to "
                           "shrink the residuals: first b, to where the cloud starts at x = 0, then the slope w "
                           "(the line turns about its point at x = 0), then adjust both in turn.")


