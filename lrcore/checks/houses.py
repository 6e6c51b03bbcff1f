"""Chapter 6: beat the baseline, on validation rows only."""

from __future__ import annotations

import functools

import numpy as np

from ._core import _describe, _never_raises, _NotNumbers, _safe_repr, _verdict

_NOT_QUANTITIES = {
    "zipcode": "zipcode is a code, not a quantity: 98004 is not 'more' than 98001 in any sense that bears on price, "
               "so a straight-line weight on it means nothing. Leave it out.",
    "price": "price is what the model predicts, so it cannot also be one of its inputs.",
}


@functools.lru_cache(maxsize=64)
def _validation_rmse(model, features):
    return float(model(features)["rmse_val"])


def _feature_tuple(features):
    """The learner's features as a tuple of names without repeats, or raise ``_NotNumbers`` with what is wrong."""
    if isinstance(features, (str, np.str_)):
        features = (str(features),)
    elif isinstance(features, np.ndarray):
        features = tuple(features.reshape(-1).tolist()) if features.size <= 1000 else None
    elif isinstance(features, (list, tuple, set, frozenset)) and len(features) <= 1000:
        features = tuple(features)
    else:
        features = None
    if features is None:
        raise _NotNumbers("give a list of column names, like [\"sqft_living\", \"grade\"]")
    not_text = [f for f in features if not isinstance(f, str)]
    if not_text:
        raise _NotNumbers(f"column names are text in quotes, like \"grade\"; got {_describe(not_text[0])}")
    return tuple(dict.fromkeys(features))


@_never_raises
def check_beats_baseline(features, *, baseline=("bedrooms", "bathrooms", "floors")):
    """Do these King County features give a lower validation RMSE than the baseline's?

    Scored on validation rows held out from the training rows, with the
    course's model: standardised, closed form, the splits of
    ``house_price_model``, so every learner is scored alike. The check never
    looks at the test set and never reports a test number: the test set stays
    for the one final report of the chosen model.

    Parameters
    ----------
    features : str or sequence of str
        Columns of ``lrcore.data.HOUSE_COLUMNS``, except ``price`` (the
        target) and ``zipcode`` (a code, not a quantity).
    baseline : sequence of str
        The features to beat.

    Returns
    -------
    CheckResult
    """
    from ..data import HOUSE_COLUMNS
    from ..houses import house_price_model  # imported here: checks of chapters 1–5 never load the house data

    usable = ", ".join(c for c in HOUSE_COLUMNS if c not in _NOT_QUANTITIES)
    try:
        features = _feature_tuple(features)
    except _NotNumbers as exc:
        return _verdict(False, f"features: {exc}.")
    unknown = [f for f in features if f not in HOUSE_COLUMNS]
    if not features or unknown:
        return _verdict(False, f"features: {', '.join(_safe_repr(f, 40) for f in unknown) or 'nothing'} is not a "
                               f"column of the data; choose from {usable}.")
    for column, why in _NOT_QUANTITIES.items():
        if column in features:
            return _verdict(False, f"features: {why}")
    yours = _validation_rmse(house_price_model, features)
    base = _validation_rmse(house_price_model, tuple(baseline))
    if yours < base:
        return _verdict(True, f"validation RMSE ${yours:,.0f} beats the baseline's ${base:,.0f}. The test set "
                              "stays untouched until you report your chosen model, once.")
    return _verdict(False, f"validation RMSE ${yours:,.0f} does not beat the baseline's ${base:,.0f}. Hint: which "
                           "column says most about a house's size or quality?")
