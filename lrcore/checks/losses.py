"""Chapter 2: the losses."""

from __future__ import annotations

import numpy as np

from ..losses import mae, mse, rmse
from ._core import _cases, _never_raises, check_function


def _sq(t, p):
    return (np.asarray(p) - np.asarray(t)) ** 2


def _ab(t, p):
    return np.abs(np.asarray(p) - np.asarray(t))


@_never_raises
def check_mse(func):
    """Check the learner's ``mse(y_true, y_pred)`` = (1/n)·Σ (ŷᵢ − yᵢ)².

    Returns
    -------
    CheckResult
    """
    cases = [(y, w * x + b) for x, y, w, b in _cases(3)]
    mistakes = [
        (lambda t, p: np.sum(_sq(t, p)), "that is the SSE, the sum of the squares: the MSE divides it by n "
                                         "(np.mean, not np.sum)."),
        (lambda t, p: np.sum(_sq(t, p)) / (len(t) - 1), "you divided by n − 1 (as for a sample variance): the MSE "
                                                        "divides by n."),
        (lambda t, p: np.mean(_sq(t, p)) / 2, "that is ½·MSE; this exercise's MSE has no ½: (1/n)·Σ rᵢ²."),
        (lambda t, p: np.sqrt(np.mean(_sq(t, p))), "that is the RMSE: the MSE stops before the square root."),
        (lambda t, p: np.mean(_ab(t, p)), "that is the MAE: square each residual instead of taking |rᵢ|."),
        (lambda t, p: np.mean(np.asarray(p) - np.asarray(t)), "you averaged the residuals without squaring them: "
                                                              "misses above and below the line cancel."),
        (lambda t, p: np.mean(np.asarray(p) - np.asarray(t)) ** 2, "you squared the mean residual: square each "
                                                                   "residual first, then take the mean."),
    ]
    return check_function(func, mse, cases, name="mse(y_true, y_pred)", mistakes=mistakes,
                          hint="Hint: square each residual, then take the mean (divide by n, not n − 1).")


@_never_raises
def check_mae(func):
    """Check the learner's ``mae(y_true, y_pred)`` = (1/n)·Σ |ŷᵢ − yᵢ|.

    Returns
    -------
    CheckResult
    """
    cases = [(y, w * x + b) for x, y, w, b in _cases(4)]
    mistakes = [
        (lambda t, p: np.mean(np.asarray(p) - np.asarray(t)), "you averaged the residuals without their absolute "
                                                              "value: misses above and below cancel. Use np.abs."),
        (lambda t, p: np.abs(np.mean(np.asarray(p) - np.asarray(t))), "you took the absolute value of the mean: "
                                                                      "take |rᵢ| of each residual first."),
        (lambda t, p: np.sum(_ab(t, p)), "that is the sum of the |rᵢ|: the MAE divides it by n (np.mean)."),
        (lambda t, p: np.mean(_sq(t, p)), "that is the MSE: take the absolute value |rᵢ|, not the square."),
        (lambda t, p: np.sqrt(np.mean(_sq(t, p))), "that is the RMSE: the MAE is the mean of the absolute values "
                                                   "|rᵢ|, no squares."),
    ]
    return check_function(func, mae, cases, name="mae(y_true, y_pred)", mistakes=mistakes,
                          hint="Hint: the mean of the absolute residuals |ŷᵢ − yᵢ| (np.abs).")


@_never_raises
def check_rmse(func):
    """Check the learner's ``rmse(y_true, y_pred)`` = √MSE, in the units of y.

    Returns
    -------
    CheckResult
    """
    cases = [(y, w * x + b) for x, y, w, b in _cases(5)]
    mistakes = [
        (lambda t, p: np.mean(_sq(t, p)), "that is the MSE: take its square root (np.sqrt) to get back to the "
                                          "units of y."),
        (lambda t, p: np.sqrt(np.sum(_sq(t, p))), "that is √SSE, the root of the sum: RMSE = √(SSE/n), the root "
                                                  "of the mean."),
        (lambda t, p: np.sqrt(np.sum(_sq(t, p))) / len(t), "you divided by n outside the square root: "
                                                           "RMSE = √(SSE/n), so n goes under the root."),
        (lambda t, p: np.sqrt(np.sum(_sq(t, p)) / (len(t) - 1)), "you divided by n − 1: RMSE = √(SSE/n)."),
        (lambda t, p: np.mean(_ab(t, p)), "that is the MAE: the RMSE squares the residuals, takes the mean, then "
                                          "the square root."),
    ]
    return check_function(func, rmse, cases, name="rmse(y_true, y_pred)", mistakes=mistakes,
                          hint="Hint: the square root of the MSE, so that it is in the units of y.")


