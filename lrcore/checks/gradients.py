"""Chapter 3: the gradients of MSE and RMSE."""

from __future__ import annotations

import math

import numpy as np

from ._core import (
    _as_real,
    _cases,
    _exception_text,
    _never_raises,
    _not_a_function,
    _NotNumbers,
    _run,
    _show_numbers,
    _verdict,
)


def _true_gradient(loss, x, y, w, b):
    r = w * x + b - y
    gw, gb = 2 * float(np.mean(x * r)), 2 * float(np.mean(r))
    if loss == "rmse":
        value = math.sqrt(float(np.mean(r * r)))
        gw, gb = gw / (2 * value), gb / (2 * value)
    return gw, gb, r


def _read_pair(got):
    """(dw, db, single precision) from the learner's answer, or raise ``_NotNumbers``."""
    if isinstance(got, (tuple, list)):
        if len(got) != 2:
            raise _NotNumbers(f"a {type(got).__name__} of {len(got)} items")
        values, single = [], False
        for k, part in enumerate(got):
            try:
                arr, low = _as_real(part)
            except _NotNumbers as exc:
                raise _NotNumbers(f"a pair whose {('first', 'second')[k]} item is {exc}") from None
            if arr.size != 1:
                raise _NotNumbers(f"a pair whose {('first', 'second')[k]} item is {_show_numbers(arr)}")
            values.append(float(arr.reshape(-1)[0]))
            single = single or low
        return values[0], values[1], single
    arr, single = _as_real(got)
    if arr.size != 2:
        raise _NotNumbers(_show_numbers(arr))
    dw, db = arr.reshape(-1)
    return float(dw), float(db), single


# (label, factor as a function of n and RMSE) of a partial derivative off by a known constant
_FACTORS = {
    "mse": [("sign", lambda n, s: -1.0), ("sum", lambda n, s: n), ("half", lambda n, s: 0.5),
            ("sum", lambda n, s: -n), ("half", lambda n, s: -0.5)],
    "rmse": [("sign", lambda n, s: -1.0), ("rootsse", lambda n, s: math.sqrt(n)), ("twice", lambda n, s: 2.0),
             ("msegrad", lambda n, s: 2.0 * s), ("half", lambda n, s: 0.5), ("rootsse", lambda n, s: -math.sqrt(n)),
             ("twice", lambda n, s: -2.0), ("msegrad", lambda n, s: -2.0 * s), ("half", lambda n, s: -0.5)],
}

_FACTOR_SENTENCES = {
    "sum": "{which} n times too big: that is the gradient of the SSE, a sum; this chapter's J is MSE, so divide "
           "by n (np.mean, not np.sum).",
    "half": "{which} half the size: that is the gradient of ½·MSE; this chapter's J is MSE, so keep the 2 from "
            "d(r²)/dr = 2r.",
    "rootsse": "{which} √n times too big: that is the gradient of √SSE, the root of the sum; RMSE = √(SSE/n), so "
               "divide the MSE gradient by 2·RMSE.",
    "twice": "{which} twice the size: d√u/du = 1/(2√u), so divide the MSE gradient by 2·RMSE, not by RMSE.",
    "msegrad": "{which} still the MSE gradient: the chain rule through the square root divides it by 2·RMSE.",
    "rmse-half": "{which} half the size: start from the MSE gradient (with its 2), not ½·MSE's, and divide by "
                 "2·RMSE.",
}

_SIGN_SENTENCE = ("{which} the wrong sign: the residual is r = ŷ − y (prediction minus truth), not y − ŷ; a "
                  "flipped gradient points downhill, so descent would climb.")


def _factor_label(values, reference, factors, sizes, rmses, single):
    """The label of the constant that turns ``reference`` into ``values`` on every case ("right" for 1), or None."""
    tol = 1e-5 if single else 1e-6
    for label, factor in [("right", lambda n, s: 1.0)] + factors:
        wanted = [factor(n, s) * r for n, s, r in zip(sizes, rmses, reference, strict=True)]
        if all(math.isclose(v, e, rel_tol=tol, abs_tol=1e-9) for v, e in zip(values, wanted, strict=True)):
            sign = factor(3, 1.0) < 0
            return label, sign and label != "sign"
    return None


def _gradient_check(func, loss, name, hint_w, hint_b):
    if not callable(func):
        return _not_a_function(func, name)
    cases = _cases(6)
    results, failure, _ = _run(func, cases)
    if failure:
        return _verdict(False, f"{name}: calling it raised {_exception_text(failure[1])}")
    got, single = [], False
    for result in results:
        try:
            dw, db, low = _read_pair(result)
        except _NotNumbers as exc:
            return _verdict(False, f"{name}: expected a pair (dJ/dw, dJ/db) of numbers, got {exc}.")
        got.append((dw, db))
        single = single or low
    true = [_true_gradient(loss, *case) for case in cases]
    sizes = [len(case[0]) for case in cases]
    rmses = [math.sqrt(float(np.mean(r * r))) for _, _, r in true]
    dws, dbs = [g[0] for g in got], [g[1] for g in got]
    gws, gbs = [t[0] for t in true], [t[1] for t in true]
    factors = _FACTORS[loss]
    w_label = _factor_label(dws, gws, factors, sizes, rmses, single)
    b_label = _factor_label(dbs, gbs, factors, sizes, rmses, single)
    if w_label == ("right", False) and b_label == ("right", False):
        return _verdict(True, f"{name}: both partial derivatives match at every test point.")
    # whole-answer mistakes first
    if _factor_label(dws, gbs, [], sizes, rmses, single) and _factor_label(dbs, gws, [], sizes, rmses, single):
        return _verdict(False, f"{name}: you returned (dJ/db, dJ/dw): swap them. The pair is (dJ/dw, dJ/db), in "
                               "the order of the arguments w, b.")
    if loss == "rmse":
        mae_w = [float(np.mean(np.sign(r) * case[0])) for (_, _, r), case in zip(true, cases, strict=True)]
        mae_b = [float(np.mean(np.sign(r))) for _, _, r in true]
        if _factor_label(dws, mae_w, [], sizes, rmses, single) and _factor_label(dbs, mae_b, [], sizes, rmses, single):
            return _verdict(False, f"{name}: that is the gradient of MAE, (1/n)·Σ sign(rᵢ)·xᵢ: a factor 1/|rᵢ| per "
                                   "residual differentiates |rᵢ| term by term. The square root wraps the mean, so "
                                   "the factor is one number for all points: ∇RMSE = ∇MSE / (2·RMSE).")
        notes_b = [0.5 * float(np.sum(1 / np.abs(r))) for _, _, r in true]
        if _factor_label(dbs, notes_b, [], sizes, rmses, single):
            return _verdict(False, f"{name}: that is the notes' ½·Σ 1/|rᵢ|: the residual is missing from the top, "
                                   "the ½ should cancel the 2 of d(r²)/dr, and every term is positive, so it never "
                                   "changes sign. The chain rule gives ∇RMSE = ∇MSE / (2·RMSE).")
    sentences = []
    if w_label is None:
        published = [w * gb for (_, _, w, _), gb in zip(cases, gbs, strict=True)]
        w_label = _factor_label(dws, published, factors, sizes, rmses, single)
        if w_label is not None:
            sentences.append("your dJ/dw multiplies each residual by w where xᵢ belongs. The chain rule gives "
                             "∂(w·xᵢ + b − yᵢ)/∂w = xᵢ, so dJ/dw = (2/n)·Σ xᵢ·rᵢ.")
    sentences += _factor_sentences(loss, w_label, b_label)
    unknown = []
    x0, y0, w0, b0 = cases[0]
    if w_label is None:
        unknown.append(f"dJ/dw = {dws[0]:.6g}, expected {gws[0]:.6g}. {hint_w}")
    if b_label is None:
        unknown.append(f"dJ/db = {dbs[0]:.6g}, expected {gbs[0]:.6g}. {hint_b}")
    if unknown:
        sentences.append(f"At w = {w0:.3g}, b = {b0:.3g}: " + " ".join(unknown))
    text = " ".join(s[0].upper() + s[1:] for s in sentences)
    return _verdict(False, f"{name}: {text[0].lower()}{text[1:]}")


def _factor_sentences(loss, w_label, b_label):
    """One sentence per kind of constant-factor mistake, naming the partial derivatives it affects."""
    def parts(label):
        if label is None:
            return set()
        name, flipped = label
        out = set() if name == "right" else {name}
        return out | {"sign"} if flipped else out

    w_parts, b_parts = parts(w_label), parts(b_label)
    sentences = []
    for part in ("sign", "sum", "half", "rootsse", "twice", "msegrad"):
        where = [d for d, ps in (("dJ/dw", w_parts), ("dJ/db", b_parts)) if part in ps]
        if not where:
            continue
        which = "both partial derivatives have" if len(where) == 2 else f"your {where[0]} has"
        if part != "sign":
            which = "both partial derivatives are" if len(where) == 2 else f"your {where[0]} is"
        key = "rmse-half" if (part == "half" and loss == "rmse") else part
        template = _SIGN_SENTENCE if part == "sign" else _FACTOR_SENTENCES[key]
        sentences.append(template.format(which=which))
    return sentences


@_never_raises
def check_mse_grad(func):
    """Check the learner's ``mse_grad(x, y, w, b) -> (dJ/dw, dJ/db)`` for J = MSE and one feature.

    Names the mistakes chapter 3 teaches: w where xᵢ belongs (the published
    formula), a flipped sign, a forgotten 1/n (the SSE gradient), the ½·MSE
    convention, swapped partial derivatives.

    Returns
    -------
    CheckResult
    """
    return _gradient_check(func, "mse", "mse_grad(x, y, w, b)",
                           "Hint: (2/n)·Σ xᵢ·(ŷᵢ − yᵢ): each residual is weighted by its own xᵢ (not by w).",
                           "Hint: (2/n)·Σ (ŷᵢ − yᵢ).")


@_never_raises
def check_rmse_grad(func):
    """Check the learner's ``rmse_grad(x, y, w, b) -> (dJ/dw, dJ/db)`` for J = RMSE and one feature.

    Names the MAE gradient (a factor 1/|rᵢ| per residual), the gradient of
    √SSE, the notes' ½·Σ 1/|rᵢ|, the MSE gradient not divided by 2·RMSE, a
    flipped sign and swapped partial derivatives.

    Returns
    -------
    CheckResult
    """
    return _gradient_check(func, "rmse", "rmse_grad(x, y, w, b)",
                           "Hint: divide the MSE gradient by 2·RMSE (chain rule through the square root).",
                           "Hint: the same factor 1/(2·RMSE) applies to the b part.")


