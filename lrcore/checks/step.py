"""Chapter 4: one step of gradient descent."""

from __future__ import annotations

import numpy as np

from ._core import _cases, _never_raises, check_function


def _grad(w, b, x, y):
    w = float(np.ravel(w)[0]) if np.ndim(w) else float(w)
    r = w * x + b - y
    return 2 * float(np.mean(x * r)), 2 * float(np.mean(r))


def _step_cases():
    return [(w, b, x, y, eta) for (x, y, w, b), eta in zip(_cases(7), (0.1, 0.05, 0.02, 0.01), strict=True)]


def _sequential_w_first(w, b, x, y, eta):
    new_w = w - eta * _grad(w, b, x, y)[0]
    return new_w, b - eta * _grad(new_w, b, x, y)[1]


def _sequential_b_first(w, b, x, y, eta):
    new_b = b - eta * _grad(w, b, x, y)[1]
    return w - eta * _grad(w, new_b, x, y)[0], new_b


def _scaled_step(scale_w, scale_b=None):
    def step(w, b, x, y, eta):
        gw, gb = _grad(w, b, x, y)
        return w - eta * scale_w(gw, gb, w, len(x)), b - eta * (scale_b or scale_w)(gb, gw, w, len(x))
    return step


_SEQUENTIAL = ("you updated one parameter, then computed the other's derivative with the new value. Both partial "
               "derivatives must come from the same old (w, b): compute dw and db first, then update both "
               "(a simultaneous update).")

_STEP_MISTAKES = [
    (_sequential_w_first, _SEQUENTIAL),
    (_sequential_b_first, _SEQUENTIAL),
    (_scaled_step(lambda g, o, w, n: -g), "you stepped uphill: the update is θ − η·∇J (minus: the gradient points "
                                          "away from the minimum)."),
    (_scaled_step(lambda g, o, w, n: g / 2), "your step is half the size: that is the gradient of ½·MSE; this "
                                             "chapter's J is MSE (lr.mse_grad includes the 2)."),
    (_scaled_step(lambda g, o, w, n: g * n), "your step is n times too big: that is the gradient of the SSE, a sum; "
                                             "this chapter's J is MSE, so divide by n."),
    (_scaled_step(lambda g, o, w, n: o), "you swapped the partial derivatives: w moves by η·dJ/dw and b by "
                                         "η·dJ/db."),
    (_scaled_step(lambda g, o, w, n: w * o, lambda g, o, w, n: g),
     "your dJ/dw multiplies each residual by w where xᵢ belongs: dJ/dw = (2/n)·Σ xᵢ·rᵢ."),
    (lambda w, b, x, y, eta: _grad(w, b, x, y), "you returned the gradient (dJ/dw, dJ/db), not the new "
                                                "(w − η·dJ/dw, b − η·dJ/db)."),
    (lambda w, b, x, y, eta: tuple(-eta * g for g in _grad(w, b, x, y)),
     "you returned the change −η·∇J: add it to the old (w, b)."),
    (lambda w, b, x, y, eta: tuple(p - g for p, g in zip((w, b), _grad(w, b, x, y), strict=True)),
     "the step forgot η: new θ = θ − η·∇J."),
]


def _one_step(w, b, x, y, eta):
    gw, gb = _grad(w, b, x, y)
    return w - eta * gw, b - eta * gb


@_never_raises
def check_step(func, cases=None):
    """Check the learner's ``step(w, b, x, y, eta) -> (new_w, new_b)``: one step θ ← θ − η·∇MSE(θ).

    The reference is one step of ``lr.gradient_descent`` on MSE, written out.
    Names a sequential update (w first, then db with the new w, or the other
    way round), a step uphill, the ½·MSE and SSE gradients, swapped partial
    derivatives, w where xᵢ belongs, a forgotten η, and returning the gradient
    or the change instead of the new (w, b).

    Parameters
    ----------
    func : callable
        The learner's function.
    cases : list of tuple, optional
        ``(w, b, x, y, eta)`` tuples; by default four data sets of the check's own.

    Returns
    -------
    CheckResult
    """
    return check_function(func, _one_step, _step_cases() if cases is None else cases, name="step(w, b, x, y, eta)",
                          mistakes=_STEP_MISTAKES,
                          hint="Hint: new w = w − eta·∂MSE/∂w and new b = b − eta·∂MSE/∂b (mind the minus sign).")


