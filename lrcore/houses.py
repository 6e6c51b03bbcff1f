"""The course's house-price model (chapter 6): King County sales, standardised, closed form.

Pure numpy, below the apps and the exercise checks: ``lrcore.widgets`` (the
feature picker) and ``lrcore.checks`` (``check_beats_baseline``) both use it.
"""

from __future__ import annotations

from ._validation import check_scalar, check_seed
from .closed_form import fit_closed_form
from .data import load_houses, standardize, train_test_split
from .losses import r2_score, rmse

__all__ = ["house_price_model", "BASELINE_FEATURES"]

#: The features a learner's choice is compared with.
BASELINE_FEATURES = ("bedrooms", "bathrooms", "floors")


def _fit_scaled(X_fit, y_fit, X_eval):
    """Standardise on the fitting rows, fit in closed form, predict the evaluation rows."""
    Z_fit, mean, scale = standardize(X_fit)
    Z_eval, _, _ = standardize(X_eval, mean, scale)
    w, b, info = fit_closed_form(Z_fit, y_fit, return_info=True)
    return w, b, info, mean, scale, Z_eval @ w + b


def _feature_names(features):
    """A tuple of column names; a single string is one feature ("grade"), not a sequence of letters."""
    if isinstance(features, str):
        return (features,)
    try:
        return tuple(features)
    except TypeError:
        raise TypeError(f"features must be a column name or a sequence of them, got {type(features).__name__}") from None


def house_price_model(features, *, test_size=0.2, validation_size=0.25, seed=42):
    """Fit price on ``features`` of the King County sales the course's way.

    The sales are split 80/20 into training and test rows (seed 42). To choose
    features, the training rows are split again, 75/25, into fitting and
    validation rows: ``rmse_val`` is the error on validation rows of a model
    fitted on the fitting rows. The reported model (coefficients, test scores)
    is then refitted on all training rows. Features are standardised on the
    rows each model is fitted on; the solver is ``fit_closed_form``.

    Parameters
    ----------
    features : str or sequence of str
        Columns of ``lrcore.data.HOUSE_COLUMNS``; a single name is one feature.

    Returns
    -------
    dict with ``features``, ``coef_scaled`` (dollars per standard deviation),
    ``coef`` (dollars per unit of each feature), ``intercept``, ``rmse_val``
    (dollars, for choosing), ``rmse_test``, ``r2_test`` (for reporting once),
    ``y_val``, ``pred_val`` (the validation rows and the fitting-rows model's predictions
    there: what apps show while choosing), ``y_test``, ``pred_test`` (for the final report
    only), ``mean``, ``scale`` (of the training rows) and
    ``info`` (what the closed form did: rank, κ).
    """
    features = _feature_names(features)
    test_size = check_scalar(test_size, "test_size", low=0.0, high=1.0)
    validation_size = check_scalar(validation_size, "validation_size", low=0.0, high=1.0)
    seed = check_seed(seed)
    X, y = load_houses(features)
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=test_size, seed=seed)
    X_fit, X_val, y_fit, y_val = train_test_split(X_tr, y_tr, test_size=validation_size, seed=seed)
    pred_val = _fit_scaled(X_fit, y_fit, X_val)[-1]
    w, b, info, mean, scale, pred = _fit_scaled(X_tr, y_tr, X_te)
    return {"features": features, "coef_scaled": w, "coef": w / scale, "intercept": b - float((w / scale) @ mean),
            "rmse_val": rmse(y_val, pred_val), "rmse_test": rmse(y_te, pred), "r2_test": r2_score(y_te, pred),
            "y_val": y_val, "pred_val": pred_val, "y_test": y_te, "pred_test": pred, "mean": mean, "scale": scale, "info": info}
